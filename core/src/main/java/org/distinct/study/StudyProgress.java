package org.distinct.study;

/**
 * Receives a study's progress: the number of work units, then one call per completed unit (from any thread), and
 * warnings of one line each (a cached run that was torn or stale and is recomputed).
 */
public interface StudyProgress {
  /** No progress output. */
  StudyProgress NONE = new StudyProgress() {
    @Override
    public void start(long totalUnits) {}

    @Override
    public void done(String what) {}
  };

  /** @param totalUnits units of work in the whole study */
  void start(long totalUnits);

  /** @param what the unit just completed, e.g. "mlp seed 3 fold 2" */
  void done(String what);

  /**
   * A warning that does not stop the study (by default printed on standard error).
   *
   * @param line one line, e.g. {@code cache entry R/.runs/mlp-seed-1-fold-0.json is torn (…): recomputed}
   */
  default void warning(String line) {
    System.err.println("distinct: warning: " + line);
  }
}
