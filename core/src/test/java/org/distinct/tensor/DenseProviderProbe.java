package org.distinct.tensor;

import java.util.SplittableRandom;

/** Prints the dense kernels {@link DenseKernelsProvider} chose and a layer's outputs through them; run in a child JVM. */
public final class DenseProviderProbe {
  private DenseProviderProbe() {}

  /** @param args ignored */
  public static void main(String[] args) {
    DenseKernels k = DenseKernelsProvider.get();
    int n = 7, in = 5, out = 9, inP = DenseKernels.pad(in), outP = DenseKernels.pad(out);
    SplittableRandom r = new SplittableRandom(3);
    double[] x = new double[n * inP], wt = new double[in * outP], b = new double[outP], y = new double[n * outP];
    for (int i = 0; i < n; i++) for (int j = 0; j < in; j++) x[i * inP + j] = r.nextDouble(-2, 2);
    for (int i = 0; i < in; i++) for (int j = 0; j < out; j++) wt[i * outP + j] = r.nextDouble(-1, 1);
    for (int j = 0; j < out; j++) b[j] = r.nextDouble(-1, 1);
    k.affine(x, 0, inP, n, in, wt, b, outP, y);
    k.sigmoid(y, n * outP);
    StringBuilder sb = new StringBuilder(k.name()).append(" |");
    for (double v : y) sb.append(' ').append(v);
    System.out.println(sb);
  }
}
