package org.distinct.tensor;

/**
 * The inner loops of an Elman RNN ({@code h_t = tanh(W_ih x_t + W_hh h_{t-1} + b)}) on packed, padded
 * primitive arrays: one sequence per call, no allocation. Two implementations exist (Lucene style): a Vector
 * API one ({@code jdk.incubator.vector}) and a plain-Java fallback; {@link RnnKernelsProvider} picks one at
 * start-up. Both compute the same quantities; they differ only in rounding (summation order, tanh).
 *
 * <p>Packed layouts ({@code hp = paddedSize(hidden, ...)} ≥ hidden; padding lanes hold zeros, see
 * {@link RnnPacking}):
 *
 * <ul>
 *   <li>{@code wIhT [in × hp]}: {@code wIhT[k·hp + i] = W_ih[i][k]}
 *   <li>{@code wHhT [hidden × hp]}: {@code wHhT[j·hp + i] = W_hh[i][j]} (forward: broadcast h_{t-1}[j])
 *   <li>{@code wHh [hidden × hp]}: {@code wHh[i·hp + j] = W_hh[i][j]} (backward: broadcast δ_t[i])
 *   <li>{@code b [hp]}
 *   <li>{@code states [(T + 1) × hp]}: row t holds h_t; row 0 is h_0 = 0 (set by the forward kernels)
 *   <li>{@code deltas [(T + 1) × hp]}: row t holds δ_t = ∂L/∂a_t, the gradient at the pre-activation of step t
 * </ul>
 */
public interface RnnKernels {

  /** @return a short name for reports ("vector-512", "plain") */
  String name();

  /**
   * @param hidden number of hidden units
   * @param doublePrecision true for the double kernels, false for float
   * @return the row stride {@code hp ≥ hidden} the kernels expect (a multiple of the vector length)
   */
  int paddedSize(int hidden, boolean doublePrecision);

  /**
   * Double forward pass of one sequence (inference).
   *
   * @param wIhT {@code [in × hp]} (Not modified)
   * @param wHhT {@code [hidden × hp]} (Not modified)
   * @param b {@code [hp]} (Not modified)
   * @param in values per step
   * @param hidden hidden units
   * @param hp padded row stride
   * @param x inputs, row-major {@code [steps × in]} starting at {@code xOff} (Not modified)
   * @param xOff offset of step 1's inputs in {@code x}
   * @param steps number of steps T ≥ 1
   * @param states if {@code keepAll}: {@code [(T + 1) × hp]}, else {@code [2 × hp]} used alternately; row 0
   *     is set to h_0 = 0 (Modified)
   * @param keepAll whether every h_t is kept (row t) or only the last
   * @return the row of {@code states} that holds h_T
   */
  int forward(
      double[] wIhT, double[] wHhT, double[] b, int in, int hidden, int hp,
      double[] x, int xOff, int steps, double[] states, boolean keepAll);

  /**
   * Float forward pass of one sequence keeping every hidden state (training).
   *
   * @param wIhT {@code [in × hp]} (Not modified)
   * @param wHhT {@code [hidden × hp]} (Not modified)
   * @param b {@code [hp]} (Not modified)
   * @param in values per step
   * @param hidden hidden units
   * @param hp padded row stride
   * @param x inputs, row-major {@code [steps × in]} starting at {@code xOff} (Not modified)
   * @param xOff offset of step 1's inputs in {@code x}
   * @param steps number of steps T ≥ 1
   * @param states {@code [(T + 1) × hp]} or larger (Modified: row 0 set to h_0 = 0, rows 1..T to h_t)
   */
  void forward(
      float[] wIhT, float[] wHhT, float[] b, int in, int hidden, int hp,
      float[] x, int xOff, int steps, float[] states);

  /**
   * Float backward pass through the last {@code window} steps: {@code δ_t = g_t ⊙ (1 − h_t²)} and
   * {@code g_{t−1} = W_hhᵀ δ_t}, for t = T down to T − window + 1 (the state entering the window is treated
   * as a constant: truncated BPTT).
   *
   * @param wHh {@code [hidden × hp]} row-major W_hh (Not modified)
   * @param hidden hidden units
   * @param hp padded row stride
   * @param states hidden states from {@link #forward(float[], float[], float[], int, int, int, float[], int,
   *     int, float[])} (Not modified)
   * @param steps T
   * @param window number of steps back-propagated, 1..T
   * @param g {@code [hp]}: on entry ∂L/∂h_T with zero padding lanes (Modified: used as scratch)
   * @param deltas {@code [(T + 1) × hp]} (Modified: rows T − window + 1..T)
   */
  void backward(float[] wHh, int hidden, int hp, float[] states, int steps, int window, float[] g, float[] deltas);

  /**
   * Accumulates the weight gradients of one sequence from its states and deltas, for t = from..T:
   * {@code gWhhT[j·hp + i] += h_{t−1}[j] δ_t[i]}, {@code gWihT[k·hp + i] += x_t[k] δ_t[i]},
   * {@code gb[i] += δ_t[i]}.
   *
   * @param states {@code [(T + 1) × hp]} (Not modified)
   * @param deltas {@code [(T + 1) × hp]} (Not modified)
   * @param x inputs {@code [T × in]} from {@code xOff} (Not modified)
   * @param xOff offset of step 1's inputs
   * @param in values per step
   * @param hidden hidden units
   * @param hp padded row stride
   * @param from first step with a delta (T − window + 1)
   * @param steps T
   * @param gWihT {@code [in × hp]} (Modified: accumulated)
   * @param gWhhT {@code [hidden × hp]} (Modified: accumulated)
   * @param gb {@code [hp]} (Modified: accumulated)
   */
  void accumulateGradients(
      float[] states, float[] deltas, float[] x, int xOff, int in, int hidden, int hp, int from, int steps,
      float[] gWihT, float[] gWhhT, float[] gb);
}
