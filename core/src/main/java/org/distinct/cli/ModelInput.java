package org.distinct.cli;

import java.nio.file.Path;
import java.util.List;
import org.distinct.BadInputException;
import org.distinct.data.DemoData;
import org.distinct.data.FeatureFrame;
import org.distinct.data.FeatureTableLoader;
import org.distinct.data.FeatureTableOptions;
import org.distinct.data.LabelledData;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SeriesLoader;
import org.distinct.data.TableEncoder;
import org.distinct.data.TableReadOptions;
import org.distinct.family.DataKind;
import org.distinct.family.ModelFamily;
import org.distinct.family.PrepareOptions;
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
 * <p>Feature tables: columns are matched to the model's input columns <b>by name</b>, encoded (text columns one-hot,
 * missing cells imputed) as the model file records and scaled with its scaler; class names default to the model's, so
 * labels map to its outputs as in training; columns that do not match are an error naming every missing and extra
 * column. Pattern sets (activation vectors for angles and pruning
 * statistics): a model file does not record its training rows, so {@code train} means the rows of
 * {@code --train-data} when given and otherwise those of {@code --data}; {@code test} means the rows of
 * {@code --data}; {@code all} means both. Sequences: the pattern set is the sequences of {@code --series}.
 */
public final class ModelInput {
  @Option(names = {"-d", "--data"}, paramLabel = "FILE",
      description = "Models on a feature table: labelled rows (.xlsx, .csv or .tsv) to use. Default: the built-in demo data.")
  Path data;

  @Option(names = "--train-data", paramLabel = "FILE",
      description = "Models on a feature table: the rows the model was trained on, for '--patterns train' (default: the rows of --data).")
  Path trainData;

  @Option(names = "--demo-seed", defaultValue = "42", description = "Seed of the built-in demo data and series (default: ${DEFAULT-VALUE}).")
  long demoSeed;

  @Mixin ColumnOptions columns;

  @Option(names = "--ignore-extra-columns",
      description = "Accept data with feature columns the model does not use (they are ignored); default: refuse.")
  boolean ignoreExtra;

  @Option(names = "--unknown-categories", paramLabel = "WHAT", converter = Words.UnknownConverter.class,
      completionCandidates = Words.UnknownWords.class,
      description = "A category the training rows lacked: ${COMPLETION-CANDIDATES} (all zeros) (default: as the model was trained, error unless it said otherwise).")
  TableEncoder.UnknownCategories unknownCategories;

  @Mixin SeriesInput series;

  @Mixin ReadLimitOptions limits;

  @Mixin ImportOptions imported;

  /** What reading the sequences said (the files of a folder it ignored), or empty. */
  private String seriesNote = "";

  /**
   * The model to use in this run: a distinct model file as it is, an imported model (ONNX) with what its file does not
   * say filled in from the data and options ({@link ImportOptions}).
   *
   * @param <R> the family's data type as read
   * @param f the model's family
   * @param m the model as loaded
   * @return the model to use
   */
  <R extends LabelledData<R>> SavedModel bind(ModelFamily<?, R, ?, ?> f, SavedModel m) {
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
   * @param <R> the family's data type as read
   * @param <D> the family's prepared data type
   * @param f the model's family
   * @param m the model file
   * @return the prepared data
   */
  @SuppressWarnings("unchecked")
  <R extends LabelledData<R>, D extends LabelledData<D>> D evaluation(ModelFamily<?, R, D, ?> f, SavedModel m) {
    refuseOtherData(f, m);
    if (f.dataKind() == DataKind.TABLE) return f.prepare(m, (R) rows(m, data), options()); // TABLE families read FeatureFrame
    int window = SeriesFamily.preprocessing(m).config().medianWindow();
    return f.prepare(m, (R) rawSequences(window), options()); // SERIES families read SequenceDataset
  }

  private PrepareOptions options() {
    return new PrepareOptions(ignoreExtra, unknownCategories);
  }

  /** A model reads one kind of data: options naming the other kind are refused rather than ignored. */
  private void refuseOtherData(ModelFamily<?, ?, ?, ?> f, SavedModel m) {
    String what = "the model is a '" + m.kind() + "' model, which reads " + f.dataKind().description() + " (" + f.dataKind().option() + ")";
    if (f.dataKind() == DataKind.SERIES && (data != null || trainData != null))
      throw new BadInputException((data != null ? "--data" : "--train-data") + ": " + what + ", not a feature table");
    if (f.dataKind() == DataKind.TABLE && series.series != null)
      throw new BadInputException("--series: " + what + ", not sequences");
  }

  /**
   * The pattern set of a saved model.
   *
   * @param <R> the family's data type as read
   * @param <D> the family's prepared data type
   * @param f the model's family
   * @param m the model file
   * @param set which patterns
   * @param evaluation the evaluation data already read ({@link #evaluation})
   * @return the prepared pattern set
   */
  @SuppressWarnings("unchecked")
  <R extends LabelledData<R>, D extends LabelledData<D>> D patterns(ModelFamily<?, R, D, ?> f, SavedModel m, PatternSet set, D evaluation) {
    if (f.dataKind() != DataKind.TABLE || trainData == null) return evaluation;
    D train = f.prepare(m, (R) rows(m, trainData), options());
    return set.select(train, evaluation);
  }

  /**
   * @param f the model's family
   * @return a description of the data source (with what reading it ignored)
   */
  String describeData(ModelFamily<?, ?, ?, ?> f) {
    if (f.dataKind() == DataKind.SERIES) return series.describe(demoSeed) + (seriesNote.contains("ignored") ? " (" + seriesNote + ")" : "");
    return data == null ? "built-in demo data (seed " + demoSeed + ")" : data.toString();
  }

  /**
   * @param f the model's family
   * @param set a pattern set
   * @return a description of the pattern set
   */
  String describePatterns(ModelFamily<?, ?, ?, ?> f, PatternSet set) {
    if (f.dataKind() == DataKind.SERIES) return "the sequences of " + series.describe(demoSeed);
    String d = describeData(f);
    String train = trainData == null ? "the rows of " + d + " (no --train-data given)" : trainData.toString();
    return switch (set) {
      case TRAIN -> "train: " + train;
      case TEST -> "test: the rows of " + d;
      case ALL -> trainData == null ? "all: the rows of " + d : "all: " + trainData + " + " + d;
    };
  }

  private FeatureFrame rows(SavedModel m, Path file) {
    FeatureFrame raw = rawRows(file, columns.classNames == null || columns.classNames.isEmpty() ? m.classNames() : null);
    if (raw.numClasses() != m.classNames().size())
      throw BadInputException.at(raw.source(), 0, columns.labelColumn,
          "has " + raw.numClasses() + " classes but the model has " + m.classNames().size() + " " + m.classNames());
    return raw;
  }

  /**
   * Reads labelled rows as they are.
   *
   * @param file the table, or null for the demo data
   * @param names the class names in sorted label order, or null/empty for those of --class-names (else the label texts)
   * @return the rows as read
   */
  FeatureFrame rawRows(Path file, List<String> names) {
    FeatureTableOptions o = columns.table(names, false);
    return file == null
        ? FeatureTableLoader.loadFrame(DemoData.featureTable(DemoData.FeatureSpec.defaults(), demoSeed), o)
        : FeatureTableLoader.loadFrame(file, new TableReadOptions(columns.sheet, null, limits.limits()), o);
  }

  /**
   * The sequences of {@code --series} (the demo without it), as read.
   *
   * @param minLength the shortest acceptable sequence
   * @return the sequences
   */
  SequenceDataset rawSequences(int minLength) {
    SeriesLoader.Loaded loaded = series.load(demoSeed, minLength, columns, limits.limits());
    seriesNote = loaded.note();
    return loaded.data();
  }
}
