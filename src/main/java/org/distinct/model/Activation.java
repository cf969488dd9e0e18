package org.distinct.model;

/**
 * Element-wise activation of a hidden layer, with its derivative expressed through the output
 * {@code a = f(z)} (so backward passes need only the stored activations).
 */
public enum Activation {
  /** Logistic sigmoid {@code 1 / (1 + e^-z)}, outputs in (0, 1); distinctiveness centres it at 0.5. */
  SIGMOID {
    @Override
    public double apply(double z) {
      // Stable for large |z|: never exponentiates a large positive number.
      if (z >= 0) return 1.0 / (1.0 + Math.exp(-z));
      double e = Math.exp(z);
      return e / (1.0 + e);
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
