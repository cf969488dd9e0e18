package org.distinct.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatisticsTest {

  @Test
  void summaryOfOneToFiveByHand() {
    // mean 3; squared deviations 4+1+0+1+4 = 10; sd = sqrt(10/4) = 1.58114;
    // t(0.975, 4) = 2.776445; half width = 2.776445 * 1.58114 / sqrt(5) = 1.963243
    Statistics.Summary s = Statistics.summarize(new double[] {1, 2, 3, 4, 5});
    assertThat(s.mean()).isEqualTo(3.0);
    assertThat(s.sd()).isCloseTo(Math.sqrt(2.5), within(1e-12));
    assertThat(s.halfWidth()).isCloseTo(1.963243, within(1e-6));
    assertThat(s.n()).isEqualTo(5);
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
