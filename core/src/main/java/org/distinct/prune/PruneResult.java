package org.distinct.prune;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one pruning step: a new (smaller) model and what was done.
 *
 * @param <M> the model type
 * @param model the pruned model (a new instance; the input model is untouched). If no action was taken it
 *     is the input model itself
 * @param actions the actions in the order they were applied
 * @param survivors original indices of the pruned layer's units in {@code model}, in their order (for a
 *     mask target: all units, indices unchanged)
 * @param angles the angle analysis the decisions were based on (of the model before the step), or
 *     {@code null} for criteria that do not use angles
 */
public record PruneResult<M>(M model, List<PruneAction> actions, int[] survivors, AngleResult angles) {

  /** Copies the list and array. */
  public PruneResult {
    if (model == null) throw new IllegalArgumentException("model is null");
    actions = List.copyOf(actions);
    survivors = survivors.clone();
  }

  /** @return the surviving units' original indices (a copy) */
  @Override
  public int[] survivors() {
    return survivors.clone();
  }

  /** @return total number of units removed by this step */
  public int unitsRemoved() {
    int s = 0;
    for (PruneAction a : actions) s += a.unitsRemoved();
    return s;
  }

  /** @return the action labels, e.g. {@code [(5->12), (3,7) complementary]} */
  public List<String> pairs() {
    List<String> p = new ArrayList<>(actions.size());
    for (PruneAction a : actions) p.add(a.label());
    return p;
  }

  /** @return true if any action was forced beyond the thresholds */
  public boolean beyondThreshold() {
    for (PruneAction a : actions) if (a.beyondThreshold()) return true;
    return false;
  }
}
