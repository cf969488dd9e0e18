package org.distinct.prune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.distinct.data.SequenceDataset;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.model.ElmanRnn;
import org.junit.jupiter.api.Test;

/** The progressive schedule, orders and baselines run unchanged on the RNN, in both modes. */
class RnnPruningScheduleTest {
  private static final SequenceDataset TRAIN = RnnNets.data(30, 81);
  private static final SequenceDataset TEST = RnnNets.data(18, 82);
  private static final ElmanRnn MODEL = RnnNets.trained(10, 83);
  /** Two units per step, three steps (10 → 4 units), forced, no timing. */
  private static final ScheduleConfig THREE_STEPS = new ScheduleConfig(2, 4, Double.POSITIVE_INFINITY, true, 0, null);

  private static ClassificationMetrics evaluate(ElmanRnn m) {
    return ClassificationMetrics.fromLogits(m.logits(TEST), TEST.labels(), TEST.size(), m.numClasses());
  }

  /** Minimum angle among active, non-constant units, computed directly from the model's hidden states. */
  private static double minAngleOfActive(RnnTarget t, ElmanRnn m, AngleConfig cfg) {
    int h = m.hiddenSize();
    double[] a = m.hiddenStates(TRAIN, false);
    AngleResult ar = ActivationAngles.compute(a, a.length / h, h, t.activation(m), cfg);
    double min = Double.NaN;
    for (int i = 0; i < h; i++)
      for (int j = i + 1; j < h; j++) {
        if (!t.active(m, i) || !t.active(m, j) || ar.constant()[i] || ar.constant()[j]) continue;
        if (Double.isNaN(min) || ar.angle(i, j) < min) min = ar.angle(i, j);
      }
    return min;
  }

  @Test
  void structuralScheduleShrinksTheRnnEveryStepAndIsReproducible() {
    ElmanRnn before = MODEL.copy();
    RnnTarget t = new RnnTarget();
    DistinctivenessPruner p = new DistinctivenessPruner(PrunerConfig.defaults());
    ScheduleResult<ElmanRnn> r = new PruningSchedule(THREE_STEPS).run(t, p, MODEL, TRAIN, TEST, null, null, 5);
    assertThat(r.steps()).hasSize(4);
    assertThat(r.stop()).isEqualTo(ScheduleResult.StopReason.UNTIL_UNITS);
    int prevParams = Integer.MAX_VALUE;
    Set<Integer> gone = new HashSet<>();
    for (ScheduleStep<ElmanRnn> s : r.steps()) {
      int units = 10 - 2 * s.step();
      assertThat(s.hiddenSizes()).containsExactly(units);
      assertThat(s.model().hiddenSize()).isEqualTo(units);
      assertThat(s.unitsRemoved()).isEqualTo(2 * s.step());
      assertThat(s.parameterCount()).isEqualTo(s.model().parameterCount()).isLessThan(prevParams);
      prevParams = s.parameterCount();
      assertThat(s.survivors()).hasSize(units).isSorted();
      for (PruneAction a : s.actions()) for (int u : a.removed()) assertThat(gone.add(u)).isTrue();
      for (int u : s.survivors()) assertThat(gone).doesNotContain(u);
      ClassificationMetrics m = evaluate(s.model());
      assertThat(s.metrics().loss()).isEqualTo(m.loss());
      assertThat(s.metrics().accuracy()).isEqualTo(m.accuracy());
      assertThat(s.minAngleDeg()).isEqualTo(minAngleOfActive(t, s.model(), p.config().angleConfig()));
    }
    assertThat(r.steps().get(0).pairs()).isEmpty();
    assertThat(r.steps().get(1).pairs()).isNotEmpty();
    assertThat(MODEL).isEqualTo(before);
    // same seed, same bits
    ScheduleResult<ElmanRnn> again = new PruningSchedule(THREE_STEPS).run(t, p, MODEL, TRAIN, TEST, null, null, 5);
    for (int s = 0; s < 4; s++) {
      assertThat(again.steps().get(s).pairs()).isEqualTo(r.steps().get(s).pairs());
      assertThat(again.steps().get(s).model()).isEqualTo(r.steps().get(s).model());
    }
  }

  @Test
  void maskScheduleKeepsDimensionsAndNeverTouchesMaskedUnitsAgain() {
    RnnTarget t = new RnnTarget(RnnTarget.Mode.MASK);
    DistinctivenessPruner p = new DistinctivenessPruner(PrunerConfig.defaults().withOrder(PairOrder.FEWEST_PARTNERS));
    ScheduleResult<ElmanRnn> r = new PruningSchedule(THREE_STEPS).run(t, p, MODEL, TRAIN, TEST, null, null, 6);
    assertThat(r.steps()).hasSize(4);
    assertThat(r.target()).contains("mask");
    Set<Integer> gone = new HashSet<>();
    for (ScheduleStep<ElmanRnn> s : r.steps()) {
      assertThat(s.hiddenSizes()).containsExactly(10);
      assertThat(s.model().hiddenSize()).isEqualTo(10);
      assertThat(s.parameterCount()).isEqualTo(MODEL.parameterCount());
      // survivors list the active units (the schedule's convention), the storage keeps all 10
      assertThat(s.survivors()).hasSize(10 - 2 * s.step());
      for (PruneAction a : s.actions()) for (int u : a.removed()) assertThat(gone.add(u)).isTrue();
      for (int u : s.survivors()) assertThat(gone).doesNotContain(u);
      int masked = 0;
      for (int u = 0; u < 10; u++) {
        assertThat(t.active(s.model(), u)).isEqualTo(!gone.contains(u));
        if (!t.active(s.model(), u)) masked++;
      }
      assertThat(masked).isEqualTo(2 * s.step());
      assertThat(RnnSurgery.activeParameterCount(s.model())).isLessThanOrEqualTo(MODEL.parameterCount());
      assertThat(s.metrics().loss()).isEqualTo(evaluate(s.model()).loss());
      assertThat(s.minAngleDeg()).isEqualTo(minAngleOfActive(t, s.model(), p.config().angleConfig()));
    }
    // the outgoing weights were left where they were (the paper's procedure)
    assertThat(r.steps().get(3).model().wOut()).containsExactly(MODEL.wOut());
  }

  @Test
  void baselineCriteriaRunOnTheRnnInBothModesAndSkipMaskedUnits() {
    for (RnnTarget.Mode mode : RnnTarget.Mode.values()) {
      RnnTarget t = new RnnTarget(mode);
      for (PruningCriterion c : new PruningCriterion[] {Criteria.magnitudeIn(), Criteria.taylor(false)}) {
        ScheduleResult<ElmanRnn> r = new PruningSchedule(new ScheduleConfig(2, 6, Double.POSITIVE_INFINITY, false, 0, null))
            .run(t, new CriterionPruner(c), MODEL, TRAIN, TEST, null, null, 7);
        assertThat(r.steps()).hasSize(3);
        Set<Integer> gone = new HashSet<>();
        for (ScheduleStep<ElmanRnn> s : r.steps())
          for (PruneAction a : s.actions()) {
            assertThat(a.kind()).isEqualTo(PruneAction.Kind.CRITERION_REMOVE);
            assertThat(gone.add(a.removed()[0])).isTrue();
          }
        assertThat(gone).hasSize(4);
        ElmanRnn last = r.steps().get(2).model();
        assertThat(last.hiddenSize()).isEqualTo(mode == RnnTarget.Mode.STRUCTURAL ? 6 : 10);
      }
    }
  }

  @Test
  void fineTuningAfterEachStructuralStepKeepsTheSmallerShape() {
    Finetuner<ElmanRnn> ft = Finetuner.of(org.distinct.train.RnnTestData.trainer(org.distinct.train.RnnTestData.config(10, 0.01, 8, 1, 0, 1)), TRAIN, null);
    ScheduleConfig sc = new ScheduleConfig(2, 6, Double.POSITIVE_INFINITY, true, 2, null);
    DistinctivenessPruner p = new DistinctivenessPruner(PrunerConfig.defaults());
    ScheduleResult<ElmanRnn> r = new PruningSchedule(sc).run(new RnnTarget(), p, MODEL, TRAIN, TEST, null, ft, 9);
    assertThat(r.steps()).hasSize(3);
    ElmanRnn last = r.steps().get(2).model();
    assertThat(last.hiddenSize()).isEqualTo(6);
    // the step's model is the fine-tuned one: not the bare surgery result
    ElmanRnn bare = p.step(new RnnTarget(), r.steps().get(1).model(), TRAIN, 2, true, null, null).model();
    assertThat(last).isNotEqualTo(bare);
    assertThat(last.hiddenSize()).isEqualTo(bare.hiddenSize());
  }
}
