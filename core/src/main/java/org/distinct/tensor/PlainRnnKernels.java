package org.distinct.tensor;

import java.util.Arrays;

/**
 * Plain-Java {@link RnnKernels}: simple loops, no padding ({@code hp = hidden}), tanh from
 * {@link Math#tanh}. Used when the Vector API module is absent, and as the cross-check of
 * {@code VectorRnnKernels} in tests. The two-sequence methods are two single calls.
 */
public final class PlainRnnKernels implements RnnKernels {

  /** Creates the kernels (stateless). */
  public PlainRnnKernels() {}

  @Override
  public String name() {
    return "plain";
  }

  @Override
  public int paddedSize(int hidden, boolean doublePrecision) {
    if (hidden <= 0) throw new IllegalArgumentException("hidden must be positive: " + hidden);
    return hidden;
  }

  @Override
  public int forward(
      double[] wIhT, double[] wHhT, double[] b, int in, int hidden, int hp,
      double[] x, int xOff, int from, int to, double[] states, boolean keepAll) {
    if (from == 1) Arrays.fill(states, 0, hp, 0.0);
    int cur = 0;
    for (int t = from; t <= to; t++) {
      int prev = (keepAll ? t - 1 : (t - 1) & 1) * hp;
      cur = (keepAll ? t : t & 1) * hp;
      int xo = xOff + (t - 1) * in;
      System.arraycopy(b, 0, states, cur, hp);
      for (int k = 0; k < in; k++) {
        double xk = x[xo + k];
        int wo = k * hp;
        for (int i = 0; i < hp; i++) states[cur + i] += wIhT[wo + i] * xk;
      }
      for (int j = 0; j < hidden; j++) {
        double hj = states[prev + j];
        int wo = j * hp;
        for (int i = 0; i < hp; i++) states[cur + i] += wHhT[wo + i] * hj;
      }
      for (int i = 0; i < hidden; i++) states[cur + i] = Math.tanh(states[cur + i]);
    }
    return cur / hp;
  }

  @Override
  public int forward2(
      double[] wIhT, double[] wHhT, double[] b, int in, int hidden, int hp,
      double[] xa, int xaOff, double[] sa, double[] xb, int xbOff, double[] sb, int from, int to, boolean keepAll) {
    forward(wIhT, wHhT, b, in, hidden, hp, xa, xaOff, from, to, sa, keepAll);
    return forward(wIhT, wHhT, b, in, hidden, hp, xb, xbOff, from, to, sb, keepAll);
  }

  @Override
  public void forward(
      float[] wIhT, float[] wHhT, float[] b, int in, int hidden, int hp,
      float[] x, int xOff, int from, int to, float[] states) {
    if (from == 1) Arrays.fill(states, 0, hp, 0f);
    for (int t = from; t <= to; t++) {
      int prev = (t - 1) * hp;
      int cur = t * hp;
      int xo = xOff + (t - 1) * in;
      System.arraycopy(b, 0, states, cur, hp);
      for (int k = 0; k < in; k++) {
        float xk = x[xo + k];
        int wo = k * hp;
        for (int i = 0; i < hp; i++) states[cur + i] += wIhT[wo + i] * xk;
      }
      for (int j = 0; j < hidden; j++) {
        float hj = states[prev + j];
        int wo = j * hp;
        for (int i = 0; i < hp; i++) states[cur + i] += wHhT[wo + i] * hj;
      }
      for (int i = 0; i < hidden; i++) states[cur + i] = (float) Math.tanh(states[cur + i]);
    }
  }

  @Override
  public void forward2(
      float[] wIhT, float[] wHhT, float[] b, int in, int hidden, int hp,
      float[] xa, int xaOff, float[] sa, float[] xb, int xbOff, float[] sb, int from, int to) {
    forward(wIhT, wHhT, b, in, hidden, hp, xa, xaOff, from, to, sa);
    forward(wIhT, wHhT, b, in, hidden, hp, xb, xbOff, from, to, sb);
  }

  @Override
  public void backward(float[] wHh, int hidden, int hp, float[] states, float[] g, float[] deltas, int hi, int lo) {
    for (int t = hi; t >= lo; t--) {
      int cur = t * hp;
      for (int i = 0; i < hp; i++) {
        float h = states[cur + i];
        deltas[cur + i] = g[i] * (1f - h * h);
      }
      Arrays.fill(g, 0, hp, 0f);
      for (int i = 0; i < hidden; i++) {
        float di = deltas[cur + i];
        int wo = i * hp;
        for (int j = 0; j < hp; j++) g[j] += wHh[wo + j] * di;
      }
    }
  }

  @Override
  public void backward2(
      float[] wHh, int hidden, int hp, float[] sa, float[] ga, float[] da, int hiA,
      float[] sb, float[] gb, float[] db, int hiB, int count) {
    backward(wHh, hidden, hp, sa, ga, da, hiA, hiA - count + 1);
    backward(wHh, hidden, hp, sb, gb, db, hiB, hiB - count + 1);
  }

  @Override
  public void accumulateGradients(
      float[] states, float[] deltas, float[] x, int xOff, int in, int hidden, int hp, int from, int steps,
      float[] gWihT, float[] gWhhT, float[] gb) {
    for (int t = from; t <= steps; t++) {
      int d = t * hp;
      int p = (t - 1) * hp;
      int xo = xOff + (t - 1) * in;
      for (int i = 0; i < hp; i++) gb[i] += deltas[d + i];
      for (int k = 0; k < in; k++) {
        float xk = x[xo + k];
        int go = k * hp;
        for (int i = 0; i < hp; i++) gWihT[go + i] += xk * deltas[d + i];
      }
      for (int j = 0; j < hidden; j++) {
        float hj = states[p + j];
        int go = j * hp;
        for (int i = 0; i < hp; i++) gWhhT[go + i] += hj * deltas[d + i];
      }
    }
  }
}
