package org.distinct.train;

/** Receives progress after every training epoch (e.g. to drive a progress bar). Called on the training thread. */
@FunctionalInterface
public interface TrainingListener {
  /** A listener that ignores everything. */
  TrainingListener NONE = (epoch, trainLoss, validationLoss) -> {};

  /**
   * Called once after each completed epoch.
   *
   * @param epoch the 1-based number of the epoch just completed
   * @param trainLoss mean training loss over the epoch's batches
   * @param validationLoss mean validation loss after the epoch, or NaN without a validation set
   */
  void onEpoch(int epoch, double trainLoss, double validationLoss);
}
