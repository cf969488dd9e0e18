package org.distinct.family;

import org.distinct.data.SequenceScaling;
import org.distinct.data.SeriesPreprocessing;

/**
 * Preprocessing options as a user gives them; each data kind uses its own fields (sequences: median window, scaling,
 * downsampling; feature tables: none yet, min–max scaling is always fitted).
 *
 * @param series the sequence preprocessing (median window, scaling mode, downsampling factor)
 */
public record PreprocessSettings(SeriesPreprocessing series) {
  /** Validates. */
  public PreprocessSettings {
    if (series == null) series = SeriesPreprocessing.defaults();
  }

  /** @return the defaults: median window 5, per-sequence min–max scaling, no downsampling */
  public static PreprocessSettings defaults() {
    return new PreprocessSettings(SeriesPreprocessing.defaults());
  }

  /**
   * @param window median window
   * @param scaling scaling mode
   * @param downsample downsampling factor
   * @return the settings
   */
  public static PreprocessSettings series(int window, SequenceScaling.Mode scaling, int downsample) {
    return new PreprocessSettings(new SeriesPreprocessing(window, scaling, downsample));
  }
}
