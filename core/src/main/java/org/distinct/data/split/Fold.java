package org.distinct.data.split;

import java.util.Objects;

/**
 * One train/test division of the rows {@code 0..n-1}: both index arrays are strictly increasing and share no
 * index. Arrays are shared, not copied: treat them as read-only.
 *
 * @param train row indices used for training, sorted ascending {@code [nTrain]}
 * @param test row indices held out for testing (or validation), sorted ascending {@code [nTest]}
 */
public record Fold(int[] train, int[] test) {

  /** Checks that both arrays are strictly increasing, non-negative and disjoint. */
  public Fold {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    checkSorted("train", train);
    checkSorted("test", test);
    int i = 0;
    int j = 0;
    while (i < train.length && j < test.length) {
      if (train[i] == test[j]) throw new IllegalArgumentException("index " + train[i] + " is in train and test");
      if (train[i] < test[j]) i++;
      else j++;
    }
  }

  private static void checkSorted(String name, int[] a) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] < 0) throw new IllegalArgumentException(name + " has negative index " + a[i]);
      if (i > 0 && a[i] <= a[i - 1])
        throw new IllegalArgumentException(name + " is not strictly increasing at position " + i);
    }
  }

  /**
   * Builds the fold whose test part is the given rows and whose training part is all other rows of
   * {@code 0..n-1}.
   *
   * @param n number of rows
   * @param inTest {@code [n]} true for test rows (Not modified)
   * @return the fold
   */
  public static Fold fromMask(int n, boolean[] inTest) {
    if (inTest.length != n) throw new IllegalArgumentException("mask has " + inTest.length + " entries, expected " + n);
    int nTest = 0;
    for (boolean b : inTest) if (b) nTest++;
    int[] test = new int[nTest];
    int[] train = new int[n - nTest];
    int a = 0;
    int b = 0;
    for (int i = 0; i < n; i++) {
      if (inTest[i]) test[a++] = i;
      else train[b++] = i;
    }
    return new Fold(train, test);
  }
}
