package org.distinct.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

  private static final double EPS = 1e-15;

  /**
   * labels = [0,0,0,1,1,2,2,2,2], predicted = [0,0,1,1,0,2,2,0,2].
   *
   * <pre>
   * confusion [true][pred]:      pred0 pred1 pred2 | row sum
   *   true0                        2     1     0   |  3
   *   true1                        1     1     0   |  2
   *   true2                        1     0     3   |  4
   *   column sum                   4     2     3   |  9, trace 6 => accuracy 6/9
   * class 0: TP 2, FP 2, FN 1, TN 4 => P 2/4, R 2/3, spec 4/6, F1 4/(4+2+1) = 4/7
   * class 1: TP 1, FP 1, FN 1, TN 6 => P 1/2, R 1/2, spec 6/7, F1 2/4
   * class 2: TP 3, FP 0, FN 1, TN 5 => P 1,   R 3/4, spec 5/5, F1 6/(6+0+1) = 6/7
   * macro P = (1/2+1/2+1)/3 = 2/3; macro R = (2/3+1/2+3/4)/3 = 23/36;
   * macro spec = (2/3+6/7+1)/3 = 53/63; macro F1 = (4/7+1/2+6/7)/3 = 9/14
   * </pre>
   */
  @Test
  void threeClassesWithMistakes() {
    int[] labels = {0, 0, 0, 1, 1, 2, 2, 2, 2};
    int[] pred = {0, 0, 1, 1, 0, 2, 2, 0, 2};
    ClassificationMetrics m = ClassificationMetrics.fromPredictions(pred, labels, 3, 0.5);
    assertThat(m.confusion()).isDeepEqualTo(new long[][] {{2, 1, 0}, {1, 1, 0}, {1, 0, 3}});
    assertThat(m.n()).isEqualTo(9);
    assertThat(m.numClasses()).isEqualTo(3);
    assertThat(m.loss()).isEqualTo(0.5);
    assertThat(m.accuracy()).isCloseTo(6.0 / 9, within(EPS));
    assertArray(m.precision(), 2.0 / 4, 1.0 / 2, 1.0);
    assertArray(m.recall(), 2.0 / 3, 1.0 / 2, 3.0 / 4);
    assertArray(m.specificity(), 4.0 / 6, 6.0 / 7, 1.0);
    assertArray(m.f1(), 4.0 / 7, 2.0 / 4, 6.0 / 7);
    assertThat(m.macroPrecision()).isCloseTo(2.0 / 3, within(EPS));
    assertThat(m.macroRecall()).isCloseTo(23.0 / 36, within(EPS));
    assertThat(m.macroSpecificity()).isCloseTo(53.0 / 63, within(EPS));
    assertThat(m.macroF1()).isCloseTo(9.0 / 14, within(EPS));
    assertThat(m.warnings()).isEmpty();
  }

  /**
   * Class 2 never occurs and is never predicted. labels = [0,1,0,1], predicted = [0,1,1,1].
   *
   * <pre>
   * confusion: true0 [1,1,0], true1 [0,2,0], true2 [0,0,0]; trace 3 => accuracy 3/4
   * class 0: TP 1, FP 0, FN 1, TN 2 => P 1,   R 1/2, spec 2/2, F1 2/(2+0+1) = 2/3
   * class 1: TP 2, FP 1, FN 0, TN 1 => P 2/3, R 1,   spec 1/2, F1 4/(4+1+0) = 4/5
   * class 2: TP 0, FP 0, FN 0, TN 4 => P 0/0 -> 0 (warning), R 0/0 -> 0 (warning), spec 4/4 = 1,
   *          F1 0/0 -> 0 (warning)
   * macro P = (1+2/3+0)/3 = 5/9; macro R = (1/2+1+0)/3 = 1/2; macro spec = (1+1/2+1)/3 = 5/6;
   * macro F1 = (2/3+4/5+0)/3 = 22/45
   * </pre>
   */
  @Test
  void emptyClassGivesZerosAndWarnings() {
    ClassificationMetrics m =
        ClassificationMetrics.fromPredictions(new int[] {0, 1, 1, 1}, new int[] {0, 1, 0, 1}, 3, Double.NaN);
    assertThat(m.confusion()).isDeepEqualTo(new long[][] {{1, 1, 0}, {0, 2, 0}, {0, 0, 0}});
    assertThat(m.accuracy()).isCloseTo(0.75, within(EPS));
    assertArray(m.precision(), 1.0, 2.0 / 3, 0.0);
    assertArray(m.recall(), 0.5, 1.0, 0.0);
    assertArray(m.specificity(), 1.0, 0.5, 1.0);
    assertArray(m.f1(), 2.0 / 3, 4.0 / 5, 0.0);
    assertThat(m.macroPrecision()).isCloseTo(5.0 / 9, within(EPS));
    assertThat(m.macroRecall()).isCloseTo(0.5, within(EPS));
    assertThat(m.macroSpecificity()).isCloseTo(5.0 / 6, within(EPS));
    assertThat(m.macroF1()).isCloseTo(22.0 / 45, within(EPS));
    assertThat(m.loss()).isNaN();
    assertThat(m.warnings())
        .containsExactly(
            "class 2 was never predicted: precision 0",
            "class 2 has no true rows: recall 0",
            "class 2 was never predicted and never occurs: F1 0");
  }

  /**
   * labels = [0,0], predicted = [0,1], two classes.
   *
   * <pre>
   * confusion: true0 [1,1], true1 [0,0]
   * class 0: TP 1, FP 0, FN 1, TN 0 => P 1, R 1/2, spec 0/0 -> 0 (warning), F1 2/3
   * class 1: TP 0, FP 1, FN 0, TN 1 => P 0/1 = 0 (defined), R 0/0 -> 0 (warning), spec 1/2, F1 0/1 = 0
   * </pre>
   */
  @Test
  void classPredictedButAbsent() {
    ClassificationMetrics m = ClassificationMetrics.fromPredictions(new int[] {0, 1}, new int[] {0, 0}, 2, 0);
    assertThat(m.confusion()).isDeepEqualTo(new long[][] {{1, 1}, {0, 0}});
    assertArray(m.precision(), 1.0, 0.0);
    assertArray(m.recall(), 0.5, 0.0);
    assertArray(m.specificity(), 0.0, 0.5);
    assertArray(m.f1(), 2.0 / 3, 0.0);
    assertThat(m.warnings())
        .containsExactly(
            "class 0 has no negative rows (every row is class 0): specificity 0",
            "class 1 has no true rows: recall 0");
  }

  /**
   * Perfect classifier: labels = predicted = [2,0,1,1,0]. Confusion is diagonal [2,2,1]; for every class
   * FP = FN = 0 and TP, TN > 0, so P = R = spec = F1 = 1; accuracy 5/5.
   */
  @Test
  void perfectClassifier() {
    int[] y = {2, 0, 1, 1, 0};
    ClassificationMetrics m = ClassificationMetrics.fromPredictions(y.clone(), y, 3, 0);
    assertThat(m.confusion()).isDeepEqualTo(new long[][] {{2, 0, 0}, {0, 2, 0}, {0, 0, 1}});
    assertThat(m.accuracy()).isEqualTo(1.0);
    for (double[] a : new double[][] {m.precision(), m.recall(), m.specificity(), m.f1()}) assertArray(a, 1, 1, 1);
    assertThat(m.macroPrecision()).isEqualTo(1.0);
    assertThat(m.macroRecall()).isEqualTo(1.0);
    assertThat(m.macroSpecificity()).isEqualTo(1.0);
    assertThat(m.macroF1()).isEqualTo(1.0);
    assertThat(m.warnings()).isEmpty();
  }

  /**
   * Loss by hand. Row 0: logits [0, 0], label 0 => -ln(1/2) = ln 2. Row 1: logits [0, ln 2 - ln 3... ] see
   * below. Two classes only here: row 1 logits [ln 3, 0], label 1 => softmax [3/4, 1/4] => -ln(1/4) = ln 4.
   * Mean = (ln 2 + ln 4)/2 = 1.5 ln 2. Predictions: row 0 tie -> class 0 (lower index); row 1 -> class 0.
   */
  @Test
  void lossByHandAndTiesToLowerIndex() {
    double[] z = {0, 0, Math.log(3), 0};
    ClassificationMetrics m = ClassificationMetrics.fromLogits(z, new int[] {0, 1}, 2, 2);
    assertThat(m.loss()).isCloseTo(1.5 * Math.log(2), within(1e-15));
    assertThat(m.confusion()).isDeepEqualTo(new long[][] {{1, 0}, {1, 0}});
    // three classes, tie between classes 1 and 2 goes to 1
    ClassificationMetrics t = ClassificationMetrics.fromLogits(new double[] {0, 2, 2}, new int[] {2}, 1, 3);
    assertThat(t.confusion()[2]).containsExactly(0, 1, 0);
    // softmax [1/6, 2/6, 3/6] from logits [0, ln 2, ln 3]: label 0 => ln 6
    ClassificationMetrics s =
        ClassificationMetrics.fromLogits(new double[] {0, Math.log(2), Math.log(3)}, new int[] {0}, 1, 3);
    assertThat(s.loss()).isCloseTo(Math.log(6), within(1e-15));
  }

  /** Huge logits: naive exp overflows, log-sum-exp gives loss 1000 for logits [1000, 0] with label 1. */
  @Test
  void lossIsStableForLargeLogits() {
    ClassificationMetrics m = ClassificationMetrics.fromLogits(new double[] {1000, 0}, new int[] {1}, 1, 2);
    assertThat(m.loss()).isEqualTo(1000.0);
    ClassificationMetrics k = ClassificationMetrics.fromLogits(new double[] {-1000, -1000}, new int[] {1}, 1, 2);
    assertThat(k.loss()).isCloseTo(Math.log(2), within(1e-15));
    assertThat(m.warnings()).noneMatch(s -> s.contains("non-finite"));
  }

  /** Random moderate logits: the stable loss equals the naive -ln(softmax) formula. */
  @Test
  void lossMatchesNaiveFormulaOnRandomLogits() {
    SplittableRandom rnd = new SplittableRandom(7);
    int n = 50;
    int c = 4;
    double[] z = new double[n * c];
    int[] y = new int[n];
    double naive = 0;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < c; j++) {
        z[i * c + j] = rnd.nextDouble(-5, 5);
        s += Math.exp(z[i * c + j]);
      }
      y[i] = rnd.nextInt(c);
      naive += -Math.log(Math.exp(z[i * c + y[i]]) / s);
    }
    ClassificationMetrics m = ClassificationMetrics.fromLogits(z, y, n, c);
    assertThat(m.loss()).isCloseTo(naive / n, within(1e-12));
    long total = 0;
    for (long[] row : m.confusion()) for (long v : row) total += v;
    assertThat(total).isEqualTo(n);
  }

  @Test
  void nonFiniteLogitsAreReported() {
    ClassificationMetrics m =
        ClassificationMetrics.fromLogits(new double[] {Double.NaN, 1, 0, 1}, new int[] {1, 1}, 2, 2);
    assertThat(m.loss()).isNaN();
    assertThat(m.confusion()).isDeepEqualTo(new long[][] {{0, 0}, {0, 2}});
    assertThat(m.warnings()).anyMatch(s -> s.startsWith("1 of 2 rows have non-finite logits"));
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> ClassificationMetrics.fromPredictions(new int[] {3}, new int[] {0}, 3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prediction 3");
    assertThatThrownBy(() -> ClassificationMetrics.fromLogits(new double[] {0, 0}, new int[] {2}, 1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label 2");
    assertThatThrownBy(() -> ClassificationMetrics.fromLogits(new double[3], new int[] {0}, 1, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClassificationMetrics.fromPredictions(new int[0], new int[0], 2, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertArray(double[] actual, double... expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++)
      assertThat(actual[i]).as("index %d", i).isCloseTo(expected[i], within(EPS));
  }
}
