package org.distinct.tensor;

/**
 * Plain-Java {@link RnnKernels}: simple loops, no padding ({@code hp = hidden}), tanh from
 * {@link Math#tanh}. Used when the Vector API module is absent, and as the cross-check of
 * {@code VectorRnnKernels} in tests.
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
      double[] x, int xOff, int steps, double[] states, boolean keepAll) {
    java.util.Arrays.fill(states, 0, hp, 0.0);
    int cur = 0;
    for (int t = 1; t <= steps; t++) {
      int prevRow = keepAll ? t - 1 : (t - 1) & 1;
      int curRow = keepAll ? t : t & 1;
      int prev = prevRow * hp;
      cur = curRow * hp;
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
  public void forward(
      float[] wIhT, float[] wHhT, float[] b, int in, int hidden, int hp,
      float[] x, int xOff, int steps, float[] states) {
    java.util.Arrays.fill(states, 0, hp, 0f);
    for (int t = 1; t <= steps; t++) {
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
  public void backward(float[] wHh, int hidden, int hp, float[] states, int steps, int window, float[] g, float[] deltas) {
    int lo = steps - window + 1;
    for (int t = steps; t >= lo; t--) {
      int cur = t * hp;
      for (int i = 0; i < hp; i++) {
        float h = states[cur + i];
        deltas[cur + i] = g[i] * (1f - h * h);
      }
      if (t == lo) break;
      java.util.Arrays.fill(g, 0, hp, 0f);
      for (int i = 0; i < hidden; i++) {
        float di = deltas[cur + i];
        int wo = i * hp;
        for (int j = 0; j < hp; j++) g[j] += wHh[wo + j] * di;
      }
    }
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
