/**
 * Data: reading feature tables and per-song series as distributed (xlsx, csv), the labelled data sets
 * ({@link org.distinct.data.Dataset}, {@link org.distinct.data.SequenceDataset}, both
 * {@link org.distinct.data.LabelledData}), preprocessing fitted on training data (min–max scaling, median filter,
 * downsampling), inspection, and the seeded demo generator {@link org.distinct.data.DemoData}.
 */
package org.distinct.data;
