package org.distinct.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.distinct.data.Dataset;
import org.distinct.model.Activation;
import org.distinct.model.Mlp;
import org.distinct.tensor.DenseKernelsProvider;
import org.distinct.train.MlpEpoch;
import org.distinct.train.MlpWorkspace;
import org.distinct.train.Optimizer;
import org.distinct.train.OptimizerConfig;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training epoch of the paper's MLP: 25 inputs, 30 sigmoid hidden units, 3 classes, 518 rows in
 * [0, 1], mini-batches of 32 (17 batches, the last of 6 rows), Adam (lr 0.01), rows shuffled every epoch.
 * The same work as {@code bench/mlp_epoch_torch.py}. Run with {@code bench/run-mlp.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MlpEpochBenchmark {
  static final int ROWS = 518;
  static final int INPUTS = 25;
  static final int HIDDEN = 30;
  static final int CLASSES = 3;
  static final int BATCH = 32;

  /** Which kernels: "vector" (what distinct uses when jdk.incubator.vector is present) or "plain". */
  @Param({"vector", "plain"})
  public String kernels;

  private MlpEpoch epoch;
  private SplittableRandom shuffle;

  /** Builds the data, model, workspace and optimizer once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(2024);
    double[] x = new double[ROWS * INPUTS];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble();
    int[] y = new int[ROWS];
    for (int i = 0; i < ROWS; i++) y[i] = rng.nextInt(CLASSES);
    List<String> names = new ArrayList<>();
    for (int j = 0; j < INPUTS; j++) names.add("f" + j);
    Dataset d = new Dataset("bench", x, ROWS, INPUTS, y, new int[ROWS], names, List.of("a", "b", "c"));
    Mlp m = Mlp.initialize(INPUTS, new int[] {HIDDEN}, CLASSES, Activation.SIGMOID, rng.split());
    MlpWorkspace ws = new MlpWorkspace(m, BATCH,
        kernels.equals("plain") ? DenseKernelsProvider.plain() : DenseKernelsProvider.vectorized().orElseThrow());
    Optimizer opt = OptimizerConfig.adam(0.01).create();
    epoch = new MlpEpoch(ws, opt, d, true);
    shuffle = rng.split();
  }

  /** @return the epoch's loss (consumed by JMH so nothing is dead code) */
  @Benchmark
  public double epoch() {
    epoch.run(shuffle.split());
    return epoch.loss();
  }
}
