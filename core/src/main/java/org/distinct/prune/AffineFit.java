package org.distinct.prune;

/**
 * Least-squares fit {@code a_r ≈ α·a_k + β} of one unit's activations on another's over the patterns
 * (the spec's regression merge): {@code α = Σ(a_k − ā_k)(a_r − ā_r) / Σ(a_k − ā_k)²},
 * {@code β = ā_r − α·ā_k}. If unit k does not vary ({@code Σ(a_k − ā_k)² ≤ 1e-24·Σa_k²}) the best
 * substitute is its mean: {@code α = 0, β = ā_r}.
 *
 * @param alpha slope α
 * @param beta intercept β
 */
public record AffineFit(double alpha, double beta) {

  /**
   * Fits column {@code r} on column {@code k} of a row-major activation matrix.
   *
   * @param a activations, row-major {@code [n × h]} (Not modified)
   * @param n rows
   * @param h columns
   * @param k the regressor unit (kept)
   * @param r the regressed unit (removed)
   * @return the fit
   */
  public static AffineFit fit(double[] a, int n, int h, int k, int r) {
    double mk = 0;
    double mr = 0;
    for (int p = 0; p < n; p++) {
      mk += a[p * h + k];
      mr += a[p * h + r];
    }
    mk /= n;
    mr /= n;
    double sxx = 0;
    double sxy = 0;
    double sq = 0;
    for (int p = 0; p < n; p++) {
      double x = a[p * h + k];
      double dx = x - mk;
      sxx += dx * dx;
      sxy += dx * (a[p * h + r] - mr);
      sq += x * x;
    }
    if (!(sxx > 1e-24 * sq)) return new AffineFit(0.0, mr);
    double alpha = sxy / sxx;
    return new AffineFit(alpha, mr - alpha * mk);
  }
}
