package org.distinct.study;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.distinct.util.OrderedParallel;

/**
 * Runs work units on a fixed number of local threads ({@link OrderedParallel}); each unit runs single-threaded, so
 * results cannot depend on the thread count.
 *
 * @param threads worker threads (≥ 1)
 */
public record LocalExecutor(int threads) implements StudyExecutor {

  /** Validates. */
  public LocalExecutor {
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
  }

  @Override
  public List<Object> run(List<WorkUnit<?>> units, StudyContext ctx, UnitCache cache, StudyProgress progress) {
    List<Callable<Object>> tasks = new ArrayList<>();
    for (WorkUnit<?> u : units)
      tasks.add(() -> {
        Object r = runCached(u, ctx, cache);
        progress.done(u.label());
        return r;
      });
    return OrderedParallel.run(tasks, threads);
  }

  private static <R> R runCached(WorkUnit<R> u, StudyContext ctx, UnitCache cache) throws Exception {
    return cache.computeIfAbsent(u, () -> u.run(ctx));
  }
}
