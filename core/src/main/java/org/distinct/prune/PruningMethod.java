package org.distinct.prune;

import java.util.SplittableRandom;

/**
 * One pruning step on any {@link PruningTarget}: {@link DistinctivenessPruner} and the baseline
 * {@link CriterionPruner}s implement it, so {@link PruningSchedule} can compare them step for step.
 */
public interface PruningMethod {

  /** @return a short name used in records and tables ({@code distinctiveness}, {@code magnitude-in}, ...) */
  String name();

  /**
   * Removes up to {@code maxUnits} units of the target layer (never all of them).
   *
   * @param <M> model type
   * @param <D> data type
   * @param target the layer being pruned
   * @param model the model (Not modified)
   * @param patterns the pattern set activations and statistics are computed on (Not modified)
   * @param maxUnits the most units to remove in this step (≥ 1)
   * @param force take the closest pair even beyond the thresholds when no pair passes (ignored by criteria)
   * @param origin original index of each current unit {@code [units(model)]}, or {@code null} for the
   *     identity (Not modified)
   * @param rng randomness for methods that need it (Modified: advanced)
   * @return the new model and the actions; no actions when nothing could be removed
   */
  <M, D> PruneResult<M> step(
      PruningTarget<M, D> target, M model, D patterns, int maxUnits, boolean force, int[] origin, SplittableRandom rng);
}
