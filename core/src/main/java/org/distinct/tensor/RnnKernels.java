package org.distinct.tensor;

/**
 * The inner loops of an Elman RNN ({@code h_t = tanh(W_ih x_t + W_hh h_{t-1} + b)}) on packed, padded
 * primitive arrays: one sequence per call, no allocation. Two implementations exist (Lucene style): a Vector
 * API one ({@code jdk.incubator.vector}) and a plain-Java fallback; {@link RnnKernelsProvider} picks one at
 * start-up. Both give the same bits: the plain one ({@link PlainRnnKernels}) repeats the vector one's operations lane
 * for lane, in the same order, with the scalar twins of its tanh.
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
   * Double forward pass of one sequence (inference), steps {@code from..to}: {@code h_t = tanh(W_ih x_t +
   * W_hh h_{t−1} + b)}.
   *
   * @param wIhT {@code [in × hp]} (Not modified)
   * @param wHhT {@code [hidden × hp]} (Not modified)
   * @param b {@code [hp]} (Not modified)
   * @param in values per step
   * @param hidden hidden units
   * @param hp padded row stride
   * @param x inputs, row-major, step t at {@code xOff + (t − 1)·in} (Not modified)
   * @param xOff offset of step 1's inputs in {@code x}
   * @param from first step to compute (1 starts the sequence: row 0 is set to h_0 = 0; otherwise the row of
   *     h_{from−1} must hold it)
   * @param to last step to compute (≥ from)
   * @param states if {@code keepAll}: {@code [(T + 1) × hp]} with h_t in row t; else {@code [2 × hp]} with
   *     h_t in row {@code t mod 2} (Modified)
   * @param keepAll whether every h_t is kept or only the last two
   * @return the row of {@code states} that holds h_to
   */
  int forward(
      double[] wIhT, double[] wHhT, double[] b, int in, int hidden, int hp,
      double[] x, int xOff, int from, int to, double[] states, boolean keepAll);

  /**
   * Two sequences in lockstep, steps {@code from..to} of each: exactly (bit for bit) what two calls of
   * {@link #forward(double[], double[], double[], int, int, int, double[], int, int, int, double[], boolean)}
   * give, but faster (the two independent dependency chains overlap).
   *
   * @param wIhT {@code [in × hp]} (Not modified)
   * @param wHhT {@code [hidden × hp]} (Not modified)
   * @param b {@code [hp]} (Not modified)
   * @param in values per step
   * @param hidden hidden units
   * @param hp padded row stride
   * @param xa inputs of sequence a (Not modified)
   * @param xaOff offset of a's step 1
   * @param sa states of a (Modified, as in the single version)
   * @param xb inputs of sequence b (Not modified)
   * @param xbOff offset of b's step 1
   * @param sb states of b (Modified)
   * @param from first step
   * @param to last step
   * @param keepAll whether every h_t is kept
   * @return the row that holds h_to (the same for both)
   */
  int forward2(
      double[] wIhT, double[] wHhT, double[] b, int in, int hidden, int hp,
      double[] xa, int xaOff, double[] sa, double[] xb, int xbOff, double[] sb, int from, int to, boolean keepAll);

  /**
   * Float forward pass of one sequence keeping every hidden state (training), steps {@code from..to}.
   *
   * @param wIhT {@code [in × hp]} (Not modified)
   * @param wHhT {@code [hidden × hp]} (Not modified)
   * @param b {@code [hp]} (Not modified)
   * @param in values per step
   * @param hidden hidden units
   * @param hp padded row stride
   * @param x inputs, row-major, step t at {@code xOff + (t − 1)·in} (Not modified)
   * @param xOff offset of step 1's inputs in {@code x}
   * @param from first step (1 sets row 0 to h_0 = 0; otherwise row from−1 must hold h_{from−1})
   * @param to last step
   * @param states {@code [(T + 1) × hp]} or larger (Modified: rows from..to)
   */
  void forward(
      float[] wIhT, float[] wHhT, float[] b, int in, int hidden, int hp,
      float[] x, int xOff, int from, int to, float[] states);

  /**
   * Two float sequences in lockstep, steps {@code from..to} of each; bit for bit what two calls of
   * {@link #forward(float[], float[], float[], int, int, int, float[], int, int, int, float[])} give.
   *
   * @param wIhT {@code [in × hp]} (Not modified)
   * @param wHhT {@code [hidden × hp]} (Not modified)
   * @param b {@code [hp]} (Not modified)
   * @param in values per step
   * @param hidden hidden units
   * @param hp padded row stride
   * @param xa inputs of a (Not modified)
   * @param xaOff offset of a's step 1
   * @param sa states of a (Modified)
   * @param xb inputs of b (Not modified)
   * @param xbOff offset of b's step 1
   * @param sb states of b (Modified)
   * @param from first step
   * @param to last step
   */
  void forward2(
      float[] wIhT, float[] wHhT, float[] b, int in, int hidden, int hp,
      float[] xa, int xaOff, float[] sa, float[] xb, int xbOff, float[] sb, int from, int to);

  /**
   * Float backward pass over steps {@code hi} down to {@code lo}: {@code δ_t = g ⊙ (1 − h_t²)}, then
   * {@code g ← W_hhᵀ δ_t}. Truncated BPTT stops at the window's first step.
   *
   * @param wHh {@code [hidden × hp]} row-major W_hh (Not modified)
   * @param hidden hidden units
   * @param hp padded row stride
   * @param states hidden states (Not modified)
   * @param g {@code [hp]}: on entry ∂L/∂h_hi with zero padding lanes; on exit ∂L/∂h_{lo−1} through the
   *     steps processed (Modified)
   * @param deltas {@code [(T + 1) × hp]} (Modified: rows lo..hi)
   * @param hi first (latest) step
   * @param lo last (earliest) step, ≥ 1
   */
  void backward(float[] wHh, int hidden, int hp, float[] states, float[] g, float[] deltas, int hi, int lo);

  /**
   * Two sequences' backward passes in lockstep: {@code count} steps each, a from step {@code hiA} down, b
   * from {@code hiB} down; bit for bit what two calls of {@link #backward} give.
   *
   * @param wHh {@code [hidden × hp]} (Not modified)
   * @param hidden hidden units
   * @param hp padded row stride
   * @param sa states of a (Not modified)
   * @param ga gradient vector of a (Modified, as in {@link #backward})
   * @param da deltas of a (Modified)
   * @param hiA a's first step
   * @param sb states of b (Not modified)
   * @param gb gradient vector of b (Modified)
   * @param db deltas of b (Modified)
   * @param hiB b's first step
   * @param count steps of each, ≤ min(hiA, hiB)
   */
  void backward2(
      float[] wHh, int hidden, int hp, float[] sa, float[] ga, float[] da, int hiA,
      float[] sb, float[] gb, float[] db, int hiB, int count);

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
