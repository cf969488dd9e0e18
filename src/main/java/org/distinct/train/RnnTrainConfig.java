package org.distinct.train;

/**
 * Settings of RNN training ({@link RnnTrainer}); defaults are the paper's (50 tanh units, Adam lr 0.003,
 * batch 32, 200 epochs, full BPTT).
 *
 * @param hidden hidden units (≥ 1)
 * @param learningRate Adam learning rate (&gt; 0)
 * @param beta1 Adam β1 in [0, 1)
 * @param beta2 Adam β2 in [0, 1)
 * @param epsilon Adam ε (&gt; 0)
 * @param batchSize sequences per mini-batch (≥ 1)
 * @param epochs passes over the training data (≥ 1)
 * @param truncation 0 for full back-propagation through time, else the number of last steps of each
 *     sequence that gradients flow through (truncated BPTT)
 * @param clipNorm 0 for no clipping, else the maximal global L2 norm of each batch gradient (as PyTorch's
 *     {@code clip_grad_norm_} computes it for {@code nn.RNN}, see {@link RnnBatchEngine#gradientNorm()})
 * @param shuffle whether the training sequences are shuffled every epoch (seeded)
 * @param threads worker threads for a batch (≥ 1); results do not depend on it
 */
public record RnnTrainConfig(
    int hidden,
    double learningRate,
    double beta1,
    double beta2,
    double epsilon,
    int batchSize,
    int epochs,
    int truncation,
    double clipNorm,
    boolean shuffle,
    int threads) {

  /** Validates every field. */
  public RnnTrainConfig {
    if (hidden < 1) throw new IllegalArgumentException("hidden must be >= 1: " + hidden);
    if (!(learningRate > 0) || Double.isInfinite(learningRate))
      throw new IllegalArgumentException("learningRate must be positive: " + learningRate);
    if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0,1): " + beta1);
    if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0,1): " + beta2);
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) throw new IllegalArgumentException("epsilon must be positive: " + epsilon);
    if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1: " + batchSize);
    if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1: " + epochs);
    if (truncation < 0) throw new IllegalArgumentException("truncation must be >= 0 (0 = full BPTT): " + truncation);
    if (!(clipNorm >= 0) || Double.isInfinite(clipNorm))
      throw new IllegalArgumentException("clipNorm must be >= 0 (0 = off): " + clipNorm);
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
  }

  /** @return the paper's settings, with one thread per available processor */
  public static RnnTrainConfig defaults() {
    return new RnnTrainConfig(50, 0.003, 0.9, 0.999, 1e-8, 32, 200, 0, 0, true,
        Runtime.getRuntime().availableProcessors());
  }

  /**
   * @return the settings as plain JSON values (for model files and provenance); {@code threads} is left out
   *     because results do not depend on it
   */
  public java.util.Map<String, Object> toMap() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("model", "rnn");
    m.put("hidden", hidden);
    m.put("activation", "tanh");
    m.put("optimizer", java.util.Map.of("kind", "adam", "learningRate", learningRate, "beta1", beta1, "beta2", beta2, "epsilon", epsilon));
    m.put("batchSize", batchSize);
    m.put("epochs", epochs);
    m.put("truncation", truncation);
    m.put("clipNorm", clipNorm);
    m.put("shuffle", shuffle);
    return m;
  }

  /** @param e epochs @return a copy with that many epochs */
  public RnnTrainConfig withEpochs(int e) {
    return new RnnTrainConfig(hidden, learningRate, beta1, beta2, epsilon, batchSize, e, truncation, clipNorm, shuffle, threads);
  }

  /** @param h hidden units @return a copy with that hidden size */
  public RnnTrainConfig withHidden(int h) {
    return new RnnTrainConfig(h, learningRate, beta1, beta2, epsilon, batchSize, epochs, truncation, clipNorm, shuffle, threads);
  }

  /** @param t threads @return a copy with that many threads */
  public RnnTrainConfig withThreads(int t) {
    return new RnnTrainConfig(hidden, learningRate, beta1, beta2, epsilon, batchSize, epochs, truncation, clipNorm, shuffle, t);
  }
}
