package org.distinct.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.distinct.BadInputException;
import org.distinct.data.Dataset;
import org.distinct.data.DemoData;
import org.distinct.data.FeatureTableLoader;
import org.distinct.data.FeatureTableOptions;
import org.distinct.data.LabelledData;
import org.distinct.family.DataKind;
import org.distinct.family.ModelFamily;
import org.distinct.family.SeriesFamily;
import org.distinct.model.SavedModel;
import org.distinct.prune.PatternSet;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The data a saved model is applied to ({@code evaluate}, {@code angles --model}, {@code prune}); a picocli mixin.
 * Which options apply follows the model's family: a model on a feature table reads {@code --data} (the demo without
 * it), a model on sequences reads {@code --series}; the data are prepared exactly as the model's training data were
 * ({@link ModelFamily#prepare}).
 *
 * <p>Feature tables: columns are matched to the model's inputs <b>by name</b> and scaled with the scaler saved in the
 * model file; class names default to the model's, so labels map to its outputs as in training; columns that do not
 * match are an error naming every missing and extra column. Pattern sets (activation vectors for angles and pruning
 * statistics): a model file does not record its training rows, so {@code train} means the rows of
 * {@code --train-data} when given and otherwise those of {@code --data}; {@code test} means the rows of
 * {@code --data}; {@code all} means both. Sequences: the pattern set is the sequences of {@code --series}.
 */
public final class ModelInput {
  @Option(names = {"-d", "--data"}, paramLabel = "FILE",
      description = "Models on a feature table: labelled rows (.xlsx or .csv) to use. Default: the built-in demo data.")
  Path data;

  @Option(names = "--train-data", paramLabel = "FILE",
      description = "Models on a feature table: the rows the model was trained on, for '--patterns train' (default: the rows of --data).")
  Path trainData;

  @Option(names = "--demo-seed", defaultValue = "42", description = "Seed of the built-in demo data and series (default: ${DEFAULT-VALUE}).")
  long demoSeed;

  @Option(names = "--participant-column", defaultValue = "subject no.", paramLabel = "NAME",
      description = "Participant (group) column (default: '${DEFAULT-VALUE}').")
  String participantColumn;

  @Option(names = "--label-column", defaultValue = "label", paramLabel = "NAME", description = "Class label column (default: '${DEFAULT-VALUE}').")
  String labelColumn;

  @Option(names = "--class-names", split = ",", paramLabel = "NAMES",
      description = "Names of the classes in sorted label order (default: the model's class names).")
  List<String> classNames;

  @Option(names = "--drop-columns", split = ",", paramLabel = "NAMES", description = "Columns of the data to leave out.")
  List<String> dropColumns;

  @Option(names = "--ignore-extra-columns",
      description = "Accept data with feature columns the model does not use (they are ignored); default: refuse.")
  boolean ignoreExtra;

  @Mixin SeriesInput series;

  @Mixin ImportOptions imported;

  /**
   * The model to use in this run: a distinct model file as it is, an imported model (ONNX) with what its file does not
   * say filled in from the data and options ({@link ImportOptions}).
   *
   * @param <D> the family's data type
   * @param f the model's family
   * @param m the model as loaded
   * @return the model to use
   */
  <D extends LabelledData<D>> SavedModel bind(ModelFamily<?, D, ?> f, SavedModel m) {
    refuseOtherData(f, m);
    return imported.bind(f, m, this);
  }

  /** @return one line on what an imported model's setup took from the file and what was assumed, or null */
  String describeSetup() {
    return imported.describe();
  }

  /**
   * The evaluation data of a saved model: the rows of {@code --data} or the sequences of {@code --series}, prepared.
   *
   * @param <D> the family's data type
   * @param f the model's family
   * @param m the model file
   * @return the prepared data
   */
  @SuppressWarnings("unchecked")
  <D extends LabelledData<D>> D evaluation(ModelFamily<?, D, ?> f, SavedModel m) {
    refuseOtherData(f, m);
    if (f.dataKind() == DataKind.TABLE) return f.prepare(m, (D) rows(m, data));
    int window = SeriesFamily.preprocessing(m).config().medianWindow();
    return f.prepare(m, (D) series.load(demoSeed, window)); // SERIES families read SequenceDataset
  }

  /** A model reads one kind of data: options naming the other kind are refused rather than ignored. */
  private void refuseOtherData(ModelFamily<?, ?, ?> f, SavedModel m) {
    String what = "the model is a '" + m.kind() + "' model, which reads " + f.dataKind().description() + " (" + f.dataKind().option() + ")";
    if (f.dataKind() == DataKind.SERIES && (data != null || trainData != null))
      throw new BadInputException((data != null ? "--data" : "--train-data") + ": " + what + ", not a feature table");
    if (f.dataKind() == DataKind.TABLE && series.series != null)
      throw new BadInputException("--series: " + what + ", not sequences");
  }

  /**
   * The pattern set of a saved model.
   *
   * @param <D> the family's data type
   * @param f the model's family
   * @param m the model file
   * @param set which patterns
   * @param evaluation the evaluation data already read ({@link #evaluation})
   * @return the prepared pattern set
   */
  @SuppressWarnings("unchecked")
  <D extends LabelledData<D>> D patterns(ModelFamily<?, D, ?> f, SavedModel m, PatternSet set, D evaluation) {
    if (f.dataKind() != DataKind.TABLE || trainData == null) return evaluation;
    D train = f.prepare(m, (D) rows(m, trainData));
    return set.select(train, evaluation);
  }

  /**
   * @param f the model's family
   * @return a description of the data source
   */
  String describeData(ModelFamily<?, ?, ?> f) {
    if (f.dataKind() == DataKind.SERIES) return series.describe(demoSeed);
    return data == null ? "built-in demo data (seed " + demoSeed + ")" : data.toString();
  }

  /**
   * @param f the model's family
   * @param set a pattern set
   * @return a description of the pattern set
   */
  String describePatterns(ModelFamily<?, ?, ?> f, PatternSet set) {
    if (f.dataKind() == DataKind.SERIES) return "the sequences of " + series.describe(demoSeed);
    String d = describeData(f);
    String train = trainData == null ? "the rows of " + d + " (no --train-data given)" : trainData.toString();
    return switch (set) {
      case TRAIN -> "train: " + train;
      case TEST -> "test: the rows of " + d;
      case ALL -> trainData == null ? "all: the rows of " + d : "all: " + trainData + " + " + d;
    };
  }

  private Dataset rows(SavedModel m, Path file) {
    List<String> names = classNames == null || classNames.isEmpty() ? m.classNames() : classNames;
    Dataset raw = rawRows(file, names);
    checkColumns(m, raw, ignoreExtra);
    if (raw.numClasses() != m.classNames().size())
      throw BadInputException.at(raw.source(), 0, labelColumn,
          "has " + raw.numClasses() + " classes but the model has " + m.classNames().size() + " " + m.classNames());
    return raw;
  }

  /**
   * Reads labelled rows as they are.
   *
   * @param file the table, or null for the demo data
   * @param names the class names in sorted label order, or null/empty to name them after the labels
   * @return the rows
   */
  Dataset rawRows(Path file, List<String> names) {
    FeatureTableOptions o = new FeatureTableOptions(participantColumn, labelColumn, names, dropColumns, false);
    return file == null
        ? FeatureTableLoader.load(DemoData.featureTable(DemoData.FeatureSpec.defaults(), demoSeed), o)
        : FeatureTableLoader.load(file, o);
  }

  /**
   * Refuses data whose feature columns differ from the model's inputs, naming every missing and extra column.
   *
   * @param m the model
   * @param raw the data as loaded
   * @param ignoreExtra accept extra columns
   */
  static void checkColumns(SavedModel m, Dataset raw, boolean ignoreExtra) {
    Set<String> have = new HashSet<>(raw.featureNames());
    Set<String> want = new HashSet<>(m.featureNames());
    List<String> missing = new ArrayList<>();
    for (String f : m.featureNames()) if (!have.contains(f)) missing.add("'" + f + "'");
    List<String> extra = new ArrayList<>();
    for (String f : raw.featureNames()) if (!want.contains(f)) extra.add("'" + f + "'");
    if (ignoreExtra) extra.clear();
    if (missing.isEmpty() && extra.isEmpty()) return;
    StringBuilder sb = new StringBuilder("the feature columns do not match the model's " + m.featureNames().size() + " inputs:");
    if (!missing.isEmpty()) sb.append(" missing ").append(String.join(", ", missing));
    if (!missing.isEmpty() && !extra.isEmpty()) sb.append(';');
    if (!extra.isEmpty())
      sb.append(" extra ").append(String.join(", ", extra)).append(" (leave them out with --drop-columns or --ignore-extra-columns)");
    throw BadInputException.at(raw.source(), 0, null, sb.toString());
  }
}
