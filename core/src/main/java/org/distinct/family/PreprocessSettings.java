package org.distinct.family;

import org.distinct.data.SequenceScaling;
import org.distinct.data.SeriesPreprocessing;
import org.distinct.data.TableEncoder;

/**
 * Preprocessing options as a user gives them; each data kind uses its own fields (sequences: median window, scaling,
 * downsampling; feature tables: imputation of missing cells and what an unseen category becomes, while one-hot
 * encoding of text columns and min–max scaling are always fitted).
 *
 * @param series the sequence preprocessing (median window, scaling mode, downsampling factor)
 * @param table the feature-table encoding options (imputation, unseen categories)
 */
public record PreprocessSettings(SeriesPreprocessing series, TableEncoder.EncoderOptions table) {
  /** Fills in defaults for nulls. */
  public PreprocessSettings {
    if (series == null) series = SeriesPreprocessing.defaults();
    if (table == null) table = TableEncoder.EncoderOptions.defaults();
  }

  /** @return the defaults: median window 5, per-sequence min–max scaling, no downsampling; no imputation, unseen categories refused */
  public static PreprocessSettings defaults() {
    return new PreprocessSettings(SeriesPreprocessing.defaults(), TableEncoder.EncoderOptions.defaults());
  }

  /**
   * @param window median window
   * @param scaling scaling mode
   * @param downsample downsampling factor
   * @return the settings (table encoding: the defaults)
   */
  public static PreprocessSettings series(int window, SequenceScaling.Mode scaling, int downsample) {
    return new PreprocessSettings(new SeriesPreprocessing(window, scaling, downsample), null);
  }

  /**
   * @param options the feature-table encoding options
   * @return a copy with them
   */
  public PreprocessSettings withTable(TableEncoder.EncoderOptions options) {
    return new PreprocessSettings(series, options);
  }
}
