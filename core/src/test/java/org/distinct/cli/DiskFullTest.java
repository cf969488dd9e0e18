package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.distinct.util.FaultHook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full disk (issue 13, 2), on a small tmpfs of its own (mounted when the tests run as root, skipped with the reason
 * otherwise): a disk too full at the start is refused before any work; a disk that fills while the run cache or the
 * report is written stops the study with one line naming the path (exit code 2), the previous report is untouched, no
 * partial file remains, and once there is room again {@code --resume} ends with the numbers of an uninterrupted run.
 */
class DiskFullTest {
  @TempDir static Path dir;
  static Path disk;
  static String skipped;
  static Path study;
  static Path base;

  @BeforeAll
  static void mountASmallDisk() throws Exception {
    disk = dir.resolve("small disk");
    Files.createDirectories(disk);
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=80m", "tmpfs", disk.toString()).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) {
      skipped = "DiskFullTest skipped: mounting a small tmpfs needs root (mount said: " + said + ")";
      System.out.println(skipped);
      return;
    }
    study = dir.resolve("s.yaml");
    Files.writeString(study, StudyKillTest.STUDY);
    base = dir.resolve("base");
    Cli.Result r = Cli.run("study", study.toString(), "--out", base.toString(), "--quiet");
    assertThat(r.code()).as(r.toString()).isZero();
  }

  @AfterAll
  static void unmount() throws Exception {
    if (skipped == null) new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor();
  }

  @BeforeEach
  void needsTheDisk() throws IOException {
    Assumptions.assumeTrue(skipped == null, skipped);
    Files.deleteIfExists(ballast());
  }

  private static Path ballast() {
    return disk.resolve("ballast");
  }

  /** Fills the small disk until {@code leaveMb} MB are left, or (0) until not one more byte fits. */
  private static void fill(long leaveMb) throws IOException {
    try (OutputStream o = Files.newOutputStream(ballast())) {
      if (leaveMb > 0) {
        byte[] mb = new byte[1 << 20];
        while (Files.getFileStore(disk).getUsableSpace() > (leaveMb << 20)) o.write(mb);
        return;
      }
      for (int chunk : new int[] {1 << 20, 1 << 16, 1 << 12, 1}) {
        byte[] b = new byte[chunk];
        try {
          while (true) o.write(b);
        } catch (IOException full) {
          // next, smaller chunks
        }
      }
    }
  }

  @Test
  void aDiskTooFullAtTheStartIsRefusedBeforeAnyWork() throws Exception {
    fill(10);
    Path out = disk.resolve("r0");
    Cli.Result r = Cli.run("study", study.toString(), "--out", out.toString(), "--quiet");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).as(r.toString()).singleElement().asString().startsWith("distinct: error: " + out + ": only ").contains("MB free on the disk");
    assertThat(out).as("nothing left behind").doesNotExist();
  }

  @Test
  void aDiskThatFillsWhileRunsAreCachedStopsWithOneLineAndResumes() throws Exception {
    Path out = disk.resolve("r1");
    Path go = dir.resolve("go-1");
    try (Child c = Child.start(dir.resolve("fill-cache.log"), "256m", Map.of(FaultHook.PAUSE_AT, "unit:2", FaultHook.RESUME_FILE, go.toString()),
        "study", study.toString(), "--out", out.toString(), "--threads", "1", "--quiet")) {
      c.awaitPause(120);
      fill(0);
      Files.writeString(go, "go");
      assertThat(c.await(120)).as(c.log()).isEqualTo(2);
      assertThat(c.ownLines()).as(c.log()).singleElement().asString()
          .startsWith("distinct: error: " + out.resolve(".runs").toAbsolutePath() + "/mlp-seed-")
          .contains(".json: No space left on device; free some space");
    }
    Reports.noLeftovers(out);
    Files.delete(ballast());
    StudyKillTest.resume(study, out, base);
  }

  @Test
  void aDiskThatFillsWhileTheReportIsWrittenKeepsThePreviousReport() throws Exception {
    Path out = disk.resolve("r2");
    Cli.Result other = Cli.run("study", study.toString(), "--out", out.toString(), "--seed", "7", "--quiet");
    assertThat(other.code()).as(other.toString()).isZero();
    Map<String, String> before = Reports.snapshot(out);
    Path go = dir.resolve("go-2");
    try (Child c = Child.start(dir.resolve("fill-report.log"), "256m", Map.of(FaultHook.PAUSE_AT, "report", FaultHook.RESUME_FILE, go.toString()),
        "study", study.toString(), "--out", out.toString(), "--quiet")) {
      c.awaitPause(120);
      fill(0);
      Files.writeString(go, "go");
      assertThat(c.await(120)).as(c.log()).isEqualTo(2);
      assertThat(c.ownLines()).as(c.log()).singleElement().asString()
          .startsWith("distinct: error: " + out + ": cannot write the report: No space left on device (")
          .contains("; the previous report, if any, is unchanged; free some space");
    }
    assertThat(Reports.snapshot(out)).as("the previous report, file by file").isEqualTo(before);
    Reports.noLeftovers(out);
    Files.delete(ballast());
    StudyKillTest.resume(study, out, base);
  }
}
