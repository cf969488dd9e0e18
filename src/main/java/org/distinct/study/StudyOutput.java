package org.distinct.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distinct.data.AtomicFiles;

/** Writes a study's machine-readable outputs: {@code results.json}, then {@code provenance.json} (last: it marks a complete report). */
public final class StudyOutput {
  private StudyOutput() {}

  /**
   * @param result the study's numbers
   * @param out the report folder
   * @throws IOException on write errors (files are written atomically)
   */
  public static void writeJson(StudyResult result, Path out) throws IOException {
    AtomicFiles.writeString(out.resolve("results.json"), StudyRunner.JSON.writeValueAsString(result));
    Map<String, Object> p = new LinkedHashMap<>(StudyRunner.JSON.convertValue(result.provenance(), Map.class));
    AtomicFiles.writeString(out.resolve("provenance.json"), StudyRunner.JSON.writeValueAsString(p));
  }
}
