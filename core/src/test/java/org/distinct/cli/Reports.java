package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.distinct.report.StudyReport;
import org.distinct.study.Rerun;
import org.distinct.study.StudyRunner;
import org.distinct.study.UnitCache;
import org.distinct.util.FolderLock;

/** Checks on report folders shared by the fault-injection tests. */
final class Reports {
  private Reports() {}

  /**
   * Asserts that a report's numbers are those of another, bit for bit ({@code distinct study --rerun}'s comparison).
   *
   * @param expected the report folder of the uninterrupted run
   * @param actual the report folder to check
   * @return the comparison's verdict, e.g. {@code rerun: all 445 recorded numbers reproduced bit for bit (…)}
   */
  static String sameNumbers(Path expected, Path actual) throws IOException {
    StringWriter text = new StringWriter();
    boolean same = Rerun.compare(Rerun.read(expected.resolve(StudyReport.PROVENANCE)), StudyReport.readResults(actual.resolve(StudyReport.RESULTS)),
        new PrintWriter(text, true));
    assertThat(same).as("%s against %s: %s", actual, expected, text).isTrue();
    assertThat(text.toString()).contains("reproduced bit for bit");
    return text.toString().strip();
  }

  /**
   * Asserts that nothing half-written or left over is in a folder: no temporary file, staging or trash folder, lock.
   *
   * @param dir the folder
   */
  static void noLeftovers(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      List<String> bad = s.map(p -> dir.relativize(p).toString())
          .filter(n -> n.endsWith(".tmp") || n.contains(StudyReport.STAGING) || n.contains(StudyReport.TRASH) || n.endsWith(FolderLock.FILE))
          .toList();
      assertThat(bad).as("left in %s", dir).isEmpty();
    }
  }

  /**
   * The report's own files with their checksums (the run cache, the lock and what a killed writer left in its staging
   * and trash folders, which the next run deletes, left out).
   *
   * @param dir a report folder
   * @return relative path → SHA-256 of the content
   */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString();
        if (rel.startsWith(UnitCache.DIR) || rel.equals(FolderLock.FILE) || rel.startsWith(StudyReport.STAGING) || rel.startsWith(StudyReport.TRASH))
          continue;
        m.put(rel, StudyRunner.sha256(Files.readAllBytes(p)));
      }
    }
    return m;
  }
}
