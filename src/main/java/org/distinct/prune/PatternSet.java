package org.distinct.prune;

import java.util.ArrayList;
import java.util.List;
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
        if (train.cols() != test.cols())
          throw new IllegalArgumentException("train has " + train.cols() + " columns, test " + test.cols());
        int n = train.rows() + test.rows();
        double[] x = new double[n * train.cols()];
        System.arraycopy(train.x(), 0, x, 0, train.x().length);
        System.arraycopy(test.x(), 0, x, train.x().length, test.x().length);
        int[] y = new int[n];
        int[] g = new int[n];
        System.arraycopy(train.labels(), 0, y, 0, train.rows());
        System.arraycopy(test.labels(), 0, y, train.rows(), test.rows());
        System.arraycopy(train.groups(), 0, g, 0, train.rows());
        System.arraycopy(test.groups(), 0, g, train.rows(), test.rows());
        List<String> names = new ArrayList<>(train.featureNames());
        return new Dataset(
            train.source() + " + " + test.source(), x, n, train.cols(), y, g, names, train.classNames());
    }
  }
}
