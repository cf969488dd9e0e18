package org.distinct.model;

import java.util.Locale;

/**
 * The gated recurrent cells, with PyTorch's equations and gate order (the order of the gate blocks in every
 * weight matrix and bias, top to bottom).
 *
 * <pre>
 * LSTM (gates i, f, g, o):
 *   i = σ(W_ii x + b_ii + W_hi h + b_hi)    f = σ(W_if x + b_if + W_hf h + b_hf)
 *   g = tanh(W_ig x + b_ig + W_hg h + b_hg) o = σ(W_io x + b_io + W_ho h + b_ho)
 *   c' = f ⊙ c + i ⊙ g                       h' = o ⊙ tanh(c')
 * GRU (gates r, z, n):
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr)    z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
 *   h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 */
public enum GatedCell {
  /** {@code nn.LSTM}: 4 gate blocks i, f, g, o; a cell state c besides h. */
  LSTM(4),
  /** {@code nn.GRU}: 3 gate blocks r, z, n; the recurrent bias of n stays inside the reset gate's product. */
  GRU(3);

  private final int gates;

  GatedCell(int gates) {
    this.gates = gates;
  }

  /** @return the number of gate blocks G (4 for the LSTM, 3 for the GRU) */
  public int gates() {
    return gates;
  }

  /** @return the model-file kind, {@code lstm} or {@code gru} */
  public String kind() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @return the gate names in block order, e.g. {@code [i, f, g, o]} */
  public String[] gateNames() {
    return this == LSTM ? new String[] {"i", "f", "g", "o"} : new String[] {"r", "z", "n"};
  }
}
