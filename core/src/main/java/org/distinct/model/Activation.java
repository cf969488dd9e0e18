package org.distinct.model;

import org.distinct.tensor.FastMath;

/**
 * Element-wise activation of a hidden layer, with its derivative expressed through the output
 * {@code a = f(z)} (so backward passes need only the stored activations).
 */
public enum Activation {
  /**
   * Logistic sigmoid {@code 1 / (1 + e^-z)}, outputs in (0, 1); distinctiveness centres it at 0.5. Computed
   * by {@link FastMath#sigmoid}.
   */
  SIGMOID {
    @Override
    public double apply(double z) {
      // Stable for large |z|: never exponentiates a positive number. FastMath's exponential gives the
      // same bits as the vectorized training kernels (within 2 ulp of Math.exp).
      return FastMath.sigmoid(z);
    }

    @Override
    public double derivativeFromOutput(double a) {
      return a * (1.0 - a);
    }

    @Override
    public double centre() {
      return 0.5;
    }
  },
  /** Hyperbolic tangent, outputs in (-1, 1); already centred at 0. */
  TANH {
    @Override
    public double apply(double z) {
      return Math.tanh(z);
    }

    @Override
    public double derivativeFromOutput(double a) {
      return 1.0 - a * a;
    }

    @Override
    public double centre() {
      return 0.0;
    }
  },
  /** Rectified linear unit {@code max(0, z)}; unbounded, so it has no principled centre (NaN). */
  RELU {
    @Override
    public double apply(double z) {
      return z > 0 ? z : 0.0;
    }

    @Override
    public double derivativeFromOutput(double a) {
      return a > 0 ? 1.0 : 0.0;
    }

    @Override
    public double centre() {
      return Double.NaN;
    }
  },
  /** Identity (linear unit); used for output layers (logits) and for exactness tests of the regression merge. */
  IDENTITY {
    @Override
    public double apply(double z) {
      return z;
    }

    @Override
    public double derivativeFromOutput(double a) {
      return 1.0;
    }

    @Override
    public double centre() {
      return Double.NaN;
    }
  };

  /**
   * @param z pre-activation
   * @return f(z)
   */
  public abstract double apply(double z);

  /**
   * @param a the activation f(z)
   * @return f'(z) written as a function of a
   */
  public abstract double derivativeFromOutput(double a);

  /**
   * The value subtracted from activations before angles are measured (distinctiveness spec): 0.5 for
   * sigmoid, 0 for tanh, NaN where there is no principled centre (ReLU, identity: the caller uses the
   * midpoint of the observed range and says so).
   *
   * @return the natural centre, or NaN
   */
  public abstract double centre();

  /**
   * Applies the activation in place to a contiguous range, with the same formula as {@link #apply}
   * (bit-identical results) but without a virtual call per element.
   *
   * @param z pre-activations; on return the activations (Modified: {@code z[off .. off+len)})
   * @param off first element
   * @param len number of elements
   */
  public void applyInPlace(double[] z, int off, int len) {
    int end = off + len;
    switch (this) {
      case SIGMOID:
        for (int i = off; i < end; i++) z[i] = FastMath.sigmoid(z[i]);
        break;
      case TANH:
        for (int i = off; i < end; i++) z[i] = Math.tanh(z[i]);
        break;
      case RELU:
        for (int i = off; i < end; i++) z[i] = z[i] > 0 ? z[i] : 0.0;
        break;
      case IDENTITY:
        break;
      default:
        throw new IllegalStateException(name());
    }
  }

  /**
   * Chain rule through the activation: {@code delta[i] *= f'(z_i)}, with {@code f'} written through the
   * output ({@link #derivativeFromOutput}).
   *
   * @param a activations {@code f(z)} (Not modified: {@code a[0 .. len)})
   * @param delta gradient w.r.t. the activations; on return w.r.t. the pre-activations (Modified:
   *     {@code delta[0 .. len)})
   * @param len number of elements
   */
  public void multiplyByDerivative(double[] a, double[] delta, int len) {
    switch (this) {
      case SIGMOID:
        for (int i = 0; i < len; i++) delta[i] *= a[i] * (1.0 - a[i]);
        break;
      case TANH:
        for (int i = 0; i < len; i++) delta[i] *= 1.0 - a[i] * a[i];
        break;
      case RELU:
        for (int i = 0; i < len; i++) delta[i] = a[i] > 0 ? delta[i] : 0.0;
        break;
      case IDENTITY:
        break;
      default:
        throw new IllegalStateException(name());
    }
  }

  /**
   * Parses a name case-insensitively ({@code sigmoid}, {@code tanh}, {@code relu}, {@code identity}).
   *
   * @param name the name
   * @return the activation
   * @throws IllegalArgumentException for an unknown name
   */
  public static Activation parse(String name) {
    for (Activation a : values()) if (a.name().equalsIgnoreCase(name.trim())) return a;
    throw new IllegalArgumentException("unknown activation '" + name + "' (sigmoid, tanh, relu, identity)");
  }
}
