package org.distinct.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.distinct.BadInputException;
import org.distinct.data.SequenceDataset;
import org.distinct.tensor.Conv1dKernels;
import org.distinct.tensor.Conv1dKernelsProvider;
import org.distinct.tensor.Conv1dPacking;
import org.distinct.util.WorkSplitter;

/**
 * A 1-D convolutional classifier of sequences: one or more {@link Conv1dLayer}s (PyTorch's {@code nn.Conv1d}, then
 * ReLU or tanh), global pooling over the positions of the last layer (average, or maximum as an option), and a linear
 * layer to the classes:
 *
 * <pre>
 *   a_0 = x,   a_{l+1} = f_l(conv_l(a_l)),   p[o] = mean_q a_L[q, o]  (or max_q),   logits = W_out p + b_out
 * </pre>
 *
 * <p>Data layout: each sequence of a {@link SequenceDataset} is row-major {@code [T × I]}, time-major (position by
 * position); PyTorch's {@code [N, C, L]} input of one sequence is its transpose. Every sequence runs on its own, so
 * nothing is padded across sequences and sequences of different lengths never see each other's padding; the only zero
 * padding is the one each layer adds on both sides ({@code nn.Conv1d(padding=p)}). A sequence shorter than
 * {@link #minLength()} gives no output position in some layer: {@link #logits} refuses it in one line.
 *
 * <p>Immutable by convention: the arrays are the model's storage; trainers and pruners return new instances.
 * Precision: double. {@link #logits} and {@link #activations} run on the double kernels of
 * {@link Conv1dKernelsProvider} (Vector API when available), sequences shared among threads;
 * {@link #referenceLogits} and {@link #referenceActivations} compute the same equations as textbook loops
 * ({@link Conv1dLayer#forward}) and agree with the kernels to rounding.
 */
public final class Conv1d implements Network<SequenceDataset> {
  /** The model-file kind of Conv1D networks. */
  public static final String KIND = "conv1d";

  /** Global pooling over the positions of the last convolutional layer. */
  public enum Pool {
    /** The mean over the positions (PyTorch {@code x.mean(dim=2)}). */
    AVG,
    /** The maximum over the positions (PyTorch {@code x.amax(dim=2)}); gradients go to the first maximal position. */
    MAX;

    /**
     * @param text {@code avg} or {@code max} (case-insensitive; {@code average}, {@code mean} also mean AVG)
     * @return the pooling
     * @throws IllegalArgumentException for another text
     */
    public static Pool parse(String text) {
      switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "avg":
        case "average":
        case "mean":
          return AVG;
        case "max":
          return MAX;
        default:
          throw new IllegalArgumentException("unknown pooling '" + text + "' (avg, max)");
      }
    }

    /** @return the lower-case name of options and model files */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The architecture of a Conv1D apart from its channel counts: one kernel size, stride and padding per layer, the
   * activation of every layer and the pooling.
   *
   * @param kernels kernel size of each layer
   * @param strides stride of each layer
   * @param paddings zero padding of each layer (on each side)
   * @param activation relu or tanh
   * @param pool global pooling
   */
  public record Spec(int[] kernels, int[] strides, int[] paddings, Activation activation, Pool pool) {
    /** Checks that the lists have one entry per layer and copies them. */
    public Spec {
      if (kernels == null || strides == null || paddings == null || kernels.length == 0)
        throw new IllegalArgumentException("kernels, strides and paddings are required");
      if (strides.length != kernels.length || paddings.length != kernels.length)
        throw new IllegalArgumentException("kernels, strides and paddings need one entry per layer: " + kernels.length + ", "
            + strides.length + ", " + paddings.length);
      if (pool == null) throw new IllegalArgumentException("pool is null");
      kernels = kernels.clone();
      strides = strides.clone();
      paddings = paddings.clone();
    }

    /** @return number of layers */
    public int layers() {
      return kernels.length;
    }

    /** @return the fewest time steps a sequence must have to give at least one position in every layer */
    public int minLength() {
      int need = 1;
      for (int l = kernels.length - 1; l >= 0; l--) need = Math.max(1, (need - 1) * strides[l] + kernels[l] - 2 * paddings[l]);
      return need;
    }

    /**
     * @param which the sequence, e.g. {@code sequence 3} or {@code the sequence of song S2, participant 7}
     * @param steps its length
     * @return the one-line refusal of a sequence too short for the convolutions
     */
    public BadInputException tooShort(String which, int steps) {
      StringBuilder b = new StringBuilder();
      for (int l = 0; l < kernels.length; l++)
        b.append(l == 0 ? "" : "; ").append("kernel ").append(kernels[l]).append(" stride ").append(strides[l]).append(" padding ")
            .append(paddings[l]);
      return new BadInputException(which + " has " + steps + " time step(s), fewer than the " + minLength()
          + " the Conv1D's convolutions need (" + b + "): downsample less, or use smaller kernels or strides or more padding");
    }

    @Override
    public int[] kernels() {
      return kernels.clone();
    }

    @Override
    public int[] strides() {
      return strides.clone();
    }

    @Override
    public int[] paddings() {
      return paddings.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Spec s && Arrays.equals(s.kernels, kernels) && Arrays.equals(s.strides, strides)
          && Arrays.equals(s.paddings, paddings) && s.activation == activation && s.pool == pool;
    }

    @Override
    public int hashCode() {
      return ((Arrays.hashCode(kernels) * 31 + Arrays.hashCode(strides)) * 31 + Arrays.hashCode(paddings)) * 31
          + activation.hashCode() * 7 + pool.hashCode();
    }

    @Override
    public String toString() {
      return "Spec[kernels=" + Arrays.toString(kernels) + ", strides=" + Arrays.toString(strides) + ", paddings="
          + Arrays.toString(paddings) + ", " + activation + ", " + pool + "]";
    }
  }

  private final Conv1dLayer[] layers;
  private final Pool pool;
  private final int numClasses; // C
  private final double[] wOut; // [C × channels of the last layer]
  private final double[] bOut; // [C]

  /**
   * Wraps the given layers and arrays (kept, not copied).
   *
   * @param layers the convolutional layers, input side first; each layer's input channels must be the previous
   *     layer's output channels
   * @param pool the global pooling
   * @param wOut output weights {@code [C × out_last]}
   * @param bOut output biases {@code [C]}
   * @throws IllegalArgumentException for no layer, channels that do not chain, or arrays of the wrong length
   */
  public Conv1d(List<Conv1dLayer> layers, Pool pool, double[] wOut, double[] bOut) {
    if (layers == null || layers.isEmpty()) throw new IllegalArgumentException("a Conv1D needs at least one convolutional layer");
    if (pool == null) throw new IllegalArgumentException("pool is null");
    this.layers = layers.toArray(new Conv1dLayer[0]);
    for (int l = 1; l < this.layers.length; l++)
      if (this.layers[l].in() != this.layers[l - 1].out())
        throw new IllegalArgumentException("layer " + l + " expects " + this.layers[l].in() + " input channels but layer " + (l - 1)
            + " has " + this.layers[l - 1].out());
    if (bOut == null || bOut.length < 1) throw new IllegalArgumentException("bOut needs at least one class");
    this.numClasses = bOut.length;
    int h = lastLayer().out();
    if (wOut == null || wOut.length != numClasses * h)
      throw new IllegalArgumentException("wOut has " + (wOut == null ? 0 : wOut.length) + " values, expected " + numClasses + " x " + h);
    this.pool = pool;
    this.wOut = wOut;
    this.bOut = bOut;
  }

  /**
   * A randomly initialised network, like PyTorch: every {@link Conv1dLayer#initialize} in turn, then the output
   * layer like {@code nn.Linear(out_last, C)} (weights and biases uniform in {@code [−1/√out_last, 1/√out_last]}).
   *
   * @param inputSize values per time step (input channels of layer 0)
   * @param channels output channels of each layer (one per layer of {@code spec})
   * @param numClasses classes
   * @param spec kernel sizes, strides, paddings, activation and pooling
   * @param rng randomness (Modified: advanced)
   * @return the network
   */
  public static Conv1d initialize(int inputSize, int[] channels, int numClasses, Spec spec, SplittableRandom rng) {
    if (channels.length != spec.layers())
      throw new IllegalArgumentException(channels.length + " channel counts for " + spec.layers() + " layers");
    if (inputSize < 1 || numClasses < 1) throw new IllegalArgumentException("sizes must be positive: " + inputSize + " inputs, " + numClasses + " classes");
    List<Conv1dLayer> ls = new ArrayList<>();
    int in = inputSize;
    for (int l = 0; l < channels.length; l++) {
      ls.add(Conv1dLayer.initialize(
          new Conv1dLayer.Shape(in, channels[l], spec.kernels[l], spec.strides[l], spec.paddings[l], spec.activation()), rng));
      in = channels[l];
    }
    double k = 1.0 / Math.sqrt(in);
    double[] wOut = new double[numClasses * in];
    for (int i = 0; i < wOut.length; i++) wOut[i] = rng.nextDouble(-k, k);
    double[] bOut = new double[numClasses];
    for (int i = 0; i < numClasses; i++) bOut[i] = rng.nextDouble(-k, k);
    return new Conv1d(ls, spec.pool(), wOut, bOut);
  }

  /**
   * The same architecture with other parameters (what surgery returns).
   *
   * @param newLayers the layers
   * @param newWOut output weights
   * @param newBOut output biases
   * @return a new network with this pooling
   */
  public Conv1d with(List<Conv1dLayer> newLayers, double[] newWOut, double[] newBOut) {
    return new Conv1d(newLayers, pool, newWOut, newBOut);
  }

  /** @return {@value #KIND} */
  @Override
  public String kind() {
    return KIND;
  }

  /** @return the layers, input side first (unmodifiable) */
  public List<Conv1dLayer> layers() {
    return List.of(layers);
  }

  /**
   * @param l layer index, from 0
   * @return the layer
   */
  public Conv1dLayer layer(int l) {
    return layers[l];
  }

  /** @return the number of convolutional layers */
  public int layerCount() {
    return layers.length;
  }

  /** @return the last convolutional layer */
  public Conv1dLayer lastLayer() {
    return layers[layers.length - 1];
  }

  /** @return the global pooling */
  public Pool pool() {
    return pool;
  }

  /** @return kernel sizes, strides, paddings, activation (of layer 0) and pooling */
  public Spec spec() {
    int n = layers.length;
    int[] k = new int[n];
    int[] s = new int[n];
    int[] p = new int[n];
    for (int l = 0; l < n; l++) {
      k[l] = layers[l].kernel();
      s[l] = layers[l].stride();
      p[l] = layers[l].padding();
    }
    return new Spec(k, s, p, layers[0].activation(), pool);
  }

  @Override
  public int inputSize() {
    return layers[0].in();
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  /** @return output weights {@code [C × out_last]} (the model's storage: read-only) */
  public double[] wOut() {
    return wOut;
  }

  /** @return output biases {@code [C]} (the model's storage: read-only) */
  public double[] bOut() {
    return bOut;
  }

  /** @return the output channels of each layer */
  public int[] channels() {
    int[] c = new int[layers.length];
    for (int l = 0; l < layers.length; l++) c[l] = layers[l].out();
    return c;
  }

  /** @return {@code [I, out_0, …, out_{L−1}, C]} */
  public int[] sizes() {
    int[] s = new int[layers.length + 2];
    s[0] = inputSize();
    for (int l = 0; l < layers.length; l++) s[l + 1] = layers[l].out();
    s[s.length - 1] = numClasses;
    return s;
  }

  @Override
  public int parameterCount() {
    int p = 0;
    for (Conv1dLayer l : layers) p += l.parameterCount();
    return p + wOut.length + bOut.length;
  }

  /** @return the fewest time steps a sequence must have to give at least one position in every layer ({@link Spec#minLength}) */
  public int minLength() {
    return spec().minLength();
  }

  /**
   * @param steps time steps of a sequence
   * @return the positions of every layer's output for it ({@code [L]}; entries 0 once it is too short)
   */
  public int[] outputLengths(int steps) {
    int[] out = new int[layers.length];
    int len = steps;
    for (int l = 0; l < layers.length; l++) {
      len = layers[l].outputLength(len);
      out[l] = len;
    }
    return out;
  }

  /**
   * Logits of every sequence of a dataset.
   *
   * @param data sequences with {@link #inputSize()} values per step (Not modified)
   * @return row-major {@code [n × C]}
   * @throws BadInputException naming the data when a sequence is shorter than {@link #minLength()}
   */
  @Override
  public double[] logits(SequenceDataset data) {
    requireInputSize(data.inputSize());
    try {
      return logits(data.series());
    } catch (BadInputException e) {
      throw BadInputException.at(data.source(), 0, null, e.getMessage());
    }
  }

  /**
   * Logits of each sequence on up to {@code availableProcessors} threads (the result does not depend on the number).
   *
   * @param sequences row-major {@code [T_s × I]} each (Not modified)
   * @return row-major {@code [n × C]}
   */
  public double[] logits(List<double[]> sequences) {
    return logits(sequences, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Logits of each sequence, each run on its own; sequences are shared among threads.
   *
   * @param sequences row-major {@code [T_s × I]} each (Not modified)
   * @param threads maximal number of threads (≥ 1); the result is the same for any value
   * @return row-major {@code [n × C]}
   * @throws BadInputException when a sequence is shorter than {@link #minLength()}
   */
  public double[] logits(List<double[]> sequences, int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
    int n = sequences.size();
    int maxSteps = maxSteps(sequences);
    double[] out = new double[n * numClasses];
    Packed packed = new Packed();
    int workers = Math.max(1, Math.min(threads, n));
    Inference[] inf = new Inference[workers];
    WorkSplitter.run(n, workers, (w, s) -> {
      if (inf[w] == null) inf[w] = new Inference(packed, maxSteps);
      Inference f = inf[w];
      double[] x = sequences.get(s);
      int positions = f.run(x, x.length / inputSize(), layers.length - 1);
      readOut(f.buffers[layers.length], positions, packed.last().g().outStride(), out, s * numClasses);
    });
    return out;
  }

  /**
   * Activations of one layer: its output at every position of every sequence, sequence by sequence (the activation
   * vectors of distinctiveness pruning).
   *
   * @param layer the layer, from 0
   * @param sequences row-major {@code [T_s × I]} each (Not modified)
   * @return row-major {@code [Σ_s L_layer(T_s) × out_layer]}
   * @throws BadInputException when a sequence is shorter than {@link #minLength()}
   */
  public double[] activations(int layer, List<double[]> sequences) {
    checkLayer(layer);
    int n = sequences.size();
    int h = layers[layer].out();
    int maxSteps = maxSteps(sequences);
    int[] offset = new int[n + 1];
    long rows = 0;
    for (int s = 0; s < n; s++) {
      offset[s] = (int) Math.min(rows * h, Integer.MAX_VALUE);
      rows += outputLengths(sequences.get(s).length / inputSize())[layer];
    }
    if (rows * h > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many activations for one array: " + rows + " x " + h);
    double[] out = new double[(int) rows * h];
    Packed packed = new Packed();
    int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n));
    Inference[] inf = new Inference[workers];
    WorkSplitter.run(n, workers, (w, s) -> {
      if (inf[w] == null) inf[w] = new Inference(packed, maxSteps);
      Inference f = inf[w];
      double[] x = sequences.get(s);
      int positions = f.run(x, x.length / inputSize(), layer);
      double[] a = f.buffers[layer + 1];
      int os = packed.layers[layer].g().outStride();
      int base = f.rowOffset(layer + 1) * os;
      for (int q = 0; q < positions; q++) System.arraycopy(a, base + q * os, out, offset[s] + q * h, h);
    });
    return out;
  }

  /**
   * The textbook path of {@link #logits}: every layer by {@link Conv1dLayer#forward}, then pooling and read-out.
   *
   * @param sequences row-major {@code [T_s × I]} each (Not modified)
   * @return row-major {@code [n × C]}
   */
  public double[] referenceLogits(List<double[]> sequences) {
    int n = sequences.size();
    maxSteps(sequences);
    double[] out = new double[n * numClasses];
    for (int s = 0; s < n; s++) {
      double[] a = sequences.get(s);
      int len = a.length / inputSize();
      for (Conv1dLayer l : layers) {
        a = l.forward(a, len);
        len = l.outputLength(len);
      }
      readOut(a, len, lastLayer().out(), out, s * numClasses);
    }
    return out;
  }

  /**
   * The textbook path of {@link #activations}.
   *
   * @param layer the layer, from 0
   * @param sequences row-major {@code [T_s × I]} each (Not modified)
   * @return row-major {@code [Σ_s L_layer(T_s) × out_layer]}
   */
  public double[] referenceActivations(int layer, List<double[]> sequences) {
    checkLayer(layer);
    maxSteps(sequences);
    List<double[]> parts = new ArrayList<>();
    int total = 0;
    for (double[] x : sequences) {
      double[] a = x;
      int len = x.length / inputSize();
      for (int l = 0; l <= layer; l++) {
        a = layers[l].forward(a, len);
        len = layers[l].outputLength(len);
      }
      parts.add(a);
      total += a.length;
    }
    double[] out = new double[total];
    int pos = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }

  /**
   * Pools the last layer's activations and applies the output layer.
   *
   * @param a activations, row q at {@code q·stride}, channels {@code 0 .. out_last − 1} (Not modified)
   * @param positions rows
   * @param stride values per row
   * @param out logits destination (Modified: {@code [off, off + C)})
   * @param off offset in {@code out}
   */
  private void readOut(double[] a, int positions, int stride, double[] out, int off) {
    int h = lastLayer().out();
    for (int c = 0; c < numClasses; c++) out[off + c] = bOut[c];
    for (int o = 0; o < h; o++) {
      double p = pooled(a, positions, stride, o);
      for (int c = 0; c < numClasses; c++) out[off + c] += wOut[c * h + o] * p;
    }
  }

  /**
   * The pooled value of one channel.
   *
   * @param a activations, row q at {@code q·stride} (Not modified)
   * @param positions rows (≥ 1)
   * @param stride values per row
   * @param o the channel
   * @return the mean (summed in position order, then divided) or the maximum over the rows
   */
  double pooled(double[] a, int positions, int stride, int o) {
    if (pool == Pool.MAX) {
      double m = a[o];
      for (int q = 1; q < positions; q++) m = Math.max(m, a[q * stride + o]);
      return m;
    }
    double s = 0;
    for (int q = 0; q < positions; q++) s += a[q * stride + o];
    return s / positions;
  }

  private void checkLayer(int layer) {
    if (layer < 0 || layer >= layers.length)
      throw new IllegalArgumentException("layer " + layer + " does not exist (the Conv1D has " + layers.length + " layer(s))");
  }

  private void requireInputSize(int dataInputSize) {
    if (dataInputSize != inputSize())
      throw new IllegalArgumentException("the data have " + dataInputSize + " values per step but the Conv1D expects " + inputSize());
  }

  /**
   * @return the longest sequence's steps
   * @throws BadInputException for a sequence shorter than {@link #minLength()}
   */
  private int maxSteps(List<double[]> sequences) {
    int in = inputSize();
    int min = minLength();
    int m = 1;
    for (int s = 0; s < sequences.size(); s++) {
      int len = sequences.get(s).length;
      if (len == 0 || len % in != 0)
        throw new IllegalArgumentException("sequence " + s + " has " + len + " values, not a positive multiple of " + in);
      if (len / in < min) throw tooShort("sequence " + (s + 1), len / in);
      m = Math.max(m, len / in);
    }
    return m;
  }

  /**
   * @param which the sequence, e.g. {@code sequence 3}
   * @param steps its length
   * @return the one-line refusal of a sequence too short for the convolutions ({@link Spec#tooShort})
   */
  public BadInputException tooShort(String which, int steps) {
    return spec().tooShort(which, steps);
  }

  /** The layers packed for the double kernels (one per call, shared by its workers). */
  private final class Packed {
    final Conv1dKernels k = Conv1dKernelsProvider.get();
    final Conv1dPacking.DoubleLayer[] layers = new Conv1dPacking.DoubleLayer[Conv1d.this.layers.length];

    Packed() {
      int inStride = inputSize();
      for (int l = 0; l < layers.length; l++) {
        Conv1dLayer c = Conv1d.this.layers[l];
        Conv1dPacking.Geometry g = new Conv1dPacking.Geometry(c.kernel(), c.stride(), c.in(), inStride, c.out(), k.paddedChannels(c.out(), true));
        layers[l] = Conv1dPacking.packDouble(g, nonlinearity(c.activation()), c.w(), c.b());
        inStride = g.outStride();
      }
    }

    Conv1dPacking.DoubleLayer last() {
      return layers[layers.length - 1];
    }
  }

  /**
   * @param a relu or tanh
   * @return the kernels' activation
   */
  static Conv1dKernels.Nonlinearity nonlinearity(Activation a) {
    return a == Activation.RELU ? Conv1dKernels.Nonlinearity.RELU : Conv1dKernels.Nonlinearity.TANH;
  }

  /**
   * Buffers of one worker: {@code buffers[l]} is layer l's input with {@code padding_l} zero rows on each side
   * (layer 0: the sequence, {@code I} values per row), {@code buffers[L]} the last layer's output.
   */
  private final class Inference {
    final Packed p;
    final double[][] buffers;

    Inference(Packed p, int maxSteps) {
      this.p = p;
      int n = layers.length;
      buffers = new double[n + 1][];
      int len = maxSteps;
      int stride = inputSize();
      for (int l = 0; l <= n; l++) {
        buffers[l] = new double[(len + 2 * rowOffset(l)) * stride];
        if (l < n) {
          len = layers[l].outputLength(len);
          stride = p.layers[l].g().outStride();
        }
      }
    }

    /** @return the zero rows before the data in {@code buffers[l]} */
    int rowOffset(int l) {
      return l < layers.length ? layers[l].padding() : 0;
    }

    /**
     * Runs layers 0..last over one sequence.
     *
     * @return the positions of layer {@code last}'s output (in {@code buffers[last + 1]} after its zero rows)
     */
    int run(double[] x, int steps, int last) {
      int pad = rowOffset(0);
      int in = inputSize();
      System.arraycopy(x, 0, buffers[0], pad * in, steps * in);
      Arrays.fill(buffers[0], (pad + steps) * in, (2 * pad + steps) * in, 0.0);
      int len = steps;
      for (int l = 0; l <= last; l++) {
        Conv1dPacking.DoubleLayer pl = p.layers[l];
        int lo = layers[l].outputLength(len);
        int os = pl.g().outStride();
        int next = rowOffset(l + 1);
        p.k.forward(pl, buffers[l], 0, lo, buffers[l + 1], next * os);
        Arrays.fill(buffers[l + 1], (next + lo) * os, (2 * next + lo) * os, 0.0);
        len = lo;
      }
      return len;
    }
  }

  /** @return a deep copy */
  public Conv1d copy() {
    List<Conv1dLayer> ls = new ArrayList<>();
    for (Conv1dLayer l : layers) ls.add(l.copy());
    return new Conv1d(ls, pool, wOut.clone(), bOut.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Conv1d c && c.pool == pool && Arrays.equals(c.layers, layers) && Arrays.equals(c.wOut, wOut) && Arrays.equals(c.bOut, bOut);
  }

  @Override
  public int hashCode() {
    return ((Arrays.hashCode(layers) * 31 + pool.hashCode()) * 31 + Arrays.hashCode(wOut)) * 31 + Arrays.hashCode(bOut);
  }

  @Override
  public String toString() {
    return "Conv1d" + Arrays.toString(sizes()) + " " + layers[0].activation().name().toLowerCase(Locale.ROOT) + " " + pool.label();
  }
}
