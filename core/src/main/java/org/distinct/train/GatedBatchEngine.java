package org.distinct.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedLayer;
import org.distinct.model.GatedRnn;
import org.distinct.tensor.GatedFloatWeights;
import org.distinct.tensor.GatedKernels;
import org.distinct.tensor.GatedTape;

/**
 * The fast float path of LSTM and GRU training: loss and mean gradient of a mini-batch by (optionally truncated)
 * BPTT through every layer on {@link GatedKernels}, the batch split across threads. Computes what the textbook
 * double forward of {@link GatedRnn} defines (loss = mean softmax cross-entropy of {@code W_out h_T + b_out} of
 * the last layer), in float; the read-out and softmax are in double.
 *
 * <p><b>Flat parameter layout</b> ({@link #parameters()}, and the same for {@link #gradients()}): exactly PyTorch's
 * {@code list(nn.LSTM(...).parameters()) + list(nn.Linear(...).parameters())}, each flattened row-major, no
 * padding:
 *
 * <pre>
 *   for each layer l = 0..L−1 (G = 4 for the LSTM, 3 for the GRU; in_0 = I, in_l = H_{l−1}):
 *     weight_ih_l [G·H_l × in_l] | weight_hh_l [G·H_l × H_l] | bias_ih_l [G·H_l] | bias_hh_l [G·H_l]
 *   then W_out [C × H_L] | b_out [C]
 * </pre>
 *
 * (row {@code k·H + u} is unit u of gate block k, gate order of {@link GatedCell}). Both biases are kept as
 * PyTorch keeps them: for the LSTM, and for the GRU's r and z gates, they always receive the same gradient, so a
 * plain optimizer step on this buffer follows PyTorch's trajectory ({@link #updateScales()} is empty). The
 * kernels' padded layouts are derived from it by {@link #parametersChanged()} (their padding is never written and
 * stays 0), so there are no padding lanes in the flat buffers at all. {@link #gradientNorm()} is therefore the
 * plain L2 norm of the gradient buffer, what {@code clip_grad_norm_} computes over those PyTorch parameters.
 *
 * <p>Truncation N &gt; 0: for a sequence of T steps, steps {@code T − N + 1 .. T} of every layer are
 * back-propagated; the states before are constants (see {@link GatedKernels}).
 *
 * <p>Sequences of different lengths: every sequence runs on its own from zero states to its own last step, into
 * its own gradient slot; sequences of similar length are paired and run in lockstep (each weight loaded once for
 * both, bit for bit what one at a time gives) (in the kernels' layout); the batch gradient is the sum of the slots in batch order
 * (accumulated in double) divided by the batch size. A sequence's computation does not depend on the thread that
 * runs it, so the result is bit-identical for any number of threads. All buffers are allocated in the
 * constructor; per batch only the worker tasks' handles are allocated.
 */
public final class GatedBatchEngine implements SequenceEngine<GatedRnn> {
  private final GatedKernels kernels;
  private final GatedCell cell;
  private final int[] sizes; // [I, H_1..H_L, C]
  private final int layers; // L
  private final int in; // I
  private final int classes; // C
  private final int hTop; // H_L
  private final int maxSteps;
  private final int maxBatch;
  private final int threads;
  private final int truncation;

  private final float[] params; // flat, PyTorch layout (see class javadoc)
  private final float[] grads; // same layout: batch mean
  private final int[] layerOff; // [L] offset of weight_ih_l in the flat buffers
  private final int outOff; // offset of W_out
  private final GatedFloatWeights[] packed; // [L] kernel layouts, derived from params

  private final int[] slotOff; // [L] offset of layer l's packed gradient in a slot
  private final int slotOutOff; // offset of ∂W_out [C × H_L], then ∂b_out [C]
  private final float[][] slots; // [maxBatch][slot size]
  private final double[] acc; // [slot size] reduction scratch
  private final double[] sLoss; // [maxBatch]
  private final int[] sPred; // [maxBatch]

  private final Workspace[] ws;
  private final BatchWorkers workers;
  private List<float[]> curX;
  private int[] curLabels;
  private int[] curIdx;
  private int curFrom;

  /**
   * Allocates all buffers; the parameters start at zero (use {@link #setModel}).
   *
   * @param kernels the kernels to run on
   * @param cell LSTM or GRU
   * @param sizes {@code [I, H_1, …, H_L, C]} (at least one layer; Not modified)
   * @param maxSteps the longest sequence that will be passed
   * @param maxBatch the largest batch that will be passed
   * @param threads worker threads (≥ 1; 1 runs on the caller's thread)
   * @param truncation 0 for full BPTT, else the number of last steps back-propagated
   */
  public GatedBatchEngine(GatedKernels kernels, GatedCell cell, int[] sizes, int maxSteps, int maxBatch, int threads, int truncation) {
    if (sizes.length < 3) throw new IllegalArgumentException("sizes need [I, H_1..H_L, C]: " + Arrays.toString(sizes));
    for (int s : sizes) if (s < 1) throw new IllegalArgumentException("sizes must be positive: " + Arrays.toString(sizes));
    if (maxSteps < 1 || maxBatch < 1 || threads < 1 || truncation < 0) throw new IllegalArgumentException("bad gated engine sizes");
    this.kernels = kernels;
    this.cell = cell;
    this.sizes = sizes.clone();
    this.layers = sizes.length - 2;
    this.in = sizes[0];
    this.classes = sizes[sizes.length - 1];
    this.hTop = sizes[layers];
    this.maxSteps = maxSteps;
    this.maxBatch = maxBatch;
    this.threads = threads;
    this.truncation = truncation;
    boolean lstm = cell == GatedCell.LSTM;
    int g = cell.gates();
    layerOff = new int[layers];
    packed = new GatedFloatWeights[layers];
    slotOff = new int[layers];
    int off = 0;
    int soff = 0;
    for (int l = 0; l < layers; l++) {
      int li = sizes[l], h = sizes[l + 1];
      layerOff[l] = off;
      off += g * h * (li + h + 2);
      int inP = l == 0 ? 0 : packed[l - 1].hp;
      packed[l] = new GatedFloatWeights(lstm, li, h, kernels.paddedSize(h, false), inP, kernels.panelWidth());
      slotOff[l] = soff;
      soff += packed[l].gradientSize();
    }
    outOff = off;
    params = new float[off + classes * hTop + classes];
    grads = new float[params.length];
    slotOutOff = soff;
    int slotSize = soff + classes * hTop + classes;
    slots = new float[maxBatch][slotSize];
    acc = new double[slotSize];
    sLoss = new double[maxBatch];
    sPred = new int[maxBatch];
    ws = new Workspace[threads];
    for (int w = 0; w < threads; w++) ws[w] = new Workspace();
    workers = new BatchWorkers(threads, maxBatch, "distinct-gated");
    parametersChanged();
  }

  /** Buffers of one sequence of a pair. */
  private final class Side {
    final GatedTape[] tapes = new GatedTape[layers]; // [L]
    final float[] dx; // [(maxT + 1) × max hp of layers 0..L−2]: ∂L/∂h of the layer below
    final float[] top; // [hp_L] ∂L/∂h_T of the last layer

    Side() {
      int maxHp = 1;
      for (int l = 0; l < layers; l++) {
        tapes[l] = new GatedTape(cell == GatedCell.LSTM, packed[l].hp, maxSteps);
        if (l < layers - 1) maxHp = Math.max(maxHp, packed[l].hp);
      }
      dx = new float[layers > 1 ? (maxSteps + 1) * maxHp : 0];
      top = new float[packed[layers - 1].hp];
    }
  }

  /** Buffers of one worker: two sides for the two sequences of a pair. */
  private final class Workspace {
    final Side a = new Side();
    final Side b = new Side();
    final double[] z = new double[classes]; // logits, then ∂L/∂z
  }

  /** @return the kernels in use */
  public GatedKernels kernels() {
    return kernels;
  }

  /** @return {@code [I, H_1, …, H_L, C]} (a copy) */
  public int[] sizes() {
    return sizes.clone();
  }

  /**
   * @param l layer
   * @return offset of {@code weight_ih_l} in the flat buffers (then {@code weight_hh_l}, {@code bias_ih_l},
   *     {@code bias_hh_l})
   */
  public int layerOffset(int l) {
    return layerOff[l];
  }

  /** @return offset of {@code W_out} in the flat buffers (then {@code b_out}) */
  public int outputOffset() {
    return outOff;
  }

  /** @return layer l's kernel layout (tests check its padding) */
  GatedFloatWeights packed(int l) {
    return packed[l];
  }

  /** @return worker w's tape of layer l for the first sequence of a pair (tests check its padding lanes) */
  GatedTape tape(int w, int l) {
    return ws[w].a.tapes[l];
  }

  @Override
  public float[] parameters() {
    return params;
  }

  @Override
  public float[] gradients() {
    return grads;
  }

  @Override
  public void parametersChanged() {
    for (int l = 0; l < layers; l++) packed[l].load(params, layerOff[l]);
  }

  @Override
  public void setModel(GatedRnn m) {
    if (m.cell() != cell || !Arrays.equals(m.sizes(), sizes))
      throw new IllegalArgumentException("model " + m + " does not match the engine " + cell.kind() + Arrays.toString(sizes));
    int o = 0;
    for (int l = 0; l < layers; l++) {
      GatedLayer g = m.layer(l);
      for (double[] a : new double[][] {g.wIh(), g.wHh(), g.bIh(), g.bHh()}) o = put(a, o);
    }
    o = put(m.wOut(), o);
    put(m.bOut(), o);
    parametersChanged();
  }

  private int put(double[] a, int o) {
    for (int i = 0; i < a.length; i++) params[o + i] = (float) a[i];
    return o + a.length;
  }

  private double[] take(int o, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = params[o + i];
    return a;
  }

  @Override
  public GatedRnn toModel() {
    List<GatedLayer> ls = new ArrayList<>(layers);
    int g = cell.gates();
    for (int l = 0; l < layers; l++) {
      int li = sizes[l], h = sizes[l + 1], o = layerOff[l];
      int gh = g * h;
      ls.add(new GatedLayer(cell, li, h, take(o, gh * li), take(o + gh * li, gh * h), take(o + gh * (li + h), gh),
          take(o + gh * (li + h + 1), gh)));
    }
    return GatedRnn.create(cell, ls, take(outOff, classes * hTop), take(outOff + classes * hTop, classes));
  }

  @Override
  public double lossAndGradients(List<float[]> x, int[] labels, int[] idx, int from, int count, int[] predictions) {
    if (count <= 0 || count > maxBatch) throw new IllegalArgumentException("batch size " + count + " outside 1.." + maxBatch);
    curX = x;
    curLabels = labels;
    curIdx = idx;
    curFrom = from;
    workers.sortByLength(x, idx, from, count, true);
    workers.run(count, w -> work(ws[w], count));
    double loss = 0;
    for (int q = 0; q < count; q++) loss += sLoss[q];
    reduce(count);
    if (predictions != null) System.arraycopy(sPred, 0, predictions, 0, count);
    return loss / count;
  }

  private void work(Workspace w, int count) {
    int pairs = (count + 1) / 2;
    int p;
    while ((p = workers.take()) < pairs) {
      int qa = workers.at(2 * p);
      if (2 * p + 1 < count) pair(w, qa, workers.at(2 * p + 1));
      else single(w, qa);
    }
  }

  /** @return batch member q's sequence, checked */
  private float[] input(int q) {
    int s = curIdx[curFrom + q];
    float[] x = curX.get(s);
    if (x.length == 0 || x.length % in != 0)
      throw new IllegalArgumentException("sequence " + s + " has " + x.length + " values, not a positive multiple of " + in);
    if (x.length / in > maxSteps) throw new IllegalArgumentException("sequence " + s + " is longer than " + maxSteps + " steps");
    return x;
  }

  private int lo(int steps) {
    return truncation == 0 ? 1 : Math.max(1, steps - truncation + 1);
  }

  /** Binds layer l's input: the sequence for layer 0, the layer below's hidden states otherwise. */
  private GatedTape bind(Side sd, int l, float[] x, int steps) {
    if (l == 0) return sd.tapes[0].input(x, 0, in, steps);
    int hpBelow = packed[l - 1].hp;
    return sd.tapes[l].input(sd.tapes[l - 1].h, hpBelow, hpBelow, steps);
  }

  /**
   * Binds what layer l's backward pass receives from above (the read-out's gradient or the layer above's dx) and
   * where it accumulates the weight gradients (slot q).
   */
  private GatedTape above(Side sd, int l, int q) {
    GatedTape tp = sd.tapes[l].gradient(slots[q], slotOff[l]);
    return l == layers - 1 ? tp.above(sd.top, 0) : tp.above(sd.dx, packed[l].hp);
  }

  /** The input gradient of layer l for the layer below (the weight gradients were added by the backward pass). */
  private void inputGradients(Side sd, int l, int lo) {
    if (l > 0) kernels.inputGradients(packed[l], sd.tapes[l], lo, sd.dx);
  }

  /** Forward, loss and backward of batch member q alone, into slot q. */
  private void single(Workspace w, int q) {
    float[] x = input(q);
    int steps = x.length / in;
    Side sd = w.a;
    for (int l = 0; l < layers; l++) kernels.forward(packed[l], bind(sd, l, x, steps));
    Arrays.fill(slots[q], 0f);
    readOut(sd.tapes[layers - 1].h, steps * packed[layers - 1].hp, q, sd.top, w.z);
    int lo = lo(steps);
    for (int l = layers - 1; l >= 0; l--) {
      kernels.backward(packed[l], above(sd, l, q), lo);
      inputGradients(sd, l, lo);
    }
  }

  /**
   * Batch members qa and qb together: every layer runs both sequences in lockstep while both have steps left
   * (forward and backward), then the longer one alone. Bit for bit the same as two {@link #single} calls.
   */
  private void pair(Workspace w, int qa, int qb) {
    float[] xa = input(qa);
    float[] xb = input(qb);
    int ta = xa.length / in;
    int tb = xb.length / in;
    for (int l = 0; l < layers; l++) kernels.forward2(packed[l], bind(w.a, l, xa, ta), bind(w.b, l, xb, tb));
    Arrays.fill(slots[qa], 0f);
    Arrays.fill(slots[qb], 0f);
    int top = layers - 1;
    readOut(w.a.tapes[top].h, ta * packed[top].hp, qa, w.a.top, w.z);
    readOut(w.b.tapes[top].h, tb * packed[top].hp, qb, w.b.top, w.z);
    int loA = lo(ta);
    int loB = lo(tb);
    for (int l = top; l >= 0; l--) {
      kernels.backward2(packed[l], above(w.a, l, qa), loA, above(w.b, l, qb), loB);
      inputGradients(w.a, l, loA);
      inputGradients(w.b, l, loB);
    }
  }

  /**
   * Read-out, softmax cross-entropy (in double) and output-layer gradients of batch member q; leaves ∂L/∂h_T in
   * {@code top}.
   */
  private void readOut(float[] h, int last, int q, float[] top, double[] z) {
    int y = curLabels[curIdx[curFrom + q]];
    float[] slot = slots[q];
    double max = Double.NEGATIVE_INFINITY;
    int arg = 0;
    int bo = outOff + classes * hTop;
    for (int c = 0; c < classes; c++) {
      double v = params[bo + c];
      int o = outOff + c * hTop;
      for (int j = 0; j < hTop; j++) v += (double) params[o + j] * h[last + j];
      z[c] = v;
      if (v > max) {
        max = v;
        arg = c;
      }
    }
    sLoss[q] = SoftmaxCrossEntropy.rowLossAndGradient(z, 0, classes, y, z, 0); // z := ∂L/∂z
    sPred[q] = arg;
    Arrays.fill(top, 0f);
    for (int j = 0; j < hTop; j++) {
      double a = 0;
      for (int c = 0; c < classes; c++) a += (double) params[outOff + c * hTop + j] * z[c];
      top[j] = (float) a;
    }
    for (int c = 0; c < classes; c++) {
      float dz = (float) z[c];
      slot[slotOutOff + classes * hTop + c] = dz;
      int o = slotOutOff + c * hTop;
      for (int j = 0; j < hTop; j++) slot[o + j] = dz * h[last + j];
    }
  }

  /** Sums the slots in batch order (double), divides by the batch size, and unpacks into {@link #grads}. */
  private void reduce(int count) {
    int n = acc.length;
    Arrays.fill(acc, 0.0);
    for (int q = 0; q < count; q++) {
      float[] s = slots[q];
      for (int i = 0; i < n; i++) acc[i] += s[i];
    }
    for (int l = 0; l < layers; l++) unpackLayer(l, count);
    int m = classes * hTop + classes;
    for (int i = 0; i < m; i++) grads[outOff + i] = (float) (acc[slotOutOff + i] / count);
  }

  /** Layer l's packed gradient sums ({@code acc}) to PyTorch's layout in {@link #grads}, divided by count. */
  private void unpackLayer(int l, int count) {
    GatedFloatWeights p = packed[l];
    int g = cell.gates(), h = p.hidden, li = p.in, hp = p.hp, wd = p.width, rec = p.recurrent;
    int so = slotOff[l], sHh = so + li * wd, sCol = sHh + h * rec;
    int o = layerOff[l], oHh = o + g * h * li, oBi = oHh + g * h * h, oBh = oBi + g * h;
    boolean lstm = cell == GatedCell.LSTM;
    for (int k = 0; k < g; k++) {
      int blk = GatedFloatWeights.inputBlock(lstm, k);
      for (int u = 0; u < h; u++) {
        int r = k * h + u;
        for (int c = 0; c < li; c++) grads[o + r * li + c] = (float) (acc[so + c * wd + blk * hp + u] / count);
        for (int j = 0; j < h; j++) grads[oHh + r * h + j] = (float) (acc[sHh + j * rec + k * hp + u] / count);
        grads[oBi + r] = (float) (acc[sCol + blk * hp + u] / count);
        grads[oBh + r] = (float) (acc[sCol + k * hp + u] / count);
      }
    }
  }

  @Override
  public double gradientNorm() {
    double s = 0;
    for (float v : grads) s += (double) v * v;
    return Math.sqrt(s);
  }

  @Override
  public double clipGradientNorm(double maxNorm) {
    double norm = gradientNorm();
    double coef = maxNorm / (norm + 1e-6);
    if (coef < 1) {
      float f = (float) coef;
      for (int i = 0; i < grads.length; i++) grads[i] *= f;
    }
    return norm;
  }

  /** Stops the worker threads. */
  @Override
  public void close() {
    workers.close();
  }
}
