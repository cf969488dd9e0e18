package org.distinct.util;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes files atomically: the content goes to a temporary file in the same folder, is flushed to disk, and
 * the temporary file is then renamed over the target (and the folder is flushed too, where the platform allows
 * it, so the rename survives a power cut). Readers see either the old file or the complete new one, never a
 * half-written file; on any error the temporary file is deleted and the target is untouched. Missing parent
 * folders are created.
 *
 * <p>Errors name the file: an I/O error that does not (a full disk is reported by the operating system as a bare
 * {@code "No space left on device"}) is rethrown as a {@link FileSystemException} naming the target, with the
 * original as its cause.
 */
public final class AtomicFiles {
  /** Atomic writes in progress, for {@link #stopWrites}. */
  private static final AtomicInteger WRITING = new AtomicInteger();
  /** Set by {@link #stopWrites}: no new atomic write starts. */
  private static volatile boolean stopped;
  /** How long a write refused by {@link #stopWrites} waits for the JVM to halt before it fails. */
  static final long STOPPED_WAIT_MILLIS = 3000;

  /**
   * For a shutdown hook that removes temporary files (Ctrl-C): from now on no atomic write of this JVM starts (a write
   * that would start waits {@value #STOPPED_WAIT_MILLIS} ms for the JVM to halt, then fails with an {@link
   * InterruptedIOException}), and this call waits, at most {@code maxMillis}, until the writes in progress have
   * finished or removed their temporary file. So no worker thread still running while the JVM stops can leave a
   * temporary file behind the clean-up.
   *
   * @param maxMillis longest wait for the writes in progress
   */
  public static void stopWrites(long maxMillis) {
    stopped = true;
    long end = System.nanoTime() + maxMillis * 1_000_000L;
    while (WRITING.get() > 0 && System.nanoTime() < end) LockSupport.parkNanos(1_000_000L);
  }

  /** For tests: lets atomic writes start again after {@link #stopWrites}. */
  static void resumeWrites() {
    stopped = false;
  }

  /** @return whether a write may start (then counted in {@link #WRITING}); false after {@link #stopWrites} */
  private static boolean begin() {
    WRITING.incrementAndGet();
    if (!stopped) return true;
    WRITING.decrementAndGet();
    return false;
  }

  private AtomicFiles() {}

  /**
   * Something that writes to a stream and may fail with an I/O error.
   *
   * @param <T> the stream type
   */
  @FunctionalInterface
  public interface IoConsumer<T> {
    /**
     * @param target where to write (do not close it)
     * @throws IOException on failure; the atomic write is then abandoned
     */
    void accept(T target) throws IOException;
  }

  /**
   * Writes bytes produced by {@code writer} atomically to {@code target}.
   *
   * @param target the file to create or replace
   * @param writer writes the content to the given stream (must not close it)
   * @throws IOException if writing or renaming fails (the target is then unchanged)
   */
  public static void write(Path target, IoConsumer<OutputStream> writer) throws IOException {
    Objects.requireNonNull(writer, "writer");
    try {
      writeAtomically(target, writer);
    } catch (FileSystemException e) {
      throw e.getFile() != null && isTemporary(Path.of(e.getFile())) ? renamed(e, target) : e;
    } catch (IOException e) {
      throw naming(target, e);
    }
  }

  private static boolean isTemporary(Path p) {
    String n = p.getFileName() == null ? "" : p.getFileName().toString();
    return n.startsWith(".") && n.endsWith(".tmp");
  }

  /** The same error about the target instead of its temporary file (which the user never asked for). */
  private static FileSystemException renamed(FileSystemException e, Path target) {
    String t = target.toString();
    FileSystemException r = e instanceof AccessDeniedException ? new AccessDeniedException(t, null, e.getReason())
        : e instanceof NoSuchFileException ? new NoSuchFileException(t, null, e.getReason())
        : new FileSystemException(t, null, e.getReason() != null ? e.getReason() : e.getClass().getSimpleName());
    r.initCause(e);
    return r;
  }

  /**
   * @param file the file an operation failed on
   * @param e the error, which may not name the file
   * @return a {@link FileSystemException} naming {@code file} with the error's message as its reason (and the error as
   *     its cause), or {@code e} itself when it already names a file
   */
  public static IOException naming(Path file, IOException e) {
    if (e instanceof FileSystemException f && f.getFile() != null) return e;
    FileSystemException named = new FileSystemException(file.toString(), null, e.getMessage());
    named.initCause(e);
    return named;
  }

  private static void writeAtomically(Path target, IoConsumer<OutputStream> writer) throws IOException {
    if (!begin()) {
      awaitHalt(STOPPED_WAIT_MILLIS); // the JVM is stopping: it halts meanwhile
      throw new InterruptedIOException("not written: distinct is stopping");
    }
    try {
      writeCounted(target, writer);
    } finally {
      WRITING.decrementAndGet();
    }
  }

  /**
   * Waits {@code millis}, or until this thread is interrupted. {@link LockSupport#parkNanos} alone may return at once
   * (a permit left by an earlier unpark of this thread, or a spurious wake-up), so it parks again until the deadline.
   */
  private static void awaitHalt(long millis) {
    long end = System.nanoTime() + millis * 1_000_000L;
    for (long left = millis * 1_000_000L; left > 0 && !Thread.currentThread().isInterrupted(); ) {
      LockSupport.parkNanos(left);
      left = end - System.nanoTime();
    }
  }

  private static void writeCounted(Path target, IoConsumer<OutputStream> writer) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = newTempFile(dir, abs.getFileName().toString());
    boolean done = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        OutputStream out = Channels.newOutputStream(ch);
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        writer.accept(buffered);
        buffered.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } finally {
      if (!done) Files.deleteIfExists(tmp);
    }
    syncFolder(dir);
  }

  /**
   * Flushes a folder's entries (a rename or a new file) to disk, where the platform allows opening a folder (Linux,
   * macOS); elsewhere does nothing. Best effort: the data of every file written here is already flushed.
   *
   * @param dir the folder
   */
  public static void syncFolder(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      // not supported on this platform or file system: the rename is still atomic, only its durability waits
    }
  }

  /** Creates an empty temporary file with the default permissions (umask), unlike createTempFile's 0600. */
  private static Path newTempFile(Path dir, String name) throws IOException {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve("." + name + "." + Long.toHexString(rnd.nextLong() & Long.MAX_VALUE) + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) throw e;
      }
    }
  }

  /**
   * Writes UTF-8 text produced by {@code writer} atomically to {@code target}.
   *
   * @param target the file to create or replace
   * @param writer writes the text to the given writer (must not close it)
   * @throws IOException if writing or renaming fails (the target is then unchanged)
   */
  public static void writeText(Path target, IoConsumer<Writer> writer) throws IOException {
    write(
        target,
        out -> {
          Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
          writer.accept(w);
          w.flush();
        });
  }

  /**
   * Writes a string as UTF-8 atomically to {@code target}.
   *
   * @param target the file to create or replace
   * @param text the whole content
   * @throws IOException if writing or renaming fails (the target is then unchanged)
   */
  public static void writeString(Path target, String text) throws IOException {
    Objects.requireNonNull(text, "text");
    writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes bytes atomically to {@code target}.
   *
   * @param target the file to create or replace
   * @param bytes the whole content (Not modified)
   * @throws IOException if writing or renaming fails (the target is then unchanged)
   */
  public static void writeBytes(Path target, byte[] bytes) throws IOException {
    Objects.requireNonNull(bytes, "bytes");
    write(target, out -> out.write(bytes));
  }
}
