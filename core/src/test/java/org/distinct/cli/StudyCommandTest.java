package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distinct.study.StudyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study command's checks before the long work starts, and its small options. */
class StudyCommandTest {

  @Test
  void printDefaultPrintsTheBuiltInStudy() {
    Cli.Result r = Cli.run("study", "--print-default");
    assertThat(r.code()).isZero();
    assertThat(StudyFile.parse(r.out(), "printed")).isEqualTo(StudyFile.defaults());
  }

  @Test
  void refusesAFolderThatIsNotAReportWithoutForce(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("mine");
    Files.createDirectories(out);
    Files.writeString(out.resolve("thesis.tex"), "precious");
    Cli.Result r = Cli.run("study", "--out", out.toString(), "--quiet");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains(out.toString()).contains("not a distinct report").contains("--force");
    assertThat(Files.readString(out.resolve("thesis.tex"))).isEqualTo("precious");
    try (var s = Files.list(out)) {
      assertThat(s.count()).isEqualTo(1);
    }
  }

  @Test
  void badStudyFileNamesFileAndLineBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
    Path study = dir.resolve("s.yaml");
    Files.writeString(study, "mlp:\n  seeds: 2\n  epoch: 5\n");
    Path out = dir.resolve("report");
    Cli.Result r = Cli.run("study", study.toString(), "--out", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(study + ": line 3: unknown key 'epoch'");
    assertThat(r.err()).doesNotContain("Exception");
    assertThat(out).doesNotExist();
  }

  @Test
  void aFileInPlaceOfTheReportFolderIsRefused(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("report");
    Files.writeString(out, "x");
    Cli.Result r = Cli.run("study", "--out", out.toString(), "--quiet");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("exists and is not a folder");
  }

  @Test
  void seedOptionReplacesTheStudySeed(@TempDir Path dir) throws Exception {
    Path study = dir.resolve("s.yaml");
    Files.writeString(study, "seed: 3\nmlp:\n  seeds: 2\n  hidden: [4]\n  epochs: 3\n  folds: 0\npruning:\n  untilUnits: 2\n"
        + "  criteria: [random]\nleakage: false\n");
    Path out = dir.resolve("r");
    Cli.Result r = Cli.run("study", study.toString(), "--out", out.toString(), "--seed", "40", "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    String prov = Files.readString(out.resolve("provenance.json"));
    assertThat(prov).contains("seed: 40").containsPattern("\"seeds\"\\s*:\\s*\\[\\s*40\\s*,\\s*41\\s*\\]");
  }
}
