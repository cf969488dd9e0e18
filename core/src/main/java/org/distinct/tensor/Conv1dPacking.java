package org.distinct.tensor;

import java.util.Arrays;

/**
 * The packed layouts of {@link Conv1dKernels}: one convolutional layer as a matrix product over sliding windows.
 *
 * <p>A layer's input is a buffer of rows, one row per (zero-padded) position, {@code inStride ≥ in} values per row
 * (the padding lanes hold zeros). Because consecutive rows are contiguous, the {@code kernel} rows that output
 * position q reads form one contiguous <em>window</em> of {@code window = kernel·inStride} values starting at
 * {@code q·step}, {@code step = stride·inStride}: the im2col matrix comes for free. The weights are packed so that
 * window element {@code m = j·inStride + c} (tap j, input channel c) meets output channel o at
 * {@code w[m·outStride + o] = W[o, c, j]} (PyTorch's {@code weight [out × in × kernel]}); {@code wt} holds the same
 * numbers transposed, {@code wt[o·window + m]}, for the gradient with respect to the input. Lanes of padded input
 * channels ({@code c ≥ in}) and of padded output channels ({@code o ≥ out}) are zero, so padded output lanes stay
 * exactly 0 through ReLU and tanh.
 */
public final class Conv1dPacking {
  private Conv1dPacking() {}

  /**
   * The sizes of one packed layer.
   *
   * @param kernel kernel size (taps)
   * @param stride stride
   * @param in input channels
   * @param inStride values per input row (≥ in)
   * @param out output channels
   * @param outStride values per output row and per weight row (≥ out; the kernels' padded channel count)
   */
  public record Geometry(int kernel, int stride, int in, int inStride, int out, int outStride) {
    /** Checks the sizes. */
    public Geometry {
      if (kernel < 1 || stride < 1 || in < 1 || out < 1 || inStride < in || outStride < out)
        throw new IllegalArgumentException("bad conv geometry: kernel " + kernel + ", stride " + stride + ", in " + in + "/" + inStride
            + ", out " + out + "/" + outStride);
    }

    /** @return values of one input window, {@code kernel·inStride} */
    public int window() {
      return kernel * inStride;
    }

    /** @return distance between the windows of consecutive output positions, {@code stride·inStride} */
    public int step() {
      return stride * inStride;
    }

    /** @return length of the packed weights, {@code window·outStride} */
    public int weights() {
      return window() * outStride;
    }
  }

  /**
   * A packed float layer (training). The arrays are the engine's: it refreshes them in place.
   *
   * @param g sizes
   * @param f activation
   * @param w weights {@code [window × outStride]}
   * @param wt the same, transposed: {@code [outStride × window]}
   * @param b biases {@code [outStride]}
   */
  public record FloatLayer(Geometry g, Conv1dKernels.Nonlinearity f, float[] w, float[] wt, float[] b) {
    /** Checks the array lengths. */
    public FloatLayer {
      if (w.length != g.weights() || wt.length != g.weights() || b.length != g.outStride())
        throw new IllegalArgumentException("packed float layer arrays do not fit " + g);
    }

    /**
     * @param g sizes
     * @param f activation
     * @return a layer of zeros
     */
    public static FloatLayer zeros(Geometry g, Conv1dKernels.Nonlinearity f) {
      return new FloatLayer(g, f, new float[g.weights()], new float[g.weights()], new float[g.outStride()]);
    }

    /** Recomputes {@link #wt} from {@link #w}. */
    public void transpose() {
      int window = g.window();
      int os = g.outStride();
      for (int m = 0; m < window; m++) for (int o = 0; o < os; o++) wt[o * window + m] = w[m * os + o];
    }
  }

  /**
   * A packed double layer (inference).
   *
   * @param g sizes
   * @param f activation
   * @param w weights {@code [window × outStride]}
   * @param b biases {@code [outStride]}
   */
  public record DoubleLayer(Geometry g, Conv1dKernels.Nonlinearity f, double[] w, double[] b) {
    /** Checks the array lengths. */
    public DoubleLayer {
      if (w.length != g.weights() || b.length != g.outStride()) throw new IllegalArgumentException("packed double layer arrays do not fit " + g);
    }
  }

  /**
   * Packs PyTorch-layout double weights for inference.
   *
   * @param g sizes
   * @param f activation
   * @param w {@code [out × in × kernel]} (Not modified)
   * @param b {@code [out]} (Not modified)
   * @return the packed layer
   */
  public static DoubleLayer packDouble(Geometry g, Conv1dKernels.Nonlinearity f, double[] w, double[] b) {
    double[] pw = new double[g.weights()];
    double[] pb = new double[g.outStride()];
    int os = g.outStride();
    for (int o = 0; o < g.out(); o++) {
      pb[o] = b[o];
      for (int c = 0; c < g.in(); c++)
        for (int j = 0; j < g.kernel(); j++) pw[(j * g.inStride() + c) * os + o] = w[(o * g.in() + c) * g.kernel() + j];
    }
    return new DoubleLayer(g, f, pw, pb);
  }

  /**
   * Writes PyTorch-layout double weights, rounded to float, into a packed float buffer ({@code w} then {@code b}).
   *
   * @param g sizes
   * @param w {@code [out × in × kernel]} (Not modified)
   * @param b {@code [out]} (Not modified)
   * @param dst destination (Modified: {@code [off, off + g.weights() + g.outStride())}, padding lanes set to 0)
   * @param off offset of the packed weights in {@code dst}
   */
  public static void packFloat(Geometry g, double[] w, double[] b, float[] dst, int off) {
    Arrays.fill(dst, off, off + g.weights() + g.outStride(), 0f);
    int os = g.outStride();
    for (int o = 0; o < g.out(); o++) {
      dst[off + g.weights() + o] = (float) b[o];
      for (int c = 0; c < g.in(); c++)
        for (int j = 0; j < g.kernel(); j++) dst[off + (j * g.inStride() + c) * os + o] = (float) w[(o * g.in() + c) * g.kernel() + j];
    }
  }

  /**
   * Reads packed float weights (or their gradients) back into PyTorch's layout.
   *
   * @param g sizes
   * @param src packed buffer (Not modified): weights at {@code off}, biases right after them
   * @param off offset of the packed weights
   * @return {@code {w [out × in × kernel], b [out]}} in double
   */
  public static double[][] unpackFloat(Geometry g, float[] src, int off) {
    double[] w = new double[g.out() * g.in() * g.kernel()];
    double[] b = new double[g.out()];
    int os = g.outStride();
    for (int o = 0; o < g.out(); o++) {
      b[o] = src[off + g.weights() + o];
      for (int c = 0; c < g.in(); c++)
        for (int j = 0; j < g.kernel(); j++) w[(o * g.in() + c) * g.kernel() + j] = src[off + (j * g.inStride() + c) * os + o];
    }
    return new double[][] {w, b};
  }
}
