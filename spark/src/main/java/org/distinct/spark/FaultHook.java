package org.distinct.spark;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test hook (not an option): with the system property {@value #PROPERTY} set to {@code UNIT_ID=MARKER_FILE} on the
 * executors, the first attempt of that unit to finish creates the marker file and then throws, after computing its
 * result, as a task that dies at the very end would; Spark retries the task ({@code local[N,F]} in local mode,
 * {@code spark.task.maxFailures} on a cluster) and the next attempt, seeing the marker, returns normally.
 */
final class FaultHook {
  /** The system property that arms the hook. */
  static final String PROPERTY = "distinct.spark.test.failOnce";

  private FaultHook() {}

  /**
   * @param unitId the unit just computed
   * @param attempt Spark's attempt number of the task
   * @throws IllegalStateException on the armed unit's first attempt
   */
  static void afterUnit(String unitId, int attempt) {
    String armed = System.getProperty(PROPERTY);
    if (armed == null) return;
    int eq = armed.indexOf('=');
    if (eq < 0 || !armed.substring(0, eq).equals(unitId)) return;
    try {
      Files.createFile(Path.of(armed.substring(eq + 1)));
    } catch (FileAlreadyExistsException e) {
      return;
    } catch (IOException e) {
      throw new IllegalStateException("test hook: cannot create the marker " + armed.substring(eq + 1), e);
    }
    throw new IllegalStateException("test hook: attempt " + attempt + " of " + unitId + " fails on purpose");
  }
}
