package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** Accuracy of {@link VectorTanh} and bit-equality of its vector and scalar twins. */
class VectorTanhTest {

  private static double[] inputs() {
    SplittableRandom r = new SplittableRandom(5);
    double[] x = new double[40_000];
    for (int i = 0; i < x.length; i++) {
      double scale = switch (i % 4) { case 0 -> 1e-6; case 1 -> 0.7; case 2 -> 3; default -> 25; };
      x[i] = r.nextDouble(-scale, scale);
    }
    x[0] = 0;
    x[1] = -0.0;
    x[2] = 0.625;
    x[3] = -0.625;
    x[4] = Math.nextDown(0.625);
    x[5] = 20;
    x[6] = -1e300;
    x[7] = Double.MIN_VALUE;
    return x;
  }

  @Test
  void doubleTanhIsAccurateToAFewUlpsAndMatchesItsScalarTwin() {
    double[] x = inputs();
    int l = DoubleVector.SPECIES_PREFERRED.length();
    double[] y = x.clone();
    VectorTanh.tanh(y, 0, x.length / l * l);
    double worst = 0;
    for (int i = 0; i < x.length / l * l; i++) {
      assertThat(y[i]).as("x=%s", x[i]).isEqualTo(VectorTanh.tanh(x[i]));
      double ref = Math.tanh(x[i]);
      double ulps = ref == 0 ? Math.abs(y[i]) / Double.MIN_VALUE : Math.abs(y[i] - ref) / Math.ulp(ref);
      worst = Math.max(worst, ulps);
    }
    assertThat(worst).as("max error in ulps").isLessThanOrEqualTo(6);
    assertThat(VectorTanh.tanh(Double.NaN)).isNaN();
    assertThat(VectorTanh.tanh(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(VectorTanh.tanh(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
  }

  @Test
  void floatTanhIsAccurateAndMatchesItsScalarTwin() {
    double[] xd = inputs();
    float[] x = new float[xd.length];
    for (int i = 0; i < x.length; i++) x[i] = (float) xd[i];
    int l = FloatVector.SPECIES_PREFERRED.length();
    float[] y = x.clone();
    VectorTanh.tanh(y, 0, x.length / l * l);
    for (int i = 0; i < x.length / l * l; i++) {
      assertThat(y[i]).as("x=%s", x[i]).isEqualTo(VectorTanh.tanh(x[i]));
      double ref = Math.tanh(x[i]);
      assertThat(Math.abs(y[i] - ref)).as("x=%s", x[i]).isLessThanOrEqualTo(Math.max(3e-7, 4 * Math.ulp((float) ref)));
    }
    assertThat(VectorTanh.tanh(Float.NaN)).isNaN();
  }
}
