package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.distinct.report.StudyReport;
import org.distinct.study.UnitCache;
import org.distinct.util.FaultHook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 at any moment (issue 13, 1): a study killed with SIGKILL at exact points (the {@link FaultHook} points: the
 * cache just opened, in the middle of a fold's training, after the third of 8 units, half-way through writing the
 * fifth cache entry, before the report, half-way through the report and while it is moved into place), at such points
 * drawn at random with a fixed seed and at a moment drawn at random, then run with {@code --resume}, ends with the
 * numbers of an uninterrupted run, bit for bit, and leaves nothing half-written; a previous report survives a kill
 * while the new one is written. (A kill just after the lock is taken is in {@link OutputLockTest}.)
 */
class StudyKillTest {
  /** 2 seeds × (2 folds, final model, pruning sweep) = 8 units; a few seconds in a child JVM. */
  static final String STUDY = """
      name: kill
      mlp:
        seeds: 2
        hidden: [6]
        epochs: 30
        folds: 2
      pruning:
        untilUnits: 2
        criteria: [distinctiveness]
      leakage: false
      """;

  @TempDir static Path dir;
  static Path study;
  static Path base;
  static long baseMillis;
  static volatile String verdictLast = "";
  static final AtomicInteger KILLS = new AtomicInteger();
  static final AtomicInteger RESUMED = new AtomicInteger();

  @BeforeAll
  static void uninterrupted() throws Exception {
    study = dir.resolve("kill.yaml");
    Files.writeString(study, STUDY);
    base = dir.resolve("base");
    long t0 = System.nanoTime();
    Cli.Result r = Cli.run("study", study.toString(), "--out", base.toString(), "--threads", "2", "--quiet");
    baseMillis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.code()).as(r.toString()).isZero();
  }

  @AfterAll
  static void figures() {
    System.out.println("StudyKillTest: " + KILLS + " kills (SIGKILL), " + RESUMED + " resumed runs bit-identical to the uninterrupted run; last: " + verdictLast);
  }

  @ParameterizedTest
  @ValueSource(strings = {"start", "unit:3", "cache-write:5", "report"})
  void killedAtAPointThenResumedGivesTheSameNumbers(String point) throws Exception {
    Path out = dir.resolve("at-" + point.replace(':', '-'));
    killAt(point, out, false);
    assertThat(out.resolve(StudyReport.PROVENANCE)).as("no complete report after the kill").doesNotExist();
    resumeAndCompare(out);
  }

  @Test
  void killedInTheMiddleOfAFoldThenResumedGivesTheSameNumbers() throws Exception {
    // the 45th epoch of the process: 30 epochs a fold, so the second unit is being trained (one thread)
    Path out = dir.resolve("mid-fold");
    killAt("epoch:45", out, false);
    assertThat(cachedUnits(out)).as("units finished before the kill, mid-way through a later one").isBetween(1L, 7L);
    resumeAndCompare(out);
  }

  @Test
  void killedWhileWritingTheReportKeepsThePreviousReport() throws Exception {
    Path out = dir.resolve("previous");
    Cli.Result other = Cli.run("study", study.toString(), "--out", out.toString(), "--seed", "7", "--quiet");
    assertThat(other.code()).as(other.toString()).isZero();
    Map<String, String> before = Reports.snapshot(out);
    assertThat(before).containsKeys(StudyReport.PROVENANCE, "index.html", StudyReport.RESULTS);
    killAt("report-write", out, false);
    assertThat(Reports.snapshot(out)).as("the previous report, file by file").isEqualTo(before);
    // killed while the new report is moved into place: the folder is marked incomplete, and --resume completes it
    killAt("commit", out, true);
    assertThat(out.resolve(StudyReport.PROVENANCE)).doesNotExist();
    resumeAndCompare(out);
  }

  @Test
  void killedAtRandomPointsAndARandomMomentThenResumedGivesTheSameNumbers() throws Exception {
    // three points drawn with a fixed seed (mid-fold, after a unit, mid-way through a cache entry; the report once
    // every unit is cached), the counts drawn over the units still to do, then a moment drawn from the first half of the
    // time the uninterrupted run took in this JVM (which varies with the machine's load); one kill after another on
    // one folder, each run resuming the last
    SplittableRandom rnd = new SplittableRandom(20261123);
    Path out = dir.resolve("random");
    List<String> landed = new ArrayList<>();
    String[] kinds = {"epoch", "unit", "cache-write"};
    for (int k = 0; k < 3; k++) {
      long left = 8 - cachedUnits(out);
      String kind = left == 0 ? "report-write" : kinds[rnd.nextInt(kinds.length)];
      String point = left == 0 ? kind : kind + ":" + (1 + rnd.nextLong(kind.equals("epoch") ? 30 * left : left));
      List<String> args = List.of("study", study.toString(), "--out", out.toString(), "--threads", "2", "--quiet");
      if (k > 0) args = concat(args, "--resume");
      try (Child c = Child.start(dir.resolve("random-" + k + ".log"), "256m", Map.of(FaultHook.PAUSE_AT, point), args.toArray(String[]::new))) {
        boolean paused = c.awaitPauseOrEnd(300);
        if (paused) KILLS.incrementAndGet();
        c.kill();
        landed.add(point + (paused ? " (" + cachedUnits(out) + " of 8 units cached)" : " (not reached: the run ended)"));
      }
    }
    long at = 500 + (long) (baseMillis * 0.5 * rnd.nextDouble());
    try (Child c = Child.start(dir.resolve("random-moment.log"), "256m", Map.of(),
        "study", study.toString(), "--out", out.toString(), "--threads", "2", "--quiet", "--resume")) {
      Thread.sleep(at);
      boolean alive = c.alive();
      if (alive) KILLS.incrementAndGet();
      c.kill();
      landed.add(at + " ms" + (alive ? " (" + cachedUnits(out) + " of 8 units cached)" : " (the run had ended)"));
    }
    System.out.println("StudyKillTest: random kills at " + landed);
    resumeAndCompare(out);
  }

  /** Runs the study in a child that pauses at the point, and kills it there. */
  static void killAt(String point, Path out, boolean resume) throws Exception {
    List<String> args = List.of("study", study.toString(), "--out", out.toString(), "--threads", "1", "--quiet");
    if (resume) args = concat(args, "--resume");
    Path log = dir.resolve(out.getFileName() + "-" + point.replace(':', '-') + ".log");
    try (Child c = Child.start(log, "256m", Map.of(FaultHook.PAUSE_AT, point), args.toArray(String[]::new))) {
      c.awaitPause(120);
      c.kill();
      KILLS.incrementAndGet();
    }
  }

  /** Resumes in this JVM and checks the numbers and the folder. */
  static void resumeAndCompare(Path out) throws Exception {
    resume(study, out, base);
    RESUMED.incrementAndGet();
  }

  /**
   * Resumes a study in this JVM: it must end normally with the numbers of the uninterrupted run, leaving nothing
   * half-written; the only line on standard error may be the note that the lock of a killed process was taken over.
   *
   * @param study the study file
   * @param out the interrupted report folder
   * @param base the report folder of the uninterrupted run
   */
  static void resume(Path study, Path out, Path base) throws Exception {
    Cli.Result r = Cli.run("study", study.toString(), "--out", out.toString(), "--resume", "--threads", "2", "--quiet");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.errLines()).as(r.toString()).allSatisfy(l -> assertThat(l).startsWith("distinct: note: ").contains("taking over the lock left by distinct study (pid"));
    verdictLast = Reports.sameNumbers(base, out);
    Reports.noLeftovers(out);
  }

  /** @return how many units' results a report folder's run cache holds */
  static long cachedUnits(Path out) throws IOException {
    Path runs = out.resolve(UnitCache.DIR);
    if (!Files.isDirectory(runs)) return 0;
    try (Stream<Path> s = Files.list(runs)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith(".")).count();
    }
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> l = new ArrayList<>(a);
    l.addAll(List.of(b));
    return l;
  }
}
