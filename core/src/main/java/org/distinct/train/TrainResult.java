package org.distinct.train;

import java.util.Arrays;

/**
 * The outcome of training a network, the same for every model family. Per-epoch arrays have one entry per completed
 * epoch (index 0 = epoch 1).
 *
 * <p>Training loss/accuracy of an epoch are measured on the fly over that epoch's mini-batches (each pattern counted
 * once, with the weights as they were when its batch was processed), as PyTorch training loops usually report them;
 * validation loss/accuracy are measured on the whole validation set after the epoch.
 *
 * @param <M> the network type
 * @param model the trained model (the best epoch's if early stopping restored it)
 * @param trainLoss mean training loss per epoch
 * @param trainAccuracy training accuracy per epoch, in [0, 1]
 * @param validationLoss validation loss per epoch (empty without validation set)
 * @param validationAccuracy validation accuracy per epoch, in [0, 1] (empty without validation set)
 * @param epochsRun number of completed epochs (= length of {@code trainLoss})
 * @param bestEpoch 0-based index of the epoch with the lowest validation loss (the last completed epoch without
 *     validation set or early stopping; -1 if no epoch completed)
 * @param diverged true if a loss or gradient became NaN or infinite; training stopped then and {@code model} holds
 *     the last parameters that were finite (or the best ones with restore-best)
 */
public record TrainResult<M>(
    M model,
    double[] trainLoss,
    double[] trainAccuracy,
    double[] validationLoss,
    double[] validationAccuracy,
    int epochsRun,
    int bestEpoch,
    boolean diverged) {

  /** Checks that the arrays agree with {@code epochsRun}. */
  public TrainResult {
    if (trainLoss.length != epochsRun || trainAccuracy.length != epochsRun)
      throw new IllegalArgumentException("train arrays must have epochsRun = " + epochsRun + " entries");
    if (validationLoss.length != validationAccuracy.length
        || (validationLoss.length != 0 && validationLoss.length != epochsRun))
      throw new IllegalArgumentException("validation arrays must be empty or have epochsRun entries");
    if (bestEpoch < -1 || bestEpoch >= Math.max(epochsRun, 1)) throw new IllegalArgumentException("bestEpoch " + bestEpoch);
  }

  /** @return true if a validation set was used */
  public boolean hasValidation() {
    return validationLoss.length > 0;
  }

  /** @return the training loss of the last completed epoch (NaN if none) */
  public double finalTrainLoss() {
    return epochsRun == 0 ? Double.NaN : trainLoss[epochsRun - 1];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainResult<?> t
        && t.model.equals(model)
        && Arrays.equals(t.trainLoss, trainLoss)
        && Arrays.equals(t.trainAccuracy, trainAccuracy)
        && Arrays.equals(t.validationLoss, validationLoss)
        && Arrays.equals(t.validationAccuracy, validationAccuracy)
        && t.epochsRun == epochsRun
        && t.bestEpoch == bestEpoch
        && t.diverged == diverged;
  }

  @Override
  public int hashCode() {
    return model.hashCode() * 31 + Arrays.hashCode(trainLoss);
  }

  @Override
  public String toString() {
    return "TrainResult[" + model + ", epochs=" + epochsRun + ", best=" + bestEpoch + ", diverged=" + diverged
        + ", finalTrainLoss=" + finalTrainLoss() + "]";
  }
}
