/**
 * Pruning hidden units: activation angles, pruning by distinctiveness (Gedeon &amp; Harris 1991), the
 * surgery that makes a network physically smaller, baseline criteria and progressive schedules.
 *
 * <p>Entry points: {@link org.distinct.prune.ActivationAngles} (angle matrix of a layer),
 * {@link org.distinct.prune.MlpSurgery} (exact weight surgery), {@link org.distinct.prune.DistinctivenessPruner}
 * and the baselines in {@link org.distinct.prune.Criteria} (one pruning step, both implementing
 * {@link org.distinct.prune.PruningMethod}), {@link org.distinct.prune.PruningSchedule} (progressive
 * pruning with evaluation after every step). Everything model-specific goes through
 * {@link org.distinct.prune.PruningTarget}; {@link org.distinct.prune.MlpTarget} is the MLP implementation.
 */
package org.distinct.prune;
