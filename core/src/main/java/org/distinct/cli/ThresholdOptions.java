package org.distinct.cli;

import picocli.CommandLine.Option;

/** The distinctiveness thresholds (a picocli mixin shared by {@code angles} and {@code prune}). */
public final class ThresholdOptions {
  @Option(names = "--similar", defaultValue = "15", paramLabel = "DEG", description = "Similar below this angle (default: ${DEFAULT-VALUE}).")
  double similar;

  @Option(names = "--complementary", defaultValue = "165", paramLabel = "DEG",
      description = "Complementary above this angle (default: ${DEFAULT-VALUE}).")
  double complementary;

  @Option(names = "--epsilon", defaultValue = "1e-3", paramLabel = "EPS",
      description = "Near-constant if the centred vector is shorter than EPS*sqrt(patterns) (default: ${DEFAULT-VALUE}).")
  double epsilon;
}
