package org.distinct.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Downsampling by an integer factor f: each block of f consecutive time steps becomes their mean, per
 * channel; a last, shorter block becomes the mean of the steps it has. A series of n steps becomes
 * {@code ⌈n/f⌉} steps. Factor 1 copies.
 */
public final class Downsampling {
  private Downsampling() {}

  /**
   * @param x row-major {@code [n × channels]} (Not modified)
   * @param channels values per time step
   * @param factor block length ≥ 1
   * @return row-major {@code [⌈n/factor⌉ × channels]}
   */
  public static double[] apply(double[] x, int channels, int factor) {
    if (factor < 1) throw new IllegalArgumentException("factor must be >= 1");
    int n = x.length / channels;
    int m = (n + factor - 1) / factor;
    double[] y = new double[m * channels];
    for (int b = 0; b < m; b++) {
      int from = b * factor, to = Math.min(n, from + factor);
      for (int ch = 0; ch < channels; ch++) {
        double s = 0;
        for (int t = from; t < to; t++) s += x[t * channels + ch];
        y[b * channels + ch] = s / (to - from);
      }
    }
    return y;
  }

  /**
   * @param data the sequences (Not modified)
   * @param factor block length ≥ 1
   * @return a dataset of downsampled copies
   */
  public static SequenceDataset apply(SequenceDataset data, int factor) {
    List<double[]> out = new ArrayList<>(data.size());
    for (double[] x : data.series()) out.add(apply(x, data.inputSize(), factor));
    return data.withSeries(out, data.inputSize());
  }
}
