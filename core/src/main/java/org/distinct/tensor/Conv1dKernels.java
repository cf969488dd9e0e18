package org.distinct.tensor;

import org.distinct.tensor.Conv1dPacking.DoubleLayer;
import org.distinct.tensor.Conv1dPacking.FloatLayer;

/**
 * The inner loops of a 1-D convolutional layer on the packed layouts of {@link Conv1dPacking}: one sequence per call,
 * no allocation. Two implementations exist (Lucene style): a Vector API one ({@code jdk.incubator.vector}) and a
 * plain-Java fallback; {@link Conv1dKernelsProvider} picks one at start-up. Both compute the same quantities; they
 * differ only in rounding (summation order, fused multiply-add, tanh).
 *
 * <p>Notation for one layer of {@link Conv1dPacking.Geometry} g: {@code W = window}, {@code S = step},
 * {@code os = outStride}. Input rows are read as windows {@code x[xOff + q·S + m]}, m &lt; W; output row q is
 * {@code out[outOff + q·os + o]}, o &lt; os.
 */
public interface Conv1dKernels {

  /** The element-wise activations a Conv1D layer may have. */
  enum Nonlinearity {
    /** {@code max(0, z)}; derivative 1 where the output is positive, else 0. */
    RELU,
    /** {@code tanh z}; derivative {@code 1 − a²}. */
    TANH
  }

  /** @return a short name for reports ("vector-512", "plain") */
  String name();

  /**
   * @param channels channels of a layer's output
   * @param doublePrecision true for the double kernels, false for float
   * @return the row stride {@code ≥ channels} the kernels expect (a multiple of the vector length)
   */
  int paddedChannels(int channels, boolean doublePrecision);

  /**
   * Double forward pass of one layer over one sequence (inference):
   * {@code out[q, o] = f(b[o] + Σ_m x[xOff + q·S + m]·w[m·os + o])} for q &lt; positions and every o &lt; os.
   *
   * @param layer the packed layer (Not modified)
   * @param x input rows, zero-padded (Not modified)
   * @param xOff offset of the first padded input row
   * @param positions output positions to compute
   * @param out output rows (Modified: {@code [outOff, outOff + positions·os)})
   * @param outOff offset of output row 0
   */
  void forward(DoubleLayer layer, double[] x, int xOff, int positions, double[] out, int outOff);

  /**
   * Float forward pass of one layer over one sequence (training); the same formula as the double version.
   *
   * @param layer the packed layer (Not modified)
   * @param x input rows, zero-padded (Not modified)
   * @param xOff offset of the first padded input row
   * @param positions output positions to compute
   * @param out output rows (Modified: {@code [outOff, outOff + positions·os)})
   * @param outOff offset of output row 0
   */
  void forward(FloatLayer layer, float[] x, int xOff, int positions, float[] out, int outOff);

  /**
   * Accumulates the weight and bias gradients of one layer over one sequence:
   * {@code grad[gOff + m·os + o] += Σ_q x[xOff + q·S + m]·dz[dzOff + q·os + o]} and
   * {@code grad[gOff + W·os + o] += Σ_q dz[dzOff + q·os + o]} (the packed layout: weights, then biases).
   *
   * @param layer the packed layer (its sizes only)
   * @param x the layer's input rows, as in the forward pass (Not modified)
   * @param xOff offset of the first padded input row
   * @param dz gradient with respect to the pre-activations, rows of {@code os} (Not modified)
   * @param dzOff offset of row 0 of {@code dz}
   * @param positions output positions
   * @param grad gradient buffer (Modified: accumulated)
   * @param gOff offset of the layer's packed weights in {@code grad}
   */
  void weightGradients(FloatLayer layer, float[] x, int xOff, float[] dz, int dzOff, int positions, float[] grad, int gOff);

  /**
   * Accumulates the gradient with respect to the layer's (padded) input rows:
   * {@code dx[dxOff + q·S + m] += Σ_o wt[o·W + m]·dz[dzOff + q·os + o]}.
   *
   * @param layer the packed layer (Not modified: {@code wt} is read)
   * @param dz gradient with respect to the pre-activations (Not modified)
   * @param dzOff offset of row 0 of {@code dz}
   * @param positions output positions
   * @param dx gradient with respect to the padded input rows (Modified: accumulated)
   * @param dxOff offset of the first padded input row
   */
  void inputGradients(FloatLayer layer, float[] dz, int dzOff, int positions, float[] dx, int dxOff);

  /**
   * Chain rule through the activation: {@code d[dOff + i] *= f'(z)} written through the output {@code a[aOff + i]}.
   *
   * @param f the activation
   * @param a activations (Not modified)
   * @param aOff offset in {@code a}
   * @param d gradients with respect to the activations; on return with respect to the pre-activations (Modified)
   * @param dOff offset in {@code d}
   * @param n number of elements
   */
  void multiplyByDerivative(Nonlinearity f, float[] a, int aOff, float[] d, int dOff, int n);
}
