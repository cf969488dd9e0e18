package org.distinct.data.split;

import java.util.List;

/**
 * Divides the rows {@code 0..n-1} of a dataset into train/test folds. Implementations are deterministic:
 * the same arguments and seed give the same folds.
 *
 * <p>A k-fold splitter returns {@code k} folds whose test parts partition {@code 0..n-1} (every row is in
 * exactly one test part) and whose train part is the complement of the test part. A hold-out splitter returns
 * one fold.
 */
public interface Splitter {

  /**
   * Splits the rows.
   *
   * @param n number of rows, at least 1
   * @param labels class per row {@code [n]} (Not modified); may be {@code null} for splitters that ignore it
   * @param groups participant id per row {@code [n]} (Not modified); may be {@code null} for splitters that
   *     ignore it
   * @param seed the random seed
   * @return the folds, in order
   * @throws IllegalArgumentException if the arguments do not allow the split (e.g. fewer groups than folds)
   */
  List<Fold> split(int n, int[] labels, int[] groups, long seed);

  /** @return a short description for reports, e.g. "participant-grouped 10-fold" */
  String describe();
}
