package org.distinct.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.distinct.data.SequenceDataset;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedRnn;
import org.distinct.model.Gru;
import org.distinct.model.Lstm;
import org.distinct.prune.ActivationAngles;
import org.distinct.prune.AngleConfig;
import org.distinct.prune.AngleResult;
import org.distinct.prune.DistinctivenessPruner;
import org.distinct.prune.GatedSurgery;
import org.distinct.prune.GatedTarget;
import org.distinct.prune.PairOrder;
import org.distinct.prune.PruneResult;
import org.distinct.prune.PrunerConfig;
import org.distinct.prune.RnnTarget;
import org.distinct.prune.UnitFold;
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
 * Pruning a 1-50-3 LSTM or GRU (PyTorch-like random initialisation) by distinctiveness: pattern set 144 training
 * sequences, evaluation set 48 test sequences, each {@code length} steps (default 625, the paper's 2,500 after the
 * study's downsampling by 4), the same data as {@link RnnPruneBenchmark}.
 *
 * <ul>
 *   <li>{@code surgery}: {@link GatedSurgery#apply} of a merge and a bias fold (the weight surgery alone);
 *   <li>{@code structuralStep} / {@code maskStep}: one schedule step without wall-clock timing — choose and apply
 *       2 removals (forced) on precomputed angles, recompute the angles of the new model over the pattern set and
 *       evaluate it on the 48 test sequences;
 *   <li>{@code stateGradients}: the Taylor criterion's input, {@code ∂L_s/∂h_t} at every step of the 144
 *       sequences by the double textbook BPTT ({@link GatedTarget#lossGradients}).
 * </ul>
 *
 * The angles and evaluations use {@link GatedRnn#hiddenStates}/{@link GatedRnn#logits}, whatever implementation
 * they have in this build. Run: {@code bench/run-gated-prune.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GatedPruneBenchmark {
  static final int TRAIN = 144;
  static final int TEST = 48;
  static final int HIDDEN = 50;

  /** {@code lstm} or {@code gru}. */
  @Param({"lstm", "gru"})
  public String cell;

  /** Steps per sequence. */
  @Param({"625"})
  public int length;

  private GatedRnn model;
  private SequenceDataset train;
  private SequenceDataset test;
  private AngleResult angles;
  private final GatedTarget structural = new GatedTarget(0);
  private final GatedTarget mask = new GatedTarget(0, RnnTarget.Mode.MASK, false);
  private final DistinctivenessPruner paper = new DistinctivenessPruner(PrunerConfig.defaults());
  private final DistinctivenessPruner gentle = new DistinctivenessPruner(PrunerConfig.defaults().withOrder(PairOrder.FEWEST_PARTNERS));
  private final AngleConfig config = AngleConfig.defaults();
  private final List<UnitFold> folds = List.of(UnitFold.merge(3, 17, 1.0, 0.01), UnitFold.toBias(40, 0.2));

  /** Builds the model, the data and the unpruned angle analysis once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(2025);
    train = RnnPruneBenchmark.data("train", TRAIN, length, rng);
    test = RnnPruneBenchmark.data("test", TEST, length, rng);
    GatedCell c = GatedCell.valueOf(cell.toUpperCase(Locale.ROOT));
    model = c == GatedCell.LSTM ? Lstm.initialize(1, new int[] {HIDDEN}, 3, rng.split()) : Gru.initialize(1, new int[] {HIDDEN}, 3, rng.split());
    angles = anglesOf(structural, model);
  }

  private AngleResult anglesOf(GatedTarget t, GatedRnn m) {
    double[] a = t.activations(m, train);
    int h = t.units(m);
    return ActivationAngles.compute(a, a.length / h, h, t.activation(m), config);
  }

  /** @return the model after a merge and a bias fold */
  @Benchmark
  public GatedRnn surgery() {
    return GatedSurgery.apply(model, 0, folds);
  }

  /** @return test metrics after one structural step of 2 units (angles of the smaller network recomputed) */
  @Benchmark
  public ClassificationMetrics structuralStep() {
    return step(structural, paper);
  }

  /** @return test metrics after one mask-mode step of 2 units */
  @Benchmark
  public ClassificationMetrics maskStep() {
    return step(mask, gentle);
  }

  private ClassificationMetrics step(GatedTarget t, DistinctivenessPruner p) {
    PruneResult<GatedRnn> r = p.step(t, model, angles, 2, true, null);
    GatedRnn next = r.model();
    AngleResult a = anglesOf(t, next);
    if (Double.isNaN(a.minAngleDeg()) || r.unitsRemoved() != 2) throw new IllegalStateException("step failed");
    return ClassificationMetrics.fromLogits(next.logits(test), test.labels(), TEST, 3);
  }

  /** @return the state gradients of the 144 training sequences */
  @Benchmark
  public double[] stateGradients() {
    return structural.lossGradients(model, train);
  }
}
