package org.distinct.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.distinct.study.StudyResult;

/** Writes a study's report folder. */
final class ReportWriter {
  private ReportWriter() {}

  static void write(StudyResult result, Path out) throws IOException {
    org.distinct.study.StudyOutput.writeJson(result, out);
  }
}
