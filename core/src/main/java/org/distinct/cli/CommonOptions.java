package org.distinct.cli;

import picocli.CommandLine.Option;

/** Options shared by every subcommand (a picocli mixin). */
public final class CommonOptions {
  /** Print nothing but results and errors. */
  @Option(names = {"-q", "--quiet"}, description = "Print only results and errors (no progress).")
  public boolean quiet;

  /** Show stack traces on errors. */
  @Option(names = "--verbose", description = "Show stack traces on errors.")
  public boolean verbose;

  /** Print results as JSON. */
  @Option(names = "--json", description = "Print the results as JSON (same content, machine-readable).")
  public boolean json;

  /** Master seed. */
  @Option(names = "--seed", defaultValue = "1", description = "Master random seed (default: ${DEFAULT-VALUE}).")
  public long seed;

  /** Worker threads. */
  @Option(names = "--threads", description = "Worker threads (default: available processors).")
  public Integer threads;

  /** @return the thread count to use (at least 1) */
  public int threadCount() {
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (t < 1) throw new org.distinct.BadInputException("--threads: must be at least 1, got " + t);
    return t;
  }
}
