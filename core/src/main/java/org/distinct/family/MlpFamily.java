package org.distinct.family;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.distinct.BadInputException;
import org.distinct.data.Dataset;
import org.distinct.data.FeatureFrame;
import org.distinct.data.MinMaxScaler;
import org.distinct.data.TableEncoder;
import org.distinct.eval.ExecutionTimer;
import org.distinct.model.Activation;
import org.distinct.model.Mlp;
import org.distinct.model.SavedModel;
import org.distinct.prune.MlpTarget;
import org.distinct.prune.PruningTarget;
import org.distinct.prune.RnnTarget;
import org.distinct.train.MlpTrainConfig;
import org.distinct.train.MlpTrainer;
import org.distinct.train.OptimizerConfig;
import org.distinct.train.Trainer;

/**
 * The multilayer perceptron on a feature table (kind {@code mlp}): the paper's 25-30-3 sigmoid network trained with
 * Adam; any number of hidden layers of sigmoid, tanh or ReLU units; structural pruning of any hidden layer.
 *
 * <p>Its data are read as a {@link FeatureFrame} (numeric and text columns, missing cells) and prepared by a
 * {@link TableEncoder} (one-hot text columns, imputation) and min–max scaling, both fitted on the training rows
 * only. A model file records the scaler in its {@code scaler} field and, when the encoding is not the identity,
 * the encoder under {@code training.preprocessing.encoder}.
 */
public final class MlpFamily implements ModelFamily<Mlp, FeatureFrame, Dataset, MlpTrainConfig> {
  /** The family's kind name. */
  public static final String KIND = Mlp.KIND;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String displayName() {
    return "MLP";
  }

  @Override
  public String description() {
    return "multilayer perceptron on a feature table (sigmoid/tanh/ReLU hidden layers, softmax output)";
  }

  @Override
  public DataKind dataKind() {
    return DataKind.TABLE;
  }

  @Override
  public Class<Mlp> modelType() {
    return Mlp.class;
  }

  /** @return one hidden layer of 30 sigmoid units, Adam lr 0.01, batch 32, 1500 epochs ({@link MlpTrainConfig#defaults()}) */
  @Override
  public MlpTrainConfig defaults() {
    return MlpTrainConfig.defaults();
  }

  @Override
  public MlpTrainConfig configure(TrainSettings s) {
    MlpTrainConfig d = defaults();
    Settings.refuse(s.clipNorm(), "--clip", KIND, "the MLP is trained without gradient clipping");
    Settings.refuse(s.truncation(), "--truncation", KIND, "truncated BPTT is for recurrent networks");
    Conv1dFamily.refuseConvolution(s, KIND);
    int[] hidden = Settings.hidden(s.hidden(), d.hidden());
    Activation act = s.activation() == null ? d.activation() : Settings.parse("--activation", () -> Activation.parse(s.activation()));
    OptimizerConfig opt = Settings.optimizer(s, d.optimizer());
    return Settings.parse("training options", () -> new MlpTrainConfig(hidden, act, opt, Settings.or(s.batchSize(), d.batchSize()),
        Settings.or(s.epochs(), d.epochs()), d.shuffle(), Settings.or(s.patience(), d.patience()), d.restoreBest()));
  }

  @Override
  public TrainSettings settings(MlpTrainConfig c) {
    OptimizerConfig o = c.optimizer();
    return new TrainSettings(Arrays.stream(c.hidden()).boxed().toList(), c.activation().name().toLowerCase(Locale.ROOT),
        o.kind().name().toLowerCase(Locale.ROOT), o.learningRate(), o.kind() == OptimizerConfig.Kind.SGD ? o.momentum() : 0.9,
        c.batchSize(), c.epochs(), c.patience(), null, null, null);
  }

  @Override
  public Trainer<Mlp, Dataset> trainer(MlpTrainConfig config) {
    return new MlpTrainer(config);
  }

  @Override
  public String describe(MlpTrainConfig cfg, int inputs, int classes) {
    StringBuilder s = new StringBuilder("MLP ").append(inputs);
    for (int h : cfg.hidden()) s.append('-').append(h);
    s.append('-').append(classes).append(' ').append(cfg.activation().name().toLowerCase(Locale.ROOT));
    s.append(", ").append(cfg.optimizer().kind().name().toLowerCase(Locale.ROOT)).append(" lr ").append(cfg.optimizer().learningRate());
    s.append(", batch ").append(cfg.batchSize()).append(", ").append(cfg.epochs()).append(" epochs");
    return s.toString();
  }

  @Override
  public String describe(Mlp m) {
    StringBuilder s = new StringBuilder("MLP ");
    int[] sizes = m.sizes();
    for (int i = 0; i < sizes.length; i++) s.append(i == 0 ? "" : "-").append(sizes[i]);
    if (m.hiddenLayerCount() > 0) s.append(' ').append(m.layer(0).activation().name().toLowerCase(Locale.ROOT));
    return s.toString();
  }

  /** @return the paper's MLP protocol: 10-fold participant-grouped cross-validation, 20 % of the participants held out */
  @Override
  public Protocol protocol() {
    return new Protocol(10, 0.2, Protocol.Split.GROUPED);
  }

  /**
   * @return the encoding of text columns and imputation of missing cells ({@link TableEncoder}), then min–max scaling
   *     to [0, 1] per feature, all fitted on the training rows (no clipping of other rows)
   */
  @Override
  public Preprocessor<FeatureFrame, Dataset> preprocessor(PreprocessSettings settings) {
    TableEncoder.EncoderOptions options = settings.table();
    return new Preprocessor<>() {
      @Override
      public Fitted<FeatureFrame, Dataset> fit(FeatureFrame train) {
        TableEncoder encoder = TableEncoder.fit(train, options);
        return fitted(encoder, MinMaxScaler.fit(encoder.apply(train)));
      }

      @Override
      public String describe() {
        return describeEncoding(options) + "min–max scaling to [0, 1] fitted on the training rows";
      }
    };
  }

  private static String describeEncoding(TableEncoder.EncoderOptions o) {
    String impute = switch (o.impute()) {
      case NONE -> "";
      case MEAN -> "missing cells imputed with the mean, ";
      case MEDIAN -> "missing cells imputed with the median, ";
      case MOST_FREQUENT -> "missing cells imputed with the most frequent value, ";
    };
    return impute + "text columns one-hot encoded, ";
  }

  private static Preprocessor.Fitted<FeatureFrame, Dataset> fitted(TableEncoder encoder, MinMaxScaler scaler) {
    return new Preprocessor.Fitted<>() {
      @Override
      public Dataset apply(FeatureFrame data) {
        return scaler.transform(encoder.apply(data));
      }

      @Override
      public MinMaxScaler scaler() {
        return scaler;
      }

      @Override
      public Map<String, Object> record() {
        return encoder.isIdentity() ? Map.of() : Map.of(ENCODER, encoder.toMap());
      }
    };
  }

  /** Key of the encoder in a model file's {@code training.preprocessing}. */
  static final String ENCODER = "encoder";

  @Override
  public ExecutionTimer.Config timing() {
    return ExecutionTimer.Config.steady();
  }

  @Override
  public List<RnnTarget.Mode> modes() {
    return List.of(RnnTarget.Mode.STRUCTURAL);
  }

  @Override
  public PruningTarget<Mlp, Dataset> target(Mlp model, TargetSpec spec) {
    if (spec.mode() != RnnTarget.Mode.STRUCTURAL)
      throw new BadInputException("--mode " + spec.mode().label() + ": the MLP is pruned structurally only (the mask variant is the paper's RNN procedure)");
    if (spec.lastStepOnly()) throw new BadInputException("--last-step: an MLP has no time steps");
    if (model.hiddenLayerCount() == 0)
      throw new BadInputException("the model " + describe(model) + " has no hidden layer: nothing to prune");
    if (spec.layer() < 0 || spec.layer() >= model.hiddenLayerCount())
      throw new BadInputException("--layer " + spec.layer() + ": the model " + describe(model) + " has hidden layers 0 to "
          + (model.hiddenLayerCount() - 1));
    return new MlpTarget(spec.layer());
  }

  @Override
  public SavedModel save(Mlp model, Preprocessor.Fitted<FeatureFrame, Dataset> pre, Dataset data, MlpTrainConfig config, long seed) {
    Map<String, Object> training = new LinkedHashMap<>(record(config));
    Map<String, Object> prep = pre.record();
    if (!prep.isEmpty()) training.put("preprocessing", prep);
    return SavedModel.of(model, data.featureNames(), data.classNames(), pre.scaler(), training, seed);
  }

  /**
   * The encoding a model file records ({@code training.preprocessing.encoder}), or, when it records none, the
   * identity encoding of its feature names.
   *
   * @param saved an MLP model file
   * @return the encoder
   * @throws BadInputException when the record is malformed or does not give the model's features
   */
  public static TableEncoder encoding(SavedModel saved) {
    if (!(saved.trainingConfig().get("preprocessing") instanceof Map<?, ?> prep) || !(prep.get(ENCODER) instanceof Map<?, ?> map))
      return TableEncoder.numeric(saved.featureNames());
    TableEncoder e = TableEncoder.fromMap(map, "model file");
    if (!e.featureNames().equals(saved.featureNames()))
      throw new BadInputException("field 'training.preprocessing.encoder': it gives the features " + e.featureNames()
          + ", not the model's " + saved.featureNames());
    return e;
  }

  /**
   * Matches the columns to the model's by name (every missing and extra column named, or extra columns left out),
   * then encodes and scales them as the training rows were ({@link #encoding}, the saved scaler).
   */
  @Override
  public Dataset prepare(SavedModel saved, FeatureFrame raw, PrepareOptions options) {
    network(saved);
    TableEncoder encoder = encoding(saved);
    if (options.unknownCategories() != null) encoder = encoder.withUnknownCategories(options.unknownCategories());
    FeatureFrame used = options.ignoreExtraColumns() ? withoutUnused(encoder, raw) : raw;
    checkColumns(encoder, used);
    return saved.prepare(encoder.apply(used));
  }

  private static FeatureFrame withoutUnused(TableEncoder encoder, FeatureFrame raw) {
    Set<String> used = new HashSet<>();
    for (TableEncoder.Encoded e : encoder.columns()) used.add(e.name());
    List<FeatureFrame.Column> keep = raw.columns().stream().filter(c -> used.contains(c.name())).toList();
    if (keep.size() == raw.columns().size()) return raw;
    return new FeatureFrame(raw.source(), keep, raw.labels(), raw.groups(), raw.classNames(), raw.groupColumn(), raw.rowNumbers());
  }

  /** Refuses columns that differ from the encoder's, naming every missing and extra one. */
  private static void checkColumns(TableEncoder encoder, FeatureFrame raw) {
    List<String> want = encoder.columns().stream().map(TableEncoder.Encoded::name).toList();
    List<String> have = raw.columns().stream().map(FeatureFrame.Column::name).toList();
    List<String> missing = want.stream().filter(n -> !have.contains(n)).map(n -> "'" + n + "'").toList();
    List<String> extra = have.stream().filter(n -> !want.contains(n)).map(n -> "'" + n + "'").toList();
    if (missing.isEmpty() && extra.isEmpty()) return;
    StringBuilder sb = new StringBuilder("the feature columns do not match the model's " + want.size() + " input columns:");
    if (!missing.isEmpty()) sb.append(" missing ").append(String.join(", ", missing));
    if (!missing.isEmpty() && !extra.isEmpty()) sb.append(';');
    if (!extra.isEmpty())
      sb.append(" extra ").append(String.join(", ", extra)).append(" (leave them out with --drop-columns or --ignore-extra-columns)");
    throw BadInputException.at(raw.source(), 0, null, sb.toString());
  }

  /** @return the grouped split when the rows have groups, else the stratified one */
  @Override
  public Protocol.Split defaultSplit(FeatureFrame data) {
    return data.grouped() ? Protocol.Split.GROUPED : Protocol.Split.STRATIFIED;
  }

  @Override
  public Map<String, Object> record(MlpTrainConfig config) {
    return config.toMap();
  }
}
