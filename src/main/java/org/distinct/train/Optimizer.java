package org.distinct.train;

/**
 * A first-order optimizer that updates parameter tensors in place from their gradients.
 *
 * <p>Parameters are given as a list of flat arrays (one per tensor, e.g. {@code W₀, b₀, W₁, b₁}); the
 * optimizer keeps per-element state (moments, momentum buffers) for exactly that list of shapes, created
 * on the first {@link #step}. Instances are not thread-safe: use one per training run.
 */
public interface Optimizer {

  /**
   * Performs one update.
   *
   * @param params parameter tensors (Modified: updated in place); same shapes on every call
   * @param grads gradients of the loss w.r.t. {@code params}, same shapes (Not modified)
   */
  void step(double[][] params, double[][] grads);

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
    return switch (config.kind()) {
      case ADAM -> new Adam(config);
      case SGD -> new SgdMomentum(config);
    };
  }
}
