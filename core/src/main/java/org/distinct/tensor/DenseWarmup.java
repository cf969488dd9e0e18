package org.distinct.tensor;

import java.util.SplittableRandom;

/**
 * The warm-up of the dense kernels, in two phases: the inference kernels ({@link KernelWarmup.Kind#DENSE_INFERENCE}:
 * {@code affine} and {@code sigmoid}), then all four ({@link KernelWarmup.Kind#DENSE}). Each calls the vector kernels
 * on a tiny problem (one forward, and in the second phase backward, step of a 1-5 layer on 5 rows and the sigmoid of
 * one vector: every branch of the kernels,
 * 4-row and 4-unit blocks and their remainders, positive, negative and very negative sigmoid arguments, with few vector
 * operations per call, so that the calls are cheap while they are still interpreted) until they run faster than the
 * plain kernels on it three times in a row, then confirms on the paper's shape (a batch of 32 rows through a 25-30
 * layer) that the vector kernels are now faster there too.
 */
final class DenseWarmup {
  /** Tiny rounds per timing. */
  private static final int REPEATS = 16;
  /** Biases of the first outputs: sigmoid arguments of both signs, and beyond the exponential's range. */
  private static final double[] SIGMOID_CASES = {-800, -3, -0.5, 0, 0.5, 3, 800, -709.5};

  private DenseWarmup() {}

  /** One forward and backward step of a dense layer, with its buffers. */
  private static final class Step {
    final int n, in, out, inP, outP; // rows, inputs, outputs, padded inputs, padded outputs
    final int sigmoidLength; // values passed through the sigmoid
    final double[] x; // [n × inP] inputs
    final double[] wt; // [in × outP] transposed weights
    final double[] w; // [out × inP] weights
    final double[] b; // [outP] biases
    final double[] y; // [n × outP] activations, then deltas
    final double[] dw; // [out × inP] weight gradients
    final double[] db; // [outP] bias gradients
    final double[] dx; // [n × inP] input gradients

    Step(int n, int in, int out, int sigmoidLength, SplittableRandom r) {
      this.n = n;
      this.sigmoidLength = sigmoidLength;
      this.in = in;
      this.out = out;
      this.inP = DenseKernels.pad(in);
      this.outP = DenseKernels.pad(out);
      x = fill(new double[n * inP], r, 1);
      wt = fill(new double[in * outP], r, 1);
      w = fill(new double[out * inP], r, 1);
      b = fill(new double[outP], r, 4);
      for (int i = 0; i < SIGMOID_CASES.length; i++) b[i] = SIGMOID_CASES[i]; // every branch of the sigmoid
      y = new double[n * outP];
      dw = new double[out * inP];
      db = new double[outP];
      dx = new double[n * inP];
    }

    private static double[] fill(double[] a, SplittableRandom r, double scale) {
      for (int i = 0; i < a.length; i++) a[i] = r.nextDouble(-scale, scale);
      return a;
    }

    /** @return the nanoseconds of {@code repeats} steps with the kernels {@code k} (backward too if {@code training}) */
    long time(DenseKernels k, int repeats, boolean training) {
      long t0 = System.nanoTime();
      for (int i = 0; i < repeats; i++) {
        k.affine(x, 0, inP, n, in, wt, b, outP, y);
        k.sigmoid(y, sigmoidLength);
        if (!training) continue;
        k.outerGradients(y, outP, out, x, inP, n, dw, db);
        k.multiply(y, outP, out, w, inP, n, dx);
      }
      return System.nanoTime() - t0;
    }

    /** @return the fastest of three timings of {@code repeats} steps */
    long best(DenseKernels k, int repeats, boolean training) {
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 3; i++) best = Math.min(best, time(k, repeats, training));
      return best;
    }
  }

  /**
   * Runs until the vector kernels beat the plain ones or the time is up.
   *
   * @param vector the Vector API kernels
   * @param plain the plain kernels
   * @param maxNanos longest warm-up
   * @param training whether the backward kernels are warmed up too (else only the inference kernels)
   * @return whether the vector kernels are compiled and faster (false: keep the plain ones)
   */
  static boolean run(DenseKernels vector, DenseKernels plain, long maxNanos, boolean training) {
    SplittableRandom r = new SplittableRandom(1);
    Step tiny = new Step(5, 1, 5, DenseKernels.PAD, r);
    Step paper = new Step(32, 25, 30, 32 * DenseKernels.pad(30), r);
    // timing alone: the dense vector kernels are free of allocation once they win on time (8 of 8 fresh JVMs), and
    // the allocation counter's first use would load java.management (20-40 ms) in the middle of an MLP command's start
    WarmupRace<DenseKernels> race = WarmupRace.timingOnly(k -> tiny.time(k, REPEATS, training));
    long start = System.nanoTime();
    for (long left = maxNanos; left > 0; left = maxNanos - (System.nanoTime() - start)) {
      if (!race.run(vector, plain, left)) return false;
      if (paper.best(vector, 2, training) * 10 < paper.best(plain, 2, training) * 9) return true;
    }
    return false;
  }
}
