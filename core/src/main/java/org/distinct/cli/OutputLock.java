package org.distinct.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.distinct.BadInputException;
import org.distinct.util.FolderLock;

/**
 * The lock of a command's output folder ({@link FolderLock}) as the command line uses it: a folder in use is refused
 * with one line ({@code DIR: in use by distinct study (pid 1234, started …); wait for it or stop it}, exit code 2), a
 * stale lock taken over is noted on standard error, and the lock is released on exit, also on Ctrl-C (a shutdown hook).
 */
public final class OutputLock implements AutoCloseable {
  private final FolderLock lock;
  private final Thread hook;

  private OutputLock(FolderLock lock, Thread hook) {
    this.lock = lock;
    this.hook = hook;
  }

  /**
   * Locks an output folder (creating it if needed).
   *
   * @param dir the folder, as the user named it
   * @param command what runs, e.g. {@code distinct study}
   * @param err where the note about a stale lock goes
   * @return the lock; close it when done
   * @throws BadInputException if another process works in the folder
   * @throws IOException if the folder or its lock file cannot be created
   */
  public static OutputLock hold(Path dir, String command, PrintWriter err) throws IOException {
    FolderLock l;
    try {
      l = FolderLock.acquire(dir, command);
    } catch (FolderLock.InUseException e) {
      FolderLock.Holder h = e.holder();
      throw new BadInputException(dir + ": in use by " + (h == null ? "another distinct process" : h.describe()) + "; wait for it or stop it", e);
    }
    if (l.previous() != null) {
      err.println("distinct: note: " + dir + ": taking over the lock left by " + l.previous().describe() + ", which no longer runs");
      err.flush();
    }
    Thread hook = new Thread(l::close, "distinct-unlock");
    Runtime.getRuntime().addShutdownHook(hook);
    return new OutputLock(l, hook);
  }

  /** Releases the lock (idempotent). */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down: the hook releases it
    }
    lock.close();
  }
}
