package org.distinct.tensor;

import java.util.Optional;

/**
 * Chooses the {@link Conv1dKernels} implementation once, at class initialisation, as {@link RnnKernelsProvider} does
 * (the approach of Apache Lucene's {@code VectorizationProvider}): the Vector API implementation if the module
 * {@code jdk.incubator.vector} is in the boot layer and its preferred float vector has at least 128 bits, otherwise the
 * plain-Java implementation. The Vector API class is loaded only by reflection after the probe succeeds, so nothing
 * else fails to load when the module is missing.
 *
 * <p>The system property {@code distinct.conv1d.kernels} ({@code plain} or {@code vector}) overrides the choice (for
 * benchmarks and comparisons); asking for {@code vector} when it is unavailable falls back to plain.
 */
public final class Conv1dKernelsProvider {
  private static final String VECTOR_CLASS = "org.distinct.tensor.VectorConv1dKernels";
  private static final Conv1dKernels PLAIN = new PlainConv1dKernels();
  private static final Conv1dKernels VECTOR = loadVector();
  private static final Conv1dKernels CHOSEN = choose();

  private Conv1dKernelsProvider() {}

  /** @return the kernels used by distinct (chosen once) */
  public static Conv1dKernels get() {
    return CHOSEN;
  }

  /** @return the plain-Java kernels */
  public static Conv1dKernels plain() {
    return PLAIN;
  }

  /** @return the Vector API kernels if the module is present and usable */
  public static Optional<Conv1dKernels> vectorized() {
    return Optional.ofNullable(VECTOR);
  }

  /** The warm-up task ({@link KernelWarmup.Kind#CONV1D}). */
  static void warmUpNow() {}

  private static Conv1dKernels choose() {
    String forced = System.getProperty("distinct.conv1d.kernels", "").trim();
    if (forced.equalsIgnoreCase("plain")) return PLAIN;
    return VECTOR != null ? VECTOR : PLAIN;
  }

  private static Conv1dKernels loadVector() {
    if (!RnnKernelsProvider.vectorModulePresent()) return null;
    try {
      Conv1dKernels k = (Conv1dKernels) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
      return k.paddedChannels(1, false) >= 4 ? k : null; // fewer than 128 bits: not worth it
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }
}
