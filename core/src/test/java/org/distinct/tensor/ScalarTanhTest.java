package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * {@link ScalarTanh} gives the bits of the vector lanes of {@link VectorTanh}, also on the edge cases (signed zeros,
 * subnormals, the float clamp and its neighbours, the double range limit, huge values, infinities, NaN: any NaN) and on random
 * arguments of every scale; {@code VectorTanhTest} checks the accuracy.
 */
class ScalarTanhTest {

  private static double[] arguments() {
    double[] edge = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, -1e-17, 0.625,
        Math.nextDown(0.625), -0.625, ScalarTanh.CLAMP, -ScalarTanh.CLAMP, Math.nextUp((double) ScalarTanh.CLAMP),
        Math.nextDown((double) ScalarTanh.CLAMP), 20, -20, ScalarTanh.YMAX / 2, Math.nextUp(ScalarTanh.YMAX / 2), 700,
        -1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
    SplittableRandom r = new SplittableRandom(11);
    double[] x = new double[20_000];
    System.arraycopy(edge, 0, x, 0, edge.length);
    for (int i = edge.length; i < x.length; i++) x[i] = r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-8, 3));
    return x;
  }

  @Test
  void doubleLanesHaveTheScalarBits() {
    double[] x = arguments();
    int n = x.length / DoubleVector.SPECIES_PREFERRED.length() * DoubleVector.SPECIES_PREFERRED.length();
    double[] v = x.clone();
    double[] s = x.clone();
    VectorTanh.tanh(v, 0, n);
    ScalarTanh.tanh(s, 0, n);
    for (int i = 0; i < n; i++)
      assertThat(Double.doubleToLongBits(s[i])).as("x=%s", x[i]).isEqualTo(Double.doubleToLongBits(v[i]));
    assertThat(s[0]).isEqualTo(0.0);
  }

  @Test
  void floatLanesHaveTheScalarBits() {
    double[] xd = arguments();
    float[] x = new float[xd.length];
    for (int i = 0; i < x.length; i++) x[i] = (float) xd[i];
    int n = x.length / FloatVector.SPECIES_PREFERRED.length() * FloatVector.SPECIES_PREFERRED.length();
    float[] v = x.clone();
    float[] s = x.clone();
    VectorTanh.tanh(v, 0, n);
    ScalarTanh.tanh(s, 0, n);
    for (int i = 0; i < n; i++)
      assertThat(Float.floatToIntBits(s[i])).as("x=%s", x[i]).isEqualTo(Float.floatToIntBits(v[i]));
  }
}
