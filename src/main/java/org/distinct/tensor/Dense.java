package org.distinct.tensor;

/**
 * Dense matrix kernels on row-major primitive {@code double} arrays with explicit dimensions.
 *
 * <p>Every inner loop has the "axpy" form {@code y[j] += s * x[j]} over contiguous memory with a scalar
 * {@code s} held in a register, which HotSpot's C2 compiler turns into SIMD code (superword
 * vectorization); reductions (dot products) are avoided on purpose because the JIT does not reorder
 * floating-point sums. Multiplications and additions are kept separate (no {@code Math.fma}), so the
 * affine kernel adds the terms of each output in the same order as a plain dot-product loop
 * {@code s = b; for i: s += w[i] * x[i]} and gives bit-identical results to it.
 *
 * <p>Shapes are given as {@code [rows × cols]}; offsets are element offsets into the arrays.
 */
public final class Dense {
  private Dense() {}

  /**
   * Affine map of a batch, {@code y = x · Wᵀ + b}, written with the transposed weights {@code wt = Wᵀ}.
   * Each output is computed as {@code b[o] + x[r,0]·W[o,0] + x[r,1]·W[o,1] + …} in that order.
   *
   * @param x inputs {@code [n × in]} starting at {@code xOff} (Not modified)
   * @param xOff offset of row 0 in {@code x}
   * @param n number of rows
   * @param in number of inputs
   * @param wt transposed weights {@code [in × out]} (Not modified)
   * @param b biases {@code [out]} (Not modified)
   * @param out number of outputs
   * @param y outputs {@code [n × out]} starting at {@code yOff} (Modified: overwritten)
   * @param yOff offset of row 0 in {@code y}
   */
  public static void affine(
      double[] x, int xOff, int n, int in, double[] wt, double[] b, int out, double[] y, int yOff) {
    for (int r = 0; r < n; r++) {
      int yo = yOff + r * out;
      int xo = xOff + r * in;
      System.arraycopy(b, 0, y, yo, out);
      for (int i = 0; i < in; i++) {
        double xv = x[xo + i];
        int wo = i * out;
        for (int o = 0; o < out; o++) y[yo + o] += xv * wt[wo + o];
      }
    }
  }

  /**
   * Product with the untransposed weights, {@code dx = dy · W}: the gradient with respect to a layer's
   * inputs given the gradient {@code dy} with respect to its pre-activations.
   *
   * @param dy {@code [n × out]} (Not modified)
   * @param n number of rows
   * @param out number of outputs (columns of {@code dy}, rows of {@code w})
   * @param w weights {@code [out × in]} (Not modified)
   * @param in number of inputs
   * @param dx {@code [n × in]} (Modified: overwritten)
   */
  public static void multiply(double[] dy, int n, int out, double[] w, int in, double[] dx) {
    for (int r = 0; r < n; r++) {
      int xo = r * in;
      int yo = r * out;
      java.util.Arrays.fill(dx, xo, xo + in, 0.0);
      for (int o = 0; o < out; o++) {
        double d = dy[yo + o];
        int wo = o * in;
        for (int i = 0; i < in; i++) dx[xo + i] += d * w[wo + i];
      }
    }
  }

  /**
   * Weight and bias gradients of an affine map: {@code dw = dyᵀ · x} and {@code db = Σ_rows dy}, summed
   * over the rows in increasing order.
   *
   * @param dy gradient w.r.t. pre-activations {@code [n × out]} (Not modified)
   * @param x inputs {@code [n × in]} starting at {@code xOff} (Not modified)
   * @param xOff offset of row 0 in {@code x}
   * @param n number of rows
   * @param in number of inputs
   * @param out number of outputs
   * @param dw weight gradient {@code [out × in]} (Modified: overwritten)
   * @param db bias gradient {@code [out]} (Modified: overwritten)
   */
  public static void outerGradients(
      double[] dy, double[] x, int xOff, int n, int in, int out, double[] dw, double[] db) {
    java.util.Arrays.fill(dw, 0, out * in, 0.0);
    java.util.Arrays.fill(db, 0, out, 0.0);
    for (int r = 0; r < n; r++) {
      int yo = r * out;
      int xo = xOff + r * in;
      for (int o = 0; o < out; o++) {
        double d = dy[yo + o];
        int wo = o * in;
        for (int i = 0; i < in; i++) dw[wo + i] += d * x[xo + i];
      }
      for (int o = 0; o < out; o++) db[o] += dy[yo + o];
    }
  }

  /**
   * Transposes a matrix.
   *
   * @param a {@code [rows × cols]} (Not modified)
   * @param rows rows of {@code a}
   * @param cols columns of {@code a}
   * @param at {@code [cols × rows]} (Modified: overwritten with {@code aᵀ})
   */
  public static void transpose(double[] a, int rows, int cols, double[] at) {
    for (int r = 0; r < rows; r++) {
      int ro = r * cols;
      for (int c = 0; c < cols; c++) at[c * rows + r] = a[ro + c];
    }
  }
}
