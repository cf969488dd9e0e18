package org.distinct.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedRnn;
import org.distinct.model.Gru;
import org.distinct.model.Lstm;
import org.distinct.tensor.GatedKernelsProvider;
import org.distinct.train.GatedBatchEngine;
import org.distinct.train.Optimizer;
import org.distinct.train.OptimizerConfig;
import org.distinct.train.RnnBatchEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The paper's recurrent shape with gated cells: 1 input, 50 LSTM or GRU units, 3 classes. {@link #epoch}: one
 * training epoch over 144 sequences of the real song lengths (12 songs with lengths spread evenly over the real
 * range 1,608–2,197 steps, 12 sequences each, values in [0, 1]), shuffled mini-batches of 32 (5 batches, the last
 * of 16), full BPTT, Adam (lr 0.003, PyTorch's defaults otherwise) by {@link Optimizer} on the engine's flat
 * buffer, 2 threads; {@link #inference48}: logits of 48 such sequences (4 per song) in double, as evaluation runs
 * it. The same work as {@code bench/gated_epoch_torch.py}. Run with {@code bench/run-gated.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx64m"})
public class GatedEpochBenchmark {
  static final int SONGS = 12;
  static final int PER_SONG = 12;
  static final int TEST_PER_SONG = 4;
  static final int MIN_LENGTH = 1608;
  static final int MAX_LENGTH = 2197;
  static final int HIDDEN = 50;
  static final int CLASSES = 3;
  static final int BATCH = 32;
  static final int THREADS = 2;

  /** The cell. */
  @Param({"lstm", "gru"})
  public String cell;

  private GatedBatchEngine engine;
  private List<float[]> train;
  private int[] labels;
  private int[] perm;
  private Optimizer adam;
  private SplittableRandom shuffle;
  private GatedRnn model;
  private List<double[]> test;

  /** @return song k's length, k = 0..11 */
  static int songLength(int k) {
    return MIN_LENGTH + (int) Math.round(k * (MAX_LENGTH - MIN_LENGTH) / (double) (SONGS - 1));
  }

  /** Builds data, model and engine once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(2024);
    List<double[]> tr = series(PER_SONG, rng);
    test = series(TEST_PER_SONG, rng);
    labels = new int[tr.size()];
    for (int i = 0; i < labels.length; i++) labels[i] = rng.nextInt(CLASSES);
    GatedCell c = GatedCell.valueOf(cell.toUpperCase(Locale.ROOT));
    model = c == GatedCell.LSTM
        ? Lstm.initialize(1, new int[] {HIDDEN}, CLASSES, rng.split())
        : Gru.initialize(1, new int[] {HIDDEN}, CLASSES, rng.split());
    engine = new GatedBatchEngine(GatedKernelsProvider.get(), c, new int[] {1, HIDDEN, CLASSES}, MAX_LENGTH, BATCH, THREADS, 0);
    engine.setModel(model);
    train = RnnBatchEngine.toFloat(tr);
    perm = new int[train.size()];
    for (int i = 0; i < perm.length; i++) perm[i] = i;
    adam = Optimizer.create(OptimizerConfig.adam(0.003), engine.updateScales());
    shuffle = rng.split();
  }

  private static List<double[]> series(int perSong, SplittableRandom rng) {
    List<double[]> s = new ArrayList<>();
    for (int k = 0; k < SONGS; k++)
      for (int i = 0; i < perSong; i++) {
        double[] x = new double[songLength(k)];
        for (int t = 0; t < x.length; t++) x[t] = rng.nextDouble();
        s.add(x);
      }
    return s;
  }

  /** Stops the engine's threads and prints the fork's peak heap use. */
  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
    long peak = 0;
    for (java.lang.management.MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
      if (p.getType() == java.lang.management.MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
    System.out.printf("%n[GatedEpochBenchmark %s, kernels %s] max heap %d MB, peak heap used %.1f MB%n", cell,
        engine.kernels().name(), Runtime.getRuntime().maxMemory() >> 20, peak / 1e6);
  }

  private long ops;
  private long cpuStart;

  /** Starts counting operations and process CPU time for this iteration. */
  @Setup(Level.Iteration)
  public void iterationStart() {
    ops = 0;
    cpuStart = processCpuNanos();
  }

  /**
   * Prints the process CPU time per operation of this iteration (all threads, including JIT and GC): unlike the
   * wall time it does not grow when other processes compete for the cores.
   */
  @TearDown(Level.Iteration)
  public void iterationEnd() {
    if (ops > 0) System.out.printf("  [cpu %.1f ms/op over %d ops]", (processCpuNanos() - cpuStart) / 1e6 / ops, ops);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** @return the epoch's mean loss (consumed by JMH) */
  @Benchmark
  public double epoch() {
    ops++;
    int n = perm.length;
    for (int i = n - 1; i > 0; i--) {
      int j = shuffle.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    double loss = 0;
    float[] p = engine.parameters();
    for (int from = 0; from < n; from += BATCH) {
      int count = Math.min(BATCH, n - from);
      loss += count * engine.lossAndGradients(train, labels, perm, from, count, null);
      adam.step(p, engine.gradients());
      engine.parametersChanged();
    }
    return loss / n;
  }

  /** @return the logits of the 48 test sequences (double, {@link GatedRnn#logits(List, int)} on 2 threads) */
  @Benchmark
  public double[] inference48() {
    ops++;
    return model.logits(test, THREADS);
  }
}
