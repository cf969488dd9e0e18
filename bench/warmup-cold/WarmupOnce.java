package org.distinct.tensor;

/**
 * One fresh-JVM warm-up of a kernel family, for bench/run-warmup-cold.sh: runs the warm-up race (RNN or DENSE) against
 * the plain kernels with a time limit and prints "KIND won|lost MILLIS". Lives in the kernels' package to reach the
 * package-private warm-ups; compiled against the jar.
 */
public final class WarmupOnce {
  private WarmupOnce() {}

  public static void main(String[] args) {
    String kind = args[0];
    long limit = Long.parseLong(args[1]) * 1_000_000L;
    long t0 = System.nanoTime();
    boolean won = switch (kind) {
      case "RNN" -> RnnWarmup.run(RnnKernelsProvider.vectorized().orElseThrow(), RnnKernelsProvider.plain(), limit);
      case "DENSE" -> DenseWarmup.run(DenseKernelsProvider.vectorized().orElseThrow(), DenseKernelsProvider.plain(), limit, true);
      default -> throw new IllegalArgumentException("kind: RNN or DENSE, not " + kind);
    };
    System.out.printf("%s %s %d%n", kind, won ? "won" : "lost", (System.nanoTime() - t0) / 1_000_000);
  }
}
