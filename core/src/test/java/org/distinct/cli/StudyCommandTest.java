package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distinct.study.Statistics;
import org.distinct.study.StudyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study command's checks before the long work starts, and its small options. */
class StudyCommandTest {

  @Test
  void theLeakageLineGivesBothTestsAndTheRuleWhenTheIntervalAndTheTestsDisagree() {
    // an interval that excludes 0 with a Wilcoxon p above 0.05: not called a change, and the line says why
    String disagree = StudyCommand.difference(new Statistics.Paired(10, 0.0813, 0.0167, 0.15, 0.031, 0.064, "no significant change"));
    assertThat(disagree).isEqualTo("difference +8.13 points [1.67, 15.00], paired t-test p = 0.031, Wilcoxon p = 0.064: "
        + "no significant change (a change is called only when both tests are below 0.05)");
    String agree = StudyCommand.difference(new Statistics.Paired(10, 0.212, 0.164, 0.27, 0.0001, 0.002, "higher"));
    assertThat(agree).isEqualTo("difference +21.20 points [16.40, 27.00], paired t-test p < 0.001, Wilcoxon p = 0.0020: "
        + "the leaky split overstates accuracy");
    String straddles = StudyCommand.difference(new Statistics.Paired(10, -0.0174, -0.0694, 0.0347, 0.4, 0.5, "no significant change"));
    assertThat(straddles).endsWith("Wilcoxon p = 0.50: no significant change");
  }

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
