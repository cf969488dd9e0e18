package org.distinct.model;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.SequenceDataset;
import org.distinct.tensor.RnnKernels;
import org.distinct.tensor.RnnKernelsProvider;
import org.distinct.tensor.RnnPacking;
import org.distinct.util.Rows;
import org.distinct.util.WorkSplitter;

/**
 * A many-to-one Elman recurrent network with tanh hidden units and a linear read-out of the last hidden
 * state (the logits of a softmax classifier):
 *
 * <pre>
 *   h_0 = 0,   h_t = tanh(W_ih x_t + W_hh h_{t-1} + b)   for t = 1..T,   logits = W_out h_T + b_out
 * </pre>
 *
 * <p>Storage follows PyTorch ({@code nn.RNN(nonlinearity='tanh', batch_first=True)} followed by
 * {@code nn.Linear}): all matrices are row-major with one row per receiving unit. The single bias
 * {@code b} equals PyTorch's {@code b_ih + b_hh}. Removing hidden unit r deletes row r of {@code wIh},
 * {@code wHh} and {@code b}, and column r of {@code wHh} and {@code wOut}.
 *
 * <p>Immutable by convention: the arrays are the model's own storage and callers treat them as read-only
 * (use {@link #copy()} before changing anything); trainers and pruners return new instances. Precision:
 * double. Inference ({@link #logits}, {@link #hiddenStates}) runs on the double kernels of
 * {@link RnnKernelsProvider} (Vector API when available), which agree with a textbook loop to rounding.
 */
public final class ElmanRnn implements Network<SequenceDataset> {
  /** The model-file kind of RNNs. */
  public static final String KIND = "rnn";

  private final int inputSize; // I
  private final int hiddenSize; // H
  private final int numClasses; // C
  private final double[] wIh; // [H × I]
  private final double[] wHh; // [H × H]
  private final double[] b; // [H]
  private final double[] wOut; // [C × H]
  private final double[] bOut; // [C]

  /**
   * Wraps the given arrays (kept, not copied).
   *
   * @param inputSize values per time step I
   * @param hiddenSize hidden units H
   * @param numClasses classes C
   * @param wIh input weights, row-major {@code [H × I]}
   * @param wHh recurrent weights, row-major {@code [H × H]} (row i: weights into unit i from h_{t-1})
   * @param b hidden biases {@code [H]} (PyTorch {@code b_ih + b_hh})
   * @param wOut output weights, row-major {@code [C × H]}
   * @param bOut output biases {@code [C]}
   * @throws IllegalArgumentException if a size is not positive or an array has the wrong length
   */
  public ElmanRnn(
      int inputSize, int hiddenSize, int numClasses, double[] wIh, double[] wHh, double[] b, double[] wOut, double[] bOut) {
    if (inputSize <= 0 || hiddenSize <= 0 || numClasses <= 0)
      throw new IllegalArgumentException(
          "RNN sizes must be positive: " + inputSize + "-" + hiddenSize + "-" + numClasses);
    check("wIh", wIh, hiddenSize * inputSize);
    check("wHh", wHh, hiddenSize * hiddenSize);
    check("b", b, hiddenSize);
    check("wOut", wOut, numClasses * hiddenSize);
    check("bOut", bOut, numClasses);
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.numClasses = numClasses;
    this.wIh = wIh;
    this.wHh = wHh;
    this.b = b;
    this.wOut = wOut;
    this.bOut = bOut;
  }

  private static void check(String name, double[] a, int expected) {
    if (a == null) throw new IllegalArgumentException(name + " is null");
    if (a.length != expected)
      throw new IllegalArgumentException(name + " has " + a.length + " values, expected " + expected);
  }

  /**
   * A randomly initialised RNN, like PyTorch: every RNN parameter ({@code W_ih, W_hh}, and the two
   * PyTorch biases whose sum is {@code b}) uniform in {@code [-1/sqrt(H), 1/sqrt(H)]}; the output layer
   * like {@code nn.Linear(H, C)}: uniform in {@code [-1/sqrt(H), 1/sqrt(H)]}.
   *
   * @param inputSize values per time step
   * @param hiddenSize hidden units
   * @param numClasses classes
   * @param rng source of randomness (Modified: advanced)
   * @return the new model
   */
  public static ElmanRnn initialize(int inputSize, int hiddenSize, int numClasses, SplittableRandom rng) {
    if (inputSize <= 0 || hiddenSize <= 0 || numClasses <= 0)
      throw new IllegalArgumentException(
          "RNN sizes must be positive: " + inputSize + "-" + hiddenSize + "-" + numClasses);
    double k = 1.0 / Math.sqrt(hiddenSize);
    double[] wIh = uniform(hiddenSize * inputSize, k, rng);
    double[] wHh = uniform(hiddenSize * hiddenSize, k, rng);
    double[] bIh = uniform(hiddenSize, k, rng);
    double[] bHh = uniform(hiddenSize, k, rng);
    double[] b = new double[hiddenSize];
    for (int i = 0; i < hiddenSize; i++) b[i] = bIh[i] + bHh[i];
    double[] wOut = uniform(numClasses * hiddenSize, k, rng);
    double[] bOut = uniform(numClasses, k, rng);
    return new ElmanRnn(inputSize, hiddenSize, numClasses, wIh, wHh, b, wOut, bOut);
  }

  private static double[] uniform(int n, double bound, SplittableRandom rng) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = rng.nextDouble(-bound, bound);
    return a;
  }

  /** @return {@value #KIND} */
  @Override
  public String kind() {
    return KIND;
  }

  /** @return values per time step I */
  @Override
  public int inputSize() {
    return inputSize;
  }

  /** @return number of hidden units H */
  public int hiddenSize() {
    return hiddenSize;
  }

  /** @return number of classes C */
  @Override
  public int numClasses() {
    return numClasses;
  }

  /** @return input weights, row-major {@code [H × I]} (the model's storage: read-only) */
  public double[] wIh() {
    return wIh;
  }

  /** @return recurrent weights, row-major {@code [H × H]} (the model's storage: read-only) */
  public double[] wHh() {
    return wHh;
  }

  /** @return hidden biases {@code [H]} (the model's storage: read-only) */
  public double[] b() {
    return b;
  }

  /** @return output weights, row-major {@code [C × H]} (the model's storage: read-only) */
  public double[] wOut() {
    return wOut;
  }

  /** @return output biases {@code [C]} (the model's storage: read-only) */
  public double[] bOut() {
    return bOut;
  }

  /** @return {@code [I, H, C]} */
  public int[] sizes() {
    return new int[] {inputSize, hiddenSize, numClasses};
  }

  /**
   * @return number of trainable parameters {@code H·I + H·H + H + C·H + C} (PyTorch counts H more because
   *     it keeps two hidden biases)
   */
  @Override
  public int parameterCount() {
    return hiddenSize * inputSize + hiddenSize * hiddenSize + hiddenSize + numClasses * hiddenSize + numClasses;
  }

  /**
   * Logits of every sequence of a dataset.
   *
   * @param data sequences with {@code inputSize} values per step (Not modified)
   * @return row-major {@code [n × C]}
   */
  @Override
  public double[] logits(SequenceDataset data) {
    requireInputSize(data.inputSize());
    return logits(data.series());
  }

  /**
   * Logits of each sequence, each processed on its own from {@code h_0 = 0}, on up to
   * {@code availableProcessors} threads (the result does not depend on the number of threads).
   *
   * @param sequences row-major {@code [T_s × I]} each, any lengths ≥ 1 (Not modified)
   * @return row-major {@code [n × C]}
   */
  public double[] logits(List<double[]> sequences) {
    return logits(sequences, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Logits of each sequence, each processed on its own from {@code h_0 = 0}. Sequences of similar length
   * are run two at a time in lockstep (bit for bit the same as one at a time) and the pairs are shared
   * among threads.
   *
   * @param sequences row-major {@code [T_s × I]} each, any lengths ≥ 1 (Not modified)
   * @param threads maximal number of threads (≥ 1); the result is the same for any value
   * @return row-major {@code [n × C]}
   */
  public double[] logits(List<double[]> sequences, int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
    int n = sequences.size();
    double[] out = new double[n * numClasses];
    int maxSteps = maxLength(sequences);
    Packed packed = new Packed();
    int pairs = (n + 1) / 2;
    int workers = Math.max(1, Math.min(threads, pairs));
    // pair sequences of similar length (longest first, so that the work shares out evenly)
    Integer[] byLength = new Integer[n];
    for (int s = 0; s < n; s++) byLength[s] = s;
    Arrays.sort(byLength, (a, c) -> Integer.compare(sequences.get(c).length, sequences.get(a).length));
    Inference[] inf = new Inference[workers];
    for (int w = 0; w < workers; w++) inf[w] = new Inference(packed, maxSteps, false);
    WorkSplitter.run(pairs, workers, (w, p) -> {
      int s = byLength[2 * p];
      Inference f = inf[w];
      if (2 * p + 1 < n) {
        int u = byLength[2 * p + 1];
        f.runPair(sequences.get(s), stepsOf(sequences.get(s), s), sequences.get(u), stepsOf(sequences.get(u), u));
        readOut(f.states, f.rowA, packed.hp, out, s * numClasses);
        readOut(f.statesB, f.rowB, packed.hp, out, u * numClasses);
      } else {
        int row = f.run(sequences.get(s), stepsOf(sequences.get(s), s));
        readOut(f.states, row, packed.hp, out, s * numClasses);
      }
    });
    return out;
  }

  /**
   * Predicted class of each sequence (arg-max of the logits, ties to the lower index).
   *
   * @param data sequences (Not modified)
   * @return class index per sequence
   */
  @Override
  public int[] predict(SequenceDataset data) {
    return Rows.argmax(logits(data), data.size(), numClasses);
  }

  /**
   * Predicted class of each sequence (arg-max of the logits, ties to the lower index).
   *
   * @param sequences row-major {@code [T_s × I]} each (Not modified)
   * @return class index per sequence
   */
  public int[] predict(List<double[]> sequences) {
    return Rows.argmax(logits(sequences), sequences.size(), numClasses);
  }

  /**
   * Hidden states (the activation vectors used by distinctiveness pruning).
   *
   * @param data sequences (Not modified)
   * @param lastStepOnly if true, only {@code h_T} of each sequence
   * @return row-major {@code [ΣT_s × H]} (sequence by sequence, t = 1..T_s), or {@code [n × H]} if
   *     {@code lastStepOnly}
   */
  public double[] hiddenStates(SequenceDataset data, boolean lastStepOnly) {
    requireInputSize(data.inputSize());
    return hiddenStates(data.series(), lastStepOnly);
  }

  /**
   * Hidden states (the activation vectors used by distinctiveness pruning).
   *
   * @param sequences row-major {@code [T_s × I]} each (Not modified)
   * @param lastStepOnly if true, only {@code h_T} of each sequence
   * @return row-major {@code [ΣT_s × H]} (sequence by sequence, t = 1..T_s), or {@code [n × H]} if
   *     {@code lastStepOnly}
   */
  public double[] hiddenStates(List<double[]> sequences, boolean lastStepOnly) {
    int n = sequences.size();
    long rows = 0;
    for (int s = 0; s < n; s++) rows += lastStepOnly ? 1 : stepsOf(sequences.get(s), s);
    if (rows * hiddenSize > Integer.MAX_VALUE - 8)
      throw new IllegalArgumentException("too many hidden states for one array: " + rows + " x " + hiddenSize);
    double[] out = new double[(int) rows * hiddenSize];
    Inference inf = new Inference(new Packed(), maxLength(sequences), !lastStepOnly);
    int pos = 0;
    for (int s = 0; s < n; s++) {
      double[] x = sequences.get(s);
      int steps = stepsOf(x, s);
      int row = inf.run(x, steps);
      int hp = inf.p.hp;
      if (lastStepOnly) {
        System.arraycopy(inf.states, row * hp, out, pos, hiddenSize);
        pos += hiddenSize;
      } else {
        for (int t = 1; t <= steps; t++) {
          System.arraycopy(inf.states, t * hp, out, pos, hiddenSize);
          pos += hiddenSize;
        }
      }
    }
    return out;
  }

  private void requireInputSize(int dataInputSize) {
    if (dataInputSize != inputSize)
      throw new IllegalArgumentException(
          "the data have " + dataInputSize + " values per step but the RNN expects " + inputSize);
  }

  private int stepsOf(double[] x, int s) {
    if (x.length == 0 || x.length % inputSize != 0)
      throw new IllegalArgumentException(
          "sequence " + s + " has " + x.length + " values, not a positive multiple of " + inputSize);
    return x.length / inputSize;
  }

  private int maxLength(List<double[]> sequences) {
    int m = 1;
    for (int s = 0; s < sequences.size(); s++) m = Math.max(m, stepsOf(sequences.get(s), s));
    return m;
  }

  private void readOut(double[] states, int row, int hp, double[] out, int off) {
    int base = row * hp;
    for (int c = 0; c < numClasses; c++) {
      double s = bOut[c];
      int wo = c * hiddenSize;
      for (int j = 0; j < hiddenSize; j++) s += wOut[wo + j] * states[base + j];
      out[off + c] = s;
    }
  }

  /** Weights packed for the double forward kernels (one per call, shared by its workers). */
  private final class Packed {
    final RnnKernels k = RnnKernelsProvider.get();
    final int hp = k.paddedSize(hiddenSize, true);
    final double[] wIhT = RnnPacking.transposePadded(wIh, hiddenSize, inputSize, hp); // [I × hp]
    final double[] wHhT = RnnPacking.transposePadded(wHh, hiddenSize, hiddenSize, hp); // [H × hp]
    final double[] bp = RnnPacking.pad(b, hp); // [hp]
  }

  /** State buffers of one worker. */
  private final class Inference {
    final Packed p;
    final boolean keepAll;
    final double[] states; // [(maxT + 1) × hp] if keepAll, else [2 × hp]
    final double[] statesB; // second sequence of a pair: [2 × hp] (pairs only without keepAll)
    int rowA;
    int rowB;

    Inference(Packed p, int maxSteps, boolean keepAll) {
      this.p = p;
      this.keepAll = keepAll;
      this.states = new double[(keepAll ? maxSteps + 1 : 2) * p.hp];
      this.statesB = keepAll ? null : new double[2 * p.hp];
    }

    /** @return the row of {@code states} holding h_T */
    int run(double[] x, int steps) {
      return p.k.forward(p.wIhT, p.wHhT, p.bp, inputSize, hiddenSize, p.hp, x, 0, 1, steps, states, keepAll);
    }

    /** Runs two sequences (lockstep, then the longer alone); sets rowA (in states) and rowB (in statesB). */
    void runPair(double[] xa, int ta, double[] xb, int tb) {
      int common = Math.min(ta, tb);
      RnnKernels k = p.k;
      int row = k.forward2(p.wIhT, p.wHhT, p.bp, inputSize, hiddenSize, p.hp, xa, 0, states, xb, 0, statesB, 1, common, false);
      rowA = ta > common ? k.forward(p.wIhT, p.wHhT, p.bp, inputSize, hiddenSize, p.hp, xa, 0, common + 1, ta, states, false) : row;
      rowB = tb > common ? k.forward(p.wIhT, p.wHhT, p.bp, inputSize, hiddenSize, p.hp, xb, 0, common + 1, tb, statesB, false) : row;
    }
  }

  /** @return a deep copy */
  public ElmanRnn copy() {
    return new ElmanRnn(
        inputSize, hiddenSize, numClasses, wIh.clone(), wHh.clone(), b.clone(), wOut.clone(), bOut.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ElmanRnn r
        && r.inputSize == inputSize
        && r.hiddenSize == hiddenSize
        && r.numClasses == numClasses
        && Arrays.equals(r.wIh, wIh)
        && Arrays.equals(r.wHh, wHh)
        && Arrays.equals(r.b, b)
        && Arrays.equals(r.wOut, wOut)
        && Arrays.equals(r.bOut, bOut);
  }

  @Override
  public int hashCode() {
    int h = Arrays.hashCode(wIh);
    h = 31 * h + Arrays.hashCode(wHh);
    h = 31 * h + Arrays.hashCode(b);
    h = 31 * h + Arrays.hashCode(wOut);
    return 31 * h + Arrays.hashCode(bOut);
  }

  @Override
  public String toString() {
    return "ElmanRnn[" + inputSize + "-" + hiddenSize + "-" + numClasses + ", tanh]";
  }
}
