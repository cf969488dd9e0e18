package org.distinct.prune;

/**
 * Optional re-training after each pruning step, supplied by the caller (e.g. a lambda around
 * {@code MlpTrainer.train(initial, train, validation, seed)} with the epochs overridden), so that this
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
}
