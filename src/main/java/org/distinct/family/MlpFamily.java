package org.distinct.family;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distinct.BadInputException;
import org.distinct.data.Dataset;
import org.distinct.data.MinMaxScaler;
import org.distinct.eval.ExecutionTimer;
import org.distinct.model.Activation;
import org.distinct.model.Mlp;
import org.distinct.model.MlpCodec;
import org.distinct.model.NetworkCodec;
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
 * Adam; any number of hidden layers of sigmoid, tanh or ReLU units; min–max scaling fitted on the training rows;
 * structural pruning of any hidden layer.
 */
public final class MlpFamily implements ModelFamily<Mlp, Dataset, MlpTrainConfig> {
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

  @Override
  public NetworkCodec<Mlp> codec() {
    return new MlpCodec();
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

  /** @return min–max scaling to [0, 1] per feature, fitted on the training rows (no clipping of other rows) */
  @Override
  public Preprocessor<Dataset> preprocessor(PreprocessSettings settings) {
    return new Preprocessor<>() {
      @Override
      public Fitted<Dataset> fit(Dataset train) {
        MinMaxScaler scaler = MinMaxScaler.fit(train);
        return new Fitted<>() {
          @Override
          public Dataset apply(Dataset data) {
            return scaler.transform(data);
          }

          @Override
          public MinMaxScaler scaler() {
            return scaler;
          }

          @Override
          public Map<String, Object> record() {
            return Map.of();
          }
        };
      }

      @Override
      public String describe() {
        return "min–max scaling to [0, 1] fitted on the training rows";
      }
    };
  }

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
  public SavedModel save(Mlp model, Preprocessor.Fitted<Dataset> pre, Dataset data, MlpTrainConfig config, long seed) {
    return SavedModel.of(model, data.featureNames(), data.classNames(), pre.scaler(), record(config), seed);
  }

  /** Picks the model's features by name and applies the saved scaler ({@link SavedModel#prepare}). */
  @Override
  public Dataset prepare(SavedModel saved, Dataset raw) {
    network(saved);
    return saved.prepare(raw);
  }

  @Override
  public Map<String, Object> record(MlpTrainConfig config) {
    return config.toMap();
  }
}
