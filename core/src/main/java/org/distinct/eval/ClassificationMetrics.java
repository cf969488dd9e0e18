package org.distinct.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Classification metrics of one model on one labelled set: mean cross-entropy loss, accuracy, per-class
 * precision, recall (sensitivity), specificity and F1, their macro averages, and the confusion matrix.
 *
 * <p>Definitions, for class {@code c} with counts from the confusion matrix ({@code TP} = true c predicted c,
 * {@code FP} = predicted c but not c, {@code FN} = c predicted as another class, {@code TN} = the rest):
 *
 * <ul>
 *   <li>precision = TP / (TP + FP); 0 with a warning when c was never predicted;
 *   <li>recall = TP / (TP + FN); 0 with a warning when c has no true rows;
 *   <li>specificity = TN / (TN + FP); 0 with a warning when every row is of class c;
 *   <li>F1 = 2 TP / (2 TP + FP + FN) (equal to the harmonic mean of precision and recall whenever both are
 *       defined, and 0 whenever either is 0); 0 with a warning when c was never predicted and never occurs.
 * </ul>
 *
 * Macro averages are unweighted means over all {@code numClasses} classes (classes with undefined values
 * count with their value 0). Accuracy = trace / n. Arrays are shared, not copied: treat them as read-only.
 *
 * @param numClasses number of classes {@code c}
 * @param n number of rows evaluated
 * @param loss mean cross-entropy (natural log) over the rows, or NaN when computed from predictions only
 * @param accuracy fraction of rows predicted correctly
 * @param precision per-class precision {@code [c]}
 * @param recall per-class recall {@code [c]}
 * @param specificity per-class specificity {@code [c]}
 * @param f1 per-class F1 {@code [c]}
 * @param macroPrecision mean of {@code precision}
 * @param macroRecall mean of {@code recall}
 * @param macroSpecificity mean of {@code specificity}
 * @param macroF1 mean of {@code f1} (not the F1 of the macro precision and recall)
 * @param confusion counts {@code [c × c]} indexed {@code [true][predicted]}
 * @param warnings human-readable notes on undefined values that were set to 0, in class order
 */
public record ClassificationMetrics(
    int numClasses,
    int n,
    double loss,
    double accuracy,
    double[] precision,
    double[] recall,
    double[] specificity,
    double[] f1,
    double macroPrecision,
    double macroRecall,
    double macroSpecificity,
    double macroF1,
    long[][] confusion,
    List<String> warnings) {

  /** Checks that all arrays have {@code numClasses} entries and copies the warnings. */
  public ClassificationMetrics {
    if (numClasses < 1) throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
    if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
    checkLength("precision", precision, numClasses);
    checkLength("recall", recall, numClasses);
    checkLength("specificity", specificity, numClasses);
    checkLength("f1", f1, numClasses);
    Objects.requireNonNull(confusion, "confusion");
    if (confusion.length != numClasses)
      throw new IllegalArgumentException("confusion has " + confusion.length + " rows, expected " + numClasses);
    for (long[] row : confusion)
      if (row.length != numClasses)
        throw new IllegalArgumentException("confusion row has " + row.length + " columns, expected " + numClasses);
    warnings = List.copyOf(warnings);
  }

  private static void checkLength(String name, double[] a, int c) {
    Objects.requireNonNull(a, name);
    if (a.length != c) throw new IllegalArgumentException(name + " has " + a.length + " entries, expected " + c);
  }

  /**
   * Computes all metrics from raw network outputs (logits, before softmax).
   *
   * <p>Loss per row {@code i} = {@code logsumexp(z_i) - z_i[y_i]} computed stably as
   * {@code (m - z_i[y_i]) + log(sum_j exp(z_ij - m))} with {@code m = max_j z_ij}; the reported loss is the mean.
   * The prediction is the arg-max of {@code z_i}, ties going to the lower class index. A row with a
   * non-finite logit makes the loss NaN (or infinite) and adds a warning; its prediction is the arg-max over
   * the values that compare (class 0 if none does).
   *
   * @param logits row-major {@code [n × numClasses]} (Not modified)
   * @param labels true class per row {@code [n]}, each in {@code [0, numClasses)} (Not modified)
   * @param n number of rows, at least 1
   * @param numClasses number of classes, at least 1
   * @return the metrics
   */
  public static ClassificationMetrics fromLogits(double[] logits, int[] labels, int n, int numClasses) {
    if (n < 1) throw new IllegalArgumentException("need at least one row, got n=" + n);
    if (numClasses < 1) throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
    if (logits.length != n * numClasses)
      throw new IllegalArgumentException(
          "logits has " + logits.length + " values, expected " + n + "x" + numClasses);
    if (labels.length != n) throw new IllegalArgumentException("labels has " + labels.length + " entries, expected " + n);
    int[] predicted = new int[n];
    double sum = 0;
    int nonFinite = 0;
    for (int i = 0; i < n; i++) {
      int off = i * numClasses;
      int y = labels[i];
      if (y < 0 || y >= numClasses)
        throw new IllegalArgumentException("label " + y + " of row " + i + " outside [0," + numClasses + ")");
      int best = 0;
      double m = logits[off];
      boolean finite = Double.isFinite(m);
      for (int j = 1; j < numClasses; j++) {
        double v = logits[off + j];
        if (!Double.isFinite(v)) finite = false;
        if (v > m || (Double.isNaN(m) && !Double.isNaN(v))) {
          m = v;
          best = j;
        }
      }
      predicted[i] = best;
      if (!finite) nonFinite++;
      double s = 0;
      for (int j = 0; j < numClasses; j++) s += Math.exp(logits[off + j] - m);
      sum += (m - logits[off + y]) + Math.log(s); // difference first: no cancellation of large m
    }
    List<String> extra = new ArrayList<>();
    if (nonFinite > 0) extra.add(nonFinite + " of " + n + " rows have non-finite logits: loss is not finite");
    return build(predicted, labels, numClasses, sum / n, extra);
  }

  /**
   * Computes all metrics from predicted classes.
   *
   * @param predicted predicted class per row {@code [n]}, each in {@code [0, numClasses)} (Not modified)
   * @param labels true class per row {@code [n]}, each in {@code [0, numClasses)} (Not modified)
   * @param numClasses number of classes, at least 1
   * @param loss the loss to report (e.g. computed elsewhere), or {@code Double.NaN} if unknown
   * @return the metrics
   */
  public static ClassificationMetrics fromPredictions(int[] predicted, int[] labels, int numClasses, double loss) {
    if (numClasses < 1) throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
    if (predicted.length != labels.length)
      throw new IllegalArgumentException(
          "predicted has " + predicted.length + " entries but labels has " + labels.length);
    if (predicted.length < 1) throw new IllegalArgumentException("need at least one row");
    return build(predicted, labels, numClasses, loss, new ArrayList<>());
  }

  private static ClassificationMetrics build(
      int[] predicted, int[] labels, int c, double loss, List<String> warnings) {
    int n = labels.length;
    long[][] cm = new long[c][c];
    for (int i = 0; i < n; i++) {
      int y = labels[i];
      int p = predicted[i];
      if (y < 0 || y >= c) throw new IllegalArgumentException("label " + y + " of row " + i + " outside [0," + c + ")");
      if (p < 0 || p >= c)
        throw new IllegalArgumentException("prediction " + p + " of row " + i + " outside [0," + c + ")");
      cm[y][p]++;
    }
    long[] rowSum = new long[c]; // true counts
    long[] colSum = new long[c]; // predicted counts
    long trace = 0;
    for (int t = 0; t < c; t++)
      for (int p = 0; p < c; p++) {
        rowSum[t] += cm[t][p];
        colSum[p] += cm[t][p];
        if (t == p) trace += cm[t][p];
      }
    double[] prec = new double[c];
    double[] rec = new double[c];
    double[] spec = new double[c];
    double[] f1 = new double[c];
    List<String> w = new ArrayList<>();
    for (int k = 0; k < c; k++) {
      long tp = cm[k][k];
      long fp = colSum[k] - tp;
      long fn = rowSum[k] - tp;
      long tn = n - tp - fp - fn;
      if (tp + fp == 0) w.add("class " + k + " was never predicted: precision 0");
      else prec[k] = (double) tp / (tp + fp);
      if (tp + fn == 0) w.add("class " + k + " has no true rows: recall 0");
      else rec[k] = (double) tp / (tp + fn);
      if (tn + fp == 0) w.add("class " + k + " has no negative rows (every row is class " + k + "): specificity 0");
      else spec[k] = (double) tn / (tn + fp);
      if (2 * tp + fp + fn == 0) w.add("class " + k + " was never predicted and never occurs: F1 0");
      else f1[k] = 2.0 * tp / (2 * tp + fp + fn);
    }
    w.addAll(warnings);
    return new ClassificationMetrics(
        c, n, loss, (double) trace / n, prec, rec, spec, f1, mean(prec), mean(rec), mean(spec), mean(f1), cm, w);
  }

  private static double mean(double[] a) {
    double s = 0;
    for (double v : a) s += v;
    return s / a.length;
  }
}
