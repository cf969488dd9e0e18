package org.distinct.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.BadInputException;
import org.distinct.data.Dataset;
import org.distinct.eval.ExecutionTimer;
import org.distinct.model.Mlp;
import org.junit.jupiter.api.Test;
import org.distinct.util.Indices;

class PruningScheduleTest {
  private static final ScheduleConfig NO_TIMING = ScheduleConfig.defaults().withTiming(null);

  static Mlp withTwoClones(long seed) {
    Mlp m = MlpSurgeryTest.trained(8, 10, 3, seed);
    m = Nets.plantRow(m, 0, 3, 8, 1.0, 0.0);
    return Nets.plantRow(m, 0, 5, 9, 1.0, 0.0);
  }

  @Test
  void exactMergesKeepMetricsAndShrinkTheModel() {
    Mlp m = withTwoClones(101);
    Mlp before = m.copy();
    SplittableRandom rng = new SplittableRandom(102);
    Dataset train = Nets.dataset("train", 120, 8, 3, rng);
    Dataset test = Nets.dataset("test", 58, 8, 3, rng);
    DistinctivenessPruner p = new DistinctivenessPruner(PrunerConfig.defaults().withThresholds(1e-3, 179.999));
    ScheduleResult<Mlp> r = new PruningSchedule(ScheduleConfig.defaults().withTiming(ExecutionTimer.Config.fixed(1, 3)))
        .run(p, m, 0, train, test, null, null, 1);
    assertThat(r.steps()).hasSize(2);
    ScheduleStep<Mlp> s0 = r.steps().get(0), s1 = r.steps().get(1);
    assertThat(s0.pairs()).isEmpty();
    assertThat(s0.pairsText()).isEqualTo("none");
    assertThat(s0.minAngleDeg()).isLessThanOrEqualTo(1e-6);
    assertThat(s1.pairs()).containsExactlyInAnyOrder("(3->8)", "(5->9)");
    assertThat(s1.unitsRemoved()).isEqualTo(2);
    assertThat(s1.hiddenSizes()).containsExactly(8);
    assertThat(s1.parameterCount()).isEqualTo(m.parameterCount() - 2 * (8 + 1 + 3));
    assertThat(s1.survivors()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(s1.metrics().loss()).isCloseTo(s0.metrics().loss(), within(1e-12));
    assertThat(s1.metrics().accuracy()).isEqualTo(s0.metrics().accuracy());
    assertThat(s1.minAngleDeg()).isGreaterThan(1e-3);
    assertThat(s1.timing().repeats()).isEqualTo(3);
    assertThat(r.stop()).isEqualTo(ScheduleResult.StopReason.NO_PAIR);
    assertThat(r.stopMessage()).contains("no pair passes");
    // the schedule's angles are those of `distinct angles`
    AngleResult direct = ActivationAngles.forLayer(m, 0, train, p.config().angleConfig());
    assertThat(r.initialAngles().anglesDeg()).containsExactly(direct.anglesDeg());
    assertThat(m).isEqualTo(before);
  }

  @Test
  void criteriaRunUntilTheRequestedSize() {
    Mlp m = MlpSurgeryTest.trained(6, 10, 3, 111);
    SplittableRandom rng = new SplittableRandom(112);
    Dataset train = Nets.dataset("train", 80, 6, 3, rng);
    Dataset test = Nets.dataset("test", 30, 6, 3, rng);
    for (String name : Criteria.NAMES) {
      ScheduleResult<Mlp> r = new PruningSchedule(NO_TIMING.withUntilUnits(5))
          .run(Criteria.method(name, PrunerConfig.defaults()), m, 0, train, test, null, null, 7);
      assertThat(r.steps()).extracting(ScheduleStep::unitsRemoved).containsExactly(0, 2, 4, 5);
      assertThat(r.steps()).extracting(s -> s.hiddenSizes()[0]).containsExactly(10, 8, 6, 5);
      assertThat(r.stop()).isEqualTo(ScheduleResult.StopReason.UNTIL_UNITS);
      assertThat(r.method()).isEqualTo(name);
      assertThat(r.last().timing()).isNull();
      // every removed original index appears once
      List<Integer> gone = new ArrayList<>();
      for (ScheduleStep<Mlp> s : r.steps()) for (PruneAction a : s.actions()) for (int u : a.removed()) gone.add(u);
      assertThat(gone).doesNotHaveDuplicates().hasSize(5);
      for (int u : r.last().survivors()) assertThat(gone).doesNotContain(u);
    }
    ScheduleResult<Mlp> a = new PruningSchedule(NO_TIMING).run(new CriterionPruner(Criteria.random()), m, 0, train, test, null, null, 5);
    ScheduleResult<Mlp> b = new PruningSchedule(NO_TIMING).run(new CriterionPruner(Criteria.random()), m, 0, train, test, null, null, 5);
    assertThat(a.steps()).extracting(ScheduleStep::pairs).isEqualTo(b.steps().stream().map(ScheduleStep::pairs).toList());
  }

  @Test
  void forceContinuesBeyondTheThresholdsAndMarksSteps() {
    Mlp m = MlpSurgeryTest.trained(6, 8, 3, 121);
    SplittableRandom rng = new SplittableRandom(122);
    Dataset train = Nets.dataset("train", 80, 6, 3, rng);
    Dataset test = Nets.dataset("test", 30, 6, 3, rng);
    DistinctivenessPruner p = new DistinctivenessPruner(PrunerConfig.defaults().withThresholds(0.0, 180.0));
    ScheduleResult<Mlp> unforced = new PruningSchedule(NO_TIMING).run(p, m, 0, train, test, null, null, 1);
    assertThat(unforced.steps()).hasSize(1);
    ScheduleResult<Mlp> forced = new PruningSchedule(NO_TIMING.withForce(true).withUntilUnits(2)).run(p, m, 0, train, test, null, null, 1);
    assertThat(forced.last().hiddenSizes()).containsExactly(2);
    assertThat(forced.steps().subList(1, forced.steps().size())).allMatch(ScheduleStep::beyondThreshold);
    assertThat(forced.steps().get(1).pairs()).allMatch(s -> s.endsWith("*"));
  }

  @Test
  void lossLimitStopsBeforeTheFirstStepAboveIt() {
    Mlp m = MlpSurgeryTest.trained(6, 10, 3, 131);
    SplittableRandom rng = new SplittableRandom(132);
    Dataset train = Nets.dataset("train", 80, 6, 3, rng);
    Dataset test = Nets.dataset("test", 30, 6, 3, rng);
    Dataset val = Nets.dataset("val", 30, 6, 3, rng);
    PruningMethod method = new CriterionPruner(Criteria.variance());
    ScheduleResult<Mlp> all = new PruningSchedule(NO_TIMING).run(method, m, 0, train, test, val, null, 3);
    double base = all.steps().get(0).validationLoss();
    for (double limit : new double[] {0.0, 0.01, 0.05, 0.2}) {
      int expected = 1;
      while (expected < all.steps().size() && all.steps().get(expected).validationLoss() - base <= limit) expected++;
      ScheduleResult<Mlp> r = new PruningSchedule(NO_TIMING.withMaxLossIncrease(limit)).run(method, m, 0, train, test, val, null, 3);
      assertThat(r.steps()).as("limit %s", limit).hasSize(expected);
      for (ScheduleStep<Mlp> s : r.steps()) assertThat(s.validationLoss() - base).isLessThanOrEqualTo(limit);
      if (expected < all.steps().size()) assertThat(r.stop()).isEqualTo(ScheduleResult.StopReason.LOSS_LIMIT);
    }
  }

  @Test
  void finetunerRunsAfterEveryStep() {
    Mlp m = MlpSurgeryTest.trained(6, 8, 3, 141);
    SplittableRandom rng = new SplittableRandom(142);
    Dataset train = Nets.dataset("train", 80, 6, 3, rng);
    Dataset test = Nets.dataset("test", 30, 6, 3, rng);
    List<long[]> calls = new ArrayList<>();
    Finetuner<Mlp> f = (model, epochs, seed) -> {
      calls.add(new long[] {epochs, seed, model.layer(0).out()});
      return model;
    };
    ScheduleResult<Mlp> r = new PruningSchedule(NO_TIMING.withFinetuneEpochs(3).withUntilUnits(4))
        .run(new CriterionPruner(Criteria.magnitudeOut()), m, 0, train, test, null, f, 9);
    assertThat(calls).hasSize(2);
    assertThat(calls).extracting(c -> c[0]).containsOnly(3L);
    assertThat(calls).extracting(c -> c[2]).containsExactly(6L, 4L);
    assertThat(calls.get(0)[1]).isNotEqualTo(calls.get(1)[1]);
    assertThat(r.steps()).hasSize(3);
  }

  @Test
  void restrictedAnglesAreBitwiseTheRecomputedOnes() {
    Mlp m = MlpSurgeryTest.trained(6, 12, 3, 161);
    Dataset train = Nets.dataset("train", 90, 6, 3, new SplittableRandom(162));
    for (Centring c : new Centring[] {Centring.natural(), Centring.midrange()}) {
      DistinctivenessPruner p = new DistinctivenessPruner(PrunerConfig.defaults().withCentring(c).withThresholds(20, 160));
      AngleResult before = ActivationAngles.forLayer(m, 0, train, p.config().angleConfig());
      PruneResult<Mlp> r = p.step(new MlpTarget(0), m, before, 5, true, null);
      AngleResult restricted = before.restrict(PruningSchedule.currentIndices(Indices.identity(12), r.survivors()));
      AngleResult again = ActivationAngles.forLayer(r.model(), 0, train, p.config().angleConfig());
      assertThat(restricted.units()).isEqualTo(7);
      assertThat(restricted.anglesDeg()).containsExactly(again.anglesDeg());
      assertThat(restricted.activations()).containsExactly(again.activations());
      assertThat(restricted.means()).containsExactly(again.means());
      assertThat(restricted.centres()).containsExactly(again.centres());
      assertThat(restricted.variances()).containsExactly(again.variances());
      assertThat(restricted.centredNorms()).containsExactly(again.centredNorms());
      assertThat(restricted.similar()).isEqualTo(again.similar());
      assertThat(restricted.complementary()).isEqualTo(again.complementary());
      assertThat(Double.compare(restricted.minAngleDeg(), again.minAngleDeg())).isZero();
    }
    // the schedule gives the same rows whether it restricts or recomputes (identity fine-tuning forces a recompute)
    Dataset test = Nets.dataset("test", 30, 6, 3, new SplittableRandom(163));
    DistinctivenessPruner p = new DistinctivenessPruner(PrunerConfig.defaults());
    ScheduleConfig cfg = NO_TIMING.withForce(true).withUntilUnits(3);
    ScheduleResult<Mlp> fast = new PruningSchedule(cfg).run(p, m, 0, train, test, null, null, 1);
    ScheduleResult<Mlp> slow = new PruningSchedule(cfg.withFinetuneEpochs(1)).run(p, m, 0, train, test, null, (x, e, s) -> x, 1);
    assertThat(fast.steps()).extracting(ScheduleStep::pairs).isEqualTo(slow.steps().stream().map(ScheduleStep::pairs).toList());
    assertThat(fast.steps()).extracting(ScheduleStep::minAngleDeg)
        .isEqualTo(slow.steps().stream().map(ScheduleStep::minAngleDeg).toList());
  }

  @Test
  void realFinetuningChangesTheModelsButNotTheirShape() {
    Mlp m = MlpSurgeryTest.trained(6, 8, 3, 171);
    SplittableRandom rng = new SplittableRandom(172);
    Dataset train = Nets.dataset("train", 60, 6, 3, rng);
    Dataset test = Nets.dataset("test", 20, 6, 3, rng);
    PruningMethod p = new CriterionPruner(Criteria.magnitudeIn());
    ScheduleConfig cfg = NO_TIMING.withUntilUnits(4);
    ScheduleResult<Mlp> plain = new PruningSchedule(cfg).run(p, m, 0, train, test, null, null, 1);
    Finetuner<Mlp> ft = Finetuner.of(new org.distinct.train.MlpTrainer(org.distinct.train.MlpTrainConfig.defaults().withBatchSize(16)), train, null);
    ScheduleResult<Mlp> tuned = new PruningSchedule(cfg.withFinetuneEpochs(2)).run(p, m, 0, train, test, null, ft, 1);
    ScheduleResult<Mlp> again = new PruningSchedule(cfg.withFinetuneEpochs(2)).run(p, m, 0, train, test, null, ft, 1);
    assertThat(tuned.steps()).extracting(s -> s.hiddenSizes()[0]).containsExactly(8, 6, 4);
    assertThat(tuned.steps().get(1).model()).isNotEqualTo(plain.steps().get(1).model());
    assertThat(tuned.last().model()).isEqualTo(again.last().model());
    assertThat(tuned.steps().get(0).metrics().loss()).isEqualTo(plain.steps().get(0).metrics().loss());
  }

  @Test
  void badInput() {
    Mlp m = MlpSurgeryTest.trained(6, 4, 3, 151);
    SplittableRandom rng = new SplittableRandom(152);
    Dataset train = Nets.dataset("train", 20, 6, 3, rng);
    Dataset narrow = Nets.dataset("narrow.csv", 20, 5, 3, rng);
    PruningMethod p = new DistinctivenessPruner(PrunerConfig.defaults());
    assertThatThrownBy(() -> new PruningSchedule(NO_TIMING.withUntilUnits(4)).run(p, m, 0, train, train, null, null, 1))
        .isInstanceOf(BadInputException.class).hasMessageContaining("down to 4 units: it has only 4");
    assertThatThrownBy(() -> new PruningSchedule(NO_TIMING).run(p, m, 0, train, narrow, null, null, 1))
        .isInstanceOf(BadInputException.class).hasMessage("narrow.csv: has 5 feature columns but the model expects 6 inputs (1 missing)");
    assertThatThrownBy(() -> new PruningSchedule(NO_TIMING.withMaxLossIncrease(0.1)).run(p, m, 0, train, train, null, null, 1))
        .isInstanceOf(BadInputException.class).hasMessageContaining("needs a validation set");
    assertThatThrownBy(() -> new PruningSchedule(NO_TIMING).run(p, m, 1, train, train, null, null, 1))
        .isInstanceOf(BadInputException.class).hasMessageContaining("hidden layer 1 does not exist");
    assertThatThrownBy(() -> NO_TIMING.withUntilUnits(0)).isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> NO_TIMING.withStep(0)).isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> NO_TIMING.withMaxLossIncrease(-1)).isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> PrunerConfig.defaults().withThresholds(30, 20)).isInstanceOf(BadInputException.class);
  }
}
