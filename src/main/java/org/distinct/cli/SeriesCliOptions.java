package org.distinct.cli;

import org.distinct.BadInputException;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SequenceScaling;
import org.distinct.data.SeriesPreprocessing;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options that choose, read and preprocess the raw per-song series (a picocli mixin). */
public final class SeriesCliOptions {
  @Mixin SeriesSource source;

  @Option(names = "--window", defaultValue = "5", description = "Median filter window, odd; 1 = off (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--scaling", defaultValue = "per-sequence", description = "per-sequence, global (fitted on training data) or none (default: ${DEFAULT-VALUE}).")
  String scaling;

  @Option(names = "--downsample", defaultValue = "1", description = "Block-mean downsampling factor, 1 = off (default: ${DEFAULT-VALUE}).")
  int downsample;

  /**
   * @param demoSeed seed of the demo series (used without {@code --series})
   * @return the loaded raw sequences
   */
  SequenceDataset load(long demoSeed) {
    return source.load(demoSeed, window);
  }

  /** @return the preprocessing these options describe */
  SeriesPreprocessing preprocessing() {
    SequenceScaling.Mode mode = switch (scaling) {
      case "per-sequence" -> SequenceScaling.Mode.PER_SEQUENCE;
      case "global" -> SequenceScaling.Mode.GLOBAL;
      case "none" -> SequenceScaling.Mode.NONE;
      default -> throw new BadInputException("--scaling: expected per-sequence, global or none, got '" + scaling + "'");
    };
    try {
      return new SeriesPreprocessing(window, mode, downsample);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("series preprocessing: " + e.getMessage(), e);
    }
  }

  /**
   * @param demoSeed seed of the demo series
   * @return the data source for headers
   */
  String describe(long demoSeed) {
    return source.describe(demoSeed);
  }
}
