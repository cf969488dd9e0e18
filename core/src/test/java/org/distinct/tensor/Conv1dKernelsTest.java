package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.tensor.Conv1dKernels.Nonlinearity;
import org.junit.jupiter.api.Test;

/**
 * The Vector API Conv1D kernels against the plain-Java kernels and against textbook double loops, on random weights,
 * for many geometries (kernel sizes, strides, input channels raw or padded, output channels below, at and above the
 * vector length, position counts around the register tiles).
 */
class Conv1dKernelsTest {
  private static final int[] POSITIONS = {1, 3, 4, 5, 9, 37};

  /** kernel, stride, in, out, whether the input rows are padded like a hidden layer's output. */
  private static List<int[]> geometries() {
    List<int[]> g = new ArrayList<>();
    for (int[] kio : new int[][] {{1, 1, 1, 1}, {3, 1, 1, 5}, {5, 2, 1, 16}, {5, 2, 16, 16}, {4, 3, 3, 17}, {8, 2, 5, 33}, {2, 1, 20, 40}, {7, 4, 16, 9}})
      for (int padded = 0; padded < 2; padded++) g.add(new int[] {kio[0], kio[1], kio[2], kio[3], padded});
    return g;
  }

  private static List<Conv1dKernels> kernels() {
    assumeTrue(Conv1dKernelsProvider.vectorized().isPresent(), "Vector API module not present");
    return List.of(Conv1dKernelsProvider.plain(), Conv1dKernelsProvider.vectorized().get());
  }

  @Test
  void providerPicksTheVectorKernelsWhenTheModuleIsPresent() {
    assertThat(RnnKernelsProvider.vectorModulePresent()).isTrue(); // surefire runs with --add-modules
    assertThat(Conv1dKernelsProvider.get().name()).startsWith("vector-");
    assertThat(Conv1dKernelsProvider.plain().name()).isEqualTo("plain");
    Conv1dKernels v = Conv1dKernelsProvider.vectorized().orElseThrow();
    for (int c : new int[] {1, 5, 16, 17, 50})
      for (boolean dbl : new boolean[] {false, true}) {
        int p = v.paddedChannels(c, dbl);
        assertThat(p).isGreaterThanOrEqualTo(c).isLessThan(c + v.paddedChannels(1, dbl));
        assertThat(p % v.paddedChannels(1, dbl)).isZero();
        assertThat(Conv1dKernelsProvider.plain().paddedChannels(c, dbl)).isEqualTo(c);
      }
  }

  private static double[] rand(int n, double scale, SplittableRandom r) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = (float) r.nextDouble(-scale, scale); // float-exact, so float and double see the same numbers
    return a;
  }

  /** A random case: logical weights, input rows of {@code rows} padded positions (border rows zero), output gradient. */
  private record Case(int kernel, int stride, int in, int out, boolean padded, int positions, double[] w, double[] b, double[] x, double[] dz) {
    int rows() {
      return (positions - 1) * stride + kernel;
    }

    static Case random(int[] g, int positions, SplittableRandom r) {
      int rows = (positions - 1) * g[1] + g[0];
      return new Case(g[0], g[1], g[2], g[3], g[4] == 1, positions, rand(g[3] * g[2] * g[0], 0.6, r), rand(g[3], 0.5, r),
          rand(rows * g[2], 1, r), rand(positions * g[3], 1, r));
    }

    Conv1dPacking.Geometry geometry(Conv1dKernels k, boolean dbl) {
      int inStride = padded ? k.paddedChannels(in, dbl) : in;
      return new Conv1dPacking.Geometry(kernel, stride, in, inStride, out, k.paddedChannels(out, dbl));
    }

    /** Textbook pre-activation z[q, o] (no activation). */
    double[] z() {
      double[] z = new double[positions * out];
      for (int q = 0; q < positions; q++)
        for (int o = 0; o < out; o++) {
          double s = b[o];
          for (int c = 0; c < in; c++) for (int j = 0; j < kernel; j++) s += w[(o * in + c) * kernel + j] * x[(q * stride + j) * in + c];
          z[q * out + o] = s;
        }
      return z;
    }
  }

  private static double[] rowsOf(Case c, int stride) {
    double[] buf = new double[c.rows() * stride];
    for (int t = 0; t < c.rows(); t++) for (int i = 0; i < c.in(); i++) buf[t * stride + i] = c.x()[t * c.in() + i];
    return buf;
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
    return f;
  }

  @Test
  void doubleForwardOfBothKernelsMatchesTheTextbookLoop() {
    SplittableRandom r = new SplittableRandom(1);
    for (int[] g : geometries())
      for (int positions : POSITIONS)
        for (Nonlinearity f : Nonlinearity.values()) {
          Case c = Case.random(g, positions, r);
          double[] z = c.z();
          for (Conv1dKernels k : kernels()) {
            Conv1dPacking.Geometry geo = c.geometry(k, true);
            Conv1dPacking.DoubleLayer layer = Conv1dPacking.packDouble(geo, f, c.w(), c.b());
            int off = 3; // outputs need not start at 0
            double[] out = new double[off + positions * geo.outStride()];
            Arrays.fill(out, 9.0); // garbage: every output lane must be written
            k.forward(layer, rowsOf(c, geo.inStride()), 0, positions, out, off);
            for (int q = 0; q < positions; q++)
              for (int o = 0; o < geo.outStride(); o++) {
                double want = o < c.out() ? (f == Nonlinearity.RELU ? Math.max(0, z[q * c.out() + o]) : Math.tanh(z[q * c.out() + o])) : 0.0;
                assertThat(Math.abs(out[off + q * geo.outStride() + o] - want)).as("%s %s %s q=%d o=%d", k.name(), geo, f, q, o).isLessThan(1e-13);
              }
          }
        }
  }

  @Test
  void floatForwardAndGradientsOfBothKernelsMatchDoubleTextbookLoops() {
    SplittableRandom r = new SplittableRandom(2);
    for (int[] g : geometries())
      for (int positions : POSITIONS)
        for (Nonlinearity f : Nonlinearity.values()) {
          Case c = Case.random(g, positions, r);
          double[] z = c.z();
          for (Conv1dKernels k : kernels()) check(k, c, f, z);
        }
  }

  private static void check(Conv1dKernels k, Case c, Nonlinearity f, double[] z) {
    Conv1dPacking.Geometry geo = c.geometry(k, false);
    int os = geo.outStride();
    Conv1dPacking.FloatLayer layer = Conv1dPacking.FloatLayer.zeros(geo, f);
    float[] buf = new float[geo.weights() + os];
    Conv1dPacking.packFloat(geo, c.w(), c.b(), buf, 0);
    System.arraycopy(buf, 0, layer.w(), 0, geo.weights());
    System.arraycopy(buf, geo.weights(), layer.b(), 0, os);
    layer.transpose();
    float[] x = toFloat(rowsOf(c, geo.inStride()));
    float[] out = new float[c.positions() * os];
    k.forward(layer, x, 0, c.positions(), out, 0);
    float[] dz = new float[c.positions() * os];
    for (int q = 0; q < c.positions(); q++)
      for (int o = 0; o < c.out(); o++) {
        double a = f == Nonlinearity.RELU ? Math.max(0, z[q * c.out() + o]) : Math.tanh(z[q * c.out() + o]);
        assertThat(Math.abs(out[q * os + o] - a)).as("%s %s forward q=%d o=%d", k.name(), geo, q, o).isLessThan(2e-5 * (1 + Math.abs(a)));
        dz[q * os + o] = (float) c.dz()[q * c.out() + o];
      }
    // weight and bias gradients, accumulated on top of a non-zero buffer
    float[] grad = new float[2 + geo.weights() + os];
    Arrays.fill(grad, 0.25f);
    k.weightGradients(layer, x, 0, dz, 0, c.positions(), grad, 2);
    double[][] gwb = Conv1dPacking.unpackFloat(geo, grad, 2);
    for (int o = 0; o < c.out(); o++) {
      double gb = 0.25;
      for (int q = 0; q < c.positions(); q++) gb += c.dz()[q * c.out() + o];
      assertThat(Math.abs(gwb[1][o] - gb)).as("%s %s bias gradient %d", k.name(), geo, o).isLessThan(1e-4 * (1 + Math.abs(gb)));
      for (int ci = 0; ci < c.in(); ci++)
        for (int j = 0; j < c.kernel(); j++) {
          double gw = 0.25;
          for (int q = 0; q < c.positions(); q++) gw += c.dz()[q * c.out() + o] * c.x()[(q * c.stride() + j) * c.in() + ci];
          assertThat(Math.abs(gwb[0][(o * c.in() + ci) * c.kernel() + j] - gw)).as("%s %s weight gradient", k.name(), geo).isLessThan(1e-4 * (1 + Math.abs(gw)));
        }
    }
    // input gradients over the padded rows
    float[] dx = new float[1 + c.rows() * geo.inStride()];
    Arrays.fill(dx, -0.5f);
    k.inputGradients(layer, dz, 0, c.positions(), dx, 1);
    for (int t = 0; t < c.rows(); t++)
      for (int ci = 0; ci < geo.inStride(); ci++) {
        double want = -0.5;
        if (ci < c.in())
          for (int q = 0; q < c.positions(); q++) {
            int j = t - q * c.stride();
            if (j >= 0 && j < c.kernel()) for (int o = 0; o < c.out(); o++) want += c.w()[(o * c.in() + ci) * c.kernel() + j] * c.dz()[q * c.out() + o];
          }
        assertThat(Math.abs(dx[1 + t * geo.inStride() + ci] - want)).as("%s %s input gradient t=%d c=%d", k.name(), geo, t, ci).isLessThan(1e-4 * (1 + Math.abs(want)));
      }
  }

  @Test
  void derivativesOfBothKernelsAgreeWithTheFormula() {
    SplittableRandom r = new SplittableRandom(3);
    for (Conv1dKernels k : kernels())
      for (Nonlinearity f : Nonlinearity.values())
        for (int n : new int[] {1, 15, 16, 17, 100}) {
          float[] a = new float[n + 2];
          float[] d = new float[n + 1];
          for (int i = 0; i < a.length; i++) a[i] = (float) (f == Nonlinearity.RELU ? Math.max(0, r.nextDouble(-1, 1)) : Math.tanh(r.nextDouble(-2, 2)));
          for (int i = 0; i < d.length; i++) d[i] = (float) r.nextDouble(-1, 1);
          float[] before = d.clone();
          k.multiplyByDerivative(f, a, 2, d, 1, n);
          assertThat(d[0]).isEqualTo(before[0]);
          for (int i = 0; i < n; i++) {
            float v = a[2 + i];
            float want = f == Nonlinearity.RELU ? (v > 0 ? before[1 + i] : 0f) : before[1 + i] * (1f - v * v);
            assertThat(d[1 + i]).as("%s %s n=%d i=%d", k.name(), f, n, i).isEqualTo(want);
          }
        }
  }
}
