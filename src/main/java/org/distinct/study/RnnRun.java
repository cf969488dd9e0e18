package org.distinct.study;

import java.util.List;
import java.util.Map;

/**
 * Everything one seed of the RNN part of a study produced, as numbers (cacheable as JSON).
 *
 * @param seed the run's seed
 * @param split description of the test split used
 * @param trainSequences sequences in the training part
 * @param testSequences sequences in the test part
 * @param foldTrainLoss per-fold training loss
 * @param foldTrainAccuracy per-fold training accuracy
 * @param foldValidationLoss per-fold validation loss (NaN for a diverged fold)
 * @param foldValidationAccuracy per-fold validation accuracy
 * @param foldsDiverged folds whose training diverged
 * @param finalTrainLoss final model's loss on the training part
 * @param finalTrainAccuracy final model's accuracy on the training part
 * @param diverged the final model's training diverged
 * @param confusion final model's test confusion matrix
 * @param trainCurve final model's training loss per epoch
 * @param foldValidationCurve mean over folds of the validation loss per epoch
 * @param pruning steps per pruning mode ("structural", "mask"); step 0 = the unpruned model on the test part
 * @param stopReasons why each mode's schedule stopped
 */
public record RnnRun(
    long seed,
    String split,
    int trainSequences,
    int testSequences,
    double[] foldTrainLoss,
    double[] foldTrainAccuracy,
    double[] foldValidationLoss,
    double[] foldValidationAccuracy,
    int foldsDiverged,
    double finalTrainLoss,
    double finalTrainAccuracy,
    boolean diverged,
    long[][] confusion,
    double[] trainCurve,
    double[] foldValidationCurve,
    Map<String, List<StepRow>> pruning,
    Map<String, String> stopReasons) {

  /** @return the unpruned model's test row (step 0), or null if there is none */
  public StepRow baseline() {
    if (pruning.isEmpty()) return null;
    return pruning.values().iterator().next().get(0);
  }
}
