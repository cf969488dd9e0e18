package org.distinct.study;

import java.util.List;

/**
 * Runs a list of independent work units and returns their results in unit order, whatever order it computed them
 * in. The local thread pool is {@link LocalExecutor}; a cluster engine can be another (the units and their results
 * are serialisable).
 */
public interface StudyExecutor {

  /**
   * @param units the units (independent of each other)
   * @param ctx the study and its data
   * @param cache where finished units are kept for {@code --resume} (a unit found there is not run again)
   * @param progress told about every finished unit
   * @return one result per unit, in the order of {@code units}
   */
  List<Object> run(List<WorkUnit<?>> units, StudyContext ctx, UnitCache cache, StudyProgress progress);
}
