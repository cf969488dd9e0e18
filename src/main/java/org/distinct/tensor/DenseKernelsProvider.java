package org.distinct.tensor;

import java.util.Optional;

/**
 * Chooses the {@link DenseKernels} once, at class initialisation (like Apache Lucene's
 * {@code VectorizationProvider}): the Vector API implementation if the module {@code jdk.incubator.vector}
 * is in the boot layer and its preferred double vector has at least 2 lanes dividing
 * {@link DenseKernels#PAD}, otherwise {@link PlainDenseKernels}. Both give identical bits, so the choice
 * changes only speed. The vector class is loaded by reflection only after the probe succeeds.
 *
 * <p>The system property {@code distinct.dense.kernels=plain} forces the plain implementation.
 */
public final class DenseKernelsProvider {
  private static final String VECTOR_CLASS = "org.distinct.tensor.VectorDenseKernels";
  private static final DenseKernels PLAIN = new PlainDenseKernels();
  private static final DenseKernels VECTOR = loadVector();
  private static final DenseKernels CHOSEN =
      "plain".equalsIgnoreCase(System.getProperty("distinct.dense.kernels", "").trim()) || VECTOR == null ? PLAIN : VECTOR;

  private DenseKernelsProvider() {}

  /** @return the kernels distinct uses */
  public static DenseKernels get() {
    return CHOSEN;
  }

  /** @return the plain-Java kernels */
  public static DenseKernels plain() {
    return PLAIN;
  }

  /** @return the Vector API kernels, if the module is present and usable */
  public static Optional<DenseKernels> vectorized() {
    return Optional.ofNullable(VECTOR);
  }

  private static DenseKernels loadVector() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return null;
    try {
      return (DenseKernels) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }
}
