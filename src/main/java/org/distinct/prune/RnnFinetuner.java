package org.distinct.prune;

import java.util.SplittableRandom;
import org.distinct.data.SequenceDataset;
import org.distinct.model.ElmanRnn;
import org.distinct.train.RnnTrainConfig;
import org.distinct.train.RnnTrainer;

/** {@link Finetuner}s for Elman RNNs built on {@link RnnTrainer} (structural mode only). */
public final class RnnFinetuner {
  private RnnFinetuner() {}

  /**
   * Fine-tunes with the given training settings, the epoch count replaced by the schedule's
   * {@code finetuneEpochs} (the settings' hidden size is ignored; the pruned model's is kept):
   * {@code new RnnTrainer(config.withEpochs(epochs)).train(model, train, null, new SplittableRandom(seed),
   * null).model()}.
   *
   * <p>A model with masked units (mask mode, {@link RnnSurgery#masked}) is refused: training would give the
   * zeroed incoming weights non-zero gradients and revive the units, undoing the pruning.
   *
   * @param config optimizer, batch size, truncation, clipping, shuffling, threads
   * @param train training sequences, already preprocessed (Not modified)
   * @return the finetuner; it throws {@link IllegalArgumentException} for a model with masked units
   */
  public static Finetuner<ElmanRnn> of(RnnTrainConfig config, SequenceDataset train) {
    if (config == null || train == null) throw new IllegalArgumentException("config and train must not be null");
    return (model, epochs, seed) -> {
      for (int u = 0; u < model.hiddenSize(); u++)
        if (RnnSurgery.masked(model, u))
          throw new IllegalArgumentException(
              "hidden unit " + u + " is masked: fine-tuning would revive masked units (use structural mode to fine-tune)");
      return new RnnTrainer(config.withEpochs(epochs)).train(model, train, null, new SplittableRandom(seed), null).model();
    };
  }
}
