package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedRnn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference checks (double, central differences) of {@link GatedReference}: every parameter tensor of
 * both cells with one and two layers, full and truncated BPTT, and the state gradients of every layer.
 */
class GatedGradientCheckTest {
  private static final int[] LENGTHS = {7, 3, 11, 1, 5};
  private static final double H = 1e-5;

  static List<Arguments> cases() {
    return List.of(
        Arguments.of(GatedCell.LSTM, new int[] {5}, 2),
        Arguments.of(GatedCell.LSTM, new int[] {5, 4}, 3),
        Arguments.of(GatedCell.GRU, new int[] {5}, 2),
        Arguments.of(GatedCell.GRU, new int[] {5, 4}, 3));
  }

  private static GatedRnn model(GatedCell cell, int[] hidden, int in, long seed) {
    // larger weights than the default init so that the gates are in their non-linear range
    return GatedTestData.random(cell, in, hidden, 3, 0.9, new SplittableRandom(seed));
  }

  /** Checks every entry of every parameter tensor against a central difference of {@code f}. */
  private static void check(GatedRnn m, List<double[]> analytic, ToDoubleFunction<GatedRnn> f) {
    List<String> names = GatedTestData.names(m);
    for (int p = 0; p < analytic.size(); p++) {
      double[] a = analytic.get(p);
      double[] numeric = new double[a.length];
      for (int i = 0; i < numeric.length; i++) {
        GatedRnn plus = m.copy();
        GatedRnn minus = m.copy();
        GatedTestData.params(plus).get(p)[i] += H;
        GatedTestData.params(minus).get(p)[i] -= H;
        numeric[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * H);
      }
      double diff = 0;
      double norm = 0;
      for (int i = 0; i < numeric.length; i++) {
        diff += (numeric[i] - a[i]) * (numeric[i] - a[i]);
        norm = Math.max(norm, Math.max(Math.abs(numeric[i]), Math.abs(a[i])));
        assertThat(Math.abs(numeric[i] - a[i]))
            .as("%s[%d]: numeric %s analytic %s", names.get(p), i, numeric[i], a[i])
            .isLessThan(1e-6 * Math.max(Math.abs(a[i]), 1e-2));
      }
      assertThat(norm).as("%s gradient is not trivially zero", names.get(p)).isGreaterThan(1e-4);
      assertThat(Math.sqrt(diff) / norm).as("relative error of %s", names.get(p)).isLessThan(1e-6);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void fullBpttMatchesFiniteDifferences(GatedCell cell, int[] hidden, int in) {
    GatedRnn m = model(cell, hidden, in, 11);
    List<double[]> xs = RnnTestData.sequences(LENGTHS, in, 12);
    int[] y = RnnTestData.labels(LENGTHS.length, 3, 13);
    GatedReference.Gradients g = GatedReference.lossAndGradients(m, xs, y, 0);
    assertThat(g.loss()).isEqualTo(GatedReference.loss(m, xs, y));
    check(m, GatedTestData.grads(g), mm -> GatedReference.loss(mm, xs, y));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void truncatedBpttMatchesFiniteDifferencesOfTheDetachedLoss(GatedCell cell, int[] hidden, int in) {
    GatedRnn m = model(cell, hidden, in, 21);
    List<double[]> xs = RnnTestData.sequences(LENGTHS, in, 22);
    int[] y = RnnTestData.labels(LENGTHS.length, 3, 23);
    int k = 4; // shorter than some sequences, longer than others
    GatedReference.Gradients g = GatedReference.lossAndGradients(m, xs, y, k);
    check(m, GatedTestData.grads(g), mm -> GatedReference.truncatedLoss(m, mm, xs, y, k));
    // truncation really changes the gradient, but not the loss
    GatedReference.Gradients full = GatedReference.lossAndGradients(m, xs, y, 0);
    assertThat(maxAbsDiff(full.layers().get(0).wHh(), g.layers().get(0).wHh())).isGreaterThan(1e-6);
    assertThat(g.loss()).isEqualTo(full.loss());
    assertThat(GatedReference.truncatedLoss(m, m, xs, y, k)).isCloseTo(full.loss(), within(1e-14));
    // and a window longer than every sequence is full BPTT, bit for bit
    GatedReference.Gradients wide = GatedReference.lossAndGradients(m, xs, y, 11);
    List<double[]> a = GatedTestData.grads(full);
    List<double[]> b = GatedTestData.grads(wide);
    for (int p = 0; p < a.size(); p++) assertThat(b.get(p)).containsExactly(a.get(p));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void stateGradientsAreTheTotalDerivativesWithRespectToEveryHiddenState(GatedCell cell, int[] hidden, int in) {
    GatedRnn m = model(cell, hidden, in, 31);
    List<double[]> xs = RnnTestData.sequences(LENGTHS, in, 32);
    int[] y = RnnTestData.labels(LENGTHS.length, 3, 33);
    double eps = 1e-6;
    for (int l = 0; l < m.layerCount(); l++) {
      int h = m.layer(l).hiddenSize();
      double maxG = 0;
      for (int s = 0; s < xs.size(); s++) {
        double[] x = xs.get(s);
        double[] g = GatedReference.stateGradients(m, x, y[s], l);
        int steps = x.length / in;
        assertThat(g).hasSize(steps * h);
        for (int t = 1; t <= steps; t++)
          for (int u = 0; u < h; u++) {
            double fd = (GatedTestData.perturbedLoss(m, x, y[s], new GatedTestData.Perturbation(l, t, u, eps, 1))
                - GatedTestData.perturbedLoss(m, x, y[s], new GatedTestData.Perturbation(l, t, u, -eps, 1))) / (2 * eps);
            assertThat(g[(t - 1) * h + u]).as("layer %d sequence %d step %d unit %d", l, s, t, u).isCloseTo(fd, within(1e-8));
            maxG = Math.max(maxG, Math.abs(fd));
          }
      }
      assertThat(maxG).as("layer %d: the check is not vacuous", l).isGreaterThan(1e-2);
      // the batch form stacks the sequences; last step only keeps row T of each
      double[] all = GatedReference.stateGradients(m, xs, y, l, false);
      double[] last = GatedReference.stateGradients(m, xs, y, l, true);
      int pos = 0;
      for (int s = 0; s < xs.size(); s++) {
        double[] one = GatedReference.stateGradients(m, xs.get(s), y[s], l);
        for (int i = 0; i < one.length; i++) assertThat(all[pos + i]).isEqualTo(one[i]);
        pos += one.length;
        for (int u = 0; u < h; u++) assertThat(last[s * h + u]).isEqualTo(one[one.length - h + u]);
      }
      assertThat(all).hasSize(pos);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aBatchEqualsTheMeanOfItsSequencesProcessedAlone(GatedCell cell, int[] hidden, int in) {
    GatedRnn m = model(cell, hidden, in, 41);
    List<double[]> xs = RnnTestData.sequences(LENGTHS, in, 42);
    int[] y = RnnTestData.labels(LENGTHS.length, 3, 43);
    for (int k : new int[] {0, 4}) {
      List<double[]> batch = GatedTestData.grads(GatedReference.lossAndGradients(m, xs, y, k));
      double[][] sum = new double[batch.size()][];
      for (int p = 0; p < sum.length; p++) sum[p] = new double[batch.get(p).length];
      for (int q = 0; q < xs.size(); q++) {
        List<double[]> one = GatedTestData.grads(GatedReference.lossAndGradients(m, List.of(xs.get(q)), new int[] {y[q]}, k));
        for (int p = 0; p < sum.length; p++) for (int i = 0; i < sum[p].length; i++) sum[p][i] += one.get(p)[i];
      }
      for (int p = 0; p < sum.length; p++)
        for (int i = 0; i < sum[p].length; i++) assertThat(batch.get(p)[i]).isCloseTo(sum[p][i] / xs.size(), within(1e-12));
    }
  }

  private static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
    return m;
  }
}
