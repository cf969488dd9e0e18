package org.distinct.onnx;

import org.distinct.model.GatedCell;

/**
 * Gate orders of ONNX and of distinct (PyTorch's). ONNX's LSTM blocks are {@code i, o, f, c}, distinct's
 * {@code i, f, g, o}; ONNX's GRU blocks are {@code z, r, h}, distinct's {@code r, z, n}. A matrix or bias holds G blocks
 * of H rows, each row {@code cols} wide.
 */
final class GateOrder {
  /** For each distinct block (i, f, g, o), the ONNX block (i, o, f, c) it comes from. */
  private static final int[] LSTM_FROM_ONNX = {0, 2, 3, 1};
  /** For each distinct block (r, z, n), the ONNX block (z, r, h) it comes from. */
  private static final int[] GRU_FROM_ONNX = {1, 0, 2};

  private GateOrder() {}

  private static int[] map(GatedCell cell) {
    return cell == GatedCell.LSTM ? LSTM_FROM_ONNX : GRU_FROM_ONNX;
  }

  /**
   * @param cell the cell
   * @param onnx rows in ONNX block order, {@code [G·H × cols]} (Not modified)
   * @param h units per block
   * @param cols values per row
   * @return the rows in distinct's block order (a new array)
   */
  static double[] fromOnnx(GatedCell cell, double[] onnx, int h, int cols) {
    int[] m = map(cell);
    double[] out = new double[onnx.length];
    int block = h * cols;
    for (int d = 0; d < m.length; d++) System.arraycopy(onnx, m[d] * block, out, d * block, block);
    return out;
  }

  /**
   * @param cell the cell
   * @param distinct rows in distinct's block order, {@code [G·H × cols]} (Not modified)
   * @param h units per block
   * @param cols values per row
   * @return the rows in ONNX's block order (a new array)
   */
  static double[] toOnnx(GatedCell cell, double[] distinct, int h, int cols) {
    int[] m = map(cell);
    double[] out = new double[distinct.length];
    int block = h * cols;
    for (int d = 0; d < m.length; d++) System.arraycopy(distinct, d * block, out, m[d] * block, block);
    return out;
  }
}
