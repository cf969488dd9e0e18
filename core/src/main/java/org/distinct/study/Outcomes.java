package org.distinct.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each kind of {@link WorkUnit} returns: numbers only, so that results can be cached and sent between machines. */
public final class Outcomes {
  private Outcomes() {}

  /**
   * One cross-validation fold.
   *
   * @param fold 0-based fold
   * @param diverged its training diverged
   * @param trainLoss loss on the fold's training part
   * @param trainAccuracy accuracy there
   * @param validationLoss loss on the fold's validation part
   * @param validationAccuracy accuracy there
   * @param trainCurve training loss per completed epoch
   * @param validationCurve validation loss per completed epoch
   */
  public record Fold(int fold, boolean diverged, double trainLoss, double trainAccuracy, double validationLoss,
      double validationAccuracy, double[] trainCurve, double[] validationCurve) {}

  /**
   * The final model of one run.
   *
   * @param split description of the test split
   * @param trainRows patterns in the training part
   * @param testRows patterns in the test part
   * @param diverged its training diverged
   * @param trainLoss loss on the training part
   * @param trainAccuracy accuracy there
   * @param confusion test confusion matrix
   * @param trainCurve training loss per epoch
   * @param model the trained model as model-file JSON (the input of the pruning sweep), null if diverged
   */
  public record Final(String split, int trainRows, int testRows, boolean diverged, double trainLoss, double trainAccuracy,
      long[][] confusion, double[] trainCurve, String model) {}

  /**
   * The leakage check of one run: the same settings with the other split (participant-grouped against the leaky one).
   *
   * @param split the split used, as a {@link org.distinct.family.Protocol.Split} word
   * @param testAccuracy test accuracy (NaN if training diverged)
   * @param testLoss test loss (NaN if training diverged)
   */
  public record Leakage(String split, double testAccuracy, double testLoss) {}

  /**
   * The pruning sweeps of one run's final model.
   *
   * @param pruning steps per sweep
   * @param stopReasons why each sweep stopped
   * @param angles angle matrix of the unpruned model's pruned layer
   */
  public record Sweep(Map<String, List<StepRow>> pruning, Map<String, String> stopReasons, double[][] angles) {
    /**
     * @param parts sweeps of one model (the first one's angles are kept: its first layer's)
     * @return their steps and stop reasons in one sweep, in order
     */
    public static Sweep merge(List<Sweep> parts) {
      if (parts.size() == 1) return parts.get(0);
      Map<String, List<StepRow>> pruning = new LinkedHashMap<>();
      Map<String, String> stops = new LinkedHashMap<>();
      for (Sweep p : parts) {
        pruning.putAll(p.pruning());
        stops.putAll(p.stopReasons());
      }
      return new Sweep(pruning, stops, parts.isEmpty() ? new double[0][] : parts.get(0).angles());
    }
  }
}
