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
    if (window == 5 && n > 4 && !hasNaN(x, n, channels, channel)) {
      applyFive(x, y, n, channels, channel, buf);
      return;
    }
    int h = window / 2;
    for (int t = 0; t < n; t++) y[t * channels + channel] = sorted(x, t, Math.min(h, Math.min(t, n - 1 - t)), channels, channel, buf);
  }

  /**
   * The median of the window {@code x[t−k … t+k]} as the rule defines it: the middle of the values sorted by insertion
   * (equal values keep their order, which decides between 0 and −0).
   */
  private static double sorted(double[] x, int t, int k, int channels, int channel, double[] buf) {
    int m = 2 * k + 1;
    for (int i = 0; i < m; i++) {
      double v = x[(t - k + i) * channels + channel];
      int j = i - 1;
      while (j >= 0 && buf[j] > v) {
        buf[j + 1] = buf[j];
        j--;
      }
      buf[j + 1] = v;
    }
    return buf[k];
  }

  private static boolean hasNaN(double[] x, int n, int channels, int channel) {
    for (int t = 0; t < n; t++) if (Double.isNaN(x[t * channels + channel])) return true;
    return false;
  }

  /**
   * Window 5 on a channel without NaN: inside, the median of the five values by six comparisons ({@link #median5}),
   * which is the value the insertion sort gives; only a median of zero (0 or −0, which compare equal) and the two
   * steps at either end go through {@link #sorted}. Bit for bit the same as the general rule, at a fraction of the
   * work, which matters in a fresh JVM where this loop runs interpreted first.
   */
  private static void applyFive(double[] x, double[] y, int n, int channels, int channel, double[] buf) {
    for (int t = 0; t < 2; t++) {
      y[t * channels + channel] = sorted(x, t, t, channels, channel, buf);
      y[(n - 1 - t) * channels + channel] = sorted(x, n - 1 - t, t, channels, channel, buf);
    }
    double a = x[channel], b = x[channels + channel], c = x[2 * channels + channel], d = x[3 * channels + channel];
    for (int t = 2; t < n - 2; t++) {
      double e = x[(t + 2) * channels + channel];
      double m = median5(a, b, c, d, e);
      y[t * channels + channel] = m == 0 ? sorted(x, t, 2, channels, channel, buf) : m;
      a = b;
      b = c;
      c = d;
      d = e;
    }
  }

  /**
   * @return the median of five values without NaN (drops one value known to lie below three others, then takes the
   *     second smallest of the remaining two ordered pairs)
   */
  static double median5(double a, double b, double c, double d, double e) {
    if (b < a) {
      double s = a;
      a = b;
      b = s;
    }
    if (d < c) {
      double s = c;
      c = d;
      d = s;
    }
    if (c < a) { // c is below a, b and d: drop it
      c = e;
      if (d < c) {
        double s = c;
        c = d;
        d = s;
      }
    } else { // a is at most b, c and d: drop it
      a = e;
      if (b < a) {
        double s = a;
        a = b;
        b = s;
      }
    }
    return a < c ? (b < c ? b : c) : (d < a ? d : a);
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
