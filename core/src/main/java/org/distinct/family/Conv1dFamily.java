package org.distinct.family;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distinct.BadInputException;
import org.distinct.data.SequenceDataset;
import org.distinct.eval.ExecutionTimer;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.prune.Conv1dTarget;
import org.distinct.prune.PruningTarget;
import org.distinct.prune.RnnTarget;
import org.distinct.train.OptimizerConfig;
import org.distinct.train.SequenceTrainConfig;
import org.distinct.train.SequenceTrainer;
import org.distinct.train.Trainer;

/**
 * The 1-D convolutional classifier of sequences (kind {@code conv1d}, {@link Conv1d}): convolutional layers of ReLU or
 * tanh channels, global average (or max) pooling, a linear layer to the classes; trained like the recurrent families
 * ({@link SequenceTrainer}, Adam, mini-batches, seeded, the float engine on several threads) with the paper's RNN
 * protocol; pruned structurally, one output channel of a chosen layer at a time ({@link Conv1dTarget}). The defaults
 * are {@link Conv1dConfig#defaults()}.
 *
 * <p>Settings: {@code --hidden} gives the channels of each layer; {@code --kernel}, {@code --stride} and
 * {@code --padding} one value for every layer or one per layer (default kernel 5 and stride 2 in every layer, whatever
 * the number of layers, and padding half the kernel, {@code ⌊kernel/2⌋}); {@code --pool avg|max}; {@code --activation relu|tanh}; {@code --clip} as for the recurrent families.
 * Early stopping and truncated BPTT are refused.
 */
public final class Conv1dFamily extends SeriesFamily<Conv1d, Conv1dConfig> {
  /** The family's kind name. */
  public static final String KIND = Conv1d.KIND;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String displayName() {
    return "Conv1D";
  }

  @Override
  public String description() {
    return "1-D convolutional network on sequences (ReLU/tanh conv layers, global average or max pooling, softmax)";
  }

  @Override
  public Class<Conv1d> modelType() {
    return Conv1d.class;
  }

  /** @return {@link Conv1dConfig#defaults()} (two layers of 16 ReLU channels, kernel 5, stride 2, padding 2, average pooling) */
  @Override
  public Conv1dConfig defaults() {
    return Conv1dConfig.defaults();
  }

  @Override
  public Conv1dConfig configure(TrainSettings s) {
    Conv1dConfig d = defaults();
    Settings.refuse(s.patience(), "--patience", KIND, "sequence training has no early stopping");
    if (s.truncation() != null && s.truncation() != 0)
      throw new BadInputException("--truncation: not available for the '" + KIND + "' family (a convolutional network has no recurrence)");
    Activation act = s.activation() == null ? d.activation() : Settings.parse("--activation", () -> Activation.parse(s.activation()));
    if (act != Activation.RELU && act != Activation.TANH)
      throw new BadInputException("--activation " + s.activation() + ": the '" + KIND + "' family uses relu or tanh");
    int[] hidden = Settings.hidden(s.hidden(), d.train().hidden());
    int[] kernels = perLayer("--kernel", s.kernel(), hidden.length, Conv1dConfig.KERNEL, 1);
    int[] strides = perLayer("--stride", s.stride(), hidden.length, Conv1dConfig.STRIDE, 1);
    int[] paddings = perLayer("--padding", s.padding(), hidden.length, 0, 0);
    if (s.padding() == null) for (int l = 0; l < hidden.length; l++) paddings[l] = kernels[l] / 2; // half the kernel, as the default
    Conv1d.Pool pool = s.pool() == null ? d.pool() : Settings.parse("--pool", () -> Conv1d.Pool.parse(s.pool()));
    OptimizerConfig opt = Settings.optimizer(s, d.train().optimizer());
    SequenceTrainConfig t = Settings.parse("training options", () -> new SequenceTrainConfig(hidden, opt,
        Settings.or(s.batchSize(), d.train().batchSize()), Settings.or(s.epochs(), d.train().epochs()), 0,
        Settings.or(s.clipNorm(), d.train().clipNorm()), d.train().shuffle(), Settings.or(s.threads(), d.train().threads())));
    return Settings.parse("--kernel/--stride/--padding", () -> new Conv1dConfig(t, kernels, strides, paddings, act, pool));
  }

  /**
   * One value per layer from an option that gives one value for every layer or one per layer.
   *
   * @param option the option, for messages
   * @param given the values given, or null
   * @param layers number of layers
   * @param dflt the default of every layer
   * @param min the smallest allowed value
   * @return the values
   */
  private static int[] perLayer(String option, List<Integer> given, int layers, int dflt, int min) {
    int[] v = new int[layers];
    if (given == null) {
      Arrays.fill(v, dflt);
      return v;
    }
    if (given.size() != 1 && given.size() != layers)
      throw new BadInputException(option + " " + join(given) + ": give one value for every layer or one per layer (" + layers + " layers)");
    for (int l = 0; l < layers; l++) {
      Integer x = given.get(given.size() == 1 ? 0 : l);
      if (x == null || x < min) throw new BadInputException(option + " " + join(given) + ": values must be at least " + min);
      v[l] = x;
    }
    return v;
  }

  private static String join(List<Integer> v) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < v.size(); i++) b.append(i == 0 ? "" : ",").append(v.get(i));
    return b.toString();
  }

  /**
   * Refuses the convolutional settings in a family that has no convolutions (called by the other families'
   * {@code configure}).
   *
   * @param s the user's settings
   * @param family the family's kind
   * @throws BadInputException naming the first convolutional option given
   */
  static void refuseConvolution(TrainSettings s, String family) {
    String why = "only the '" + KIND + "' family has convolutions";
    Settings.refuse(s.kernel(), "--kernel", family, why);
    Settings.refuse(s.stride(), "--stride", family, why);
    Settings.refuse(s.padding(), "--padding", family, why);
    Settings.refuse(s.pool(), "--pool", family, why);
  }

  @Override
  public TrainSettings settings(Conv1dConfig c) {
    SequenceTrainConfig t = c.train();
    OptimizerConfig o = t.optimizer();
    return new TrainSettings(Arrays.stream(t.hidden()).boxed().toList(), c.activation().name().toLowerCase(Locale.ROOT),
        o.kind().name().toLowerCase(Locale.ROOT), o.learningRate(), o.kind() == OptimizerConfig.Kind.SGD ? o.momentum() : null,
        t.batchSize(), t.epochs(), null, t.clipNorm(), null, t.threads(), Arrays.stream(c.kernels()).boxed().toList(),
        Arrays.stream(c.strides()).boxed().toList(), Arrays.stream(c.paddings()).boxed().toList(), c.pool().label());
  }

  @Override
  public Trainer<Conv1d, SequenceDataset> trainer(Conv1dConfig config) {
    return new Conv1dTrainer(config);
  }

  /** @return e.g. {@code Conv1D 1-16-16-3 relu (kernel 5/5, stride 2/2, padding 2/2, avg pool), adam lr 0.003, batch 32, 200 epochs} */
  @Override
  public String describe(Conv1dConfig cfg, int inputs, int classes) {
    SequenceTrainConfig t = cfg.train();
    StringBuilder s = new StringBuilder("Conv1D ").append(inputs);
    for (int h : t.hidden()) s.append('-').append(h);
    s.append('-').append(classes).append(' ').append(cfg.activation().name().toLowerCase(Locale.ROOT));
    s.append(" (").append(geometry(cfg.kernels(), cfg.strides(), cfg.paddings())).append(", ").append(cfg.pool().label()).append(" pool)");
    s.append(", ").append(t.optimizer().kind().name().toLowerCase(Locale.ROOT)).append(" lr ").append(t.optimizer().learningRate());
    s.append(", batch ").append(t.batchSize()).append(", ").append(t.epochs()).append(" epochs");
    if (t.clipNorm() > 0) s.append(", clip ").append(t.clipNorm());
    return s.toString();
  }

  private static String geometry(int[] k, int[] s, int[] p) {
    return "kernel " + slash(k) + ", stride " + slash(s) + ", padding " + slash(p);
  }

  private static String slash(int[] a) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < a.length; i++) b.append(i == 0 ? "" : "/").append(a[i]);
    return b.toString();
  }

  /** @return e.g. {@code Conv1D 1-16-16-3 relu (kernel 5/5, stride 2/2, padding 2/2, avg pool)} */
  @Override
  public String describe(Conv1d m) {
    StringBuilder s = new StringBuilder("Conv1D ");
    int[] sizes = m.sizes();
    for (int i = 0; i < sizes.length; i++) s.append(i == 0 ? "" : "-").append(sizes[i]);
    Conv1d.Spec spec = m.spec();
    s.append(' ').append(m.layer(0).activation().name().toLowerCase(Locale.ROOT));
    return s.append(" (").append(geometry(spec.kernels(), spec.strides(), spec.paddings())).append(", ").append(m.pool().label()).append(" pool)")
        .toString();
  }

  /** @return the paper's RNN protocol: 5-fold participant-grouped cross-validation, 25 % of each song held out */
  @Override
  public Protocol protocol() {
    return new Protocol(5, 0.25, Protocol.Split.SONG);
  }

  /** @return true: one training splits every batch over its threads */
  @Override
  public boolean trainsInParallel() {
    return true;
  }

  @Override
  public ExecutionTimer.Config timing() {
    return ExecutionTimer.Config.fixed(3, 7);
  }

  /** @return structural only (the mask variant is the paper's RNN procedure) */
  @Override
  public List<RnnTarget.Mode> modes() {
    return List.of(RnnTarget.Mode.STRUCTURAL);
  }

  @Override
  public PruningTarget<Conv1d, SequenceDataset> target(Conv1d model, TargetSpec spec) {
    if (spec.mode() != RnnTarget.Mode.STRUCTURAL)
      throw new BadInputException("--mode " + spec.mode().label() + ": the Conv1D is pruned structurally only (the mask variant is the paper's RNN procedure)");
    if (spec.lastStepOnly())
      throw new BadInputException("--last-step: a Conv1D has no last step (its activation vectors are a channel's outputs at every position)");
    if (spec.layer() < 0 || spec.layer() >= model.layerCount())
      throw new BadInputException("--layer " + spec.layer() + ": the model " + describe(model) + " has convolutional layers 0 to "
          + (model.layerCount() - 1));
    return new Conv1dTarget(spec.layer());
  }

  @Override
  public Map<String, Object> record(Conv1dConfig config) {
    return config.toMap();
  }
}
