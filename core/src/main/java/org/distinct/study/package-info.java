/**
 * The study: study files ({@link org.distinct.study.StudyFile}: one section per model family), the protocol
 * ({@link org.distinct.study.Baseline}, pruning sweeps), the work planned as serialisable
 * {@link org.distinct.study.WorkUnit}s ({@link org.distinct.study.StudyPlan}) run by a
 * {@link org.distinct.study.StudyExecutor} and combined into one {@link org.distinct.study.Run} per seed
 * ({@link org.distinct.study.StudyRunner}), statistics over seeds, provenance and {@code --rerun}
 * ({@link org.distinct.study.Rerun}).
 */
package org.distinct.study;
