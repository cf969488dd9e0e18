package org.distinct.tensor;

/**
 * The inner loops of LSTM and GRU layers (PyTorch's equations, see {@code model.GatedCell}) on packed, padded
 * primitive arrays: one layer over one sequence per call, no allocation. Two implementations exist (Lucene
 * style): a Vector API one ({@code jdk.incubator.vector}) and a plain-Java fallback; {@link GatedKernelsProvider}
 * picks one at start-up. Both compute the same quantities and differ only in rounding (summation order,
 * tanh and sigmoid).
 *
 * <p>Layouts: {@link GatedFloatWeights} (training, float), {@link GatedDoubleWeights} (inference, double), the
 * per-sequence buffers of {@link GatedTape}. Every per-unit vector has {@code hp = paddedSize(H, …)} lanes whose
 * padding lanes stay exactly 0. Inputs are row-major: step t's {@code in} values start at
 * {@code xOff + (t − 1)·xStride}.
 *
 * <p>Truncated BPTT over the last N steps of a sequence of T steps ({@code lo = T − N + 1}) treats the states
 * of step {@code lo − 1} as constants (PyTorch: run steps 1..lo−1, detach h and c, run the rest): deltas exist
 * for steps lo..T only and every weight gradient sums over those steps.
 */
public interface GatedKernels {

  /** @return a short name for reports ("vector-512", "plain") */
  String name();

  /**
   * @param hidden number of hidden units
   * @param doublePrecision true for the double kernels, false for float
   * @return the lane stride {@code hp ≥ hidden} the kernels expect (a multiple of the vector length)
   */
  int paddedSize(int hidden, boolean doublePrecision);

  /** @return the column panel width the kernels expect in {@link GatedFloatWeights#wHhT} (0: row-major) */
  int panelWidth();

  /**
   * Float forward pass of one layer over the sequence bound by {@link GatedTape#input}, from zero states, keeping
   * what the backward pass needs in the tape (gate activations, h_t, and for the LSTM c_t).
   *
   * @param w the layer (Not modified)
   * @param tape buffers with the input bound (Modified: rows 0..T)
   */
  void forward(GatedFloatWeights w, GatedTape tape);

  /**
   * Two sequences' forward passes in lockstep while both have steps left, then the longer alone: the same
   * results, bit for bit, as two {@link #forward} calls, but each weight is loaded once for both.
   *
   * @param w the layer (Not modified)
   * @param a first sequence's tape, input bound (Modified)
   * @param b second sequence's tape, input bound (Modified)
   */
  void forward2(GatedFloatWeights w, GatedTape a, GatedTape b);

  /**
   * Float backward pass through time over steps T down to {@code lo}, after {@link #forward} on the same tape,
   * with ∂L/∂h from outside bound by {@link GatedTape#above}: the deltas of steps lo..T replace the gate
   * activations in {@code tape.gates}. If a gradient accumulator is bound ({@link GatedTape#gradient}), the weight
   * gradients of steps lo..T are added to it.
   *
   * @param w the layer (Not modified)
   * @param tape the tape of the forward pass (Modified: gates rows lo..T become deltas; scratch)
   * @param lo first step back-propagated (1 for full BPTT)
   */
  void backward(GatedFloatWeights w, GatedTape tape, int lo);

  /**
   * Two sequences' backward passes in lockstep while both have steps left, then the longer alone; bit for bit
   * what two {@link #backward} calls give.
   *
   * @param w the layer (Not modified)
   * @param a first tape (Modified)
   * @param loA a's first step back-propagated
   * @param b second tape (Modified)
   * @param loB b's first step back-propagated
   */
  void backward2(GatedFloatWeights w, GatedTape a, int loA, GatedTape b, int loB);

  /**
   * Adds the weight gradients of one sequence from its tape (after {@link #backward} with the same lo): with
   * d_t the delta row, x_t the input and h the hidden states,
   * {@code gWihT[k·4hp + col] += Σ_t x_t[k] d_t[col]}, {@code gWhhT[j·G·hp + col] += Σ_t h_{t−1}[j] d_t[col]},
   * {@code gCol[col] += Σ_t d_t[col]}, t = lo..T. For the GRU, block 2 of {@code gWihT} (hn, which no input
   * feeds) receives a meaningless sum that is to be ignored.
   *
   * @param w the layer (Not modified)
   * @param tape the tape after the backward pass (Not modified)
   * @param lo first step with a delta
   * @param grad {@code [gWihT (in × 4hp) | gWhhT (H × G·hp) | gCol (4hp)]} from {@code gOff}
   *     ({@link GatedFloatWeights#gradientSize()}) (Modified: accumulated)
   * @param gOff offset of the layer's gradient in {@code grad}
   */
  void accumulateGradients(GatedFloatWeights w, GatedTape tape, int lo, float[] grad, int gOff);

  /**
   * The gradient at the layer's inputs, {@code dx_t = W_ihᵀ d_t} for t = lo..T (what the layer below receives
   * as {@code above}); needs {@code w.inP > 0}.
   *
   * @param w the layer (Not modified)
   * @param tape the tape after the backward pass (Not modified)
   * @param lo first step with a delta
   * @param dx row t at {@code t·w.inP}, {@code w.inP} lanes (Modified: rows lo..T overwritten; lanes ≥ in set to 0)
   */
  void inputGradients(GatedFloatWeights w, GatedTape tape, int lo, float[] dx);

  /**
   * One double step of one layer (inference): with {@code a = W_ih x_t + b_ih + W_hh h + b_hh}, updates h (and
   * for the LSTM c) in place by the cell's equations.
   *
   * @param w the layer (Not modified)
   * @param x inputs (Not modified)
   * @param xOff offset of this step's {@code in} values
   * @param h {@code [hp]} h_{t−1} on entry, h_t on exit (Modified)
   * @param c {@code [hp]} LSTM c_{t−1} on entry, c_t on exit (Modified; unused for the GRU)
   * @param row {@code [4hp]} scratch (Modified)
   */
  void step(GatedDoubleWeights w, double[] x, int xOff, double[] h, double[] c, double[] row);
}
