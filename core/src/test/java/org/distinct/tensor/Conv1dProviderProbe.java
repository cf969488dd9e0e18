package org.distinct.tensor;

import java.util.List;
import java.util.SplittableRandom;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.train.Conv1dBatchEngine;
import org.distinct.train.RnnBatchEngine;

/**
 * Prints the chosen Conv1D kernels, whether the Vector API module is present, a model's logits (double inference) and
 * the loss of one training batch (float engine); run in a JVM without the Vector API module by a test.
 */
public final class Conv1dProviderProbe {
  private Conv1dProviderProbe() {}

  /** @return the probe model (two layers, stride and padding, ReLU, average pooling) */
  static Conv1d model() {
    Conv1d.Spec spec = new Conv1d.Spec(new int[] {5, 3}, new int[] {2, 1}, new int[] {2, 1}, Activation.RELU, Conv1d.Pool.AVG);
    return Conv1d.initialize(1, new int[] {16, 12}, 3, spec, new SplittableRandom(8));
  }

  /** @return the probe sequences */
  static List<double[]> sequences() {
    SplittableRandom r = new SplittableRandom(9);
    double[] a = new double[40];
    double[] b = new double[17];
    for (int i = 0; i < a.length; i++) a[i] = r.nextDouble();
    for (int i = 0; i < b.length; i++) b[i] = r.nextDouble();
    return List.of(a, b);
  }

  /** @return the loss of one batch of the probe sequences on the engine of the chosen kernels */
  static double engineLoss() {
    Conv1d m = model();
    try (Conv1dBatchEngine e = new Conv1dBatchEngine(Conv1dKernelsProvider.get(), m, 40, 2, 2)) {
      e.setModel(m);
      return e.lossAndGradients(RnnBatchEngine.toFloat(sequences()), new int[] {0, 2}, new int[] {0, 1}, 0, 2, null);
    }
  }

  /** @param args ignored */
  public static void main(String[] args) {
    StringBuilder sb = new StringBuilder(Conv1dKernelsProvider.get().name()).append(' ').append(RnnKernelsProvider.vectorModulePresent());
    sb.append(' ').append(engineLoss());
    for (double v : model().logits(sequences())) sb.append(' ').append(v);
    System.out.println(sb);
  }
}
