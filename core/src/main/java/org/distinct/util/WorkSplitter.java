package org.distinct.util;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs independent work items on several threads: the caller is worker 0, helpers run on the common
 * {@link ForkJoinPool}; items are claimed one at a time from a shared counter. Results cannot depend on the
 * split as long as each item writes only its own outputs (the caller guarantees that); each worker gets
 * its own index so it can use its own scratch buffers. If the pool is busy the caller simply does more of
 * the work: the call returns when every item is done, whether or not a helper ever started.
 */
public final class WorkSplitter {
  private WorkSplitter() {}

  /** One work item. */
  @FunctionalInterface
  public interface Body {
    /**
     * @param worker index of the worker running the item, 0..workers−1
     * @param item the item, 0..n−1
     */
    void run(int worker, int item);
  }

  /**
   * @param items number of items n
   * @param workers maximal number of workers (≥ 1; 1 runs everything on the caller's thread)
   * @param body the work
   */
  public static void run(int items, int workers, Body body) {
    if (workers < 1) throw new IllegalArgumentException("workers must be >= 1: " + workers);
    int w = Math.min(workers, items);
    if (w <= 1) {
      for (int i = 0; i < items; i++) body.run(0, i);
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread caller = Thread.currentThread();
    for (int k = 1; k < w; k++) {
      int worker = k;
      ForkJoinPool.commonPool().execute(() -> drain(worker, items, body, next, done, failure, caller));
    }
    drain(0, items, body, next, done, failure, caller);
    while (done.get() < items) LockSupport.parkNanos(20_000);
    Throwable t = failure.get();
    if (t instanceof RuntimeException re) throw re;
    if (t instanceof Error e) throw e;
    if (t != null) throw new IllegalStateException(t);
  }

  private static void drain(
      int worker, int items, Body body, AtomicInteger next, AtomicInteger done, AtomicReference<Throwable> failure, Thread caller) {
    int i;
    while ((i = next.getAndIncrement()) < items) {
      try {
        if (failure.get() == null) body.run(worker, i);
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      } finally {
        if (done.incrementAndGet() == items) LockSupport.unpark(caller);
      }
    }
  }
}
