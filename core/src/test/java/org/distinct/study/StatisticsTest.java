package org.distinct.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatisticsTest {

  @Test
  void summaryOfOneToFiveByHand() {
    // mean 3; squared deviations 4+1+0+1+4 = 10; sd = sqrt(10/4)
    Statistics.Summary s = Statistics.summarize(new double[] {1, 2, 3, 4, 5});
    assertThat(s.mean()).isEqualTo(3.0);
    assertThat(s.sd()).isCloseTo(Math.sqrt(2.5), within(1e-12));
    assertThat(s.n()).isEqualTo(5);
    // a bootstrap of five symmetric values: an interval around 3 inside the observed range, narrower than it
    assertThat(s.low()).isBetween(1.0, 3.0);
    assertThat(s.high()).isBetween(3.0, 5.0);
    assertThat(s.high() - s.low()).isLessThan(4.0);
  }

  @Test
  void intervalsStayInTheRangeOfWhatTheyDescribe() {
    // accuracies near 1: Student's t would give an upper end above 100 %
    double[] acc = {1.0, 1.0, 0.9, 1.0, 0.95, 1.0};
    Statistics.Summary s = Statistics.summarize(acc);
    double sd = s.sd();
    double tHigh = s.mean() + Statistics.tQuantile(acc.length - 1) * sd / Math.sqrt(acc.length);
    assertThat(tHigh).isGreaterThan(1.0);
    assertThat(s.high()).isLessThanOrEqualTo(1.0);
    assertThat(s.low()).isGreaterThanOrEqualTo(0.9);
    // angles near 0°
    Statistics.Summary a = Statistics.summarize(new double[] {0.5, 0, 0, 12, 0.2, 0, 3});
    assertThat(a.low()).isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void bootstrapIsReproducibleNormalLikeForSymmetricDataAndSkewedForSkewedData() {
    SplittableRandom r = new SplittableRandom(3);
    double[] g = new double[40];
    for (int i = 0; i < g.length; i++) g[i] = r.nextGaussian();
    Statistics.Summary s = Statistics.summarize(g);
    assertThat(Statistics.summarize(g.clone())).isEqualTo(s);
    double normalHalf = 1.96 * s.sd() / Math.sqrt(g.length);
    assertThat(s.halfWidth()).isCloseTo(normalHalf, within(0.2 * normalHalf));
    double[] skew = new double[40];
    for (int i = 0; i < skew.length; i++) skew[i] = Math.exp(2 * r.nextGaussian());
    Statistics.Summary k = Statistics.summarize(skew);
    assertThat(k.high() - k.mean()).isGreaterThan(1.2 * (k.mean() - k.low()));
  }

  @Test
  void tooFewSeedsGiveNoInterval() {
    Statistics.Summary s = Statistics.summarize(new double[] {0.4, 0.5, 0.6, 0.7});
    assertThat(s.mean()).isCloseTo(0.55, within(1e-12));
    assertThat(s.low()).isNaN();
    assertThat(s.high()).isNaN();
    assertThat(Statistics.summarize(new double[] {0.4, 0.5, 0.6, 0.7, 0.8}).low()).isFinite();
    assertThat(Statistics.summarize(new double[] {0.5, 0.5, 0.5, 0.5, 0.5}).halfWidth()).isZero();
  }

  @Test
  void divergedRunsAreCountedNotAveraged() {
    Statistics.Summary s = Statistics.summarize(new double[] {1, Double.NaN, 3, Double.POSITIVE_INFINITY});
    assertThat(s.n()).isEqualTo(2);
    assertThat(s.excluded()).isEqualTo(2);
    assertThat(s.mean()).isEqualTo(2.0);
  }

  @Test
  void pairedTestByHand() {
    // differences 1,2,3,4,5 -> mean 3, sd 1.58114, t = 3 / (1.58114/sqrt 5) = 4.24264 with 4 df:
    // two-sided p = 0.013236. Wilcoxon: all 5 differences positive, W+ = 15, exact two-sided p = 2/32 = 0.0625.
    double[] base = {10, 20, 30, 40, 50};
    double[] changed = {11, 22, 33, 44, 55};
    Statistics.Paired p = Statistics.paired(changed, base);
    assertThat(p.meanDifference()).isCloseTo(3.0, within(1e-12));
    assertThat(p.tTestP()).isCloseTo(0.013236, within(1e-5));
    assertThat(p.wilcoxonP()).isCloseTo(0.0625, within(1e-9));
    // the t-test alone would call it, the Wilcoxon test does not: no change is claimed
    assertThat(p.verdict()).isEqualTo("no significant change");
  }

  @Test
  void clearShiftIsCalledHigherOrLower() {
    SplittableRandom r = new SplittableRandom(7);
    double[] base = new double[20];
    double[] up = new double[20];
    double[] down = new double[20];
    for (int i = 0; i < 20; i++) {
      base[i] = r.nextDouble();
      up[i] = base[i] + 0.5 + 0.01 * r.nextDouble();
      down[i] = base[i] - 0.5 - 0.01 * r.nextDouble();
    }
    assertThat(Statistics.paired(up, base).verdict()).isEqualTo("higher");
    assertThat(Statistics.paired(down, base).verdict()).isEqualTo("lower");
  }

  @Test
  void identicalRunsShowNoChange() {
    double[] a = {0.4, 0.5, 0.6};
    Statistics.Paired p = Statistics.paired(a.clone(), a);
    assertThat(p.tTestP()).isEqualTo(1.0);
    assertThat(p.wilcoxonP()).isEqualTo(1.0);
    assertThat(p.verdict()).isEqualTo("no significant change");
  }

  @Test
  void wilcoxonPValueIsAProbability() {
    // differences +0.1, -0.2, +0.01: ranks 2, 3, 1, so W+ = 3 = W-; of the 8 sign patterns 5 have W+ <= 3,
    // and the doubled tail 2 * 5/8 = 1.25 must be reported as 1
    double[] base = {0.5, 0.5, 0.5};
    double[] changed = {0.6, 0.3, 0.51};
    Statistics.Paired p = Statistics.paired(changed, base);
    assertThat(p.wilcoxonP()).isEqualTo(1.0);
    assertThat(p.tTestP()).isLessThanOrEqualTo(1.0);
    assertThat(p.verdict()).isEqualTo("no significant change");
  }
}
