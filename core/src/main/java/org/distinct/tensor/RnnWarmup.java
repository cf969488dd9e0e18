package org.distinct.tensor;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.distinct.util.AllocationCounter;

/**
 * The warm-up of the Elman RNN kernels ({@link KernelWarmup.Kind#RNN}): every kernel the training engine and the
 * model call, in the way they call them (two sequences of different lengths in lockstep, then the longer one alone;
 * truncated and full backward passes; gradient accumulation; the double inference passes keeping two or all states),
 * until the vector kernels on the small shape win a {@link WarmupRace} against the plain kernels that mirror them bit for
 * bit ({@link PlainRnnKernels}; compiled vector code beats them, interpreted or C1-compiled vector code does not) and
 * are faster on the paper's shape too. Then {@link RnnKernelsProvider} switches from the plain kernels to the vector
 * ones. The results are thrown away: the kernels are pure functions, so this changes only speed.
 *
 * <p>Shapes: sequences of 2 and 1 steps, so that each call is cheap while it is still interpreted and makes few loop
 * iterations (HotSpot then compiles the whole method, as the real work enters it, rather than first an on-stack
 * replacement of one loop); every fifth round uses 4 and 3 steps, so that no loop looks as if it never repeats.
 *
 * <p>Hidden sizes ({@link #hiddenSizes}): every kernel loops over its padded row in blocks of four vectors, then over
 * the remaining single vectors, and both loops must be entered during the warm-up, whatever this machine's vector
 * length. A loop C2 has never seen entered is compiled as an "unstable if": the first real row that enters it throws
 * the compiled kernel away, and the kernel then runs interpreted, hundreds of times slower, until it is compiled again
 * (seen: the double inference kernel with 4-lane vectors, AVX2, ran so for 38 s of a one-epoch command, because the
 * sizes chosen for 8 lanes, 32 and 13, pad to whole blocks with 4). So the sizes are checked against the lane counts:
 * the float kernels run with the paper's 50 units and 13, the double kernels with 32 and 13, and where a pair enters
 * no block at this lane count its larger size becomes one block ({@code 4·lanes}), where it enters no remainder its
 * smaller size becomes {@code lanes + 1} (two remainder vectors).
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

    /**
     * @return whether the vector kernels are at least 10 % faster than the plain ones on this shape, and ran without
     *     allocating (compiled with their intrinsics, see {@link WarmupRace})
     */
    boolean faster(RnnKernels vector, RnnKernels plain) {
      long a0 = AllocationCounter.currentThreadBytes();
      long v = best(vector);
      boolean clean = AllocationCounter.nothingBetween(a0, AllocationCounter.currentThreadBytes());
      return clean && v * 10 < best(plain) * 9;
    }

    /** @return the fastest of three timings of a round of {@link #MAX_STEPS} steps with the kernels {@code k} */
    long best(RnnKernels k) {
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        round(k, MAX_STEPS);
        best = Math.min(best, System.nanoTime() - t0);
      }
      return best;
    }
  }

  /**
   * @param floatLanes lanes of the float kernels' vectors
   * @param doubleLanes lanes of the double kernels' vectors
   * @return the warm-up's hidden sizes: {@code {{float full, float small}, {double full, double small}}}, which enter
   *     both loops of every kernel at these lane counts ({@link #entersBothLoops})
   */
  static int[][] hiddenSizes(int floatLanes, int doubleLanes) {
    return new int[][] {covering(50, 13, floatLanes), covering(32, 13, doubleLanes)};
  }

  /** @return {@code {full, small}}, each replaced where the pair would miss a loop at {@code lanes} lanes */
  private static int[] covering(int full, int small, int lanes) {
    int block = 4 * lanes;
    if (padded(full, lanes) < block && padded(small, lanes) < block) full = block;
    if (padded(full, lanes) % block == 0 && padded(small, lanes) % block == 0) small = lanes + 1;
    return new int[] {full, small};
  }

  /**
   * @param hidden hidden sizes of a warm-up
   * @param lanes vector lanes
   * @return whether some size pads to at least one block of four vectors and some size leaves remainder vectors
   */
  static boolean entersBothLoops(int[] hidden, int lanes) {
    boolean block = false, remainder = false;
    for (int h : hidden) {
      block |= padded(h, lanes) >= 4 * lanes;
      remainder |= padded(h, lanes) % (4 * lanes) != 0;
    }
    return block && remainder;
  }

  private static int padded(int hidden, int lanes) {
    return (hidden + lanes - 1) / lanes * lanes;
  }

  /**
   * Runs the kernels until the vector ones win the race against the plain mirror or the time is up: a
   * {@link WarmupRace} of rounds on the small shape (each vector round first makes an untimed round on the paper's
   * shape, so that its code is compiled too), then a confirmation on the paper's shape, twice in a row, that the vector
   * kernels are faster there as well (else the race goes on: the small shape's code is often compiled first).
   *
   * @param vector the Vector API kernels
   * @param plain the plain kernels with the same padding (the yardstick)
   * @param maxNanos longest warm-up
   * @return whether the vector kernels are compiled and faster (false: the time was up first)
   */
  static boolean run(RnnKernels vector, RnnKernels plain, long maxNanos) {
    SplittableRandom r = new SplittableRandom(2);
    int[][] sizes = hiddenSizes(vector.paddedSize(1, false), vector.paddedSize(1, true));
    Shape full = new Shape(vector, sizes[0][0], sizes[1][0], r);
    Shape small = new Shape(vector, sizes[0][1], sizes[1][1], r);
    int[] round = {0, 2}; // rounds so far, steps of the last vector round
    WarmupRace<RnnKernels> race = new WarmupRace<>(k -> {
      if (k == vector) {
        round[1] = round[0]++ % 5 < 4 ? 2 : MAX_STEPS;
        full.round(vector, round[1]); // not timed: the race on the small shape decides
      }
      long t0 = System.nanoTime();
      small.round(k, round[1]);
      return System.nanoTime() - t0;
    });
    long start = System.nanoTime();
    for (long left = maxNanos; left > 0; left = maxNanos - (System.nanoTime() - start)) {
      if (!race.run(vector, plain, left)) return false;
      if (full.faster(vector, plain) && full.faster(vector, plain)) return true; // twice: a plain kernel being recompiled is slow once
    }
    return false;
  }
}
