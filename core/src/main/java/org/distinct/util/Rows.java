package org.distinct.util;

/** Row-wise operations on row-major matrices of class scores (logits). */
public final class Rows {
  private Rows() {}

  /**
   * Arg-max of each row of a row-major matrix (ties go to the lower index).
   *
   * @param m row-major {@code [n × c]} (Not modified)
   * @param n rows
   * @param c columns
   * @return the arg-max per row
   */
  public static int[] argmax(double[] m, int n, int c) {
    int[] p = new int[n];
    for (int r = 0; r < n; r++) p[r] = argmaxRow(m, r * c, c);
    return p;
  }

  /**
   * Arg-max of one row (ties go to the lower index).
   *
   * @param m the matrix (Not modified)
   * @param off offset of the row's first entry
   * @param c columns
   * @return the index of the largest entry, 0..c−1
   */
  public static int argmaxRow(double[] m, int off, int c) {
    int best = 0;
    double bv = m[off];
    for (int k = 1; k < c; k++)
      if (m[off + k] > bv) {
        bv = m[off + k];
        best = k;
      }
    return best;
  }

  /**
   * Counts rows whose arg-max (ties to the lower index) equals the label.
   *
   * @param logits row-major {@code [n × c]} (Not modified)
   * @param labels {@code [n]} (Not modified)
   * @param n rows
   * @param c classes
   * @return the number of correct rows
   */
  public static int countCorrect(double[] logits, int[] labels, int n, int c) {
    int correct = 0;
    for (int r = 0; r < n; r++) if (argmaxRow(logits, r * c, c) == labels[r]) correct++;
    return correct;
  }
}
