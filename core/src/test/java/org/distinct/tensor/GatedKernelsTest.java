package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The gated kernels against each other (plain vs Vector API), the lockstep variants against single calls (bit
 * for bit), and the double inference step against a textbook step, for several hidden and input sizes (padding,
 * remainder vectors, odd sizes).
 */
class GatedKernelsTest {
  private static final int[] HIDDEN = {1, 3, 16, 50, 67};

  private static GatedKernels vector() {
    assumeTrue(GatedKernelsProvider.vectorized().isPresent(), "Vector API module not present");
    return GatedKernelsProvider.vectorized().get();
  }

  /** Random PyTorch-layout layer parameters {@code [wIh | wHh | bIh | bHh]}, float-exact. */
  private static float[] layer(boolean lstm, int in, int h, SplittableRandom r) {
    int g = lstm ? 4 : 3;
    float[] p = new float[g * h * (in + h + 2)];
    double k = 1.5 / Math.sqrt(h);
    for (int i = 0; i < p.length; i++) p[i] = (float) r.nextDouble(-k, k);
    return p;
  }

  private static float[] rand(int n, SplittableRandom r) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = (float) r.nextDouble(-1, 1);
    return a;
  }

  /** Everything one kernel set computes for one sequence, unpadded: h, deltas, the packed gradient unpacked, dx. */
  private record Run(double[] h, double[] deltas, double[] grad, double[] dx) {}

  private static Run run(GatedKernels k, boolean lstm, int in, int h, float[] p, float[] x, int steps, float[] gT, int lo) {
    int hp = k.paddedSize(h, false);
    int inP = k.paddedSize(in, false);
    GatedFloatWeights w = new GatedFloatWeights(lstm, in, h, hp, inP, k.panelWidth());
    w.load(p, 0);
    GatedTape tp = new GatedTape(lstm, hp, steps);
    k.forward(w, tp.input(x, 0, in, steps));
    double[] hs = new double[steps * h];
    for (int t = 1; t <= steps; t++) for (int u = 0; u < h; u++) hs[(t - 1) * h + u] = tp.h[t * hp + u];
    float[] top = new float[hp];
    System.arraycopy(gT, 0, top, 0, h);
    k.backward(w, tp.above(top, 0), lo);
    double[] d = new double[(steps - lo + 1) * 4 * h];
    for (int t = lo; t <= steps; t++)
      for (int b = 0; b < 4; b++) for (int u = 0; u < h; u++) d[((t - lo) * 4 + b) * h + u] = tp.gates[t * w.width + b * hp + u];
    float[] g = new float[w.gradientSize()];
    k.accumulateGradients(w, tp, lo, g, 0);
    float[] dx = new float[(steps + 1) * inP];
    k.inputGradients(w, tp, lo, dx);
    double[] dxs = new double[(steps - lo + 1) * in];
    for (int t = lo; t <= steps; t++) for (int c = 0; c < in; c++) dxs[(t - lo) * in + c] = dx[t * inP + c];
    return new Run(hs, d, unpack(w, g), dxs);
  }

  /** The packed gradient as {@code [gWih (G·H × in) | gWhh (G·H × H) | gbIh | gbHh]}, PyTorch's layout. */
  private static double[] unpack(GatedFloatWeights w, float[] g) {
    int gates = w.gates, h = w.hidden, in = w.in, hp = w.hp, wd = w.width, rec = w.recurrent;
    int gh = gates * h;
    double[] out = new double[gh * (in + h + 2)];
    int sHh = in * wd, sCol = sHh + h * rec;
    for (int k = 0; k < gates; k++) {
      int blk = GatedFloatWeights.inputBlock(w.lstm, k);
      for (int u = 0; u < h; u++) {
        int r = k * h + u;
        for (int c = 0; c < in; c++) out[r * in + c] = g[c * wd + blk * hp + u];
        for (int j = 0; j < h; j++) out[gh * in + r * h + j] = g[sHh + j * rec + k * hp + u];
        out[gh * (in + h) + r] = g[sCol + blk * hp + u];
        out[gh * (in + h + 1) + r] = g[sCol + k * hp + u];
      }
    }
    return out;
  }

  private static void assertClose(double[] a, double[] ref, double rel, String what) {
    double scale = 0;
    for (double v : ref) scale = Math.max(scale, Math.abs(v));
    assertThat(scale).as(what + " is not trivially zero").isGreaterThan(1e-4);
    for (int i = 0; i < ref.length; i++)
      assertThat(Math.abs(a[i] - ref[i])).as("%s[%d]: %s vs %s", what, i, a[i], ref[i]).isLessThanOrEqualTo(rel * scale);
  }

  @Test
  void providerPicksTheVectorKernelsWhenTheModuleIsPresent() {
    assertThat(GatedKernelsProvider.vectorized()).isPresent(); // surefire runs with --add-modules
    assertThat(GatedKernelsProvider.get().name()).startsWith("vector-");
    assertThat(GatedKernelsProvider.plain().name()).isEqualTo("plain");
    GatedKernels v = vector();
    for (int h : HIDDEN) {
      assertThat(v.paddedSize(h, false)).isGreaterThanOrEqualTo(h).isLessThan(h + v.paddedSize(1, false));
      assertThat(v.paddedSize(h, true) % v.paddedSize(1, true)).isZero();
      assertThat(GatedKernelsProvider.plain().paddedSize(h, false)).isEqualTo(h);
    }
  }

  @Test
  void floatForwardBackwardAndGradientsOfPlainAndVectorKernelsAgree() {
    for (boolean lstm : new boolean[] {true, false})
      for (int in : new int[] {1, 3})
        for (int h : HIDDEN) {
          SplittableRandom r = new SplittableRandom(h * 31L + in + (lstm ? 0 : 7));
          int steps = 23;
          float[] p = layer(lstm, in, h, r);
          float[] x = rand(steps * in, r);
          float[] gT = rand(h, r);
          for (int lo : new int[] {1, 9}) {
            Run a = run(GatedKernelsProvider.plain(), lstm, in, h, p, x, steps, gT, lo);
            Run b = run(vector(), lstm, in, h, p, x, steps, gT, lo);
            String what = (lstm ? "lstm" : "gru") + " in=" + in + " h=" + h + " lo=" + lo;
            assertClose(b.h, a.h, 2e-6, what + " h");
            assertClose(b.deltas, a.deltas, 2e-5, what + " deltas");
            assertClose(b.grad, a.grad, 2e-5, what + " gradient");
            assertClose(b.dx, a.dx, 2e-5, what + " dx");
          }
        }
  }

  @Test
  void lockstepPairsAreBitIdenticalToSingleCalls() {
    for (GatedKernels k : new GatedKernels[] {GatedKernelsProvider.plain(), vector()})
      for (boolean lstm : new boolean[] {true, false})
        for (int h : HIDDEN) {
          SplittableRandom r = new SplittableRandom(h * 13L + (lstm ? 1 : 2));
          int in = 2, ta = 19, tb = 27, hp = k.paddedSize(h, false);
          GatedFloatWeights w = new GatedFloatWeights(lstm, in, h, hp, 0, k.panelWidth());
          w.load(layer(lstm, in, h, r), 0);
          float[] xa = rand(ta * in, r), xb = rand(tb * in, r);
          float[] above = new float[(tb + 1) * hp];
          for (int t = 0; t <= tb; t++) for (int u = 0; u < h; u++) above[t * hp + u] = (float) r.nextDouble(-1, 1);
          GatedTape sa = new GatedTape(lstm, hp, tb), sb = new GatedTape(lstm, hp, tb);
          GatedTape pa = new GatedTape(lstm, hp, tb), pb = new GatedTape(lstm, hp, tb);
          k.forward(w, sa.input(xa, 0, in, ta));
          k.forward(w, sb.input(xb, 0, in, tb));
          k.forward2(w, pa.input(xa, 0, in, ta), pb.input(xb, 0, in, tb));
          assertThat(pa.h).containsExactly(sa.h);
          assertThat(pb.h).containsExactly(sb.h);
          assertThat(pa.gates).containsExactly(sa.gates);
          // unequal windows: a from step 4, b from step 1; a gets every step from above, b only the last
          k.backward(w, sa.above(above, hp), 4);
          k.backward(w, sb.above(above, 0), 1);
          k.backward2(w, pa.above(above, hp), 4, pb.above(above, 0), 1);
          assertThat(pa.gates).containsExactly(sa.gates);
          assertThat(pb.gates).containsExactly(sb.gates);
          assertThat(pa.g).containsExactly(sa.g);
          assertThat(pb.g).containsExactly(sb.g);
        }
  }

  /** Textbook double step of one layer in PyTorch's layout. */
  private static void textbookStep(boolean lstm, int in, int h, double[] p, double[] x, int xo, double[] hs, double[] cs) {
    int g = lstm ? 4 : 3, gh = g * h;
    double[] ax = new double[gh], ah = new double[gh];
    for (int r = 0; r < gh; r++) {
      double a = p[gh * (in + h) + r];
      for (int c = 0; c < in; c++) a += p[r * in + c] * x[xo + c];
      double b = p[gh * (in + h + 1) + r];
      for (int j = 0; j < h; j++) b += p[gh * in + r * h + j] * hs[j];
      ax[r] = a;
      ah[r] = b;
    }
    for (int u = 0; u < h; u++) {
      if (lstm) {
        double i = 1 / (1 + Math.exp(-(ax[u] + ah[u]))), f = 1 / (1 + Math.exp(-(ax[h + u] + ah[h + u])));
        double gg = Math.tanh(ax[2 * h + u] + ah[2 * h + u]), o = 1 / (1 + Math.exp(-(ax[3 * h + u] + ah[3 * h + u])));
        cs[u] = f * cs[u] + i * gg;
        hs[u] = o * Math.tanh(cs[u]);
      } else {
        double rr = 1 / (1 + Math.exp(-(ax[u] + ah[u]))), z = 1 / (1 + Math.exp(-(ax[h + u] + ah[h + u])));
        double n = Math.tanh(ax[2 * h + u] + rr * ah[2 * h + u]);
        hs[u] = (1 - z) * n + z * hs[u];
      }
    }
  }

  @Test
  void doubleStepsOfBothKernelsMatchTheTextbookStep() {
    for (GatedKernels k : new GatedKernels[] {GatedKernelsProvider.plain(), vector()})
      for (boolean lstm : new boolean[] {true, false})
        for (int in : new int[] {1, 3})
          for (int h : HIDDEN) {
            SplittableRandom r = new SplittableRandom(h * 17L + in);
            int g = lstm ? 4 : 3, gh = g * h, steps = 40;
            double[] p = new double[gh * (in + h + 2)];
            for (int i = 0; i < p.length; i++) p[i] = r.nextDouble(-2 / Math.sqrt(h), 2 / Math.sqrt(h));
            double[] x = new double[steps * in];
            for (int i = 0; i < x.length; i++) x[i] = r.nextDouble();
            int hp = k.paddedSize(h, true);
            GatedDoubleWeights w = new GatedDoubleWeights(lstm, in, h, hp).load(Arrays.copyOfRange(p, 0, gh * in),
                Arrays.copyOfRange(p, gh * in, gh * (in + h)), Arrays.copyOfRange(p, gh * (in + h), gh * (in + h + 1)),
                Arrays.copyOfRange(p, gh * (in + h + 1), p.length));
            double[] hk = new double[hp], ck = new double[hp], row = new double[4 * hp];
            double[] ht = new double[h], ct = new double[h];
            for (int t = 0; t < steps; t++) {
              k.step(w, x, t * in, hk, ck, row);
              textbookStep(lstm, in, h, p, x, t * in, ht, ct);
              for (int u = 0; u < h; u++)
                assertThat(Math.abs(hk[u] - ht[u])).as("%s %s h=%d t=%d u=%d", k.name(), lstm, h, t, u).isLessThan(1e-13);
              for (int u = h; u < hp; u++) assertThat(hk[u]).isZero();
            }
          }
  }
}
