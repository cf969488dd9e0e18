package org.distinct.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.distinct.BadInputException;
import org.distinct.data.SequenceDataset;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.model.Activation;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedLayer;
import org.distinct.model.GatedRnn;
import org.distinct.train.GatedReference;
import org.distinct.train.GatedTestData;
import org.distinct.train.GatedTestData.Perturbation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GatedTarget}: activation rows, loss gradients (finite differences), weight order and checks; and the
 * generic machinery ({@link DistinctivenessPruner}, every baseline of {@link Criteria}, {@link PruningSchedule})
 * running on LSTMs and GRUs, structural and mask.
 */
class GatedTargetTest {
  private static final int[] HIDDEN = {5, 4};
  /** Two units per step down to 4 active units, forced, no timing. */
  private static final ScheduleConfig TO_FOUR = new ScheduleConfig(2, 4, Double.POSITIVE_INFINITY, true, 0, null);
  /** Two units per step down to 3 active units, forced, no timing. */
  private static final ScheduleConfig TO_THREE = new ScheduleConfig(2, 3, Double.POSITIVE_INFINITY, true, 0, null);

  static List<Arguments> cellsAndLayers() {
    List<Arguments> a = new ArrayList<>();
    for (GatedCell c : GatedCell.values()) for (int l = 0; l < 2; l++) a.add(Arguments.of(c, l));
    return a;
  }

  static List<Arguments> cellsLayersAndModes() {
    List<Arguments> a = new ArrayList<>();
    for (GatedCell c : GatedCell.values())
      for (int l = 0; l < 2; l++) for (RnnTarget.Mode mode : RnnTarget.Mode.values()) a.add(Arguments.of(c, l, mode));
    return a;
  }

  private static SequenceDataset data(int n, long seed) {
    return GatedTestData.randomData(n, 2, 3, 3, 10, new SplittableRandom(seed));
  }

  @ParameterizedTest(name = "{0} layer {1}")
  @MethodSource("cellsAndLayers")
  void activationRowsAreTheLayersHiddenStatesOfEveryStepOrTheLastStep(GatedCell cell, int layer) {
    GatedRnn m = GatedNets.random(cell, 2, HIDDEN, 3, 1);
    SequenceDataset d = data(4, 2);
    int h = HIDDEN[layer];
    double[] all = new GatedTarget(layer).activations(m, d);
    double[] last = new GatedTarget(layer, RnnTarget.Mode.STRUCTURAL, true).activations(m, d);
    assertThat(all).containsExactly(m.hiddenStates(d.series(), layer, false));
    assertThat(last).containsExactly(m.hiddenStates(d.series(), layer, true));
    int pos = 0;
    for (int s = 0; s < d.size(); s++) {
      double[] ref = GatedReference.forward(m, d.series().get(s)).layers().get(layer).h(); // [(T + 1) × H]
      for (int t = 1; t <= d.length(s); t++, pos++)
        for (int u = 0; u < h; u++) assertThat(all[pos * h + u]).isCloseTo(ref[t * h + u], within(1e-13));
      for (int u = 0; u < h; u++) assertThat(last[s * h + u]).isEqualTo(all[(pos - 1) * h + u]);
    }
    assertThat(all).hasSize(pos * h);
    assertThat(new GatedTarget(layer).activation(m)).isEqualTo(Activation.TANH);
    assertThat(new GatedTarget(layer).units(m)).isEqualTo(h);
  }

  @ParameterizedTest(name = "{0} layer {1}")
  @MethodSource("cellsAndLayers")
  void lossGradientsAreTheDerivativesWithRespectToEachHiddenStateByFiniteDifferences(GatedCell cell, int layer) {
    GatedRnn m = GatedTestData.random(cell, 2, HIDDEN, 3, 0.9, new SplittableRandom(3));
    SequenceDataset d = data(3, 4);
    int h = HIDDEN[layer];
    double[] g = new GatedTarget(layer).lossGradients(m, d);
    double[] gl = new GatedTarget(layer, RnnTarget.Mode.MASK, true).lossGradients(m, d);
    double eps = 1e-6;
    int pos = 0;
    double maxG = 0;
    for (int s = 0; s < d.size(); s++) {
      double[] x = d.series().get(s);
      int y = d.labels()[s];
      for (int t = 1; t <= d.length(s); t++, pos++)
        for (int u = 0; u < h; u++) {
          double fd = (GatedTestData.perturbedLoss(m, x, y, new Perturbation(layer, t, u, eps, 1))
              - GatedTestData.perturbedLoss(m, x, y, new Perturbation(layer, t, u, -eps, 1))) / (2 * eps);
          assertThat(g[pos * h + u]).as("sequence %d step %d unit %d", s, t, u).isCloseTo(fd, within(1e-8));
          maxG = Math.max(maxG, Math.abs(fd));
        }
      for (int u = 0; u < h; u++) assertThat(gl[s * h + u]).isEqualTo(g[(pos - 1) * h + u]);
    }
    assertThat(maxG).isGreaterThan(1e-2); // the check is not vacuous
    assertThat(g).hasSize(pos * h);
    assertThat(gl).hasSize(d.size() * h);
  }

  @ParameterizedTest(name = "{0} layer {1}")
  @MethodSource("cellsAndLayers")
  void taylorScoreIsTheDerivativeOfTheLossWithRespectToAGainOnTheUnitAtEveryStep(GatedCell cell, int layer) {
    GatedRnn m = GatedTestData.random(cell, 2, HIDDEN, 3, 0.9, new SplittableRandom(5));
    SequenceDataset d = data(4, 6);
    GatedTarget t = new GatedTarget(layer);
    double[] a = t.activations(m, d);
    double[] score = Criteria.taylor(false).scores(t, m, d, a, new SplittableRandom(0));
    int h = HIDDEN[layer];
    int rows = a.length / h;
    double eps = 1e-6;
    for (int u = 0; u < h; u++) {
      double sum = 0;
      for (int s = 0; s < d.size(); s++) {
        double[] x = d.series().get(s);
        int y = d.labels()[s];
        sum += (GatedTestData.perturbedLoss(m, x, y, new Perturbation(layer, -1, u, 0, 1 + eps))
            - GatedTestData.perturbedLoss(m, x, y, new Perturbation(layer, -1, u, 0, 1 - eps))) / (2 * eps);
      }
      assertThat(score[u]).isCloseTo(Math.abs(sum / rows), within(1e-8));
    }
  }

  @Test
  void weightsAreReadInTheDocumentedOrder() {
    GatedRnn m = GatedNets.random(GatedCell.GRU, 2, new int[] {3, 2}, 2, 7);
    GatedTarget t0 = new GatedTarget(0);
    GatedLayer g = m.layer(0);
    // unit 1 of layer 0: rows 1, 4, 7 of W_ih (2 values each), then rows 1, 4, 7 of W_hh (3 values each)
    double[] in = t0.incomingWeights(m, 1);
    assertThat(in).hasSize(3 * (2 + 3));
    for (int blk = 0; blk < 3; blk++) {
      int row = blk * 3 + 1;
      for (int k = 0; k < 2; k++) assertThat(in[blk * 2 + k]).isEqualTo(g.wIh()[row * 2 + k]);
      for (int k = 0; k < 3; k++) assertThat(in[6 + blk * 3 + k]).isEqualTo(g.wHh()[row * 3 + k]);
    }
    // outgoing: column 1 of layer 0's W_hh (9 rows), then column 1 of layer 1's W_ih (6 rows)
    double[] out = t0.outgoingWeights(m, 1);
    assertThat(out).hasSize(9 + 6);
    for (int i = 0; i < 9; i++) assertThat(out[i]).isEqualTo(g.wHh()[i * 3 + 1]);
    for (int i = 0; i < 6; i++) assertThat(out[9 + i]).isEqualTo(m.layer(1).wIh()[i * 3 + 1]);
    // the last layer's next column is W_out's
    double[] out1 = new GatedTarget(1).outgoingWeights(m, 0);
    assertThat(out1).hasSize(6 + 2);
    for (int i = 0; i < 6; i++) assertThat(out1[i]).isEqualTo(m.layer(1).wHh()[i * 2]);
    for (int q = 0; q < 2; q++) assertThat(out1[6 + q]).isEqualTo(m.wOut()[q * 2]);
    assertThat(t0.parameterCount(m)).isEqualTo(m.parameterCount());
    assertThat(t0.hiddenSizes(m)).containsExactly(3, 2);
    assertThat(t0.layerIndex()).isZero();
    assertThat(t0.physical()).isTrue();
    assertThat(t0.removalKeepsActivations()).isFalse();
    assertThat(t0.describe(m)).isEqualTo("GRU layer 0 of 2 (3 units, structural removal, all time steps)");
    assertThat(new GatedTarget(1, RnnTarget.Mode.MASK, true).describe(GatedSurgery.mask(m, 1, new int[] {1})))
        .isEqualTo("GRU layer 1 of 2 (2 units, 1 masked; mask mode, the paper's variant, last step only)");
  }

  @Test
  void dataOrLayersThatDoNotFitTheModelAreBadInput() {
    GatedRnn m = GatedNets.random(GatedCell.LSTM, 2, HIDDEN, 2, 8);
    SequenceDataset ok = GatedTestData.randomData(3, 2, 2, 2, 4, new SplittableRandom(9));
    new GatedTarget(1).check(m, ok);
    assertThatThrownBy(() -> new GatedTarget(2).check(m, ok)).isInstanceOf(BadInputException.class)
        .hasMessage("recurrent layer 2 does not exist (the lstm Lstm[2, 5, 4, 2] has 2 layer(s), numbered from 0)");
    SequenceDataset oneInput = GatedTestData.randomData(3, 1, 2, 2, 4, new SplittableRandom(10));
    assertThatThrownBy(() -> new GatedTarget(0).check(m, oneInput)).isInstanceOf(BadInputException.class)
        .hasMessage("random: has 1 value(s) per time step but the lstm expects 2");
    SequenceDataset threeClasses = GatedTestData.randomData(30, 2, 3, 2, 4, new SplittableRandom(11));
    assertThatThrownBy(() -> new GatedTarget(0).check(m, threeClasses)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("but the lstm has only 2 classes");
    assertThatThrownBy(() -> new PruningSchedule(TO_FOUR).run(new GatedTarget(0), new DistinctivenessPruner(PrunerConfig.defaults()), m,
            oneInput, oneInput, null, null, 1))
        .isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> new GatedTarget(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new GatedTarget(0).rows(ok)).isEqualTo(3);
    assertThat(new GatedTarget(0).labels(ok)).isSameAs(ok.labels());
  }

  @ParameterizedTest(name = "{0} layer {1}")
  @MethodSource("cellsAndLayers")
  void thePrunerFindsThePlantedCloneFirstAndItsMergeIsExact(GatedCell cell, int layer) {
    GatedRnn planted = GatedNets.withClone(GatedNets.random(cell, 2, HIDDEN, 3, 21 + layer), layer, 1, 0.6);
    SequenceDataset d = data(10, 22);
    int j = HIDDEN[layer];
    for (PrunerConfig cfg : new PrunerConfig[] {
        PrunerConfig.defaults().withThresholds(1e-3, 179.999), PrunerConfig.defaults().withOrder(PairOrder.SMALLEST_ANGLE)}) {
      PruneResult<GatedRnn> r = new DistinctivenessPruner(cfg).step(new GatedTarget(layer), planted, d, 1, false, null, null);
      assertThat(r.actions()).hasSize(1);
      PruneAction a = r.actions().get(0);
      assertThat(a.kind()).isEqualTo(PruneAction.Kind.SIMILAR_MERGE);
      assertThat(new int[] {a.kept(), a.removed()[0]}).containsExactlyInAnyOrder(1, j);
      assertThat(Math.abs(a.beta())).isLessThanOrEqualTo(1e-14);
      assertThat(r.model().layer(layer).hiddenSize()).isEqualTo(HIDDEN[layer]);
      assertThat(RnnNets.maxAbsDiff(r.model().logits(d), planted.logits(d))).isLessThanOrEqualTo(1e-12);
    }
  }

  @ParameterizedTest(name = "{0} layer {1} {2}")
  @MethodSource("cellsLayersAndModes")
  void everyBaselineCriterionRunsAndSkipsMaskedUnits(GatedCell cell, int layer, RnnTarget.Mode mode) {
    GatedRnn m = GatedNets.random(cell, 2, new int[] {6, 6}, 3, 31 + layer);
    SequenceDataset train = data(8, 32);
    SequenceDataset test = data(6, 33);
    GatedTarget t = new GatedTarget(layer, mode, false);
    for (String name : Criteria.NAMES) {
      ScheduleResult<GatedRnn> r = new PruningSchedule(new ScheduleConfig(2, 2, Double.POSITIVE_INFINITY, false, 0, null))
          .run(t, new CriterionPruner(Criteria.parse(name)), m, train, test, null, null, 7);
      assertThat(r.steps()).as(name).hasSize(3);
      Set<Integer> gone = new HashSet<>();
      for (ScheduleStep<GatedRnn> s : r.steps()) {
        for (PruneAction a : s.actions()) {
          assertThat(a.kind()).isEqualTo(PruneAction.Kind.CRITERION_REMOVE);
          assertThat(gone.add(a.removed()[0])).as("%s removes each unit once", name).isTrue();
        }
        GatedRnn sm = s.model();
        int expect = mode == RnnTarget.Mode.STRUCTURAL ? 6 - 2 * s.step() : 6;
        assertThat(sm.layer(layer).hiddenSize()).isEqualTo(expect);
        assertThat(sm.layer(1 - layer).hiddenSize()).isEqualTo(6);
        for (int u : gone) if (mode == RnnTarget.Mode.MASK) assertThat(t.active(sm, u)).isFalse();
        assertThat(s.metrics().loss()).isEqualTo(evaluate(sm, test).loss());
      }
      assertThat(gone).hasSize(4);
    }
  }

  private static ClassificationMetrics evaluate(GatedRnn m, SequenceDataset d) {
    return ClassificationMetrics.fromLogits(m.logits(d), d.labels(), d.size(), m.numClasses());
  }

  @ParameterizedTest(name = "{0} layer {1}")
  @MethodSource("cellsAndLayers")
  void structuralScheduleMergesTheCloneFirstShrinksEveryStepAndIsReproducible(GatedCell cell, int layer) {
    GatedRnn planted = GatedNets.withClone(GatedNets.random(cell, 2, new int[] {6, 6}, 3, 41 + layer), layer, 4, 0.5);
    SequenceDataset train = data(10, 42);
    SequenceDataset test = data(6, 43);
    GatedRnn before = planted.copy();
    DistinctivenessPruner p = new DistinctivenessPruner(PrunerConfig.defaults().withOrder(PairOrder.SMALLEST_ANGLE));
    GatedTarget t = new GatedTarget(layer);
    ScheduleResult<GatedRnn> r = new PruningSchedule(TO_THREE).run(t, p, planted, train, test, null, null, 5);
    assertThat(r.steps().size()).as("at least two pruning steps").isGreaterThanOrEqualTo(3);
    PruneAction first = r.steps().get(1).actions().get(0);
    assertThat(new int[] {first.kept(), first.removed()[0]}).containsExactlyInAnyOrder(4, 6);
    int prevUnits = Integer.MAX_VALUE;
    int prevParams = Integer.MAX_VALUE;
    Set<Integer> gone = new HashSet<>();
    for (ScheduleStep<GatedRnn> s : r.steps()) {
      int units = 7 - s.unitsRemoved();
      assertThat(units).as("step %d shrinks the layer", s.step()).isLessThan(prevUnits).isGreaterThanOrEqualTo(3);
      prevUnits = units;
      assertThat(s.model().layer(layer).hiddenSize()).isEqualTo(units);
      assertThat(s.model().layer(1 - layer).hiddenSize()).isEqualTo(6);
      assertThat(s.hiddenSizes()[layer]).isEqualTo(units);
      assertThat(s.parameterCount()).isEqualTo(s.model().parameterCount()).isLessThan(prevParams);
      prevParams = s.parameterCount();
      assertThat(s.survivors()).hasSize(units).isSorted();
      for (PruneAction a : s.actions()) for (int u : a.removed()) assertThat(gone.add(u)).isTrue();
      for (int u : s.survivors()) assertThat(gone).doesNotContain(u);
      assertThat(s.metrics().loss()).isEqualTo(evaluate(s.model(), test).loss());
    }
    assertThat(r.stop()).isEqualTo(ScheduleResult.StopReason.UNTIL_UNITS);
    assertThat(prevUnits).isEqualTo(3);
    // the clone's merge is exact: step 1's model computes what the planted one does, up to the second pair
    GatedRnn onlyClone = GatedSurgery.merge(planted, layer, first.kept(), first.removed()[0], 1.0, first.beta());
    assertThat(RnnNets.maxAbsDiff(onlyClone.logits(test), planted.logits(test))).isLessThanOrEqualTo(1e-12);
    assertThat(planted).isEqualTo(before);
    ScheduleResult<GatedRnn> again = new PruningSchedule(TO_THREE).run(t, p, planted, train, test, null, null, 5);
    for (int s = 0; s < r.steps().size(); s++) {
      assertThat(again.steps().get(s).pairs()).isEqualTo(r.steps().get(s).pairs());
      assertThat(again.steps().get(s).model()).isEqualTo(r.steps().get(s).model());
    }
  }

  @ParameterizedTest(name = "{0} layer {1}")
  @MethodSource("cellsAndLayers")
  void maskScheduleKeepsDimensionsAndNeverChoosesAMaskedUnitAgain(GatedCell cell, int layer) {
    GatedRnn planted = GatedNets.withClone(GatedNets.random(cell, 2, new int[] {6, 6}, 3, 51 + layer), layer, 2, 0.5);
    SequenceDataset train = data(10, 52);
    SequenceDataset test = data(6, 53);
    GatedTarget t = new GatedTarget(layer, RnnTarget.Mode.MASK, false);
    DistinctivenessPruner p = new DistinctivenessPruner(PrunerConfig.defaults().withOrder(PairOrder.FEWEST_PARTNERS));
    ScheduleResult<GatedRnn> r = new PruningSchedule(TO_THREE).run(t, p, planted, train, test, null, null, 6);
    assertThat(r.steps().size()).as("at least two pruning steps").isGreaterThanOrEqualTo(3);
    assertThat(r.target()).contains("mask");
    Set<Integer> gone = new HashSet<>();
    for (ScheduleStep<GatedRnn> s : r.steps()) {
      assertThat(s.model().sizes()).containsExactly(planted.sizes());
      assertThat(s.parameterCount()).isEqualTo(planted.parameterCount());
      for (PruneAction a : s.actions()) for (int u : a.removed()) assertThat(gone.add(u)).as("unit %d masked twice", u).isTrue();
      assertThat(gone).hasSize(s.unitsRemoved());
      if (s.step() > 0) assertThat(s.actions()).isNotEmpty();
      for (int u : s.survivors()) assertThat(gone).doesNotContain(u);
      for (int u = 0; u < 7; u++) assertThat(t.active(s.model(), u)).isEqualTo(!gone.contains(u));
      assertThat(s.survivors()).hasSize(7 - gone.size());
      assertThat(GatedSurgery.activeParameterCount(s.model())).isLessThanOrEqualTo(planted.parameterCount());
      assertThat(s.metrics().loss()).isEqualTo(evaluate(s.model(), test).loss());
    }
    assertThat(r.stop()).isEqualTo(ScheduleResult.StopReason.UNTIL_UNITS);
    assertThat(gone).hasSize(4);
    // the outgoing weights were left where they were (the paper's procedure)
    assertThat(GatedNets.consumer(r.last().model(), layer)).containsExactly(GatedNets.consumer(planted, layer));
  }
}
