package org.distinct.tensor;

/**
 * Converts PyTorch-layout RNN weights (row-major, one row per receiving unit) to and from the padded layouts
 * of {@link RnnKernels}. Padding lanes are zero, which keeps padded hidden units at exactly 0.
 */
public final class RnnPacking {
  private RnnPacking() {}

  /**
   * @param w row-major {@code [rows × cols]} (Not modified)
   * @param rows rows of {@code w} (hidden units)
   * @param cols columns of {@code w}
   * @param hp padded stride ≥ rows
   * @return {@code [cols × hp]} with {@code out[c·hp + r] = w[r·cols + c]}
   */
  public static double[] transposePadded(double[] w, int rows, int cols, int hp) {
    double[] out = new double[cols * hp];
    for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) out[c * hp + r] = w[r * cols + c];
    return out;
  }

  /**
   * @param w row-major {@code [rows × cols]} (Not modified)
   * @param rows rows of {@code w} (hidden units)
   * @param cols columns of {@code w}
   * @param hp padded stride ≥ rows
   * @return float {@code [cols × hp]} with {@code out[c·hp + r] = (float) w[r·cols + c]}
   */
  public static float[] transposePaddedFloat(double[] w, int rows, int cols, int hp) {
    float[] out = new float[cols * hp];
    for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) out[c * hp + r] = (float) w[r * cols + c];
    return out;
  }

  /**
   * Transposes a padded float matrix in place of another: {@code out[r·hp + c] = in[c·hp + r]} for
   * {@code r, c < n} (turns {@code wHhT} into {@code wHh} and back).
   *
   * @param in {@code [n × hp]} (Not modified)
   * @param n logical size
   * @param hp padded stride
   * @param out {@code [n × hp]} (Modified: the n × n block overwritten, padding untouched)
   */
  public static void transposeSquare(float[] in, int n, int hp, float[] out) {
    for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) out[r * hp + c] = in[c * hp + r];
  }

  /**
   * @param w row-major {@code [rows × cols]} (Not modified)
   * @param rows rows
   * @param cols columns
   * @param hp padded stride ≥ cols
   * @return float {@code [rows × hp]} with {@code out[r·hp + c] = (float) w[r·cols + c]}
   */
  public static float[] padRowsFloat(double[] w, int rows, int cols, int hp) {
    float[] out = new float[rows * hp];
    for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) out[r * hp + c] = (float) w[r * cols + c];
    return out;
  }

  /**
   * @param v vector (Not modified)
   * @param hp padded length ≥ v.length
   * @return a copy padded with zeros to {@code hp}
   */
  public static double[] pad(double[] v, int hp) {
    double[] out = new double[hp];
    System.arraycopy(v, 0, out, 0, v.length);
    return out;
  }

  /**
   * Inverse of {@link #transposePaddedFloat}: back to a row-major double {@code [rows × cols]}.
   *
   * @param p {@code [cols × hp]} (Not modified)
   * @param rows rows of the result (hidden units)
   * @param cols columns of the result
   * @param hp padded stride
   * @return row-major {@code [rows × cols]}
   */
  public static double[] untransposeToDouble(float[] p, int rows, int cols, int hp) {
    double[] out = new double[rows * cols];
    for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) out[r * cols + c] = p[c * hp + r];
    return out;
  }
}
