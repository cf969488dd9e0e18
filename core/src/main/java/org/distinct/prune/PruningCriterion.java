package org.distinct.prune;

import java.util.SplittableRandom;

/**
 * A baseline importance score per unit; {@link CriterionPruner} removes the lowest-scoring unit(s) and folds
 * each one's mean contribution into the next bias ({@code b_out += W_out[:,h]·mean(a_h)}). Implementations
 * are in {@link Criteria}.
 */
public interface PruningCriterion {

  /** @return a short name ({@code random}, {@code magnitude-in}, ...) */
  String name();

  /**
   * Scores every unit of the layer; lower means less important.
   *
   * @param <M> model type
   * @param <D> data type
   * @param target the layer
   * @param model the model (Not modified)
   * @param patterns the pattern set (Not modified)
   * @param activations the layer's activations over the patterns, {@code [rows × units]} (Not modified)
   * @param rng randomness (Modified: advanced; only the random criterion uses it)
   * @return {@code [units]} scores (a new array)
   */
  <M, D> double[] scores(PruningTarget<M, D> target, M model, D patterns, double[] activations, SplittableRandom rng);
}
