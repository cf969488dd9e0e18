package org.distinct.util;

/** Index arrays: identities and the survivors of a removal. */
public final class Indices {
  private Indices() {}

  /**
   * @param n length
   * @return {@code [0, 1, …, n−1]}
   */
  public static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) a[i] = i;
    return a;
  }

  /**
   * @param removed one flag per index (Not modified)
   * @return the indices whose flag is false, ascending
   */
  public static int[] survivors(boolean[] removed) {
    int k = 0;
    for (boolean r : removed) if (!r) k++;
    int[] keep = new int[k];
    k = 0;
    for (int i = 0; i < removed.length; i++) if (!removed[i]) keep[k++] = i;
    return keep;
  }
}
