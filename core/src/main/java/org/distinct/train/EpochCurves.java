package org.distinct.train;

import java.util.Arrays;
import org.distinct.util.FaultHook;

/**
 * The per-epoch curves of one training run, as a trainer fills them epoch by epoch and turns them into its
 * {@link TrainResult}. Shared by every trainer, so that all results have the same shape.
 */
final class EpochCurves {
  private final double[] trainLoss;
  private final double[] trainAccuracy;
  private final double[] validationLoss; // empty without validation
  private final double[] validationAccuracy;
  private int done;

  /**
   * @param epochs the most epochs the run may complete
   * @param validation whether a validation set is measured after every epoch
   */
  EpochCurves(int epochs, boolean validation) {
    trainLoss = new double[epochs];
    trainAccuracy = new double[epochs];
    validationLoss = new double[validation ? epochs : 0];
    validationAccuracy = new double[validation ? epochs : 0];
  }

  /**
   * Records a completed epoch (the next one) and tells the listener.
   *
   * @param e what the epoch measured (its validation values are ignored without validation)
   * @param listener told about the epoch
   */
  void add(EpochListener.Epoch e, EpochListener listener) {
    trainLoss[done] = e.trainLoss();
    trainAccuracy[done] = e.trainAccuracy();
    if (validationLoss.length > 0) {
      validationLoss[done] = e.validationLoss();
      validationAccuracy[done] = e.validationAccuracy();
    }
    done++;
    listener.onEpoch(e);
    FaultHook.at("epoch"); // test hook: a kill in the middle of a fold's training (does nothing unless set)
  }

  /** @return number of completed epochs */
  int done() {
    return done;
  }

  /**
   * @param <M> network type
   * @param model the model to return
   * @param bestEpoch 0-based best epoch (-1 if none)
   * @param diverged whether training diverged
   * @return the result with the curves of the completed epochs
   */
  <M> TrainResult<M> result(M model, int bestEpoch, boolean diverged) {
    int v = validationLoss.length > 0 ? done : 0;
    return new TrainResult<>(model, Arrays.copyOf(trainLoss, done), Arrays.copyOf(trainAccuracy, done), Arrays.copyOf(validationLoss, v),
        Arrays.copyOf(validationAccuracy, v), done, bestEpoch, diverged);
  }
}
