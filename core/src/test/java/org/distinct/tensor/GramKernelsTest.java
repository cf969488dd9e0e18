package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vector Gram kernels give the plain ones' bits, for every row length around the vector length. */
class GramKernelsTest {

  private static double[] random(int n, SplittableRandom r) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = r.nextDouble(-3, 3) * Math.pow(10, r.nextInt(-4, 5));
    return a;
  }

  @Test
  void vectorAndPlainGiveTheSameBits() {
    GramKernels vector = GramKernelsProvider.vectorOrNull();
    assertThat(vector).as("the Vector API module with 4 or more lanes is present in the tests").isNotNull();
    GramKernels plain = GramKernelsProvider.plain();
    SplittableRandom r = new SplittableRandom(11);
    for (int h = 1; h <= 3 * vector.lanes() + 3; h++) {
      double[] gp = random(h * h, r);
      double[] gv = gp.clone();
      for (int round = 0; round < 20; round++) {
        double[] c = random(4 * h, r);
        plain.rank4(c, h, gp);
        vector.rank4(c, h, gv);
        plain.rank1(c, 2 * h, h, gp);
        vector.rank1(c, 2 * h, h, gv);
      }
      for (int e = 0; e < h * h; e++)
        assertThat(Double.doubleToRawLongBits(gv[e])).as("h %d, element %d", h, e).isEqualTo(Double.doubleToRawLongBits(gp[e]));
    }
  }

  @Test
  void theRowPassesGiveTheSameBitsAndSeeEveryValueThatIsNotFinite() {
    GramKernels vector = GramKernelsProvider.vectorOrNull();
    GramKernels plain = GramKernelsProvider.plain();
    SplittableRandom r = new SplittableRandom(12);
    for (int h = 1; h <= 3 * vector.lanes() + 3; h++) {
      double[][] p = {random(h, r), random(h, r), random(h, r), random(h, r), random(h, r)}; // sum, min, max, ss, centres
      p[1] = p[1].clone();
      double[][] v = new double[p.length][];
      for (int i = 0; i < p.length; i++) v[i] = p[i].clone();
      double[] means = random(h, r);
      double[] cp = new double[2 * h];
      double[] cv = new double[2 * h];
      for (int round = 0; round < 30; round++) {
        double[] row = random(h + 3, r);
        if (round % 7 == 0) row[3 + r.nextInt(h)] = round % 2 == 0 ? 0.0 : -0.0; // signed zeros: the first of equals stays
        assertThat(vector.rangeRow(row, 3, h, v[0], v[1], v[2])).isTrue();
        assertThat(plain.rangeRow(row, 3, h, p[0], p[1], p[2])).isTrue();
        plain.centreRow(row, 3, h, p[4], means, cp, h, p[3]);
        vector.centreRow(row, 3, h, v[4], means, cv, h, v[3]);
      }
      for (int i = 0; i < 4; i++)
        for (int u = 0; u < h; u++)
          assertThat(Double.doubleToRawLongBits(v[i][u])).as("h %d, array %d, unit %d", h, i, u).isEqualTo(Double.doubleToRawLongBits(p[i][u]));
      for (int u = 0; u < 2 * h; u++) assertThat(Double.doubleToRawLongBits(cv[u])).isEqualTo(Double.doubleToRawLongBits(cp[u]));
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        double[] row = random(h, r);
        row[r.nextInt(h)] = bad;
        assertThat(vector.rangeRow(row, 0, h, new double[h], new double[h], new double[h])).as("h %d, %s", h, bad).isFalse();
        assertThat(plain.rangeRow(row, 0, h, new double[h], new double[h], new double[h])).isFalse();
      }
    }
  }

  @Test
  void onlyLargeProblemsGetTheVectorKernels() {
    assertThat(GramKernelsProvider.forSize(518, 30).name()).isEqualTo("plain"); // an MLP's angles
    assertThat(GramKernelsProvider.forSize(400_000, 50)).isSameAs(GramKernelsProvider.vectorOrNull()); // an RNN's, every step
  }
}
