package org.distinct.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.distinct.model.ElmanRnn;
import org.distinct.tensor.RnnKernelsProvider;
import org.distinct.train.OptimizerConfig;
import org.distinct.train.RnnBatchEngine;
import org.distinct.train.SequenceEpoch;
import org.distinct.train.SequenceTrainConfig;
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
 * The paper's RNN: 1 input, 50 tanh hidden units, 3 classes. {@link #epoch}: one training epoch over 144
 * sequences of length 2,500 (values in [0, 1]), mini-batches of 32 (5 batches, the last of 16), full BPTT,
 * Adam (lr 0.003), shuffled; {@link #inference48}: logits of 48 such sequences (double inference, as
 * evaluation runs it). The same work as {@code bench/rnn_epoch_torch.py}. Run with {@code bench/run-rnn.sh}.
 *
 * <p>Memory: the fork runs with {@code -Xmx64m}, so completing shows an epoch fits in 64 MB of heap; at
 * the end of each trial the fork prints its peak process RSS and peak heap use (see {@link #tearDown});
 * add {@code -prof gc} for the bytes allocated per epoch ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx64m"})
public class RnnEpochBenchmark {
  static final int SEQUENCES = 144;
  static final int TEST_SEQUENCES = 48;
  static final int LENGTH = 2500;
  static final int HIDDEN = 50;
  static final int CLASSES = 3;
  static final int BATCH = 32;

  /** Worker threads for the training batches. */
  @Param({"2"})
  public int threads;

  private RnnBatchEngine engine;
  private SequenceEpoch epoch;
  private SplittableRandom shuffle;
  private ElmanRnn model;
  private List<double[]> test;

  /** Builds data, model and engine once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(2024);
    List<double[]> train = series(SEQUENCES, rng);
    test = series(TEST_SEQUENCES, rng);
    int[] y = new int[SEQUENCES];
    for (int i = 0; i < SEQUENCES; i++) y[i] = rng.nextInt(CLASSES);
    model = ElmanRnn.initialize(1, HIDDEN, CLASSES, rng.split());
    SequenceTrainConfig cfg = new SequenceTrainConfig(new int[] {HIDDEN}, OptimizerConfig.adam(0.003), BATCH, 200, 0, 0, true, threads);
    engine = new RnnBatchEngine(RnnKernelsProvider.get(), 1, HIDDEN, CLASSES, LENGTH, BATCH, threads, 0);
    engine.setModel(model);
    epoch = new SequenceEpoch(engine, cfg, RnnBatchEngine.toFloat(train), y);
    shuffle = rng.split();
  }

  private static List<double[]> series(int n, SplittableRandom rng) {
    List<double[]> s = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = new double[LENGTH];
      for (int t = 0; t < LENGTH; t++) x[t] = rng.nextDouble();
      s.add(x);
    }
    return s;
  }

  /**
   * Stops the engine's threads and prints the fork's memory high-water marks: the peak resident set of the
   * whole JVM process ({@code VmHWM} of {@code /proc/self/status}, Linux) and the peak heap use summed over
   * the heap pools (JMX; includes garbage not yet collected).
   */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    engine.close();
    long peak = 0;
    for (java.lang.management.MemoryPoolMXBean p : java.lang.management.ManagementFactory.getMemoryPoolMXBeans())
      if (p.getType() == java.lang.management.MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
    String hwm = "n/a";
    Path status = Path.of("/proc/self/status");
    if (Files.isReadable(status))
      for (String line : Files.readAllLines(status))
        if (line.startsWith("VmHWM:")) hwm = line.substring(6).trim();
    System.out.printf("%n[RnnEpochBenchmark] max heap %d MB, peak heap used %.1f MB, peak process RSS %s%n",
        Runtime.getRuntime().maxMemory() >> 20, peak / 1e6, hwm);
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
   * Prints the process CPU time per operation of this iteration (all threads, including JIT and GC): unlike
   * the wall time it does not grow when other processes compete for the cores.
   */
  @TearDown(Level.Iteration)
  public void iterationEnd() {
    if (ops > 0) System.out.printf("  [cpu %.1f ms/op over %d ops]", (processCpuNanos() - cpuStart) / 1e6 / ops, ops);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** @return the epoch's loss (consumed by JMH) */
  @Benchmark
  public double epoch() {
    ops++;
    epoch.run(shuffle);
    return epoch.loss();
  }

  /** @return the logits of the 48 test sequences */
  @Benchmark
  public double[] inference48() {
    ops++;
    return model.logits(test);
  }
}
