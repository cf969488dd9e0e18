package org.distinct.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.SequenceDataset;
import org.distinct.tensor.GatedDoubleWeights;
import org.distinct.tensor.GatedKernels;
import org.distinct.tensor.GatedKernelsProvider;
import org.distinct.util.WorkSplitter;

/**
 * A many-to-one classifier of stacked gated recurrent layers ({@link Lstm}, {@link Gru}): the sequence runs
 * through layer 0 from {@code h_0 = 0} (and {@code c_0 = 0}), layer {@code l + 1} reads layer {@code l}'s
 * hidden states step by step, and the logits are {@code W_out h_T + b_out} of the last layer's last state.
 * Equations, gate order and parameter layout are PyTorch's ({@link GatedCell}, {@link GatedLayer}); layers may
 * have different sizes (after pruning).
 *
 * <p>Immutable by convention: the arrays are the model's storage; trainers and pruners return new instances.
 * Precision: double. {@link #logits} and {@link #hiddenStates} run on the double kernels of
 * {@link GatedKernelsProvider} (Vector API when available), all layers step by step, sequences shared among
 * threads (each sequence computed on its own, so the result does not depend on the thread count); they agree
 * with the equations as written ({@link #textbookLogits}, {@link #textbookHiddenStates}) to rounding.
 */
public abstract sealed class GatedRnn implements Network<SequenceDataset> permits Lstm, Gru {
  private final GatedCell cell;
  private final GatedLayer[] layers;
  private final int numClasses; // C
  private final double[] wOut; // [C × H_last]
  private final double[] bOut; // [C]

  /**
   * @param cell the cell of every layer
   * @param layers the layers, input side first; each layer's input size must be the previous layer's hidden size
   * @param wOut output weights {@code [C × H_last]}
   * @param bOut output biases {@code [C]}
   * @throws IllegalArgumentException for no layer, layers of another cell, sizes that do not chain, or arrays of
   *     the wrong length
   */
  GatedRnn(GatedCell cell, List<GatedLayer> layers, double[] wOut, double[] bOut) {
    if (layers == null || layers.isEmpty()) throw new IllegalArgumentException("a " + cell.kind() + " needs at least one layer");
    this.cell = cell;
    this.layers = layers.toArray(new GatedLayer[0]);
    for (int l = 0; l < this.layers.length; l++) {
      GatedLayer g = this.layers[l];
      if (g.cell() != cell) throw new IllegalArgumentException("layer " + l + " is a " + g.cell().kind() + " layer, not " + cell.kind());
      if (l > 0 && g.inputSize() != this.layers[l - 1].hiddenSize())
        throw new IllegalArgumentException("layer " + l + " expects " + g.inputSize() + " inputs but layer " + (l - 1) + " has "
            + this.layers[l - 1].hiddenSize() + " units");
    }
    if (bOut == null || bOut.length < 1) throw new IllegalArgumentException("bOut needs at least one class");
    this.numClasses = bOut.length;
    int h = lastLayer().hiddenSize();
    if (wOut == null || wOut.length != numClasses * h)
      throw new IllegalArgumentException("wOut has " + (wOut == null ? 0 : wOut.length) + " values, expected " + numClasses + " x " + h);
    this.wOut = wOut;
    this.bOut = bOut;
  }

  /**
   * Random layers and read-out like PyTorch ({@code nn.LSTM}/{@code nn.GRU} then {@code nn.Linear}): per layer
   * {@link GatedLayer#initialize}, then {@code W_out}, {@code b_out} uniform in {@code [−1/√H, 1/√H]} of the last
   * layer's H.
   *
   * @param cell LSTM or GRU
   * @param inputSize values per time step
   * @param hidden hidden units of each layer (at least one layer)
   * @param numClasses classes
   * @param rng randomness (Modified: advanced)
   * @return the layers and read-out, ready for {@link #create}
   */
  static Parts initializeParts(GatedCell cell, int inputSize, int[] hidden, int numClasses, SplittableRandom rng) {
    if (hidden.length == 0) throw new IllegalArgumentException("at least one hidden layer is needed");
    if (inputSize < 1 || numClasses < 1) throw new IllegalArgumentException("sizes must be positive");
    List<GatedLayer> ls = new ArrayList<>();
    int in = inputSize;
    for (int h : hidden) {
      ls.add(GatedLayer.initialize(cell, in, h, rng));
      in = h;
    }
    double k = 1.0 / Math.sqrt(in);
    return new Parts(ls, GatedLayer.uniform(numClasses * in, k, rng), GatedLayer.uniform(numClasses, k, rng));
  }

  /** Layers and read-out of a network under construction. */
  record Parts(List<GatedLayer> layers, double[] wOut, double[] bOut) {}

  /**
   * A network of the given cell.
   *
   * @param cell LSTM or GRU
   * @param layers the layers
   * @param wOut output weights {@code [C × H_last]}
   * @param bOut output biases {@code [C]}
   * @return an {@link Lstm} or a {@link Gru}
   */
  public static GatedRnn create(GatedCell cell, List<GatedLayer> layers, double[] wOut, double[] bOut) {
    return cell == GatedCell.LSTM ? new Lstm(layers, wOut, bOut) : new Gru(layers, wOut, bOut);
  }

  /**
   * The same kind of network with other parameters (what surgery returns).
   *
   * @param newLayers the layers
   * @param newWOut output weights
   * @param newBOut output biases
   * @return a new network of this cell
   */
  public GatedRnn with(List<GatedLayer> newLayers, double[] newWOut, double[] newBOut) {
    return create(cell, newLayers, newWOut, newBOut);
  }

  /** @return the cell of every layer */
  public GatedCell cell() {
    return cell;
  }

  /** @return {@code lstm} or {@code gru} */
  @Override
  public String kind() {
    return cell.kind();
  }

  /** @return the layers, input side first (unmodifiable) */
  public List<GatedLayer> layers() {
    return List.of(layers);
  }

  /** @return layer {@code l} */
  public GatedLayer layer(int l) {
    return layers[l];
  }

  /** @return number of recurrent layers */
  public int layerCount() {
    return layers.length;
  }

  /** @return the last recurrent layer */
  public GatedLayer lastLayer() {
    return layers[layers.length - 1];
  }

  @Override
  public int inputSize() {
    return layers[0].inputSize();
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  /** @return output weights {@code [C × H_last]} (the model's storage: read-only) */
  public double[] wOut() {
    return wOut;
  }

  /** @return output biases {@code [C]} (the model's storage: read-only) */
  public double[] bOut() {
    return bOut;
  }

  /** @return {@code [I, H_1, …, H_L, C]} */
  public int[] sizes() {
    int[] s = new int[layers.length + 2];
    s[0] = inputSize();
    for (int l = 0; l < layers.length; l++) s[l + 1] = layers[l].hiddenSize();
    s[s.length - 1] = numClasses;
    return s;
  }

  /** @return the hidden sizes {@code [H_1, …, H_L]} */
  public int[] hiddenSizes() {
    int[] s = new int[layers.length];
    for (int l = 0; l < layers.length; l++) s[l] = layers[l].hiddenSize();
    return s;
  }

  @Override
  public int parameterCount() {
    int p = 0;
    for (GatedLayer g : layers) p += g.parameterCount();
    return p + wOut.length + bOut.length;
  }

  @Override
  public double[] logits(SequenceDataset data) {
    if (data.inputSize() != inputSize())
      throw new IllegalArgumentException("the data have " + data.inputSize() + " values per step but the " + kind() + " expects " + inputSize());
    return logits(data.series());
  }

  /**
   * Logits of each sequence, each run on its own from zero states, on up to {@code availableProcessors} threads
   * (the result does not depend on the number of threads).
   *
   * @param sequences row-major {@code [T_s × I]} each, any lengths ≥ 1 (Not modified)
   * @return row-major {@code [n × C]}
   */
  public double[] logits(List<double[]> sequences) {
    return logits(sequences, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Logits of each sequence, each run on its own from zero states on the double kernels; sequences are shared
   * among threads, longest first.
   *
   * @param sequences row-major {@code [T_s × I]} each, any lengths ≥ 1 (Not modified)
   * @param threads maximal number of threads (≥ 1); the result is the same for any value
   * @return row-major {@code [n × C]}
   */
  public double[] logits(List<double[]> sequences, int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
    int n = sequences.size();
    double[] out = new double[n * numClasses];
    for (int s = 0; s < n; s++) steps(sequences.get(s), s);
    int[] byLength = longestFirst(sequences);
    Packed p = new Packed(layers.length - 1);
    int workers = Math.max(1, Math.min(threads, n));
    Inference[] inf = new Inference[workers];
    for (int w = 0; w < workers; w++) inf[w] = new Inference(p);
    int h = lastLayer().hiddenSize();
    WorkSplitter.run(n, workers, (w, item) -> {
      int s = byLength[item];
      double[] top = inf[w].run(sequences.get(s), steps(sequences.get(s), s), null, 0);
      for (int c = 0; c < numClasses; c++) {
        double v = bOut[c];
        for (int j = 0; j < h; j++) v += wOut[c * h + j] * top[j];
        out[s * numClasses + c] = v;
      }
    });
    return out;
  }

  /**
   * Hidden states of one layer (the activation vectors of distinctiveness pruning), on the double kernels, on up
   * to {@code availableProcessors} threads (the result does not depend on their number).
   *
   * @param sequences row-major {@code [T_s × I]} each (Not modified)
   * @param layer the layer, 0-based
   * @param lastStepOnly if true, only {@code h_T} of each sequence
   * @return row-major {@code [ΣT_s × H_layer]} (sequence by sequence, t = 1..T_s), or {@code [n × H_layer]}
   */
  public double[] hiddenStates(List<double[]> sequences, int layer, boolean lastStepOnly) {
    if (layer < 0 || layer >= layers.length) throw new IllegalArgumentException("layer " + layer + " of " + layers.length);
    int n = sequences.size();
    int h = layers[layer].hiddenSize();
    int[] pos = new int[n + 1];
    for (int s = 0; s < n; s++) {
      long next = pos[s] + (long) (lastStepOnly ? 1 : steps(sequences.get(s), s)) * h;
      if (next > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many hidden states for one array: " + next / h + " x " + h);
      pos[s + 1] = (int) next;
    }
    double[] out = new double[pos[n]];
    int[] byLength = longestFirst(sequences);
    Packed p = new Packed(layer);
    int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n));
    Inference[] inf = new Inference[workers];
    for (int w = 0; w < workers; w++) inf[w] = new Inference(p);
    WorkSplitter.run(n, workers, (w, item) -> {
      int s = byLength[item];
      double[] last = inf[w].run(sequences.get(s), steps(sequences.get(s), s), lastStepOnly ? null : out, pos[s]);
      if (lastStepOnly) System.arraycopy(last, 0, out, pos[s], h);
    });
    return out;
  }

  private static int[] longestFirst(List<double[]> sequences) {
    int n = sequences.size();
    Integer[] order = new Integer[n];
    for (int s = 0; s < n; s++) order[s] = s;
    Arrays.sort(order, (a, b) -> Integer.compare(sequences.get(b).length, sequences.get(a).length));
    int[] out = new int[n];
    for (int s = 0; s < n; s++) out[s] = order[s];
    return out;
  }

  /** The layers 0..top packed for the double kernels (once per call, shared by its workers). */
  private final class Packed {
    final GatedKernels k = GatedKernelsProvider.get();
    final GatedDoubleWeights[] w; // [top + 1]

    Packed(int top) {
      w = new GatedDoubleWeights[top + 1];
      for (int l = 0; l <= top; l++) {
        GatedLayer g = layers[l];
        w[l] = new GatedDoubleWeights(cell == GatedCell.LSTM, g.inputSize(), g.hiddenSize(), k.paddedSize(g.hiddenSize(), true))
            .load(g.wIh(), g.wHh(), g.bIh(), g.bHh());
      }
    }
  }

  /** State of one worker: h and c of every layer, one gate row. */
  private final class Inference {
    final Packed p;
    final double[][] h; // [layers][hp_l]
    final double[][] c; // [layers][hp_l]
    final double[] row; // [4 · max hp]

    Inference(Packed p) {
      this.p = p;
      int n = p.w.length;
      h = new double[n][];
      c = new double[n][];
      int maxHp = 1;
      for (int l = 0; l < n; l++) {
        h[l] = new double[p.w[l].hp];
        c[l] = new double[p.w[l].hp];
        maxHp = Math.max(maxHp, p.w[l].hp);
      }
      row = new double[4 * maxHp];
    }

    /**
     * Runs layers 0..top over one sequence from zero states.
     *
     * @param all if not null, receives the top layer's h_t for t = 1..T at {@code pos}, {@code [T × H_top]}
     * @return the top layer's h_T (this worker's buffer, padded)
     */
    double[] run(double[] x, int steps, double[] all, int pos) {
      int top = p.w.length - 1;
      for (int l = 0; l <= top; l++) {
        Arrays.fill(h[l], 0.0);
        Arrays.fill(c[l], 0.0);
      }
      int in = inputSize();
      int ht = p.w[top].hidden;
      for (int t = 0; t < steps; t++) {
        p.k.step(p.w[0], x, t * in, h[0], c[0], row);
        for (int l = 1; l <= top; l++) p.k.step(p.w[l], h[l - 1], 0, h[l], c[l], row);
        if (all != null) System.arraycopy(h[top], 0, all, pos + t * ht, ht);
      }
      return h[top];
    }
  }

  /**
   * The textbook path: logits of each sequence by the equations as written, one step and one unit at a time
   * (the reference of the kernel path in tests).
   *
   * @param sequences row-major {@code [T_s × I]} each, any lengths ≥ 1 (Not modified)
   * @return row-major {@code [n × C]}
   */
  double[] textbookLogits(List<double[]> sequences) {
    int n = sequences.size();
    double[] out = new double[n * numClasses];
    int last = layers.length - 1;
    int h = lastLayer().hiddenSize();
    for (int s = 0; s < n; s++) {
      double[] states = hiddenStates(sequences.get(s), s, last, true);
      for (int c = 0; c < numClasses; c++) {
        double v = bOut[c];
        for (int j = 0; j < h; j++) v += wOut[c * h + j] * states[j];
        out[s * numClasses + c] = v;
      }
    }
    return out;
  }

  /**
   * The textbook path of {@link #hiddenStates(List, int, boolean)}.
   *
   * @param sequences row-major {@code [T_s × I]} each (Not modified)
   * @param layer the layer, 0-based
   * @param lastStepOnly if true, only {@code h_T} of each sequence
   * @return row-major {@code [ΣT_s × H_layer]}, or {@code [n × H_layer]}
   */
  double[] textbookHiddenStates(List<double[]> sequences, int layer, boolean lastStepOnly) {
    if (layer < 0 || layer >= layers.length) throw new IllegalArgumentException("layer " + layer + " of " + layers.length);
    int h = layers[layer].hiddenSize();
    long rows = 0;
    for (int s = 0; s < sequences.size(); s++) rows += lastStepOnly ? 1 : steps(sequences.get(s), s);
    if (rows * h > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many hidden states for one array: " + rows + " x " + h);
    double[] out = new double[(int) rows * h];
    int pos = 0;
    for (int s = 0; s < sequences.size(); s++) {
      double[] st = hiddenStates(sequences.get(s), s, layer, lastStepOnly);
      System.arraycopy(st, 0, out, pos, st.length);
      pos += st.length;
    }
    return out;
  }

  /** States of one layer for one sequence: {@code [T × H]} or, last step only, {@code [H]}. */
  private double[] hiddenStates(double[] x, int s, int layer, boolean lastStepOnly) {
    int steps = steps(x, s);
    double[] in = x;
    int inSize = inputSize();
    for (int l = 0; l <= layer; l++) {
      boolean keepAll = l < layer || !lastStepOnly;
      in = runLayer(layers[l], in, inSize, steps, keepAll);
      inSize = layers[l].hiddenSize();
    }
    return in;
  }

  /**
   * Runs one layer over a sequence from zero states.
   *
   * @return {@code [T × H]} states, or {@code [H]} (h_T) when not {@code keepAll}
   */
  private static double[] runLayer(GatedLayer g, double[] x, int in, int steps, boolean keepAll) {
    int h = g.hiddenSize();
    int gh = g.gates() * h;
    double[] hPrev = new double[h];
    double[] c = new double[h];
    double[] aIh = new double[gh];
    double[] aHh = new double[gh];
    double[] out = new double[keepAll ? steps * h : h];
    for (int t = 0; t < steps; t++) {
      affine(g.wIh(), g.bIh(), x, t * in, in, gh, aIh);
      affine(g.wHh(), g.bHh(), hPrev, 0, h, gh, aHh);
      if (g.cell() == GatedCell.LSTM) {
        for (int u = 0; u < h; u++) {
          double i = sigmoid(aIh[u] + aHh[u]);
          double f = sigmoid(aIh[h + u] + aHh[h + u]);
          double gg = Math.tanh(aIh[2 * h + u] + aHh[2 * h + u]);
          double o = sigmoid(aIh[3 * h + u] + aHh[3 * h + u]);
          c[u] = f * c[u] + i * gg;
          hPrev[u] = o * Math.tanh(c[u]);
        }
      } else {
        for (int u = 0; u < h; u++) {
          double r = sigmoid(aIh[u] + aHh[u]);
          double z = sigmoid(aIh[h + u] + aHh[h + u]);
          double n = Math.tanh(aIh[2 * h + u] + r * aHh[2 * h + u]);
          hPrev[u] = (1 - z) * n + z * hPrev[u];
        }
      }
      if (keepAll) System.arraycopy(hPrev, 0, out, t * h, h);
    }
    if (!keepAll) System.arraycopy(hPrev, 0, out, 0, h);
    return out;
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

  /** The logistic function {@code 1 / (1 + e^−x)}. */
  static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  private int steps(double[] x, int s) {
    int in = inputSize();
    if (x.length == 0 || x.length % in != 0)
      throw new IllegalArgumentException("sequence " + s + " has " + x.length + " values, not a positive multiple of " + in);
    return x.length / in;
  }

  /** @return a deep copy */
  public GatedRnn copy() {
    List<GatedLayer> ls = new ArrayList<>();
    for (GatedLayer g : layers) ls.add(g.copy());
    return create(cell, ls, wOut.clone(), bOut.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GatedRnn g && g.cell == cell && Arrays.equals(g.layers, layers) && Arrays.equals(g.wOut, wOut)
        && Arrays.equals(g.bOut, bOut);
  }

  @Override
  public int hashCode() {
    return (Arrays.hashCode(layers) * 31 + Arrays.hashCode(wOut)) * 31 + Arrays.hashCode(bOut);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(cell == GatedCell.LSTM ? "Lstm" : "Gru").append(Arrays.toString(sizes()));
    return s.toString();
  }
}
