package org.distinct.family;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distinct.BadInputException;
import org.distinct.data.SequenceDataset;
import org.distinct.eval.ExecutionTimer;
import org.distinct.model.Network;
import org.distinct.prune.RnnTarget;
import org.distinct.train.OptimizerConfig;
import org.distinct.train.SequenceArchitecture;
import org.distinct.train.SequenceTrainConfig;
import org.distinct.train.SequenceTrainer;
import org.distinct.train.Trainer;

/**
 * What the recurrent families (Elman, LSTM, GRU) share: {@link SequenceTrainConfig} with the paper's RNN settings,
 * the {@link SequenceTrainer}, the paper's RNN protocol and both pruning modes.
 *
 * @param <M> the network type
 */
public abstract class RecurrentFamily<M extends Network<SequenceDataset>> extends SeriesFamily<M, SequenceTrainConfig> {

  /** @return initialisation and float engine of the architecture */
  protected abstract SequenceArchitecture<M> architecture();

  /** @return whether the architecture may stack several layers */
  protected abstract boolean stacks();

  /**
   * The paper's RNN settings: one layer of 50 units, Adam with learning rate 0.003, batch 32, 200 epochs, full BPTT,
   * shuffled; gradient-norm clipping at 1.0 (unclipped training on the paper's long series can explode and collapse
   * to chance; the paper does not say whether it clipped); one thread per processor (results do not depend on it).
   */
  @Override
  public SequenceTrainConfig defaults() {
    return new SequenceTrainConfig(new int[] {50}, OptimizerConfig.adam(0.003), 32, 200, 0, 1.0, true,
        Runtime.getRuntime().availableProcessors());
  }

  @Override
  public SequenceTrainConfig configure(TrainSettings s) {
    SequenceTrainConfig d = defaults();
    Settings.refuse(s.patience(), "--patience", kind(), "recurrent training has no early stopping");
    Conv1dFamily.refuseConvolution(s, kind());
    if (s.activation() != null && !s.activation().equalsIgnoreCase(activationName()))
      throw new BadInputException("--activation " + s.activation() + ": the '" + kind() + "' family uses " + activationName());
    int[] hidden = Settings.hidden(s.hidden(), d.hidden());
    if (!stacks() && hidden.length != 1)
      throw new BadInputException("--hidden: the '" + kind() + "' family has one hidden layer: give one size");
    OptimizerConfig opt = Settings.optimizer(s, d.optimizer());
    return Settings.parse("training options", () -> new SequenceTrainConfig(hidden, opt, Settings.or(s.batchSize(), d.batchSize()),
        Settings.or(s.epochs(), d.epochs()), Settings.or(s.truncation(), d.truncation()), Settings.or(s.clipNorm(), d.clipNorm()),
        d.shuffle(), Settings.or(s.threads(), d.threads())));
  }

  @Override
  public TrainSettings settings(SequenceTrainConfig c) {
    OptimizerConfig o = c.optimizer();
    return new TrainSettings(Arrays.stream(c.hidden()).boxed().toList(), activationName(), o.kind().name().toLowerCase(Locale.ROOT),
        o.learningRate(), o.kind() == OptimizerConfig.Kind.SGD ? o.momentum() : null, c.batchSize(), c.epochs(), null, c.clipNorm(),
        c.truncation(), c.threads());
  }

  /** @return the activation of the hidden units as users name it, e.g. {@code tanh} */
  protected String activationName() {
    return "tanh";
  }

  @Override
  public Trainer<M, SequenceDataset> trainer(SequenceTrainConfig config) {
    return new SequenceTrainer<>(config, architecture());
  }

  @Override
  public String describe(SequenceTrainConfig cfg, int inputs, int classes) {
    StringBuilder s = new StringBuilder(displayName()).append(' ').append(inputs);
    for (int h : cfg.hidden()) s.append('-').append(h);
    s.append('-').append(classes).append(' ').append(activationName());
    s.append(", ").append(cfg.optimizer().kind().name().toLowerCase(Locale.ROOT)).append(" lr ").append(cfg.optimizer().learningRate());
    s.append(", batch ").append(cfg.batchSize()).append(", ").append(cfg.epochs()).append(" epochs");
    if (cfg.clipNorm() > 0) s.append(", clip ").append(cfg.clipNorm());
    if (cfg.truncation() > 0) s.append(", truncated BPTT ").append(cfg.truncation());
    return s.toString();
  }

  /** @return the paper's RNN protocol: 5-fold participant-grouped cross-validation, 25 % of each song held out */
  @Override
  public Protocol protocol() {
    return new Protocol(5, 0.25, Protocol.Split.SONG);
  }

  /** @return true: one recurrent training splits every batch over its threads */
  @Override
  public boolean trainsInParallel() {
    return true;
  }

  @Override
  public ExecutionTimer.Config timing() {
    return ExecutionTimer.Config.fixed(3, 7);
  }

  @Override
  public List<RnnTarget.Mode> modes() {
    return List.of(RnnTarget.Mode.STRUCTURAL, RnnTarget.Mode.MASK);
  }

  @Override
  public Map<String, Object> record(SequenceTrainConfig config) {
    return config.toMap();
  }
}
