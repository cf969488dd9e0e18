package org.distinct.tensor;

import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gets the Vector API kernels compiled before the real work needs them, on one background daemon thread.
 *
 * <p>Why: until HotSpot's C2 compiler has compiled a Vector API kernel, the kernel runs in the interpreter or C1,
 * where every vector operation is an object allocation and a chain of calls, hundreds of times slower than the
 * compiled code (and far slower than the plain-Java kernels). A command that trains for one epoch would spend
 * nearly all of its time there. A warm-up calls the kernels on small dummy arrays (a few vector operations per
 * call, so each interpreted call is cheap) until they are compiled; the shapes cover every branch of the kernels
 * so that the compiled code does not fall back to the interpreter on the real data.
 *
 * <p>What a warm-up may change: speed only, never results. The MLP's dense kernels give identical bits in both
 * implementations, so {@link DenseKernelsProvider#get()} runs the plain kernels until this warm-up finds the vector
 * kernels compiled and faster, then switches ({@link Kind#DENSE}); so do the Elman RNN's kernels, whose plain version
 * mirrors the vector one bit for bit ({@link Kind#RNN}, {@link RnnKernelsProvider#get()}). The LSTM/GRU and
 * convolutional float kernels differ from their plain versions in rounding, so their providers use the vector kernels
 * from the start and the warm-up only gets them compiled sooner ({@link Kind#GATED}, {@link Kind#CONV1D}); the kernels
 * are pure functions of their arguments and Vector API results do not depend on how the code was compiled.
 *
 * <p>A warm-up starts at the first use of a provider (the MLP's after some work: {@link DenseKernelsProvider}), or
 * earlier when the command line knows what it will run ({@link #start}); {@link #startForInference()} and
 * {@link #await} let a timing wait until the kernels it measures are final. The system property
 * {@code distinct.warmup=false} turns warm-ups off (the providers then use the vector kernels from the start, as
 * before); nothing is warmed up when the Vector API module is absent.
 */
public final class KernelWarmup {
  /** A kernel family with a warm-up. */
  public enum Kind {
    /**
     * The MLP's dense inference kernels ({@link DenseKernelsProvider#forInference()}): plain until the vector kernels
     * are compiled.
     */
    DENSE_INFERENCE,
    /**
     * All the MLP's dense kernels ({@link DenseKernelsProvider}): plain until the vector kernels are compiled (one race
     * of all four, which switches the inference kernels too; a training command does not wait for two warm-ups).
     */
    DENSE,
    /** The Elman RNN's kernels ({@link RnnKernelsProvider}): plain until the vector kernels are compiled. */
    RNN,
    /** The LSTM and GRU kernels ({@link GatedKernelsProvider}). */
    GATED,
    /** The Conv1D kernels ({@link Conv1dKernelsProvider}). */
    CONV1D
  }

  /** Longest a warm-up runs before it gives up (the kernels are then used as they are). */
  static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(10);

  private static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("distinct.warmup", "").trim())
      && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  private static final boolean LOG = Boolean.getBoolean("distinct.warmup.log");
  private static final Map<Kind, CompletableFuture<Void>> STARTED = new EnumMap<>(Kind.class);
  private static ExecutorService thread;

  private KernelWarmup() {}

  /** @return whether warm-ups run (the Vector API module is present and {@code distinct.warmup} is not false) */
  public static boolean enabled() {
    return ENABLED;
  }

  /**
   * Starts the warm-ups of the given kinds that have not started yet, in this order, on the warm-up thread (one
   * after the other: on a small machine two at once would only compete). Returns at once.
   *
   * @param kinds what to warm up
   */
  public static synchronized void start(Kind... kinds) {
    if (!ENABLED) return;
    for (Kind k : kinds) {
      if (STARTED.containsKey(k)) continue;
      if (thread == null) thread = Executors.newSingleThreadExecutor(KernelWarmup::daemon);
      STARTED.put(k, CompletableFuture.runAsync(task(k), thread));
    }
  }

  /**
   * Starts the warm-ups of the inference kernels in use whose warm-up has not started (the MLP's start theirs only
   * after some work, see {@link DenseKernelsProvider}): for a steady-state timing of a classification, which must run
   * on the final kernels. The others start at their first use anyway. Returns at once.
   */
  public static void startForInference() {
    if (ENABLED) DenseKernelsProvider.startForInference();
  }

  /**
   * @param kind a kernel family
   * @return whether its warm-up has started
   */
  static synchronized boolean started(Kind kind) {
    return STARTED.containsKey(kind);
  }

  /**
   * @param kind a kernel family
   * @return whether its warm-up has finished (false if it never started)
   */
  public static synchronized boolean finished(Kind kind) {
    CompletableFuture<Void> f = STARTED.get(kind);
    return f != null && f.isDone();
  }

  /**
   * Waits until every warm-up started so far has finished, so that what is timed next runs on the final kernels.
   *
   * @param timeoutMillis longest wait
   * @return whether all had finished within the wait
   */
  public static boolean await(long timeoutMillis) {
    CompletableFuture<?>[] all;
    synchronized (KernelWarmup.class) {
      all = STARTED.values().toArray(CompletableFuture<?>[]::new);
    }
    try {
      CompletableFuture.allOf(all).get(timeoutMillis, TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  private static Runnable task(Kind k) {
    Runnable r = body(k);
    if (!LOG) return r;
    return () -> {
      long t0 = System.nanoTime();
      r.run();
      long up = ManagementFactory.getRuntimeMXBean().getUptime();
      System.err.printf("distinct: %s kernels warmed up in %d ms (JVM uptime %d ms)%n", k, (System.nanoTime() - t0) / 1_000_000, up);
    };
  }

  private static Runnable body(Kind k) {
    return switch (k) {
      case DENSE_INFERENCE -> DenseKernelsProvider::warmUpInferenceNow;
      case DENSE -> DenseKernelsProvider::warmUpNow;
      case RNN -> RnnKernelsProvider::warmUpNow;
      case GATED -> GatedKernelsProvider::warmUpNow;
      case CONV1D -> Conv1dKernelsProvider::warmUpNow;
    };
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "distinct-kernel-warmup");
    t.setDaemon(true);
    return t;
  }
}
