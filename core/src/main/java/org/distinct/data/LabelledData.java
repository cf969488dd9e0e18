package org.distinct.data;

import java.util.List;

/**
 * A labelled set of patterns of one kind: the rows of a feature table ({@link Dataset}) or the sequences of a
 * series collection ({@link SequenceDataset}). What cross-validation, evaluation and pruning need to know about
 * data without knowing their layout: how many patterns, their labels and groups (participants), the class
 * names, where they came from, and how to take subsets.
 *
 * @param <D> the implementing type itself
 */
public interface LabelledData<D extends LabelledData<D>> {

  /** @return number of patterns (rows or sequences) */
  int size();

  /** @return the class of each pattern, {@code [size]} (shared; do not modify) */
  int[] labels();

  /** @return the group (participant) of each pattern, {@code [size]} (shared; do not modify) */
  int[] groups();

  /**
   * @return whether {@link #groups()} are real groups (participants, a group column) that a grouped split can keep
   *     apart, rather than one group per pattern
   */
  default boolean grouped() {
    return true;
  }

  /** @return the class names in label order */
  List<String> classNames();

  /** @return number of classes */
  default int numClasses() {
    return classNames().size();
  }

  /** @return where the data came from (file name), for messages */
  String source();

  /**
   * @param idx pattern indices (Not modified)
   * @return a new data set with those patterns, in that order
   */
  D subset(int[] idx);

  /**
   * @param other patterns of the same shape (Not modified)
   * @return a new data set with this one's patterns followed by {@code other}'s
   */
  D concat(D other);
}
