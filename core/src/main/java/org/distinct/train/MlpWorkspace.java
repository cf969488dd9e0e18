package org.distinct.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.distinct.model.Activation;
import org.distinct.model.DenseLayer;
import org.distinct.model.Mlp;
import org.distinct.tensor.DenseKernels;
import org.distinct.tensor.DenseKernelsProvider;

/**
 * All buffers for training one MLP shape with batches of up to {@code capacity} rows, allocated once; the
 * forward and backward passes then allocate nothing (llm.c style: each layer is a forward/backward pair on
 * primitive arrays).
 *
 * <p>Precision: double. The MLP is small (25-30-3: about 0.9 M multiply-adds per epoch), so double
 * kernels meet the speed target (about 0.2 ms per epoch of 518 rows, see {@code bench/run-mlp.sh}), and
 * double is what pruning surgery (exact to 1e-12) and central finite-difference gradient checks need.
 *
 * <p>The workspace holds its own copy of the parameters in one flat buffer ({@link #parameters()}:
 * {@code W₀, b₀, W₁, b₁, …}, each {@code W} {@code [out × in]} as in {@link DenseLayer}), the buffer an optimizer
 * updates. The kernels
 * ({@link DenseKernels}, vectorized when the Vector API is present) work on zero-padded copies whose row
 * strides are multiples of 8: the transposed weights {@code wt[l]} ({@code [in × outP]}) for the forward
 * pass, the weights {@code wp[l]} ({@code [out × inP]}) for the backward pass, biases {@code bp[l]}
 * ({@code [outP]}); activations and deltas are {@code [capacity × outP]}. After changing parameters
 * through {@link #parameters()} call {@link #parametersChanged()}, which refreshes the padded copies.
 * Results are bit-identical to {@link Mlp#logits} and independent of which kernels run.
 *
 * <p>Use: {@link #load}, then per batch {@link #forward}, {@link #lossAndBackward}, an optimizer step on
 * {@link #parameters()} / {@link #gradients()}, {@link #parametersChanged()}; finally {@link #toMlp()}.
 * Not thread-safe; use one workspace per thread.
 */
public final class MlpWorkspace {
  private static final DenseKernels K = DenseKernelsProvider.get();
  private final DenseKernels k; // kernels used by this workspace
  private final int layerCount; // L, including the output layer
  private final int[] sizes; // [L+1]: inputs, units of each layer
  private final int[] padded; // [L+1]: sizes rounded up to a multiple of DenseKernels.PAD
  private final Activation[] act; // [L]
  private final int capacity; // maximum rows per batch
  private final double[] params; // flat: W₀ [out × in], b₀ [out], W₁, b₁, … (the optimizer's buffer)
  private final double[] grads; // flat gradient, same layout
  private final int[] wOff; // [L] offset of W_l in params/grads
  private final int[] bOff; // [L] offset of b_l in params/grads
  private final double[][] wt; // [L] each [in × outP], zero-padded transposed weights
  private final double[][] wp; // [L] each [out × inP], zero-padded weights
  private final double[][] bp; // [L] each [outP], zero-padded biases
  private final double[][] gwp; // [L] each [out × inP], padded weight gradients
  private final double[][] gbp; // [L] each [outP], padded bias gradients
  private final double[][] a; // [L] each [capacity × outP]: activations of each layer (last: logits)
  private final double[][] delta; // [L] each [capacity × outP]: dLoss/d pre-activation of each layer
  private final double[] input; // [capacity × inP]: inputs of the current batch, zero-padded
  private final double[] logits; // [capacity × classes]: compact logits of the current batch
  private final double[] dlogits; // [capacity × classes]: compact gradient w.r.t. the logits
  private final int[] labels; // [capacity]: labels of the gathered batch
  private int n; // rows of the current batch

  /**
   * Creates buffers for the shape of {@code shape} (sizes and activations); parameters are loaded from it.
   * Uses the kernels of {@link DenseKernelsProvider#get()}.
   *
   * @param shape model whose architecture (and initial parameters) to use (Not modified)
   * @param capacity maximum number of rows per forward/backward call (at least 1)
   */
  public MlpWorkspace(Mlp shape, int capacity) {
    this(shape, capacity, K);
  }

  /**
   * Creates buffers using the given kernels (to compare implementations).
   *
   * @param shape model whose architecture (and initial parameters) to use (Not modified)
   * @param capacity maximum number of rows per forward/backward call (at least 1)
   * @param kernels the kernels to use
   */
  public MlpWorkspace(Mlp shape, int capacity, DenseKernels kernels) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    this.k = kernels;
    this.layerCount = shape.layerCount();
    this.sizes = shape.sizes();
    this.capacity = capacity;
    int L = layerCount;
    padded = new int[L + 1];
    for (int l = 0; l <= L; l++) padded[l] = DenseKernels.pad(sizes[l]);
    act = new Activation[L];
    wOff = new int[L];
    bOff = new int[L];
    int total = 0;
    for (int l = 0; l < L; l++) {
      wOff[l] = total;
      bOff[l] = total + sizes[l + 1] * sizes[l];
      total = bOff[l] + sizes[l + 1];
    }
    params = new double[total];
    grads = new double[total];
    wt = new double[L][];
    wp = new double[L][];
    bp = new double[L][];
    gwp = new double[L][];
    gbp = new double[L][];
    a = new double[L][];
    delta = new double[L][];
    for (int l = 0; l < L; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      int inP = padded[l];
      int outP = padded[l + 1];
      act[l] = shape.layer(l).activation();
      wt[l] = new double[in * outP];
      wp[l] = new double[out * inP];
      bp[l] = new double[outP];
      gwp[l] = new double[out * inP];
      gbp[l] = new double[outP];
      a[l] = new double[capacity * outP];
      delta[l] = new double[capacity * outP];
    }
    input = new double[capacity * padded[0]];
    logits = new double[capacity * sizes[L]];
    dlogits = new double[capacity * sizes[L]];
    labels = new int[capacity];
    load(shape);
  }

  /**
   * Copies a model's parameters into the workspace.
   *
   * @param m a model with exactly this workspace's architecture (Not modified)
   */
  public void load(Mlp m) {
    if (m.layerCount() != layerCount || !Arrays.equals(m.sizes(), sizes))
      throw new IllegalArgumentException("model " + m + " does not match workspace " + Arrays.toString(sizes));
    for (int l = 0; l < layerCount; l++) {
      DenseLayer d = m.layer(l);
      if (d.activation() != act[l]) throw new IllegalArgumentException("layer " + l + " activation differs");
      System.arraycopy(d.w(), 0, params, wOff[l], d.w().length);
      System.arraycopy(d.b(), 0, params, bOff[l], d.b().length);
    }
    parametersChanged();
  }

  /** @return a new immutable model holding copies of the current parameters */
  public Mlp toMlp() {
    List<DenseLayer> ls = new ArrayList<>(layerCount);
    for (int l = 0; l < layerCount; l++)
      ls.add(new DenseLayer(sizes[l], sizes[l + 1], Arrays.copyOfRange(params, wOff[l], bOff[l]),
          Arrays.copyOfRange(params, bOff[l], bOff[l] + sizes[l + 1]), act[l]));
    return new Mlp(ls);
  }

  /**
   * Every parameter in one flat buffer, in the order {@code W₀, b₀, W₁, b₁, …} ({@code W} row-major
   * {@code [out × in]}). This is the workspace's own array: an optimizer updates it in place, then the caller must
   * call {@link #parametersChanged()}.
   *
   * @return the parameter buffer (live)
   */
  public double[] parameters() {
    return params;
  }

  /**
   * @param layer 0-based layer
   * @return where {@code W_layer} starts in {@link #parameters()} and {@link #gradients()}
   */
  public int weightOffset(int layer) {
    return wOff[layer];
  }

  /**
   * @param layer 0-based layer
   * @return where {@code b_layer} starts in {@link #parameters()} and {@link #gradients()}
   */
  public int biasOffset(int layer) {
    return bOff[layer];
  }

  /** @return the gradient buffer, same layout as {@link #parameters()} (live; written by the backward pass) */
  public double[] gradients() {
    return grads;
  }

  /** Refreshes the padded copies of the parameters after they were changed in place. */
  public void parametersChanged() {
    for (int l = 0; l < layerCount; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      int inP = padded[l];
      int outP = padded[l + 1];
      double[] t = wt[l];
      double[] p = wp[l];
      for (int o = 0; o < out; o++) {
        int so = wOff[l] + o * in;
        System.arraycopy(params, so, p, o * inP, in);
        for (int i = 0; i < in; i++) t[i * outP + o] = params[so + i];
      }
      System.arraycopy(params, bOff[l], bp[l], 0, out);
    }
  }

  /** @return maximum rows per batch */
  public int capacity() {
    return capacity;
  }

  /** @return the layer sizes, inputs first (copy) */
  public int[] sizes() {
    return sizes.clone();
  }

  /** @return the kernels this workspace uses */
  public DenseKernels kernels() {
    return k;
  }

  /**
   * Copies the rows {@code order[from .. from+count)} of a dataset into the batch buffers.
   *
   * @param x all inputs {@code [rows × inputs]} (Not modified)
   * @param y all labels {@code [rows]} (Not modified)
   * @param order row indices (Not modified)
   * @param from first position in {@code order}
   * @param count number of rows (at most {@link #capacity()})
   */
  public void gather(double[] x, int[] y, int[] order, int from, int count) {
    if (count > capacity) throw new IllegalArgumentException(count + " rows exceed capacity " + capacity);
    int d = sizes[0];
    int dp = padded[0];
    for (int i = 0; i < count; i++) {
      int r = order[from + i];
      System.arraycopy(x, r * d, input, i * dp, d);
      labels[i] = y[r];
    }
  }

  /**
   * Forward pass over the gathered batch ({@link #gather}).
   *
   * @param count number of gathered rows
   * @return the logits buffer {@code [count × classes]} (live; valid until the next call)
   */
  public double[] forwardGathered(int count) {
    if (count < 1 || count > capacity) throw new IllegalArgumentException("batch of " + count + " rows, capacity " + capacity);
    n = count;
    int L = layerCount;
    double[] cur = input;
    for (int l = 0; l < L; l++) {
      int outP = padded[l + 1];
      k.affine(cur, 0, padded[l], count, sizes[l], wt[l], bp[l], outP, a[l]);
      if (act[l] == Activation.SIGMOID) k.sigmoid(a[l], count * outP);
      else act[l].applyInPlace(a[l], 0, count * outP);
      cur = a[l];
    }
    int c = sizes[L];
    int cP = padded[L];
    double[] z = a[L - 1];
    for (int r = 0; r < count; r++) System.arraycopy(z, r * cP, logits, r * c, c);
    return logits;
  }

  /**
   * Forward pass on rows of a caller's matrix (copied into the batch buffer first).
   *
   * @param x inputs, row-major {@code [rows × inputs]} (Not modified)
   * @param rowOffset first row to use
   * @param count number of rows (at most {@link #capacity()})
   * @return the logits buffer {@code [count × classes]} (live; valid until the next call)
   */
  public double[] forward(double[] x, int rowOffset, int count) {
    if (count < 1 || count > capacity) throw new IllegalArgumentException("batch of " + count + " rows, capacity " + capacity);
    int d = sizes[0];
    int dp = padded[0];
    for (int i = 0; i < count; i++) System.arraycopy(x, (rowOffset + i) * d, input, i * dp, d);
    return forwardGathered(count);
  }

  /**
   * Mean softmax cross-entropy of the last forward pass against the gathered labels, and the backward
   * pass: fills {@link #gradients()} with the gradient of that mean loss.
   *
   * @return the mean loss of the batch
   */
  public double lossAndBackward() {
    return lossAndBackward(labels);
  }

  /**
   * Mean softmax cross-entropy of the last forward pass and the backward pass for the given labels.
   *
   * @param y labels of the rows of the last forward pass {@code [count]} (Not modified)
   * @return the mean loss of the batch
   */
  public double lossAndBackward(int[] y) {
    double loss = SoftmaxCrossEntropy.lossAndGradient(logits, y, n, sizes[layerCount], dlogits);
    backwardFrom(dlogits);
    return loss;
  }

  /**
   * Backward pass from a given gradient of the loss w.r.t. the logits (for tests and other losses).
   *
   * @param dLogits {@code [count × classes]} for the rows of the last forward pass (Not modified)
   */
  public void backwardFrom(double[] dLogits) {
    int L = layerCount;
    int c = sizes[L];
    int cP = padded[L];
    double[] d = delta[L - 1];
    for (int r = 0; r < n; r++) {
      System.arraycopy(dLogits, r * c, d, r * cP, c);
      Arrays.fill(d, r * cP + c, (r + 1) * cP, 0.0);
    }
    for (int l = L - 1; l >= 0; l--) {
      int in = sizes[l];
      int out = sizes[l + 1];
      int inP = padded[l];
      int outP = padded[l + 1];
      // delta[l] holds dLoss/d(activation of layer l); turn it into dLoss/d(pre-activation)
      act[l].multiplyByDerivative(a[l], delta[l], n * outP);
      double[] xin = l == 0 ? input : a[l - 1];
      k.outerGradients(delta[l], outP, out, xin, inP, n, gwp[l], gbp[l]);
      double[] gp = gwp[l];
      for (int o = 0; o < out; o++) System.arraycopy(gp, o * inP, grads, wOff[l] + o * in, in);
      System.arraycopy(gbp[l], 0, grads, bOff[l], out);
      if (l > 0) k.multiply(delta[l], outP, out, wp[l], inP, n, delta[l - 1]);
    }
  }

  /** Labels buffer of the gathered batch {@code [capacity]} (live). */
  int[] gatheredLabels() {
    return labels;
  }
}
