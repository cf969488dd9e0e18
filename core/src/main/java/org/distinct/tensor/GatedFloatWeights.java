package org.distinct.tensor;

import java.util.Arrays;

/**
 * The float weights of one LSTM or GRU layer packed for {@link GatedKernels} (training). Built once per engine
 * and refreshed from PyTorch-layout parameters by {@link #load}; padding entries are never written and stay 0,
 * which keeps padded hidden units at exactly 0 in every step.
 *
 * <p>The <b>gate row</b> of a step has 4 blocks of {@code hp} lanes for both cells:
 *
 * <ul>
 *   <li>LSTM: {@code [i, f, g, o]};
 *   <li>GRU: {@code [r, z, hn, xn]} with {@code hn = W_hn h + b_hn} and {@code xn = W_in x + b_in} kept apart
 *       (the reset gate multiplies {@code hn} only); the recurrent blocks are the first three.
 * </ul>
 *
 * Forward copies ({@link #wIhT}, {@link #bx}, {@link #wHhT}) have the columns of the sigmoid gates (LSTM i, f,
 * o; GRU r, z) scaled by ½ (exact in binary floating point), so that the kernels compute
 * {@code σ(a) = ½ + ½·tanh(a/2)} with one tanh over the row. Backward copies ({@link #wHh}, {@link #wIhRows})
 * hold the true weights.
 */
public final class GatedFloatWeights {
  /** True for the LSTM (4 gate blocks i, f, g, o), false for the GRU (r, z, n). */
  public final boolean lstm;
  /** Gate blocks G of the cell (4 or 3). */
  public final int gates;
  /** Inputs per step. */
  public final int in;
  /** Hidden units H. */
  public final int hidden;
  /** Padded hidden size (row stride of every per-unit vector). */
  public final int hp;
  /** Padded input stride of {@link #wIhRows} (the lower layer's {@code hp}; 0 when input gradients are not needed). */
  public final int inP;
  /** Gate row width {@code 4·hp}. */
  public final int width;
  /** Recurrent width {@code G·hp} (LSTM 4·hp, GRU 3·hp): the gate-row columns that W_hh feeds. */
  public final int recurrent;
  /** Forward input weights {@code [in × 4hp]}: {@code wIhT[k·4hp + col] = W_ih[row(col)][k]}, sigmoid columns ½. */
  public final float[] wIhT;
  /** Forward bias of the gate row {@code [4hp]}: LSTM {@code b_ih + b_hh}; GRU {@code [b_ir+b_hr, b_iz+b_hz, b_hn, b_in]}; sigmoid columns ½. */
  public final float[] bx;
  /**
   * Width of the column panels of {@link #wHhT} (0: one panel, plain row-major {@code [H × G·hp]}). With panels of
   * width P, the columns {@code [p0, p0 + P)} of all H rows are stored together, row by row, from {@code p0·H}
   * (the last panel is narrower if G·hp is not a multiple of P): the forward product then streams the weights
   * sequentially.
   */
  public final int panel;
  /**
   * Forward recurrent weights, H rows × G·hp columns in panels ({@link #recurrentIndex}): entry (j, k·hp + u) is
   * {@code W_hh[k·H + u][j]}, sigmoid columns ½.
   */
  public final float[] wHhT;
  /** Backward recurrent weights {@code [G·hp × hp]}: {@code wHh[(k·hp + u)·hp + j] = W_hh[k·H + u][j]}. */
  public final float[] wHh;
  /** Backward input weights {@code [4hp × inP]} in gate-row order (GRU block 2 is zero), or empty if {@code inP = 0}. */
  public final float[] wIhRows;

  /**
   * Allocates a zero layer.
   *
   * @param lstm true for an LSTM layer, false for a GRU layer
   * @param in inputs per step
   * @param hidden hidden units
   * @param hp padded hidden size from {@link GatedKernels#paddedSize} (≥ hidden)
   * @param inP padded input stride for input gradients (≥ in, or 0 if none are needed)
   * @param panel column panel width of {@link #wHhT} from {@link GatedKernels#panelWidth()} (0: row-major)
   */
  public GatedFloatWeights(boolean lstm, int in, int hidden, int hp, int inP, int panel) {
    if (in < 1 || hidden < 1 || hp < hidden || (inP != 0 && inP < in))
      throw new IllegalArgumentException("bad gated layer sizes: in " + in + ", hidden " + hidden + ", hp " + hp + ", inP " + inP);
    this.lstm = lstm;
    this.gates = lstm ? 4 : 3;
    this.in = in;
    this.hidden = hidden;
    this.hp = hp;
    this.inP = inP;
    this.panel = panel;
    this.width = 4 * hp;
    this.recurrent = gates * hp;
    wIhT = new float[in * width];
    bx = new float[width];
    wHhT = new float[hidden * recurrent];
    wHh = new float[recurrent * hp];
    wIhRows = new float[inP == 0 ? 0 : width * inP];
  }

  /**
   * Gate-row block of PyTorch input gate block k (LSTM k; GRU r→0, z→1, n→3).
   *
   * @param lstm the cell (true: LSTM)
   * @param k PyTorch gate block
   * @return the gate-row block
   */
  public static int inputBlock(boolean lstm, int k) {
    return !lstm && k == 2 ? 3 : k;
  }

  /**
   * @param lstm the cell (true: LSTM)
   * @param block gate-row block
   * @return whether the block holds a sigmoid gate (LSTM i, f, o; GRU r, z)
   */
  public static boolean sigmoidBlock(boolean lstm, int block) {
    return lstm ? block != 2 : block < 2;
  }

  /**
   * Loads a layer's parameters from PyTorch's layout, {@code [wIh (G·H × in) | wHh (G·H × H) | bIh (G·H) | bHh
   * (G·H)]} starting at {@code off}.
   *
   * @param p parameters (Not modified)
   * @param off offset of {@code wIh[0]}
   */
  public void load(float[] p, int off) {
    int g = gates;
    int gh = g * hidden;
    int oHh = off + gh * in;
    int oBi = oHh + gh * hidden;
    int oBh = oBi + gh;
    Arrays.fill(bx, 0f);
    for (int k = 0; k < g; k++) {
      int blk = inputBlock(lstm, k);
      float sIn = sigmoidBlock(lstm, blk) ? 0.5f : 1f;
      float sRec = sigmoidBlock(lstm, k) ? 0.5f : 1f;
      for (int u = 0; u < hidden; u++) {
        int r = k * hidden + u;
        int col = blk * hp + u;
        for (int c = 0; c < in; c++) {
          float w = p[off + r * in + c];
          wIhT[c * width + col] = sIn * w;
          if (inP != 0) wIhRows[col * inP + c] = w;
        }
        int rc = k * hp + u;
        for (int j = 0; j < hidden; j++) {
          float w = p[oHh + r * hidden + j];
          wHhT[recurrentIndex(j, rc)] = sRec * w;
          wHh[rc * hp + j] = w;
        }
        if (!lstm && k == 2) {
          bx[2 * hp + u] = p[oBh + r];
          bx[3 * hp + u] = p[oBi + r];
        } else {
          bx[col] = sIn * (p[oBi + r] + p[oBh + r]);
        }
      }
    }
  }

  /**
   * @param j row (the unit of h_{t−1})
   * @param col gate-row column, &lt; G·hp
   * @return the index of entry (j, col) in {@link #wHhT}
   */
  public int recurrentIndex(int j, int col) {
    if (panel == 0 || recurrent <= panel) return j * recurrent + col;
    int p0 = col / panel * panel;
    return p0 * hidden + j * Math.min(panel, recurrent - p0) + (col - p0);
  }

  /**
   * @return the size of the packed gradient of this layer for {@link GatedKernels#accumulateGradients}: {@code
   *     [gWihT (in × 4hp) | gWhhT (H × G·hp) | gCol (4hp)]}
   */
  public int gradientSize() {
    return in * width + hidden * recurrent + width;
  }
}
