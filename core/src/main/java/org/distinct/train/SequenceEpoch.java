package org.distinct.train;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One training epoch of a recurrent network on a {@link SequenceEngine}: optional shuffle (the permutation carries
 * over from epoch to epoch), then for each mini-batch the loss and gradient (float BPTT), optional clipping, and one
 * optimizer step on the engine's flat buffer. The inner loop of {@link SequenceTrainer}, public so that benchmarks
 * time exactly what training runs. Allocates nothing per epoch.
 */
public final class SequenceEpoch {
  private final SequenceEngine<?> engine;
  private final SequenceTrainConfig config;
  private final Optimizer optimizer;
  private final List<float[]> xs;
  private final int[] labels;
  private final int[] perm; // [n] current order of the sequences
  private final int[] pred; // [batch]
  private final int batch;
  private double loss = Double.NaN;
  private double accuracy = Double.NaN;

  /**
   * @param engine the engine, loaded with the starting parameters; its maxBatch must be ≥ the batch size used
   * @param config optimizer, batch size, clipping, shuffle
   * @param xs training sequences as float {@code [T_s × I]} (Not modified; kept)
   * @param labels class per sequence (Not modified; kept)
   */
  public SequenceEpoch(SequenceEngine<?> engine, SequenceTrainConfig config, List<float[]> xs, int[] labels) {
    if (xs.isEmpty() || labels.length != xs.size()) throw new IllegalArgumentException("need one label per sequence");
    this.engine = engine;
    this.config = config;
    this.optimizer = Optimizer.create(config.optimizer(), engine.updateScales());
    this.xs = xs;
    this.labels = labels;
    int n = xs.size();
    this.batch = Math.min(config.batchSize(), n);
    this.perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    this.pred = new int[batch];
  }

  /**
   * Runs one epoch.
   *
   * @param shuffleRng source of the shuffle (Modified: advanced if the config shuffles)
   * @return false if a loss or gradient was not finite (training diverged; the offending batch's update was
   *     not applied and the epoch stopped there)
   */
  public boolean run(SplittableRandom shuffleRng) {
    int n = xs.size();
    if (config.shuffle()) {
      for (int i = n - 1; i > 0; i--) {
        int j = shuffleRng.nextInt(i + 1);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
    }
    double lossSum = 0;
    int correct = 0;
    for (int from = 0; from < n; from += batch) {
      int count = Math.min(batch, n - from);
      double l = engine.lossAndGradients(xs, labels, perm, from, count, pred);
      double norm = config.clipNorm() > 0 ? engine.clipGradientNorm(config.clipNorm()) : engine.gradientNorm();
      if (!Double.isFinite(l) || !Double.isFinite(norm)) {
        loss = Double.NaN;
        accuracy = Double.NaN;
        return false;
      }
      lossSum += l * count;
      for (int q = 0; q < count; q++) if (pred[q] == labels[perm[from + q]]) correct++;
      optimizer.step(engine.parameters(), engine.gradients());
      engine.parametersChanged();
    }
    loss = lossSum / n;
    accuracy = (double) correct / n;
    return true;
  }

  /** @return mean training loss of the last epoch (each batch measured before its update) */
  public double loss() {
    return loss;
  }

  /** @return training accuracy of the last epoch, measured the same way */
  public double accuracy() {
    return accuracy;
  }
}
