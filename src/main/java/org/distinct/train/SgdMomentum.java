package org.distinct.train;

/**
 * Stochastic gradient descent with momentum, with exactly {@code torch.optim.SGD}'s arithmetic
 * (dampening 0, optional Nesterov).
 *
 * <p>For every element with gradient {@code g}:
 * <pre>
 *   g   = g + weightDecay·p                     (only if weightDecay ≠ 0)
 *   buf = g                  at the first step,  buf = μ·buf + g  afterwards   (only if μ ≠ 0)
 *   d   = g + μ·buf  (Nesterov)  or  buf  (classic)  or  g  (μ = 0)
 *   p   = p − lr·d
 * </pre>
 */
public final class SgdMomentum implements Optimizer {
  private final double lr;
  private final double mu;
  private final double weightDecay;
  private final boolean nesterov;
  private double[][] buf; // momentum buffers, same shapes as the parameters
  private long step;

  /** @param config the settings (kind must be SGD) */
  public SgdMomentum(OptimizerConfig config) {
    if (config.kind() != OptimizerConfig.Kind.SGD) throw new IllegalArgumentException("not an SGD config: " + config);
    this.lr = config.learningRate();
    this.mu = config.momentum();
    this.weightDecay = config.weightDecay();
    this.nesterov = config.nesterov();
  }

  @Override
  public void step(double[][] params, double[][] grads) {
    boolean first = buf == null;
    if (first) {
      buf = new double[params.length][];
      for (int t = 0; t < params.length; t++) buf[t] = new double[params[t].length];
    }
    Adam.checkShapes(params, grads, buf);
    step++;
    double wd = weightDecay;
    for (int t = 0; t < params.length; t++) {
      double[] p = params[t];
      double[] g = grads[t];
      double[] bt = buf[t];
      int len = p.length;
      for (int i = 0; i < len; i++) {
        double gi = wd == 0 ? g[i] : g[i] + wd * p[i];
        double d;
        if (mu == 0) {
          d = gi;
        } else {
          double bi = first ? gi : bt[i] * mu + gi;
          bt[i] = bi;
          d = nesterov ? gi + mu * bi : bi;
        }
        p[i] = p[i] - lr * d;
      }
    }
  }

  @Override
  public long steps() {
    return step;
  }

  @Override
  public void reset() {
    buf = null;
    step = 0;
  }
}
