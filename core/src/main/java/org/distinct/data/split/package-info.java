/**
 * Train/test splits and k-fold cross-validation ({@link org.distinct.data.split.Splitter}): participant-grouped,
 * stratified, random, and the paper's per-song hold-out; every split is seeded and returns index
 * {@link org.distinct.data.split.Fold}s.
 */
package org.distinct.data.split;
