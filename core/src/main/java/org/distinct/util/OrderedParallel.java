package org.distinct.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent tasks on a fixed number of threads and returns their results in task order.
 *
 * <p>Determinism: each task must derive all its randomness from inputs fixed before submission (e.g. a seed
 * split off in task order), so the results are identical to a sequential run whatever the thread count.
 */
public final class OrderedParallel {
  private OrderedParallel() {}

  /**
   * Runs the tasks.
   *
   * @param tasks independent tasks (Not modified)
   * @param threads worker threads (1 = run sequentially on the calling thread)
   * @param <T> result type
   * @return the results, in the order of {@code tasks}
   * @throws RuntimeException the first task failure (unchecked causes are rethrown as they are)
   */
  public static <T> List<T> run(List<? extends Callable<T>> tasks, int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
    List<T> out = new ArrayList<>(tasks.size());
    if (threads == 1 || tasks.size() <= 1) {
      for (Callable<T> t : tasks) out.add(call(t));
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), r -> {
      Thread th = new Thread(r, "distinct-worker");
      th.setDaemon(true);
      return th;
    });
    try {
      List<Future<T>> futures = new ArrayList<>(tasks.size());
      for (Callable<T> t : tasks) futures.add(pool.submit(t));
      for (Future<T> f : futures) out.add(get(f));
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T call(Callable<T> t) {
    try {
      return t.call();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) throw r;
      if (c instanceof Error er) throw er;
      throw new IllegalStateException(c);
    }
  }
}
