package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.distinct.data.GeneratedTables;
import org.distinct.util.FaultHook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read-only and odd places (issue 13, 5): a read-only output folder, an output path that is a file or lies under one, a
 * path with spaces and non-ASCII characters, and a data file that changes while it is read give one clear line or
 * correct results, never a half-written file.
 */
class OddPlacesTest {
  @TempDir Path dir;

  /**
   * Makes a folder read-only for this process: as root (who may write anywhere) a read-only bind mount over it, else
   * its permissions.
   *
   * @return how to undo it
   */
  private static AutoCloseable readOnly(Path folder) throws Exception {
    boolean root = new ProcessBuilder("mount", "--bind", folder.toString(), folder.toString()).start().waitFor() == 0;
    if (root) {
      int rc = new ProcessBuilder("mount", "-o", "remount,bind,ro", folder.toString()).start().waitFor();
      assertThat(rc).as("remount read-only").isZero();
      return () -> new ProcessBuilder("umount", folder.toString()).start().waitFor();
    }
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    return () -> Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Path study() throws Exception {
    Path s = dir.resolve("s.yaml");
    Files.writeString(s, StudyKillTest.STUDY);
    return s;
  }

  @Test
  void aReadOnlyFolderIsRefusedInOneLineAndAReportInItIsKept() throws Exception {
    Path study = study();
    Path parent = dir.resolve("ro");
    Files.createDirectories(parent);
    Path report = parent.resolve("report");
    Cli.Result ok = Cli.run("study", study.toString(), "--out", report.toString(), "--quiet");
    assertThat(ok.code()).as(ok.toString()).isZero();
    Map<String, String> before = Reports.snapshot(report);
    try (AutoCloseable undo = readOnly(parent)) {
      for (Path out : new Path[] {report, parent.resolve("new")}) {
        Cli.Result r = Cli.run("study", study.toString(), "--out", out.toString(), "--quiet");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).singleElement().asString()
            .startsWith("distinct: error: " + out + ": cannot write to the report folder (").containsAnyOf("Read-only file system", "permission denied");
      }
      assertThat(Reports.snapshot(report)).isEqualTo(before);
      assertThat(parent.resolve("new")).doesNotExist();
    }
  }

  @Test
  void anOutputPathThatIsOrLiesUnderAFileIsRefused() throws Exception {
    Path study = study();
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "mine");
    Cli.Result under = Cli.run("study", study.toString(), "--out", file.resolve("report").toString(), "--quiet");
    assertThat(under.code()).as(under.toString()).isEqualTo(2);
    assertThat(under.errLines()).singleElement().asString().startsWith("distinct: error: " + file.resolve("report") + ": cannot write to the report folder (")
        .contains(file + ": not a folder");
    Path model = dir.resolve("m.json");
    assertThat(Cli.run("train", "--epochs", "5", "--folds", "0", "--save", model.toString(), "--quiet").code()).isZero();
    Cli.Result prune = Cli.run("prune", "--model", model.toString(), "--out", file.toString(), "--remove", "2", "--force");
    assertThat(prune.code()).as(prune.toString()).isEqualTo(2);
    assertThat(prune.errLines()).singleElement().asString().contains(file + ": exists and is not a folder");
    assertThat(Files.readString(file)).isEqualTo("mine");
  }

  @Test
  void pathsWithSpacesAndNonAsciiCharactersWork() throws Exception {
    Path data = dir.resolve("dätä ö ñ").resolve("my täble 日本.csv");
    Files.createDirectories(data.getParent());
    Files.move(GeneratedTables.writeCsv(data.getParent(), "t.csv", GeneratedTables.Spec.plain(), 11), data);
    Path study = dir.resolve("stüdy ü.yaml");
    Files.writeString(study, "data:\n  features: \"" + data + "\"\n" + StudyKillTest.STUDY.replace("name: kill\n", ""), StandardCharsets.UTF_8);
    Path out = dir.resolve("rëport 日本 x");
    Cli.Result r = Cli.run("study", study.toString(), "--out", out.toString(), "--quiet");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Files.readString(out.resolve("provenance.json"), StandardCharsets.UTF_8)).contains("my täble 日本.csv");
    assertThat(out.resolve("index.html")).exists();
    Path again = dir.resolve("rëport 日本 y");
    Cli.Result second = Cli.run("study", study.toString(), "--out", again.toString(), "--quiet");
    assertThat(second.code()).as(second.toString()).isZero();
    Reports.sameNumbers(out, again);
    Cli.Result resumed = Cli.run("study", study.toString(), "--out", out.toString(), "--resume", "--quiet");
    assertThat(resumed.code()).as(resumed.toString()).isZero();
    Reports.sameNumbers(again, out);
    Reports.noLeftovers(out);
  }

  @Test
  void aDataFileThatChangesWhileItIsReadIsRefused() throws Exception {
    Path data = GeneratedTables.writeCsv(dir, "t.csv", GeneratedTables.Spec.plain(), 12);
    Path study = dir.resolve("d.yaml");
    Files.writeString(study, "data:\n  features: " + data + "\n" + StudyKillTest.STUDY.replace("name: kill\n", ""));
    Path out = dir.resolve("r");
    Path go = dir.resolve("go");
    try (Child c = Child.start(dir.resolve("change.log"), "256m", Map.of(FaultHook.PAUSE_AT, "read", FaultHook.RESUME_FILE, go.toString()),
        "study", study.toString(), "--out", out.toString(), "--quiet")) {
      c.awaitPause(60);
      // another program writes the file between the checksum taken before reading and the one after
      Files.writeString(data, Files.readString(data) + Files.readString(data).lines().skip(1).findFirst().orElseThrow() + "\n");
      Files.writeString(go, "go");
      assertThat(c.await(60)).as(c.log()).isEqualTo(2);
      assertThat(c.ownLines()).as(c.log()).singleElement().asString()
          .startsWith("distinct: error: " + data + ": changed while it was being read (SHA-256 ").endsWith("run again once it no longer changes");
    }
    assertThat(out.resolve(".runs")).as("no run was cached from the mixture").doesNotExist();
    assertThat(out.resolve("provenance.json")).doesNotExist();
    Reports.noLeftovers(out);
  }
}
