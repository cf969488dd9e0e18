package org.distinct.spark;

import java.nio.charset.StandardCharsets;
import org.distinct.study.StudyContext;
import org.distinct.study.StudyFile;
import org.distinct.study.StudyRunner;

/**
 * The study and its data on an executor: parsed from the resolved study file the driver sends and loaded once per
 * executor JVM (every task of the same study on that JVM shares it; a new study replaces it).
 */
final class ExecutorContexts {
  private static String key;
  private static StudyContext context;
  private static int loads;

  private ExecutorContexts() {}

  /**
   * @param yaml the resolved study file (data paths absolute)
   * @return the study with its data, loaded on the first call for this study
   * @throws org.distinct.BadInputException when the data cannot be read here
   */
  static synchronized StudyContext get(String yaml) {
    String k = StudyRunner.sha256(yaml.getBytes(StandardCharsets.UTF_8));
    if (!k.equals(key)) {
      context = null;
      key = null;
      StudyContext c = StudyRunner.load(StudyFile.parse(yaml, "the study sent by the driver"));
      loads++;
      context = c;
      key = k;
    }
    return context;
  }

  /** @return how many times this JVM loaded a study's data (for tests: once per study) */
  static synchronized int loads() {
    return loads;
  }
}
