package org.distinct.prune;

import org.distinct.data.Dataset;
import org.distinct.model.Mlp;
import org.distinct.train.MlpTrainConfig;
import org.distinct.train.MlpTrainer;

/** {@link Finetuner}s for MLPs built on {@link MlpTrainer}. */
public final class MlpFinetuner {
  private MlpFinetuner() {}

  /**
   * Fine-tunes with the given training settings, the epoch count replaced by the schedule's
   * {@code finetuneEpochs} (the hidden sizes and activation of the settings are ignored; the pruned model's
   * architecture is kept): {@code new MlpTrainer(config.withEpochs(epochs)).train(model, train, validation,
   * seed).model()}.
   *
   * @param config optimizer, batch size, shuffling, early stopping
   * @param train training rows, already scaled (Not modified)
   * @param validation validation rows for early stopping, or null (Not modified)
   * @return the finetuner
   */
  public static Finetuner<Mlp> of(MlpTrainConfig config, Dataset train, Dataset validation) {
    if (config == null || train == null) throw new IllegalArgumentException("config and train must not be null");
    return (model, epochs, seed) -> new MlpTrainer(config.withEpochs(epochs)).train(model, train, validation, seed).model();
  }
}
