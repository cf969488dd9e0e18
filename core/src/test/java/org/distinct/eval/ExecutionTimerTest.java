package org.distinct.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Behaviour only (counts, ordering, median rule); never speed. */
class ExecutionTimerTest {

  @Test
  void fixedModeRunsWarmupsPlusRepeatsAndOrdersTimes() {
    AtomicInteger calls = new AtomicInteger();
    ExecutionTimer timer = new ExecutionTimer(ExecutionTimer.Config.fixed(3, 7));
    TimingResult r =
        timer.time(
            () -> {
              calls.incrementAndGet();
              double[] out = new double[1000];
              for (int i = 0; i < out.length; i++) out[i] = Math.sqrt(i);
              return out;
            });
    assertThat(r.repeats()).isEqualTo(7);
    assertThat(r.warmups()).isGreaterThanOrEqualTo(3);
    assertThat(calls.get()).isEqualTo(r.warmups() + 7);
    assertThat(r.minMillis()).isLessThanOrEqualTo(r.medianMillis());
    assertThat(r.medianMillis()).isLessThanOrEqualTo(r.maxMillis());
    assertThat(r.minMillis()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void defaultsAre5WarmupsAnd15Repeats() {
    AtomicInteger calls = new AtomicInteger();
    TimingResult r = ExecutionTimer.defaults().timeDouble(() -> calls.incrementAndGet());
    assertThat(r.repeats()).isEqualTo(15);
    assertThat(r.warmups()).isGreaterThanOrEqualTo(5); // more while the run time still improves
    assertThat(calls.get()).isEqualTo(r.warmups() + 15);
  }

  @Test
  void warmUpGoesOnWhileTheWorkStillGetsFasterThenTimesTheSteadyState() {
    // call i takes max(1, 64 / 2^(i-1)) ms, like code the JIT compiles step by step: 64, 32, ..., 2, then 1 ms; the
    // warm-up must run past the 3 configured warm-ups while every run is faster, into the steady 1 ms phase
    AtomicInteger calls = new AtomicInteger();
    ExecutionTimer t = new ExecutionTimer(ExecutionTimer.Config.fixed(3, 5));
    TimingResult r = t.time(() -> {
      long end = System.nanoTime() + Math.max(1_000_000L, 64_000_000L >> (calls.incrementAndGet() - 1));
      while (System.nanoTime() < end) LockSupport.parkNanos(end - System.nanoTime());
      return 1;
    });
    assertThat(r.warmups()).isGreaterThanOrEqualTo(8); // 7 calls down to 1 ms, then steady ones
    assertThat(calls.get()).isEqualTo(r.warmups() + 5);
    assertThat(r.medianMillis()).isLessThan(16.0);
  }

  @Test
  void warmUpWaitsForTheCompilerToGoQuietThroughASteadyButSlowPhase() {
    // like a fresh JVM: the work runs at a steady 2 ms for its first 40 calls while compilations keep finishing (the
    // compile clock moves on each of them), then the compiled code takes 0.2 ms and the clock stops: run times alone
    // look steady after 3 calls, the compile clock keeps the warm-up going into the fast phase
    AtomicInteger calls = new AtomicInteger();
    AtomicLong compiled = new AtomicLong();
    ExecutionTimer t = new ExecutionTimer(ExecutionTimer.Config.fixed(3, 5), new ExecutionTimer.JitWatch(compiled::get), collectedHeap());
    TimingResult r = t.time(() -> {
      boolean slow = calls.incrementAndGet() <= 40;
      if (slow) compiled.incrementAndGet();
      long end = System.nanoTime() + (slow ? 2_000_000L : 200_000L);
      while (System.nanoTime() < end) LockSupport.parkNanos(end - System.nanoTime());
      return 1;
    });
    assertThat(r.warmups()).isGreaterThan(40);
    assertThat(r.medianMillis()).isLessThan(1.0);
    assertThat(calls.get()).isEqualTo(r.warmups() + 5);
  }

  @Test
  void aCompilationDuringTheWarmUpAsksForTheQuietWindow() {
    // one compilation finishes during the second warm-up run: the warm-up goes on until the compiler has been quiet
    // for the window
    AtomicInteger calls = new AtomicInteger();
    AtomicLong clock = new AtomicLong();
    ExecutionTimer once = new ExecutionTimer(ExecutionTimer.Config.fixed(3, 5), new ExecutionTimer.JitWatch(clock::get), collectedHeap());
    long t0 = System.nanoTime();
    once.time(() -> {
      if (calls.incrementAndGet() == 2) clock.set(1);
      return 1;
    });
    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(ExecutionTimer.QUIET_MILLIS);
    assertThat(calls.get()).isGreaterThan(200); // sub-microsecond runs through a 20 ms window
  }

  @Test
  void aFirstTimerWaitsForTheQuietWindowEvenWhenNothingFinishesDuringItsRuns() {
    // a fresh JVM: the compiler has the work's code in its queue but finishes nothing during the first few (fast)
    // runs; the first timer cannot know how long it has been quiet, so it waits for the whole window
    AtomicInteger calls = new AtomicInteger();
    long t0 = System.nanoTime();
    TimingResult r = new ExecutionTimer(ExecutionTimer.Config.fixed(3, 5), new ExecutionTimer.JitWatch(() -> 7), collectedHeap())
        .time(() -> calls.incrementAndGet());
    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(ExecutionTimer.QUIET_MILLIS);
    assertThat(r.warmups()).isGreaterThan(200);
    assertThat(calls.get()).isEqualTo(r.warmups() + 5);
  }

  @Test
  void aLaterTimerOnAQuietCompilerDoesNotWaitAgain() {
    // the window is the compiler's, not the timer's: once a watch has seen the clock unchanged for the window, the
    // next timer on it ends after its steady runs; a compilation between the two asks for the window again
    AtomicLong clock = new AtomicLong();
    ExecutionTimer.JitWatch watch = new ExecutionTimer.JitWatch(clock::get);
    new ExecutionTimer(ExecutionTimer.Config.fixed(3, 5), watch, collectedHeap()).time(() -> 1);
    AtomicInteger quietCalls = new AtomicInteger();
    TimingResult r = new ExecutionTimer(ExecutionTimer.Config.fixed(3, 5), watch, collectedHeap()).time(() -> quietCalls.incrementAndGet());
    assertThat(r.warmups()).isLessThan(200); // a 20 ms window of sub-microsecond runs would be thousands
    assertThat(quietCalls.get()).isEqualTo(r.warmups() + 5);

    clock.set(1);
    AtomicInteger afterCalls = new AtomicInteger();
    TimingResult after = new ExecutionTimer(ExecutionTimer.Config.fixed(3, 5), watch, collectedHeap()).time(() -> afterCalls.incrementAndGet());
    assertThat(after.warmups()).isGreaterThan(200);
  }

  /** @return a compiler seen quiet for longer than the window (the quiet rule off) */
  private static ExecutionTimer.JitWatch quietCompiler() {
    ExecutionTimer.JitWatch w = new ExecutionTimer.JitWatch(() -> 7);
    w.quietNanos(System.nanoTime() - 2 * ExecutionTimer.QUIET_MILLIS * 1_000_000L); // first read, long ago
    return w;
  }

  /** @return a heap collected before (the heap rule off) */
  private static ExecutionTimer.Heap collectedHeap() {
    return new FakeHeap(() -> 3, new AtomicLong());
  }

  /** A fake heap: a collection count and a thread allocation counter the test moves. */
  private record FakeHeap(LongSupplier count, AtomicLong allocated) implements ExecutionTimer.Heap {
    @Override
    public long collections() {
      return count.getAsLong();
    }

    @Override
    public long allocatedBytes() {
      return allocated.get();
    }
  }

  private static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) Thread.onSpinWait();
  }

  @Test
  void allocatingWorkIsWarmedUpUntilTheHeapsFirstCollection() {
    // like a fresh JVM: every run allocates, each first touch of the young generation's memory is a page fault (200 us
    // per call) until the first collection after 400 calls, then the memory is reused (50 us); steady times, a quiet
    // compiler: the timer must wait for the collection and report the fast phase
    AtomicInteger calls = new AtomicInteger();
    AtomicLong allocated = new AtomicLong();
    FakeHeap fresh = new FakeHeap(() -> calls.get() <= 400 ? 0 : 1, allocated);
    TimingResult r = new ExecutionTimer(ExecutionTimer.Config.fixed(3, 5), quietCompiler(), fresh).time(() -> {
      allocated.addAndGet(147_456);
      spin(calls.incrementAndGet() <= 400 ? 200_000L : 50_000L);
      return 1;
    });
    assertThat(r.warmups()).isGreaterThan(400);
    assertThat(r.medianMillis()).isLessThan(0.15);
  }

  @Test
  void theHeapRuleWaitsNeitherForWorkThatDoesNotAllocateNorInACollectedHeap() {
    // the same slow phase, but the heap was collected before, or the work allocates nothing (so first touches are not
    // what makes it slow): no wait, the warm-up ends after its steady runs
    for (boolean collectedBefore : new boolean[] {true, false}) {
      AtomicInteger calls = new AtomicInteger();
      AtomicLong allocated = new AtomicLong();
      FakeHeap heap = new FakeHeap(() -> collectedBefore ? 2 : 0, allocated);
      TimingResult early = new ExecutionTimer(ExecutionTimer.Config.fixed(3, 5), quietCompiler(), heap).time(() -> {
        if (collectedBefore) allocated.addAndGet(147_456);
        spin(calls.incrementAndGet() <= 400 ? 200_000L : 50_000L);
        return 1;
      });
      assertThat(early.warmups()).as("collected before: %s", collectedBefore).isLessThan(50);
      assertThat(early.medianMillis()).as("collected before: %s", collectedBefore).isGreaterThan(0.15);
    }
  }

  @Test
  void anUnknownAllocationCounterCountsAsAllocating() {
    AtomicInteger calls = new AtomicInteger();
    FakeHeap unknown = new FakeHeap(() -> calls.get() <= 300 ? 0 : 1, new AtomicLong(-1));
    TimingResult r = new ExecutionTimer(ExecutionTimer.Config.fixed(3, 5), quietCompiler(), unknown).time(() -> {
      spin(calls.incrementAndGet() <= 300 ? 200_000L : 50_000L);
      return 1;
    });
    assertThat(r.warmups()).isGreaterThan(300);
  }

  @Test
  void theRealJvmHeapIsReadable() {
    // the fresh-heap rule reads this JVM's collectors and HotSpot's thread allocation counter
    ExecutionTimer.Heap h = ExecutionTimer.jvmHeap();
    long before = h.allocatedBytes();
    byte[][] garbage = new byte[64][];
    for (int i = 0; i < garbage.length; i++) garbage[i] = new byte[1024];
    assertThat(garbage[63]).hasSize(1024);
    assertThat(h.allocatedBytes()).isGreaterThanOrEqualTo(before + 64 * 1024);
    assertThat(h.collections()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void noWarmupsMeansNone() {
    AtomicInteger calls = new AtomicInteger();
    TimingResult r = new ExecutionTimer(ExecutionTimer.Config.fixed(0, 4)).time(calls::incrementAndGet);
    assertThat(r.warmups()).isZero();
    assertThat(calls.get()).isEqualTo(4);
  }

  @Test
  void autoModeStopsAtMaxRepeatsWhenTargetIsUnreachable() {
    AtomicInteger calls = new AtomicInteger();
    ExecutionTimer t = new ExecutionTimer(new ExecutionTimer.Config(0, 2, 9, 1e9));
    TimingResult r = t.time(calls::incrementAndGet);
    assertThat(r.repeats()).isEqualTo(9);
    assertThat(calls.get()).isEqualTo(9);
  }

  @Test
  void autoModeStopsOnceTargetIsReached() {
    // each run parks for at least 20 ms, so two runs always reach the 30 ms target
    ExecutionTimer t = new ExecutionTimer(new ExecutionTimer.Config(0, 1, 100, 30));
    TimingResult r =
        t.time(
            () -> {
              long end = System.nanoTime() + 20_000_000L;
              while (System.nanoTime() < end) LockSupport.parkNanos(end - System.nanoTime());
              return 1;
            });
    assertThat(r.repeats()).isBetween(1, 2);
    assertThat(r.minMillis()).isGreaterThanOrEqualTo(20.0);
  }

  @Test
  void summarizeTakesMedianMinMax() {
    // odd: sorted 1,2,5 ms -> median 2
    TimingResult odd = ExecutionTimer.summarize(new long[] {5_000_000, 1_000_000, 2_000_000}, 4);
    assertThat(odd.medianMillis()).isEqualTo(2.0);
    assertThat(odd.minMillis()).isEqualTo(1.0);
    assertThat(odd.maxMillis()).isEqualTo(5.0);
    assertThat(odd.repeats()).isEqualTo(3);
    assertThat(odd.warmups()).isEqualTo(4);
    // even: sorted 1,2,4,8 ms -> median (2+4)/2 = 3
    TimingResult even = ExecutionTimer.summarize(new long[] {8_000_000, 2_000_000, 1_000_000, 4_000_000}, 0);
    assertThat(even.medianMillis()).isEqualTo(3.0);
  }

  @Test
  void rejectsBadConfig() {
    assertThatThrownBy(() -> new ExecutionTimer.Config(-1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExecutionTimer.Config(0, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExecutionTimer.Config(0, 5, 4, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExecutionTimer.Config(0, 1, 1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TimingResult(2, 3, 4, 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
