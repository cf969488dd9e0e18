package org.distinct.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.distinct.BadInputException;
import org.distinct.report.StudyReport;
import org.distinct.study.StudyResult;
import org.distinct.study.StudyRunner;
import org.distinct.util.AtomicFiles;

/**
 * A study's report folder as every command that writes one uses it ({@code distinct study}, {@code distinct-spark
 * study}): checked and locked before the long work starts, cleaned of half-written files when the run is interrupted.
 */
public final class ReportFolder {
  /** Free space below which a study is refused before it starts. */
  static final long MIN_FREE_BYTES = 64L * 1024 * 1024;

  private ReportFolder() {}

  /**
   * Checks the report folder before the long work starts and locks it: it must be new, empty or a distinct report
   * (unless forced), not in use by another process, writable, and on a disk with room. A previous report in it stays
   * as it is until the new one is complete ({@link StudyReport#write(StudyResult, Path, boolean)}).
   *
   * @param out the folder
   * @param force whether a folder that is not a distinct report may be used
   * @param command what runs, named in the lock, e.g. {@code distinct study}
   * @param err where a note about a stale lock taken over goes
   * @return the folder's lock (hold it until the study ends)
   * @throws BadInputException naming the folder when it cannot be used
   * @throws IOException if the folder cannot be marked
   */
  public static OutputLock prepare(Path out, boolean force, String command, PrintWriter err) throws IOException {
    if (Files.exists(out) && !Files.isDirectory(out)) throw new BadInputException(out + ": exists and is not a folder");
    if (Files.isDirectory(out) && !OutputFolder.isEmpty(out) && !Files.exists(out.resolve(StudyReport.MARKER)) && !force)
      throw new BadInputException(out + ": the folder exists and is not a distinct report; choose another --out or add --force");
    OutputLock lock;
    try {
      lock = OutputLock.hold(out, command, err);
    } catch (BadInputException e) {
      throw e;
    } catch (IOException e) {
      throw new BadInputException(out + ": cannot write to the report folder (" + IoErrors.describe(e) + ")", e);
    }
    try {
      checkWritable(out);
      StudyReport.mark(out);
      return lock;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static void checkWritable(Path out) throws IOException {
    try {
      Path probe = Files.createTempFile(out, ".probe", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new BadInputException(out + ": cannot write to the report folder (" + IoErrors.describe(e) + ")", e);
    }
    long free = Files.getFileStore(out).getUsableSpace();
    if (free < MIN_FREE_BYTES)
      throw new BadInputException(out + ": only " + free / (1024 * 1024) + " MB free on the disk; the report needs about 20 MB");
  }

  /**
   * Ctrl-C: removes temporary files and a report still being staged so nothing half-written stays; completed runs remain
   * cached (the folder's lock is released by its own hook). Prints how to continue.
   *
   * @param out the folder
   * @param command the command that continues the study, e.g. {@code distinct study}
   */
  public static void cleanUpInterrupted(Path out, String command) {
    AtomicFiles.stopWrites(2000); // the workers still run: none may write a temporary file after the walk
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        String n = p.getFileName().toString();
        if ((n.startsWith(".") && n.endsWith(".tmp")) || p.startsWith(out.resolve(StudyReport.STAGING))) Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException ignored) {
      // best effort while the JVM stops (the lock's own hook may delete its file while the walk lists the folder)
    }
    System.err.println();
    System.err.println("distinct: interrupted; completed runs are kept in " + out.resolve(StudyRunner.CACHE_DIR)
        + " - continue with: " + command + " --resume --out " + out);
  }
}
