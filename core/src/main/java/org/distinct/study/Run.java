package org.distinct.study;

import java.util.List;
import java.util.Map;

/**
 * Everything one seed of one model section of a study produced, as numbers, the same record for every model family
 * (what the report is made of and {@code --rerun} compares).
 *
 * @param seed the run's seed
 * @param split description of the test split used
 * @param trainRows patterns (rows or sequences) in the training part
 * @param testRows patterns in the test part
 * @param foldTrainLoss per-fold training loss (NaN for a diverged fold)
 * @param foldTrainAccuracy per-fold training accuracy
 * @param foldValidationLoss per-fold validation loss
 * @param foldValidationAccuracy per-fold validation accuracy
 * @param foldsDiverged folds whose training diverged
 * @param finalTrainLoss final model's loss on the training part (NaN if its training diverged)
 * @param finalTrainAccuracy final model's accuracy on the training part (NaN if diverged)
 * @param diverged the final model's training diverged (no test or pruning results then)
 * @param confusion the final model's test confusion matrix
 * @param trainCurve final model's training loss per epoch
 * @param foldTrainCurve mean over complete folds of the training loss per epoch
 * @param foldValidationCurve mean over complete folds of the validation loss per epoch
 * @param leakageSplit the split of the leakage check (the other one of the participant-grouped split and the leaky
 *     split: random rows for feature tables, the paper's per-song split for sequences), null if not run
 * @param leakageTestAccuracy test accuracy of the same settings with {@code leakageSplit}, NaN if not run
 * @param leakageTestLoss its test loss
 * @param pruning steps per sweep (criterion or mode), step 0 = the unpruned final model on the test part
 * @param stopReasons why each sweep stopped
 * @param angles angle matrix (degrees) of the unpruned final model's pruned layer over the pattern set
 */
public record Run(
    long seed,
    String split,
    int trainRows,
    int testRows,
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
    double[] foldTrainCurve,
    double[] foldValidationCurve,
    String leakageSplit,
    double leakageTestAccuracy,
    double leakageTestLoss,
    Map<String, List<StepRow>> pruning,
    Map<String, String> stopReasons,
    double[][] angles) {

  /** @return the unpruned model's test row (step 0 of the first sweep), or null if there is none */
  public StepRow baseline() {
    if (pruning == null || pruning.isEmpty()) return null;
    return pruning.values().iterator().next().get(0);
  }
}
