package org.distinct.train;

import java.util.List;

/**
 * Stochastic gradient descent with momentum, with exactly {@code torch.optim.SGD}'s arithmetic (dampening 0,
 * optional Nesterov), on one flat buffer.
 *
 * <p>For every element with gradient {@code g} and update factor {@code s} (1 outside the {@link UpdateScale}
 * ranges):
 * <pre>
 *   g   = g + weightDecay·p                     (only if weightDecay ≠ 0)
 *   buf = g                  at the first step,  buf = μ·buf + g  afterwards   (only if μ ≠ 0)
 *   d   = g + μ·buf  (Nesterov)  or  buf  (classic)  or  g  (μ = 0)
 *   p   = p − (lr·s)·d
 * </pre>
 */
public final class SgdMomentum implements Optimizer {
  private final double lr;
  private final double mu;
  private final double weightDecay;
  private final boolean nesterov;
  private final List<UpdateScale> scales;
  private int[][] segments;
  private double[] buf; // momentum buffer (double buffers)
  private float[] buff; // momentum buffer (float buffers)
  private long step;

  /** @param config the settings (kind must be SGD) */
  public SgdMomentum(OptimizerConfig config) {
    this(config, List.of());
  }

  /**
   * @param config the settings (kind must be SGD)
   * @param scales ranges whose update is multiplied (may be empty)
   */
  public SgdMomentum(OptimizerConfig config, List<UpdateScale> scales) {
    if (config.kind() != OptimizerConfig.Kind.SGD) throw new IllegalArgumentException("not an SGD config: " + config);
    this.lr = config.learningRate();
    this.mu = config.momentum();
    this.weightDecay = config.weightDecay();
    this.nesterov = config.nesterov();
    this.scales = List.copyOf(scales);
  }

  @Override
  public void step(double[] params, double[] grads) {
    if (buff != null) throw new IllegalStateException("this optimizer updates a float buffer");
    boolean first = buf == null;
    if (first) {
      buf = new double[params.length];
      segments = FlatBuffer.segments(params.length, scales);
    }
    FlatBuffer.check(params.length, grads.length, buf.length);
    step++;
    for (int[] seg : segments) {
      double rate = seg[2] < 0 ? lr : lr * scales.get(seg[2]).factor();
      for (int i = seg[0]; i < seg[1]; i++) {
        double gi = weightDecay == 0 ? grads[i] : grads[i] + weightDecay * params[i];
        double d;
        if (mu == 0) {
          d = gi;
        } else {
          double bi = first ? gi : buf[i] * mu + gi;
          buf[i] = bi;
          d = nesterov ? gi + mu * bi : bi;
        }
        params[i] = params[i] - rate * d;
      }
    }
  }

  @Override
  public void step(float[] params, float[] grads) {
    if (buf != null) throw new IllegalStateException("this optimizer updates a double buffer");
    boolean first = buff == null;
    if (first) {
      buff = new float[params.length];
      segments = FlatBuffer.segments(params.length, scales);
    }
    FlatBuffer.check(params.length, grads.length, buff.length);
    step++;
    float m = (float) mu;
    float wd = (float) weightDecay;
    for (int[] seg : segments) {
      float rate = (float) (seg[2] < 0 ? lr : lr * scales.get(seg[2]).factor());
      for (int i = seg[0]; i < seg[1]; i++) {
        float gi = wd == 0 ? grads[i] : grads[i] + wd * params[i];
        float d;
        if (mu == 0) {
          d = gi;
        } else {
          float bi = first ? gi : buff[i] * m + gi;
          buff[i] = bi;
          d = nesterov ? gi + m * bi : bi;
        }
        params[i] = params[i] - rate * d;
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
    buff = null;
    segments = null;
    step = 0;
  }
}
