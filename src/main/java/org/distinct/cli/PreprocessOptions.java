package org.distinct.cli;

import org.distinct.BadInputException;
import org.distinct.data.SequenceScaling;
import org.distinct.family.PreprocessSettings;
import picocli.CommandLine.Option;

/** How sequences are preprocessed before training (a picocli mixin; feature tables are always min–max scaled). */
public final class PreprocessOptions {
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
      return PreprocessSettings.series(window, scaling, downsample);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("series preprocessing: " + e.getMessage(), e);
    }
  }
}
