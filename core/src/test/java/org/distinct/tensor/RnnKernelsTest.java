package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels against the plain-Java kernels and against a double textbook loop, on random
 * weights, for several hidden and input sizes (padding, remainder vectors, remainder tiles).
 */
class RnnKernelsTest {
  private static final int[] HIDDEN = {1, 3, 16, 50, 67, 100};

  private static RnnKernels vector() {
    assumeTrue(RnnKernelsProvider.vectorized().isPresent(), "Vector API module not present");
    return RnnKernelsProvider.vectorized().get();
  }

  @Test
  void providerPicksTheVectorKernelsWhenTheModuleIsPresent() {
    assertThat(RnnKernelsProvider.vectorModulePresent()).isTrue(); // surefire runs with --add-modules
    assertThat(RnnKernelsProvider.vectorized()).isPresent();
    assertThat(RnnKernelsProvider.get().name()).startsWith("vector-");
    assertThat(RnnKernelsProvider.plain().name()).isEqualTo("plain");
    RnnKernels v = vector();
    for (int h : HIDDEN) {
      assertThat(v.paddedSize(h, false)).isGreaterThanOrEqualTo(h).isLessThan(h + v.paddedSize(1, false));
      assertThat(v.paddedSize(h, false) % v.paddedSize(1, false)).isZero();
    }
  }

  /** Textbook double forward: states [(T+1) × H]. */
  private static double[] refStates(double[] wIh, double[] wHh, double[] b, int in, int h, double[] x, int steps) {
    double[] s = new double[(steps + 1) * h];
    for (int t = 1; t <= steps; t++)
      for (int i = 0; i < h; i++) {
        double a = b[i];
        for (int k = 0; k < in; k++) a += wIh[i * in + k] * x[(t - 1) * in + k];
        for (int j = 0; j < h; j++) a += wHh[i * h + j] * s[(t - 1) * h + j];
        s[t * h + i] = Math.tanh(a);
      }
    return s;
  }

  private static double[] rand(int n, double scale, SplittableRandom r) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = r.nextDouble(-scale, scale);
    return a;
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
    return f;
  }

  private static double[] roundToFloat(double[] d) {
    double[] f = new double[d.length];
    for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
    return f;
  }

  @Test
  void doubleForwardOfBothKernelsMatchesTheTextbookLoop() {
    RnnKernels[] ks = {RnnKernelsProvider.plain(), vector()};
    for (int in : new int[] {1, 3})
      for (int h : HIDDEN) {
        SplittableRandom r = new SplittableRandom(h * 31L + in);
        int steps = 37;
        double sc = 1.5 / Math.sqrt(h);
        double[] wIh = rand(h * in, 1, r), wHh = rand(h * h, sc, r), b = rand(h, 0.5, r), x = rand(steps * in, 1, r);
        double[] ref = refStates(wIh, wHh, b, in, h, x, steps);
        for (RnnKernels k : ks) {
          int hp = k.paddedSize(h, true);
          double[] all = new double[(steps + 1) * hp];
          double[] two = new double[2 * hp];
          Arrays.fill(two, 9.0); // garbage: the kernel must reset h_0
          int rowAll = k.forward(RnnPacking.transposePadded(wIh, h, in, hp), RnnPacking.transposePadded(wHh, h, h, hp),
              RnnPacking.pad(b, hp), in, h, hp, x, 0, 1, steps, all, true);
          int rowTwo = k.forward(RnnPacking.transposePadded(wIh, h, in, hp), RnnPacking.transposePadded(wHh, h, h, hp),
              RnnPacking.pad(b, hp), in, h, hp, x, 0, 1, steps, two, false);
          assertThat(rowAll).isEqualTo(steps);
          for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < h; i++)
              assertThat(Math.abs(all[t * hp + i] - ref[t * h + i])).as("%s h=%d t=%d i=%d", k.name(), h, t, i).isLessThan(1e-13);
            for (int i = h; i < hp; i++) assertThat(all[t * hp + i]).isZero();
          }
          for (int i = 0; i < h; i++) assertThat(two[rowTwo * hp + i]).isEqualTo(all[steps * hp + i]);
        }
      }
  }

  @Test
  void floatForwardBackwardAndGradientsAgreeAcrossKernelsAndWithDouble() {
    RnnKernels plain = RnnKernelsProvider.plain();
    RnnKernels vec = vector();
    for (int in : new int[] {1, 2})
      for (int h : HIDDEN) {
        SplittableRandom r = new SplittableRandom(h * 17L + in);
        int steps = 29;
        double sc = 1.5 / Math.sqrt(h);
        // weights exactly representable in float so both precisions see the same model
        double[] wIh = roundToFloat(rand(h * in, 1, r)), wHh = roundToFloat(rand(h * h, sc, r));
        double[] b = roundToFloat(rand(h, 0.5, r)), x = roundToFloat(rand(steps * in, 1, r));
        double[] gT = roundToFloat(rand(h, 1, r));
        int window = steps - 5;
        Result dbl = doubleReference(wIh, wHh, b, in, h, x, steps, gT, window);
        Result rp = run(plain, wIh, wHh, b, in, h, x, steps, gT, window);
        Result rv = run(vec, wIh, wHh, b, in, h, x, steps, gT, window);
        for (Result res : new Result[] {rp, rv}) {
          assertClose(res.states, dbl.states, 2e-6, "states " + h);
          assertClose(res.deltas, dbl.deltas, 2e-5, "deltas " + h);
          assertClose(res.gWih, dbl.gWih, 2e-5, "gWih " + h);
          assertClose(res.gWhh, dbl.gWhh, 2e-5, "gWhh " + h);
          assertClose(res.gb, dbl.gb, 2e-5, "gb " + h);
        }
        assertClose(rv.gWhh, rp.gWhh, 2e-5, "vector vs plain gWhh " + h);
      }
  }

  @Test
  void pairedKernelsAreBitIdenticalToSingleCalls() {
    for (RnnKernels k : new RnnKernels[] {RnnKernelsProvider.plain(), vector()})
      for (int in : new int[] {1, 2})
        for (int h : HIDDEN) {
          SplittableRandom r = new SplittableRandom(h * 7L + in);
          int ta = 23, tb = 31, from = 1, to = 19;
          double sc = 1.5 / Math.sqrt(h);
          double[] wIh = rand(h * in, 1, r), wHh = rand(h * h, sc, r), b = rand(h, 0.5, r);
          double[] xa = rand(ta * in, 1, r), xb = rand(tb * in, 1, r);
          // double, both state layouts
          int hd = k.paddedSize(h, true);
          double[] wIhT = RnnPacking.transposePadded(wIh, h, in, hd), wHhT = RnnPacking.transposePadded(wHh, h, h, hd), bd = RnnPacking.pad(b, hd);
          for (boolean keepAll : new boolean[] {true, false}) {
            int rows = keepAll ? tb + 1 : 2;
            double[] s1 = new double[rows * hd], s2 = new double[rows * hd], p1 = new double[rows * hd], p2 = new double[rows * hd];
            k.forward(wIhT, wHhT, bd, in, h, hd, xa, 0, from, to, s1, keepAll);
            k.forward(wIhT, wHhT, bd, in, h, hd, xb, 0, from, to, s2, keepAll);
            k.forward2(wIhT, wHhT, bd, in, h, hd, xa, 0, p1, xb, 0, p2, from, to, keepAll);
            assertThat(p1).containsExactly(s1);
            assertThat(p2).containsExactly(s2);
            // continuing a sequence equals running it in one go
            double[] whole = new double[rows * hd];
            int rw = k.forward(wIhT, wHhT, bd, in, h, hd, xa, 0, 1, ta, whole, keepAll);
            int rc = k.forward(wIhT, wHhT, bd, in, h, hd, xa, 0, to + 1, ta, p1, keepAll);
            assertThat(rc).isEqualTo(rw);
            assertThat(p1).containsExactly(whole);
          }
          // float forward and backward
          int hf = k.paddedSize(h, false);
          float[] fIhT = RnnPacking.transposePaddedFloat(wIh, h, in, hf), fHhT = RnnPacking.transposePaddedFloat(wHh, h, h, hf);
          float[] fb = toFloat(RnnPacking.pad(b, hf)), fHh = RnnPacking.padRowsFloat(wHh, h, h, hf);
          float[] fxa = toFloat(xa), fxb = toFloat(xb);
          float[] s1 = new float[(tb + 1) * hf], s2 = new float[(tb + 1) * hf], p1 = new float[(tb + 1) * hf], p2 = new float[(tb + 1) * hf];
          k.forward(fIhT, fHhT, fb, in, h, hf, fxa, 0, 1, ta, s1);
          k.forward(fIhT, fHhT, fb, in, h, hf, fxb, 0, 1, tb, s2);
          k.forward2(fIhT, fHhT, fb, in, h, hf, fxa, 0, p1, fxb, 0, p2, 1, ta);
          k.forward(fIhT, fHhT, fb, in, h, hf, fxb, 0, ta + 1, tb, p2);
          assertThat(p1).containsExactly(s1);
          assertThat(p2).containsExactly(s2);
          float[] g0a = toFloat(RnnPacking.pad(rand(h, 1, r), hf)), g0b = toFloat(RnnPacking.pad(rand(h, 1, r), hf));
          float[] ga = g0a.clone(), gb = g0b.clone(), da = new float[(tb + 1) * hf], db = new float[(tb + 1) * hf];
          k.backward(fHh, h, hf, s1, ga, da, ta, 3);
          k.backward(fHh, h, hf, s2, gb, db, tb, 5);
          float[] qa = g0a.clone(), qb = g0b.clone(), ea = new float[(tb + 1) * hf], eb = new float[(tb + 1) * hf];
          k.backward2(fHh, h, hf, s1, qa, ea, ta, s2, qb, eb, tb, 10);
          k.backward(fHh, h, hf, s1, qa, ea, ta - 10, 3);
          k.backward(fHh, h, hf, s2, qb, eb, tb - 10, 5);
          assertThat(ea).containsExactly(da);
          assertThat(eb).containsExactly(db);
          assertThat(qa).containsExactly(ga);
          assertThat(qb).containsExactly(gb);
        }
  }

  private record Result(double[] states, double[] deltas, double[] gWih, double[] gWhh, double[] gb) {}

  private static void assertClose(double[] a, double[] ref, double rel, String what) {
    double scale = 0;
    for (double v : ref) scale = Math.max(scale, Math.abs(v));
    assertThat(scale).as(what + " is not trivially zero").isGreaterThan(1e-3);
    for (int i = 0; i < ref.length; i++)
      assertThat(Math.abs(a[i] - ref[i])).as("%s[%d]: %s vs %s", what, i, a[i], ref[i]).isLessThanOrEqualTo(rel * scale);
  }

  /** Runs a kernel set; returns everything unpadded: states [(T+1)×H], deltas [(T+1)×H], gWih [H×I], gWhh [H×H], gb [H]. */
  private static Result run(RnnKernels k, double[] wIh, double[] wHh, double[] b, int in, int h, double[] x, int steps, double[] gT, int window) {
    int hp = k.paddedSize(h, false);
    float[] s = new float[(steps + 1) * hp];
    float[] d = new float[(steps + 1) * hp];
    k.forward(RnnPacking.transposePaddedFloat(wIh, h, in, hp), RnnPacking.transposePaddedFloat(wHh, h, h, hp),
        toFloat(RnnPacking.pad(b, hp)), in, h, hp, toFloat(x), 0, 1, steps, s);
    float[] g = toFloat(RnnPacking.pad(gT, hp));
    k.backward(RnnPacking.padRowsFloat(wHh, h, h, hp), h, hp, s, g, d, steps, steps - window + 1);
    float[] gWihT = new float[in * hp], gWhhT = new float[h * hp], gb = new float[hp];
    k.accumulateGradients(s, d, toFloat(x), 0, in, h, hp, steps - window + 1, steps, gWihT, gWhhT, gb);
    double[] st = new double[(steps + 1) * h], de = new double[(steps + 1) * h];
    for (int t = 0; t <= steps; t++)
      for (int i = 0; i < h; i++) {
        st[t * h + i] = s[t * hp + i];
        de[t * h + i] = t >= steps - window + 1 ? d[t * hp + i] : 0;
      }
    double[] gbd = new double[h];
    for (int i = 0; i < h; i++) gbd[i] = gb[i];
    return new Result(st, de, RnnPacking.untransposeToDouble(gWihT, h, in, hp),
        RnnPacking.untransposeToDouble(gWhhT, h, h, hp), gbd);
  }

  private static Result doubleReference(double[] wIh, double[] wHh, double[] b, int in, int h, double[] x, int steps, double[] gT, int window) {
    double[] s = refStates(wIh, wHh, b, in, h, x, steps);
    double[] d = new double[(steps + 1) * h];
    double[] g = gT.clone();
    double[] gWih = new double[h * in], gWhh = new double[h * h], gb = new double[h];
    for (int t = steps; t >= steps - window + 1; t--) {
      for (int i = 0; i < h; i++) d[t * h + i] = g[i] * (1 - s[t * h + i] * s[t * h + i]);
      double[] ng = new double[h];
      for (int i = 0; i < h; i++) {
        double di = d[t * h + i];
        gb[i] += di;
        for (int k = 0; k < in; k++) gWih[i * in + k] += di * x[(t - 1) * in + k];
        for (int j = 0; j < h; j++) {
          gWhh[i * h + j] += di * s[(t - 1) * h + j];
          ng[j] += wHh[i * h + j] * di;
        }
      }
      g = ng;
    }
    return new Result(s, d, gWih, gWhh, gb);
  }
}
