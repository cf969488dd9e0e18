package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both kernel implementations against naive loops with the documented summation order: results must be
 * bit-identical (the plain and vector paths, and {@code DenseLayer.forward}, agree to the last bit).
 */
class DenseKernelsTest {

  static List<DenseKernels> kernels() {
    List<DenseKernels> k = new ArrayList<>();
    k.add(DenseKernelsProvider.plain());
    DenseKernelsProvider.vectorized().ifPresent(k::add);
    return k;
  }

  @Test
  void vectorKernelsAreAvailableInTests() {
    // surefire runs with --add-modules jdk.incubator.vector, so both paths are compared here
    assertThat(DenseKernelsProvider.vectorized()).isPresent();
  }

  private static double[] rand(int len, SplittableRandom r) {
    double[] a = new double[len];
    for (int i = 0; i < len; i++) a[i] = r.nextDouble(-1, 1);
    return a;
  }

  /** Zero-pads a row-major [rows × cols] matrix to stride pad(cols). */
  private static double[] padRows(double[] a, int rows, int cols) {
    int cp = DenseKernels.pad(cols);
    double[] p = new double[rows * cp];
    for (int r = 0; r < rows; r++) System.arraycopy(a, r * cols, p, r * cp, cols);
    return p;
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void affineMatchesDotProductLoop(DenseKernels k) {
    SplittableRandom r = new SplittableRandom(1);
    for (int[] shape : new int[][] {{7, 25, 30}, {32, 30, 3}, {1, 1, 1}, {9, 8, 16}, {5, 3, 17}}) {
      int n = shape[0], in = shape[1], out = shape[2];
      int inP = DenseKernels.pad(in), outP = DenseKernels.pad(out);
      double[] x = rand(n * in, r);
      double[] w = rand(out * in, r);
      double[] b = rand(out, r);
      double[] wt = new double[in * outP];
      for (int o = 0; o < out; o++) for (int i = 0; i < in; i++) wt[i * outP + o] = w[o * in + i];
      double[] bp = padRows(b, 1, out);
      double[] xp = new double[2 * inP + n * inP]; // two rows of offset
      System.arraycopy(padRows(x, n, in), 0, xp, 2 * inP, n * inP);
      double[] y = rand(n * outP, r);
      k.affine(xp, 2 * inP, inP, n, in, wt, bp, outP, y);
      for (int row = 0; row < n; row++)
        for (int o = 0; o < out; o++) {
          double s = b[o];
          for (int i = 0; i < in; i++) s += w[o * in + i] * x[row * in + i];
          assertThat(y[row * outP + o]).as("%s y[%d,%d]", k.name(), row, o).isEqualTo(s);
        }
    }
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void gradientsMatchLoops(DenseKernels k) {
    SplittableRandom r = new SplittableRandom(2);
    for (int[] shape : new int[][] {{5, 9, 4}, {32, 25, 30}, {6, 30, 3}, {1, 1, 1}, {13, 8, 7}}) {
      int n = shape[0], in = shape[1], out = shape[2];
      int inP = DenseKernels.pad(in), outP = DenseKernels.pad(out);
      double[] dy = rand(n * out, r);
      double[] w = rand(out * in, r);
      double[] x = rand(n * in, r);
      double[] dyp = padRows(dy, n, out);
      double[] wp = padRows(w, out, in);
      double[] xp = padRows(x, n, in);
      double[] dx = rand(n * inP, r); // garbage, overwritten
      double[] dw = rand(out * inP, r);
      double[] db = rand(outP, r);
      k.multiply(dyp, outP, out, wp, inP, n, dx);
      k.outerGradients(dyp, outP, out, xp, inP, n, dw, db);
      for (int row = 0; row < n; row++)
        for (int i = 0; i < in; i++) {
          double s = 0;
          for (int o = 0; o < out; o++) s += dy[row * out + o] * w[o * in + i];
          assertThat(dx[row * inP + i]).as("%s dx", k.name()).isEqualTo(s);
        }
      for (int o = 0; o < out; o++) {
        double sb = 0;
        for (int row = 0; row < n; row++) sb += dy[row * out + o];
        assertThat(db[o]).isEqualTo(sb);
        for (int i = 0; i < in; i++) {
          double s = 0;
          for (int row = 0; row < n; row++) s += dy[row * out + o] * x[row * in + i];
          assertThat(dw[o * inP + i]).as("%s dw", k.name()).isEqualTo(s);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void sigmoidEqualsScalarFormula(DenseKernels k) {
    SplittableRandom r = new SplittableRandom(3);
    double[] z = new double[4096];
    for (int i = 0; i < z.length; i++) z[i] = r.nextDouble(-40, 40);
    double[] special = {0.0, -0.0, 1e-300, -1e-300, 707, -707, 708.5, -708.5, 745, -745, 800, -800,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE};
    System.arraycopy(special, 0, z, 0, special.length);
    double[] v = z.clone();
    k.sigmoid(v, v.length);
    for (int i = 0; i < z.length; i++) {
      assertThat(Double.doubleToLongBits(v[i])).as("%s sigmoid(%s)", k.name(), z[i]).isEqualTo(Double.doubleToLongBits(FastMath.sigmoid(z[i])));
      if (!Double.isNaN(z[i]) && Math.abs(z[i]) < 700) {
        double ref = z[i] >= 0 ? 1 / (1 + Math.exp(-z[i])) : Math.exp(z[i]) / (1 + Math.exp(z[i]));
        assertThat(Math.abs(v[i] - ref)).as("sigmoid(%s)", z[i]).isLessThanOrEqualTo(4 * Math.ulp(ref));
      }
    }
    assertThat(v[14]).isNaN();
    assertThat(v[12]).isEqualTo(1.0);
    assertThat(v[13]).isEqualTo(0.0);
  }
}
