package org.distinct.train;

import java.util.List;

/**
 * A first-order optimizer that updates one flat parameter buffer in place from its gradient, with PyTorch's
 * arithmetic ({@link Adam}, {@link SgdMomentum}). Every trainer and fine-tuner of every model family goes through
 * this one interface: the MLP workspace and the recurrent engines keep all their parameters in one flat buffer.
 *
 * <p>The optimizer keeps per-element state (moments, momentum buffers) for one buffer of one length and one
 * precision (double or float), created on the first {@link #step}; ranges given as {@link UpdateScale}s have their
 * update multiplied by a factor. Instances are not thread-safe: use one per training run.
 */
public interface Optimizer {

  /**
   * Performs one update of a double buffer.
   *
   * @param params the parameters (Modified: updated in place); the same length on every call
   * @param grads gradient of the loss w.r.t. {@code params}, same length (Not modified)
   * @throws IllegalArgumentException if the lengths differ from each other or from the first call's
   * @throws IllegalStateException if the optimizer already updates a float buffer
   */
  void step(double[] params, double[] grads);

  /**
   * Performs one update of a float buffer (state kept in float, scalar factors rounded to float once, as PyTorch
   * does for float32 tensors).
   *
   * @param params the parameters (Modified: updated in place); the same length on every call
   * @param grads gradient of the loss w.r.t. {@code params}, same length (Not modified)
   * @throws IllegalArgumentException if the lengths differ from each other or from the first call's
   * @throws IllegalStateException if the optimizer already updates a double buffer
   */
  void step(float[] params, float[] grads);

  /** @return number of steps taken since creation or the last {@link #reset()} */
  long steps();

  /** Forgets all state (moments, step count), as if newly created. */
  void reset();

  /**
   * Creates the optimizer a configuration describes.
   *
   * @param config the configuration
   * @return a new {@link Adam} or {@link SgdMomentum}
   */
  static Optimizer create(OptimizerConfig config) {
    return create(config, List.of());
  }

  /**
   * Creates the optimizer a configuration describes, with scaled ranges.
   *
   * @param config the configuration
   * @param scales ranges whose update is multiplied (may be empty)
   * @return a new {@link Adam} or {@link SgdMomentum}
   */
  static Optimizer create(OptimizerConfig config, List<UpdateScale> scales) {
    return switch (config.kind()) {
      case ADAM -> new Adam(config, scales);
      case SGD -> new SgdMomentum(config, scales);
    };
  }
}
