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
import org.distinct.model.Conv1d;
import org.distinct.model.Conv1dLayer;
import org.distinct.train.Conv1dReference;
import org.distinct.train.GatedTestData;
import org.distinct.train.RnnReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Conv1dTarget}: activation rows, centring, loss gradients and the Taylor score (finite differences of a gain),
 * weight order and checks; and the generic machinery ({@link DistinctivenessPruner}, every baseline of
 * {@link Criteria}, {@link PruningSchedule}) running on Conv1D networks.
 */
class Conv1dTargetTest {
  /** Two channels per step down to 3, forced, no timing. */
  private static final ScheduleConfig TO_THREE = new ScheduleConfig(2, 3, Double.POSITIVE_INFINITY, true, 0, null);

  static List<Arguments> layersPoolsActivations() {
    List<Arguments> a = new ArrayList<>();
    for (int l = 0; l < 2; l++)
      for (Conv1d.Pool p : Conv1d.Pool.values()) for (Activation f : new Activation[] {Activation.RELU, Activation.TANH}) a.add(Arguments.of(l, p, f));
    return a;
  }

  /** A network of two layers of 6 channels each. */
  private static Conv1d six(Activation act, Conv1d.Pool pool, long seed) {
    Conv1d.Spec spec = org.distinct.train.Conv1dTestData.spec(act, pool, new int[] {3, 4}, new int[] {1, 2}, new int[] {1, 2});
    return org.distinct.train.Conv1dTestData.random(2, new int[] {6, 6}, 3, spec, 0.8, new SplittableRandom(seed));
  }

  @ParameterizedTest(name = "layer {0} {1} {2}")
  @MethodSource("layersPoolsActivations")
  void activationRowsAreEveryPositionOfEverySequenceAndCentredByTheActivation(int layer, Conv1d.Pool pool, Activation act) {
    Conv1d m = Conv1dNets.random(act, pool, 2, 1);
    SequenceDataset d = Conv1dNets.data(5, 2, 2);
    Conv1dTarget t = new Conv1dTarget(layer);
    double[] a = t.activations(m, d);
    int h = t.units(m);
    int rows = 0;
    for (int s = 0; s < d.size(); s++) {
      double[] ref = Conv1dReference.forward(m, d.series().get(s)).activations().get(layer);
      for (int i = 0; i < ref.length; i++) assertThat(a[rows * h + i]).isCloseTo(ref[i], within(1e-12));
      rows += ref.length / h;
      assertThat(ref.length / h).isEqualTo(m.outputLengths(d.length(s))[layer]);
    }
    assertThat(a).hasSize(rows * h);
    assertThat(t.activation(m)).isEqualTo(act);
    Centring used = Centring.natural().resolve(t.activation(m));
    if (act == Activation.TANH) assertThat(used).isEqualTo(Centring.fixed(0));
    else assertThat(used.kind()).isEqualTo(Centring.Kind.MIDRANGE);
    AngleResult ang = ActivationAngles.compute(a, rows, h, t.activation(m), AngleConfig.defaults());
    assertThat(ang.centringUsed()).isEqualTo(used);
  }

  @ParameterizedTest(name = "layer {0} {1} {2}")
  @MethodSource("layersPoolsActivations")
  void lossGradientsAreThePerSequenceDerivativesAndTaylorIsTheDerivativeOfAGain(int layer, Conv1d.Pool pool, Activation act) {
    Conv1d m = Conv1dNets.random(act, pool, 2, 3);
    SequenceDataset d = Conv1dNets.data(5, 2, 4);
    Conv1dTarget t = new Conv1dTarget(layer);
    double[] g = t.lossGradients(m, d);
    assertThat(g).hasSameSizeAs(t.activations(m, d)).isEqualTo(Conv1dReference.activationGradients(m, d.series(), d.labels(), layer));
    // taylor: |(1/N) Σ_rows a·g| = |d mean-over-rows... / dγ| for a gain γ on the channel's output, i.e. on its outgoing weights
    int h = t.units(m);
    int rows = g.length / h;
    double[] score = Criteria.taylor(false).scores(t, m, d, t.activations(m, d), new SplittableRandom(1));
    double eps = 1e-6;
    for (int u = 0; u < h; u++) {
      double sum = 0;
      for (int s = 0; s < d.size(); s++) {
        double[] x = d.series().get(s);
        int y = d.labels()[s];
        sum += (RnnReference.crossEntropy(Conv1dReference.forward(gain(m, layer, u, 1 + eps), x).logits(), y)
            - RnnReference.crossEntropy(Conv1dReference.forward(gain(m, layer, u, 1 - eps), x).logits(), y)) / (2 * eps);
      }
      assertThat(score[u]).isCloseTo(Math.abs(sum / rows), within(1e-8));
    }
  }

  /** The network with channel u's outgoing weights multiplied by γ (a gain on its output at every position). */
  private static Conv1d gain(Conv1d m, int layer, int u, double gamma) {
    Conv1d c = m.copy();
    int h = c.layer(layer).out();
    if (layer == c.layerCount() - 1) {
      for (int k = 0; k < c.numClasses(); k++) c.wOut()[k * h + u] *= gamma;
    } else {
      Conv1dLayer n = c.layer(layer + 1);
      for (int o = 0; o < n.out(); o++) for (int j = 0; j < n.kernel(); j++) n.w()[(o * h + u) * n.kernel() + j] *= gamma;
    }
    return c;
  }

  @Test
  void weightsAreReadInTheDocumentedOrder() {
    Conv1d m = Conv1dNets.random(Activation.RELU, Conv1d.Pool.AVG, 2, 5);
    Conv1dTarget t0 = new Conv1dTarget(0);
    // incoming of layer 0 channel 1: its filter, input channel by input channel, tap by tap
    double[] in = t0.incomingWeights(m, 1);
    assertThat(in).hasSize(2 * 3);
    for (int c = 0; c < 2; c++) for (int j = 0; j < 3; j++) assertThat(in[c * 3 + j]).isEqualTo(m.layer(0).w()[(1 * 2 + c) * 3 + j]);
    // outgoing: the slice w1[:, 1, :] (5 output channels × 4 taps)
    double[] out = t0.outgoingWeights(m, 1);
    assertThat(out).hasSize(5 * 4);
    for (int o = 0; o < 5; o++) for (int j = 0; j < 4; j++) assertThat(out[o * 4 + j]).isEqualTo(m.layer(1).w()[(o * 4 + 1) * 4 + j]);
    // the last layer's outgoing weights are its column of W_out
    double[] out1 = new Conv1dTarget(1).outgoingWeights(m, 2);
    assertThat(out1).hasSize(3);
    for (int c = 0; c < 3; c++) assertThat(out1[c]).isEqualTo(m.wOut()[c * 5 + 2]);
    assertThat(new Conv1dTarget(1).incomingWeights(m, 2)).hasSize(4 * 4);
    assertThat(t0.parameterCount(m)).isEqualTo(m.parameterCount());
    assertThat(t0.hiddenSizes(m)).containsExactly(4, 5);
    assertThat(t0.layerIndex()).isZero();
    assertThat(t0.physical()).isTrue();
    assertThat(t0.removalKeepsActivations()).isTrue();
    assertThat(t0.describe(m)).isEqualTo("Conv1D layer 0 of 2 (4 relu channels, kernel 3, structural removal, every position)");
  }

  @Test
  void dataOrLayersThatDoNotFitTheModelAreOneLineOfBadInput() {
    Conv1d m = Conv1dNets.random(Activation.TANH, Conv1d.Pool.AVG, 2, 8);
    SequenceDataset ok = Conv1dNets.data(3, 2, 9);
    new Conv1dTarget(1).check(m, ok);
    assertThatThrownBy(() -> new Conv1dTarget(2).check(m, ok)).isInstanceOf(BadInputException.class)
        .hasMessage("convolutional layer 2 does not exist (the Conv1D Conv1d[2, 4, 5, 3] tanh avg has 2 layer(s), numbered from 0)");
    SequenceDataset oneInput = Conv1dNets.data(3, 1, 10);
    assertThatThrownBy(() -> new Conv1dTarget(0).check(m, oneInput)).isInstanceOf(BadInputException.class)
        .hasMessage("random: has 1 value(s) per time step but the Conv1D expects 2");
    SequenceDataset fourClasses = GatedTestData.randomData(30, 2, 4, 6, 9, new SplittableRandom(11));
    assertThatThrownBy(() -> new Conv1dTarget(0).check(m, fourClasses)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("but the Conv1D has only 3 classes").hasMessageNotContaining("\n");
    Conv1d.Spec spec = org.distinct.train.Conv1dTestData.spec(Activation.TANH, Conv1d.Pool.AVG, new int[] {5, 4}, new int[] {2, 1}, new int[] {0, 0});
    Conv1d strict = org.distinct.train.Conv1dTestData.random(2, new int[] {3, 3}, 3, spec, 0.8, new SplittableRandom(12));
    SequenceDataset shortOnes = GatedTestData.randomData(4, 2, 3, 5, 6, new SplittableRandom(13));
    assertThatThrownBy(() -> new Conv1dTarget(0).check(strict, shortOnes)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("random: sequence 1 has ").hasMessageContaining("fewer than the 11 the Conv1D's convolutions need");
    assertThatThrownBy(() -> new Conv1dTarget(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Conv1dTarget(0).rows(ok)).isEqualTo(3);
    assertThat(new Conv1dTarget(0).labels(ok)).isSameAs(ok.labels());
  }

  @ParameterizedTest(name = "layer {0} {1} {2}")
  @MethodSource("layersPoolsActivations")
  void thePrunerFindsThePlantedCloneFirstAndItsMergeIsExact(int layer, Conv1d.Pool pool, Activation act) {
    Conv1d planted = Conv1dNets.withClone(Conv1dNets.random(act, pool, 2, 21 + layer), layer, 1, 0.6);
    SequenceDataset d = Conv1dNets.data(10, 2, 22);
    int j = planted.layer(layer).out() - 1;
    for (PrunerConfig cfg : new PrunerConfig[] {
        PrunerConfig.defaults().withThresholds(1e-3, 179.999), PrunerConfig.defaults().withOrder(PairOrder.SMALLEST_ANGLE)}) {
      PruneResult<Conv1d> r = new DistinctivenessPruner(cfg).step(new Conv1dTarget(layer), planted, d, 1, false, null, null);
      assertThat(r.actions()).hasSize(1);
      PruneAction a = r.actions().get(0);
      assertThat(a.kind()).isEqualTo(PruneAction.Kind.SIMILAR_MERGE);
      assertThat(new int[] {a.kept(), a.removed()[0]}).containsExactlyInAnyOrder(1, j);
      assertThat(a.beta()).isZero();
      assertThat(r.model().layer(layer).out()).isEqualTo(j);
      assertThat(Conv1dNets.maxAbsDiff(r.model().logits(d), planted.logits(d))).isLessThanOrEqualTo(1e-12);
    }
  }

  @ParameterizedTest(name = "layer {0} {1} {2}")
  @MethodSource("layersPoolsActivations")
  void everyBaselineCriterionRunsAndShrinksTheLayer(int layer, Conv1d.Pool pool, Activation act) {
    Conv1d m = six(act, pool, 31 + layer);
    SequenceDataset train = Conv1dNets.data(8, 2, 32);
    SequenceDataset test = Conv1dNets.data(6, 2, 33);
    Conv1dTarget t = new Conv1dTarget(layer);
    for (String name : Criteria.NAMES) {
      ScheduleResult<Conv1d> r = new PruningSchedule(new ScheduleConfig(2, 2, Double.POSITIVE_INFINITY, false, 0, null))
          .run(t, new CriterionPruner(Criteria.parse(name)), m, train, test, null, null, 7);
      assertThat(r.steps()).as(name).hasSize(3);
      Set<Integer> gone = new HashSet<>();
      for (ScheduleStep<Conv1d> s : r.steps()) {
        for (PruneAction a : s.actions()) {
          assertThat(a.kind()).isEqualTo(PruneAction.Kind.CRITERION_REMOVE);
          assertThat(gone.add(a.removed()[0])).as("%s removes each channel once", name).isTrue();
        }
        Conv1d sm = s.model();
        assertThat(sm.layer(layer).out()).isEqualTo(6 - 2 * s.step());
        assertThat(sm.layer(1 - layer).out()).isEqualTo(6);
        assertThat(s.parameterCount()).isEqualTo(sm.parameterCount());
        assertThat(s.metrics().loss()).isEqualTo(evaluate(sm, test).loss());
      }
      assertThat(gone).hasSize(4);
    }
  }

  private static ClassificationMetrics evaluate(Conv1d m, SequenceDataset d) {
    return ClassificationMetrics.fromLogits(m.logits(d), d.labels(), d.size(), m.numClasses());
  }

  @ParameterizedTest(name = "layer {0} {1} {2}")
  @MethodSource("layersPoolsActivations")
  void theDistinctivenessScheduleMergesTheCloneFirstAndShrinksEveryStep(int layer, Conv1d.Pool pool, Activation act) {
    Conv1d planted = Conv1dNets.withClone(six(act, pool, 41 + layer), layer, 4, 0.5);
    SequenceDataset train = Conv1dNets.data(10, 2, 42);
    SequenceDataset test = Conv1dNets.data(6, 2, 43);
    Conv1d before = planted.copy();
    for (MergeRule rule : MergeRule.values()) {
      DistinctivenessPruner p = new DistinctivenessPruner(PrunerConfig.defaults().withOrder(PairOrder.SMALLEST_ANGLE).withMerge(rule));
      ScheduleResult<Conv1d> r = new PruningSchedule(TO_THREE).run(new Conv1dTarget(layer), p, planted, train, test, null, null, 5);
      assertThat(r.steps().size()).as("at least two pruning steps").isGreaterThanOrEqualTo(3);
      PruneAction first = r.steps().get(1).actions().get(0);
      assertThat(new int[] {first.kept(), first.removed()[0]}).containsExactlyInAnyOrder(4, 6);
      int prev = Integer.MAX_VALUE;
      for (ScheduleStep<Conv1d> s : r.steps()) {
        int units = 7 - s.unitsRemoved();
        assertThat(units).isLessThan(prev).isGreaterThanOrEqualTo(3);
        prev = units;
        assertThat(s.model().layer(layer).out()).isEqualTo(units);
        assertThat(s.hiddenSizes()[layer]).isEqualTo(units);
      }
      // the same seed gives the same schedule
      ScheduleResult<Conv1d> again = new PruningSchedule(TO_THREE).run(new Conv1dTarget(layer), p, planted, train, test, null, null, 5);
      assertThat(again.last().model()).isEqualTo(r.last().model());
    }
    assertThat(planted).isEqualTo(before);
  }
}
