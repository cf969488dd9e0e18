package org.distinct.spark;

import org.distinct.BadInputException;

/** Turns what a failed Spark job throws back into distinct's errors. */
final class SparkErrors {
  private SparkErrors() {}

  /**
   * @param e what Spark threw
   * @return the {@link BadInputException} behind it (a unit that cannot run, results the driver refuses), or an
   *     {@link IllegalStateException} with Spark's first line
   */
  static RuntimeException unwrap(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof BadInputException b) return b;
    return new IllegalStateException("Spark: " + firstLine(e), e);
  }

  /** @return the first line of a throwable's message (its class name when it has none) */
  static String firstLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) return e.getClass().getSimpleName();
    return m.strip().split("\n", 2)[0];
  }
}
