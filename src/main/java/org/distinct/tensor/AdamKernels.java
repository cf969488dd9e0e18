package org.distinct.tensor;

/**
 * One step of Adam (Kingma &amp; Ba 2015) on a flat parameter array, with exactly the arithmetic of
 * PyTorch's {@code torch.optim.Adam} (single-tensor path, no weight decay, no AMSGrad):
 *
 * <pre>
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   stepSize = lr / (1 − β1^t)          (in double, as Python computes it)
 *   denom    = sqrt(v) / sqrt(1 − β2^t) + ε
 *   p ← p − stepSize · m / denom
 * </pre>
 *
 * The float overload keeps the state in float and rounds the scalar factors to float once, as PyTorch does
 * for float32 tensors.
 */
public final class AdamKernels {
  private AdamKernels() {}

  /**
   * Double Adam step.
   *
   * @param p parameters (Modified)
   * @param g gradient (Not modified)
   * @param m first moment (Modified)
   * @param v second moment (Modified)
   * @param n number of entries to update (from index 0)
   * @param step 1-based step number t
   * @param lr learning rate
   * @param beta1 β1
   * @param beta2 β2
   * @param eps ε
   */
  public static void step(
      double[] p, double[] g, double[] m, double[] v, int n, long step, double lr, double beta1, double beta2, double eps) {
    step(p, g, m, v, n, step, lr, beta1, beta2, eps, 1.0);
  }

  /**
   * Double Adam step whose update is multiplied by {@code updateScale}. With {@code updateScale = 2} it
   * reproduces PyTorch's update of a sum of two parameters that always receive the same gradient (the
   * hidden bias {@code b = b_ih + b_hh} of {@code nn.RNN}: both halves move by the same Adam step).
   *
   * @param p parameters (Modified)
   * @param g gradient (Not modified)
   * @param m first moment (Modified)
   * @param v second moment (Modified)
   * @param n number of entries to update (from index 0)
   * @param step 1-based step number t
   * @param lr learning rate
   * @param beta1 β1
   * @param beta2 β2
   * @param eps ε
   * @param updateScale factor on the update (1 for plain Adam)
   */
  public static void step(
      double[] p, double[] g, double[] m, double[] v, int n, long step, double lr, double beta1, double beta2,
      double eps, double updateScale) {
    if (step < 1) throw new IllegalArgumentException("Adam steps count from 1: " + step);
    double bc1 = 1 - Math.pow(beta1, step);
    double bc2 = 1 - Math.pow(beta2, step);
    double stepSize = lr / bc1 * updateScale;
    double bc2Sqrt = Math.sqrt(bc2);
    double a1 = 1 - beta1;
    double a2 = 1 - beta2;
    for (int i = 0; i < n; i++) {
      double gi = g[i];
      double mi = m[i] * beta1 + a1 * gi;
      double vi = v[i] * beta2 + a2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      double denom = Math.sqrt(vi) / bc2Sqrt + eps;
      p[i] = p[i] - stepSize * (mi / denom);
    }
  }

  /**
   * Float Adam step (state and parameters in float).
   *
   * @param p parameters (Modified)
   * @param g gradient (Not modified)
   * @param m first moment (Modified)
   * @param v second moment (Modified)
   * @param n number of entries to update (from index 0)
   * @param step 1-based step number t
   * @param lr learning rate
   * @param beta1 β1
   * @param beta2 β2
   * @param eps ε
   */
  public static void step(
      float[] p, float[] g, float[] m, float[] v, int n, long step, double lr, double beta1, double beta2, double eps) {
    step(p, g, m, v, n, step, lr, beta1, beta2, eps, 1.0);
  }

  /**
   * Float Adam step whose update is multiplied by {@code updateScale} (see the double version).
   *
   * @param p parameters (Modified)
   * @param g gradient (Not modified)
   * @param m first moment (Modified)
   * @param v second moment (Modified)
   * @param n number of entries to update (from index 0)
   * @param step 1-based step number t
   * @param lr learning rate
   * @param beta1 β1
   * @param beta2 β2
   * @param eps ε
   * @param updateScale factor on the update (1 for plain Adam)
   */
  public static void step(
      float[] p, float[] g, float[] m, float[] v, int n, long step, double lr, double beta1, double beta2,
      double eps, double updateScale) {
    if (step < 1) throw new IllegalArgumentException("Adam steps count from 1: " + step);
    double bc1 = 1 - Math.pow(beta1, step);
    double bc2 = 1 - Math.pow(beta2, step);
    float stepSize = (float) (lr / bc1 * updateScale);
    float bc2Sqrt = (float) Math.sqrt(bc2);
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float a1 = (float) (1 - beta1);
    float a2 = (float) (1 - beta2);
    float e = (float) eps;
    for (int i = 0; i < n; i++) {
      float gi = g[i];
      float mi = m[i] * b1 + a1 * gi;
      float vi = v[i] * b2 + a2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      float denom = (float) Math.sqrt(vi) / bc2Sqrt + e;
      p[i] = p[i] - stepSize * (mi / denom);
    }
  }
}
