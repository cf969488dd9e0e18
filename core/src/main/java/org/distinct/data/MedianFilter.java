package org.distinct.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Median smoothing of a series with an odd window w = 2h + 1, without shortening it.
 *
 * <p>Rule: {@code y[t] = median(x[t−k] … x[t+k])} with {@code k = min(h, t, n−1−t)}: the window shrinks
 * symmetrically at the edges, so it always has an odd number of values centred on t and a unique median
 * ({@code y[0] = x[0]}, {@code y[1]} is the median of 3 values, …). A window of 1 copies the series.
 */
public final class MedianFilter {
  private MedianFilter() {}

  /**
   * Filters one channel of a row-major series.
   *
   * @param x input {@code [n × channels]} (Not modified)
   * @param y output {@code [n × channels]}, may not be {@code x} (Modified: channel {@code channel} written)
   * @param n number of time steps
   * @param channels values per time step
   * @param channel which channel to filter
   * @param window odd window width ≥ 1
   * @param buf scratch of length ≥ window (Modified)
   */
  public static void apply(double[] x, double[] y, int n, int channels, int channel, int window, double[] buf) {
    if (window < 1 || window % 2 == 0) throw new IllegalArgumentException("window must be odd and >= 1: " + window);
    if (x == y) throw new IllegalArgumentException("input and output must differ");
    int h = window / 2;
    for (int t = 0; t < n; t++) {
      int k = Math.min(h, Math.min(t, n - 1 - t));
      int m = 2 * k + 1;
      // insertion sort of the m window values into buf
      for (int i = 0; i < m; i++) {
        double v = x[(t - k + i) * channels + channel];
        int j = i - 1;
        while (j >= 0 && buf[j] > v) {
          buf[j + 1] = buf[j];
          j--;
        }
        buf[j + 1] = v;
      }
      y[t * channels + channel] = buf[k];
    }
  }

  /**
   * Filters a single-channel series.
   *
   * @param x the series (Not modified)
   * @param window odd window width ≥ 1
   * @return the filtered copy, same length
   */
  public static double[] apply(double[] x, int window) {
    double[] y = new double[x.length];
    apply(x, y, x.length, 1, 0, window, new double[window]);
    return y;
  }

  /**
   * Filters every channel of every sequence.
   *
   * @param data the sequences (Not modified)
   * @param window odd window width ≥ 1
   * @return a dataset with filtered copies
   */
  public static SequenceDataset apply(SequenceDataset data, int window) {
    int c = data.inputSize();
    double[] buf = new double[window];
    List<double[]> out = new ArrayList<>(data.size());
    for (int s = 0; s < data.size(); s++) {
      double[] x = data.series().get(s);
      double[] y = new double[x.length];
      for (int ch = 0; ch < c; ch++) apply(x, y, x.length / c, c, ch, window, buf);
      out.add(y);
    }
    return data.withSeries(out, c);
  }
}
