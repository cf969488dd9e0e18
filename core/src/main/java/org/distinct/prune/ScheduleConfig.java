package org.distinct.prune;

import org.distinct.BadInputException;
import org.distinct.eval.ExecutionTimer;

/**
 * Settings of {@link PruningSchedule}.
 *
 * @param step units removed per step (the paper: 2); default 2
 * @param untilUnits stop when the layer has this many units left; default 1
 * @param maxLossIncrease stop before the validation loss rises by more than this above the unpruned model's
 *     validation loss; {@code +∞} (default) = off; needs a validation set when finite
 * @param force when no pair passes the thresholds, take the closest pair and mark the step; default false
 * @param finetuneEpochs epochs of fine-tuning after each step through the caller's {@link Finetuner};
 *     default 0 (off, as in the paper)
 * @param timing how the evaluation set's classification is timed, or {@code null} to skip timing (steps then
 *     carry a null timing); default {@link ExecutionTimer.Config#defaults()}
 */
public record ScheduleConfig(
    int step, int untilUnits, double maxLossIncrease, boolean force, int finetuneEpochs, ExecutionTimer.Config timing) {

  /**
   * Validates the settings.
   *
   * @throws BadInputException for a step or unit count below 1, a negative or NaN loss limit, or negative
   *     fine-tuning epochs
   */
  public ScheduleConfig {
    if (step < 1) throw new BadInputException("pruning step " + step + " must be >= 1 unit");
    if (untilUnits < 1) throw new BadInputException("until-units " + untilUnits + " must be >= 1 (a layer keeps at least one unit)");
    if (!(maxLossIncrease >= 0)) throw new BadInputException("max-loss-increase " + maxLossIncrease + " must be >= 0");
    if (finetuneEpochs < 0) throw new BadInputException("finetune-epochs " + finetuneEpochs + " must be >= 0");
  }

  /** @return step 2, until 1 unit, no loss limit, not forced, no fine-tuning, default timing */
  public static ScheduleConfig defaults() {
    return new ScheduleConfig(2, 1, Double.POSITIVE_INFINITY, false, 0, ExecutionTimer.Config.defaults());
  }

  /**
   * @param s units per step
   * @return a copy
   */
  public ScheduleConfig withStep(int s) {
    return new ScheduleConfig(s, untilUnits, maxLossIncrease, force, finetuneEpochs, timing);
  }

  /**
   * @param u units to keep
   * @return a copy
   */
  public ScheduleConfig withUntilUnits(int u) {
    return new ScheduleConfig(step, u, maxLossIncrease, force, finetuneEpochs, timing);
  }

  /**
   * @param x validation loss limit
   * @return a copy
   */
  public ScheduleConfig withMaxLossIncrease(double x) {
    return new ScheduleConfig(step, untilUnits, x, force, finetuneEpochs, timing);
  }

  /**
   * @param f force
   * @return a copy
   */
  public ScheduleConfig withForce(boolean f) {
    return new ScheduleConfig(step, untilUnits, maxLossIncrease, f, finetuneEpochs, timing);
  }

  /**
   * @param e fine-tuning epochs
   * @return a copy
   */
  public ScheduleConfig withFinetuneEpochs(int e) {
    return new ScheduleConfig(step, untilUnits, maxLossIncrease, force, e, timing);
  }

  /**
   * @param t timing settings, or null to skip timing
   * @return a copy
   */
  public ScheduleConfig withTiming(ExecutionTimer.Config t) {
    return new ScheduleConfig(step, untilUnits, maxLossIncrease, force, finetuneEpochs, t);
  }
}
