package org.distinct.util;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes files atomically: the content goes to a temporary file in the same folder, is flushed to disk, and
 * the temporary file is then renamed over the target. Readers see either the old file or the complete new
 * one, never a half-written file; on any error the temporary file is deleted and the target is untouched.
 * Missing parent folders are created.
 */
public final class AtomicFiles {
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
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = newTempFile(dir, abs.getFileName().toString());
    boolean done = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        OutputStream out = Channels.newOutputStream(ch);
        OutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 16);
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
  }

  /** Creates an empty temporary file with the default permissions (umask), unlike createTempFile's 0600. */
  private static Path newTempFile(Path dir, String name) throws IOException {
    java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve("." + name + "." + Long.toHexString(rnd.nextLong() & Long.MAX_VALUE) + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (java.nio.file.FileAlreadyExistsException e) {
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
