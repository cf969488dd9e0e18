package org.distinct.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.distinct.data.Dataset;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.model.Activation;
import org.distinct.model.Mlp;
import org.distinct.prune.ActivationAngles;
import org.distinct.prune.AngleConfig;
import org.distinct.prune.AngleResult;
import org.distinct.prune.DistinctivenessPruner;
import org.distinct.prune.MlpTarget;
import org.distinct.prune.PruneResult;
import org.distinct.prune.PrunerConfig;
import org.distinct.prune.PruningSchedule;
import org.distinct.prune.ScheduleConfig;
import org.distinct.prune.ScheduleResult;
import org.distinct.train.MlpTrainConfig;
import org.distinct.train.MlpTrainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pruning by distinctiveness on the paper's MLP (25-30-3 sigmoid, trained 100 epochs on 518 random rows):
 *
 * <ul>
 *   <li>{@code angles}: the full 30×30 angle matrix from a 518×30 activation matrix (Gram pass);
 *   <li>{@code anglesForLayer}: the same including the hidden-layer forward pass over the 518 patterns;
 *   <li>{@code pruneStep}: one schedule step as {@link PruningSchedule} does it, without wall-clock
 *       timing — choose and apply 2 removals (forced, so it always removes 2), update the angles of the
 *       smaller model (restriction, bitwise equal to recomputing) and evaluate it on 58 test rows (all
 *       metrics);
 *   <li>{@code pruneStepRecomputingAngles}: the same, recomputing the angles with a forward pass over the 518
 *       patterns (the path taken with fine-tuning);
 *   <li>{@code scheduleOneStep}: {@link PruningSchedule#run} from 30 to 28 units (initial angles with forward
 *       pass, step 0 evaluation, one step), timing off.
 * </ul>
 *
 * Target: well under 1 ms each. Run: {@code java -cp ... org.openjdk.jmh.Main PruneStepBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PruneStepBenchmark {
  static final int ROWS = 518;
  static final int TEST = 58;
  static final int INPUTS = 25;
  static final int HIDDEN = 30;

  private Mlp model;
  private Dataset train;
  private Dataset test;
  private double[] activations;
  private AngleResult angles;
  private DistinctivenessPruner pruner;
  private final PruningSchedule schedule =
      new PruningSchedule(ScheduleConfig.defaults().withTiming(null).withForce(true).withUntilUnits(HIDDEN - 2));
  private final MlpTarget target = new MlpTarget(0);
  private final AngleConfig config = AngleConfig.defaults();

  static Dataset data(String name, int rows, SplittableRandom rng) {
    double[] x = new double[rows * INPUTS];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble();
    int[] y = new int[rows];
    for (int i = 0; i < rows; i++) y[i] = rng.nextInt(3);
    List<String> names = new ArrayList<>();
    for (int j = 0; j < INPUTS; j++) names.add("f" + j);
    return new Dataset(name, x, rows, INPUTS, y, new int[rows], names, List.of("a", "b", "c"));
  }

  /** Trains the model and precomputes the step's inputs once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(2024);
    train = data("train", ROWS, rng);
    test = data("test", TEST, rng);
    model = new MlpTrainer(MlpTrainConfig.defaults().withEpochs(100).withActivation(Activation.SIGMOID))
        .train(train, null, 7).model();
    activations = model.activations(0, train.x(), ROWS);
    angles = ActivationAngles.compute(activations, ROWS, HIDDEN, Activation.SIGMOID, config);
    pruner = new DistinctivenessPruner(PrunerConfig.defaults());
  }

  /** @return the angle analysis of a given activation matrix */
  @Benchmark
  public AngleResult angles() {
    return ActivationAngles.compute(activations, ROWS, HIDDEN, Activation.SIGMOID, config);
  }

  /** @return the angle analysis including the hidden-layer forward pass */
  @Benchmark
  public AngleResult anglesForLayer() {
    return ActivationAngles.forLayer(model, 0, train.x(), ROWS, config);
  }

  /** @return the metrics of the pruned model (one full schedule step minus wall-clock timing) */
  @Benchmark
  public ClassificationMetrics pruneStep() {
    PruneResult<Mlp> r = pruner.step(target, model, angles, 2, true, null);
    Mlp next = r.model();
    AngleResult a = angles.restrict(r.survivors());
    if (a.units() != HIDDEN - 2 || Double.isNaN(a.minAngleDeg())) throw new IllegalStateException("step failed");
    return ClassificationMetrics.fromLogits(next.logits(test.x(), TEST), test.labels(), TEST, 3);
  }

  /** @return the metrics of the pruned model, angles recomputed with a forward pass */
  @Benchmark
  public ClassificationMetrics pruneStepRecomputingAngles() {
    PruneResult<Mlp> r = pruner.step(target, model, angles, 2, true, null);
    Mlp next = r.model();
    AngleResult a = ActivationAngles.forLayer(next, 0, train.x(), ROWS, config);
    if (a.units() != HIDDEN - 2) throw new IllegalStateException("step removed " + (HIDDEN - a.units()));
    return ClassificationMetrics.fromLogits(next.logits(test.x(), TEST), test.labels(), TEST, 3);
  }

  /** @return a two-row schedule (baseline and one step of 2 units) */
  @Benchmark
  public ScheduleResult<Mlp> scheduleOneStep() {
    return schedule.run(pruner, model, 0, train, test, null, null, 1);
  }
}
