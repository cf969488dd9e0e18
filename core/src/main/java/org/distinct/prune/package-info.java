/**
 * Pruning hidden units: activation angles, pruning by distinctiveness (Gedeon &amp; Harris 1991), the
 * surgery that makes a network physically smaller, baseline criteria and progressive schedules.
 *
 * <p>Entry points: {@link org.distinct.prune.ActivationAngles} (angle matrix of a layer or of any activation
 * matrix), {@link org.distinct.prune.MlpSurgery} (exact weight surgery), {@link
 * org.distinct.prune.DistinctivenessPruner} and the baselines of {@link org.distinct.prune.Criteria} wrapped
 * in {@link org.distinct.prune.CriterionPruner} (one pruning step each, both {@link
 * org.distinct.prune.PruningMethod}s), {@link org.distinct.prune.PruningSchedule} (progressive pruning with
 * evaluation after every step: the rows of the paper's Table 2). Everything model-specific goes through
 * {@link org.distinct.prune.PruningTarget}; {@link org.distinct.prune.MlpTarget} is the MLP implementation,
 * {@link org.distinct.prune.RnnTarget} the Elman RNN one (structural removal by {@link
 * org.distinct.prune.RnnSurgery}, or the paper's mask variant), run by the same schedule:
 * {@code new PruningSchedule(sc).run(new RnnTarget(RnnTarget.Mode.MASK), method, rnn, trainSeqs, testSeqs, null, null, seed)}.
 *
 * <p>Typical use (the {@code distinct prune} command):
 *
 * <pre>{@code
 * PrunerConfig pc = PrunerConfig.defaults().withMerge(MergeRule.parse("add")).withOrder(PairOrder.parse("paper"));
 * PruningMethod method = Criteria.method("distinctiveness", pc);          // or "magnitude-in", "taylor", ...
 * Dataset patterns = pc.patterns().select(train, test);                    // angles over the training rows
 * ScheduleConfig sc = ScheduleConfig.defaults().withStep(2).withForce(false);
 * ScheduleResult<Mlp> r = new PruningSchedule(sc).run(method, model, 0, patterns, test, validation, null, seed);
 * for (ScheduleStep<Mlp> s : r.steps())                                    // step 0 = unpruned
 *   print(s.unitsRemoved(), s.pairsText(), s.metrics(), s.timing(), s.minAngleDeg(), s.parameterCount());
 * }</pre>
 */
package org.distinct.prune;
