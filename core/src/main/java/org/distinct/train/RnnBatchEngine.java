package org.distinct.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.distinct.model.ElmanRnn;
import org.distinct.tensor.RnnKernels;
import org.distinct.tensor.RnnPacking;

/**
 * The fast float path of RNN training: loss and gradients of a mini-batch by (optionally truncated) BPTT on
 * {@link RnnKernels}, the batch split across threads. Computes exactly what {@link RnnReference} defines,
 * in float.
 *
 * <p>Sequences of different lengths: every sequence is run on its own from h_0 = 0 to its own last step,
 * into its own gradient slot; the batch gradient is the sum of the slots in sequence order (accumulated in
 * double), divided by the batch size. A sequence's computation does not depend on which thread runs it, so
 * the result is bit-identical for any number of threads. All buffers (states, deltas, slots) are allocated
 * once, in the constructor; nothing is allocated per time step, and per batch only the handles of the
 * worker tasks.
 *
 * <p>Parameters are float "master weights" in the kernels' padded layouts; {@link #setModel} and
 * {@link #toModel} convert from and to the double {@link ElmanRnn}.
 */
public final class RnnBatchEngine implements SequenceEngine<ElmanRnn> {
  private final RnnKernels kernels;
  private final int in; // I
  private final int hidden; // H
  private final int classes; // C
  private final int hp; // padded H
  private final int maxSteps;
  private final int maxBatch;
  private final int threads;
  private final int truncation;

  // parameters: the flat master buffer the optimizer updates, and the kernels' copies of its segments
  private final float[] flat; // [wIhT | wHhT | b | wOut | bOut], the layouts below
  private final float[] flatGrad; // batch gradient (mean over the batch), same layout
  private final int oWhh; // offset of wHhT in flat
  private final int oB; // offset of b
  private final int oWout; // offset of wOut
  private final int oBout; // offset of bOut
  final float[] wIhT; // [I × hp]
  final float[] wHhT; // [H × hp]
  final float[] b; // [hp]
  final float[] wOut; // [C × H]
  final float[] bOut; // [C]
  private final float[] wHh; // [H × hp], row-major copy of W_hh for the backward pass

  // per-sequence slots [maxBatch][...]
  private final float[][] sWihT;
  private final float[][] sWhhT;
  private final float[][] sb;
  private final float[][] sWout;
  private final float[][] sbOut;
  private final double[] sLoss;
  private final int[] sPred;

  // per-thread workspaces
  private final Workspace[] ws;
  private final BatchWorkers workers;
  private final double[] acc; // reduction scratch, length of the largest gradient array

  // the batch being processed (set by lossAndGradients; read by workers)
  private List<float[]> curX;
  private int[] curLabels;
  private int[] curIdx;
  private int curFrom;

  /**
   * Allocates all buffers.
   *
   * @param kernels the kernels to run on
   * @param inputSize I
   * @param hiddenSize H
   * @param numClasses C
   * @param maxSteps the longest sequence that will be passed
   * @param maxBatch the largest batch that will be passed
   * @param threads worker threads (≥ 1; 1 runs on the caller's thread)
   * @param truncation 0 for full BPTT, else the number of last steps back-propagated
   */
  public RnnBatchEngine(
      RnnKernels kernels, int inputSize, int hiddenSize, int numClasses, int maxSteps, int maxBatch, int threads, int truncation) {
    if (inputSize <= 0 || hiddenSize <= 0 || numClasses <= 0 || maxSteps <= 0 || maxBatch <= 0 || threads <= 0 || truncation < 0)
      throw new IllegalArgumentException("bad RNN engine sizes");
    this.kernels = kernels;
    this.in = inputSize;
    this.hidden = hiddenSize;
    this.classes = numClasses;
    this.hp = kernels.paddedSize(hiddenSize, false);
    this.maxSteps = maxSteps;
    this.maxBatch = maxBatch;
    this.threads = threads;
    this.truncation = truncation;
    wIhT = new float[in * hp];
    wHhT = new float[hidden * hp];
    b = new float[hp];
    wOut = new float[classes * hidden];
    bOut = new float[classes];
    wHh = new float[hidden * hp];
    oWhh = in * hp;
    oB = oWhh + hidden * hp;
    oWout = oB + hp;
    oBout = oWout + classes * hidden;
    flat = new float[oBout + classes];
    flatGrad = new float[flat.length];
    sWihT = new float[maxBatch][in * hp];
    sWhhT = new float[maxBatch][hidden * hp];
    sb = new float[maxBatch][hp];
    sWout = new float[maxBatch][classes * hidden];
    sbOut = new float[maxBatch][classes];
    sLoss = new double[maxBatch];
    sPred = new int[maxBatch];
    ws = new Workspace[threads];
    for (int w = 0; w < threads; w++) ws[w] = new Workspace();
    acc = new double[Math.max(hidden * hp, Math.max(in * hp, classes * hidden))];
    workers = new BatchWorkers(threads, maxBatch, "distinct-rnn");
  }

  private final class Workspace {
    final float[] statesA = new float[(maxSteps + 1) * hp]; // [(maxT + 1) × hp]
    final float[] deltasA = new float[(maxSteps + 1) * hp];
    final float[] gA = new float[hp];
    final float[] statesB = new float[(maxSteps + 1) * hp]; // second sequence of a pair
    final float[] deltasB = new float[(maxSteps + 1) * hp];
    final float[] gB = new float[hp];
    final double[] z = new double[classes];
  }

  /** @return the kernels in use */
  public RnnKernels kernels() {
    return kernels;
  }

  /**
   * Loads the parameters of a model (rounded to float).
   *
   * @param m the model; its sizes must match the engine's
   */
  @Override
  public void setModel(ElmanRnn m) {
    if (m.inputSize() != in || m.hiddenSize() != hidden || m.numClasses() != classes)
      throw new IllegalArgumentException("model " + m + " does not match the engine " + in + "-" + hidden + "-" + classes);
    System.arraycopy(RnnPacking.transposePaddedFloat(m.wIh(), hidden, in, hp), 0, wIhT, 0, wIhT.length);
    System.arraycopy(RnnPacking.transposePaddedFloat(m.wHh(), hidden, hidden, hp), 0, wHhT, 0, wHhT.length);
    Arrays.fill(b, 0f);
    for (int i = 0; i < hidden; i++) b[i] = (float) m.b()[i];
    for (int i = 0; i < wOut.length; i++) wOut[i] = (float) m.wOut()[i];
    for (int i = 0; i < classes; i++) bOut[i] = (float) m.bOut()[i];
    System.arraycopy(wIhT, 0, flat, 0, wIhT.length);
    System.arraycopy(wHhT, 0, flat, oWhh, wHhT.length);
    System.arraycopy(b, 0, flat, oB, hp);
    System.arraycopy(wOut, 0, flat, oWout, wOut.length);
    System.arraycopy(bOut, 0, flat, oBout, classes);
    parametersChanged();
  }

  /**
   * The flat master buffer: {@code W_ihᵀ [I × hp] | W_hhᵀ [H × hp] | b [hp] | W_out [C × H] | b_out [C]}, with the
   * padding lanes of the first three (columns H..hp−1) zero; their gradient is always zero, so no optimizer step
   * moves them.
   */
  @Override
  public float[] parameters() {
    return flat;
  }

  /** @return the batch gradient, same layout as {@link #parameters()} */
  @Override
  public float[] gradients() {
    return flatGrad;
  }

  /**
   * The hidden bias {@code b} stands for PyTorch's {@code b_ih + b_hh}, two parameters that always get the same
   * gradient and hence the same update: its range moves by twice the update, so training follows {@code nn.RNN}.
   *
   * @return the bias range with factor 2
   */
  @Override
  public List<UpdateScale> updateScales() {
    return List.of(new UpdateScale(oB, hp, 2.0));
  }

  /** Copies the flat buffer into the kernels' arrays after it was changed in place (refreshes derived layouts). */
  @Override
  public void parametersChanged() {
    System.arraycopy(flat, 0, wIhT, 0, wIhT.length);
    System.arraycopy(flat, oWhh, wHhT, 0, wHhT.length);
    System.arraycopy(flat, oB, b, 0, hp);
    System.arraycopy(flat, oWout, wOut, 0, wOut.length);
    System.arraycopy(flat, oBout, bOut, 0, classes);
    RnnPacking.transposeSquare(wHhT, hidden, hp, wHh);
  }

  /** @return the current parameters as a new double model */
  @Override
  public ElmanRnn toModel() {
    double[] bd = new double[hidden];
    for (int i = 0; i < hidden; i++) bd[i] = b[i];
    double[] wo = new double[wOut.length];
    for (int i = 0; i < wo.length; i++) wo[i] = wOut[i];
    double[] bo = new double[classes];
    for (int i = 0; i < classes; i++) bo[i] = bOut[i];
    return new ElmanRnn(in, hidden, classes,
        RnnPacking.untransposeToDouble(wIhT, hidden, in, hp),
        RnnPacking.untransposeToDouble(wHhT, hidden, hidden, hp), bd, wo, bo);
  }

  /**
   * @return the batch gradient of the last {@link #lossAndGradients} call in the model's PyTorch layout:
   *     {@code {∂W_ih [H × I], ∂W_hh [H × H], ∂b [H], ∂W_out [C × H], ∂b_out [C]}} (new arrays)
   */
  public double[][] gradientsByTensor() {
    double[] gb2 = new double[hidden];
    for (int i = 0; i < hidden; i++) gb2[i] = flatGrad[oB + i];
    double[] go = new double[classes * hidden];
    for (int i = 0; i < go.length; i++) go[i] = flatGrad[oWout + i];
    double[] gbo = new double[classes];
    for (int i = 0; i < classes; i++) gbo[i] = flatGrad[oBout + i];
    return new double[][] {
      RnnPacking.untransposeToDouble(Arrays.copyOfRange(flatGrad, 0, oWhh), hidden, in, hp),
      RnnPacking.untransposeToDouble(Arrays.copyOfRange(flatGrad, oWhh, oB), hidden, hidden, hp), gb2, go, gbo
    };
  }

  /**
   * Loss and mean gradient of one mini-batch {@code idx[from..from+count)} at the current parameters. The
   * gradient is left in the engine (see {@link #gradients()}).
   *
   * @param x all sequences as float, row-major {@code [T_s × I]} (Not modified)
   * @param labels class of each sequence (Not modified)
   * @param idx sequence indices (Not modified)
   * @param from first position in {@code idx}
   * @param count batch size, 1..maxBatch
   * @param predictions if not null, receives the predicted class of each batch member at
   *     {@code predictions[0..count)} (Modified)
   * @return the mean cross-entropy of the batch (NaN/Inf if the parameters diverged)
   */
  @Override
  public double lossAndGradients(List<float[]> x, int[] labels, int[] idx, int from, int count, int[] predictions) {
    if (count <= 0 || count > maxBatch) throw new IllegalArgumentException("batch size " + count + " outside 1.." + maxBatch);
    curX = x;
    curLabels = labels;
    curIdx = idx;
    curFrom = from;
    workers.sortByLength(x, idx, from, count, false);
    workers.run(count, w -> work(ws[w], count));
    // fixed-order reduction: slot 0, 1, ..., count-1
    double loss = 0;
    for (int q = 0; q < count; q++) loss += sLoss[q];
    reduce(sWihT, 0, count);
    reduce(sWhhT, oWhh, count);
    reduce(sb, oB, count);
    reduce(sWout, oWout, count);
    reduce(sbOut, oBout, count);
    if (predictions != null) System.arraycopy(sPred, 0, predictions, 0, count);
    return loss / count;
  }

  /** Mean of the slots of one tensor, summed in slot order (in double), into {@code flatGrad[offset..]}. */
  private void reduce(float[][] slots, int offset, int count) {
    int n = slots[0].length;
    Arrays.fill(acc, 0, n, 0.0);
    for (int q = 0; q < count; q++) {
      float[] s = slots[q];
      for (int i = 0; i < n; i++) acc[i] += s[i];
    }
    for (int i = 0; i < n; i++) flatGrad[offset + i] = (float) (acc[i] / count);
  }

  private void work(Workspace w, int count) {
    int pairs = (count + 1) / 2;
    int p;
    while ((p = workers.take()) < pairs) {
      if (2 * p + 1 < count) pair(w, workers.at(2 * p), workers.at(2 * p + 1));
      else single(w, workers.at(2 * p));
    }
  }

  private float[] input(int q) {
    int s = curIdx[curFrom + q];
    float[] x = curX.get(s);
    if (x.length / in > maxSteps) throw new IllegalArgumentException("sequence " + s + " is longer than " + maxSteps + " steps");
    return x;
  }

  private int window(int steps) {
    return truncation == 0 ? steps : Math.min(truncation, steps);
  }

  /** Forward, loss and backward of batch member q alone, into slot q. */
  private void single(Workspace w, int q) {
    float[] x = input(q);
    int steps = x.length / in;
    kernels.forward(wIhT, wHhT, b, in, hidden, hp, x, 0, 1, steps, w.statesA);
    readOut(w.statesA, steps, q, w.gA, w.z);
    int lo = steps - window(steps) + 1;
    kernels.backward(wHh, hidden, hp, w.statesA, w.gA, w.deltasA, steps, lo);
    gradients(w.statesA, w.deltasA, x, lo, steps, q);
  }

  /**
   * Batch members qa and qb together: the kernels run both sequences in lockstep while both have steps
   * left, then the longer one alone. Bit for bit the same as two {@link #single} calls.
   */
  private void pair(Workspace w, int qa, int qb) {
    float[] xa = input(qa);
    float[] xb = input(qb);
    int ta = xa.length / in;
    int tb = xb.length / in;
    int common = Math.min(ta, tb);
    kernels.forward2(wIhT, wHhT, b, in, hidden, hp, xa, 0, w.statesA, xb, 0, w.statesB, 1, common);
    if (ta > common) kernels.forward(wIhT, wHhT, b, in, hidden, hp, xa, 0, common + 1, ta, w.statesA);
    if (tb > common) kernels.forward(wIhT, wHhT, b, in, hidden, hp, xb, 0, common + 1, tb, w.statesB);
    readOut(w.statesA, ta, qa, w.gA, w.z);
    readOut(w.statesB, tb, qb, w.gB, w.z);
    int wa = window(ta);
    int wb = window(tb);
    int both = Math.min(wa, wb);
    kernels.backward2(wHh, hidden, hp, w.statesA, w.gA, w.deltasA, ta, w.statesB, w.gB, w.deltasB, tb, both);
    if (wa > both) kernels.backward(wHh, hidden, hp, w.statesA, w.gA, w.deltasA, ta - both, ta - wa + 1);
    if (wb > both) kernels.backward(wHh, hidden, hp, w.statesB, w.gB, w.deltasB, tb - both, tb - wb + 1);
    gradients(w.statesA, w.deltasA, xa, ta - wa + 1, ta, qa);
    gradients(w.statesB, w.deltasB, xb, tb - wb + 1, tb, qb);
  }

  /**
   * Read-out, softmax cross-entropy (in double) and the output-layer gradients of batch member q; leaves
   * ∂L/∂h_T in {@code g}.
   */
  private void readOut(float[] states, int steps, int q, float[] g, double[] z) {
    int y = curLabels[curIdx[curFrom + q]];
    int last = steps * hp;
    double max = Double.NEGATIVE_INFINITY;
    int arg = 0;
    for (int c = 0; c < classes; c++) {
      double v = bOut[c];
      int o = c * hidden;
      for (int j = 0; j < hidden; j++) v += (double) wOut[o + j] * states[last + j];
      z[c] = v;
      if (v > max) {
        max = v;
        arg = c;
      }
    }
    sLoss[q] = SoftmaxCrossEntropy.rowLossAndGradient(z, 0, classes, y, z, 0); // z := ∂L/∂z
    sPred[q] = arg;
    Arrays.fill(g, 0f);
    for (int j = 0; j < hidden; j++) {
      double a = 0;
      for (int c = 0; c < classes; c++) a += (double) wOut[c * hidden + j] * z[c];
      g[j] = (float) a;
    }
    float[] gWo = sWout[q];
    float[] gBo = sbOut[q];
    for (int c = 0; c < classes; c++) {
      float dz = (float) z[c];
      gBo[c] = dz;
      int o = c * hidden;
      for (int j = 0; j < hidden; j++) gWo[o + j] = dz * states[last + j];
    }
  }

  private void gradients(float[] states, float[] deltas, float[] x, int lo, int steps, int q) {
    Arrays.fill(sWihT[q], 0f);
    Arrays.fill(sWhhT[q], 0f);
    Arrays.fill(sb[q], 0f);
    kernels.accumulateGradients(states, deltas, x, 0, in, hidden, hp, lo, steps, sWihT[q], sWhhT[q], sb[q]);
  }

  /**
   * Scales the batch gradient so that its global L2 norm is at most {@code maxNorm} (PyTorch's
   * {@code clip_grad_norm_}: factor {@code maxNorm / (norm + 1e-6)} when below 1).
   *
   * @param maxNorm the limit (&gt; 0)
   * @return the norm before clipping
   */
  @Override
  public double clipGradientNorm(double maxNorm) {
    double norm = gradientNorm();
    double coef = maxNorm / (norm + 1e-6);
    if (coef < 1) {
      float f = (float) coef;
      for (int i = 0; i < flatGrad.length; i++) flatGrad[i] *= f;
    }
    return norm;
  }

  /**
   * The global L2 norm of the batch gradient as PyTorch's {@code clip_grad_norm_} sees it for
   * {@code nn.RNN} + {@code nn.Linear}: the hidden bias counts twice, once as {@code b_ih} and once as
   * {@code b_hh}.
   *
   * @return the norm (NaN/Inf if the gradient is not finite)
   */
  @Override
  public double gradientNorm() {
    double s = 0;
    for (float v : flatGrad) s += (double) v * v;
    for (int i = oB; i < oB + hp; i++) s += (double) flatGrad[i] * flatGrad[i];
    return Math.sqrt(s);
  }

  /** Stops the worker threads. */
  @Override
  public void close() {
    workers.close();
  }

  /**
   * Converts sequences to float once (training inputs).
   *
   * @param sequences double sequences (Not modified)
   * @return float copies
   */
  public static List<float[]> toFloat(List<double[]> sequences) {
    List<float[]> out = new ArrayList<>(sequences.size());
    for (double[] d : sequences) {
      float[] f = new float[d.length];
      for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
      out.add(f);
    }
    return out;
  }
}
