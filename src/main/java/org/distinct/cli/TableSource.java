package org.distinct.cli;

import java.nio.file.Path;
import java.util.List;
import org.distinct.data.Dataset;
import org.distinct.data.DemoData;
import org.distinct.data.FeatureTableLoader;
import org.distinct.data.FeatureTableOptions;
import picocli.CommandLine.Option;

/** Options that choose and read a feature table for training (a picocli mixin). Without {@code --data}, the demo is used. */
public final class TableSource {
  /** The feature table. */
  @Option(names = {"-d", "--data"}, paramLabel = "FILE", description = "Feature table (.xlsx or .csv). Default: the built-in demo data.")
  Path data;

  /** Seed of the demo data. */
  @Option(names = "--demo-seed", defaultValue = "42", description = "Seed of the built-in demo data and series (default: ${DEFAULT-VALUE}).")
  long demoSeed;

  /** Participant column. */
  @Option(names = "--participant-column", defaultValue = "subject no.", paramLabel = "NAME",
      description = "Participant (group) column (default: '${DEFAULT-VALUE}').")
  String participantColumn;

  /** Label column. */
  @Option(names = "--label-column", defaultValue = "label", paramLabel = "NAME", description = "Class label column (default: '${DEFAULT-VALUE}').")
  String labelColumn;

  /** Class names in label order. */
  @Option(names = "--class-names", split = ",", paramLabel = "NAMES",
      description = "Names of the classes in sorted label order, e.g. classical,instrumental,pop.")
  List<String> classNames;

  /** Columns not used as features. */
  @Option(names = "--drop-columns", split = ",", paramLabel = "NAMES", description = "Feature columns to leave out.")
  List<String> dropColumns;

  /** Drop constant and copied columns. */
  @Option(names = "--drop-flagged", description = "Leave out columns that 'distinct inspect' flags as constant or as a copy of another column.")
  boolean dropFlagged;

  /**
   * @param names class names to use (null: those of --class-names, or the demo's)
   * @param file the table, or null for the demo
   * @return the table read with these options
   */
  Dataset load(List<String> names, Path file) {
    List<String> n = names != null ? names : classNames;
    if ((n == null || n.isEmpty()) && file == null) n = DemoData.GENRES;
    FeatureTableOptions o = new FeatureTableOptions(participantColumn, labelColumn, n, dropColumns, dropFlagged);
    if (file == null) return FeatureTableLoader.load(DemoData.featureTable(DemoData.FeatureSpec.defaults(), demoSeed), o);
    return FeatureTableLoader.load(file, o);
  }

  /** @return the table of {@code --data} (the demo without it) */
  Dataset load() {
    return load(null, data);
  }

  /**
   * @param file a table or null
   * @return a short description of the source for headers
   */
  String describe(Path file) {
    return file == null ? "built-in demo data (seed " + demoSeed + ")" : file.toString();
  }
}
