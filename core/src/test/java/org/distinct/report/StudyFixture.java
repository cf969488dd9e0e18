package org.distinct.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.distinct.study.StudyConfig;
import org.distinct.study.StudyFile;
import org.distinct.study.StudyProgress;
import org.distinct.study.StudyResult;
import org.distinct.study.StudyRunner;

/** A tiny study actually run once per test JVM on the demo data (shared by the report tests). */
final class StudyFixture {
  /** The tiny study: 3 MLP seeds, 30 epochs, 3 folds, 2 pruning steps of 3 criteria, leakage check, 1 tiny RNN seed. */
  static final String YAML = """
      name: tiny
      seed: 7
      mlp:
        seeds: 3
        hidden: [24]
        epochs: 30
        folds: 3
      pruning:
        untilUnits: 20
        criteria: [distinctiveness, random, magnitude-in]
      leakage: true
      rnn:
        seeds: 1
        hidden: 6
        epochs: 3
        folds: 0
        downsample: 16
        pruneSteps: 1
      """;

  private static StudyResult result;

  private StudyFixture() {}

  /** @return the result of running {@link #YAML} (computed once) */
  static synchronized StudyResult result() {
    if (result == null) {
      try {
        Path out = Files.createTempDirectory("distinct-study-fixture");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(out)));
        StudyConfig c = StudyFile.parse(YAML, "tiny.yaml");
        result = StudyRunner.run(c, new StudyRunner.Options(out, false, 2), StudyProgress.NONE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return result;
  }

  private static void deleteTree(Path dir) {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort: a leftover temporary folder is harmless
    }
  }
}
