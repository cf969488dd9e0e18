package org.distinct.tensor;

/**
 * The double weights of one LSTM or GRU layer packed for {@link GatedKernels#step} (inference), gate row as in
 * {@link GatedFloatWeights} ({@code [i, f, g, o]} or {@code [r, z, hn, xn]}, blocks of {@code hp}), true
 * weights (no scaling). Padding entries are 0.
 */
public final class GatedDoubleWeights {
  /** True for the LSTM, false for the GRU. */
  public final boolean lstm;
  /** Gate blocks G (4 or 3). */
  public final int gates;
  /** Inputs per step. */
  public final int in;
  /** Hidden units H. */
  public final int hidden;
  /** Padded hidden size. */
  public final int hp;
  /** Gate row width {@code 4·hp}. */
  public final int width;
  /** Recurrent width {@code G·hp}. */
  public final int recurrent;
  /** Input weights {@code [in × 4hp]}. */
  public final double[] wIhT;
  /** Gate-row bias {@code [4hp]} (LSTM {@code b_ih + b_hh}; GRU {@code [b_ir+b_hr, b_iz+b_hz, b_hn, b_in]}). */
  public final double[] bx;
  /** Recurrent weights {@code [H × G·hp]}. */
  public final double[] wHhT;

  /**
   * Allocates a zero layer.
   *
   * @param lstm true for an LSTM layer, false for a GRU layer
   * @param in inputs per step
   * @param hidden hidden units
   * @param hp padded hidden size from {@link GatedKernels#paddedSize} with double precision (≥ hidden)
   */
  public GatedDoubleWeights(boolean lstm, int in, int hidden, int hp) {
    if (in < 1 || hidden < 1 || hp < hidden) throw new IllegalArgumentException("bad gated layer sizes " + in + ", " + hidden + ", " + hp);
    this.lstm = lstm;
    this.gates = lstm ? 4 : 3;
    this.in = in;
    this.hidden = hidden;
    this.hp = hp;
    this.width = 4 * hp;
    this.recurrent = gates * hp;
    wIhT = new double[in * width];
    bx = new double[width];
    wHhT = new double[hidden * recurrent];
  }

  /**
   * Loads PyTorch-layout parameters.
   *
   * @param wIh {@code [G·H × in]} (Not modified)
   * @param wHh {@code [G·H × H]} (Not modified)
   * @param bIh {@code [G·H]} (Not modified)
   * @param bHh {@code [G·H]} (Not modified)
   * @return this
   */
  public GatedDoubleWeights load(double[] wIh, double[] wHh, double[] bIh, double[] bHh) {
    for (int k = 0; k < gates; k++) {
      int blk = GatedFloatWeights.inputBlock(lstm, k);
      for (int u = 0; u < hidden; u++) {
        int r = k * hidden + u;
        int col = blk * hp + u;
        for (int c = 0; c < in; c++) wIhT[c * width + col] = wIh[r * in + c];
        for (int j = 0; j < hidden; j++) wHhT[j * recurrent + k * hp + u] = wHh[r * hidden + j];
        if (!lstm && k == 2) {
          bx[2 * hp + u] = bHh[r];
          bx[3 * hp + u] = bIh[r];
        } else {
          bx[col] = bIh[r] + bHh[r];
        }
      }
    }
    return this;
  }
}
