package org.distinct.study;

/** Receives a study's progress: the number of work units, then one call per completed unit (from any thread). */
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
}
