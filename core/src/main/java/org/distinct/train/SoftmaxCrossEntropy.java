package org.distinct.train;

/**
 * Softmax followed by cross-entropy, averaged over the rows of a batch (PyTorch's
 * {@code nn.CrossEntropyLoss} with {@code reduction='mean'} applied to logits).
 *
 * <p>Rule, for logits {@code z} of one row with true class {@code y} and {@code m = max_k z_k}:
 * {@code loss = m + log Σ_k exp(z_k − m) − z_y} (log-sum-exp shifted by the maximum, so no exponential
 * overflows), and the gradient of the mean loss over {@code n} rows is
 * {@code ∂L/∂z_k = (softmax(z)_k − [k = y]) / n}.
 */
public final class SoftmaxCrossEntropy {
  private SoftmaxCrossEntropy() {}

  /**
   * Cross-entropy of one row.
   *
   * @param logits row-major logits (Not modified)
   * @param off offset of the row's first logit
   * @param c number of classes
   * @param label true class of the row, in {@code [0, c)}
   * @return {@code log Σ exp(z) − z_label}, computed stably
   */
  public static double rowLoss(double[] logits, int off, int c, int label) {
    double m = logits[off];
    for (int k = 1; k < c; k++) if (logits[off + k] > m) m = logits[off + k];
    double s = 0;
    for (int k = 0; k < c; k++) s += Math.exp(logits[off + k] - m);
    return m + Math.log(s) - logits[off + label];
  }

  /**
   * Mean cross-entropy of a batch of logits: the loss that training minimises and evaluation reports.
   *
   * @param logits row-major {@code [n × c]} (Not modified)
   * @param labels true class per row {@code [n]} (Not modified)
   * @param n number of rows (at least 1)
   * @param c number of classes
   * @return the mean of {@link #rowLoss} over the rows (summed in row order, then divided by n)
   */
  public static double meanLoss(double[] logits, int[] labels, int n, int c) {
    if (n < 1) throw new IllegalArgumentException("mean loss of 0 rows");
    if (logits.length < n * c || labels.length < n)
      throw new IllegalArgumentException("logits/labels shorter than " + n + " rows of " + c + " classes");
    double sum = 0;
    for (int r = 0; r < n; r++) sum += rowLoss(logits, r * c, c, checkLabel(labels[r], c));
    return sum / n;
  }

  /**
   * Mean loss and its gradient with respect to the logits, in one pass.
   *
   * @param logits row-major {@code [n × c]} (Not modified unless {@code grad} is the same array)
   * @param labels true class per row {@code [n]} (Not modified)
   * @param n number of rows (at least 1)
   * @param c number of classes
   * @param grad {@code [n × c]} (Modified: overwritten with {@code (softmax − onehot)/n}; may be
   *     {@code logits} itself)
   * @return the mean loss, identical to {@link #meanLoss} on the same logits
   */
  public static double lossAndGradient(double[] logits, int[] labels, int n, int c, double[] grad) {
    if (n < 1) throw new IllegalArgumentException("loss of 0 rows");
    double invN = 1.0 / n;
    double sum = 0;
    for (int r = 0; r < n; r++) {
      int off = r * c;
      int y = checkLabel(labels[r], c);
      double m = logits[off];
      for (int k = 1; k < c; k++) if (logits[off + k] > m) m = logits[off + k];
      double zy = logits[off + y];
      double s = 0;
      for (int k = 0; k < c; k++) {
        double e = Math.exp(logits[off + k] - m);
        grad[off + k] = e;
        s += e;
      }
      sum += m + Math.log(s) - zy;
      double inv = 1.0 / s;
      for (int k = 0; k < c; k++) grad[off + k] = grad[off + k] * inv * invN;
      grad[off + y] -= invN;
    }
    return sum / n;
  }

  /**
   * Cross-entropy of one row and its unscaled gradient with respect to the logits, {@code softmax(z) − onehot(y)}:
   * the one place every trainer, reference and pruning target computes them (callers scale the gradient, e.g. by
   * {@code 1/n} for a batch mean).
   *
   * @param z logits (Not modified, unless {@code dz} is the same array: each logit is read before it is overwritten)
   * @param off offset of the row's first logit in {@code z}
   * @param c number of classes
   * @param y true class, in {@code [0, c)}
   * @param dz receives the gradient (Modified: {@code [dzOff, dzOff + c)} overwritten; may be {@code z} itself at the
   *     same offset)
   * @param dzOff offset of the row's gradient in {@code dz}
   * @return {@code m + log Σ exp(z − m) − z_y}, {@code m} the largest logit: {@link #rowLoss}
   */
  public static double rowLossAndGradient(double[] z, int off, int c, int y, double[] dz, int dzOff) {
    double m = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < c; k++) m = Math.max(m, z[off + k]);
    double s = 0;
    for (int k = 0; k < c; k++) s += Math.exp(z[off + k] - m);
    double loss = m + Math.log(s) - z[off + y];
    for (int k = 0; k < c; k++) dz[dzOff + k] = Math.exp(z[off + k] - m) / s - (k == y ? 1 : 0);
    return loss;
  }

  private static int checkLabel(int y, int c) {
    if (y < 0 || y >= c) throw new IllegalArgumentException("label " + y + " outside [0," + c + ")");
    return y;
  }
}
