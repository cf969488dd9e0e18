package org.distinct.data;

import java.util.Arrays;

/**
 * Min–max scaling of each feature to [0, 1], fitted on training rows only and applied unchanged to any other
 * rows (values outside [0, 1] on other data are expected and never clipped).
 *
 * <p>A constant column (max = min) maps to 0. Rule: {@code x' = (x - min) / (max - min)}.
 *
 * @param min per-feature minimum of the fitted rows {@code [cols]}
 * @param max per-feature maximum of the fitted rows {@code [cols]}
 */
public record MinMaxScaler(double[] min, double[] max) {

  /** Checks that min and max have the same length. */
  public MinMaxScaler {
    if (min.length != max.length) throw new IllegalArgumentException("min and max differ in length");
  }

  /**
   * Fits the scaler to a row-major matrix.
   *
   * @param x row-major {@code [n × d]} (Not modified)
   * @param n rows (at least 1)
   * @param d columns
   * @return the fitted scaler
   */
  public static MinMaxScaler fit(double[] x, int n, int d) {
    if (n < 1) throw new IllegalArgumentException("cannot fit a scaler on 0 rows");
    double[] mn = new double[d];
    double[] mx = new double[d];
    Arrays.fill(mn, Double.POSITIVE_INFINITY);
    Arrays.fill(mx, Double.NEGATIVE_INFINITY);
    for (int r = 0; r < n; r++)
      for (int c = 0; c < d; c++) {
        double v = x[r * d + c];
        if (v < mn[c]) mn[c] = v;
        if (v > mx[c]) mx[c] = v;
      }
    return new MinMaxScaler(mn, mx);
  }

  /**
   * Fits the scaler to the features of a dataset.
   *
   * @param data the training rows (Not modified)
   * @return the fitted scaler
   */
  public static MinMaxScaler fit(Dataset data) {
    return fit(data.x(), data.rows(), data.cols());
  }

  /** @return the number of features */
  public int size() {
    return min.length;
  }

  /**
   * Scales a row-major matrix into a new array.
   *
   * @param x row-major {@code [n × size()]} (Not modified)
   * @param n rows
   * @return the scaled copy
   */
  public double[] transform(double[] x, int n) {
    int d = min.length;
    if (x.length != n * d) throw new IllegalArgumentException("expected " + n + "x" + d + " values, got " + x.length);
    double[] out = new double[x.length];
    for (int c = 0; c < d; c++) {
      double range = max[c] - min[c];
      double inv = range > 0 ? 1.0 / range : 0.0;
      for (int r = 0; r < n; r++) out[r * d + c] = (x[r * d + c] - min[c]) * inv;
    }
    return out;
  }

  /**
   * Scales the features of a dataset.
   *
   * @param data rows to scale (Not modified)
   * @return a dataset with scaled features (labels and groups shared)
   */
  public Dataset transform(Dataset data) {
    return data.withFeatures(transform(data.x(), data.rows()), data.featureNames());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MinMaxScaler s && Arrays.equals(s.min, min) && Arrays.equals(s.max, max);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
  }

  @Override
  public String toString() {
    return "MinMaxScaler[" + min.length + " features]";
  }
}
