package org.distinct.tensor;

import java.util.Optional;

/**
 * Chooses the {@link RnnKernels} implementation once, at class initialisation (the approach of Apache
 * Lucene's {@code VectorizationProvider}): the Vector API implementation if the module
 * {@code jdk.incubator.vector} is in the boot layer (run with {@code --add-modules jdk.incubator.vector})
 * and its preferred float vector has at least 128 bits, otherwise the plain-Java implementation. The
 * Vector API class is loaded only by reflection after the probe succeeds, so nothing else fails to load
 * when the module is missing.
 *
 * <p>The system property {@code distinct.rnn.kernels} ({@code plain} or {@code vector}) overrides the
 * choice (for benchmarks and comparisons); asking for {@code vector} when it is unavailable falls back to
 * plain.
 */
public final class RnnKernelsProvider {
  private static final String VECTOR_CLASS = "org.distinct.tensor.VectorRnnKernels";
  private static final RnnKernels PLAIN = new PlainRnnKernels();
  private static final RnnKernels VECTOR = loadVector();
  private static final RnnKernels CHOSEN = choose();
  private static volatile boolean warmupRequested;

  private RnnKernelsProvider() {}

  /**
   * The kernels used by distinct (chosen once). The first call starts their warm-up ({@link KernelWarmup}) when
   * they are the vector kernels: they are used from the start (the plain ones round differently), the warm-up only
   * gets them compiled sooner.
   *
   * @return the kernels
   */
  public static RnnKernels get() {
    if (CHOSEN == VECTOR && !warmupRequested) {
      warmupRequested = true;
      KernelWarmup.start(KernelWarmup.Kind.RNN);
    }
    return CHOSEN;
  }

  /** The warm-up task ({@link KernelWarmup.Kind#RNN}). */
  static void warmUpNow() {
    if (VECTOR != null) RnnWarmup.run(VECTOR, KernelWarmup.MAX_NANOS);
  }

  /** @return the plain-Java kernels */
  public static RnnKernels plain() {
    return PLAIN;
  }

  /** @return the Vector API kernels if the module is present and usable */
  public static Optional<RnnKernels> vectorized() {
    return Optional.ofNullable(VECTOR);
  }

  /** @return whether {@code jdk.incubator.vector} is in the boot module layer */
  public static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  private static RnnKernels choose() {
    String forced = System.getProperty("distinct.rnn.kernels", "").trim();
    if (forced.equalsIgnoreCase("plain")) return PLAIN;
    return VECTOR != null ? VECTOR : PLAIN;
  }

  private static RnnKernels loadVector() {
    if (!vectorModulePresent()) return null;
    try {
      RnnKernels k = (RnnKernels) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
      return k.paddedSize(1, false) >= 4 ? k : null; // fewer than 128 bits: not worth it
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }
}
