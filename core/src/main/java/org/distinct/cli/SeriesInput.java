package org.distinct.cli;

import java.nio.file.Path;
import java.util.List;
import org.distinct.data.DemoData;
import org.distinct.data.ReadLimits;
import org.distinct.data.SeriesLoader;
import org.distinct.data.SeriesOptions;
import org.distinct.data.SongMapping;
import picocli.CommandLine.Option;

/** Where labelled sequences come from and how they are read (a picocli mixin of every command that reads sequences). */
public final class SeriesInput {
  @Option(names = "--series", paramLabel = "PATH",
      description = "Sequences: a folder of per-song workbooks S1..S12 (.xlsx/.csv; other files are ignored), a long csv "
          + "(one row per time step: sequence, label, channels) or a UCR file. Default: the demo series.")
  Path series;

  @Option(names = "--layout", paramLabel = "LAYOUT", converter = Words.LayoutConverter.class, completionCandidates = Words.LayoutWords.class,
      description = "Layout of --series: ${COMPLETION-CANDIDATES} (default: auto, detected).")
  SeriesOptions.Layout layout;

  @Option(names = "--sequence-column", defaultValue = "sequence", paramLabel = "NAME",
      description = "Long layout: the sequence id column (default: '${DEFAULT-VALUE}').")
  String sequenceColumn;

  @Option(names = "--time-column", paramLabel = "NAME",
      description = "The clock column of a song workbook (default: Time); long layout: the time/order column rows are sorted by "
          + "(default: Time when present, else file order).")
  String timeColumn;

  @Option(names = "--song-mapping", paramLabel = "FILE", description = "song,class lines (default: S1-S4 classical, S5-S8 instrumental, S9-S12 pop).")
  Path songMapping;

  @Option(names = "--song-class", split = ",", paramLabel = "SONG=CLASS", description = "Song classes as options, e.g. S1=classical,S2=pop.")
  List<String> songClasses;

  @Option(names = "--keep-padding", description = "Song workbooks: keep trailing zeros (default: trimmed as padding).")
  boolean keepPadding;

  @Option(names = "--pad-unequal", description = "Song workbooks: pad shorter participant columns with zeros instead of refusing the workbook.")
  boolean padUnequal;

  /**
   * Reads the raw (unpreprocessed) sequences.
   *
   * @param demoSeed seed of the demo series (used without {@code --series})
   * @param minLength shortest acceptable series (the median-filter window)
   * @param columns the label and group columns of the long layout
   * @param limits what reading may cost
   * @return the sequences and what was read
   */
  SeriesLoader.Loaded load(long demoSeed, int minLength, ColumnOptions columns, ReadLimits limits) {
    SeriesOptions o = SeriesOptions.defaults().withKeepPadding(keepPadding).withPadUnequal(padUnequal).withMinLength(Math.max(1, minLength))
        .withLayout(layout == null ? SeriesOptions.Layout.AUTO : layout).withLimits(limits)
        .withLongColumns(columns.longColumns(sequenceColumn, timeColumn));
    if (timeColumn != null) o = o.withTimeColumn(timeColumn);
    if (songMapping != null) o = o.withMapping(SongMapping.parse(songMapping));
    else if (songClasses != null) o = o.withMapping(SongMapping.parseOptions(songClasses));
    if (series == null)
      return new SeriesLoader.Loaded(DemoData.series(DemoData.SeriesSpec.defaults(), demoSeed, o), SeriesOptions.Layout.FOLDER, List.of(), "");
    return SeriesLoader.loadDetailed(series, o);
  }

  /**
   * @param demoSeed seed of the demo series
   * @return the data source for headers
   */
  String describe(long demoSeed) {
    return series == null ? "built-in demo series (seed " + demoSeed + ")" : series.toString();
  }
}
