package org.distinct.study;

/** The numbers a pruning step records ({@link StepRow}), as a type: what tables, figures and sentences ask for. */
public enum Metric {
  /** Test cross-entropy. */
  LOSS,
  /** Test accuracy, a fraction. */
  ACCURACY,
  /** Macro precision. */
  PRECISION,
  /** Macro recall. */
  RECALL,
  /** Macro specificity. */
  SPECIFICITY,
  /** Macro F1. */
  F1,
  /** Median time to classify the test set (ms). */
  TIME,
  /** Minimum angle among the remaining units (degrees). */
  MIN_ANGLE,
  /** Trainable parameters. */
  PARAMETERS;

  /**
   * @param s a step
   * @return this metric's value at that step
   */
  public double of(StepRow s) {
    return switch (this) {
      case LOSS -> s.loss();
      case ACCURACY -> s.accuracy();
      case PRECISION -> s.precision();
      case RECALL -> s.recall();
      case SPECIFICITY -> s.specificity();
      case F1 -> s.f1();
      case TIME -> s.timeMedianMs();
      case MIN_ANGLE -> s.minAngle();
      case PARAMETERS -> s.parameters();
    };
  }
}
