package org.distinct.train;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015) with exactly {@code torch.optim.Adam}'s arithmetic (single-tensor path, amsgrad off),
 * on one flat buffer.
 *
 * <p>At step {@code t} (1-based), for every element with gradient {@code g} and update factor {@code s} (1 outside
 * the {@link UpdateScale} ranges):
 * <pre>
 *   g  = g + weightDecay·p                      (only if weightDecay ≠ 0)
 *   m  = β₁·m + (1 − β₁)·g
 *   v  = β₂·v + (1 − β₂)·g²
 *   p  = p − (lr / (1 − β₁ᵗ) · s) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * Moments start at zero. Scalar factors are computed in double as Python computes them; the float path keeps its
 * state in float and rounds those factors to float once, as PyTorch does for float32 tensors.
 */
public final class Adam implements Optimizer {
  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final List<UpdateScale> scales;
  private int[][] segments; // {from, to, scale index} over the buffer, built on the first step
  private double[] m; // first moments (double buffers)
  private double[] v; // second moments
  private float[] mf; // first moments (float buffers)
  private float[] vf;
  private long step;

  /** @param config the settings (kind must be ADAM) */
  public Adam(OptimizerConfig config) {
    this(config, List.of());
  }

  /**
   * @param config the settings (kind must be ADAM)
   * @param scales ranges whose update is multiplied (may be empty)
   */
  public Adam(OptimizerConfig config, List<UpdateScale> scales) {
    if (config.kind() != OptimizerConfig.Kind.ADAM) throw new IllegalArgumentException("not an Adam config: " + config);
    this.lr = config.learningRate();
    this.beta1 = config.beta1();
    this.beta2 = config.beta2();
    this.eps = config.epsilon();
    this.weightDecay = config.weightDecay();
    this.scales = List.copyOf(scales);
  }

  @Override
  public void step(double[] params, double[] grads) {
    if (mf != null) throw new IllegalStateException("this optimizer updates a float buffer");
    if (m == null) {
      m = new double[params.length];
      v = new double[params.length];
      segments = FlatBuffer.segments(params.length, scales);
    }
    FlatBuffer.check(params.length, grads.length, m.length);
    step++;
    double bc1 = 1.0 - Math.pow(beta1, step);
    double bc2Sqrt = Math.sqrt(1.0 - Math.pow(beta2, step));
    for (int[] seg : segments) {
      double stepSize = seg[2] < 0 ? lr / bc1 : lr / bc1 * scales.get(seg[2]).factor();
      update(params, grads, seg[0], seg[1], stepSize, bc2Sqrt);
    }
  }

  private void update(double[] p, double[] g, int from, int to, double stepSize, double bc2Sqrt) {
    double b1 = beta1;
    double b2 = beta2;
    double c1 = 1.0 - beta1;
    double c2 = 1.0 - beta2;
    double e = eps;
    double wd = weightDecay;
    double[] mt = m;
    double[] vt = v;
    for (int i = from; i < to; i++) {
      double gi = wd == 0 ? g[i] : g[i] + wd * p[i];
      double mi = mt[i] * b1 + c1 * gi;
      double vi = vt[i] * b2 + c2 * gi * gi;
      mt[i] = mi;
      vt[i] = vi;
      p[i] = p[i] - stepSize * (mi / (Math.sqrt(vi) / bc2Sqrt + e));
    }
  }

  @Override
  public void step(float[] params, float[] grads) {
    if (m != null) throw new IllegalStateException("this optimizer updates a double buffer");
    if (mf == null) {
      mf = new float[params.length];
      vf = new float[params.length];
      segments = FlatBuffer.segments(params.length, scales);
    }
    FlatBuffer.check(params.length, grads.length, mf.length);
    step++;
    double bc1 = 1 - Math.pow(beta1, step);
    float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, step));
    for (int[] seg : segments) {
      float stepSize = (float) (lr / bc1 * (seg[2] < 0 ? 1.0 : scales.get(seg[2]).factor()));
      update(params, grads, seg[0], seg[1], stepSize, bc2Sqrt);
    }
  }

  private void update(float[] p, float[] g, int from, int to, float stepSize, float bc2Sqrt) {
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float a1 = (float) (1 - beta1);
    float a2 = (float) (1 - beta2);
    float e = (float) eps;
    float wd = (float) weightDecay;
    float[] mt = mf;
    float[] vt = vf;
    for (int i = from; i < to; i++) {
      float gi = wd == 0 ? g[i] : g[i] + wd * p[i];
      float mi = mt[i] * b1 + a1 * gi;
      float vi = vt[i] * b2 + a2 * gi * gi;
      mt[i] = mi;
      vt[i] = vi;
      float denom = (float) Math.sqrt(vi) / bc2Sqrt + e;
      p[i] = p[i] - stepSize * (mi / denom);
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
    mf = null;
    vf = null;
    segments = null;
    step = 0;
  }
}
