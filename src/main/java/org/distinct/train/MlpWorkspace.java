package org.distinct.train;

import java.util.ArrayList;
import java.util.List;
import org.distinct.model.Activation;
import org.distinct.model.DenseLayer;
import org.distinct.model.Mlp;
import org.distinct.tensor.Dense;

/**
 * All buffers for training one MLP shape with batches of up to {@code capacity} rows, allocated once; the
 * forward and backward passes then allocate nothing (llm.c style: each layer is a forward/backward pair on
 * primitive arrays).
 *
 * <p>Precision: double. The MLP is small (25-30-3: about 0.9 M multiply-adds per epoch), so double
 * kernels meet the speed target, and double is what pruning surgery (exact to 1e-12) and central
 * finite-difference gradient checks need.
 *
 * <p>The workspace holds its own copy of the parameters: {@code w[l]} ({@code [out × in]}, as in
 * {@link DenseLayer}) and {@code b[l]}, plus a transposed copy {@code wt[l]} ({@code [in × out]}) used by
 * the forward kernel so that its inner loop runs over contiguous outputs. After changing parameters
 * through {@link #parameters()} call {@link #parametersChanged()}.
 *
 * <p>Use: {@link #load}, then per batch {@link #forward}, {@link #lossAndBackward}, an optimizer step on
 * {@link #parameters()} / {@link #gradients()}, {@link #parametersChanged()}; finally {@link #toMlp()}.
 * Not thread-safe; use one workspace per thread.
 */
public final class MlpWorkspace {
  private final int layerCount; // L, including the output layer
  private final int[] sizes; // [L+1]: inputs, units of each layer
  private final Activation[] act; // [L]
  private final int capacity; // maximum rows per batch
  private final double[][] w; // [L] each [out × in]
  private final double[][] wt; // [L] each [in × out]
  private final double[][] b; // [L] each [out]
  private final double[][] gw; // [L] each [out × in]
  private final double[][] gb; // [L] each [out]
  private final double[][] params; // w0, b0, w1, b1, ... (the same arrays)
  private final double[][] grads; // gw0, gb0, gw1, gb1, ...
  private final double[][] a; // [L] each [capacity × out]: activations of each layer (last: logits)
  private final double[][] delta; // [L] each [capacity × out]: dLoss/d pre-activation of each layer
  private final double[] input; // [capacity × inputs]: buffer for gathered batches
  private final int[] labels; // [capacity]: labels of the gathered batch
  private double[] x; // inputs of the current batch (input or a caller's array)
  private int xOff; // offset of the current batch in x
  private int n; // rows of the current batch

  /**
   * Creates buffers for the shape of {@code shape} (sizes and activations); parameters are loaded from it.
   *
   * @param shape model whose architecture (and initial parameters) to use (Not modified)
   * @param capacity maximum number of rows per forward/backward call (at least 1)
   */
  public MlpWorkspace(Mlp shape, int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    this.layerCount = shape.layerCount();
    this.sizes = shape.sizes();
    this.capacity = capacity;
    int L = layerCount;
    act = new Activation[L];
    w = new double[L][];
    wt = new double[L][];
    b = new double[L][];
    gw = new double[L][];
    gb = new double[L][];
    a = new double[L][];
    delta = new double[L][];
    params = new double[2 * L][];
    grads = new double[2 * L][];
    for (int l = 0; l < L; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      act[l] = shape.layer(l).activation();
      w[l] = new double[out * in];
      wt[l] = new double[in * out];
      b[l] = new double[out];
      gw[l] = new double[out * in];
      gb[l] = new double[out];
      a[l] = new double[capacity * out];
      delta[l] = new double[capacity * out];
      params[2 * l] = w[l];
      params[2 * l + 1] = b[l];
      grads[2 * l] = gw[l];
      grads[2 * l + 1] = gb[l];
    }
    input = new double[capacity * sizes[0]];
    labels = new int[capacity];
    load(shape);
  }

  /**
   * Copies a model's parameters into the workspace.
   *
   * @param m a model with exactly this workspace's architecture (Not modified)
   */
  public void load(Mlp m) {
    if (m.layerCount() != layerCount || !java.util.Arrays.equals(m.sizes(), sizes))
      throw new IllegalArgumentException("model " + m + " does not match workspace " + java.util.Arrays.toString(sizes));
    for (int l = 0; l < layerCount; l++) {
      DenseLayer d = m.layer(l);
      if (d.activation() != act[l]) throw new IllegalArgumentException("layer " + l + " activation differs");
      System.arraycopy(d.w(), 0, w[l], 0, w[l].length);
      System.arraycopy(d.b(), 0, b[l], 0, b[l].length);
    }
    parametersChanged();
  }

  /** @return a new immutable model holding copies of the current parameters */
  public Mlp toMlp() {
    List<DenseLayer> ls = new ArrayList<>(layerCount);
    for (int l = 0; l < layerCount; l++)
      ls.add(new DenseLayer(sizes[l], sizes[l + 1], w[l].clone(), b[l].clone(), act[l]));
    return new Mlp(ls);
  }

  /**
   * The parameter tensors in the order {@code W₀, b₀, W₁, b₁, …} ({@code W} as {@code [out × in]}). These
   * are the workspace's own arrays: an optimizer updates them in place, then the caller must call
   * {@link #parametersChanged()}.
   *
   * @return the parameter arrays (live)
   */
  public double[][] parameters() {
    return params;
  }

  /** @return the gradient arrays, same order and shapes as {@link #parameters()} (live; written by backward) */
  public double[][] gradients() {
    return grads;
  }

  /** Refreshes derived data (the transposed weights) after the parameters were changed in place. */
  public void parametersChanged() {
    for (int l = 0; l < layerCount; l++) Dense.transpose(w[l], sizes[l + 1], sizes[l], wt[l]);
  }

  /** @return maximum rows per batch */
  public int capacity() {
    return capacity;
  }

  /** @return the layer sizes, inputs first (copy) */
  public int[] sizes() {
    return sizes.clone();
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
    for (int i = 0; i < count; i++) {
      int r = order[from + i];
      System.arraycopy(x, r * d, input, i * d, d);
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
    return forward(input, 0, count);
  }

  /**
   * Forward pass: fused affine map, bias and activation per layer.
   *
   * @param x inputs, row-major {@code [rows × inputs]} (Not modified; kept by reference for the backward
   *     pass)
   * @param rowOffset first row to use
   * @param count number of rows (at most {@link #capacity()})
   * @return the logits buffer {@code [count × classes]} (live; valid until the next call)
   */
  public double[] forward(double[] x, int rowOffset, int count) {
    if (count < 1 || count > capacity) throw new IllegalArgumentException("batch of " + count + " rows, capacity " + capacity);
    this.x = x;
    this.xOff = rowOffset * sizes[0];
    this.n = count;
    double[] cur = x;
    int off = xOff;
    for (int l = 0; l < layerCount; l++) {
      int out = sizes[l + 1];
      Dense.affine(cur, off, count, sizes[l], wt[l], b[l], out, a[l], 0);
      act[l].applyInPlace(a[l], 0, count * out);
      cur = a[l];
      off = 0;
    }
    return a[layerCount - 1];
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
    int L = layerCount;
    double loss = SoftmaxCrossEntropy.lossAndGradient(a[L - 1], y, n, sizes[L], delta[L - 1]);
    backward();
    return loss;
  }

  /**
   * Backward pass from a given gradient of the loss w.r.t. the logits (for tests and other losses).
   *
   * @param dLogits {@code [count × classes]} for the rows of the last forward pass (Not modified)
   */
  public void backwardFrom(double[] dLogits) {
    int L = layerCount;
    System.arraycopy(dLogits, 0, delta[L - 1], 0, n * sizes[L]);
    backward();
  }

  /** Labels buffer of the gathered batch {@code [capacity]} (live). */
  int[] gatheredLabels() {
    return labels;
  }

  private void backward() {
    for (int l = layerCount - 1; l >= 0; l--) {
      int in = sizes[l];
      int out = sizes[l + 1];
      // delta[l] holds dLoss/d(activation of layer l); turn it into dLoss/d(pre-activation)
      act[l].multiplyByDerivative(a[l], delta[l], n * out);
      double[] xin = l == 0 ? x : a[l - 1];
      int off = l == 0 ? xOff : 0;
      Dense.outerGradients(delta[l], xin, off, n, in, out, gw[l], gb[l]);
      if (l > 0) Dense.multiply(delta[l], n, out, w[l], in, delta[l - 1]);
    }
  }
}
