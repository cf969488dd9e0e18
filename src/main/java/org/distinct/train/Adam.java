package org.distinct.train;

/**
 * Adam (Kingma &amp; Ba 2015) with exactly {@code torch.optim.Adam}'s arithmetic (amsgrad off).
 *
 * <p>At step {@code t} (1-based), for every element with gradient {@code g}:
 * <pre>
 *   g  = g + weightDecay·p                      (only if weightDecay ≠ 0)
 *   m  = β₁·m + (1 − β₁)·g
 *   v  = β₂·v + (1 − β₂)·g²
 *   p  = p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * Moments start at zero.
 */
public final class Adam implements Optimizer {
  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private double[][] m; // first moments, same shapes as the parameters
  private double[][] v; // second moments
  private long step;

  /** @param config the settings (kind must be ADAM) */
  public Adam(OptimizerConfig config) {
    if (config.kind() != OptimizerConfig.Kind.ADAM) throw new IllegalArgumentException("not an Adam config: " + config);
    this.lr = config.learningRate();
    this.beta1 = config.beta1();
    this.beta2 = config.beta2();
    this.eps = config.epsilon();
    this.weightDecay = config.weightDecay();
  }

  @Override
  public void step(double[][] params, double[][] grads) {
    if (m == null) {
      m = new double[params.length][];
      v = new double[params.length][];
      for (int t = 0; t < params.length; t++) {
        m[t] = new double[params[t].length];
        v[t] = new double[params[t].length];
      }
    }
    checkShapes(params, grads, m);
    step++;
    double bc1 = 1.0 - Math.pow(beta1, step);
    double bc2 = 1.0 - Math.pow(beta2, step);
    double stepSize = lr / bc1;
    double bc2Sqrt = Math.sqrt(bc2);
    double b1 = beta1;
    double b2 = beta2;
    double c1 = 1.0 - beta1;
    double c2 = 1.0 - beta2;
    double e = eps;
    double wd = weightDecay;
    for (int t = 0; t < params.length; t++) {
      double[] p = params[t];
      double[] g = grads[t];
      double[] mt = m[t];
      double[] vt = v[t];
      int len = p.length;
      if (wd == 0) {
        for (int i = 0; i < len; i++) {
          double gi = g[i];
          double mi = mt[i] * b1 + c1 * gi;
          double vi = vt[i] * b2 + c2 * gi * gi;
          mt[i] = mi;
          vt[i] = vi;
          p[i] = p[i] - stepSize * (mi / (Math.sqrt(vi) / bc2Sqrt + e));
        }
      } else {
        for (int i = 0; i < len; i++) {
          double gi = g[i] + wd * p[i];
          double mi = mt[i] * b1 + c1 * gi;
          double vi = vt[i] * b2 + c2 * gi * gi;
          mt[i] = mi;
          vt[i] = vi;
          p[i] = p[i] - stepSize * (mi / (Math.sqrt(vi) / bc2Sqrt + e));
        }
      }
    }
  }

  @Override
  public long steps() {
    return step;
  }

  @Override
  public void reset() {
    m = null;
    v = null;
    step = 0;
  }

  static void checkShapes(double[][] params, double[][] grads, double[][] state) {
    if (params.length != grads.length || params.length != state.length)
      throw new IllegalArgumentException("optimizer got " + params.length + " parameter tensors, "
          + grads.length + " gradients and has state for " + state.length);
    for (int t = 0; t < params.length; t++)
      if (params[t].length != state[t].length || grads[t].length != state[t].length)
        throw new IllegalArgumentException("tensor " + t + " has " + params[t].length + " parameters and "
            + grads[t].length + " gradients, state has " + state[t].length);
  }
}
