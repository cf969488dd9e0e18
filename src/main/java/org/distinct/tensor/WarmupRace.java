package org.distinct.tensor;

import java.util.function.ToLongFunction;

/**
 * The stopping rule shared by the warm-ups ({@link KernelWarmup}): run the same small round of work with the vector
 * kernels and with the plain kernels, alternately, until the vector round is the faster one several times in a row.
 * Compiled by C2, vector code beats plain code on every shape distinct uses; interpreted or C1-compiled, it is many
 * times slower. So a run of wins means every vector kernel of the round has reached C2.
 *
 * @param <K> the kernel interface
 */
final class WarmupRace<K> {
  /** Consecutive wins that end a race. */
  static final int WINS = 3;

  private final ToLongFunction<K> round;

  /** @param round runs one round with the given kernels and returns its nanoseconds */
  WarmupRace(ToLongFunction<K> round) {
    this.round = round;
  }

  /**
   * @param vector the vector kernels
   * @param plain the plain kernels
   * @param maxNanos longest race
   * @return whether the vector kernels won {@link #WINS} rounds in a row before the time was up
   */
  boolean run(K vector, K plain, long maxNanos) {
    long start = System.nanoTime();
    int wins = 0;
    while (wins < WINS) {
      if (System.nanoTime() - start > maxNanos) return false;
      long v = round.applyAsLong(vector);
      long p = round.applyAsLong(plain);
      wins = v < p ? wins + 1 : 0;
    }
    return true;
  }
}
