package org.distinct.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.model.Conv1dLayer;
import org.distinct.tensor.Conv1dKernels;
import org.distinct.tensor.Conv1dPacking;

/**
 * The fast float path of Conv1D training: loss and gradients of a mini-batch on {@link Conv1dKernels}, the batch split
 * across threads. Computes exactly what {@link Conv1dReference} defines, in float (pooling, read-out and softmax in
 * double).
 *
 * <p>Every sequence is run on its own (its own length, its own zero padding per layer) into its own gradient slot;
 * the batch gradient is the sum of the slots in batch order (accumulated in double), divided by the batch size. A
 * sequence's computation does not depend on which thread runs it, so the result is bit-identical for any number of
 * threads. All buffers (activations and gradients of every layer, slots) are allocated once, in the constructor;
 * nothing is allocated per sequence, and per batch only the handles of the worker tasks.
 *
 * <p>Parameters are float "master weights" in the packed layouts of {@link Conv1dPacking} (one flat buffer, see
 * {@link #parameters()}); {@link #setModel} and {@link #toModel} convert from and to the double {@link Conv1d}.
 * The engine's architecture (layers, kernels, strides, paddings, activations, pooling, classes) is that of the
 * model it was built for; only models of that architecture can be loaded.
 */
public final class Conv1dBatchEngine implements SequenceEngine<Conv1d> {
  private final Conv1dKernels kernels;
  private final Conv1d shape;
  private final int in; // I
  private final int classes; // C
  private final int lastOut; // channels of the last layer
  private final int maxSteps;
  private final int maxBatch;
  private final int threads;
  private final int minLength;
  private final Conv1dPacking.FloatLayer[] packed; // per layer: the kernels' copies of its flat segment
  private final int[] offset; // per layer: offset of its packed weights in flat
  private final int[] pad; // per buffer l = 0..L: zero rows before the data (layer l's padding; 0 for the last output)
  private final int[] stride; // per buffer l: values per row (I for the input, then each layer's padded channels)
  private final int oWout; // offset of W_out
  private final int oBout; // offset of b_out

  private final float[] flat; // [layer 0 w | b | layer 1 w | b | … | W_out [C × lastOut] | b_out [C]]
  private final float[] flatGrad; // batch gradient (mean), same layout
  private final float[][] slots; // [maxBatch][flat.length] per-sequence gradients
  private final double[] sLoss; // [maxBatch]
  private final int[] sPred; // [maxBatch]
  private final double[] acc; // [flat.length] reduction scratch

  private final Workspace[] ws;
  private final BatchWorkers workers;

  // the batch being processed (set by lossAndGradients; read by workers)
  private List<float[]> curX;
  private int[] curLabels;
  private int[] curIdx;
  private int curFrom;

  /**
   * Allocates all buffers.
   *
   * @param kernels the kernels to run on
   * @param shape a model of the architecture to train (its parameters are not loaded)
   * @param maxSteps the longest sequence that will be passed
   * @param maxBatch the largest batch that will be passed
   * @param threads worker threads (≥ 1; 1 runs on the caller's thread)
   */
  public Conv1dBatchEngine(Conv1dKernels kernels, Conv1d shape, int maxSteps, int maxBatch, int threads) {
    if (maxSteps <= 0 || maxBatch <= 0 || threads <= 0) throw new IllegalArgumentException("bad Conv1D engine sizes");
    this.kernels = kernels;
    this.shape = shape;
    this.in = shape.inputSize();
    this.classes = shape.numClasses();
    this.lastOut = shape.lastLayer().out();
    this.maxSteps = maxSteps;
    this.maxBatch = maxBatch;
    this.threads = threads;
    this.minLength = shape.minLength();
    int n = shape.layerCount();
    packed = new Conv1dPacking.FloatLayer[n];
    offset = new int[n];
    pad = new int[n + 1];
    stride = new int[n + 1];
    stride[0] = in;
    int o = 0;
    for (int l = 0; l < n; l++) {
      Conv1dLayer c = shape.layer(l);
      Conv1dPacking.Geometry g = new Conv1dPacking.Geometry(c.kernel(), c.stride(), c.in(), stride[l], c.out(), kernels.paddedChannels(c.out(), false));
      packed[l] = Conv1dPacking.FloatLayer.zeros(g, nonlinearity(c.activation()));
      offset[l] = o;
      o += g.weights() + g.outStride();
      pad[l] = c.padding();
      stride[l + 1] = g.outStride();
    }
    oWout = o;
    oBout = oWout + classes * lastOut;
    flat = new float[oBout + classes];
    flatGrad = new float[flat.length];
    slots = new float[maxBatch][flat.length];
    sLoss = new double[maxBatch];
    sPred = new int[maxBatch];
    acc = new double[flat.length];
    ws = new Workspace[threads];
    for (int w = 0; w < threads; w++) ws[w] = new Workspace();
    workers = new BatchWorkers(threads, maxBatch, "distinct-conv1d");
  }

  private static Conv1dKernels.Nonlinearity nonlinearity(Activation a) {
    return a == Activation.RELU ? Conv1dKernels.Nonlinearity.RELU : Conv1dKernels.Nonlinearity.TANH;
  }

  /**
   * Buffers of one worker: {@code a[l]} is layer l's input with {@code pad[l]} zero rows on each side ({@code a[0]}
   * the sequence, {@code a[L]} the last layer's output), {@code d[l]} the gradient with respect to {@code a[l]}.
   */
  private final class Workspace {
    final float[][] a = new float[packed.length + 1][];
    final float[][] d = new float[packed.length + 1][];
    final int[] positions = new int[packed.length]; // output positions of each layer for the current sequence
    final double[] pooled = new double[lastOut];
    final double[] dp = new double[lastOut];
    final int[] argmax = new int[lastOut];
    final double[] z = new double[classes];
    final float[] row; // [stride[L]] one row of ∂L/∂a_last for average pooling

    Workspace() {
      int len = maxSteps;
      for (int l = 0; l <= packed.length; l++) {
        a[l] = new float[(len + 2 * pad[l]) * stride[l]];
        if (l > 0) d[l] = new float[a[l].length];
        if (l < packed.length) len = shape.layer(l).outputLength(len);
      }
      row = new float[stride[packed.length]];
    }
  }

  /** @return the kernels in use */
  public Conv1dKernels kernels() {
    return kernels;
  }

  /**
   * Loads the parameters of a model (rounded to float).
   *
   * @param m a model of the engine's architecture (Not modified)
   */
  @Override
  public void setModel(Conv1d m) {
    if (!sameArchitecture(m)) throw new IllegalArgumentException("model " + m + " does not match the engine's " + shape);
    for (int l = 0; l < packed.length; l++) Conv1dPacking.packFloat(packed[l].g(), m.layer(l).w(), m.layer(l).b(), flat, offset[l]);
    for (int i = 0; i < classes * lastOut; i++) flat[oWout + i] = (float) m.wOut()[i];
    for (int c = 0; c < classes; c++) flat[oBout + c] = (float) m.bOut()[c];
    parametersChanged();
  }

  private boolean sameArchitecture(Conv1d m) {
    if (m.layerCount() != shape.layerCount() || m.pool() != shape.pool() || m.numClasses() != classes || m.inputSize() != in) return false;
    for (int l = 0; l < packed.length; l++) if (!m.layer(l).shape().equals(shape.layer(l).shape())) return false;
    return true;
  }

  /**
   * The flat master buffer: per layer its packed weights {@code [window × outStride]} then biases {@code [outStride]}
   * ({@link Conv1dPacking}), then {@code W_out [C × out_last]} and {@code b_out [C]}. Padding lanes (input channels
   * and output channels beyond the real ones) are zero; their gradient is always zero, so no optimizer step moves them.
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

  /** Copies the flat buffer into the kernels' layer arrays (and their transposes) after it was changed in place. */
  @Override
  public void parametersChanged() {
    for (int l = 0; l < packed.length; l++) {
      Conv1dPacking.FloatLayer p = packed[l];
      System.arraycopy(flat, offset[l], p.w(), 0, p.w().length);
      System.arraycopy(flat, offset[l] + p.w().length, p.b(), 0, p.b().length);
      p.transpose();
    }
  }

  /** @return the current parameters as a new double model */
  @Override
  public Conv1d toModel() {
    List<Conv1dLayer> ls = new ArrayList<>();
    for (int l = 0; l < packed.length; l++) {
      double[][] wb = Conv1dPacking.unpackFloat(packed[l].g(), flat, offset[l]);
      Conv1dLayer c = shape.layer(l);
      ls.add(c.with(wb[0], wb[1], c.in(), c.out()));
    }
    return new Conv1d(ls, shape.pool(), toDouble(flat, oWout, classes * lastOut), toDouble(flat, oBout, classes));
  }

  private static double[] toDouble(float[] a, int off, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) d[i] = a[off + i];
    return d;
  }

  /**
   * @return the batch gradient of the last {@link #lossAndGradients} call in the model's layout: per layer
   *     {@code ∂w [out × in × kernel]} and {@code ∂b [out]}, then {@code ∂W_out [C × out_last]}, {@code ∂b_out [C]}
   *     (new arrays)
   */
  public List<double[]> gradientsByTensor() {
    List<double[]> g = new ArrayList<>();
    for (int l = 0; l < packed.length; l++) {
      double[][] wb = Conv1dPacking.unpackFloat(packed[l].g(), flatGrad, offset[l]);
      g.add(wb[0]);
      g.add(wb[1]);
    }
    g.add(toDouble(flatGrad, oWout, classes * lastOut));
    g.add(toDouble(flatGrad, oBout, classes));
    return g;
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
    Arrays.fill(acc, 0.0);
    for (int q = 0; q < count; q++) {
      float[] s = slots[q];
      for (int i = 0; i < acc.length; i++) acc[i] += s[i];
    }
    for (int i = 0; i < acc.length; i++) flatGrad[i] = (float) (acc[i] / count);
    if (predictions != null) System.arraycopy(sPred, 0, predictions, 0, count);
    return loss / count;
  }

  private void work(Workspace w, int count) {
    int p;
    while ((p = workers.take()) < count) sequence(w, workers.at(p));
  }

  /** Forward, loss and backward of batch member q alone, into slot q. */
  private void sequence(Workspace w, int q) {
    int s = curIdx[curFrom + q];
    float[] x = curX.get(s);
    int steps = x.length / in;
    if (steps > maxSteps) throw new IllegalArgumentException("sequence " + s + " is longer than " + maxSteps + " steps");
    if (steps < minLength) throw shape.tooShort("a training sequence", steps);
    forward(w, x, steps);
    float[] slot = slots[q];
    Arrays.fill(slot, 0f);
    readOut(w, q, curLabels[s], slot);
    backward(w, slot);
  }

  private void forward(Workspace w, float[] x, int steps) {
    System.arraycopy(x, 0, w.a[0], pad[0] * in, steps * in);
    Arrays.fill(w.a[0], (pad[0] + steps) * in, (2 * pad[0] + steps) * in, 0f);
    int len = steps;
    for (int l = 0; l < packed.length; l++) {
      int lo = shape.layer(l).outputLength(len);
      int os = stride[l + 1];
      kernels.forward(packed[l], w.a[l], 0, lo, w.a[l + 1], pad[l + 1] * os);
      Arrays.fill(w.a[l + 1], (pad[l + 1] + lo) * os, (2 * pad[l + 1] + lo) * os, 0f);
      w.positions[l] = lo;
      len = lo;
    }
  }

  /**
   * Pooling, read-out and softmax cross-entropy (in double) of batch member q; writes the output-layer gradients into
   * its slot and ∂L/∂a of the last layer, times the activation's derivative, into {@code d[L]}.
   */
  private void readOut(Workspace w, int q, int y, float[] slot) {
    int n = packed.length;
    float[] a = w.a[n];
    int os = stride[n];
    int len = w.positions[n - 1];
    boolean max = shape.pool() == Conv1d.Pool.MAX;
    for (int o = 0; o < lastOut; o++) {
      if (max) {
        int best = 0;
        for (int t = 1; t < len; t++) if (a[t * os + o] > a[best * os + o]) best = t;
        w.argmax[o] = best;
        w.pooled[o] = a[best * os + o];
      } else {
        double sum = 0;
        for (int t = 0; t < len; t++) sum += a[t * os + o];
        w.pooled[o] = sum / len;
      }
    }
    double zmax = Double.NEGATIVE_INFINITY;
    int arg = 0;
    for (int c = 0; c < classes; c++) {
      double v = flat[oBout + c];
      for (int o = 0; o < lastOut; o++) v += (double) flat[oWout + c * lastOut + o] * w.pooled[o];
      w.z[c] = v;
      if (v > zmax) {
        zmax = v;
        arg = c;
      }
    }
    sLoss[q] = SoftmaxCrossEntropy.rowLossAndGradient(w.z, 0, classes, y, w.z, 0); // w.z := ∂L/∂z
    sPred[q] = arg;
    Arrays.fill(w.dp, 0.0);
    for (int c = 0; c < classes; c++) {
      double dz = w.z[c];
      slot[oBout + c] = (float) dz;
      for (int o = 0; o < lastOut; o++) {
        slot[oWout + c * lastOut + o] = (float) (dz * w.pooled[o]);
        w.dp[o] += flat[oWout + c * lastOut + o] * dz;
      }
    }
    float[] d = w.d[n];
    if (max) {
      Arrays.fill(d, 0, len * os, 0f);
      for (int o = 0; o < lastOut; o++) d[w.argmax[o] * os + o] = (float) w.dp[o];
    } else {
      for (int o = 0; o < lastOut; o++) w.row[o] = (float) (w.dp[o] / len);
      for (int t = 0; t < len; t++) System.arraycopy(w.row, 0, d, t * os, os);
    }
    kernels.multiplyByDerivative(packed[n - 1].f(), a, 0, d, 0, len * os);
  }

  /** Back-propagates from {@code d[L]} (∂L/∂z of the last layer) through every layer into the slot. */
  private void backward(Workspace w, float[] slot) {
    for (int l = packed.length - 1; l >= 0; l--) {
      int lo = w.positions[l];
      int dzOff = pad[l + 1] * stride[l + 1];
      kernels.weightGradients(packed[l], w.a[l], 0, w.d[l + 1], dzOff, lo, slot, offset[l]);
      if (l == 0) break;
      int inLen = w.positions[l - 1];
      int st = stride[l];
      Arrays.fill(w.d[l], 0, (inLen + 2 * pad[l]) * st, 0f);
      kernels.inputGradients(packed[l], w.d[l + 1], dzOff, lo, w.d[l], 0);
      kernels.multiplyByDerivative(packed[l - 1].f(), w.a[l], pad[l] * st, w.d[l], pad[l] * st, inLen * st);
    }
  }

  /** @return the global L2 norm of the batch gradient (NaN/Inf if it is not finite); padding lanes are zero */
  @Override
  public double gradientNorm() {
    double s = 0;
    for (float v : flatGrad) s += (double) v * v;
    return Math.sqrt(s);
  }

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

  /** Stops the worker threads. */
  @Override
  public void close() {
    workers.close();
  }
}
