package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.distinct.util.FaultHook;
import org.distinct.util.FolderLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs, one folder (issue 13, 3): while one {@code study} (or {@code prune}) works in a folder, a second one is
 * refused at once with one line naming the first process; the lock a killed process leaves is stale and taken over;
 * a study stopped as by Ctrl-C releases its lock.
 */
class OutputLockTest {
  @TempDir Path dir;

  @Test
  void aSecondStudyIsRefusedAtOnceAndAKilledOnesLockIsTakenOver() throws Exception {
    Path study = dir.resolve("s.yaml");
    Files.writeString(study, StudyKillTest.STUDY);
    Path out = dir.resolve("report");
    long pid;
    try (Child first = Child.start(dir.resolve("first.log"), "256m", Map.of(FaultHook.PAUSE_AT, "locked"), "study", study.toString(), "--out",
        out.toString(), "--quiet")) {
      first.awaitPause(60);
      pid = first.pid();
      for (String resume : new String[] {"--quiet", "--resume"}) {
        long t0 = System.nanoTime();
        Cli.Result r = Cli.run("study", study.toString(), "--out", out.toString(), resume);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).singleElement().asString()
            .startsWith("distinct: error: " + out + ": in use by distinct study (pid " + pid + ", started ")
            .endsWith("); wait for it or stop it");
        assertThat(seconds).as("refused at once").isLessThan(5);
      }
      assertThat(out.resolve(FolderLock.FILE)).as("the first run's lock is untouched").exists();
      first.kill();
    }
    Cli.Result r = Cli.run("study", study.toString(), "--out", out.toString(), "--resume", "--quiet");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.errLines()).singleElement().asString().isEqualTo("distinct: note: " + out + ": taking over the lock left by distinct study (pid "
        + pid + ", started " + startedIn(r.err()) + "), which no longer runs");
    assertThat(out.resolve(FolderLock.FILE)).doesNotExist();
    assertThat(out.resolve("provenance.json")).exists();
  }

  @Test
  void aStudyStoppedLikeCtrlCReleasesItsLock() throws Exception {
    Path study = dir.resolve("s.yaml");
    Files.writeString(study, StudyKillTest.STUDY);
    Path out = dir.resolve("stopped");
    try (Child first = Child.start(dir.resolve("stopped.log"), "256m", Map.of(FaultHook.PAUSE_AT, "unit:2"), "study", study.toString(), "--out",
        out.toString(), "--quiet")) {
      first.awaitPause(120);
      assertThat(out.resolve(FolderLock.FILE)).as("held while it runs").exists();
      first.terminate(); // SIGTERM: the shutdown hooks run, as on Ctrl-C's SIGINT
      assertThat(first.await(60)).as(first.log()).isNotZero();
      assertThat(first.log()).contains("distinct: interrupted;").contains("--resume");
    }
    assertThat(out.resolve(FolderLock.FILE)).as("released on the way out").doesNotExist();
    Reports.noLeftovers(out);
    // the next run finds the folder free: no stale lock to take over, no line on standard error
    Cli.Result r = Cli.run("study", study.toString(), "--out", out.toString(), "--resume", "--quiet");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.errLines()).as(r.toString()).isEmpty();
  }

  @Test
  void aSecondPruneIsRefusedAtOnce() throws Exception {
    Path model = dir.resolve("mlp.json");
    Cli.Result t = Cli.run("train", "--epochs", "20", "--folds", "0", "--save", model.toString(), "--quiet");
    assertThat(t.code()).as(t.toString()).isZero();
    Path out = dir.resolve("pruned");
    try (Child first = Child.start(dir.resolve("prune.log"), "256m", Map.of(FaultHook.PAUSE_AT, "locked"), "prune", "--model", model.toString(),
        "--out", out.toString(), "--remove", "2", "--force")) {
      first.awaitPause(60);
      Cli.Result r = Cli.run("prune", "--model", model.toString(), "--out", out.toString(), "--remove", "2", "--force");
      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.errLines()).as(r.toString()).singleElement().asString()
          .startsWith("distinct: error: " + out + ": in use by distinct prune (pid " + first.pid() + ", started ").endsWith("wait for it or stop it");
      first.kill();
    }
    // the killed prune left a folder holding only its lock: it counts as new, and the lock is taken over
    Cli.Result r = Cli.run("prune", "--model", model.toString(), "--out", out.toString(), "--remove", "2", "--force");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.errLines()).singleElement().asString().startsWith("distinct: note: " + out + ": taking over the lock left by distinct prune");
    assertThat(out.resolve("pruned.json")).exists();
    assertThat(out.resolve(FolderLock.FILE)).doesNotExist();
  }

  private static String startedIn(String err) {
    int i = err.indexOf(", started ") + ", started ".length();
    return err.substring(i, err.indexOf(')', i));
  }
}
