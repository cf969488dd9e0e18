package org.distinct.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.distinct.cli.Main;
import org.distinct.study.LocalExecutor;
import org.distinct.study.Rerun;
import org.distinct.study.StudyConfig;
import org.distinct.study.StudyFile;
import org.distinct.study.StudyProgress;
import org.distinct.study.StudyResult;
import org.distinct.study.StudyRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code distinct-spark study} in local mode ({@code local[2]}, driver on 127.0.0.1, UI off) on a tiny study of every
 * unit kind (folds, final models, leakage checks, pruning sweeps, grid points; an MLP and an RNN section), compared
 * number for number with {@code StudyRunner.run} on the local thread pool; a task that fails once on purpose; a
 * master that cannot be reached; data an executor cannot read.
 */
class SparkStudyTest {
  /** Every kind of work unit, as small as it gets: 2 + 1 seeds, folds, leakage, sweeps, a 2-point grid. */
  static final String TINY = """
      name: tiny-spark
      mlp:
        seeds: 2
        hidden: [8]
        epochs: 8
        folds: 2
        gridSeeds: 1
        grid:
          batchSize: [16, 64]
      pruning:
        untilUnits: 5
        criteria: [distinctiveness, random]
      rnn:
        seeds: 1
        hidden: 5
        epochs: 2
        folds: 0
        downsample: 32
        pruneSteps: 1
      """;

  @TempDir static Path dir;
  static Path study; // TINY as a file
  static StudyResult local; // TINY by the local runner, 2 threads

  @BeforeAll
  static void runLocally() throws IOException {
    study = Files.writeString(dir.resolve("tiny.yaml"), TINY);
    StudyConfig c = StudyFile.load(study.toString());
    local = StudyRunner.run(c, new StudyRunner.Options(dir.resolve("local"), false, 2), StudyProgress.NONE, new LocalExecutor(2));
  }

  @AfterEach
  void disarm() {
    System.clearProperty(FaultHook.PROPERTY);
  }

  /** A command's exit code and what it printed. */
  record Ran(int code, String out, String err) {}

  static Ran spark(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SparkMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Ran(code, out.toString(), err.toString());
  }

  static String compare(Path report, StudyResult with) {
    StringWriter text = new StringWriter();
    boolean same = Rerun.compare(Rerun.read(report.resolve("provenance.json")), with, new PrintWriter(text, true));
    return (same ? "SAME\n" : "DIFFERENT\n") + text;
  }

  @Test
  void aStudyOnLocal2HasEveryNumberOfTheLocalRunnerAndRerunsOnOneMachine() throws Exception {
    Path out = dir.resolve("spark");
    Ran r = spark("study", study.toString(), "--master", "local[2]", "--out", out.toString(), "-q");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("units on Spark, 0 from the cache");
    assertThat(compare(out, local)).startsWith("SAME").contains("reproduced bit for bit");
    assertThat(Files.readString(out.resolve("provenance.json"))).contains("on Apache Spark 4.0", "master local[2]");
    assertThat(out.resolve("index.html")).exists();
    // `distinct study --rerun` on one machine reproduces the Spark-made report
    int code = Main.execute("study", "--rerun", out.resolve("provenance.json").toString(), "--out", dir.resolve("rerun").toString(), "-q");
    assertThat(code).isZero();
    // resuming on Spark takes every unit from the driver's cache and gives the same numbers
    Ran again = spark("study", study.toString(), "--master", "local[2]", "--out", out.toString(), "--resume", "-q");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains("(0 units on Spark, ");
    assertThat(compare(out, local)).startsWith("SAME");
  }

  @Test
  void aTaskThatFailsOnceIsRetriedAndLeavesNoTrace() throws Exception {
    Path out = dir.resolve("retried");
    Path marker = dir.resolve("failed-once.marker");
    System.setProperty(FaultHook.PROPERTY, "mlp-seed-2-final=" + marker);
    Ran r = spark("study", study.toString(), "--master", "local[2,2]", "--out", out.toString(), "-q");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(marker).as("the first attempt failed").exists();
    assertThat(compare(out, local)).startsWith("SAME");
    try (Stream<Path> s = Files.walk(out)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
    }
    // the cache holds exactly one complete entry per unit, the retried one equal to the local runner's
    List<String> cached = cacheEntries(out);
    assertThat(cached).isEqualTo(cacheEntries(dir.resolve("local")));
    assertThat(withoutDates(out.resolve(StudyRunner.CACHE_DIR).resolve("mlp-seed-2-final.json")))
        .isEqualTo(withoutDates(dir.resolve("local").resolve(StudyRunner.CACHE_DIR).resolve("mlp-seed-2-final.json")));
  }

  @Test
  void withoutRetriesTheSameFailureEndsTheStudy() throws Exception {
    Path out = dir.resolve("not-retried");
    Path marker = dir.resolve("fails.marker");
    System.setProperty(FaultHook.PROPERTY, "mlp-seed-1-fold-0=" + marker);
    Ran r = spark("study", study.toString(), "--master", "local[2]", "--out", out.toString(), "-q");
    assertThat(r.code()).isEqualTo(1);
    assertThat(marker).exists();
    assertThat(r.err()).contains("fails on purpose");
    assertThat(out.resolve("results.json")).doesNotExist();
  }

  @Test
  void aMasterThatCannotBeReachedEndsInOneLineExit2AndNoReportFolder() {
    Path out = dir.resolve("unreachable");
    Ran r = spark("study", study.toString(), "--master", "spark://127.0.0.1:1", "--out", out.toString(), "-q");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).singleElement().asString()
        .startsWith("distinct-spark: error: --master spark://127.0.0.1:1: cannot reach the master at 127.0.0.1:1");
    assertThat(out).doesNotExist();
  }

  @Test
  void dataAnExecutorCannotReadEndsInOneLineExit2AndNoReportFolder() {
    Path out = dir.resolve("no-data");
    Path missing = dir.resolve("nowhere/features.csv");
    Ran r = spark("study", study.toString(), "--master", "local[2]", "--data", missing.toString(), "--out", out.toString(), "-q");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).singleElement().asString()
        .startsWith("distinct-spark: error: data.features " + missing + ": executor driver on host ")
        .contains("cannot read it (no such file or folder)");
    assertThat(out).doesNotExist();
  }

  /**
   * A cached entry's text without the date its model file was created and without the envelope's length and checksum
   * of the payload, which follow from that date (every other byte must agree).
   */
  private static String withoutDates(Path entry) throws IOException {
    String text = Files.readString(entry);
    String dated = "created[^0-9]{1,8}[0-9]{4}-[0-9T:.Z-]+";
    assertThat(text).containsPattern(dated).containsPattern("(?m)^sha256 [0-9a-f]{64}$");
    return text.replaceAll(dated, "created").replaceAll("(?m)^(length|sha256) .*$", "$1");
  }

  private static List<String> cacheEntries(Path report) throws IOException {
    try (Stream<Path> s = Files.list(report.resolve(StudyRunner.CACHE_DIR))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
