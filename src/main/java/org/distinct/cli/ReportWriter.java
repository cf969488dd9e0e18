package org.distinct.cli;

import java.nio.file.Path;
import org.distinct.report.StudyReport;
import org.distinct.study.StudyResult;

/** Writes a study's report folder (tables, figures, HTML, results.json, provenance.json last). */
final class ReportWriter {
  private ReportWriter() {}

  static void write(StudyResult result, Path out) {
    StudyReport.write(result, out);
  }
}
