package org.distinct.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.Dataset;

/** Small deterministic datasets for training tests. */
final class TestData {
  private TestData() {}

  /**
   * Gaussian blobs: class k has its centre at a random point in [0,1]^cols, rows spread with sd {@code spread}.
   */
  static Dataset blobs(int rows, int cols, int classes, double spread, long seed) {
    return blobs(rows, cols, classes, spread, seed, seed);
  }

  /** Blobs whose centres come from {@code centreSeed} and whose noise comes from {@code noiseSeed}. */
  static Dataset blobs(int rows, int cols, int classes, double spread, long centreSeed, long noiseSeed) {
    SplittableRandom crng = new SplittableRandom(centreSeed);
    double[][] centre = new double[classes][cols];
    for (double[] c : centre) for (int j = 0; j < cols; j++) c[j] = crng.nextDouble();
    SplittableRandom rng = new SplittableRandom(noiseSeed ^ 0x9E3779B97F4A7C15L);
    double[] x = new double[rows * cols];
    int[] y = new int[rows];
    int[] g = new int[rows];
    for (int r = 0; r < rows; r++) {
      int k = r % classes;
      y[r] = k;
      g[r] = r / 6;
      for (int j = 0; j < cols; j++) x[r * cols + j] = centre[k][j] + spread * gaussian(rng);
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < cols; j++) names.add("f" + j);
    List<String> cls = new ArrayList<>();
    for (int k = 0; k < classes; k++) cls.add("c" + k);
    return new Dataset("blobs", x, rows, cols, y, g, names, cls);
  }

  static double gaussian(SplittableRandom rng) {
    double u = rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  static double[] uniform(int len, double lo, double hi, SplittableRandom rng) {
    double[] a = new double[len];
    for (int i = 0; i < len; i++) a[i] = rng.nextDouble(lo, hi);
    return a;
  }

  static int[] labels(int n, int c, SplittableRandom rng) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = rng.nextInt(c);
    return y;
  }
}
