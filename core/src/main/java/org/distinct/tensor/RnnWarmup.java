package org.distinct.tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The warm-up of the Elman RNN kernels ({@link KernelWarmup.Kind#RNN}): every kernel the training engine and the
 * model call, in the way they call them (two sequences of different lengths in lockstep, then the longer one alone;
 * truncated and full backward passes; gradient accumulation; the double inference passes keeping two or all states),
 * until the vector kernels on the small shape win a {@link WarmupRace} against a yardstick, a plain loop of about the
 * same multiply-adds (compiled vector code beats it, interpreted or C1-compiled vector code does not). The results are thrown away: the kernels are pure
 * functions, so this changes only how soon they run compiled.
 *
 * <p>Shapes: sequences of 2 and 1 steps, so that each call is cheap while it is still interpreted and makes few loop
 * iterations (HotSpot then compiles the whole method, as the real work enters it, rather than first an on-stack
 * replacement of one loop); every fifth round uses 4 and 3 steps, so that no loop looks as if it never repeats. Hidden
 * sizes: the float kernels with 50 units (the paper's: full blocks of four vectors) and 13 (the remainder loops a
 * pruned network reaches), the double kernels with 32 and 13 (the same two cases at half the lanes).
 */
final class RnnWarmup {
  private static final int MAX_STEPS = 4; // longest warm-up sequence

  private RnnWarmup() {}

  /** Buffers of one hidden size of the float kernels and one of the double kernels, for one implementation. */
  private static final class Shape {
    final int hidden, hp, hiddenD, hpD; // float hidden units and row stride, double hidden units and row stride
    final float[] wIhT, wHhT, wHh, b, xa, xb, sa, sb, ga, gb, da, db, gWihT, gWhhT, gbias; // float buffers
    final double[] dwIhT, dwHhT, dB, dxa, dxb, dsa, dsb; // double buffers

    Shape(RnnKernels k, int hidden, int hiddenD, SplittableRandom r) {
      this.hidden = hidden;
      this.hiddenD = hiddenD;
      hp = k.paddedSize(hidden, false);
      hpD = k.paddedSize(hiddenD, true);
      wIhT = floats(hp, hidden, 1, r);
      wHhT = floats(hp, hidden, hidden, r);
      wHh = floats(hp, hidden, hidden, r);
      b = floats(hp, hidden, 1, r);
      xa = floats(MAX_STEPS, MAX_STEPS, 1, r);
      xb = floats(MAX_STEPS, MAX_STEPS, 1, r);
      int rows = MAX_STEPS + 1;
      sa = new float[rows * hp];
      sb = new float[rows * hp];
      ga = new float[hp];
      gb = new float[hp];
      da = new float[rows * hp];
      db = new float[rows * hp];
      gWihT = new float[hp];
      gWhhT = new float[hidden * hp];
      gbias = new float[hp];
      dwIhT = doubles(hpD, hiddenD, 1, r);
      dwHhT = doubles(hpD, hiddenD, hiddenD, r);
      dB = doubles(hpD, hiddenD, 1, r);
      dxa = doubles(MAX_STEPS, MAX_STEPS, 1, r);
      dxb = doubles(MAX_STEPS, MAX_STEPS, 1, r);
      dsa = new double[rows * hpD];
      dsb = new double[rows * hpD];
    }

    /** @return {@code rows × stride} values, the first {@code cols} of each row random in ±0.3, the rest 0 */
    static float[] floats(int stride, int cols, int rows, SplittableRandom r) {
      float[] a = new float[rows * stride];
      for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) a[i * stride + j] = (float) r.nextDouble(-0.3, 0.3);
      return a;
    }

    private static double[] doubles(int stride, int cols, int rows, SplittableRandom r) {
      double[] a = new double[rows * stride];
      for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) a[i * stride + j] = r.nextDouble(-0.3, 0.3);
      return a;
    }

    /**
     * One training step of a pair (a: {@code ta} steps, b: {@code ta − 1}) and of a single sequence, and the
     * inference passes.
     */
    void round(RnnKernels k, int ta) {
      int tb = ta - 1;
      k.forward2(wIhT, wHhT, b, 1, hidden, hp, xa, 0, sa, xb, 0, sb, 1, tb);
      k.forward(wIhT, wHhT, b, 1, hidden, hp, xa, 0, tb + 1, ta, sa);
      Arrays.fill(ga, 0, hidden, 0.1f);
      Arrays.fill(gb, 0, hidden, -0.1f);
      k.backward2(wHh, hidden, hp, sa, ga, da, ta, sb, gb, db, tb, tb);
      k.backward(wHh, hidden, hp, sa, ga, da, ta - tb, 1);
      k.accumulateGradients(sa, da, xa, 0, 1, hidden, hp, 1, ta, gWihT, gWhhT, gbias);
      k.accumulateGradients(sb, db, xb, 0, 1, hidden, hp, 1, tb, gWihT, gWhhT, gbias);
      k.forward(wIhT, wHhT, b, 1, hidden, hp, xb, 0, 1, tb, sb);
      k.backward(wHh, hidden, hp, sb, gb, db, tb, tb);
      k.forward2(dwIhT, dwHhT, dB, 1, hiddenD, hpD, dxa, 0, dsa, dxb, 0, dsb, 1, tb, false);
      k.forward(dwIhT, dwHhT, dB, 1, hiddenD, hpD, dxa, 0, tb + 1, ta, dsa, false);
      k.forward(dwIhT, dwHhT, dB, 1, hiddenD, hpD, dxb, 0, 1, tb, dsb, true);
      k.forward2(dwIhT, dwHhT, dB, 1, hiddenD, hpD, dxa, 0, dsa, dxb, 0, dsb, 1, tb, true);
    }
  }

  /** Multiply-adds of the yardstick: about those of a round on the small shape. */
  private static final int YARDSTICK_ROWS = 13 * 24;

  /**
   * Runs the kernels until the vector ones win the race or the time is up.
   *
   * @param vector the Vector API kernels
   * @param maxNanos longest warm-up
   * @return whether the vector kernels won
   */
  static boolean run(RnnKernels vector, long maxNanos) {
    SplittableRandom r = new SplittableRandom(2);
    Shape full = new Shape(vector, 50, 32, r);
    Shape small = new Shape(vector, 13, 13, r);
    float[] w = Shape.floats(13, 13, YARDSTICK_ROWS, r);
    float[] h = Shape.floats(13, 13, 1, r);
    int[] round = new int[1];
    return new WarmupRace<Boolean>(isVector -> {
      if (!isVector) return yardstick(w, h);
      int ta = round[0]++ % 5 < 4 ? 2 : MAX_STEPS;
      full.round(vector, ta); // not timed: the race on the small shape decides
      long t0 = System.nanoTime();
      small.round(vector, ta);
      return System.nanoTime() - t0;
    }).run(true, false, maxNanos);
  }

  /**
   * The yardstick of the race: plain loops with about the multiply-adds of a round on the small shape, so small that
   * C2 compiles them at once. Compiled vector kernels beat it; interpreted or C1-compiled ones do not.
   *
   * @param w {@code [rows × 13]} weights (Not modified)
   * @param h {@code [13]} a state (Modified: its first value changes, so the loops are not dead code)
   * @return the nanoseconds it took
   */
  private static long yardstick(float[] w, float[] h) {
    long t0 = System.nanoTime();
    float acc = 0;
    for (int i = 0; i < w.length; i += 13) {
      float s = 0;
      for (int j = 0; j < 13; j++) s += w[i + j] * h[j];
      acc += s;
    }
    h[0] = acc * 1e-9f + 0.1f;
    return System.nanoTime() - t0;
  }
}
