package org.distinct.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Min–max scaling of sequences to [0, 1], per channel, either per sequence or globally.
 *
 * <p>{@link Mode#PER_SEQUENCE}: each sequence uses its own min and max: {@code x' = (x − min_s)/(max_s − min_s)}
 * (a constant sequence maps to 0); nothing is fitted. {@link Mode#GLOBAL}: min and max over all time steps of
 * the training sequences ({@link #fitGlobal}), applied unchanged to any sequences (values outside [0, 1] are
 * kept; a constant channel maps to 0). {@link Mode#NONE}: values unchanged.
 */
public final class SequenceScaling {
  private SequenceScaling() {}

  /** Which scaling. */
  public enum Mode {
    /** Each sequence scaled by its own min and max. */
    PER_SEQUENCE,
    /** One min and max per channel, fitted on training sequences. */
    GLOBAL,
    /** No scaling. */
    NONE
  }

  /**
   * Fits global per-channel min and max.
   *
   * @param train the training sequences (Not modified; at least one)
   * @return the fitted scaler ({@code [inputSize]} min and max)
   */
  public static MinMaxScaler fitGlobal(SequenceDataset train) {
    if (train.size() == 0) throw new IllegalArgumentException("cannot fit on 0 sequences");
    int c = train.inputSize();
    double[] mn = new double[c], mx = new double[c];
    Arrays.fill(mn, Double.POSITIVE_INFINITY);
    Arrays.fill(mx, Double.NEGATIVE_INFINITY);
    for (double[] x : train.series())
      for (int i = 0; i < x.length; i++) {
        int ch = i % c;
        if (x[i] < mn[ch]) mn[ch] = x[i];
        if (x[i] > mx[ch]) mx[ch] = x[i];
      }
    return new MinMaxScaler(mn, mx);
  }

  /**
   * Applies a fitted global scaler.
   *
   * @param data sequences (Not modified)
   * @param scaler per-channel min and max ({@code size() == inputSize})
   * @return scaled copies
   */
  public static SequenceDataset applyGlobal(SequenceDataset data, MinMaxScaler scaler) {
    int c = data.inputSize();
    if (scaler.size() != c) throw new IllegalArgumentException("scaler has " + scaler.size() + " channels, data " + c);
    List<double[]> out = new ArrayList<>(data.size());
    for (double[] x : data.series()) out.add(scaler.transform(x, x.length / c));
    return data.withSeries(out, c);
  }

  /**
   * Scales each sequence by its own per-channel min and max.
   *
   * @param data sequences (Not modified)
   * @return scaled copies
   */
  public static SequenceDataset applyPerSequence(SequenceDataset data) {
    int c = data.inputSize();
    List<double[]> out = new ArrayList<>(data.size());
    for (double[] x : data.series()) out.add(MinMaxScaler.fit(x, x.length / c, c).transform(x, x.length / c));
    return data.withSeries(out, c);
  }
}
