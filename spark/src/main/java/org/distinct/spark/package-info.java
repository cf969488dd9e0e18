/**
 * Studies on Apache Spark: {@link org.distinct.spark.SparkExecutor} runs every work unit of a study
 * ({@link org.distinct.study.WorkUnit}: a fold, a final model, a leakage check, the pruning sweeps of one seed, a
 * grid point) as one Spark task, and {@link org.distinct.study.StudyRunner} combines the results in the same fixed
 * order as on one machine, so the report and every number equal those of {@code distinct study}. Units travel as JSON
 * ({@link org.distinct.study.UnitJson}); each executor JVM loads the study's data once from the resolved study file
 * ({@link org.distinct.spark.ExecutorContexts}); only the driver writes the run cache and the report.
 * {@link org.distinct.spark.SparkMain} is the command line ({@code distinct-spark study}).
 */
package org.distinct.spark;
