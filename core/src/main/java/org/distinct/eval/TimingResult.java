package org.distinct.eval;

/**
 * Wall-clock timings of repeated runs of the same work (e.g. classifying a whole test set), after warm-up.
 *
 * @param medianMillis median of the timed runs in milliseconds (mean of the two middle runs for an even count)
 * @param minMillis fastest timed run in milliseconds
 * @param maxMillis slowest timed run in milliseconds
 * @param repeats number of timed runs (at least 1)
 * @param warmups number of untimed warm-up runs done before
 */
public record TimingResult(double medianMillis, double minMillis, double maxMillis, int repeats, int warmups) {

  /** Checks {@code 0 <= min <= median <= max}, {@code repeats >= 1} and {@code warmups >= 0}. */
  public TimingResult {
    if (repeats < 1) throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
    if (warmups < 0) throw new IllegalArgumentException("warmups must be >= 0, got " + warmups);
    if (!(0 <= minMillis && minMillis <= medianMillis && medianMillis <= maxMillis))
      throw new IllegalArgumentException(
          "need 0 <= min <= median <= max, got " + minMillis + ", " + medianMillis + ", " + maxMillis);
  }
}
