package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The kernels against naive triple loops (same summation order, so results are bit-identical). */
class DenseTest {
  private static double[] rand(int len, SplittableRandom r) {
    double[] a = new double[len];
    for (int i = 0; i < len; i++) a[i] = r.nextDouble(-1, 1);
    return a;
  }

  @Test
  void affineEqualsDotProductLoop() {
    SplittableRandom r = new SplittableRandom(1);
    int n = 7, in = 25, out = 30;
    double[] x = rand(3 * in + n * in, r); // with an offset of 3 rows
    double[] w = rand(out * in, r);
    double[] b = rand(out, r);
    double[] wt = new double[in * out];
    Dense.transpose(w, out, in, wt);
    double[] y = new double[2 + n * out];
    Dense.affine(x, 3 * in, n, in, wt, b, out, y, 2);
    for (int row = 0; row < n; row++)
      for (int o = 0; o < out; o++) {
        double s = b[o];
        for (int i = 0; i < in; i++) s += w[o * in + i] * x[(3 + row) * in + i];
        assertThat(y[2 + row * out + o]).isEqualTo(s);
      }
  }

  @Test
  void multiplyAndOuterGradients() {
    SplittableRandom r = new SplittableRandom(2);
    int n = 5, in = 9, out = 4;
    double[] dy = rand(n * out, r);
    double[] w = rand(out * in, r);
    double[] x = rand(in + n * in, r);
    double[] dx = rand(n * in, r); // garbage to be overwritten
    Dense.multiply(dy, n, out, w, in, dx);
    double[] dw = rand(out * in, r);
    double[] db = rand(out, r);
    Dense.outerGradients(dy, x, in, n, in, out, dw, db);
    for (int row = 0; row < n; row++)
      for (int i = 0; i < in; i++) {
        double s = 0;
        for (int o = 0; o < out; o++) s += dy[row * out + o] * w[o * in + i];
        assertThat(dx[row * in + i]).isEqualTo(s);
      }
    for (int o = 0; o < out; o++) {
      double sb = 0;
      for (int row = 0; row < n; row++) sb += dy[row * out + o];
      assertThat(db[o]).isEqualTo(sb);
      for (int i = 0; i < in; i++) {
        double s = 0;
        for (int row = 0; row < n; row++) s += dy[row * out + o] * x[in + row * in + i];
        assertThat(dw[o * in + i]).isEqualTo(s);
      }
    }
  }
}
