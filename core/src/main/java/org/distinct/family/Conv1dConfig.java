package org.distinct.family;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.train.OptimizerConfig;
import org.distinct.train.SequenceTrainConfig;

/**
 * The training configuration of the Conv1D family: a {@link SequenceTrainConfig} whose {@code hidden} sizes are the
 * output channels of each convolutional layer (truncation is always 0: there is no recurrence), plus the kernel size,
 * stride and padding of each layer, the activation of every layer and the global pooling.
 *
 * @param train optimizer, batching, epochs, clipping, shuffling, threads; {@code hidden} = channels per layer
 * @param kernels kernel size of each layer (≥ 1)
 * @param strides stride of each layer (≥ 1)
 * @param paddings zero padding of each layer on each side (0 ≤ padding &lt; kernel)
 * @param activation {@link Activation#RELU} or {@link Activation#TANH}
 * @param pool global pooling over the positions of the last layer
 */
public record Conv1dConfig(SequenceTrainConfig train, int[] kernels, int[] strides, int[] paddings, Activation activation, Conv1d.Pool pool) {

  /** Default kernel size of every layer. */
  public static final int KERNEL = 5;
  /** Default stride of every layer. */
  public static final int STRIDE = 2;

  /** Validates every field and copies the arrays. */
  public Conv1dConfig {
    Objects.requireNonNull(train, "train");
    int n = train.hidden().length;
    if (kernels == null || strides == null || paddings == null || kernels.length != n || strides.length != n || paddings.length != n)
      throw new IllegalArgumentException("give one kernel size, stride and padding per convolutional layer (" + n + ")");
    if (train.truncation() != 0) throw new IllegalArgumentException("a Conv1D has no recurrence to truncate");
    kernels = kernels.clone();
    strides = strides.clone();
    paddings = paddings.clone();
    for (int l = 0; l < n; l++) {
      if (kernels[l] < 1) throw new IllegalArgumentException("kernel sizes must be at least 1, got " + Arrays.toString(kernels));
      if (strides[l] < 1) throw new IllegalArgumentException("strides must be at least 1, got " + Arrays.toString(strides));
      if (paddings[l] < 0 || paddings[l] >= kernels[l])
        throw new IllegalArgumentException("the padding of layer " + l + " must lie in 0.." + (kernels[l] - 1) + " (kernel " + kernels[l]
            + "), got " + paddings[l]);
    }
    if (activation != Activation.RELU && activation != Activation.TANH)
      throw new IllegalArgumentException("a Conv1D uses relu or tanh, not " + (activation == null ? "null" : activation.name().toLowerCase(Locale.ROOT)));
    Objects.requireNonNull(pool, "pool");
  }

  /**
   * The defaults, chosen for the paper's series (one channel, about 1,600–2,200 steps at 8 Hz, per-sequence min–max
   * scaled, 144 training sequences of a weak genre signal):
   *
   * <ul>
   *   <li>two layers of 16 ReLU channels: 1,443 parameters, about half of the paper's RNN (2,753) — small enough for
   *       144 training sequences;
   *   <li>kernel 5, stride 2, padding 2 (half the kernel) in each layer: every layer halves the positions (2,000 → 1,000 → 500), which
   *       smooths the band power and divides the cost; the padding of half a kernel centres a window on every input
   *       position; the receptive field is 13 steps (1.6 s), so the channels detect local shapes (rises, falls,
   *       bursts) like the features table's first-difference and Hjorth statistics;
   *   <li>global average pooling: each channel's mean response over the whole song, which does not depend on its
   *       length (max pooling reads a single position and is an option);
   *   <li>Adam, learning rate 0.003, batch 32, 200 epochs as the paper's RNN (the same protocol: 5-fold
   *       participant-grouped cross-validation, 25 % of each song held out); no gradient clipping (a feed-forward
   *       network does not explode like an RNN over 2,000 steps); one thread per processor (results do not depend
   *       on it).
   * </ul>
   *
   * @return the defaults
   */
  public static Conv1dConfig defaults() {
    SequenceTrainConfig t = new SequenceTrainConfig(new int[] {16, 16}, OptimizerConfig.adam(0.003), 32, 200, 0, 0, true,
        Runtime.getRuntime().availableProcessors());
    return new Conv1dConfig(t, new int[] {KERNEL, KERNEL}, new int[] {STRIDE, STRIDE}, new int[] {KERNEL / 2, KERNEL / 2}, Activation.RELU,
        Conv1d.Pool.AVG);
  }

  /** @return kernel sizes, strides, paddings, activation and pooling as the model's {@link Conv1d.Spec} */
  public Conv1d.Spec spec() {
    return new Conv1d.Spec(kernels, strides, paddings, activation, pool);
  }

  @Override
  public int[] kernels() {
    return kernels.clone();
  }

  @Override
  public int[] strides() {
    return strides.clone();
  }

  @Override
  public int[] paddings() {
    return paddings.clone();
  }

  /**
   * @return the settings as plain JSON values (model files, provenance): those of {@link SequenceTrainConfig#toMap()}
   *     without truncation, then kernels, strides, paddings, activation and pool
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>(train.toMap());
    m.remove("truncation");
    m.put("kernels", list(kernels));
    m.put("strides", list(strides));
    m.put("paddings", list(paddings));
    m.put("activation", activation.name().toLowerCase(Locale.ROOT));
    m.put("pool", pool.label());
    return m;
  }

  private static List<Integer> list(int[] a) {
    return Arrays.stream(a).boxed().toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Conv1dConfig c && c.train.equals(train) && Arrays.equals(c.kernels, kernels) && Arrays.equals(c.strides, strides)
        && Arrays.equals(c.paddings, paddings) && c.activation == activation && c.pool == pool;
  }

  @Override
  public int hashCode() {
    return Objects.hash(train, Arrays.hashCode(kernels), Arrays.hashCode(strides), Arrays.hashCode(paddings), activation, pool);
  }

  @Override
  public String toString() {
    return "Conv1dConfig[" + train + ", kernels=" + Arrays.toString(kernels) + ", strides=" + Arrays.toString(strides) + ", paddings="
        + Arrays.toString(paddings) + ", " + activation + ", " + pool + "]";
  }
}
