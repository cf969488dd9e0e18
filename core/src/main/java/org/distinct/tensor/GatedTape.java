package org.distinct.tensor;

/**
 * What the float forward pass of one layer over one sequence keeps for the backward pass (gate activations, h_t,
 * and for the LSTM c_t) (a workspace: allocated
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
  /** LSTM scratch {@code [hp]}: {@code tanh(c_t)} of the step being computed (recomputed in the backward pass rather than stored). */
  public final float[] tc;
  /** Backward scratch {@code [hp]}: ∂L/∂h carried from step t to t − 1 through W_hh. */
  public final float[] g;
  /** Backward scratch {@code [hp]}: LSTM ∂L/∂c carried from step t to t − 1. */
  public final float[] dc;
  float[] x; // the layer's input (see input)
  int xOff;
  int xStride;
  int steps;
  float[] above; // ∂L/∂h from outside (see above)
  int aboveStride;
  float[] grad; // where the backward pass accumulates the weight gradients (see gradient), or null
  int gOff;

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
    tc = new float[lstm ? hp : 0];
    g = new float[hp];
    dc = new float[hp];
  }

  /** @return the number of steps of the bound input */
  public int steps() {
    return steps;
  }

  /**
   * Binds the layer's input for the next forward pass; the tape keeps the reference until the next call.
   *
   * @param x inputs, step t's values at {@code xOff + (t − 1)·xStride} (Not modified)
   * @param xOff offset of step 1's inputs
   * @param xStride distance between steps' inputs (≥ the layer's input size)
   * @param steps T, 1..maxSteps
   * @return this
   */
  public GatedTape input(float[] x, int xOff, int xStride, int steps) {
    if (steps < 1 || steps > maxSteps) throw new IllegalArgumentException("steps " + steps + " outside 1.." + maxSteps);
    this.x = x;
    this.xOff = xOff;
    this.xStride = xStride;
    this.steps = steps;
    return this;
  }

  /**
   * Binds ∂L/∂h_t from outside the layer for the next backward pass.
   *
   * @param above if {@code stride > 0}: row t at {@code t·stride} for the steps back-propagated (padding lanes 0);
   *     if {@code stride == 0}: only ∂L/∂h_T, in {@code above[0..hp)} (Not modified)
   * @param stride row stride, or 0 for the last step only
   * @return this
   */
  public GatedTape above(float[] above, int stride) {
    this.above = above;
    this.aboveStride = stride;
    return this;
  }

  /**
   * Binds a gradient accumulator: the next backward passes add the weight gradients of the steps they process
   * to it, block by block while the deltas are still in cache (what {@link GatedKernels#accumulateGradients}
   * would add afterwards, summed in another order). {@code null} unbinds.
   *
   * @param grad the layer's packed gradient from {@code gOff} (layout of {@link GatedKernels#accumulateGradients};
   *     Modified by later backward passes: accumulated), or null
   * @param gOff offset in {@code grad}
   * @return this
   */
  public GatedTape gradient(float[] grad, int gOff) {
    this.grad = grad;
    this.gOff = gOff;
    return this;
  }

  /** Checks that the tape fits the layer and has an input bound. */
  void check(GatedFloatWeights w) {
    if (w.hp != hp) throw new IllegalArgumentException("tape hp " + hp + " does not match the layer's " + w.hp);
    if (x == null) throw new IllegalStateException("no input bound to the tape");
    if (xStride < w.in) throw new IllegalArgumentException("input stride " + xStride + " < " + w.in);
  }

  /** @return the offset of ∂L/∂h_t from outside in {@link #above}, or −1 if there is none at step t */
  int aboveOffset(int t) {
    return aboveStride > 0 ? t * aboveStride : (t == steps ? 0 : -1);
  }
}
