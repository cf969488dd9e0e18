package org.distinct.tensor;

/**
 * Chooses the {@link GramKernels}, once per problem size: the Vector API implementation for Gram matrices large enough
 * to pay for it (the recurrent models' angles over every time step: about 400,000 rows of 50 units in the demo), the
 * plain one otherwise, and always where the module is absent or its vectors hold fewer than 4 doubles. Until C2 has
 * compiled them, Vector API kernels run many times slower than plain Java, and an MLP's angles (518 rows of 30 units)
 * are done long before that. Both give the same bits, so the choice changes only speed. The system property
 * {@code distinct.gram.kernels} ({@code plain} or {@code vector}) forces one.
 */
public final class GramKernelsProvider {
  /** Multiply-adds ({@code rows · units²}) from which the vector kernels are used. */
  static final long VECTOR_FROM = 1L << 26;
  private static final String FORCED = System.getProperty("distinct.gram.kernels", "").trim();
  private static final GramKernels PLAIN = new PlainGramKernels();

  private GramKernelsProvider() {}

  /** The vector kernels, loaded at the first large problem (holder class). */
  private static final class Vector {
    static final GramKernels KERNELS = load();

    private static GramKernels load() {
      if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return null;
      try {
        GramKernels k = (GramKernels) Class.forName("org.distinct.tensor.VectorGramKernels").getDeclaredConstructor().newInstance();
        return k.lanes() >= 4 ? k : null;
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        return null;
      }
    }
  }

  /**
   * @param rows rows of the Gram matrix's data
   * @param units values per row
   * @return the kernels for that size
   */
  public static GramKernels forSize(long rows, int units) {
    if ("plain".equalsIgnoreCase(FORCED)) return PLAIN;
    boolean large = rows * units * (long) units >= VECTOR_FROM || "vector".equalsIgnoreCase(FORCED);
    GramKernels v = large ? Vector.KERNELS : null;
    return v != null ? v : PLAIN;
  }

  /** @return the plain kernels */
  static GramKernels plain() {
    return PLAIN;
  }

  /** @return the vector kernels, or null where they are not available */
  static GramKernels vectorOrNull() {
    return Vector.KERNELS;
  }
}
