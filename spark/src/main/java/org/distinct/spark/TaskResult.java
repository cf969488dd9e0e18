package org.distinct.spark;

/**
 * What a unit's task sends back to the driver, as one string: the result as JSON with the executor and its kernels,
 * or one line saying why the unit cannot run there (bad input is not retried: it would fail again).
 *
 * @param ok whether the unit ran
 * @param executor where it ran ({@link Where#executor()})
 * @param kernels the executor's {@link Kernels#signature()} (empty for an error)
 * @param payload the result JSON, or the error's line
 */
record TaskResult(boolean ok, String executor, String kernels, String payload) {

  /**
   * @param executor where it ran
   * @param kernels the kernels it computed with
   * @param json the result
   * @return a successful result
   */
  static TaskResult ok(String executor, String kernels, String json) {
    return new TaskResult(true, executor, kernels, json);
  }

  /**
   * @param executor where it failed
   * @param message one line
   * @return a failure
   */
  static TaskResult error(String executor, String message) {
    return new TaskResult(false, executor, "", message);
  }

  /** @return the string sent ({@link #decode} reads it) */
  String encode() {
    return (ok ? "ok" : "error") + "\n" + executor.replace('\n', ' ') + "\n" + kernels + "\n" + payload;
  }

  /**
   * @param text a string made by {@link #encode}
   * @return the result
   */
  static TaskResult decode(String text) {
    String[] p = text.split("\n", 4);
    if (p.length != 4 || !(p[0].equals("ok") || p[0].equals("error"))) throw new IllegalStateException("not a task result: " + text);
    return new TaskResult(p[0].equals("ok"), p[1], p[2], p[3]);
  }
}
