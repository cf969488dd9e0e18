package org.distinct.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The worker threads of a float training engine and the order in which they take the members of a mini-batch:
 * members sorted by sequence length (so that lockstep pairs have similar lengths and the long ones start first), then
 * handed out one item at a time to whichever worker is free. Each member is computed into its own slot and the engine
 * reduces the slots in slot order, so which worker computed what never changes a result.
 */
final class BatchWorkers implements AutoCloseable {
  private final int threads;
  private final ExecutorService pool;
  private final int[] order;
  private final AtomicInteger next = new AtomicInteger();

  /**
   * @param threads workers (≥ 1; worker 0 is the calling thread)
   * @param maxBatch the largest batch
   * @param name thread name, for stack dumps
   */
  BatchWorkers(int threads, int maxBatch, String name) {
    this.threads = threads;
    this.order = new int[maxBatch];
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /**
   * Orders batch positions {@code 0..count-1} by the length of their sequence {@code x[idx[from + q]]} (insertion sort,
   * ties by position).
   *
   * @param x the sequences (Not modified)
   * @param idx the permutation the batch is drawn from (Not modified)
   * @param from the batch's first entry in {@code idx}
   * @param count batch size
   * @param longestFirst longest first, else shortest first
   */
  void sortByLength(List<float[]> x, int[] idx, int from, int count, boolean longestFirst) {
    for (int q = 0; q < count; q++) {
      int len = x.get(idx[from + q]).length;
      int k = q;
      while (k > 0 && (longestFirst ? x.get(idx[from + order[k - 1]]).length < len : x.get(idx[from + order[k - 1]]).length > len)) {
        order[k] = order[k - 1];
        k--;
      }
      order[k] = q;
    }
  }

  /**
   * @param k a rank in the sorted order
   * @return the batch position at that rank
   */
  int at(int k) {
    return order[k];
  }

  /** @return the next item number for the calling worker (items are handed out once each, from 0) */
  int take() {
    return next.getAndIncrement();
  }

  /**
   * Runs one task per worker (worker 0 on the calling thread; alone when there is one item or one thread) and waits
   * for all; the tasks draw their items with {@link #take()}.
   *
   * @param items the number of items the tasks will draw (only decides whether to use the other workers)
   * @param task runs the given worker's share
   * @throws IllegalStateException if a worker failed or the wait was interrupted (a worker's RuntimeException is rethrown)
   */
  void run(int items, IntConsumer task) {
    next.set(0);
    if (pool == null || items <= 1) {
      task.accept(0);
      return;
    }
    List<Future<?>> fs = new ArrayList<>(threads - 1);
    for (int w = 1; w < threads; w++) {
      int worker = w;
      fs.add(pool.submit(() -> task.accept(worker)));
    }
    task.accept(0);
    for (Future<?> f : fs) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) throw re;
        throw new IllegalStateException("training worker failed", e.getCause());
      }
    }
  }

  @Override
  public void close() {
    if (pool != null) pool.shutdownNow();
  }
}
