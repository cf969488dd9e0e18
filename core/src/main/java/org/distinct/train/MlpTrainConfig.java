package org.distinct.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.distinct.model.Activation;

/**
 * How to train an MLP: architecture of the hidden layers, optimizer, batching and stopping.
 *
 * <p>Early stopping watches the validation loss (only when a validation set is given to the trainer):
 * training stops once {@code patience} epochs in a row have not improved on the best validation loss, and
 * with {@code restoreBest} the returned model is the one from the best epoch.
 *
 * @param hidden sizes of the hidden layers (each ≥ 1; may be empty for softmax regression); copied
 * @param activation activation of the hidden layers (not IDENTITY)
 * @param optimizer optimizer settings
 * @param batchSize rows per mini-batch (≥ 1; the last batch of an epoch may be smaller)
 * @param epochs maximum number of passes over the training rows (≥ 1)
 * @param shuffle reshuffle the rows before every epoch (seeded)
 * @param patience early-stopping patience in epochs, 0 = off
 * @param restoreBest with early stopping, return the model of the epoch with the lowest validation loss
 */
public record MlpTrainConfig(
    int[] hidden,
    Activation activation,
    OptimizerConfig optimizer,
    int batchSize,
    int epochs,
    boolean shuffle,
    int patience,
    boolean restoreBest) {

  /** Validates every field and copies {@code hidden}. */
  public MlpTrainConfig {
    if (hidden == null) throw new IllegalArgumentException("hidden sizes are null");
    hidden = hidden.clone();
    for (int h : hidden) if (h < 1) throw new IllegalArgumentException("hidden layer size must be >= 1: " + h);
    if (activation == null) throw new IllegalArgumentException("activation is null");
    if (activation == Activation.IDENTITY)
      throw new IllegalArgumentException("hidden activation must be sigmoid, tanh or relu, not identity");
    if (optimizer == null) throw new IllegalArgumentException("optimizer is null");
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
    if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1: " + epochs);
    if (patience < 0) throw new IllegalArgumentException("patience must be >= 0 (0 = off): " + patience);
  }

  /**
   * The paper's MLP: one hidden layer of 30 sigmoid units, Adam with learning rate 0.01, batch 32,
   * 1500 epochs, shuffled, no early stopping (restore-best on if patience is set later).
   *
   * @return the defaults
   */
  public static MlpTrainConfig defaults() {
    return new MlpTrainConfig(new int[] {30}, Activation.SIGMOID, OptimizerConfig.defaults(), 32, 1500, true, 0, true);
  }

  /** @return the hidden sizes (a copy) */
  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  /**
   * @param h new hidden sizes
   * @return a copy with other hidden sizes
   */
  public MlpTrainConfig withHidden(int... h) {
    return new MlpTrainConfig(h, activation, optimizer, batchSize, epochs, shuffle, patience, restoreBest);
  }

  /**
   * @param a new activation
   * @return a copy with another hidden activation
   */
  public MlpTrainConfig withActivation(Activation a) {
    return new MlpTrainConfig(hidden, a, optimizer, batchSize, epochs, shuffle, patience, restoreBest);
  }

  /**
   * @param o new optimizer
   * @return a copy with another optimizer
   */
  public MlpTrainConfig withOptimizer(OptimizerConfig o) {
    return new MlpTrainConfig(hidden, activation, o, batchSize, epochs, shuffle, patience, restoreBest);
  }

  /**
   * @param b new batch size
   * @return a copy with another batch size
   */
  public MlpTrainConfig withBatchSize(int b) {
    return new MlpTrainConfig(hidden, activation, optimizer, b, epochs, shuffle, patience, restoreBest);
  }

  /**
   * @param e new maximum epochs
   * @return a copy with another number of epochs
   */
  public MlpTrainConfig withEpochs(int e) {
    return new MlpTrainConfig(hidden, activation, optimizer, batchSize, e, shuffle, patience, restoreBest);
  }

  /**
   * @param s shuffle or not
   * @return a copy with another shuffle setting
   */
  public MlpTrainConfig withShuffle(boolean s) {
    return new MlpTrainConfig(hidden, activation, optimizer, batchSize, epochs, s, patience, restoreBest);
  }

  /**
   * @param p patience (0 = off)
   * @param restore restore the best epoch's model
   * @return a copy with other early-stopping settings
   */
  public MlpTrainConfig withEarlyStopping(int p, boolean restore) {
    return new MlpTrainConfig(hidden, activation, optimizer, batchSize, epochs, shuffle, p, restore);
  }

  /** @return the fields as an ordered map of plain JSON values (for model files and reports) */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hidden", Arrays.stream(hidden).boxed().toList());
    m.put("activation", activation.name().toLowerCase(Locale.ROOT));
    m.put("optimizer", optimizer.toMap());
    m.put("batchSize", batchSize);
    m.put("epochs", epochs);
    m.put("shuffle", shuffle);
    m.put("patience", patience);
    m.put("restoreBest", restoreBest);
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MlpTrainConfig c
        && Arrays.equals(c.hidden, hidden)
        && c.activation == activation
        && c.optimizer.equals(optimizer)
        && c.batchSize == batchSize
        && c.epochs == epochs
        && c.shuffle == shuffle
        && c.patience == patience
        && c.restoreBest == restoreBest;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hidden) * 31 + Objects.hash(activation, optimizer, batchSize, epochs, shuffle, patience, restoreBest);
  }

  @Override
  public String toString() {
    return "MlpTrainConfig[hidden=" + Arrays.toString(hidden) + ", activation=" + activation + ", optimizer="
        + optimizer + ", batchSize=" + batchSize + ", epochs=" + epochs + ", shuffle=" + shuffle
        + ", patience=" + patience + ", restoreBest=" + restoreBest + "]";
  }
}
