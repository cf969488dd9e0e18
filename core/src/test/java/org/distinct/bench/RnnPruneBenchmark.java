package org.distinct.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.distinct.data.SequenceDataset;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.model.ElmanRnn;
import org.distinct.prune.ActivationAngles;
import org.distinct.prune.AngleConfig;
import org.distinct.prune.AngleResult;
import org.distinct.prune.DistinctivenessPruner;
import org.distinct.prune.PairOrder;
import org.distinct.prune.PruneResult;
import org.distinct.prune.PrunerConfig;
import org.distinct.prune.RnnTarget;
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
 * Pruning by distinctiveness on the paper's RNN (1-50-3 tanh, PyTorch-like random initialisation): pattern
 * set 144 training sequences, evaluation set 48 test sequences, each {@code length} steps (default 625 = the
 * paper's 2,500 after the study's default downsampling by 4; run with {@code -p length=2500} for raw length).
 *
 * <ul>
 *   <li>{@code angles}: hidden states at every step of the 144 sequences and the 50×50 angle analysis (what
 *       the schedule recomputes after every RNN step);
 *   <li>{@code structuralStep}: one schedule step without wall-clock timing — choose and apply 2 removals
 *       (forced, paper order) on precomputed angles, recompute the angles of the smaller RNN over the pattern
 *       set and evaluate it on the 48 test sequences (all metrics);
 *   <li>{@code maskStep}: the same in mask mode (fewest-partners order);
 *   <li>{@code inference48Full} / {@code inference48Pruned}: classifying the 48 test sequences with the
 *       unpruned 50-unit RNN and with the structurally pruned 40-unit RNN (mask mode keeps the 50-unit cost).
 * </ul>
 *
 * Run: {@code java --add-modules jdk.incubator.vector -cp ... org.openjdk.jmh.Main RnnPruneBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class RnnPruneBenchmark {
  static final int TRAIN = 144;
  static final int TEST = 48;
  static final int HIDDEN = 50;

  /** Steps per sequence. */
  @Param({"625"})
  public int length;

  private ElmanRnn model;
  private ElmanRnn pruned40;
  private SequenceDataset train;
  private SequenceDataset test;
  private AngleResult angles;
  private final RnnTarget structural = new RnnTarget();
  private final RnnTarget mask = new RnnTarget(RnnTarget.Mode.MASK);
  private final DistinctivenessPruner paper = new DistinctivenessPruner(PrunerConfig.defaults());
  private final DistinctivenessPruner gentle = new DistinctivenessPruner(PrunerConfig.defaults().withOrder(PairOrder.FEWEST_PARTNERS));
  private final AngleConfig config = AngleConfig.defaults();

  static SequenceDataset data(String name, int n, int length, SplittableRandom rng) {
    List<double[]> s = new ArrayList<>();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      double[] x = new double[length];
      for (int t = 0; t < length; t++) x[t] = 0.3 * (y[i] - 1) + 0.5 * Math.sin(0.05 * t + i) + 0.2 * rng.nextDouble(-1, 1);
      s.add(x);
    }
    return new SequenceDataset(name, s, 1, y, new int[n], Collections.nCopies(n, "S1"), List.of("classical", "instrumental", "pop"));
  }

  /** Builds the model, the data and the unpruned angle analysis once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(2025);
    train = data("train", TRAIN, length, rng);
    test = data("test", TEST, length, rng);
    model = ElmanRnn.initialize(1, HIDDEN, 3, rng.split());
    angles = anglesOf(structural, model);
    ElmanRnn m = model;
    for (int k = 0; k < 5; k++) m = paper.step(structural, m, anglesOf(structural, m), 2, true, null).model();
    pruned40 = m;
    if (pruned40.hiddenSize() != 40) throw new IllegalStateException("pruned to " + pruned40.hiddenSize());
  }

  private AngleResult anglesOf(RnnTarget t, ElmanRnn m) {
    double[] a = t.activations(m, train);
    return ActivationAngles.compute(a, a.length / m.hiddenSize(), m.hiddenSize(), t.activation(m), config);
  }

  /** @return the angle analysis over all hidden states of the pattern set */
  @Benchmark
  public AngleResult angles() {
    return anglesOf(structural, model);
  }

  /** @return test metrics after one structural step of 2 units (angles of the smaller RNN recomputed) */
  @Benchmark
  public ClassificationMetrics structuralStep() {
    return step(structural, paper);
  }

  /** @return test metrics after one mask-mode step of 2 units */
  @Benchmark
  public ClassificationMetrics maskStep() {
    return step(mask, gentle);
  }

  private ClassificationMetrics step(RnnTarget t, DistinctivenessPruner p) {
    PruneResult<ElmanRnn> r = p.step(t, model, angles, 2, true, null);
    ElmanRnn next = r.model();
    AngleResult a = anglesOf(t, next);
    if (Double.isNaN(a.minAngleDeg()) || r.unitsRemoved() != 2) throw new IllegalStateException("step failed");
    return ClassificationMetrics.fromLogits(next.logits(test), test.labels(), TEST, 3);
  }

  /** @return logits of the 48 test sequences, unpruned 50 units */
  @Benchmark
  public double[] inference48Full() {
    return model.logits(test);
  }

  /** @return logits of the 48 test sequences, structurally pruned to 40 units */
  @Benchmark
  public double[] inference48Pruned() {
    return pruned40.logits(test);
  }
}
