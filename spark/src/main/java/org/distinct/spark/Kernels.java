package org.distinct.spark;

import org.distinct.tensor.Conv1dKernelsProvider;
import org.distinct.tensor.DenseKernelsProvider;
import org.distinct.tensor.GatedKernelsProvider;
import org.distinct.tensor.RnnKernelsProvider;

/**
 * Which numeric kernels a JVM computes with: the Vector API or plain Java, and the vector width (both change the
 * rounding of the recurrent and convolutional networks). Executors report theirs with every result; the driver
 * refuses results made with kernels other than its own, since `distinct study` on the driver's machine would not
 * reproduce them.
 */
final class Kernels {
  private Kernels() {}

  /** @return e.g. {@code VectorDenseKernels VectorRnnKernels VectorGatedKernels VectorConv1dKernels, 16 float lanes} */
  static String signature() {
    return DenseKernelsProvider.get().getClass().getSimpleName() + " " + RnnKernelsProvider.get().getClass().getSimpleName() + " "
        + GatedKernelsProvider.get().getClass().getSimpleName() + " " + Conv1dKernelsProvider.get().getClass().getSimpleName() + ", "
        + RnnKernelsProvider.get().paddedSize(1, false) + " float lanes";
  }
}
