package org.distinct.tensor;

import java.util.Arrays;

/**
 * Plain-Java {@link RnnKernels} that mirror {@code VectorRnnKernels} bit for bit: every output lane (including the
 * padding lanes) gets the same chain of IEEE operations in the same order as in the vector kernels, which
 * accumulate each lane independently ({@code a = w.fma(x, a)} over the inputs, then over the hidden units; no
 * cross-lane reductions), so a scalar {@link Math#fma} loop in that order per lane, with the scalar twins of the
 * vector tanh ({@link ScalarTanh}), gives the same bits. Speed: the lanes go in blocks of {@link #BLOCK} with one
 * scalar accumulator per lane in a register (eight independent fma chains keep the FPU busy), the input or hidden
 * index (or the time step, for the gradients) in the loop inside; remaining lanes one at a time with the same chain.
 * (Loops with the lanes inside, which C2 could vectorise, measured slower: JDK 17 leaves loops of 16–64 iterations
 * in their scalar pre- and post-loops.)
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
  /** Lanes per register block. */
  static final int BLOCK = 8;
  /** Time steps per chunk of the recurrent weight gradients. */
  private static final int CHUNK = 32;
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
    for (int t = from, end = to + 1; t < end; t++) {
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
    int v = 0;
    for (; v + BLOCK <= hp; v += BLOCK) {
      double a0 = b[v], a1 = b[v + 1], a2 = b[v + 2], a3 = b[v + 3];
      double a4 = b[v + 4], a5 = b[v + 5], a6 = b[v + 6], a7 = b[v + 7];
      for (int k = 0, o = v; k < in; k++, o += hp) {
        double z = x[xo + k];
        a0 = Math.fma(wIhT[o], z, a0);
        a1 = Math.fma(wIhT[o + 1], z, a1);
        a2 = Math.fma(wIhT[o + 2], z, a2);
        a3 = Math.fma(wIhT[o + 3], z, a3);
        a4 = Math.fma(wIhT[o + 4], z, a4);
        a5 = Math.fma(wIhT[o + 5], z, a5);
        a6 = Math.fma(wIhT[o + 6], z, a6);
        a7 = Math.fma(wIhT[o + 7], z, a7);
      }
      for (int j = 0, o = v; j < hidden; j++, o += hp) {
        double z = s[prev + j];
        a0 = Math.fma(wHhT[o], z, a0);
        a1 = Math.fma(wHhT[o + 1], z, a1);
        a2 = Math.fma(wHhT[o + 2], z, a2);
        a3 = Math.fma(wHhT[o + 3], z, a3);
        a4 = Math.fma(wHhT[o + 4], z, a4);
        a5 = Math.fma(wHhT[o + 5], z, a5);
        a6 = Math.fma(wHhT[o + 6], z, a6);
        a7 = Math.fma(wHhT[o + 7], z, a7);
      }
      s[cur + v] = a0;
      s[cur + v + 1] = a1;
      s[cur + v + 2] = a2;
      s[cur + v + 3] = a3;
      s[cur + v + 4] = a4;
      s[cur + v + 5] = a5;
      s[cur + v + 6] = a6;
      s[cur + v + 7] = a7;
    }
    for (; v < hp; v++) {
      double a = b[v];
      for (int k = 0; k < in; k++) a = Math.fma(wIhT[k * hp + v], x[xo + k], a);
      for (int j = 0; j < hidden; j++) a = Math.fma(wHhT[j * hp + v], s[prev + j], a);
      s[cur + v] = a;
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
    for (int t = from, end = to + 1; t < end; t++) step(wIhT, wHhT, b, in, hidden, hp, x, xOff + (t - 1) * in, s, (t - 1) * hp, t * hp);
  }

  /** One float step: {@code s[cur..cur+hp) = tanh(b + W_ih x + W_hh s[prev..])}, lane by lane. */
  private static void step(
      float[] wIhT, float[] wHhT, float[] b, int in, int hidden, int hp, float[] x, int xo, float[] s, int prev, int cur) {
    int v = 0;
    for (; v + BLOCK <= hp; v += BLOCK) {
      float a0 = b[v], a1 = b[v + 1], a2 = b[v + 2], a3 = b[v + 3];
      float a4 = b[v + 4], a5 = b[v + 5], a6 = b[v + 6], a7 = b[v + 7];
      for (int k = 0, o = v; k < in; k++, o += hp) {
        float z = x[xo + k];
        a0 = Math.fma(wIhT[o], z, a0);
        a1 = Math.fma(wIhT[o + 1], z, a1);
        a2 = Math.fma(wIhT[o + 2], z, a2);
        a3 = Math.fma(wIhT[o + 3], z, a3);
        a4 = Math.fma(wIhT[o + 4], z, a4);
        a5 = Math.fma(wIhT[o + 5], z, a5);
        a6 = Math.fma(wIhT[o + 6], z, a6);
        a7 = Math.fma(wIhT[o + 7], z, a7);
      }
      for (int j = 0, o = v; j < hidden; j++, o += hp) {
        float z = s[prev + j];
        a0 = Math.fma(wHhT[o], z, a0);
        a1 = Math.fma(wHhT[o + 1], z, a1);
        a2 = Math.fma(wHhT[o + 2], z, a2);
        a3 = Math.fma(wHhT[o + 3], z, a3);
        a4 = Math.fma(wHhT[o + 4], z, a4);
        a5 = Math.fma(wHhT[o + 5], z, a5);
        a6 = Math.fma(wHhT[o + 6], z, a6);
        a7 = Math.fma(wHhT[o + 7], z, a7);
      }
      s[cur + v] = a0;
      s[cur + v + 1] = a1;
      s[cur + v + 2] = a2;
      s[cur + v + 3] = a3;
      s[cur + v + 4] = a4;
      s[cur + v + 5] = a5;
      s[cur + v + 6] = a6;
      s[cur + v + 7] = a7;
    }
    for (; v < hp; v++) {
      float a = b[v];
      for (int k = 0; k < in; k++) a = Math.fma(wIhT[k * hp + v], x[xo + k], a);
      for (int j = 0; j < hidden; j++) a = Math.fma(wHhT[j * hp + v], s[prev + j], a);
      s[cur + v] = a;
    }
    ScalarTanh.tanh(s, cur, cur + hp);
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
    for (int t = hi, stop = lo - 1; t > stop; t--) {
      int cur = t * hp;
      for (int i = 0; i < hp; i++) {
        float h = s[cur + i];
        d[cur + i] = g[i] * (1f - h * h);
      }
      int v = 0;
      for (; v + BLOCK <= hp; v += BLOCK) {
        float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f, a4 = 0f, a5 = 0f, a6 = 0f, a7 = 0f;
        for (int i = 0, o = v; i < hidden; i++, o += hp) {
          float z = d[cur + i];
          a0 = Math.fma(wHh[o], z, a0);
          a1 = Math.fma(wHh[o + 1], z, a1);
          a2 = Math.fma(wHh[o + 2], z, a2);
          a3 = Math.fma(wHh[o + 3], z, a3);
          a4 = Math.fma(wHh[o + 4], z, a4);
          a5 = Math.fma(wHh[o + 5], z, a5);
          a6 = Math.fma(wHh[o + 6], z, a6);
          a7 = Math.fma(wHh[o + 7], z, a7);
        }
        g[v] = a0;
        g[v + 1] = a1;
        g[v + 2] = a2;
        g[v + 3] = a3;
        g[v + 4] = a4;
        g[v + 5] = a5;
        g[v + 6] = a6;
        g[v + 7] = a7;
      }
      for (; v < hp; v++) {
        float a = 0f;
        for (int i = 0; i < hidden; i++) a = Math.fma(wHh[i * hp + v], d[cur + i], a);
        g[v] = a;
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
    for (int t = from, end = steps + 1; t < end; t++) {
      int dof = t * hp;
      int xo = xOff + (t - 1) * in;
      for (int i = 0; i < hp; i++) gb[i] += d[dof + i];
      for (int k = 0; k < in; k++) {
        float xk = x[xo + k];
        int go = k * hp;
        for (int i = 0; i < hp; i++) gWihT[go + i] = Math.fma(d[dof + i], xk, gWihT[go + i]);
      }
    }
    // recurrent weights: gWhhT[j·hp + i] = fma(δ_t[i], h_{t−1}[j], ·) for t = from..steps in order, in chunks of
    // CHUNK steps (whose deltas stay in the L1 cache), a block of lanes at a time
    for (int c = from; c <= steps; c += CHUNK) recurrentGradients(s, d, hidden, hp, c, Math.min(steps, c + CHUNK - 1), gWhhT);
  }

  /** {@code gWhhT[j·hp + i] = fma(δ_t[i], h_{t−1}[j], ·)} for t = from..to in order. */
  private static void recurrentGradients(float[] s, float[] d, int hidden, int hp, int from, int steps, float[] gWhhT) {
    for (int j = 0; j < hidden; j++) {
      int go = j * hp;
      int v = 0;
      for (; v + BLOCK <= hp; v += BLOCK) {
        int r = go + v;
        float a0 = gWhhT[r], a1 = gWhhT[r + 1], a2 = gWhhT[r + 2], a3 = gWhhT[r + 3];
        float a4 = gWhhT[r + 4], a5 = gWhhT[r + 5], a6 = gWhhT[r + 6], a7 = gWhhT[r + 7];
        for (int t = from, o = from * hp + v, h = (from - 1) * hp + j; t <= steps; t++, o += hp, h += hp) {
          float z = s[h];
          a0 = Math.fma(d[o], z, a0);
          a1 = Math.fma(d[o + 1], z, a1);
          a2 = Math.fma(d[o + 2], z, a2);
          a3 = Math.fma(d[o + 3], z, a3);
          a4 = Math.fma(d[o + 4], z, a4);
          a5 = Math.fma(d[o + 5], z, a5);
          a6 = Math.fma(d[o + 6], z, a6);
          a7 = Math.fma(d[o + 7], z, a7);
        }
        gWhhT[r] = a0;
        gWhhT[r + 1] = a1;
        gWhhT[r + 2] = a2;
        gWhhT[r + 3] = a3;
        gWhhT[r + 4] = a4;
        gWhhT[r + 5] = a5;
        gWhhT[r + 6] = a6;
        gWhhT[r + 7] = a7;
      }
      for (; v < hp; v++) {
        float a = gWhhT[go + v];
        for (int t = from, end = steps + 1; t < end; t++) a = Math.fma(d[t * hp + v], s[(t - 1) * hp + j], a);
        gWhhT[go + v] = a;
      }
    }
  }
}
