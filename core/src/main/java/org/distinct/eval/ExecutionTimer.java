package org.distinct.eval;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.distinct.tensor.KernelWarmup;
import org.distinct.util.AllocationCounter;

/**
 * Times a piece of work (typically: classify the whole test set with a model) with {@link System#nanoTime()}, in
 * the steady state: first untimed warm-up runs of that very work, then timed runs until at least {@code minRepeats}
 * runs are done and their total time reaches {@code targetTotalMillis}, but never more than {@code maxRepeats} runs.
 * The result is the median with minimum and maximum (the paper reports one timing; distinct reports the median of
 * repeated timings and their spread).
 *
 * <p>Warm-up: after the first run (which also starts the warm-up of the kernels the work uses, if nothing started it
 * before) the timer waits until the kernel warm-ups ({@link KernelWarmup}) have finished, so that it times the
 * kernels distinct settles on (the MLP's plain kernels switch to the Vector API ones once those are compiled). It then
 * runs the work until at least {@code warmups} runs are done, the fastest run has not improved by more than
 * {@value #IMPROVEMENT_PERCENT} % over the last {@value #STEADY_RUNS} runs, and the JIT compiler has been quiet (its
 * total compilation time, {@link CompilationMXBean}, unchanged) for the last {@value #STEADY_RUNS} runs and for at
 * least {@value #QUIET_MILLIS} ms (as far as the timers of this JVM have watched it: a timer that starts long after
 * the last compilation need not wait; the first timer of a JVM always does, since a compiler that finished nothing
 * for a millisecond can still have the work's code in its queue), and, for work that allocates
 * in a JVM whose heap has never been collected, until the first collection (for at most {@value #FRESH_HEAP_MILLIS}
 * ms of this warm-up); at most for {@value #MAX_WARMUP_MILLIS} ms. The quiet rule matters in a fresh JVM: there
 * the work can run at a steady but interpreted or C1-compiled pace for hundreds of milliseconds while C2's queue is
 * busy, and then get much faster; a rule on run times alone took the slow pace for the steady state. The heap rule
 * matters there too: until the young generation has been collected once, every allocation lands on memory the
 * process touches for the first time, and each first touch of a page is a page fault (about 10 µs each on this
 * project's 2-core virtual machine, so the MLP's classification of 576 rows, which allocates its 147 KB of
 * activations per run, took 0.4-0.7 ms per run instead of 0.07 ms until the first collection). After a collection
 * the young generation's memory is reused, as in any long-running process. In a warm JVM both rules cost nothing.
 * So a cold start (a one-epoch command) and a long run time the same steady state, and no separate cold pass is
 * needed before timing.
 *
 * <p>Every run's result is folded into a volatile sink so that the JIT cannot remove the work as dead code.
 * This class gives wall-clock numbers for reports; careful speed comparisons use the JMH benchmarks.
 */
public final class ExecutionTimer {

  /**
   * How many runs to do.
   *
   * @param warmups least number of untimed warm-up runs before timing, {@code >= 0}: more follow until the run
   *     time is steady (see the class comment); 0 means none at all
   * @param minRepeats least number of timed runs, {@code >= 1}
   * @param maxRepeats largest number of timed runs, {@code >= minRepeats}
   * @param targetTotalMillis keep repeating (up to {@code maxRepeats}) until the timed runs add up to this
   *     many milliseconds; 0 means exactly {@code minRepeats} runs
   */
  public record Config(int warmups, int minRepeats, int maxRepeats, double targetTotalMillis) {

    /** Validates the counts. */
    public Config {
      if (warmups < 0) throw new IllegalArgumentException("warmups must be >= 0, got " + warmups);
      if (minRepeats < 1) throw new IllegalArgumentException("minRepeats must be >= 1, got " + minRepeats);
      if (maxRepeats < minRepeats)
        throw new IllegalArgumentException("maxRepeats " + maxRepeats + " < minRepeats " + minRepeats);
      if (!(targetTotalMillis >= 0) || Double.isInfinite(targetTotalMillis))
        throw new IllegalArgumentException("targetTotalMillis must be finite and >= 0, got " + targetTotalMillis);
    }

    /** @return at least 5 warm-ups and exactly 15 timed runs */
    public static Config defaults() {
      return fixed(5, 15);
    }

    /**
     * @param warmups least number of untimed warm-up runs
     * @param repeats timed runs
     * @return a configuration with exactly {@code repeats} timed runs
     */
    public static Config fixed(int warmups, int repeats) {
      return new Config(warmups, repeats, repeats, 0);
    }

    /**
     * @return steady-state mode for fast work (milliseconds or less): at least 50 warm-ups so the JIT has compiled
     *     the code, then at least 21 timed runs, repeated until they total 50 ms, at most 201
     */
    public static Config steady() {
      return new Config(50, 21, 201, 50);
    }

    /**
     * @return auto mode: at least 5 warm-ups, then at least 5 timed runs, repeated until they total 50 ms, at most 200
     */
    public static Config auto() {
      return new Config(5, 5, 200, 50);
    }
  }

  /** A warm-up run counts as an improvement if it is this many percent faster than the fastest before it. */
  static final int IMPROVEMENT_PERCENT = 5;
  /** Warm-up ends after this many runs without improvement (and at least the configured warm-ups). */
  static final int STEADY_RUNS = 3;
  /** The JIT must have been quiet (no compilation finished) for this long before timing starts. */
  static final long QUIET_MILLIS = 20;
  /** Longest part of the warm-up spent waiting for the heap's first collection (see the class comment). */
  static final long FRESH_HEAP_MILLIS = 700;
  /** Longest warm-up phase (not counting the wait for the kernel warm-ups). */
  static final long MAX_WARMUP_MILLIS = 3000;
  /** Longest wait for the kernel warm-ups. */
  static final long MAX_KERNEL_WAIT_MILLIS = 15_000;

  /** {@code -Ddistinct.timer.log=true}: one line per warm-up (why it ended when it did); {@code =runs}: every run too. */
  private static final String LOG_MODE = System.getProperty("distinct.timer.log", "false").trim();
  private static final boolean LOG = LOG_MODE.equals("true") || LOG_MODE.equals("runs");
  private static final boolean LOG_RUNS = LOG_MODE.equals("runs");
  private static volatile long sink;

  private final Config config;
  private final JitWatch jit;
  private final Heap heap;

  /** What the heap rule reads (see the class comment). */
  interface Heap {
    /** @return the garbage collections this JVM has made so far (all collectors), or -1 if not known */
    long collections();

    /** @return the bytes the calling thread has allocated so far, or -1 if not known */
    long allocatedBytes();
  }

  /** @param config how many runs to do */
  public ExecutionTimer(Config config) {
    this(config, JitWatch.JVM, JvmHeap.INSTANCE);
  }

  /**
   * @param config how many runs to do
   * @param jit when the JIT compiler last finished a compilation (shared by the timers of one JVM)
   * @param heap the heap's collection count and the thread's allocation counter
   */
  ExecutionTimer(Config config, JitWatch jit, Heap heap) {
    this.config = Objects.requireNonNull(config, "config");
    this.jit = Objects.requireNonNull(jit, "jit");
    this.heap = Objects.requireNonNull(heap, "heap");
  }

  /**
   * How long the JIT compiler has been quiet, as far as the timers watching it have seen: a compile clock (any value
   * that changes when a compilation finishes, such as the JVM's total compilation time) and when it last changed. One
   * watch serves every timer of a JVM ({@link #JVM}), so a timer that starts long after the last compilation need not
   * wait for a quiet window of its own; a watch never read before counts its first reading as a change (it cannot know
   * how long the compiler has been quiet).
   */
  static final class JitWatch {
    /** This JVM's compiler ({@link CompilationMXBean}). */
    static final JitWatch JVM = new JitWatch(JitClock.INSTANCE);
    private final LongSupplier clock;
    private boolean read;
    private long last;
    private long changedAt;

    /** @param clock the compile clock (a constant means "always quiet" once read) */
    JitWatch(LongSupplier clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param now {@link System#nanoTime()} now
     * @return nanoseconds since the clock was first seen at its current value (0 if it changed since the last reading)
     */
    synchronized long quietNanos(long now) {
      long c = clock.getAsLong();
      if (!read || c != last) {
        read = true;
        last = c;
        changedAt = now;
      }
      return now - changedAt;
    }

    /** @return the compile clock's current value */
    long clock() {
      return clock.getAsLong();
    }
  }

  /** @return this JVM's heap as the heap rule reads it */
  static Heap jvmHeap() {
    return JvmHeap.INSTANCE;
  }

  /** This JVM's collectors ({@link GarbageCollectorMXBean}) and HotSpot's per-thread allocation counter. */
  private static final class JvmHeap implements Heap {
    static final JvmHeap INSTANCE = new JvmHeap();
    private final List<GarbageCollectorMXBean> collectors;

    private JvmHeap() {
      List<GarbageCollectorMXBean> c;
      try {
        c = ManagementFactory.getGarbageCollectorMXBeans();
      } catch (LinkageError | RuntimeException e) {
        c = List.of(); // a runtime image without java.management: the rule is off
      }
      collectors = c;
    }

    @Override
    public long collections() {
      if (collectors.isEmpty()) return -1;
      long n = 0;
      for (GarbageCollectorMXBean b : collectors) n += Math.max(0, b.getCollectionCount());
      return n;
    }

    @Override
    public long allocatedBytes() {
      return AllocationCounter.currentThreadBytes();
    }
  }

  /** The JVM's total compilation time ({@link CompilationMXBean}), or 0 where it is not monitored. */
  private static final class JitClock implements LongSupplier {
    static final JitClock INSTANCE = new JitClock();
    private final CompilationMXBean bean;

    private JitClock() {
      CompilationMXBean b;
      try {
        b = ManagementFactory.getCompilationMXBean();
      } catch (LinkageError | RuntimeException e) {
        b = null; // a runtime image without java.management: the run-time rule alone
      }
      bean = b != null && b.isCompilationTimeMonitoringSupported() ? b : null;
    }

    @Override
    public long getAsLong() {
      return bean == null ? 0 : bean.getTotalCompilationTime();
    }
  }

  /** @return a timer with {@link Config#defaults()} */
  public static ExecutionTimer defaults() {
    return new ExecutionTimer(Config.defaults());
  }

  /** @return the configuration */
  public Config config() {
    return config;
  }

  /**
   * Times work that returns an object (e.g. the predicted classes or the output matrix). Arrays of
   * primitives are folded element by element into the sink; other objects by {@code hashCode()}.
   *
   * @param work the work to time; called for the warm-ups (at least {@code warmups} times) and the timed runs
   * @return the timings
   */
  public TimingResult time(Supplier<?> work) {
    Objects.requireNonNull(work, "work");
    int warmups = warmUp(work);
    long[] nanos = new long[config.maxRepeats()];
    long total = 0;
    double target = config.targetTotalMillis() * 1e6;
    int r = 0;
    while (r < config.maxRepeats() && (r < config.minRepeats() || total < target)) {
      long t0 = System.nanoTime();
      Object out = work.get();
      long t1 = System.nanoTime();
      consume(out);
      nanos[r++] = t1 - t0;
      total += t1 - t0;
    }
    return summarize(Arrays.copyOf(nanos, r), warmups);
  }

  /** @return the number of warm-up runs done (see the class comment; none if {@code warmups} is 0) */
  private int warmUp(Supplier<?> work) {
    if (config.warmups() == 0) {
      KernelWarmup.startForInference();
      KernelWarmup.await(MAX_KERNEL_WAIT_MILLIS);
      return 0;
    }
    consume(work.get()); // also marks the kernels the work uses (most start their warm-up at first use)
    KernelWarmup.startForInference(); // the MLP's start theirs only after some work: a timing needs them now
    KernelWarmup.await(MAX_KERNEL_WAIT_MILLIS);
    long start = System.nanoTime();
    long best = -1;
    int runs = 1;
    long quiet = jit.quietNanos(start);
    int quietRuns = 0;
    long allocated = -1; // bytes the last run allocated (-1: not known, taken as allocating)
    for (int since = 0; runs < config.warmups() || since < STEADY_RUNS || quietRuns < STEADY_RUNS
        || quiet < QUIET_MILLIS * 1_000_000L || freshHeap(allocated, start); runs++) {
      if (System.nanoTime() - start > MAX_WARMUP_MILLIS * 1_000_000L) break;
      long a0 = heap.allocatedBytes();
      long t0 = System.nanoTime();
      Object out = work.get();
      long t1 = System.nanoTime();
      long a1 = heap.allocatedBytes();
      allocated = a0 < 0 || a1 < 0 ? -1 : a1 - a0;
      long t = t1 - t0;
      consume(out);
      if (LOG_RUNS) System.err.printf("distinct: timer warm-up run %d: %.4f ms, %d bytes allocated (uptime %d ms, compile %d ms,"
          + " %d collections)%n", runs, t / 1e6, allocated, ManagementFactory.getRuntimeMXBean().getUptime(),
          jit.clock(), heap.collections());
      since = best < 0 || t * 100 < best * (100 - IMPROVEMENT_PERCENT) ? 0 : since + 1;
      best = best < 0 ? t : Math.min(best, t);
      quiet = jit.quietNanos(t1);
      quietRuns = quiet > 0 ? quietRuns + 1 : 0;
    }
    if (LOG) logWarmup(new WarmupLog(runs, start, quiet, best, jit.clock()));
    return runs;
  }

  /** What {@code -Ddistinct.timer.log=true} prints of one warm-up. */
  private record WarmupLog(int runs, long startNanos, long quietNanos, long bestNanos, long compileMillis) {}

  private void logWarmup(WarmupLog w) {
    long now = System.nanoTime();
    long up = ManagementFactory.getRuntimeMXBean().getUptime();
    System.err.printf("distinct: timer warm-up: %d runs in %d ms (until JVM uptime %d ms), best %.4f ms; last compilation"
        + " seen finished %d ms before its end (JIT total %d ms), %d collections%n", w.runs(), (now - w.startNanos()) / 1_000_000,
        up, w.bestNanos() / 1e6, w.quietNanos() / 1_000_000, w.compileMillis(), heap.collections());
  }

  /**
   * @param allocated bytes the last warm-up run allocated (-1: not known)
   * @param start when the warm-up loop started
   * @return whether allocating work runs in a heap never collected yet, within {@link #FRESH_HEAP_MILLIS}
   */
  private boolean freshHeap(long allocated, long start) {
    return allocated != 0 && heap.collections() == 0 && System.nanoTime() - start < FRESH_HEAP_MILLIS * 1_000_000L;
  }

  /**
   * Times work that returns a number (e.g. the loss or accuracy over the test set).
   *
   * @param work the work to time; called {@code warmups + repeats} times
   * @return the timings
   */
  public TimingResult timeDouble(DoubleSupplier work) {
    Objects.requireNonNull(work, "work");
    return time(() -> work.getAsDouble());
  }

  /**
   * Builds the result from raw run times.
   *
   * @param nanos duration of each timed run in nanoseconds, at least one (Not modified)
   * @param warmups the number of warm-up runs done before
   * @return median, min and max in milliseconds
   */
  static TimingResult summarize(long[] nanos, int warmups) {
    if (nanos.length == 0) throw new IllegalArgumentException("no timed runs");
    long[] s = nanos.clone();
    Arrays.sort(s);
    int n = s.length;
    double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + (double) s[n / 2]) / 2;
    return new TimingResult(median / 1e6, s[0] / 1e6, s[n - 1] / 1e6, n, warmups);
  }

  private static void consume(Object o) {
    long h = 0;
    if (o instanceof double[] a) {
      for (double v : a) h = h * 31 + Double.doubleToRawLongBits(v);
    } else if (o instanceof float[] a) {
      for (float v : a) h = h * 31 + Float.floatToRawIntBits(v);
    } else if (o instanceof int[] a) {
      for (int v : a) h = h * 31 + v;
    } else if (o instanceof long[] a) {
      for (long v : a) h = h * 31 + v;
    } else if (o instanceof Double d) {
      h = Double.doubleToRawLongBits(d);
    } else if (o != null) {
      h = o.hashCode();
    }
    sink ^= h;
  }
}
