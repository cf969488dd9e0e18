package org.distinct.cli;

import java.nio.file.Path;
import java.util.List;
import org.distinct.BadInputException;
import org.distinct.data.DemoData;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SequenceScaling;
import org.distinct.data.SeriesLoader;
import org.distinct.data.SeriesOptions;
import org.distinct.data.SeriesPreprocessing;
import org.distinct.data.SongMapping;
import picocli.CommandLine.Option;

/** Options that choose, read and preprocess the raw per-song series (a picocli mixin). */
public final class SeriesCliOptions {
  @Option(names = "--series", paramLabel = "DIR", description = "Folder of per-song workbooks S1..S12 (.xlsx or .csv). Default: the demo series.")
  Path series;

  @Option(names = "--song-mapping", paramLabel = "FILE", description = "song,class lines (default: S1-S4 classical, S5-S8 instrumental, S9-S12 pop).")
  Path songMapping;

  @Option(names = "--song-class", split = ",", paramLabel = "SONG=CLASS", description = "Song classes as options, e.g. S1=classical,S2=pop.")
  List<String> songClasses;

  @Option(names = "--keep-padding", description = "Keep trailing zeros (default: trimmed as padding).")
  boolean keepPadding;

  @Option(names = "--pad-unequal", description = "Pad shorter participant columns of a workbook with zeros instead of refusing it.")
  boolean padUnequal;

  @Option(names = "--window", defaultValue = "5", description = "Median filter window, odd; 1 = off (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--scaling", defaultValue = "per-sequence", description = "per-sequence, global (fitted on training data) or none (default: ${DEFAULT-VALUE}).")
  String scaling;

  @Option(names = "--downsample", defaultValue = "1", description = "Block-mean downsampling factor, 1 = off (default: ${DEFAULT-VALUE}).")
  int downsample;

  /**
   * @param demoSeed seed of the demo series (used without {@code --series})
   * @return the loaded sequences
   */
  SequenceDataset load(long demoSeed) {
    SeriesOptions o = SeriesOptions.defaults().withKeepPadding(keepPadding).withPadUnequal(padUnequal).withMinLength(Math.max(1, window));
    if (songMapping != null) o = o.withMapping(SongMapping.parse(songMapping));
    else if (songClasses != null) o = o.withMapping(SongMapping.parseOptions(songClasses));
    if (series == null) return DemoData.series(DemoData.SeriesSpec.defaults(), demoSeed, o);
    return SeriesLoader.load(series, o);
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
    return series == null ? "built-in demo series (seed " + demoSeed + ")" : series.toString();
  }
}
