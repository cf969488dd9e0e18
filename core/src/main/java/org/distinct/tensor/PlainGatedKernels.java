package org.distinct.tensor;

import java.util.Arrays;

/**
 * Plain-Java {@link GatedKernels}: simple loops, no padding ({@code hp = hidden}), tanh from {@link Math#tanh},
 * the double sigmoid from {@link FastMath#sigmoid}. Used when the Vector API module is absent, and as the
 * cross-check of {@code VectorGatedKernels} in tests.
 */
public final class PlainGatedKernels implements GatedKernels {

  /** Creates the kernels (stateless). */
  public PlainGatedKernels() {}

  @Override
  public String name() {
    return "plain";
  }

  @Override
  public int paddedSize(int hidden, boolean doublePrecision) {
    if (hidden <= 0) throw new IllegalArgumentException("hidden must be positive: " + hidden);
    return hidden;
  }

  /** @return 0: row-major recurrent weights */
  @Override
  public int panelWidth() {
    return 0;
  }

  private static float tanh(float v) {
    return (float) Math.tanh(v);
  }

  /** σ(a) from the halved pre-activation {@code v = a/2}. */
  private static float sigmoidOfHalf(float v) {
    return 0.5f + 0.5f * tanh(v);
  }

  @Override
  public void forward2(GatedFloatWeights w, GatedTape a, GatedTape b) {
    forward(w, a);
    forward(w, b);
  }

  @Override
  public void backward2(GatedFloatWeights w, GatedTape a, int loA, GatedTape b, int loB) {
    backward(w, a, loA);
    backward(w, b, loB);
  }

  @Override
  public void forward(GatedFloatWeights w, GatedTape tp) {
    tp.check(w);
    float[] x = tp.x;
    int xOff = tp.xOff, xStride = tp.xStride, steps = tp.steps;
    int hp = w.hp, wd = w.width, rec = w.recurrent;
    float[] gt = tp.gates;
    float[] h = tp.h;
    Arrays.fill(h, 0, hp, 0f);
    if (w.lstm) Arrays.fill(tp.c, 0, hp, 0f);
    for (int t = 1, end = steps + 1; t < end; t++) {
      int gr = t * wd;
      int xo = xOff + (t - 1) * xStride;
      int hPrev = (t - 1) * hp;
      System.arraycopy(w.bx, 0, gt, gr, wd);
      for (int k = 0; k < w.in; k++) {
        float xk = x[xo + k];
        for (int col = 0; col < wd; col++) gt[gr + col] += w.wIhT[k * wd + col] * xk;
      }
      for (int j = 0; j < w.hidden; j++) {
        float hj = h[hPrev + j];
        for (int col = 0; col < rec; col++) gt[gr + col] += w.wHhT[j * rec + col] * hj;
      }
      if (w.lstm) lstmCell(tp, hp, t);
      else gruCell(tp, hp, t);
    }
  }

  private static void lstmCell(GatedTape tp, int hp, int t) {
    float[] gt = tp.gates;
    int gr = t * 4 * hp;
    for (int u = 0; u < hp; u++) {
      float i = sigmoidOfHalf(gt[gr + u]);
      float f = sigmoidOfHalf(gt[gr + hp + u]);
      float g = tanh(gt[gr + 2 * hp + u]);
      float o = sigmoidOfHalf(gt[gr + 3 * hp + u]);
      gt[gr + u] = i;
      gt[gr + hp + u] = f;
      gt[gr + 2 * hp + u] = g;
      gt[gr + 3 * hp + u] = o;
      float c = f * tp.c[(t - 1) * hp + u] + i * g;
      float tc = tanh(c);
      tp.c[t * hp + u] = c;
      tp.h[t * hp + u] = o * tc;
    }
  }

  private static void gruCell(GatedTape tp, int hp, int t) {
    float[] gt = tp.gates;
    int gr = t * 4 * hp;
    for (int u = 0; u < hp; u++) {
      float r = sigmoidOfHalf(gt[gr + u]);
      float z = sigmoidOfHalf(gt[gr + hp + u]);
      float n = tanh(gt[gr + 3 * hp + u] + r * gt[gr + 2 * hp + u]);
      gt[gr + u] = r;
      gt[gr + hp + u] = z;
      gt[gr + 3 * hp + u] = n;
      float hPrev = tp.h[(t - 1) * hp + u];
      tp.h[t * hp + u] = n + z * (hPrev - n);
    }
  }

  @Override
  public void backward(GatedFloatWeights w, GatedTape tp, int lo) {
    int steps = tp.steps;
    if (lo < 1 || lo > steps) throw new IllegalArgumentException("lo " + lo + " outside 1.." + steps);
    Arrays.fill(tp.g, 0f);
    Arrays.fill(tp.dc, 0f);
    steps(w, tp, lo);
    if (tp.grad != null) accumulateGradients(w, tp, lo, tp.grad, tp.gOff);
  }

  private static void steps(GatedFloatWeights w, GatedTape tp, int lo) {
    int hp = w.hp;
    float[] g = tp.g;
    for (int t = tp.steps, stop = lo - 1; t > stop; t--) {
      int ao = tp.aboveOffset(t);
      if (w.lstm) lstmDeltas(tp, hp, t, tp.above, ao);
      else gruDeltas(tp, hp, t, tp.above, ao);
      if (t == lo) break;
      int gr = t * w.width;
      for (int b = 0; b < w.gates; b++)
        for (int u = 0; u < w.hidden; u++) {
          float d = tp.gates[gr + b * hp + u];
          int row = (b * hp + u) * hp;
          for (int j = 0; j < hp; j++) g[j] += w.wHh[row + j] * d;
        }
    }
  }

  private static void lstmDeltas(GatedTape tp, int hp, int t, float[] above, int ao) {
    float[] gt = tp.gates;
    int gr = t * 4 * hp;
    for (int u = 0; u < hp; u++) {
      float dh = tp.g[u] + (ao >= 0 ? above[ao + u] : 0f);
      float i = gt[gr + u], f = gt[gr + hp + u], g = gt[gr + 2 * hp + u], o = gt[gr + 3 * hp + u];
      float tc = tanh(tp.c[t * hp + u]);
      float dc = tp.dc[u] + dh * o * (1f - tc * tc);
      gt[gr + u] = dc * g * (i * (1f - i));
      gt[gr + hp + u] = dc * tp.c[(t - 1) * hp + u] * (f * (1f - f));
      gt[gr + 2 * hp + u] = dc * i * (1f - g * g);
      gt[gr + 3 * hp + u] = dh * tc * (o * (1f - o));
      tp.dc[u] = dc * f;
      tp.g[u] = 0f;
    }
  }

  private static void gruDeltas(GatedTape tp, int hp, int t, float[] above, int ao) {
    float[] gt = tp.gates;
    int gr = t * 4 * hp;
    for (int u = 0; u < hp; u++) {
      float dh = tp.g[u] + (ao >= 0 ? above[ao + u] : 0f);
      float r = gt[gr + u], z = gt[gr + hp + u], hn = gt[gr + 2 * hp + u], n = gt[gr + 3 * hp + u];
      float hPrev = tp.h[(t - 1) * hp + u];
      float dan = dh * (1f - z) * (1f - n * n);
      gt[gr + u] = dan * hn * (r * (1f - r));
      gt[gr + hp + u] = dh * (hPrev - n) * (z * (1f - z));
      gt[gr + 2 * hp + u] = dan * r;
      gt[gr + 3 * hp + u] = dan;
      tp.g[u] = dh * z;
    }
  }

  @Override
  public void accumulateGradients(GatedFloatWeights w, GatedTape tp, int lo, float[] grad, int gOff) {
    int hp = w.hp, wd = w.width, rec = w.recurrent;
    int oH = gOff + w.in * wd;
    int oC = oH + w.hidden * rec;
    float[] gt = tp.gates;
    for (int t = lo, end = tp.steps + 1; t < end; t++) {
      int gr = t * wd;
      int xo = tp.xOff + (t - 1) * tp.xStride;
      int hPrev = (t - 1) * hp;
      for (int col = 0; col < wd; col++) grad[oC + col] += gt[gr + col];
      for (int k = 0; k < w.in; k++) {
        float xk = tp.x[xo + k];
        for (int col = 0; col < wd; col++) grad[gOff + k * wd + col] += xk * gt[gr + col];
      }
      for (int j = 0; j < w.hidden; j++) {
        float hj = tp.h[hPrev + j];
        for (int col = 0; col < rec; col++) grad[oH + j * rec + col] += hj * gt[gr + col];
      }
    }
  }

  @Override
  public void inputGradients(GatedFloatWeights w, GatedTape tp, int lo, float[] dx) {
    int inP = w.inP, hp = w.hp;
    if (inP == 0) throw new IllegalStateException("the layer was packed without input gradients (inP = 0)");
    for (int t = lo, end = tp.steps + 1; t < end; t++) {
      int gr = t * w.width;
      int o = t * inP;
      Arrays.fill(dx, o, o + inP, 0f);
      for (int b = 0; b < 4; b++) {
        if (!w.lstm && b == 2) continue;
        for (int u = 0; u < w.hidden; u++) {
          float d = tp.gates[gr + b * hp + u];
          int row = (b * hp + u) * inP;
          for (int k = 0; k < w.in; k++) dx[o + k] += w.wIhRows[row + k] * d;
        }
      }
    }
  }

  @Override
  public void step(GatedDoubleWeights w, double[] x, int xOff, double[] h, double[] c, double[] row) {
    int hp = w.hp, wd = w.width, rec = w.recurrent;
    System.arraycopy(w.bx, 0, row, 0, wd);
    for (int k = 0; k < w.in; k++) {
      double xk = x[xOff + k];
      for (int col = 0; col < wd; col++) row[col] += w.wIhT[k * wd + col] * xk;
    }
    for (int j = 0; j < w.hidden; j++) {
      double hj = h[j];
      for (int col = 0; col < rec; col++) row[col] += w.wHhT[j * rec + col] * hj;
    }
    if (w.lstm) {
      for (int u = 0; u < hp; u++) {
        double i = FastMath.sigmoid(row[u]);
        double f = FastMath.sigmoid(row[hp + u]);
        double g = Math.tanh(row[2 * hp + u]);
        double o = FastMath.sigmoid(row[3 * hp + u]);
        c[u] = f * c[u] + i * g;
        h[u] = o * Math.tanh(c[u]);
      }
    } else {
      for (int u = 0; u < hp; u++) {
        double r = FastMath.sigmoid(row[u]);
        double z = FastMath.sigmoid(row[hp + u]);
        double n = Math.tanh(row[3 * hp + u] + r * row[2 * hp + u]);
        h[u] = n + z * (h[u] - n);
      }
    }
  }
}
