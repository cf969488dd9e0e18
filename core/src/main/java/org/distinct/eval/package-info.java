/**
 * Evaluation: {@link org.distinct.eval.ClassificationMetrics} (loss, accuracy, per-class and macro precision, recall,
 * specificity, F1, confusion matrix) and {@link org.distinct.eval.ExecutionTimer} (median of repeated timings after
 * warm-up).
 */
package org.distinct.eval;
