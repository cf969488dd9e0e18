package org.distinct.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Preprocessing of raw series, applied in this order: median filter ({@link MedianFilter}), downsampling
 * ({@link Downsampling}), min–max scaling ({@link SequenceScaling}). Global scaling is fitted on the training
 * sequences after filtering and downsampling ({@link #fit}) and applied unchanged to other sequences
 * ({@link Fitted#apply}).
 *
 * @param medianWindow odd median-filter window; 1 turns the filter off
 * @param scaling per-sequence, global or no min–max scaling
 * @param downsample integer downsampling factor; 1 keeps every step
 */
public record SeriesPreprocessing(int medianWindow, SequenceScaling.Mode scaling, int downsample) {

  /** Validates the settings. */
  public SeriesPreprocessing {
    if (medianWindow < 1 || medianWindow % 2 == 0)
      throw new IllegalArgumentException("median window must be odd and >= 1, got " + medianWindow);
    if (scaling == null) throw new IllegalArgumentException("scaling is null");
    if (downsample < 1) throw new IllegalArgumentException("downsample factor must be >= 1, got " + downsample);
  }

  /** @return window 5, per-sequence scaling, no downsampling */
  public static SeriesPreprocessing defaults() {
    return new SeriesPreprocessing(5, SequenceScaling.Mode.PER_SEQUENCE, 1);
  }

  /**
   * Fits the preprocessing on training sequences.
   *
   * @param train training sequences (Not modified)
   * @return the fitted preprocessing (global min/max only for {@link SequenceScaling.Mode#GLOBAL})
   */
  public Fitted fit(SequenceDataset train) {
    MinMaxScaler scaler = null;
    if (scaling == SequenceScaling.Mode.GLOBAL) scaler = SequenceScaling.fitGlobal(smoothAndDownsample(train));
    return new Fitted(this, scaler == null ? null : scaler.min(), scaler == null ? null : scaler.max());
  }

  private SequenceDataset smoothAndDownsample(SequenceDataset d) {
    SequenceDataset out = medianWindow > 1 ? MedianFilter.apply(d, medianWindow) : d;
    return downsample > 1 ? Downsampling.apply(out, downsample) : out;
  }

  /**
   * Preprocessing fitted on training data: what a model file records.
   *
   * @param config the settings
   * @param globalMin per-channel minimum for global scaling {@code [inputSize]}, or null
   * @param globalMax per-channel maximum for global scaling {@code [inputSize]}, or null
   */
  public record Fitted(SeriesPreprocessing config, double[] globalMin, double[] globalMax) {

    /** Checks that global scaling has its min and max. */
    public Fitted {
      if (config.scaling() == SequenceScaling.Mode.GLOBAL && (globalMin == null || globalMax == null))
        throw new IllegalArgumentException("global scaling needs min and max");
    }

    /**
     * Applies the preprocessing.
     *
     * @param data sequences (Not modified)
     * @return preprocessed copies (labels, groups, songs shared)
     */
    public SequenceDataset apply(SequenceDataset data) {
      SequenceDataset d = config.smoothAndDownsample(data);
      return switch (config.scaling()) {
        case PER_SEQUENCE -> SequenceScaling.applyPerSequence(d);
        case GLOBAL -> SequenceScaling.applyGlobal(d, new MinMaxScaler(globalMin, globalMax));
        case NONE -> d == data ? data.withSeries(copyAll(data), data.inputSize()) : d;
      };
    }

    private static List<double[]> copyAll(SequenceDataset d) {
      List<double[]> out = new ArrayList<>(d.size());
      for (double[] x : d.series()) out.add(x.clone());
      return out;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Fitted f
          && f.config.equals(config)
          && Arrays.equals(f.globalMin, globalMin)
          && Arrays.equals(f.globalMax, globalMax);
    }

    @Override
    public int hashCode() {
      return config.hashCode() * 31 + Arrays.hashCode(globalMin) * 7 + Arrays.hashCode(globalMax);
    }

    @Override
    public String toString() {
      return "Fitted[" + config + (globalMin == null ? "" : ", global min " + Arrays.toString(globalMin)
          + ", max " + Arrays.toString(globalMax)) + "]";
    }
  }
}
