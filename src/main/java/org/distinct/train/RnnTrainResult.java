package org.distinct.train;

import org.distinct.model.ElmanRnn;

/**
 * What {@link RnnTrainer#train} returns.
 *
 * @param model the trained model (double; if training diverged, the last parameters that were finite)
 * @param trainLoss per completed epoch: mean cross-entropy of the training sequences, each measured in its
 *     batch before that batch's update (as a PyTorch training loop reports it)
 * @param trainAccuracy per completed epoch: fraction of training sequences classified correctly, measured
 *     the same way
 * @param validationLoss per completed epoch: mean cross-entropy of the validation sequences at the end of
 *     the epoch (NaN entries if there is no validation set)
 * @param validationAccuracy per completed epoch: validation accuracy at the end of the epoch (NaN if none)
 * @param diverged whether training stopped because a loss or gradient became NaN or infinite
 */
public record RnnTrainResult(
    ElmanRnn model,
    double[] trainLoss,
    double[] trainAccuracy,
    double[] validationLoss,
    double[] validationAccuracy,
    boolean diverged) {

  /** @return the number of epochs completed */
  public int epochsRun() {
    return trainLoss.length;
  }
}
