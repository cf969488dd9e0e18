package org.distinct.prune;

import java.util.List;

/**
 * All steps of a progressive pruning run and why it stopped.
 *
 * @param <M> the model type
 * @param method the pruning method's name
 * @param target description of the pruned layer
 * @param steps step 0 (unpruned) first
 * @param stop why the schedule stopped
 * @param stopMessage one line explaining the stop, for printing
 * @param initialAngles angle analysis of the unpruned layer over the pattern set (angle matrix heat map)
 */
public record ScheduleResult<M>(
    String method, String target, List<ScheduleStep<M>> steps, StopReason stop, String stopMessage, AngleResult initialAngles) {

  /** Why a schedule stopped. */
  public enum StopReason {
    /** The layer reached {@code untilUnits}. */
    UNTIL_UNITS,
    /** No pair passed the thresholds (and force was off). */
    NO_PAIR,
    /** The method found nothing it could remove. */
    NOTHING_LEFT,
    /** The next step would have raised the validation loss by more than the limit (that step is not kept). */
    LOSS_LIMIT
  }

  /** Copies the list. */
  public ScheduleResult {
    steps = List.copyOf(steps);
  }

  /** @return the last step kept */
  public ScheduleStep<M> last() {
    return steps.get(steps.size() - 1);
  }
}
