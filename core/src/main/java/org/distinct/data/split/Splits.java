package org.distinct.data.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Helpers shared by the splitters (package-private). */
final class Splits {
  private Splits() {}

  /** Fisher–Yates shuffle of {@code a} in place with the given stream. */
  static void shuffle(int[] a, SplittableRandom rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  static int[] range(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) a[i] = i;
    return a;
  }

  static void checkN(int n) {
    if (n < 1) throw new IllegalArgumentException("need at least one row, got n=" + n);
  }

  static void checkK(int k) {
    if (k < 2) throw new IllegalArgumentException("k must be at least 2, got " + k);
  }

  static void checkFraction(double f) {
    if (!(f > 0 && f < 1)) throw new IllegalArgumentException("test fraction must be in (0, 1), got " + f);
  }

  static int[] requireArray(String name, int[] a, int n) {
    if (a == null) throw new IllegalArgumentException(name + " are required for this split");
    if (a.length != n) throw new IllegalArgumentException(name + " has " + a.length + " entries, expected " + n);
    return a;
  }

  static void checkLabels(int[] labels) {
    for (int i = 0; i < labels.length; i++)
      if (labels[i] < 0) throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is negative");
  }

  /** @return the distinct values of {@code a}, ascending */
  static int[] distinct(int[] a) {
    int[] s = a.clone();
    Arrays.sort(s);
    int m = 0;
    for (int i = 0; i < s.length; i++) if (i == 0 || s[i] != s[i - 1]) s[m++] = s[i];
    return Arrays.copyOf(s, m);
  }

  /**
   * Maps each row to the index of its group among the distinct group ids (ascending).
   *
   * @param groups group per row (Not modified)
   * @param ids distinct ids, ascending (Not modified)
   * @return group index per row
   */
  static int[] groupIndex(int[] groups, int[] ids) {
    int[] gi = new int[groups.length];
    for (int i = 0; i < groups.length; i++) gi[i] = Arrays.binarySearch(ids, groups[i]);
    return gi;
  }

  /** Builds k folds from a fold assignment per row. */
  static List<Fold> foldsFromAssignment(int[] foldOf, int k) {
    int n = foldOf.length;
    List<Fold> out = new ArrayList<>(k);
    boolean[] mask = new boolean[n];
    for (int f = 0; f < k; f++) {
      for (int i = 0; i < n; i++) mask[i] = foldOf[i] == f;
      out.add(Fold.fromMask(n, mask));
    }
    return List.copyOf(out);
  }
}
