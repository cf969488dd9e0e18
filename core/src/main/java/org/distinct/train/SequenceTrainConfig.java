package org.distinct.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of sequence training ({@link SequenceTrainer}: Elman, LSTM, GRU, Conv1D): hidden sizes, optimizer, batching,
 * back-propagation through time and clipping. The paper's values for its RNN are one layer of 50 units, Adam with
 * learning rate 0.003, batch 32, 200 epochs, full BPTT (kept in the model family's defaults).
 *
 * @param hidden hidden units (channels) of each layer (each ≥ 1; the Elman RNN has exactly one layer); copied
 * @param optimizer optimizer settings
 * @param batchSize sequences per mini-batch (≥ 1)
 * @param epochs passes over the training data (≥ 1)
 * @param truncation 0 for full back-propagation through time, else the number of last steps of each sequence that
 *     gradients flow through (truncated BPTT)
 * @param clipNorm 0 for no clipping, else the maximal global L2 norm of each batch gradient (as PyTorch's
 *     {@code clip_grad_norm_} computes it for the equivalent module, see {@link SequenceEngine#gradientNorm()})
 * @param shuffle whether the training sequences are shuffled every epoch (seeded)
 * @param threads worker threads for a batch (≥ 1); results do not depend on it
 */
public record SequenceTrainConfig(
    int[] hidden, OptimizerConfig optimizer, int batchSize, int epochs, int truncation, double clipNorm, boolean shuffle,
    int threads) {

  /** Validates every field and copies {@code hidden}. */
  public SequenceTrainConfig {
    if (hidden == null || hidden.length == 0) throw new IllegalArgumentException("at least one hidden layer is needed");
    hidden = hidden.clone();
    for (int h : hidden) if (h < 1) throw new IllegalArgumentException("hidden must be >= 1: " + h);
    Objects.requireNonNull(optimizer, "optimizer");
    if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1: " + batchSize);
    if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1: " + epochs);
    if (truncation < 0) throw new IllegalArgumentException("truncation must be >= 0 (0 = full BPTT): " + truncation);
    if (!(clipNorm >= 0) || Double.isInfinite(clipNorm))
      throw new IllegalArgumentException("clipNorm must be >= 0 (0 = off): " + clipNorm);
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
  }

  /** @return the hidden sizes (a copy) */
  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  /**
   * @return the settings as plain JSON values (for model files and provenance); {@code threads} is left out because
   *     results do not depend on it
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hidden", Arrays.stream(hidden).boxed().toList());
    m.put("optimizer", optimizer.toMap());
    m.put("batchSize", batchSize);
    m.put("epochs", epochs);
    m.put("truncation", truncation);
    m.put("clipNorm", clipNorm);
    m.put("shuffle", shuffle);
    return m;
  }

  /** @param e epochs @return a copy with that many epochs */
  public SequenceTrainConfig withEpochs(int e) {
    return new SequenceTrainConfig(hidden, optimizer, batchSize, e, truncation, clipNorm, shuffle, threads);
  }

  /** @param h hidden sizes @return a copy with those hidden sizes */
  public SequenceTrainConfig withHidden(int... h) {
    return new SequenceTrainConfig(h, optimizer, batchSize, epochs, truncation, clipNorm, shuffle, threads);
  }

  /** @param t threads @return a copy with that many threads */
  public SequenceTrainConfig withThreads(int t) {
    return new SequenceTrainConfig(hidden, optimizer, batchSize, epochs, truncation, clipNorm, shuffle, t);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SequenceTrainConfig c && Arrays.equals(c.hidden, hidden) && c.optimizer.equals(optimizer)
        && c.batchSize == batchSize && c.epochs == epochs && c.truncation == truncation
        && Double.compare(c.clipNorm, clipNorm) == 0 && c.shuffle == shuffle && c.threads == threads;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hidden) * 31 + Objects.hash(optimizer, batchSize, epochs, truncation, clipNorm, shuffle, threads);
  }

  @Override
  public String toString() {
    return "SequenceTrainConfig[hidden=" + Arrays.toString(hidden) + ", optimizer=" + optimizer + ", batchSize=" + batchSize
        + ", epochs=" + epochs + ", truncation=" + truncation + ", clipNorm=" + clipNorm + ", shuffle=" + shuffle
        + ", threads=" + threads + "]";
  }
}
