package org.distinct.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.distinct.BadInputException;
import org.distinct.study.StudyContext;
import org.distinct.study.UnitJson;
import org.distinct.study.WorkUnit;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/**
 * The Spark task of one work unit (its partition holds the unit's JSON): loads the study's data on first use in this
 * JVM, runs the unit single-threaded and returns the encoded {@link TaskResult}. It writes nothing: the driver alone
 * caches results and writes the report, so an attempt that fails leaves nothing behind.
 */
final class UnitTask extends AbstractFunction2<TaskContext, Iterator<String>, String> implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Broadcast<String> study;

  /** @param study the resolved study file, data paths absolute */
  UnitTask(Broadcast<String> study) {
    this.study = study;
  }

  @Override
  public String apply(TaskContext task, Iterator<String> units) {
    String unit = units.next();
    if (units.hasNext()) throw new IllegalStateException("one unit per partition expected");
    return run(study.value(), unit, task == null ? 0 : task.attemptNumber()).encode();
  }

  /**
   * Runs one unit here.
   *
   * @param yaml the resolved study file
   * @param unitJson the unit ({@link UnitJson#unitToJson})
   * @param attempt Spark's attempt number (for the test hook)
   * @return the result, or the line that says why the unit cannot run
   */
  static TaskResult run(String yaml, String unitJson, int attempt) {
    try {
      StudyContext ctx = ExecutorContexts.get(yaml);
      WorkUnit<?> unit = UnitJson.unitFromJson(unitJson);
      String result = UnitJson.resultToJson(unit.run(ctx));
      FaultHook.afterUnit(unit.id(), attempt);
      return TaskResult.ok(Where.executor(), Kernels.signature(), result);
    } catch (BadInputException e) {
      return TaskResult.error(Where.executor(), e.getMessage());
    }
  }
}
