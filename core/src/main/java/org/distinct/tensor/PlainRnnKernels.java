package org.distinct.tensor;

import java.util.Arrays;

/**
 * Plain-Java {@link RnnKernels} that mirror {@code VectorRnnKernels} bit for bit: every output lane (including the
 * padding lanes) gets the same chain of IEEE operations in the same order as in the vector kernels, which
 * accumulate each lane independently ({@code a = w.fma(x, a)} over the inputs, then over the hidden units; no
 * cross-lane reductions), so a scalar {@link Math#fma} loop in that order per lane, with the scalar twins of the
 * vector tanh ({@link ScalarTanh}), gives the same bits. The loops run over the input or hidden index outside and
 * over contiguous lanes inside (C2 can vectorise them; the per-lane order of the chain is the same).
 *
 * <p>Per lane, the vector kernels compute:
 *
 * <ul>
 *   <li>forward (float and double): {@code a = b[i]}, then {@code a = fma(wIhT[k·hp + i], x_t[k], a)} for k = 0..in−1,
 *       then {@code a = fma(wHhT[j·hp + i], h_{t−1}[j], a)} for j = 0..hidden−1, then {@code h_t[i] = tanh(a)} on all
 *       {@code hp} lanes; the two-sequence version is two such chains;
 *   <li>backward: {@code δ_t[i] = g[i]·(1 − h_t[i]·h_t[i])} (three rounded operations, no fma) on all lanes, then
 *       {@code g[j] = fma(wHh[i·hp + j], δ_t[i], g[j])} for i = 0..hidden−1 from {@code g[j] = +0};
 *   <li>gradients: for t = from..T in order, {@code gb[i] += δ_t[i]}, {@code gWihT[k·hp + i] = fma(δ_t[i], x_t[k], ·)},
 *       {@code gWhhT[j·hp + i] = fma(δ_t[i], h_{t−1}[j], ·)} (the register tiles of the vector kernels only regroup
 *       these independent chains).
 * </ul>
 *
 * <p>Lanes do not interact, so the bits of the real lanes do not depend on the padding: these kernels give the
 * vector kernels' bits with any row stride {@code hp ≥ hidden}. The padded size is a constructor argument, so that
 * {@link RnnKernelsProvider} can make it the vector kernels' one and buffers stay valid when it switches from these
 * kernels to the vector ones ({@code SwitchingRnnKernels}); without the Vector API module there is no padding
 * ({@code hp = hidden}) and the plain path gives the same bits as the vector path does with the module.
 */
public final class PlainRnnKernels implements RnnKernels {
  private final int floatLanes; // the padded size of the float kernels is a multiple of it
  private final int doubleLanes; // the padded size of the double kernels is a multiple of it

  /** Creates the kernels without padding ({@code hp = hidden}). */
  public PlainRnnKernels() {
    this(1, 1);
  }

  /**
   * Creates the kernels with the padding of vector kernels of the given lengths.
   *
   * @param floatLanes float lanes per vector (≥ 1): the float padded size is a multiple of it
   * @param doubleLanes double lanes per vector (≥ 1): the double padded size is a multiple of it
   */
  public PlainRnnKernels(int floatLanes, int doubleLanes) {
    if (floatLanes < 1 || doubleLanes < 1)
      throw new IllegalArgumentException("lanes must be positive: " + floatLanes + ", " + doubleLanes);
    this.floatLanes = floatLanes;
    this.doubleLanes = doubleLanes;
  }

  @Override
  public String name() {
    return "plain";
  }

  @Override
  public int paddedSize(int hidden, boolean doublePrecision) {
    if (hidden <= 0) throw new IllegalArgumentException("hidden must be positive: " + hidden);
    int l = doublePrecision ? doubleLanes : floatLanes;
    return (hidden + l - 1) / l * l;
  }

  // ---------------------------------------------------------------- double forward (inference)

  @Override
  public int forward(
      double[] wIhT, double[] wHhT, double[] b, int in, int hidden, int hp,
      double[] x, int xOff, int from, int to, double[] s, boolean keepAll) {
    if (from == 1) Arrays.fill(s, 0, hp, 0.0);
    int cur = 0;
    for (int t = from; t <= to; t++) {
      int prev = (keepAll ? t - 1 : (t - 1) & 1) * hp;
      cur = (keepAll ? t : t & 1) * hp;
      step(wIhT, wHhT, b, in, hidden, hp, x, xOff + (t - 1) * in, s, prev, cur);
    }
    return cur / hp;
  }

  /** One step of one sequence: {@code s[cur..cur+hp) = tanh(b + W_ih x + W_hh s[prev..])}, lane by lane. */
  private static void step(
      double[] wIhT, double[] wHhT, double[] b, int in, int hidden, int hp, double[] x, int xo, double[] s, int prev,
      int cur) {
    System.arraycopy(b, 0, s, cur, hp);
    for (int k = 0; k < in; k++) {
      double xk = x[xo + k];
      int wo = k * hp;
      for (int i = 0; i < hp; i++) s[cur + i] = Math.fma(wIhT[wo + i], xk, s[cur + i]);
    }
    for (int j = 0; j < hidden; j++) {
      double hj = s[prev + j];
      int wo = j * hp;
      for (int i = 0; i < hp; i++) s[cur + i] = Math.fma(wHhT[wo + i], hj, s[cur + i]);
    }
    ScalarTanh.tanh(s, cur, cur + hp);
  }

  @Override
  public int forward2(
      double[] wIhT, double[] wHhT, double[] b, int in, int hidden, int hp,
      double[] xa, int xaOff, double[] sa, double[] xb, int xbOff, double[] sb, int from, int to, boolean keepAll) {
    forward(wIhT, wHhT, b, in, hidden, hp, xa, xaOff, from, to, sa, keepAll);
    return forward(wIhT, wHhT, b, in, hidden, hp, xb, xbOff, from, to, sb, keepAll);
  }

  // ---------------------------------------------------------------- float forward (training)

  @Override
  public void forward(
      float[] wIhT, float[] wHhT, float[] b, int in, int hidden, int hp,
      float[] x, int xOff, int from, int to, float[] s) {
    if (from == 1) Arrays.fill(s, 0, hp, 0f);
    for (int t = from; t <= to; t++) {
      int prev = (t - 1) * hp;
      int cur = t * hp;
      int xo = xOff + (t - 1) * in;
      System.arraycopy(b, 0, s, cur, hp);
      for (int k = 0; k < in; k++) {
        float xk = x[xo + k];
        int wo = k * hp;
        for (int i = 0; i < hp; i++) s[cur + i] = Math.fma(wIhT[wo + i], xk, s[cur + i]);
      }
      for (int j = 0; j < hidden; j++) {
        float hj = s[prev + j];
        int wo = j * hp;
        for (int i = 0; i < hp; i++) s[cur + i] = Math.fma(wHhT[wo + i], hj, s[cur + i]);
      }
      ScalarTanh.tanh(s, cur, cur + hp);
    }
  }

  @Override
  public void forward2(
      float[] wIhT, float[] wHhT, float[] b, int in, int hidden, int hp,
      float[] xa, int xaOff, float[] sa, float[] xb, int xbOff, float[] sb, int from, int to) {
    forward(wIhT, wHhT, b, in, hidden, hp, xa, xaOff, from, to, sa);
    forward(wIhT, wHhT, b, in, hidden, hp, xb, xbOff, from, to, sb);
  }

  // ---------------------------------------------------------------- float backward

  @Override
  public void backward(float[] wHh, int hidden, int hp, float[] s, float[] g, float[] d, int hi, int lo) {
    for (int t = hi; t >= lo; t--) {
      int cur = t * hp;
      for (int i = 0; i < hp; i++) {
        float h = s[cur + i];
        d[cur + i] = g[i] * (1f - h * h);
      }
      Arrays.fill(g, 0, hp, 0f);
      for (int i = 0; i < hidden; i++) {
        float di = d[cur + i];
        int wo = i * hp;
        for (int j = 0; j < hp; j++) g[j] = Math.fma(wHh[wo + j], di, g[j]);
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

  // ---------------------------------------------------------------- float gradient accumulation

  @Override
  public void accumulateGradients(
      float[] s, float[] d, float[] x, int xOff, int in, int hidden, int hp, int from, int steps,
      float[] gWihT, float[] gWhhT, float[] gb) {
    for (int t = from; t <= steps; t++) {
      int dof = t * hp;
      int p = (t - 1) * hp;
      int xo = xOff + (t - 1) * in;
      for (int i = 0; i < hp; i++) gb[i] += d[dof + i];
      for (int k = 0; k < in; k++) {
        float xk = x[xo + k];
        int go = k * hp;
        for (int i = 0; i < hp; i++) gWihT[go + i] = Math.fma(d[dof + i], xk, gWihT[go + i]);
      }
      for (int j = 0; j < hidden; j++) {
        float hj = s[p + j];
        int go = j * hp;
        for (int i = 0; i < hp; i++) gWhhT[go + i] = Math.fma(d[dof + i], hj, gWhhT[go + i]);
      }
    }
  }
}
