package org.distinct.tensor;

import java.util.SplittableRandom;

/**
 * The warm-up of the Elman RNN kernels ({@link KernelWarmup.Kind#RNN}): every kernel the training engine and the
 * model call, in the way they call them (two sequences of different lengths in lockstep, then the longer one alone;
 * truncated and full backward passes; gradient accumulation; the double inference passes keeping two or all states),
 * on short sequences (12 and 9 steps) with the paper's 50 hidden units and with 13 (the remainder loops a pruned
 * network reaches), until a {@link WarmupRace} against the plain kernels is won. The results are thrown away: the
 * kernels are pure functions, so this changes only how soon they run compiled.
 */
final class RnnWarmup {
  private static final int TA = 12, TB = 9, WINDOW = 7; // steps of the two sequences, a truncation window

  private RnnWarmup() {}

  /** Buffers of one hidden size, laid out for one kernel implementation. */
  private static final class Shape {
    final int hidden, hp, hpD; // hidden units, float and double row strides
    final float[] wIhT, wHhT, wHh, b, xa, xb, sa, sb, ga, gb, da, db, gWihT, gWhhT, gbias; // float buffers
    final double[] dwIhT, dwHhT, dB, dxa, dxb, dsa, dsb; // double buffers

    Shape(RnnKernels k, int hidden, SplittableRandom r) {
      this.hidden = hidden;
      hp = k.paddedSize(hidden, false);
      hpD = k.paddedSize(hidden, true);
      wIhT = floats(hp, hidden, 1, r);
      wHhT = floats(hp, hidden, hidden, r);
      wHh = floats(hp, hidden, hidden, r);
      b = floats(hp, hidden, 1, r);
      xa = floats(TA, TA, 1, r);
      xb = floats(TB, TB, 1, r);
      sa = new float[(TA + 1) * hp];
      sb = new float[(TA + 1) * hp];
      ga = new float[hp];
      gb = new float[hp];
      da = new float[(TA + 1) * hp];
      db = new float[(TA + 1) * hp];
      gWihT = new float[hp];
      gWhhT = new float[hidden * hp];
      gbias = new float[hp];
      dwIhT = doubles(hpD, hidden, 1, r);
      dwHhT = doubles(hpD, hidden, hidden, r);
      dB = doubles(hpD, hidden, 1, r);
      dxa = doubles(TA, TA, 1, r);
      dxb = doubles(TB, TB, 1, r);
      dsa = new double[(TA + 1) * hpD];
      dsb = new double[(TA + 1) * hpD];
    }

    /** @return {@code rows × stride} values, the first {@code cols} of each row random in ±0.3, the rest 0 */
    private static float[] floats(int stride, int cols, int rows, SplittableRandom r) {
      float[] a = new float[rows * stride];
      for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) a[i * stride + j] = (float) r.nextDouble(-0.3, 0.3);
      return a;
    }

    private static double[] doubles(int stride, int cols, int rows, SplittableRandom r) {
      double[] a = new double[rows * stride];
      for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) a[i * stride + j] = r.nextDouble(-0.3, 0.3);
      return a;
    }

    /** One training step of a pair and a single sequence, and the inference passes. */
    void round(RnnKernels k) {
      k.forward2(wIhT, wHhT, b, 1, hidden, hp, xa, 0, sa, xb, 0, sb, 1, TB);
      k.forward(wIhT, wHhT, b, 1, hidden, hp, xa, 0, TB + 1, TA, sa);
      java.util.Arrays.fill(ga, 0, hidden, 0.1f);
      java.util.Arrays.fill(gb, 0, hidden, -0.1f);
      k.backward2(wHh, hidden, hp, sa, ga, da, TA, sb, gb, db, TB, WINDOW);
      k.backward(wHh, hidden, hp, sa, ga, da, TA - WINDOW, 1);
      k.accumulateGradients(sa, da, xa, 0, 1, hidden, hp, 1, TA, gWihT, gWhhT, gbias);
      k.accumulateGradients(sb, db, xb, 0, 1, hidden, hp, TB - WINDOW + 1, TB, gWihT, gWhhT, gbias);
      k.forward(wIhT, wHhT, b, 1, hidden, hp, xb, 0, 1, TB, sb);
      k.backward(wHh, hidden, hp, sb, gb, db, TB, TB - WINDOW + 1);
      k.forward2(dwIhT, dwHhT, dB, 1, hidden, hpD, dxa, 0, dsa, dxb, 0, dsb, 1, TB, false);
      k.forward(dwIhT, dwHhT, dB, 1, hidden, hpD, dxa, 0, TB + 1, TA, dsa, false);
      k.forward(dwIhT, dwHhT, dB, 1, hidden, hpD, dxa, 0, 1, TA, dsa, true);
      k.forward2(dwIhT, dwHhT, dB, 1, hidden, hpD, dxa, 0, dsa, dxb, 0, dsb, 1, TB, true);
    }
  }

  /**
   * Runs the kernels until the vector ones win the race or the time is up.
   *
   * @param vector the Vector API kernels
   * @param plain the plain kernels (the yardstick)
   * @param maxNanos longest warm-up
   * @return whether the vector kernels won
   */
  static boolean run(RnnKernels vector, RnnKernels plain, long maxNanos) {
    SplittableRandom r = new SplittableRandom(2);
    Shape[] vs = {new Shape(vector, 50, r), new Shape(vector, 13, r)};
    Shape[] ps = {new Shape(plain, 50, r), new Shape(plain, 13, r)};
    return new WarmupRace<RnnKernels>(k -> {
      Shape[] s = k == vector ? vs : ps;
      long t0 = System.nanoTime();
      for (Shape x : s) x.round(k);
      return System.nanoTime() - t0;
    }).run(vector, plain, maxNanos);
  }
}
