package org.distinct.cli;

import org.distinct.BadInputException;
import org.distinct.data.SequenceScaling;
import org.distinct.data.TableEncoder;
import org.distinct.family.PreprocessSettings;
import picocli.CommandLine.Option;

/**
 * How data are prepared before training, fitted on the training part only (a picocli mixin): missing cells and
 * unseen categories of feature tables (text columns are always one-hot encoded, features always min–max scaled),
 * median filter, scaling and downsampling of sequences.
 */
public final class PreprocessOptions {
  @Option(names = "--impute", defaultValue = "none", converter = Words.ImputeConverter.class, completionCandidates = Words.ImputeWords.class,
      description = "Feature tables: fill missing cells (empty, NA, NaN, ?) with the training rows' ${COMPLETION-CANDIDATES}; "
          + "none refuses them, naming row and column (default: ${DEFAULT-VALUE}).")
  TableEncoder.Impute impute;

  @Option(names = "--unknown-categories", defaultValue = "error", converter = Words.UnknownConverter.class,
      completionCandidates = Words.UnknownWords.class,
      description = "Feature tables: a category the training rows lack is an error (naming row and column) or ignored (all zeros) "
          + "(default: ${DEFAULT-VALUE}).")
  TableEncoder.UnknownCategories unknownCategories;

  @Option(names = "--window", defaultValue = "5", description = "Sequences: median filter window, odd; 1 = off (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--scaling", defaultValue = "per-sequence", converter = Words.ScalingConverter.class,
      completionCandidates = Words.ScalingWords.class,
      description = "Sequences: ${COMPLETION-CANDIDATES} min–max scaling (global: fitted on the training sequences) (default: ${DEFAULT-VALUE}).")
  SequenceScaling.Mode scaling;

  @Option(names = "--downsample", defaultValue = "1", description = "Sequences: block-mean downsampling factor, 1 = off (default: ${DEFAULT-VALUE}).")
  int downsample;

  /** @return the preprocessing these options describe */
  PreprocessSettings settings() {
    try {
      return PreprocessSettings.series(window, scaling, downsample).withTable(new TableEncoder.EncoderOptions(impute, unknownCategories));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("series preprocessing: " + e.getMessage(), e);
    }
  }
}
