package org.distinct.tensor;

import java.util.Optional;

/**
 * Chooses the {@link GatedKernels} implementation once, at class initialisation, as {@link RnnKernelsProvider}
 * does for the Elman RNN: the Vector API implementation if the module {@code jdk.incubator.vector} is in the
 * boot layer and its preferred float vector has at least 128 bits, otherwise the plain-Java implementation. The
 * Vector API class is loaded only by reflection after the probe succeeds.
 *
 * <p>The system property {@code distinct.gated.kernels} ({@code plain} or {@code vector}) overrides the choice;
 * asking for {@code vector} when it is unavailable falls back to plain.
 */
public final class GatedKernelsProvider {
  private static final String VECTOR_CLASS = "org.distinct.tensor.VectorGatedKernels";
  private static final GatedKernels PLAIN = new PlainGatedKernels();
  private static final GatedKernels VECTOR = loadVector();
  private static final GatedKernels CHOSEN = choose();

  private GatedKernelsProvider() {}

  /** @return the kernels used by distinct (chosen once) */
  public static GatedKernels get() {
    return CHOSEN;
  }

  /** @return the plain-Java kernels */
  public static GatedKernels plain() {
    return PLAIN;
  }

  /** @return the Vector API kernels if the module is present and usable */
  public static Optional<GatedKernels> vectorized() {
    return Optional.ofNullable(VECTOR);
  }

  /** The warm-up task ({@link KernelWarmup.Kind#GATED}). */
  static void warmUpNow() {}

  private static GatedKernels choose() {
    String forced = System.getProperty("distinct.gated.kernels", "").trim();
    if (forced.equalsIgnoreCase("plain")) return PLAIN;
    return VECTOR != null ? VECTOR : PLAIN;
  }

  private static GatedKernels loadVector() {
    if (!RnnKernelsProvider.vectorModulePresent()) return null;
    try {
      GatedKernels k = (GatedKernels) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
      return k.paddedSize(1, false) >= 4 ? k : null; // fewer than 128 bits: not worth it
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }
}
