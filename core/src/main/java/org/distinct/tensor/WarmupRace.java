package org.distinct.tensor;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import java.util.function.BooleanSupplier;
import org.distinct.util.AllocationCounter;
import org.distinct.util.JitCompiler;

/**
 * The stopping rule shared by the warm-ups ({@link KernelWarmup}): run the same small round of work with the vector
 * kernels and with the plain kernels, alternately, until the vector round is the faster one several times in a row.
 * Compiled by C2, vector code beats plain code on every shape distinct uses; interpreted or C1-compiled, it is many
 * times slower. So a run of wins means every vector kernel of the round has reached C2. A vector round that allocated
 * memory is no win, however fast (except in a race made {@link #timingOnly}): vector code C2 has compiled with its intrinsics keeps its vectors in registers, while
 * vector code still interpreted, C1-compiled or deoptimised boxes every vector on the heap (and while the plain kernels
 * are interpreted too, it can even be the faster of the two). A race that goes on for long (a loaded machine, or a
 * kernel the JIT compiled badly) pauses between rounds, and gives up at its time limit; one that has gone on for
 * {@link #C2_CHECK_NANOS} without a win asks once whether this JVM has C2 at all ({@link JitCompiler#c2Absent()}:
 * {@code -Xint} or {@code -XX:TieredStopAtLevel=1}, where every timed command used to wait for the full limit), and
 * gives up at once if not.
 *
 * @param <K> the kernel interface
 */
final class WarmupRace<K> {
  /** Consecutive wins that end a race. */
  static final int WINS = 3;
  /** After this long without a win the race slows down (a pause between rounds), to leave the cores to real work. */
  static final long PATIENT_NANOS = 5_000_000_000L;
  /** The pause between rounds after {@link #PATIENT_NANOS}. */
  static final long PAUSE_NANOS = 20_000_000L;
  /** After this long without a win the race asks whether the JVM has C2. */
  static final long C2_CHECK_NANOS = 1_000_000_000L;

  private final ToLongFunction<K> round;
  private final LongSupplier allocated;
  private BooleanSupplier c2Absent = JitCompiler::c2Absent;

  /** @param round runs one round with the given kernels and returns its nanoseconds; it must not allocate itself */
  WarmupRace(ToLongFunction<K> round) {
    this(round, AllocationCounter::currentThreadBytes);
  }

  /**
   * @param round runs one round with the given kernels and returns its nanoseconds
   * @param allocated bytes this thread has allocated so far, or -1 where that is not known (then timing alone decides)
   */
  WarmupRace(ToLongFunction<K> round, LongSupplier allocated) {
    this.round = round;
    this.allocated = allocated;
  }

  /**
   * A race decided by timing alone, for kernels whose vector code is free of allocation once it wins on time.
   *
   * @param round runs one round with the given kernels and returns its nanoseconds
   * @param <K> the kernel interface
   * @return the race
   */
  static <K> WarmupRace<K> timingOnly(ToLongFunction<K> round) {
    return new WarmupRace<>(round, () -> -1);
  }

  /**
   * @param absent answers whether the JVM has no C2 (tests; the default asks {@link JitCompiler#c2Absent()})
   * @return this race
   */
  WarmupRace<K> withC2Absent(BooleanSupplier absent) {
    c2Absent = absent;
    return this;
  }

  /**
   * @param vector the vector kernels
   * @param plain the plain kernels
   * @param maxNanos longest race
   * @return whether the vector kernels won {@link #WINS} rounds in a row before the time was up (false also when the
   *     JVM turned out to have no C2)
   */
  boolean run(K vector, K plain, long maxNanos) {
    long start = System.nanoTime();
    int wins = 0;
    boolean asked = false;
    while (wins < WINS) {
      long elapsed = System.nanoTime() - start;
      if (elapsed > maxNanos) return false;
      if (!asked && elapsed > C2_CHECK_NANOS) {
        asked = true;
        if (c2Absent.getAsBoolean()) return false;
      }
      if (elapsed > PATIENT_NANOS) LockSupport.parkNanos(PAUSE_NANOS);
      long a0 = allocated.getAsLong();
      long v = round.applyAsLong(vector);
      boolean clean = AllocationCounter.nothingBetween(a0, allocated.getAsLong());
      long p = round.applyAsLong(plain);
      wins = v < p && clean ? wins + 1 : 0;
    }
    return true;
  }
}
