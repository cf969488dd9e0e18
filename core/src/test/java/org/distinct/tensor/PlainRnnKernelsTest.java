package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PlainRnnKernels} mirror the Vector API kernels bit for bit: every method, on random shapes (hidden sizes with
 * and without padding, full four-vector blocks and remainder vectors, 4-row tiles and their remainders), both state
 * layouts, continued sequences, truncation windows, and on every lane including the padding lanes (filled with
 * random values here, so that a lane computed differently cannot hide behind a zero).
 */
class PlainRnnKernelsTest {
  private static final int[] HIDDEN = {1, 7, 13, 16, 50, 64};

  private static RnnKernels vector() {
    return RnnKernelsProvider.vectorized().orElseThrow(); // surefire runs with --add-modules
  }

  /** The mirror with the vector kernels' padding. */
  private static RnnKernels mirror() {
    RnnKernels v = vector();
    return new PlainRnnKernels(v.paddedSize(1, false), v.paddedSize(1, true));
  }

  private static double[] doubles(int n, double scale, SplittableRandom r) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = r.nextDouble(-scale, scale);
    return a;
  }

  private static float[] floats(int n, double scale, SplittableRandom r) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = (float) r.nextDouble(-scale, scale);
    return a;
  }

  private static void assertSameBits(float[] actual, float[] expected, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++)
      if (Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i]))
        throw new AssertionError(what + "[" + i + "]: " + actual[i] + " vs " + expected[i]);
  }

  private static void assertSameBits(double[] actual, double[] expected, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++)
      if (Double.doubleToRawLongBits(actual[i]) != Double.doubleToRawLongBits(expected[i]))
        throw new AssertionError(what + "[" + i + "]: " + actual[i] + " vs " + expected[i]);
  }

  @Test
  void padsLikeTheVectorKernels() {
    RnnKernels v = vector();
    RnnKernels m = mirror();
    for (int h = 1; h <= 130; h++)
      for (boolean dbl : new boolean[] {false, true}) assertThat(m.paddedSize(h, dbl)).isEqualTo(v.paddedSize(h, dbl));
    assertThat(new PlainRnnKernels().paddedSize(13, false)).isEqualTo(13);
    assertThat(new PlainRnnKernels(4, 2).paddedSize(13, true)).isEqualTo(14);
    assertThatThrownBy(() -> new PlainRnnKernels(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.paddedSize(0, false)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Weights and inputs of one case, every lane random (padding lanes too). */
  private record Case(int in, int hidden, int hp, int hpD, int steps, SplittableRandom r) {
    static Case of(RnnKernels k, int in, int hidden, int steps, long seed) {
      return new Case(in, hidden, k.paddedSize(hidden, false), k.paddedSize(hidden, true), steps, new SplittableRandom(seed));
    }
  }

  @Test
  void doubleForwardPassesGiveTheVectorBits() {
    RnnKernels v = vector();
    RnnKernels m = mirror();
    for (int hidden : HIDDEN)
      for (int in = 1; in <= 3; in++)
        for (int steps = 1; steps <= 9; steps++) {
          Case c = Case.of(v, in, hidden, steps, hidden * 1000L + in * 10L + steps);
          int hp = c.hpD();
          double sc = 1.5 / Math.sqrt(hidden);
          double[] wIhT = doubles(in * hp, 1, c.r()), wHhT = doubles(hidden * hp, sc, c.r()), b = doubles(hp, 0.5, c.r());
          double[] xa = doubles(steps * in + 3, 2, c.r()), xb = doubles(steps * in + 3, 2, c.r());
          int split = (steps + 1) / 2;
          for (boolean keepAll : new boolean[] {true, false}) {
            int rows = keepAll ? steps + 1 : 2;
            String what = "double h=" + hidden + " in=" + in + " T=" + steps + " keepAll=" + keepAll;
            double[][] s = new double[4][];
            int[] row = new int[4];
            RnnKernels[] ks = {v, m};
            for (int q = 0; q < 2; q++) {
              s[q] = doubles(rows * hp, 9, new SplittableRandom(1)); // garbage: row 0 must be reset
              row[q] = ks[q].forward(wIhT, wHhT, b, in, hidden, hp, xa, 3, 1, split, s[q], keepAll);
              if (split < steps) row[q] = ks[q].forward(wIhT, wHhT, b, in, hidden, hp, xa, 3, split + 1, steps, s[q], keepAll);
            }
            assertThat(row[1]).isEqualTo(row[0]);
            assertSameBits(s[1], s[0], what);
            double[][] p = new double[4][];
            for (int q = 0; q < 2; q++) {
              p[2 * q] = doubles(rows * hp, 9, new SplittableRandom(2));
              p[2 * q + 1] = doubles(rows * hp, 9, new SplittableRandom(3));
              row[q] = ks[q].forward2(wIhT, wHhT, b, in, hidden, hp, xa, 0, p[2 * q], xb, 3, p[2 * q + 1], 1, steps, keepAll);
            }
            assertThat(row[1]).isEqualTo(row[0]);
            assertSameBits(p[2], p[0], what + " pair a");
            assertSameBits(p[3], p[1], what + " pair b");
          }
        }
  }

  /** Float buffers of one case for one implementation: three sequences a, b, c, and the gradients. */
  private static final class FloatRun {
    final float[] sa, sb, sc, ga, gb, gc, da, db, dc, gWihT, gWhhT, gbias;

    FloatRun(Case c, long seed) {
      int rows = c.steps() + 1, hp = c.hp();
      SplittableRandom r = new SplittableRandom(seed); // the same start values for both implementations
      sa = floats(rows * hp, 9, r);
      sb = floats(rows * hp, 9, r);
      sc = floats(rows * hp, 9, r);
      ga = floats(hp, 1, r);
      gb = floats(hp, 1, r);
      gc = floats(hp, 1, r);
      da = floats(rows * hp, 9, r);
      db = floats(rows * hp, 9, r);
      dc = floats(rows * hp, 9, r);
      gWihT = floats(c.in() * hp, 1, r);
      gWhhT = floats(c.hidden() * hp, 1, r);
      gbias = floats(hp, 1, r);
    }

    float[][] all() {
      return new float[][] {sa, sb, sc, ga, gb, gc, da, db, dc, gWihT, gWhhT, gbias};
    }

    /** Forward passes, full and truncated backward passes and gradient accumulation, as the training engine calls them. */
    void train(RnnKernels k, Case c, float[][] w, int window) {
      int in = c.in(), hidden = c.hidden(), hp = c.hp(), steps = c.steps();
      float[] wIhT = w[0], wHhT = w[1], wHh = w[2], b = w[3], xa = w[4], xb = w[5], xc = w[6];
      int split = (steps + 1) / 2;
      k.forward(wIhT, wHhT, b, in, hidden, hp, xa, 2, 1, split, sa); // a continued: two calls
      if (split < steps) k.forward(wIhT, wHhT, b, in, hidden, hp, xa, 2, split + 1, steps, sa);
      k.forward2(wIhT, wHhT, b, in, hidden, hp, xb, 2, sb, xc, 0, sc, 1, steps);
      int lo = steps - window + 1;
      k.backward(wHh, hidden, hp, sa, ga, da, steps, lo);
      int count = Math.max(1, window / 2);
      k.backward2(wHh, hidden, hp, sb, gb, db, steps, sc, gc, dc, steps, count);
      if (count < window) {
        k.backward(wHh, hidden, hp, sb, gb, db, steps - count, lo);
        k.backward(wHh, hidden, hp, sc, gc, dc, steps - count, lo);
      }
      k.accumulateGradients(sa, da, xa, 2, in, hidden, hp, lo, steps, gWihT, gWhhT, gbias);
      k.accumulateGradients(sb, db, xb, 2, in, hidden, hp, lo, steps, gWihT, gWhhT, gbias);
      k.accumulateGradients(sc, dc, xc, 0, in, hidden, hp, 1, steps, gWihT, gWhhT, gbias); // rows below lo: garbage
    }
  }

  @Test
  void floatTrainingKernelsGiveTheVectorBits() {
    RnnKernels v = vector();
    RnnKernels m = mirror();
    for (int hidden : HIDDEN)
      for (int in = 1; in <= 3; in++)
        for (int steps = 1; steps <= 9; steps++) {
          Case c = Case.of(v, in, hidden, steps, hidden * 7919L + in * 31L + steps);
          int hp = c.hp();
          double sc = 1.5 / Math.sqrt(hidden);
          float[][] w = {floats(in * hp, 1, c.r()), floats(hidden * hp, sc, c.r()), floats(hidden * hp, sc, c.r()),
              floats(hp, 0.5, c.r()), floats(steps * in + 2, 2, c.r()), floats(steps * in + 2, 2, c.r()),
              floats(steps * in, 2, c.r())};
          for (int window = 1; window <= steps; window++) {
            FloatRun ref = new FloatRun(c, steps * 100L + window);
            FloatRun got = new FloatRun(c, steps * 100L + window);
            ref.train(v, c, w, window);
            got.train(m, c, w, window);
            for (int q = 0; q < ref.all().length; q++)
              assertSameBits(got.all()[q], ref.all()[q], "float h=" + hidden + " in=" + in + " T=" + steps + " window=" + window + " #" + q);
          }
        }
  }

  @Test
  void withoutPaddingTheRealLanesHaveTheSameBits() {
    RnnKernels v = vector();
    RnnKernels u = new PlainRnnKernels(); // hp = hidden, as without the Vector API module
    for (int hidden : HIDDEN) {
      SplittableRandom r = new SplittableRandom(hidden);
      int in = 2, steps = 9, hp = v.paddedSize(hidden, false), hd = v.paddedSize(hidden, true);
      double sc = 1.5 / Math.sqrt(hidden);
      double[] wIh = doubles(hidden * in, 1, r), wHh = doubles(hidden * hidden, sc, r), b = doubles(hidden, 0.5, r);
      double[] x = doubles(steps * in, 2, r);
      double[] sv = new double[(steps + 1) * hd], su = new double[(steps + 1) * hidden];
      v.forward(RnnPacking.transposePadded(wIh, hidden, in, hd), RnnPacking.transposePadded(wHh, hidden, hidden, hd),
          RnnPacking.pad(b, hd), in, hidden, hd, x, 0, 1, steps, sv, true);
      u.forward(RnnPacking.transposePadded(wIh, hidden, in, hidden), RnnPacking.transposePadded(wHh, hidden, hidden, hidden),
          b, in, hidden, hidden, x, 0, 1, steps, su, true);
      assertSameBits(su, unpad(sv, steps + 1, hidden, hd), "double states h=" + hidden);
      float[] fx = new float[x.length];
      for (int i = 0; i < x.length; i++) fx[i] = (float) x[i];
      float[][] s = new float[2][];
      float[][] d = new float[2][];
      float[][] gw = new float[2][];
      RnnKernels[] ks = {v, u};
      for (int q = 0; q < 2; q++) {
        int p = q == 0 ? hp : hidden;
        s[q] = new float[(steps + 1) * p];
        d[q] = new float[(steps + 1) * p];
        gw[q] = new float[hidden * p];
        float[] fb = new float[p];
        for (int i = 0; i < hidden; i++) fb[i] = (float) b[i];
        ks[q].forward(RnnPacking.transposePaddedFloat(wIh, hidden, in, p), RnnPacking.transposePaddedFloat(wHh, hidden, hidden, p),
            fb, in, hidden, p, fx, 0, 1, steps, s[q]);
        float[] g = new float[p];
        for (int i = 0; i < hidden; i++) g[i] = (float) (0.1 * (i % 5) - 0.2);
        ks[q].backward(RnnPacking.padRowsFloat(wHh, hidden, hidden, p), hidden, p, s[q], g, d[q], steps, 1);
        ks[q].accumulateGradients(s[q], d[q], fx, 0, in, hidden, p, 1, steps, new float[in * p], gw[q], new float[p]);
      }
      assertSameBits(s[1], unpad(s[0], steps + 1, hidden, hp), "float states h=" + hidden);
      assertSameBits(d[1], unpad(d[0], steps + 1, hidden, hp), "float deltas h=" + hidden);
      assertSameBits(gw[1], unpad(gw[0], hidden, hidden, hp), "float gWhhT h=" + hidden);
    }
  }

  private static double[] unpad(double[] a, int rows, int cols, int stride) {
    double[] out = new double[rows * cols];
    for (int t = 0; t < rows; t++) System.arraycopy(a, t * stride, out, t * cols, cols);
    return out;
  }

  private static float[] unpad(float[] a, int rows, int cols, int stride) {
    float[] out = new float[rows * cols];
    for (int t = 0; t < rows; t++) System.arraycopy(a, t * stride, out, t * cols, cols);
    return out;
  }
}
