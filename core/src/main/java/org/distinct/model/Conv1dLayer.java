package org.distinct.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One convolutional layer of a {@link Conv1d}, in the layout of PyTorch's {@code nn.Conv1d(in, out, kernel,
 * stride, padding)} (dilation 1, one group, with bias), followed by an element-wise activation (ReLU or tanh).
 *
 * <p>Over an input of {@code L} positions (row-major {@code [L × in]}, time-major: position by position) the layer
 * computes {@code L' = ⌊(L + 2·padding − kernel) / stride⌋ + 1} output positions
 *
 * <pre>
 *   z[q, o] = b[o] + Σ_{c &lt; in} Σ_{j &lt; kernel} w[o, c, j] · x̃[q·stride + j − padding, c],   a[q, o] = f(z[q, o])
 * </pre>
 *
 * where {@code x̃} is the input with {@code padding} zero rows on both sides (as {@code nn.Conv1d} pads). The
 * weight index of {@code w[o, c, j]} is {@code (o·in + c)·kernel + j}, PyTorch's {@code weight} tensor
 * {@code [out × in × kernel]} flattened.
 *
 * <p>Immutable by convention: the arrays are the layer's storage; treat them as read-only.
 *
 * @param in input channels (the data's values per step for layer 0, the previous layer's channels otherwise)
 * @param out output channels (the layer's units)
 * @param kernel kernel size (taps) ≥ 1
 * @param stride stride ≥ 1
 * @param padding zero rows added on each side ≥ 0, less than {@code kernel} (a window of padding only would see
 *     nothing but zeros)
 * @param activation {@link Activation#RELU} or {@link Activation#TANH}
 * @param w weights {@code [out × in × kernel]}
 * @param b biases {@code [out]}
 */
public record Conv1dLayer(int in, int out, int kernel, int stride, int padding, Activation activation, double[] w, double[] b) {

  /** Checks sizes, activation and array lengths. */
  public Conv1dLayer {
    if (in < 1 || out < 1) throw new IllegalArgumentException("channels must be positive: " + in + " in, " + out + " out");
    if (kernel < 1) throw new IllegalArgumentException("kernel size must be >= 1: " + kernel);
    if (stride < 1) throw new IllegalArgumentException("stride must be >= 1: " + stride);
    if (padding < 0 || padding >= kernel)
      throw new IllegalArgumentException("padding must lie in 0.." + (kernel - 1) + " for kernel size " + kernel + ": " + padding);
    if (activation != Activation.RELU && activation != Activation.TANH)
      throw new IllegalArgumentException("a Conv1D layer uses relu or tanh, not " + activation);
    if (w == null || w.length != out * in * kernel)
      throw new IllegalArgumentException("w has " + (w == null ? 0 : w.length) + " values, expected " + out * in * kernel);
    if (b == null || b.length != out) throw new IllegalArgumentException("b has " + (b == null ? 0 : b.length) + " values, expected " + out);
  }

  /**
   * A layer initialised like PyTorch's {@code nn.Conv1d.reset_parameters}: {@code kaiming_uniform_(a=√5)} gives
   * weights uniform in {@code [−1/√(in·kernel), 1/√(in·kernel)]}, and the biases are uniform in the same bound;
   * drawn in the order {@code w} (flat index order), then {@code b}.
   *
   * @param shape sizes and activation of the layer
   * @param rng randomness (Modified: advanced)
   * @return the layer
   */
  public static Conv1dLayer initialize(Shape shape, SplittableRandom rng) {
    double bound = 1.0 / Math.sqrt((double) shape.in() * shape.kernel());
    double[] w = new double[shape.out() * shape.in() * shape.kernel()];
    for (int i = 0; i < w.length; i++) w[i] = rng.nextDouble(-bound, bound);
    double[] b = new double[shape.out()];
    for (int i = 0; i < b.length; i++) b[i] = rng.nextDouble(-bound, bound);
    return new Conv1dLayer(shape.in(), shape.out(), shape.kernel(), shape.stride(), shape.padding(), shape.activation(), w, b);
  }

  /**
   * The sizes of a layer without its parameters (what initialisation and engines need).
   *
   * @param in input channels
   * @param out output channels
   * @param kernel kernel size
   * @param stride stride
   * @param padding zero padding on each side
   * @param activation relu or tanh
   */
  public record Shape(int in, int out, int kernel, int stride, int padding, Activation activation) {}

  /** @return this layer's sizes */
  public Shape shape() {
    return new Shape(in, out, kernel, stride, padding, activation);
  }

  /**
   * @param inputLength input positions L ≥ 0
   * @return {@code ⌊(L + 2·padding − kernel) / stride⌋ + 1}, or 0 when the padded input is shorter than the kernel
   */
  public int outputLength(int inputLength) {
    int span = inputLength + 2 * padding - kernel;
    return span < 0 ? 0 : span / stride + 1;
  }

  /** @return {@code out·in·kernel + out} */
  public int parameterCount() {
    return out * in * kernel + out;
  }

  /**
   * The textbook forward pass (the definition above, one loop per index, double): what the fast kernels of
   * {@link Conv1d} must agree with.
   *
   * @param x input, row-major {@code [length × in]} (Not modified)
   * @param length input positions
   * @return activations, row-major {@code [L' × out]}
   * @throws IllegalArgumentException when the input gives no output position
   */
  public double[] forward(double[] x, int length) {
    int lo = outputLength(length);
    if (lo < 1) throw new IllegalArgumentException(length + " positions are too few for kernel " + kernel + " with padding " + padding);
    double[] a = new double[lo * out];
    for (int q = 0; q < lo; q++)
      for (int o = 0; o < out; o++) {
        double z = b[o];
        for (int c = 0; c < in; c++)
          for (int j = 0; j < kernel; j++) {
            int t = q * stride + j - padding;
            if (t >= 0 && t < length) z += w[(o * in + c) * kernel + j] * x[t * in + c];
          }
        a[q * out + o] = activation.apply(z);
      }
    return a;
  }

  /** @return a deep copy */
  public Conv1dLayer copy() {
    return new Conv1dLayer(in, out, kernel, stride, padding, activation, w.clone(), b.clone());
  }

  /**
   * @param newW weights {@code [newOut × newIn × kernel]}
   * @param newB biases {@code [newOut]}
   * @param newIn input channels
   * @param newOut output channels
   * @return a layer of the same kernel, stride, padding and activation with other parameters (what surgery returns)
   */
  public Conv1dLayer with(double[] newW, double[] newB, int newIn, int newOut) {
    return new Conv1dLayer(newIn, newOut, kernel, stride, padding, activation, newW, newB);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Conv1dLayer l && l.in == in && l.out == out && l.kernel == kernel && l.stride == stride && l.padding == padding
        && l.activation == activation && Arrays.equals(l.w, w) && Arrays.equals(l.b, b);
  }

  @Override
  public int hashCode() {
    int h = ((in * 31 + out) * 31 + kernel) * 31 + stride;
    h = (h * 31 + padding) * 31 + activation.hashCode();
    return (h * 31 + Arrays.hashCode(w)) * 31 + Arrays.hashCode(b);
  }

  @Override
  public String toString() {
    return "conv " + in + "->" + out + " k" + kernel + " s" + stride + " p" + padding + " " + activation.name().toLowerCase(Locale.ROOT);
  }
}
