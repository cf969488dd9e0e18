package org.distinct.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distinct.util.FaultHook;

/**
 * The {@code distinct} command line in a child JVM (the test's own class path), for the fault-injection tests: its
 * output goes to a log file, it can be told to pause at a {@link FaultHook} point, and it can be killed with SIGKILL
 * ({@link Process#destroyForcibly()}) there or at any moment.
 */
final class Child implements AutoCloseable {
  private static final Pattern PAUSED = Pattern.compile("distinct: fault hook: paused at (\\S+) \\(pid (\\d+)\\)");

  private final Process process;
  private final Path log;

  private Child(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code distinct ARGS} in a child JVM.
   *
   * @param log where its standard output and error go
   * @param heap the {@code -Xmx} value, e.g. {@code 512m}
   * @param properties system properties (the fault hooks), may be empty
   * @param args the command line
   * @return the running child
   */
  static Child start(Path log, String heap, Map<String, String> properties, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx" + heap, "-XX:+UseSerialGC"));
    properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.distinct.cli.Main"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new Child(p, log);
  }

  /** @return the child's process id */
  long pid() {
    return process.pid();
  }

  /** @return everything it printed so far */
  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /**
   * The lines it printed that are its own: without the JVM's note on the incubator module and the fault hook's pause.
   *
   * @return the lines
   */
  List<String> ownLines() throws IOException {
    return log().lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING: Using incubator modules") && !PAUSED.matcher(l).find()).toList();
  }

  /**
   * Waits until the child pauses at its fault hook.
   *
   * @param seconds at most this long
   * @throws AssertionError if it ends or takes longer
   */
  void awaitPause(int seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      Matcher m = PAUSED.matcher(log());
      if (m.find()) return;
      if (!process.isAlive()) throw new AssertionError("the child ended (exit " + process.exitValue() + ") before its pause:\n" + log());
      Thread.sleep(20);
    }
    throw new AssertionError("the child did not pause within " + seconds + " s:\n" + log());
  }

  /**
   * Waits until the child pauses at its fault hook or ends without error (its work never reached the point).
   *
   * @param seconds at most this long
   * @return true if it paused, false if it ended with exit code 0
   * @throws AssertionError if it fails or takes longer
   */
  boolean awaitPauseOrEnd(int seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (PAUSED.matcher(log()).find()) return true;
      if (!process.isAlive()) {
        if (process.exitValue() != 0) throw new AssertionError("the child failed (exit " + process.exitValue() + "):\n" + log());
        return PAUSED.matcher(log()).find();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the child did not pause within " + seconds + " s:\n" + log());
  }

  /** Asks it to stop with SIGTERM ({@link Process#destroy()}), which runs its shutdown hooks as Ctrl-C does. */
  void terminate() {
    process.destroy();
  }

  /** Kills it with SIGKILL and waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * @param seconds at most this long
   * @return its exit code
   * @throws AssertionError if it runs longer
   */
  int await(int seconds) throws IOException, InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      kill();
      throw new AssertionError("the child did not end within " + seconds + " s:\n" + log());
    }
    return process.exitValue();
  }

  /** @return whether it still runs */
  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) kill();
  }
}
