package org.distinct.prune;

import org.distinct.data.LabelledData;

/** Which patterns activation vectors are computed over (the spec's default: the training patterns). */
public enum PatternSet {
  /** The rows the model was trained on. */
  TRAIN,
  /** The test rows. */
  TEST,
  /** Training and test rows together. */
  ALL;

  /**
   * @param text {@code train}, {@code test} or {@code all} (case-insensitive)
   * @return the set
   * @throws IllegalArgumentException for anything else
   */
  public static PatternSet parse(String text) {
    for (PatternSet p : values()) if (p.name().equalsIgnoreCase(text.trim())) return p;
    throw new IllegalArgumentException("unknown pattern set '" + text + "' (train, test, all)");
  }

  /**
   * Picks the rows.
   *
   * @param <D> the data type
   * @param train training patterns (Not modified)
   * @param test test patterns (Not modified)
   * @return {@code train}, {@code test}, or new data with the training patterns followed by the test patterns
   */
  public <D extends LabelledData<D>> D select(D train, D test) {
    switch (this) {
      case TRAIN:
        return train;
      case TEST:
        return test;
      default:
        return train.concat(test);
    }
  }
}
