package org.distinct.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.tensor.Conv1dKernelsProvider;
import org.distinct.train.Conv1dBatchEngine;
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
 * The Conv1D family's default network on the paper's series: 1 input channel, two convolutional layers of 16 ReLU
 * channels (kernel 5, stride 2, padding 2), global average pooling, 3 classes. {@link #epoch}: one training epoch over
 * 144 sequences (12 songs × 12 participants) of the paper's song lengths (12 lengths spread evenly over 1,608–2,197
 * steps; values in [0, 1]), mini-batches of 32 (5 batches, the last of 16), Adam (lr 0.003), shuffled, on the float
 * engine with {@link #threads} threads; {@link #inference48}: logits of 48 such sequences (4 per song; double
 * inference, as evaluation runs it). The same work as {@code bench/conv1d_epoch_torch.py}; run both with
 * {@code bench/run-conv1d.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx64m"})
public class Conv1dEpochBenchmark {
  static final int SONGS = 12;
  static final int PER_SONG = 12;
  static final int TEST_PER_SONG = 4;
  static final int SHORTEST = 1608;
  static final int LONGEST = 2197;
  static final int CLASSES = 3;
  static final int BATCH = 32;
  static final int[] CHANNELS = {16, 16};
  static final Conv1d.Spec SPEC = new Conv1d.Spec(new int[] {5, 5}, new int[] {2, 2}, new int[] {2, 2}, Activation.RELU, Conv1d.Pool.AVG);

  /** Worker threads for the training batches. */
  @Param({"2"})
  public int threads;

  private Conv1dBatchEngine engine;
  private SequenceEpoch epoch;
  private SplittableRandom shuffle;
  private Conv1d model;
  private List<double[]> test;

  /**
   * @param song 0..11
   * @return its length: 12 lengths spread evenly over 1,608–2,197
   */
  static int length(int song) {
    return SHORTEST + (int) Math.round(song * (LONGEST - SHORTEST) / (SONGS - 1.0));
  }

  /** Builds data, model and engine once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(2024);
    List<double[]> train = series(PER_SONG, rng);
    test = series(TEST_PER_SONG, rng);
    int[] y = new int[train.size()];
    for (int i = 0; i < y.length; i++) y[i] = rng.nextInt(CLASSES);
    model = Conv1d.initialize(1, CHANNELS, CLASSES, SPEC, rng.split());
    SequenceTrainConfig cfg = new SequenceTrainConfig(CHANNELS, OptimizerConfig.adam(0.003), BATCH, 200, 0, 0, true, threads);
    engine = new Conv1dBatchEngine(Conv1dKernelsProvider.get(), model, LONGEST, BATCH, threads);
    engine.setModel(model);
    epoch = new SequenceEpoch(engine, cfg, RnnBatchEngine.toFloat(train), y);
    shuffle = rng.split();
  }

  private static List<double[]> series(int perSong, SplittableRandom rng) {
    List<double[]> s = new ArrayList<>();
    for (int song = 0; song < SONGS; song++)
      for (int i = 0; i < perSong; i++) {
        double[] x = new double[length(song)];
        for (int t = 0; t < x.length; t++) x[t] = rng.nextDouble();
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
