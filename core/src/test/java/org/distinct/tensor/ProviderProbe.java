package org.distinct.tensor;

import java.util.List;
import java.util.SplittableRandom;
import org.distinct.model.ElmanRnn;

/** Prints the chosen kernels and a model's logits; run in a JVM without the Vector API module by a test. */
public final class ProviderProbe {
  private ProviderProbe() {}

  /** @return the probe model */
  static ElmanRnn model() {
    return ElmanRnn.initialize(1, 50, 3, new SplittableRandom(8));
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

  /** @param args ignored */
  public static void main(String[] args) {
    StringBuilder sb = new StringBuilder(RnnKernelsProvider.get().name()).append(' ').append(RnnKernelsProvider.vectorModulePresent());
    for (double v : model().logits(sequences())) sb.append(' ').append(v);
    System.out.println(sb);
  }
}
