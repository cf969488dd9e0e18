package org.distinct.cli;

import java.nio.file.Path;
import java.util.List;
import org.distinct.data.DemoData;
import org.distinct.data.FeatureFrame;
import org.distinct.data.FeatureTableLoader;
import org.distinct.data.FeatureTableOptions;
import org.distinct.data.ReadLimits;
import org.distinct.data.TableReadOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options that choose and read a feature table for training (a picocli mixin). Without {@code --data}, the demo is used. */
public final class TableSource {
  /** The feature table. */
  @Option(names = {"-d", "--data"}, paramLabel = "FILE", description = "Feature table (.xlsx, .csv or .tsv). Default: the built-in demo data.")
  Path data;

  /** Seed of the demo data. */
  @Option(names = "--demo-seed", defaultValue = "42", description = "Seed of the built-in demo data and series (default: ${DEFAULT-VALUE}).")
  long demoSeed;

  /** Label, group and class columns. */
  @Mixin ColumnOptions columns;

  /** Drop constant and copied columns. */
  @Option(names = "--drop-flagged", description = "Leave out columns that 'distinct inspect' flags as constant or as a copy of another column.")
  boolean dropFlagged;

  /**
   * @param limits what reading may cost
   * @return the table of {@code --data} as read (the demo without it)
   */
  FeatureFrame load(ReadLimits limits) {
    List<String> names = data == null ? DemoData.GENRES : null;
    FeatureTableOptions o = columns.table(names, dropFlagged);
    if (data == null) return FeatureTableLoader.loadFrame(DemoData.featureTable(DemoData.FeatureSpec.defaults(), demoSeed), o);
    return FeatureTableLoader.loadFrame(data, new TableReadOptions(columns.sheet, null, limits), o);
  }

  /** @return a short description of the source for headers */
  String describe() {
    return data == null ? "built-in demo data (seed " + demoSeed + ")" : data.toString();
  }
}
