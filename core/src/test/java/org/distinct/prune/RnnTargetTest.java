package org.distinct.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.distinct.BadInputException;
import org.distinct.data.SequenceDataset;
import org.distinct.model.Activation;
import org.distinct.model.ElmanRnn;
import org.distinct.train.RnnReference;
import org.junit.jupiter.api.Test;

/** {@link RnnTarget}: activation rows, BPTT loss gradients (finite differences), weights and checks. */
class RnnTargetTest {

  /**
   * Cross-entropy of one sequence with {@code eps} added to {@code h_t0[u]} after the tanh (t0 = −1: at every
   * step the unit's output is multiplied by {@code gain} instead). Written independently of the code under test.
   */
  private static double perturbedLoss(ElmanRnn m, double[] x, int y, int t0, int u, double eps, double gain) {
    int in = m.inputSize();
    int h = m.hiddenSize();
    int steps = x.length / in;
    double[] prev = new double[h];
    for (int t = 1; t <= steps; t++) {
      double[] cur = new double[h];
      for (int i = 0; i < h; i++) {
        double a = m.b()[i];
        for (int k = 0; k < in; k++) a += m.wIh()[i * in + k] * x[(t - 1) * in + k];
        for (int k = 0; k < h; k++) a += m.wHh()[i * h + k] * prev[k];
        cur[i] = Math.tanh(a);
      }
      if (t0 < 0) cur[u] *= gain;
      else if (t == t0) cur[u] += eps;
      prev = cur;
    }
    double[] z = RnnNets.readOut(m.wOut(), m.bOut(), h, prev, 0);
    return RnnReference.crossEntropy(z, y);
  }

  @Test
  void activationRowsAreTheHiddenStatesOfEveryStepOrTheLastStep() {
    ElmanRnn m = RnnNets.random(2, 5, 3, 1.0, new SplittableRandom(1));
    SequenceDataset d = RnnNets.randomData(4, 2, 3, 1, 8, new SplittableRandom(2));
    double[] all = new RnnTarget().activations(m, d);
    double[] last = new RnnTarget(RnnTarget.Mode.STRUCTURAL, true).activations(m, d);
    int rows = 0;
    for (int s = 0; s < d.size(); s++) rows += d.length(s);
    assertThat(all).hasSize(rows * 5);
    assertThat(last).hasSize(4 * 5);
    int pos = 0;
    for (int s = 0; s < d.size(); s++) {
      double[] ref = RnnReference.states(m, d.series().get(s));
      for (int t = 1; t <= d.length(s); t++, pos++)
        for (int u = 0; u < 5; u++) assertThat(all[pos * 5 + u]).isCloseTo(ref[t * 5 + u], within(1e-13));
      for (int u = 0; u < 5; u++) assertThat(last[s * 5 + u]).isEqualTo(all[(pos - 1) * 5 + u]);
    }
    assertThat(new RnnTarget().activation(m)).isEqualTo(Activation.TANH);
  }

  @Test
  void lossGradientsAreTheDerivativesWithRespectToEachHiddenStateByFiniteDifferences() {
    ElmanRnn m = RnnNets.random(2, 4, 3, 1.3, new SplittableRandom(3));
    SequenceDataset d = RnnNets.randomData(3, 2, 3, 3, 7, new SplittableRandom(4));
    double[] g = new RnnTarget().lossGradients(m, d);
    double[] gl = new RnnTarget(RnnTarget.Mode.MASK, true).lossGradients(m, d);
    double eps = 1e-6;
    int pos = 0;
    double maxG = 0;
    for (int s = 0; s < d.size(); s++) {
      double[] x = d.series().get(s);
      int y = d.labels()[s];
      int steps = d.length(s);
      for (int t = 1; t <= steps; t++, pos++)
        for (int u = 0; u < 4; u++) {
          double fd = (perturbedLoss(m, x, y, t, u, eps, 1) - perturbedLoss(m, x, y, t, u, -eps, 1)) / (2 * eps);
          assertThat(g[pos * 4 + u]).isCloseTo(fd, within(1e-8));
          maxG = Math.max(maxG, Math.abs(fd));
        }
      for (int u = 0; u < 4; u++) assertThat(gl[s * 4 + u]).isEqualTo(g[(pos - 1) * 4 + u]);
    }
    assertThat(maxG).isGreaterThan(1e-2); // the check is not vacuous
    assertThat(gl).hasSize(3 * 4);
  }

  @Test
  void taylorScoreIsTheDerivativeOfTheLossWithRespectToAGainOnTheUnitAtEveryStep() {
    ElmanRnn m = RnnNets.random(1, 5, 3, 1.3, new SplittableRandom(5));
    SequenceDataset d = RnnNets.randomData(4, 1, 3, 2, 9, new SplittableRandom(6));
    RnnTarget t = new RnnTarget();
    double[] a = t.activations(m, d);
    double[] score = Criteria.taylor(false).scores(t, m, d, a, new SplittableRandom(0));
    int rows = a.length / 5;
    double eps = 1e-6;
    for (int u = 0; u < 5; u++) {
      double sum = 0;
      for (int s = 0; s < d.size(); s++) {
        double[] x = d.series().get(s);
        int y = d.labels()[s];
        sum += (perturbedLoss(m, x, y, -1, u, 0, 1 + eps) - perturbedLoss(m, x, y, -1, u, 0, 1 - eps)) / (2 * eps);
      }
      assertThat(score[u]).isCloseTo(Math.abs(sum / rows), within(1e-8));
    }
  }

  @Test
  void weightsAreReadInTheDocumentedOrder() {
    ElmanRnn m = RnnNets.random(2, 3, 2, 1.0, new SplittableRandom(7));
    RnnTarget t = new RnnTarget();
    assertThat(t.units(m)).isEqualTo(3);
    assertThat(t.incomingWeights(m, 1))
        .containsExactly(m.wIh()[2], m.wIh()[3], m.wHh()[3], m.wHh()[4], m.wHh()[5]);
    assertThat(t.outgoingWeights(m, 1))
        .containsExactly(m.wHh()[1], m.wHh()[4], m.wHh()[7], m.wOut()[1], m.wOut()[4]);
    assertThat(t.parameterCount(m)).isEqualTo(m.parameterCount());
    assertThat(t.hiddenSizes(m)).containsExactly(3);
    assertThat(t.describe(m)).contains("3 tanh units").contains("structural");
    assertThat(t.physical()).isTrue();
    assertThat(t.removalKeepsActivations()).isFalse();
    assertThat(RnnTarget.Mode.parse("Mask")).isEqualTo(RnnTarget.Mode.MASK);
    assertThat(RnnTarget.Mode.STRUCTURAL.label()).isEqualTo("structural");
    assertThatThrownBy(() -> RnnTarget.Mode.parse("prune")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dataThatDoNotFitTheModelAreBadInput() {
    ElmanRnn m = RnnNets.random(2, 3, 2, 1.0, new SplittableRandom(8));
    RnnTarget t = new RnnTarget();
    SequenceDataset oneInput = RnnNets.randomData(3, 1, 2, 2, 4, new SplittableRandom(9));
    assertThatThrownBy(() -> t.check(m, oneInput))
        .isInstanceOf(BadInputException.class).hasMessageContaining("random").hasMessageContaining("1 value(s) per time step");
    SequenceDataset threeClasses = RnnNets.randomData(30, 2, 3, 2, 4, new SplittableRandom(10));
    assertThatThrownBy(() -> t.check(m, threeClasses)).isInstanceOf(BadInputException.class).hasMessageContaining("only 2 classes");
    assertThatThrownBy(() -> new PruningSchedule(ScheduleConfig.defaults().withTiming(null))
            .run(t, new DistinctivenessPruner(PrunerConfig.defaults()), m, oneInput, oneInput, null, null, 1))
        .isInstanceOf(BadInputException.class);
    t.check(m, RnnNets.randomData(3, 2, 2, 2, 4, new SplittableRandom(11)));
    assertThat(t.rows(oneInput)).isEqualTo(3);
    assertThat(t.labels(oneInput)).isSameAs(oneInput.labels());
  }
}
