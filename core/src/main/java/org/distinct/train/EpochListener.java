package org.distinct.train;

/** Receives progress after every training epoch (e.g. to drive a progress bar). Called on the training thread. */
@FunctionalInterface
public interface EpochListener {
  /** A listener that ignores everything. */
  EpochListener NONE = e -> {};

  /**
   * What one completed epoch measured.
   *
   * @param epoch the 1-based number of the epoch just completed
   * @param trainLoss mean training loss over the epoch's batches (each measured before its batch's update)
   * @param trainAccuracy training accuracy measured the same way, in [0, 1]
   * @param validationLoss validation loss after the epoch, NaN without a validation set
   * @param validationAccuracy validation accuracy after the epoch, NaN without a validation set
   */
  record Epoch(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy) {}

  /**
   * Called once after each completed epoch.
   *
   * @param e what the epoch measured
   */
  void onEpoch(Epoch e);
}
