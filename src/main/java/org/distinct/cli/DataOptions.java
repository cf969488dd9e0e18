package org.distinct.cli;

import java.nio.file.Path;
import java.util.List;
import org.distinct.data.Dataset;
import org.distinct.data.DemoData;
import org.distinct.data.FeatureTableLoader;
import org.distinct.data.FeatureTableOptions;
import picocli.CommandLine.Option;

/** Options that choose and read a feature table (a picocli mixin). Without {@code --data}, the demo is used. */
public final class DataOptions {
  /** The feature table. */
  @Option(names = {"-d", "--data"}, paramLabel = "FILE",
      description = "Feature table (.xlsx or .csv). Default: the built-in demo data.")
  public Path data;

  /** Seed of the demo data. */
  @Option(names = "--demo-seed", defaultValue = "42", description = "Seed of the built-in demo data (default: ${DEFAULT-VALUE}).")
  public long demoSeed;

  /** Participant column. */
  @Option(names = "--participant-column", defaultValue = "subject no.", paramLabel = "NAME",
      description = "Participant (group) column (default: '${DEFAULT-VALUE}').")
  public String participantColumn;

  /** Label column. */
  @Option(names = "--label-column", defaultValue = "label", paramLabel = "NAME",
      description = "Class label column (default: '${DEFAULT-VALUE}').")
  public String labelColumn;

  /** Class names in label order. */
  @Option(names = "--class-names", split = ",", paramLabel = "NAMES",
      description = "Names of the classes in sorted label order, e.g. classical,instrumental,pop.")
  public List<String> classNames;

  /** Columns not used as features. */
  @Option(names = "--drop-columns", split = ",", paramLabel = "NAMES", description = "Feature columns to leave out.")
  public List<String> dropColumns;

  /** Drop constant and copied columns. */
  @Option(names = "--drop-flagged", description = "Leave out columns that 'distinct inspect' flags as constant or as a copy of another column.")
  public boolean dropFlagged;

  /** @return the loader options these flags describe */
  public FeatureTableOptions options() {
    List<String> names = classNames;
    if ((names == null || names.isEmpty()) && data == null) names = DemoData.GENRES;
    return new FeatureTableOptions(participantColumn, labelColumn, names, dropColumns, dropFlagged);
  }

  /** @return the loaded dataset (the demo if no file was given) */
  public Dataset load() {
    if (data == null) return FeatureTableLoader.load(DemoData.featureTable(DemoData.FeatureSpec.defaults(), demoSeed), options());
    return FeatureTableLoader.load(data, options());
  }

  /** @return a short description of the data source for headers and provenance */
  public String describe() {
    return data == null ? "built-in demo data (seed " + demoSeed + ")" : data.toString();
  }
}
