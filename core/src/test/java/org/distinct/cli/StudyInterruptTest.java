package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a study (SIGTERM, as Ctrl-C's SIGINT) leaves no half-written file, and --resume continues it. */
class StudyInterruptTest {

  @Test
  void interruptedStudyLeavesNoPartialFilesAndResumes(@TempDir Path dir) throws Exception {
    Path study = dir.resolve("s.yaml");
    Files.writeString(study, """
        mlp:
          seeds: 8
          hidden: [12]
          epochs: 1000
          folds: 4
        pruning:
          untilUnits: 8
          criteria: [distinctiveness]
        leakage: false
        """);
    Path out = dir.resolve("report");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of(java, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
        "org.distinct.cli.Main", "study", study.toString(), "--out", out.toString(), "--threads", "1", "--quiet");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
    Path cache = out.resolve(".runs");
    // wait until at least one run is cached, then stop the study
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && p.isAlive() && countRuns(cache) < 1) Thread.sleep(100);
    assertThat(p.isAlive()).as("study still running when interrupted; log: %s", Files.readString(dir.resolve("log.txt"))).isTrue();
    p.destroy(); // SIGTERM: runs the shutdown hook like Ctrl-C
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(dir.resolve("log.txt"))).contains("interrupted").contains("--resume");
    try (Stream<Path> s = Files.walk(out)) {
      assertThat(s.map(Path::getFileName).map(Path::toString).filter(n -> n.endsWith(".tmp"))).isEmpty();
    }
    assertThat(out.resolve("provenance.json")).doesNotExist();
    assertThat(out.resolve("index.html")).doesNotExist();
    long cachedBefore = countRuns(cache);
    assertThat(cachedBefore).isBetween(1L, 47L); // 8 seeds x (4 folds, final model, pruning sweep) = 48 units

    // resume completes the study from the cached runs
    int code = Main.newCommandLine().setOut(new PrintWriter(new StringWriter()))
        .execute("study", study.toString(), "--out", out.toString(), "--resume", "--threads", "2", "--quiet");
    assertThat(code).isZero();
    assertThat(countRuns(cache)).isEqualTo(48);
    assertThat(out.resolve("provenance.json")).exists();
    assertThat(new File(out.toFile(), "index.html")).exists();
  }

  private static long countRuns(Path cache) throws Exception {
    if (!Files.isDirectory(cache)) return 0;
    try (Stream<Path> s = Files.list(cache)) {
      return s.filter(f -> f.getFileName().toString().startsWith("mlp-seed-") && f.toString().endsWith(".json")).count();
    }
  }
}
