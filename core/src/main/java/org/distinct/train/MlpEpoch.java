package org.distinct.train;

import java.util.SplittableRandom;
import org.distinct.data.Dataset;
import org.distinct.util.Rows;

/**
 * One pass over the training rows in mini-batches: the inner loop of {@link MlpTrainer}, public so that
 * benchmarks and custom loops run exactly the trainer's code. Allocates nothing per epoch or batch.
 *
 * <p>Per epoch: the row order is reset to {@code 0..n-1} and, if shuffling, permuted by Fisher–Yates with
 * the given random stream; then for each batch: gather rows, forward, mean loss and backward, one optimizer
 * step. The epoch's loss is {@code Σ batchLoss·batchRows / n}, its accuracy the fraction of rows whose
 * logits' arg-max (before that batch's step) is the label.
 */
public final class MlpEpoch {
  private final MlpWorkspace ws;
  private final Optimizer opt;
  private final double[] x; // [n × inputs], shared with the dataset
  private final int[] y; // [n]
  private final int n;
  private final int classes;
  private final boolean shuffle;
  private final int[] order; // [n]
  private double loss = Double.NaN;
  private double accuracy = Double.NaN;

  /**
   * @param ws workspace whose capacity is the batch size (Modified by {@link #run})
   * @param opt optimizer updating the workspace's parameters (Modified by {@link #run})
   * @param train training rows (Not modified; kept by reference)
   * @param shuffle permute rows before each epoch
   */
  public MlpEpoch(MlpWorkspace ws, Optimizer opt, Dataset train, boolean shuffle) {
    int[] sizes = ws.sizes();
    if (train.cols() != sizes[0])
      throw new IllegalArgumentException("data has " + train.cols() + " features, model expects " + sizes[0]);
    if (train.rows() < 1) throw new IllegalArgumentException("no training rows");
    this.ws = ws;
    this.opt = opt;
    this.x = train.x();
    this.y = train.labels();
    this.n = train.rows();
    this.classes = sizes[sizes.length - 1];
    this.shuffle = shuffle;
    this.order = new int[n];
  }

  /**
   * Runs one epoch. Stops early, returning false, if a batch loss is NaN or infinite (the parameters
   * are then those after the last finite batch; the caller decides what to keep).
   *
   * @param rng this epoch's random stream, used only when shuffling (Modified: advanced)
   * @return true if every batch loss was finite
   */
  public boolean run(SplittableRandom rng) {
    for (int i = 0; i < n; i++) order[i] = i;
    if (shuffle)
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    int bs = ws.capacity();
    double[] params = ws.parameters();
    double[] grads = ws.gradients();
    double lossSum = 0;
    int correct = 0;
    for (int start = 0; start < n; start += bs) {
      int nb = Math.min(bs, n - start);
      ws.gather(x, y, order, start, nb);
      double[] logits = ws.forwardGathered(nb);
      correct += Rows.countCorrect(logits, ws.gatheredLabels(), nb, classes);
      double l = ws.lossAndBackward();
      if (!Double.isFinite(l)) {
        loss = l;
        accuracy = Double.NaN;
        return false;
      }
      lossSum += l * nb;
      opt.step(params, grads);
      ws.parametersChanged();
    }
    loss = lossSum / n;
    accuracy = correct / (double) n;
    return true;
  }

  /** @return the mean training loss of the last epoch run */
  public double loss() {
    return loss;
  }

  /** @return the training accuracy of the last epoch run, in [0, 1] */
  public double accuracy() {
    return accuracy;
  }
}
