package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.distinct.model.ElmanRnn;
import org.junit.jupiter.api.Test;

/** Finite-difference checks (double, central differences) of {@link RnnReference}'s BPTT. */
class RnnGradientCheckTest {
  private static final int[] LENGTHS = {7, 3, 11, 1, 5};
  private static final double H = 1e-5;

  private static ElmanRnn model(long seed) {
    // larger weights than the default init so that tanh is in its non-linear range
    ElmanRnn m = ElmanRnn.initialize(2, 5, 3, new SplittableRandom(seed));
    SplittableRandom r = new SplittableRandom(seed + 1);
    double[][] ps = {m.wIh(), m.wHh(), m.b(), m.wOut(), m.bOut()};
    for (double[] p : ps) for (int i = 0; i < p.length; i++) p[i] = r.nextDouble(-1.2, 1.2);
    return m;
  }

  private static double[][] params(ElmanRnn m) {
    return new double[][] {m.wIh(), m.wHh(), m.b(), m.wOut(), m.bOut()};
  }

  private static double[][] grads(RnnReference.Gradients g) {
    return new double[][] {g.wIh(), g.wHh(), g.b(), g.wOut(), g.bOut()};
  }

  /** Checks every entry of every parameter tensor against a central difference of {@code f}. */
  private static void check(ElmanRnn m, double[][] analytic, ToDoubleFunction<ElmanRnn> f) {
    String[] names = {"wIh", "wHh", "b", "wOut", "bOut"};
    for (int p = 0; p < 5; p++) {
      double[] numeric = new double[analytic[p].length];
      for (int i = 0; i < numeric.length; i++) {
        ElmanRnn plus = m.copy();
        ElmanRnn minus = m.copy();
        params(plus)[p][i] += H;
        params(minus)[p][i] -= H;
        numeric[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * H);
      }
      double diff = 0;
      double norm = 0;
      for (int i = 0; i < numeric.length; i++) {
        diff += (numeric[i] - analytic[p][i]) * (numeric[i] - analytic[p][i]);
        norm = Math.max(norm, Math.max(Math.abs(numeric[i]), Math.abs(analytic[p][i])));
        assertThat(Math.abs(numeric[i] - analytic[p][i]))
            .as("%s[%d]: numeric %s analytic %s", names[p], i, numeric[i], analytic[p][i])
            .isLessThan(1e-6 * Math.max(Math.abs(analytic[p][i]), 1e-2));
      }
      assertThat(norm).as("%s gradient is not trivially zero", names[p]).isGreaterThan(1e-4);
      assertThat(Math.sqrt(diff) / norm).as("relative error of %s", names[p]).isLessThan(1e-6);
    }
  }

  @Test
  void fullBpttMatchesFiniteDifferencesOnABatchOfUnequalLengths() {
    ElmanRnn m = model(11);
    List<double[]> xs = RnnTestData.sequences(LENGTHS, 2, 12);
    int[] y = RnnTestData.labels(LENGTHS.length, 3, 13);
    RnnReference.Gradients g = RnnReference.lossAndGradients(m, xs, y, 0);
    assertThat(g.loss()).isEqualTo(RnnReference.loss(m, xs, y));
    check(m, grads(g), mm -> RnnReference.loss(mm, xs, y));
  }

  @Test
  void truncatedBpttMatchesFiniteDifferencesOfTheDetachedLoss() {
    ElmanRnn m = model(21);
    List<double[]> xs = RnnTestData.sequences(LENGTHS, 2, 22);
    int[] y = RnnTestData.labels(LENGTHS.length, 3, 23);
    int k = 4; // shorter than some sequences, longer than others
    RnnReference.Gradients g = RnnReference.lossAndGradients(m, xs, y, k);
    check(m, grads(g), mm -> RnnReference.truncatedLoss(m, mm, xs, y, k));
    // and truncation really changes the gradient of the long sequences
    RnnReference.Gradients full = RnnReference.lossAndGradients(m, xs, y, 0);
    assertThat(maxAbsDiff(full.wHh(), g.wHh())).isGreaterThan(1e-6);
    assertThat(g.loss()).isEqualTo(full.loss());
  }

  @Test
  void truncationLongerThanEverySequenceIsFullBptt() {
    ElmanRnn m = model(31);
    List<double[]> xs = RnnTestData.sequences(LENGTHS, 2, 32);
    int[] y = RnnTestData.labels(LENGTHS.length, 3, 33);
    RnnReference.Gradients full = RnnReference.lossAndGradients(m, xs, y, 0);
    RnnReference.Gradients t = RnnReference.lossAndGradients(m, xs, y, 11);
    double[][] a = grads(full);
    double[][] b = grads(t);
    for (int p = 0; p < 5; p++) assertThat(b[p]).containsExactly(a[p]);
  }

  @Test
  void aBatchOfUnequalLengthsEqualsTheMeanOfItsSequencesProcessedAlone() {
    ElmanRnn m = model(41);
    List<double[]> xs = RnnTestData.sequences(LENGTHS, 2, 42);
    int[] y = RnnTestData.labels(LENGTHS.length, 3, 43);
    for (int k : new int[] {0, 4}) {
      RnnReference.Gradients batch = RnnReference.lossAndGradients(m, xs, y, k);
      double[][] sum = grads(RnnReference.lossAndGradients(m, List.of(xs.get(0)), new int[] {y[0]}, k));
      double loss = RnnReference.loss(m, List.of(xs.get(0)), new int[] {y[0]});
      for (int q = 1; q < xs.size(); q++) {
        RnnReference.Gradients one = RnnReference.lossAndGradients(m, List.of(xs.get(q)), new int[] {y[q]}, k);
        loss += one.loss();
        double[][] g = grads(one);
        for (int p = 0; p < 5; p++) for (int i = 0; i < g[p].length; i++) sum[p][i] += g[p][i];
      }
      assertThat(batch.loss()).isCloseTo(loss / xs.size(), org.assertj.core.data.Offset.offset(1e-12));
      double[][] bg = grads(batch);
      for (int p = 0; p < 5; p++)
        for (int i = 0; i < bg[p].length; i++)
          assertThat(bg[p][i]).isCloseTo(sum[p][i] / xs.size(), org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  private static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
    return m;
  }
}
