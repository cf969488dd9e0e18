/**
 * Neutral helpers used by every layer and depending on none: atomic file writes ({@link
 * org.distinct.util.AtomicFiles}), ordered parallel execution ({@link org.distinct.util.OrderedParallel}, {@link
 * org.distinct.util.WorkSplitter}), row-wise arg-max ({@link org.distinct.util.Rows}) and index arrays ({@link
 * org.distinct.util.Indices}).
 */
package org.distinct.util;
