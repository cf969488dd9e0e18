package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastMathTest {

  @Test
  void expWithinTwoUlpOfMathExp() {
    SplittableRandom r = new SplittableRandom(4);
    double worst = 0;
    for (int i = 0; i < 200_000; i++) {
      double x = i < 100_000 ? -r.nextDouble() * 708 : -r.nextDouble() * 2; // wide range and near 0
      double e = Math.exp(x);
      worst = Math.max(worst, Math.abs(FastMath.expNonPositive(x) - e) / Math.ulp(e));
    }
    assertThat(worst).isLessThanOrEqualTo(2.0);
  }

  @Test
  void specialValues() {
    assertThat(FastMath.expNonPositive(0.0)).isEqualTo(1.0);
    assertThat(FastMath.expNonPositive(-0.0)).isEqualTo(1.0);
    assertThat(FastMath.expNonPositive(-1.0)).isCloseTo(1 / Math.E, offset(2e-16));
    assertThat(FastMath.expNonPositive(-708.0)).isCloseTo(Math.exp(-708.0), offset(2 * Math.ulp(Math.exp(-708.0))));
    assertThat(FastMath.expNonPositive(-709.0)).isZero();
    assertThat(FastMath.expNonPositive(Double.NEGATIVE_INFINITY)).isZero();
    assertThat(FastMath.expNonPositive(Double.NaN)).isNaN();
    assertThat(FastMath.sigmoid(0.0)).isEqualTo(0.5);
    assertThat(FastMath.sigmoid(1000)).isEqualTo(1.0);
    assertThat(FastMath.sigmoid(-1000)).isEqualTo(0.0);
    assertThat(FastMath.sigmoid(Double.NaN)).isNaN();
  }
}
