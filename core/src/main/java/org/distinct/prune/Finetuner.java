package org.distinct.prune;

import org.distinct.data.LabelledData;
import org.distinct.model.Network;
import org.distinct.train.Trainer;

/**
 * Optional re-training after each pruning step ({@link #of} builds one on any family's {@link Trainer}), so that this
 * package does not depend on trainer settings.
 *
 * @param <M> the model type
 */
@FunctionalInterface
public interface Finetuner<M> {

  /**
   * @param model the pruned model (Not modified)
   * @param epochs number of epochs to train ({@code ≥ 1})
   * @param seed seed for shuffling (derived by the schedule from its own seed, one per step)
   * @return the fine-tuned model (same shape)
   */
  M finetune(M model, int epochs, long seed);

  /**
   * Fine-tunes with a trainer's settings, the epoch count replaced by the schedule's {@code finetuneEpochs} (the
   * pruned model's architecture is kept): {@code trainer.withEpochs(epochs).fineTune(model, train, validation, seed)}.
   *
   * <p>A mask-mode model must not be fine-tuned: training would give the zeroed incoming weights non-zero gradients and
   * revive the masked units (the command line refuses the combination).
   *
   * @param <M> network type
   * @param <D> data type
   * @param trainer optimizer, batch size, shuffling (and early stopping where supported)
   * @param train training patterns, already preprocessed (Not modified)
   * @param validation validation patterns, or null (Not modified)
   * @return the finetuner
   */
  static <M extends Network<D>, D extends LabelledData<D>> Finetuner<M> of(Trainer<M, D> trainer, D train, D validation) {
    if (trainer == null || train == null) throw new IllegalArgumentException("trainer and train must not be null");
    return (model, epochs, seed) -> trainer.withEpochs(epochs).fineTune(model, train, validation, seed).model();
  }
}
