package org.distinct.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedLayer;
import org.distinct.model.GatedRnn;

/**
 * The double-precision reference of LSTM and GRU training: a textbook forward pass that keeps every layer's
 * gates, cell states and hidden states, and back-propagation through time (BPTT), one sequence at a time with
 * no packing, padding or vectorisation. It defines what fast float paths must compute and is what the
 * finite-difference gradient checks and the PyTorch golden tests verify.
 *
 * <p>Model ({@link GatedRnn}, PyTorch's equations and layout, {@link GatedCell}): layer 0 reads the sequence,
 * layer {@code l + 1} reads layer l's hidden states, every layer starts from {@code h_0 = 0} (and
 * {@code c_0 = 0}); logits {@code z = W_out h_T + b_out} of the last layer. Loss of a batch: the mean over its
 * sequences of {@code −log softmax(z)_y}, each sequence run on its own and read out at its own last step.
 *
 * <p>Backward, per sequence and layer, from t = T down, with {@code dh_t} the total derivative of the loss
 * with respect to {@code h_t} (from the layer above, or {@code W_outᵀ(softmax(z) − onehot(y))} at t = T of the
 * last layer, plus the recurrent path from step t + 1):
 *
 * <pre>
 * LSTM:  dc_t = dc_{t+1}·f_{t+1} + dh_t·o·(1 − tanh²c_t)
 *        da_i = dc_t·g·i(1−i)   da_f = dc_t·c_{t−1}·f(1−f)   da_g = dc_t·i·(1−g²)   da_o = dh_t·tanh(c_t)·o(1−o)
 *        the same pre-activation delta da feeds W_ih, b_ih, W_hh, b_hh
 * GRU:   da_n = dh_t·(1−z)·(1−n²)   da_r = da_n·(W_hn h_{t−1} + b_hn)·r(1−r)   da_z = dh_t·(h_{t−1} − n)·z(1−z)
 *        input-side delta (W_ih, b_ih): (da_r, da_z, da_n); recurrent-side delta (W_hh, b_hh): (da_r, da_z, r·da_n)
 * both:  ∂W_ih += δ_ih x_tᵀ, ∂b_ih += δ_ih, ∂W_hh += δ_hh h_{t−1}ᵀ, ∂b_hh += δ_hh,
 *        dh_{t−1} (recurrent part) = W_hhᵀ δ_hh (+ dh_t ⊙ z for the GRU), dx_t = W_ihᵀ δ_ih (to the layer below)
 * </pre>
 *
 * <p>Truncation k &gt; 0 back-propagates through the last k steps of each sequence only (t = T−k+1..T, in
 * every layer): every layer's state (h and c) at step T−k is treated as a constant, as
 * {@code h.detach()} after running the first T−k steps under {@code torch.no_grad()} does in PyTorch (and as
 * {@link RnnReference} truncates the Elman RNN). A sequence no longer than k is back-propagated in full.
 */
public final class GatedReference {
  private GatedReference() {}

  /**
   * The forward pass of one layer over one sequence.
   *
   * @param hiddenSize H
   * @param h hidden states {@code [(T + 1) × H]}, row 0 = the initial state
   * @param c cell states {@code [(T + 1) × H]}, row 0 = the initial state (LSTM); all zero for the GRU
   * @param gates gate values after their non-linearity, {@code [T × G·H]}, row t − 1 for step t, blocks in the
   *     cell's gate order (LSTM i, f, g, o; GRU r, z, n)
   * @param recurrentN GRU only: {@code W_hn h_{t−1} + b_hn} {@code [T × H]} (the term the reset gate
   *     multiplies); null for the LSTM
   */
  public record LayerTrace(int hiddenSize, double[] h, double[] c, double[] gates, double[] recurrentN) {
    /** @return the number of steps T */
    public int steps() {
      return h.length / hiddenSize - 1;
    }
  }

  /**
   * The forward pass of a whole network over one sequence.
   *
   * @param layers one trace per layer, input side first
   * @param logits {@code [C]}
   */
  public record Trace(List<LayerTrace> layers, double[] logits) {}

  /**
   * Loss and gradients of a batch, every layer's gradient in the {@link GatedLayer} layout.
   *
   * @param loss mean cross-entropy over the sequences
   * @param layers per layer: ∂loss/∂wIh {@code [G·H × in]}, ∂loss/∂wHh {@code [G·H × H]}, ∂loss/∂bIh and
   *     ∂loss/∂bHh {@code [G·H]}, held in a {@link GatedLayer} of the model's cell and sizes
   * @param wOut ∂loss/∂W_out {@code [C × H_L]}
   * @param bOut ∂loss/∂b_out {@code [C]}
   */
  public record Gradients(double loss, List<GatedLayer> layers, double[] wOut, double[] bOut) {}

  /**
   * Runs the network over one sequence from zero states.
   *
   * @param m the model
   * @param x inputs row-major {@code [T × I]}, T ≥ 1 (Not modified)
   * @return every layer's trace and the logits
   */
  public static Trace forward(GatedRnn m, double[] x) {
    int steps = steps(m, x);
    List<LayerTrace> traces = new ArrayList<>();
    double[] in = x;
    int off = 0;
    for (GatedLayer g : m.layers()) {
      LayerTrace tr = runLayer(g, in, off, steps, new double[g.hiddenSize()], new double[g.hiddenSize()]);
      traces.add(tr);
      in = tr.h();
      off = g.hiddenSize();
    }
    LayerTrace last = traces.get(traces.size() - 1);
    return new Trace(traces, readOut(m, last.h(), steps * last.hiddenSize()));
  }

  /**
   * Runs one layer over {@code steps} steps of an input sequence.
   *
   * @param g the layer
   * @param in inputs; step t (1-based) at {@code in[off + (t − 1)·g.inputSize() …]} (Not modified)
   * @param off offset of step 1 in {@code in}
   * @param steps number of steps
   * @param h0 initial hidden state {@code [H]} (Not modified)
   * @param c0 initial cell state {@code [H]} (LSTM; ignored by the GRU) (Not modified)
   * @return the trace, row 0 of h and c holding h0 and c0
   */
  public static LayerTrace runLayer(GatedLayer g, double[] in, int off, int steps, double[] h0, double[] c0) {
    int h = g.hiddenSize();
    int n = g.inputSize();
    int gh = g.gates() * h;
    boolean lstm = g.cell() == GatedCell.LSTM;
    double[] hs = new double[(steps + 1) * h];
    double[] cs = new double[(steps + 1) * h];
    double[] gates = new double[steps * gh];
    double[] rn = lstm ? null : new double[steps * h];
    System.arraycopy(h0, 0, hs, 0, h);
    if (lstm) System.arraycopy(c0, 0, cs, 0, h);
    double[] aIh = new double[gh];
    double[] aHh = new double[gh];
    for (int t = 1; t <= steps; t++) {
      affine(g.wIh(), g.bIh(), in, off + (t - 1) * n, n, gh, aIh);
      affine(g.wHh(), g.bHh(), hs, (t - 1) * h, h, gh, aHh);
      int go = (t - 1) * gh;
      for (int u = 0; u < h; u++) {
        int prev = (t - 1) * h + u;
        int cur = t * h + u;
        if (lstm) {
          double i = sigmoid(aIh[u] + aHh[u]);
          double f = sigmoid(aIh[h + u] + aHh[h + u]);
          double gg = Math.tanh(aIh[2 * h + u] + aHh[2 * h + u]);
          double o = sigmoid(aIh[3 * h + u] + aHh[3 * h + u]);
          cs[cur] = f * cs[prev] + i * gg;
          hs[cur] = o * Math.tanh(cs[cur]);
          gates[go + u] = i;
          gates[go + h + u] = f;
          gates[go + 2 * h + u] = gg;
          gates[go + 3 * h + u] = o;
        } else {
          double r = sigmoid(aIh[u] + aHh[u]);
          double z = sigmoid(aIh[h + u] + aHh[h + u]);
          double nn = Math.tanh(aIh[2 * h + u] + r * aHh[2 * h + u]);
          hs[cur] = (1 - z) * nn + z * hs[prev];
          gates[go + u] = r;
          gates[go + h + u] = z;
          gates[go + 2 * h + u] = nn;
          rn[(t - 1) * h + u] = aHh[2 * h + u];
        }
      }
    }
    return new LayerTrace(h, hs, cs, gates, rn);
  }

  /**
   * Logits of one sequence.
   *
   * @param m the model
   * @param x inputs row-major {@code [T × I]} (Not modified)
   * @return {@code [C]}
   */
  public static double[] logits(GatedRnn m, double[] x) {
    return forward(m, x).logits();
  }

  /**
   * Mean cross-entropy of a batch.
   *
   * @param m the model
   * @param sequences inputs, row-major {@code [T_s × I]} each (Not modified)
   * @param labels class per sequence (Not modified)
   * @return the mean loss
   */
  public static double loss(GatedRnn m, List<double[]> sequences, int[] labels) {
    double s = 0;
    for (int q = 0; q < sequences.size(); q++) s += RnnReference.crossEntropy(logits(m, sequences.get(q)), labels[q]);
    return s / sequences.size();
  }

  /**
   * The function whose exact gradient truncated BPTT computes: every layer's states up to step T−k come from
   * {@code frozen}, the last k steps of every layer and the read-out use {@code live} (with
   * {@code live == frozen} this is {@link #loss}). Used by the finite-difference check of truncation.
   *
   * @param frozen parameters for the steps before the window
   * @param live parameters for the window and the read-out (same sizes as {@code frozen})
   * @param sequences inputs (Not modified)
   * @param labels classes (Not modified)
   * @param truncation k ≥ 1
   * @return the mean loss
   */
  public static double truncatedLoss(GatedRnn frozen, GatedRnn live, List<double[]> sequences, int[] labels, int truncation) {
    if (truncation < 1) throw new IllegalArgumentException("truncation must be >= 1: " + truncation);
    double total = 0;
    for (int q = 0; q < sequences.size(); q++) {
      double[] x = sequences.get(q);
      int steps = steps(live, x);
      int lo = Math.max(1, steps - truncation + 1);
      Trace fr = forward(frozen, x);
      double[] in = x;
      int off = (lo - 1) * live.inputSize();
      LayerTrace tr = null;
      for (int l = 0; l < live.layerCount(); l++) {
        GatedLayer g = live.layer(l);
        int h = g.hiddenSize();
        LayerTrace f = fr.layers().get(l);
        double[] h0 = Arrays.copyOfRange(f.h(), (lo - 1) * h, lo * h);
        double[] c0 = Arrays.copyOfRange(f.c(), (lo - 1) * h, lo * h);
        tr = runLayer(g, in, off, steps - lo + 1, h0, c0);
        in = tr.h();
        off = h;
      }
      total += RnnReference.crossEntropy(readOut(live, tr.h(), tr.steps() * tr.hiddenSize()), labels[q]);
    }
    return total / sequences.size();
  }

  /**
   * Loss and gradients of a batch by (optionally truncated) BPTT.
   *
   * @param m the model
   * @param sequences inputs, row-major {@code [T_s × I]} each, lengths may differ (Not modified)
   * @param labels class per sequence (Not modified)
   * @param truncation 0 for full BPTT, else back-propagate through the last {@code truncation} steps only
   * @return mean loss and its gradients
   */
  public static Gradients lossAndGradients(GatedRnn m, List<double[]> sequences, int[] labels, int truncation) {
    if (truncation < 0) throw new IllegalArgumentException("truncation must be >= 0: " + truncation);
    if (sequences.isEmpty() || labels.length != sequences.size())
      throw new IllegalArgumentException("need one label per sequence and at least one sequence");
    Sink acc = Sink.gradients(m);
    int n = sequences.size();
    double loss = 0;
    for (int q = 0; q < n; q++) {
      double[] x = sequences.get(q);
      int steps = steps(m, x);
      int lo = truncation == 0 ? 1 : Math.max(1, steps - truncation + 1);
      loss += backward(m, x, labels[q], 1.0 / n, lo, acc);
    }
    List<GatedLayer> layers = new ArrayList<>();
    for (int l = 0; l < m.layerCount(); l++) {
      GatedLayer g = m.layer(l);
      double[][] p = acc.layers[l];
      layers.add(new GatedLayer(g.cell(), g.inputSize(), g.hiddenSize(), p[0], p[1], p[2], p[3]));
    }
    return new Gradients(loss / n, layers, acc.wOut, acc.bOut);
  }

  /**
   * The gradient of one sequence's cross-entropy with respect to the hidden state {@code h_t} of one layer at
   * every step: the total derivative, through all later steps of that layer and through the layers above
   * (what a perturbation added to {@code h_t} after the cell computed it changes; c_t is not perturbed).
   *
   * @param m the model
   * @param x inputs row-major {@code [T × I]} (Not modified)
   * @param label the sequence's class
   * @param layer the layer, 0-based
   * @return {@code [T × H_layer]}, row t − 1 = {@code ∂L/∂h_t}
   */
  public static double[] stateGradients(GatedRnn m, double[] x, int label, int layer) {
    if (layer < 0 || layer >= m.layerCount()) throw new IllegalArgumentException("layer " + layer + " of " + m.layerCount());
    double[] out = new double[steps(m, x) * m.layer(layer).hiddenSize()];
    backward(m, x, label, 1.0, 1, Sink.states(layer, out));
    return out;
  }

  /**
   * {@link #stateGradients(GatedRnn, double[], int, int)} of every sequence, rows in the order of
   * {@link GatedRnn#hiddenStates(List, int, boolean)}.
   *
   * @param m the model
   * @param sequences inputs (Not modified)
   * @param labels class per sequence (Not modified)
   * @param layer the layer, 0-based
   * @param lastStepOnly if true, only the row of {@code h_T} of each sequence
   * @return {@code [ΣT_s × H_layer]}, or {@code [n × H_layer]} with {@code lastStepOnly}
   */
  public static double[] stateGradients(GatedRnn m, List<double[]> sequences, int[] labels, int layer, boolean lastStepOnly) {
    if (labels.length != sequences.size()) throw new IllegalArgumentException("need one label per sequence");
    if (layer < 0 || layer >= m.layerCount()) throw new IllegalArgumentException("layer " + layer + " of " + m.layerCount());
    int h = m.layer(layer).hiddenSize();
    long rows = 0;
    for (double[] x : sequences) rows += lastStepOnly ? 1 : steps(m, x);
    if (rows * h > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many hidden states for one array: " + rows + " x " + h);
    double[] out = new double[(int) rows * h];
    int pos = 0;
    for (int s = 0; s < sequences.size(); s++) {
      double[] g = stateGradients(m, sequences.get(s), labels[s], layer);
      int len = lastStepOnly ? h : g.length;
      System.arraycopy(g, g.length - len, out, pos, len);
      pos += len;
    }
    return out;
  }

  /**
   * Where a backward pass puts its results: parameter gradient sums (per layer {wIh, wHh, bIh, bHh}, then the
   * read-out), or the total state derivatives of one layer.
   */
  private static final class Sink {
    final double[][][] layers; // null when only states are wanted
    final double[] wOut;
    final double[] bOut;
    final int stateLayer; // −1: none
    final double[] stateOut; // [T × H_stateLayer] or null

    private Sink(double[][][] layers, double[] wOut, double[] bOut, int stateLayer, double[] stateOut) {
      this.layers = layers;
      this.wOut = wOut;
      this.bOut = bOut;
      this.stateLayer = stateLayer;
      this.stateOut = stateOut;
    }

    static Sink gradients(GatedRnn m) {
      double[][][] layers = new double[m.layerCount()][][];
      for (int l = 0; l < layers.length; l++) {
        GatedLayer g = m.layer(l);
        int gh = g.gates() * g.hiddenSize();
        layers[l] = new double[][] {new double[gh * g.inputSize()], new double[gh * g.hiddenSize()], new double[gh], new double[gh]};
      }
      return new Sink(layers, new double[m.wOut().length], new double[m.bOut().length], -1, null);
    }

    static Sink states(int layer, double[] out) {
      return new Sink(null, null, null, layer, out);
    }

    boolean params() {
      return layers != null;
    }
  }

  /**
   * Forward and backward of one sequence.
   *
   * @param scale factor on the loss gradient (1/n for a batch mean)
   * @param lo first step back-propagated (1 = full BPTT)
   * @param sink receives the parameter gradients or the state derivatives (Modified)
   * @return the sequence's cross-entropy
   */
  private static double backward(GatedRnn m, double[] x, int y, double scale, int lo, Sink sink) {
    Trace tr = forward(m, x);
    int steps = steps(m, x);
    double[] z = tr.logits();
    int c = z.length;
    double[] g = new double[c];
    double loss = SoftmaxCrossEntropy.rowLossAndGradient(z, 0, c, y, g, 0);
    int last = m.layerCount() - 1;
    int hl = m.lastLayer().hiddenSize();
    double[] hT = tr.layers().get(last).h();
    double[] dAbove = new double[steps * hl]; // [T × H_L]: only row T − 1 is non-zero
    for (int k = 0; k < c; k++) {
      double dz = g[k] * scale;
      if (sink.params()) {
        sink.bOut[k] += dz;
        for (int j = 0; j < hl; j++) sink.wOut[k * hl + j] += dz * hT[steps * hl + j];
      }
      for (int j = 0; j < hl; j++) dAbove[(steps - 1) * hl + j] += m.wOut()[k * hl + j] * dz;
    }
    int bottom = sink.params() ? 0 : sink.stateLayer;
    for (int l = last; l >= bottom; l--) {
      double[] in = l == 0 ? x : tr.layers().get(l - 1).h();
      int off = l == 0 ? 0 : m.layer(l - 1).hiddenSize();
      LayerBackward b = new LayerBackward(m.layer(l), tr.layers().get(l), in, off, sink.params() ? sink.layers[l] : null);
      dAbove = b.run(dAbove, lo, l == sink.stateLayer ? sink.stateOut : null, l > bottom);
    }
    return loss;
  }

  /** BPTT through one layer of one sequence. */
  private static final class LayerBackward {
    final GatedLayer g;
    final LayerTrace tr;
    final double[] in; // the layer's inputs, step t at off + (t − 1)·inSize
    final int off;
    final double[][] grad; // {wIh, wHh, bIh, bHh} sums (Modified), or null
    final int h;
    final int n;
    final int gh;
    final boolean lstm;
    final double[] dIh; // [G·H] input-side pre-activation delta
    final double[] dHh; // [G·H] recurrent-side delta (the same array as dIh for the LSTM)
    final double[] dhRec; // [H] recurrent part of dh_t, from step t + 1
    final double[] dcNext; // [H] LSTM: dL/dc_t carried from step t + 1 (times f_{t+1})

    LayerBackward(GatedLayer g, LayerTrace tr, double[] in, int off, double[][] grad) {
      this.g = g;
      this.tr = tr;
      this.in = in;
      this.off = off;
      this.grad = grad;
      h = g.hiddenSize();
      n = g.inputSize();
      gh = g.gates() * h;
      lstm = g.cell() == GatedCell.LSTM;
      dIh = new double[gh];
      dHh = lstm ? dIh : new double[gh];
      dhRec = new double[h];
      dcNext = new double[h];
    }

    /**
     * @param dAbove {@code [T × H]} derivative from above at each step (Not modified)
     * @param lo first step back-propagated
     * @param stateOut receives the total dh_t {@code [T × H]} (Modified), or null
     * @param wantInput whether to compute the input derivative
     * @return {@code [T × in]} derivative with respect to the layer's input at each step (zero before lo), or
     *     null when not wanted
     */
    double[] run(double[] dAbove, int lo, double[] stateOut, boolean wantInput) {
      int steps = tr.steps();
      double[] dIn = wantInput ? new double[steps * n] : null;
      double[] dh = new double[h];
      for (int t = steps; t >= lo; t--) {
        for (int u = 0; u < h; u++) dh[u] = dAbove[(t - 1) * h + u] + dhRec[u];
        if (stateOut != null) System.arraycopy(dh, 0, stateOut, (t - 1) * h, h);
        if (lstm) lstmDeltas(t, dh);
        else gruDeltas(t, dh);
        accumulate(t);
        if (dIn != null) transposeTimes(g.wIh(), dIh, n, dIn, (t - 1) * n);
        transposeTimes(g.wHh(), dHh, h, dhRec, 0);
      }
      return dIn;
    }

    /** Pre-activation deltas of step t; sets dhRec to the direct part (0) and updates dcNext. */
    private void lstmDeltas(int t, double[] dh) {
      double[] gt = tr.gates();
      int go = (t - 1) * gh;
      for (int u = 0; u < h; u++) {
        double i = gt[go + u];
        double f = gt[go + h + u];
        double gg = gt[go + 2 * h + u];
        double o = gt[go + 3 * h + u];
        double tc = Math.tanh(tr.c()[t * h + u]);
        double dc = dcNext[u] + dh[u] * o * (1 - tc * tc);
        dIh[u] = dc * gg * i * (1 - i);
        dIh[h + u] = dc * tr.c()[(t - 1) * h + u] * f * (1 - f);
        dIh[2 * h + u] = dc * i * (1 - gg * gg);
        dIh[3 * h + u] = dh[u] * tc * o * (1 - o);
        dcNext[u] = dc * f;
        dhRec[u] = 0;
      }
    }

    /** Input- and recurrent-side deltas of step t; sets dhRec to the direct part {@code dh ⊙ z}. */
    private void gruDeltas(int t, double[] dh) {
      double[] gt = tr.gates();
      int go = (t - 1) * gh;
      for (int u = 0; u < h; u++) {
        double r = gt[go + u];
        double z = gt[go + h + u];
        double nn = gt[go + 2 * h + u];
        double hp = tr.h()[(t - 1) * h + u];
        double dan = dh[u] * (1 - z) * (1 - nn * nn);
        double dar = dan * tr.recurrentN()[(t - 1) * h + u] * r * (1 - r);
        double daz = dh[u] * (hp - nn) * z * (1 - z);
        dIh[u] = dar;
        dIh[h + u] = daz;
        dIh[2 * h + u] = dan;
        dHh[u] = dar;
        dHh[h + u] = daz;
        dHh[2 * h + u] = dan * r;
        dhRec[u] = dh[u] * z;
      }
    }

    /** Adds step t's outer products and deltas to the parameter gradients. */
    private void accumulate(int t) {
      if (grad == null) return;
      double[] gWih = grad[0];
      double[] gWhh = grad[1];
      int xo = off + (t - 1) * n;
      int ho = (t - 1) * h;
      for (int row = 0; row < gh; row++) {
        double di = dIh[row];
        double dr = dHh[row];
        grad[2][row] += di;
        grad[3][row] += dr;
        for (int k = 0; k < n; k++) gWih[row * n + k] += di * in[xo + k];
        for (int k = 0; k < h; k++) gWhh[row * h + k] += dr * tr.h()[ho + k];
      }
    }
  }

  /** {@code out[o .. o + cols) += Wᵀ d} for {@code W [rows × cols]}, rows = d.length. */
  private static void transposeTimes(double[] w, double[] d, int cols, double[] out, int o) {
    for (int row = 0; row < d.length; row++) {
      double v = d[row];
      int wo = row * cols;
      for (int k = 0; k < cols; k++) out[o + k] += w[wo + k] * v;
    }
  }

  private static double[] readOut(GatedRnn m, double[] hs, int off) {
    int h = m.lastLayer().hiddenSize();
    double[] z = new double[m.numClasses()];
    for (int c = 0; c < z.length; c++) {
      double s = m.bOut()[c];
      for (int j = 0; j < h; j++) s += m.wOut()[c * h + j] * hs[off + j];
      z[c] = s;
    }
    return z;
  }

  /** {@code y = W v + b} for {@code W [rows × n]} and {@code v = x[off .. off+n)}. */
  private static void affine(double[] w, double[] b, double[] x, int off, int n, int rows, double[] y) {
    for (int r = 0; r < rows; r++) {
      double v = b[r];
      int o = r * n;
      for (int k = 0; k < n; k++) v += w[o + k] * x[off + k];
      y[r] = v;
    }
  }

  private static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  private static int steps(GatedRnn m, double[] x) {
    int in = m.inputSize();
    if (x.length == 0 || x.length % in != 0)
      throw new IllegalArgumentException("a sequence has " + x.length + " values, not a positive multiple of " + in);
    return x.length / in;
  }
}
