package org.distinct.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.distinct.model.ElmanRnn;
import org.distinct.train.RnnBatchEngine;
import org.distinct.train.RnnEpoch;
import org.distinct.train.RnnTrainConfig;
import org.distinct.tensor.RnnKernelsProvider;
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
 * <p>The fork runs with {@code -Xmx200m}: the benchmark completing shows the epoch fits in 200 MB of heap;
 * add {@code -prof gc} for the bytes allocated per epoch ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx200m", "-Xms200m"})
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
  private RnnEpoch epoch;
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
    RnnTrainConfig cfg = RnnTrainConfig.defaults().withThreads(threads);
    engine = new RnnBatchEngine(RnnKernelsProvider.get(), 1, HIDDEN, CLASSES, LENGTH, BATCH, threads, 0);
    engine.setModel(model);
    epoch = new RnnEpoch(engine, cfg, RnnBatchEngine.toFloat(train), y);
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

  /** Stops the engine's threads. */
  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  /** @return the epoch's loss (consumed by JMH) */
  @Benchmark
  public double epoch() {
    epoch.run(shuffle);
    return epoch.loss();
  }

  /** @return the logits of the 48 test sequences */
  @Benchmark
  public double[] inference48() {
    return model.logits(test);
  }
}
