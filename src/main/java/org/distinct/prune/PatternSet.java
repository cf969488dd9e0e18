package org.distinct.prune;

import org.distinct.data.Dataset;

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
   * @param train training rows (Not modified)
   * @param test test rows (Not modified)
   * @return {@code train}, {@code test}, or a new dataset with the training rows followed by the test rows
   */
  public Dataset select(Dataset train, Dataset test) {
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
