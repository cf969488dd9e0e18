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
import org.distinct.model.Mlp;
import org.distinct.model.ModelFile;
import org.distinct.model.SavedModel;
import org.distinct.prune.PatternSet;
import picocli.CommandLine.Option;

/**
 * Options and loading shared by the commands that apply a saved model to data ({@code evaluate},
 * {@code angles --model}, {@code prune}); a picocli mixin.
 *
 * <p>Rows are read from {@code --data} (the built-in demo without it), their feature columns are matched to
 * the model's inputs <b>by name</b> and scaled with the scaler saved in the model file (fitted on the model's
 * training rows). Class names default to the model's, so labels map to the model's outputs as they did in
 * training. Columns that do not match are an error naming every missing and extra column.
 *
 * <p>Pattern sets (activation vectors for angles and pruning statistics): a model file does not record which
 * rows it was trained on, so {@code train} means the rows of {@code --train-data} when given and otherwise
 * the rows of {@code --data}; {@code test} means the rows of {@code --data}; {@code all} means both (just
 * {@code --data} when there is no {@code --train-data}).
 */
public final class ModelData {
  @Option(names = {"-m", "--model"}, paramLabel = "FILE", description = "Saved model (JSON, from 'distinct train --save').")
  Path model;

  @Option(names = {"-d", "--data"}, paramLabel = "FILE",
      description = "Labelled feature table (.xlsx or .csv) to evaluate on. Default: the built-in demo data.")
  Path data;

  @Option(names = "--train-data", paramLabel = "FILE",
      description = "The rows the model was trained on, for '--patterns train' (default: the rows of --data).")
  Path trainData;

  @Option(names = "--demo-seed", defaultValue = "42", description = "Seed of the built-in demo data (default: ${DEFAULT-VALUE}).")
  long demoSeed;

  @Option(names = "--participant-column", defaultValue = "subject no.", paramLabel = "NAME",
      description = "Participant (group) column (default: '${DEFAULT-VALUE}').")
  String participantColumn;

  @Option(names = "--label-column", defaultValue = "label", paramLabel = "NAME",
      description = "Class label column (default: '${DEFAULT-VALUE}').")
  String labelColumn;

  @Option(names = "--class-names", split = ",", paramLabel = "NAMES",
      description = "Names of the classes in sorted label order (default: the model's class names).")
  List<String> classNames;

  @Option(names = "--drop-columns", split = ",", paramLabel = "NAMES", description = "Columns of the data to leave out.")
  List<String> dropColumns;

  @Option(names = "--ignore-extra-columns",
      description = "Accept data with feature columns the model does not use (they are ignored); default: refuse.")
  boolean ignoreExtra;

  /** @return the model file, required */
  Path modelPath() {
    if (model == null) throw new BadInputException("--model: a saved model file is required (make one with 'distinct train --save FILE')");
    return model;
  }

  /**
   * Loads the model file, which must hold an MLP.
   *
   * @return the saved model
   */
  SavedModel loadModel() {
    return ModelFile.loadMlp(modelPath());
  }

  /**
   * Loads the model file, whatever kind of network it holds.
   *
   * @return the saved model
   */
  SavedModel loadAnyModel() {
    return ModelFile.load(modelPath());
  }

  /** @return a description of the data source */
  String describeData() {
    return data == null ? "built-in demo data (seed " + demoSeed + ")" : data.toString();
  }

  /**
   * Reads the evaluation rows ({@code --data}) for a model.
   *
   * @param m the model
   * @return the rows with exactly the model's features, scaled with its scaler
   */
  Dataset evaluationRows(SavedModel m) {
    return rows(m, data);
  }

  /**
   * Reads the pattern set for a model.
   *
   * @param m the model
   * @param set which rows
   * @param evaluation the evaluation rows already read (from {@link #evaluationRows})
   * @return the pattern rows, prepared like the evaluation rows
   */
  Dataset patternRows(SavedModel m, PatternSet set, Dataset evaluation) {
    if (trainData == null) return evaluation;
    Dataset train = rows(m, trainData);
    return set.select(train, evaluation);
  }

  /** @return a description of the pattern set */
  String describePatterns(PatternSet set) {
    String train = trainData == null ? "the rows of " + describeData() + " (no --train-data given)" : trainData.toString();
    return switch (set) {
      case TRAIN -> "train: " + train;
      case TEST -> "test: the rows of " + describeData();
      case ALL -> trainData == null ? "all: the rows of " + describeData() : "all: " + trainData + " + " + describeData();
    };
  }

  private Dataset rows(SavedModel m, Path file) {
    List<String> names = classNames == null || classNames.isEmpty() ? m.classNames() : classNames;
    FeatureTableOptions o = new FeatureTableOptions(participantColumn, labelColumn, names, dropColumns, false);
    Dataset raw = file == null
        ? FeatureTableLoader.load(DemoData.featureTable(DemoData.FeatureSpec.defaults(), demoSeed), o)
        : FeatureTableLoader.load(file, o);
    checkColumns(m, raw, ignoreExtra);
    if (raw.numClasses() != m.classNames().size())
      throw BadInputException.at(raw.source(), 0, labelColumn,
          "has " + raw.numClasses() + " classes but the model has " + m.classNames().size() + " " + m.classNames());
    return m.prepare(raw);
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

  /**
   * @param m an MLP
   * @return e.g. {@code 25-30-3 sigmoid}
   */
  static String describe(Mlp m) {
    StringBuilder s = new StringBuilder();
    int[] sizes = m.sizes();
    for (int i = 0; i < sizes.length; i++) s.append(i == 0 ? "" : "-").append(sizes[i]);
    if (m.hiddenLayerCount() > 0) s.append(' ').append(m.layer(0).activation().name().toLowerCase(java.util.Locale.ROOT));
    return s.toString();
  }
}
