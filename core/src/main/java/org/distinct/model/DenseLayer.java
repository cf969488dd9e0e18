package org.distinct.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fully connected layer {@code a = f(W x + b)}.
 *
 * <p>Storage follows PyTorch's {@code nn.Linear}: {@code w} is row-major {@code [out × in]} (row o holds the
 * incoming weights of unit o), {@code b} is {@code [out]}. Removing unit o of this layer deletes row o of
 * {@code w} and entry o of {@code b}, and column o of the next layer's {@code w}.
 *
 * <p>The arrays are the layer's own storage: callers must treat them as read-only (use {@link #copy()}
 * before changing anything); models are immutable by convention.
 *
 * @param in number of inputs
 * @param out number of units
 * @param w weights, row-major {@code [out × in]}
 * @param b biases {@code [out]}
 * @param activation the element-wise activation (IDENTITY for the logits layer)
 */
public record DenseLayer(int in, int out, double[] w, double[] b, Activation activation) {

  /** Checks shapes and finiteness. */
  public DenseLayer {
    if (in <= 0 || out <= 0) throw new IllegalArgumentException("layer shape must be positive: " + out + "x" + in);
    if (w.length != in * out) throw new IllegalArgumentException("w has " + w.length + " values, expected " + out + "x" + in);
    if (b.length != out) throw new IllegalArgumentException("b has " + b.length + " values, expected " + out);
    if (activation == null) throw new IllegalArgumentException("activation is null");
  }

  /**
   * A layer initialised like PyTorch's {@code nn.Linear}: weights and biases uniform in
   * {@code [-1/sqrt(in), 1/sqrt(in)]}.
   *
   * @param in number of inputs
   * @param out number of units
   * @param activation activation
   * @param rng source of randomness (Modified: advanced)
   * @return a new layer
   */
  public static DenseLayer initialize(int in, int out, Activation activation, SplittableRandom rng) {
    double bound = 1.0 / Math.sqrt(in);
    double[] w = new double[in * out];
    double[] b = new double[out];
    for (int i = 0; i < w.length; i++) w[i] = rng.nextDouble(-bound, bound);
    for (int i = 0; i < b.length; i++) b[i] = rng.nextDouble(-bound, bound);
    return new DenseLayer(in, out, w, b, activation);
  }

  /** @return a deep copy */
  public DenseLayer copy() {
    return new DenseLayer(in, out, w.clone(), b.clone(), activation);
  }

  /** @return weight of the connection from input {@code i} to unit {@code o} */
  public double weight(int o, int i) {
    return w[o * in + i];
  }

  /** @return number of trainable parameters ({@code out·in + out}) */
  public int parameterCount() {
    return in * out + out;
  }

  /**
   * Forward pass over a batch.
   *
   * @param x inputs, row-major {@code [n × in]} (Not modified)
   * @param n number of rows
   * @param a output, row-major {@code [n × out]} (Modified: overwritten with activations)
   */
  public void forward(double[] x, int n, double[] a) {
    for (int r = 0; r < n; r++) {
      int xo = r * in;
      int ao = r * out;
      for (int o = 0; o < out; o++) {
        double s = b[o];
        int wo = o * in;
        for (int i = 0; i < in; i++) s += w[wo + i] * x[xo + i];
        a[ao + o] = activation.apply(s);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DenseLayer d
        && d.in == in
        && d.out == out
        && d.activation == activation
        && Arrays.equals(d.w, w)
        && Arrays.equals(d.b, b);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(w) + Arrays.hashCode(b);
  }

  @Override
  public String toString() {
    return "DenseLayer[" + in + "->" + out + ", " + activation + "]";
  }
}
