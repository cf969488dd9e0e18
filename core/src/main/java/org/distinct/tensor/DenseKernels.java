package org.distinct.tensor;

/**
 * Dense-layer kernels on padded row-major {@code double} matrices, in two implementations that give
 * bit-identical results: {@link PlainDenseKernels} (plain Java) and {@code VectorDenseKernels} (the Vector
 * API, chosen by {@link DenseKernelsProvider} when {@code jdk.incubator.vector} is present).
 *
 * <p>Layout: every row of a matrix with {@code k} logical columns is stored with a stride
 * {@code kP = }{@link #pad}{@code (k)} (a multiple of {@link #PAD}); padding entries of weights and biases
 * are zero. Each result is a sum in a fixed order with separate multiplications and additions (no fused
 * multiply-add): {@code affine} adds {@code b[o] + Σ_i x_i·W[o,i]} in increasing {@code i},
 * {@code outerGradients} sums over rows in increasing order starting from 0, {@code multiply} over
 * outputs in increasing order starting from 0. This is also the order of a plain dot-product loop, so
 * results equal {@code DenseLayer.forward} to the last bit.
 */
public interface DenseKernels {
  /** Padding granularity of row strides (8 doubles = one 512-bit vector). */
  int PAD = 8;

  /**
   * @param k logical number of columns
   * @return {@code k} rounded up to a multiple of {@link #PAD}
   */
  static int pad(int k) {
    return (k + PAD - 1) / PAD * PAD;
  }

  /**
   * Affine map {@code y[r, :] = b + Σ_{i<in} x[r, i] · wt[i, :]} (i.e. {@code x · Wᵀ + b}) for all
   * {@code outP} padded columns.
   *
   * @param x inputs, row {@code r} starting at {@code xOff + r·xStride} (Not modified)
   * @param xOff offset of row 0
   * @param xStride row stride of {@code x}
   * @param n number of rows
   * @param in number of (logical) inputs
   * @param wt transposed weights {@code [in × outP]}, zero-padded (Not modified)
   * @param b biases {@code [outP]}, zero-padded (Not modified)
   * @param outP padded number of outputs (multiple of {@link #PAD})
   * @param y outputs {@code [n × outP]} (Modified: overwritten)
   */
  void affine(double[] x, int xOff, int xStride, int n, int in, double[] wt, double[] b, int outP, double[] y);

  /**
   * Weight and bias gradients {@code dw[o, :] = Σ_r dy[r, o] · x[r, :]} for {@code o < out} and
   * {@code db[:] = Σ_r dy[r, :]}.
   *
   * @param dy gradient w.r.t. pre-activations {@code [n × outP]} (Not modified)
   * @param outP padded outputs (stride of {@code dy})
   * @param out logical outputs
   * @param x inputs {@code [n × inP]} (Not modified)
   * @param inP padded inputs (stride of {@code x} and {@code dw})
   * @param n number of rows
   * @param dw {@code [out × inP]} (Modified: overwritten)
   * @param db {@code [outP]} (Modified: overwritten)
   */
  void outerGradients(double[] dy, int outP, int out, double[] x, int inP, int n, double[] dw, double[] db);

  /**
   * Input gradient {@code dx[r, :] = Σ_{o<out} dy[r, o] · w[o, :]}.
   *
   * @param dy {@code [n × outP]} (Not modified)
   * @param outP padded outputs (stride of {@code dy})
   * @param out logical outputs
   * @param w weights {@code [out × inP]}, zero-padded (Not modified)
   * @param inP padded inputs (stride of {@code w} and {@code dx})
   * @param n number of rows
   * @param dx {@code [n × inP]} (Modified: overwritten)
   */
  void multiply(double[] dy, int outP, int out, double[] w, int inP, int n, double[] dx);

  /**
   * Logistic sigmoid in place, {@code z ← 1 / (1 + e^−z)} for {@code z ≥ 0} and {@code e^z / (1 + e^z)}
   * otherwise, with {@link FastMath#sigmoid} (identical bits in both implementations).
   *
   * @param z values (Modified: {@code z[0 .. len)})
   * @param len number of values (a multiple of {@link #PAD})
   */
  void sigmoid(double[] z, int len);

  /** @return a short name ("plain" or "vector, N lanes") */
  String name();

  /** @return the doubles each vector operation of these kernels works on (1 for the plain kernels) */
  default int lanes() {
    return 1;
  }
}
