package org.distinct.prune;

import java.util.List;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.eval.TimingResult;

/**
 * One row of the paper's Table 2: the state after a pruning step. Step 0 is the unpruned baseline (no
 * actions).
 *
 * @param <M> the model type
 * @param step step number, 0 for the baseline
 * @param unitsRemoved units removed so far (cumulative)
 * @param pairs this step's pairs, e.g. {@code (5->12)}, {@code (3,7) complementary}, {@code (9) variance}
 * @param actions this step's actions (original unit numbering)
 * @param metrics loss, accuracy, precision, recall, specificity, F1, confusion on the evaluation data
 * @param timing time to classify the evaluation set with this model (median of repeats), or null when
 *     timing is off
 * @param parameterCount trainable parameters of the model
 * @param hiddenSizes sizes of all hidden layers
 * @param survivors original indices of the pruned layer's remaining active units (masked units of a mask
 *     target are left out), so {@code survivors().length} is the layer's effective size
 * @param minAngleDeg minimum angle among the remaining (active, non-constant) units over the pattern set;
 *     NaN if fewer than two
 * @param beyondThreshold true if a pair of this step was forced beyond the thresholds
 * @param validationLoss loss on the validation set, NaN without one
 * @param model the model after this step
 */
public record ScheduleStep<M>(
    int step,
    int unitsRemoved,
    List<String> pairs,
    List<PruneAction> actions,
    ClassificationMetrics metrics,
    TimingResult timing,
    int parameterCount,
    int[] hiddenSizes,
    int[] survivors,
    double minAngleDeg,
    boolean beyondThreshold,
    double validationLoss,
    M model) {

  /** Copies lists and arrays. */
  public ScheduleStep {
    pairs = List.copyOf(pairs);
    actions = List.copyOf(actions);
    hiddenSizes = hiddenSizes.clone();
    survivors = survivors.clone();
  }

  /** @return the pairs joined like the paper prints them, {@code "(5->12) (6->13)"}, or {@code "none"} */
  public String pairsText() {
    return pairs.isEmpty() ? "none" : String.join(" ", pairs);
  }

  /** @return hidden sizes (a copy) */
  @Override
  public int[] hiddenSizes() {
    return hiddenSizes.clone();
  }

  /** @return surviving original indices (a copy) */
  @Override
  public int[] survivors() {
    return survivors.clone();
  }
}
