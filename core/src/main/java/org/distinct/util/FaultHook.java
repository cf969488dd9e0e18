package org.distinct.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test hook for the fault-injection tests: it makes a process stop at an exact point of its work, so that the test
 * (the parent process) can kill it there with SIGKILL, fill its disk, or start a second process against the same
 * folder. It does nothing unless the system property {@value #PAUSE_AT} is set, which no user needs to do.
 *
 * <p>{@code -Ddistinct.fault.pauseAt=NAME} or {@code NAME:N} pauses at the N-th time (default the first) the code
 * passes the point {@code NAME}. The points are:
 * <ul>
 *   <li>{@code locked}: the output folder's lock was just taken ({@code study}, {@code prune});
 *   <li>{@code read}: {@code study}, the input checksums were taken, the data is about to be read;
 *   <li>{@code start}: {@code study}, the run cache is open, no unit has run yet;
 *   <li>{@code epoch}: a training epoch just ended, in the middle of a unit (a fold, the final model, a pruning
 *       sweep's fine-tuning; {@code epoch:45}: the 45th epoch of the process, counted over all trainings);
 *   <li>{@code unit}: {@code study}, a unit's result was just cached ({@code unit:3}: the third);
 *   <li>{@code cache-write}: {@code study}, half of a unit's cache entry is in its temporary file;
 *   <li>{@code report}: {@code study}, every unit is done, the report is about to be written;
 *   <li>{@code report-write}: half of the new report is written (in its staging folder);
 *   <li>{@code commit}: the new report is being moved into place (the old one is partly replaced).
 * </ul>
 * At the pause the process prints {@code distinct: fault hook: paused at NAME:N (pid P)} on standard error and
 * waits: for the file named by {@value #RESUME_FILE} to appear (then it deletes it and goes on), or, without that
 * property, until it is killed.
 *
 * <p>{@code -Ddistinct.fault.outOfMemoryAt=NAME[:N]} instead throws an {@link OutOfMemoryError} there (as if the heap
 * ran out at that point), to test that running out of memory still ends in one line.
 */
public final class FaultHook {
  /** System property naming the point to pause at ({@code NAME} or {@code NAME:N}). */
  public static final String PAUSE_AT = "distinct.fault.pauseAt";
  /** System property naming a file whose appearance ends the pause. */
  public static final String RESUME_FILE = "distinct.fault.resumeFile";
  /** System property naming the point to throw an {@link OutOfMemoryError} at ({@code NAME} or {@code NAME:N}). */
  public static final String OUT_OF_MEMORY_AT = "distinct.fault.outOfMemoryAt";

  private static final String NAME;
  private static final int COUNT;
  private static final boolean THROW;
  private static final ConcurrentHashMap<String, AtomicInteger> PASSED = new ConcurrentHashMap<>();

  static {
    String oom = System.getProperty(OUT_OF_MEMORY_AT);
    THROW = oom != null && !oom.isBlank();
    String p = THROW ? oom : System.getProperty(PAUSE_AT);
    if (p == null || p.isBlank()) {
      NAME = null;
      COUNT = 0;
    } else {
      int colon = p.lastIndexOf(':');
      NAME = colon < 0 ? p.strip() : p.substring(0, colon).strip();
      COUNT = colon < 0 ? 1 : Integer.parseInt(p.substring(colon + 1).strip());
    }
  }

  private FaultHook() {}

  /** @return whether a pause (or failure) point is set (only in fault-injection tests) */
  public static boolean enabled() {
    return NAME != null;
  }

  /**
   * Marks that the code passes a point; pauses there if it is the point (and the count) asked for.
   *
   * @param point the point's name
   */
  public static void at(String point) {
    if (NAME == null || !NAME.equals(point)) return;
    int n = PASSED.computeIfAbsent(point, k -> new AtomicInteger()).incrementAndGet();
    if (n != COUNT) return;
    if (THROW) throw new OutOfMemoryError("Java heap space (fault hook " + point + ":" + n + ")");
    System.err.println("distinct: fault hook: paused at " + point + ":" + n + " (pid " + ProcessHandle.current().pid() + ")");
    System.err.flush();
    String resume = System.getProperty(RESUME_FILE);
    try {
      while (true) {
        if (resume != null && Files.exists(Path.of(resume))) {
          Files.deleteIfExists(Path.of(resume));
          return;
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
