package org.distinct.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link System#err} to the file descriptor the {@code ./distinct} launcher names in the environment variable
 * {@code DISTINCT_STDERR_FD}: the launcher's own stderr, passed on unchanged, while the JVM's stderr goes through a
 * filter that drops the JVM's start-up notice about the incubator module (see the launcher). Writing to the inherited
 * descriptor itself (not a re-opened path) keeps the exact stream: the same terminal, pipe or file with its offset, so
 * {@code >log 2>&1} and the order of stdout and stderr behave as without the launcher.
 *
 * <p>{@link FileDescriptor} has no public constructor from a number; the private one is used (the jar's manifest
 * opens {@code java.base/java.io} to it). If anything is missing (no variable, descriptor not open, not a launcher
 * start, other platform), {@code System.err} stays as it is: everything then still reaches the user through the
 * launcher's filter.
 */
final class LauncherStderr {
  /** The environment variable with the descriptor number. */
  static final String VARIABLE = "DISTINCT_STDERR_FD";

  private LauncherStderr() {}

  /** Points {@link System#err} at the launcher's stderr when the launcher passed one. */
  static void install() {
    String v = System.getenv(VARIABLE);
    if (v == null || !v.strip().matches("\\d{1,4}")) return;
    int fd = Integer.parseInt(v.strip());
    if (fd <= 2 || !Files.exists(Path.of("/dev/fd/" + fd))) return;
    try {
      Constructor<FileDescriptor> c = FileDescriptor.class.getDeclaredConstructor(int.class);
      c.setAccessible(true);
      FileOutputStream out = new FileOutputStream(c.newInstance(fd));
      String enc = System.getProperty("sun.stderr.encoding"); // what the JVM's own System.err uses
      Charset cs = enc == null ? Charset.defaultCharset() : Charset.forName(enc);
      System.setErr(new PrintStream(new BufferedOutputStream(out, 128), true, cs));
    } catch (ReflectiveOperationException | RuntimeException e) {
      // keep System.err: its output reaches the user through the launcher's filter
    }
  }
}
