package org.distinct.tensor;

/**
 * When {@link DenseKernelsProvider}'s warm-ups start, in a fresh JVM (run in a child JVM by
 * {@link DenseKernelsProviderTest}): prints which have started after each stage, one line
 * {@code stage:DENSE_INFERENCE,DENSE} each. The system property {@code probe.mode} chooses the work: {@code training}
 * ({@link DenseKernelsProvider#get()}, then plain work below and then beyond {@link DenseKernelsProvider#DEMAND}) or
 * {@code inference} ({@link DenseKernelsProvider#forInference()}, a little work, then
 * {@link KernelWarmup#startForInference()}).
 */
public final class DenseDemandProbe {
  private DenseDemandProbe() {}

  /** @param args ignored */
  public static void main(String[] args) {
    boolean training = System.getProperty("probe.mode", "").equals("training");
    DenseKernels k = training ? DenseKernelsProvider.get() : DenseKernelsProvider.forInference();
    report("used", k);
    int n = 32, in = 25, out = 30, inP = DenseKernels.pad(in), outP = DenseKernels.pad(out);
    double[] x = new double[n * inP], wt = new double[in * outP], b = new double[outP], y = new double[n * outP];
    long perCall = (long) n * in * outP;
    long calls = DenseKernelsProvider.DEMAND / perCall; // just below the demand
    if (!training) calls = 10;
    for (long c = 0; c < calls - 1; c++) k.affine(x, 0, inP, n, in, wt, b, outP, y);
    report("below", k);
    if (training) {
      for (int c = 0; c < 3; c++) k.affine(x, 0, inP, n, in, wt, b, outP, y);
      report("beyond", k);
    } else {
      KernelWarmup.startForInference();
      report("timing", k);
    }
  }

  private static void report(String stage, DenseKernels k) {
    StringBuilder sb = new StringBuilder(stage).append(':');
    for (KernelWarmup.Kind kind : KernelWarmup.Kind.values())
      if (KernelWarmup.started(kind)) sb.append(sb.charAt(sb.length() - 1) == ':' ? "" : ",").append(kind);
    System.out.println(sb);
  }
}
