package org.distinct.tensor;

/**
 * What the float forward pass of one layer over one sequence keeps for the backward pass (a workspace: allocated
 * once for the longest sequence, reused for every sequence). Rows are indexed by the step t = 1..T; row 0 of
 * {@link #h} and {@link #c} is the zero initial state.
 *
 * <p>{@link GatedKernels#backward} overwrites the gate activations of each step it processes with that step's
 * deltas (the gradient at the gate pre-activations, same gate-row layout).
 */
public final class GatedTape {
  /** Padded hidden size. */
  public final int hp;
  /** Gate row width {@code 4·hp}. */
  public final int width;
  /** Longest sequence. */
  public final int maxSteps;
  /**
   * {@code [(maxT + 1) × 4hp]}: after the forward pass row t holds the activations of step t (LSTM {@code [i, f,
   * g, o]}; GRU {@code [r, z, hn, n]}); after the backward pass the deltas (LSTM {@code ∂L/∂a} of each gate; GRU
   * {@code [∂a_r, ∂a_z, ∂hn, ∂a_n]}).
   */
  public final float[] gates;
  /** Hidden states {@code [(maxT + 1) × hp]}, h_t in row t. */
  public final float[] h;
  /** LSTM cell states {@code [(maxT + 1) × hp]} (empty for the GRU). */
  public final float[] c;
  /** LSTM {@code tanh(c_t)} {@code [(maxT + 1) × hp]} (empty for the GRU). */
  public final float[] tc;
  /** Backward scratch {@code [hp]}: ∂L/∂h carried from step t to t − 1 through W_hh. */
  public final float[] g;
  /** Backward scratch {@code [hp]}: LSTM ∂L/∂c carried from step t to t − 1. */
  public final float[] dc;
  float[] x; // the layer's input of the last forward pass
  int xOff;
  int xStride;
  int steps;

  /**
   * @param lstm true for an LSTM layer (keeps c and tanh c), false for a GRU layer
   * @param hp padded hidden size
   * @param maxSteps longest sequence
   */
  public GatedTape(boolean lstm, int hp, int maxSteps) {
    if (hp < 1 || maxSteps < 1) throw new IllegalArgumentException("bad tape sizes " + hp + ", " + maxSteps);
    this.hp = hp;
    this.width = 4 * hp;
    this.maxSteps = maxSteps;
    long rows = maxSteps + 1L;
    if (rows * width > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("sequence too long for a tape: " + maxSteps);
    gates = new float[(int) rows * width];
    h = new float[(int) rows * hp];
    c = new float[lstm ? (int) rows * hp : 0];
    tc = new float[lstm ? (int) rows * hp : 0];
    g = new float[hp];
    dc = new float[hp];
  }

  /** @return the number of steps of the last forward pass */
  public int steps() {
    return steps;
  }

  void begin(GatedFloatWeights w, float[] x, int xOff, int xStride, int steps) {
    if (w.hp != hp) throw new IllegalArgumentException("tape hp " + hp + " does not match the layer's " + w.hp);
    if (steps < 1 || steps > maxSteps) throw new IllegalArgumentException("steps " + steps + " outside 1.." + maxSteps);
    if (xStride < w.in) throw new IllegalArgumentException("input stride " + xStride + " < " + w.in);
    this.x = x;
    this.xOff = xOff;
    this.xStride = xStride;
    this.steps = steps;
  }
}
