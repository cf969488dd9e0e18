package org.distinct.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.distinct.util.AtomicFiles;
import org.distinct.util.FolderLock;

/**
 * Fills a new (or empty) output folder all at once: the content is written into a hidden temporary folder next
 * to it ({@code .NAME.<random>}), which is then renamed to the target, so the target either does not exist or
 * is complete. On an error, and on Ctrl-C (a shutdown hook), the temporary folder is deleted.
 *
 * <p>A target that holds nothing but the lock of the running command ({@link FolderLock#FILE}) counts as empty: the
 * lock file is moved into the temporary folder just before the rename (a rename keeps the operating system's lock on
 * it), so the folder stays locked throughout.
 */
final class OutputFolder {
  private OutputFolder() {}

  /**
   * @param dir a folder
   * @return whether it exists and holds no entry (but perhaps the lock file of the command that runs)
   * @throws IOException if it cannot be listed
   */
  static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.allMatch(p -> p.getFileName().toString().equals(FolderLock.FILE));
    }
  }

  /**
   * Writes a new folder atomically.
   *
   * @param target the folder to create; it must not exist or be empty (an empty folder is replaced)
   * @param fill writes the content into the folder it is given
   * @return the temporary folder the content was written in (already renamed; for relativizing paths)
   * @throws IOException if writing or renaming fails (nothing is left behind)
   */
  static Path create(Path target, AtomicFiles.IoConsumer<Path> fill) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".");
    Thread cleanup = new Thread(() -> deleteQuietly(tmp), "distinct-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      fill.accept(tmp);
      if (Files.exists(abs)) {
        Path lock = abs.resolve(FolderLock.FILE);
        if (Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) Files.move(lock, tmp.resolve(FolderLock.FILE));
        Files.delete(abs); // empty, checked by the caller
      }
      Files.move(tmp, abs);
      return tmp;
    } finally {
      if (Files.exists(tmp)) deleteQuietly(tmp);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // already shutting down: the hook runs anyway
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort: a hidden temporary folder may remain
    }
  }
}
