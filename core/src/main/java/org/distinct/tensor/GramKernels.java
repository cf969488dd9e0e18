package org.distinct.tensor;

/**
 * The updates of the upper triangle of a Gram matrix {@code G = Σ_p c_pᵀ c_p} of centred activation rows, which the
 * distinctiveness angles are computed from (the pruning's inner loop: for a recurrent model every time step of every
 * sequence is a row). Two implementations give the same bits ({@link GramKernelsProvider}): each element of G receives
 * the same IEEE operations in the same order, separate multiplications and additions, no fused multiply-add.
 */
public interface GramKernels {

  /**
   * Four rows at once: {@code g[i·h + j] += c0[i]·c0[j] + c1[i]·c1[j] + c2[i]·c2[j] + c3[i]·c3[j]} for {@code j ≥ i},
   * the products added from left to right, then added to g.
   *
   * @param c the four rows {@code [4 × h]} (Not modified)
   * @param h values per row
   * @param g {@code [h × h]} (Modified: its upper triangle)
   */
  void rank4(double[] c, int h, double[] g);

  /**
   * One row: {@code g[i·h + j] += c[i]·c[j]} for {@code j ≥ i}.
   *
   * @param c rows (Not modified)
   * @param off where the row starts in {@code c}
   * @param h values per row
   * @param g {@code [h × h]} (Modified: its upper triangle)
   */
  void rank1(double[] c, int off, int h, double[] g);

  /**
   * One row of the first pass: {@code sum[u] += a[u]}, and {@code min[u]}/{@code max[u]} replaced where {@code a[u]}
   * is smaller/larger ({@code <}/{@code >}, so of equal values the first stays).
   *
   * @param a rows (Not modified)
   * @param off where the row starts
   * @param h values per row
   * @param sum per unit (Modified)
   * @param min per unit (Modified)
   * @param max per unit (Modified)
   * @return false if the row holds a value that is not finite (the arrays are then partly updated)
   */
  boolean rangeRow(double[] a, int off, int h, double[] sum, double[] min, double[] max);

  /**
   * One row of the second pass: {@code c[cOff + u] = a[off + u] − centres[u]} and {@code ss[u] += d·d} with
   * {@code d = a[off + u] − means[u]}.
   *
   * @param a rows (Not modified)
   * @param off where the row starts
   * @param h values per row
   * @param centres per unit (Not modified)
   * @param means per unit (Not modified)
   * @param c centred rows (Modified: {@code [cOff, cOff + h)})
   * @param cOff where the centred row goes
   * @param ss per unit (Modified)
   */
  void centreRow(double[] a, int off, int h, double[] centres, double[] means, double[] c, int cOff, double[] ss);

  /** @return "plain" or "vector, N lanes" */
  String name();

  /** @return the doubles each vector operation works on (1 for the plain kernels) */
  default int lanes() {
    return 1;
  }
}
