package org.distinct.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
    ExecutionTimer t = new ExecutionTimer(ExecutionTimer.Config.fixed(3, 5), compiled::get, oldJvm());
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
  void aCompilationDuringTheWarmUpAsksForTheQuietWindowAQuietCompilerDoesNot() {
    // one compilation finishes during the second warm-up run: the warm-up goes on until the compiler has been quiet
    // for the window; with a compile clock that never moves it ends after the steady runs, long before the window
    AtomicInteger calls = new AtomicInteger();
    AtomicLong clock = new AtomicLong();
    ExecutionTimer once = new ExecutionTimer(ExecutionTimer.Config.fixed(3, 5), clock::get, oldJvm());
    long t0 = System.nanoTime();
    once.time(() -> {
      if (calls.incrementAndGet() == 2) clock.set(1);
      return 1;
    });
    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(ExecutionTimer.QUIET_MILLIS);
    assertThat(calls.get()).isGreaterThan(200); // sub-microsecond runs through a 20 ms window

    AtomicInteger quietCalls = new AtomicInteger();
    TimingResult r = new ExecutionTimer(ExecutionTimer.Config.fixed(3, 5), () -> 7, oldJvm()).time(() -> quietCalls.incrementAndGet());
    assertThat(r.warmups()).isLessThan(200); // a 20 ms window of sub-microsecond runs would be thousands
    assertThat(quietCalls.get()).isEqualTo(r.warmups() + 5);
  }

  /** @return a run count of a JVM past {@link ExecutionTimer#YOUNG_JVM_RUNS} (that rule off) */
  private static AtomicLong oldJvm() {
    return new AtomicLong(ExecutionTimer.YOUNG_JVM_RUNS);
  }

  private static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) Thread.onSpinWait();
  }

  @Test
  void subMillisecondWorkInAYoungJvmIsWarmedUpPastTheCompilersCallCounts() {
    // like a method C2 compiles only after some hundreds of calls: 200 us per call for the first 400 calls, steady
    // and with a quiet compiler, then 50 us; a young JVM's timer must reach the fast phase, an old one's stops early
    AtomicInteger calls = new AtomicInteger();
    AtomicLong young = new AtomicLong();
    TimingResult r = new ExecutionTimer(ExecutionTimer.Config.fixed(3, 5), () -> 7, young).time(() -> {
      spin(calls.incrementAndGet() <= 400 ? 200_000L : 50_000L);
      return 1;
    });
    assertThat(r.warmups()).isGreaterThan(400);
    assertThat(r.medianMillis()).isLessThan(0.15);
    assertThat(young.get()).isEqualTo(calls.get() - 1); // every run but the first (before the kernel wait) counted

    AtomicInteger oldCalls = new AtomicInteger();
    TimingResult early = new ExecutionTimer(ExecutionTimer.Config.fixed(3, 5), () -> 7, oldJvm()).time(() -> {
      spin(oldCalls.incrementAndGet() <= 400 ? 200_000L : 50_000L);
      return 1;
    });
    assertThat(early.medianMillis()).isGreaterThan(0.15);
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
