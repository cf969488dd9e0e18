package org.distinct.cli;

import java.nio.file.Path;
import java.util.List;
import org.distinct.data.DemoData;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SeriesLoader;
import org.distinct.data.SeriesOptions;
import org.distinct.data.SongMapping;
import picocli.CommandLine.Option;

/** Where labelled sequences come from and how they are read (a picocli mixin of every command that reads sequences). */
public final class SeriesInput {
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

  /**
   * Reads the raw (unpreprocessed) sequences.
   *
   * @param demoSeed seed of the demo series (used without {@code --series})
   * @param minLength shortest acceptable series (the median-filter window)
   * @return the sequences
   */
  SequenceDataset load(long demoSeed, int minLength) {
    SeriesOptions o = SeriesOptions.defaults().withKeepPadding(keepPadding).withPadUnequal(padUnequal).withMinLength(Math.max(1, minLength));
    if (songMapping != null) o = o.withMapping(SongMapping.parse(songMapping));
    else if (songClasses != null) o = o.withMapping(SongMapping.parseOptions(songClasses));
    if (series == null) return DemoData.series(DemoData.SeriesSpec.defaults(), demoSeed, o);
    return SeriesLoader.load(series, o);
  }

  /**
   * @param demoSeed seed of the demo series
   * @return the data source for headers
   */
  String describe(long demoSeed) {
    return series == null ? "built-in demo series (seed " + demoSeed + ")" : series.toString();
  }
}
