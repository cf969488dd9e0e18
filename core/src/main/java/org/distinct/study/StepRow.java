package org.distinct.study;

import org.distinct.eval.ClassificationMetrics;
import org.distinct.eval.TimingResult;
import org.distinct.prune.ScheduleStep;

/**
 * One pruning step of one run, as numbers only (so runs can be cached and reloaded for {@code --resume}).
 *
 * @param step step number (0 = unpruned)
 * @param unitsRemoved hidden units removed so far
 * @param pairs the step's pairs, e.g. {@code (5->12) (6->9)}
 * @param loss test loss
 * @param accuracy test accuracy
 * @param precision macro precision
 * @param recall macro recall
 * @param specificity macro specificity
 * @param f1 macro F1
 * @param timeMedianMs median time to classify the test set
 * @param timeMinMs fastest timing
 * @param timeMaxMs slowest timing
 * @param parameters trainable parameters
 * @param hiddenUnits units left in the pruned layer
 * @param minAngle minimum angle among remaining units (degrees)
 * @param beyondThreshold the step took a pair beyond the thresholds
 */
public record StepRow(
    int step,
    int unitsRemoved,
    String pairs,
    double loss,
    double accuracy,
    double precision,
    double recall,
    double specificity,
    double f1,
    double timeMedianMs,
    double timeMinMs,
    double timeMaxMs,
    int parameters,
    int hiddenUnits,
    double minAngle,
    boolean beyondThreshold) {

  /**
   * @param s a schedule step
   * @return its numbers
   */
  public static StepRow of(ScheduleStep<?> s) {
    ClassificationMetrics m = s.metrics();
    TimingResult t = s.timing();
    return new StepRow(s.step(), s.unitsRemoved(), s.pairsText(), m.loss(), m.accuracy(), m.macroPrecision(),
        m.macroRecall(), m.macroSpecificity(), m.macroF1(),
        t == null ? Double.NaN : t.medianMillis(), t == null ? Double.NaN : t.minMillis(), t == null ? Double.NaN : t.maxMillis(),
        s.parameterCount(), s.survivors().length, s.minAngleDeg(), s.beyondThreshold());
  }
}
