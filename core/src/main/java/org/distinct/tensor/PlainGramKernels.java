package org.distinct.tensor;

/** {@link GramKernels} in plain Java: the reference the vector kernels are checked against. */
final class PlainGramKernels implements GramKernels {

  @Override
  public void rank4(double[] c, int h, double[] g) {
    for (int i = 0; i < h; i++) rank4Row(c, h, g, i, i);
  }

  /** Row i of {@link #rank4}, columns {@code from ≤ j < h} (the vector kernels' tail too). */
  static void rank4Row(double[] c, int h, double[] g, int i, int from) {
    int o1 = h;
    int o2 = 2 * h;
    int o3 = 3 * h;
    double a0 = c[i];
    double a1 = c[o1 + i];
    double a2 = c[o2 + i];
    double a3 = c[o3 + i];
    int gi = i * h;
    for (int j = from; j < h; j++) g[gi + j] += a0 * c[j] + a1 * c[o1 + j] + a2 * c[o2 + j] + a3 * c[o3 + j];
  }

  @Override
  public void rank1(double[] c, int off, int h, double[] g) {
    for (int i = 0; i < h; i++) rank1Row(c, off, h, g, i, i);
  }

  /** Row i of {@link #rank1}, columns {@code from ≤ j < h}. */
  static void rank1Row(double[] c, int off, int h, double[] g, int i, int from) {
    double ci = c[off + i];
    int gi = i * h;
    for (int j = from; j < h; j++) g[gi + j] += ci * c[off + j];
  }

  @Override
  public boolean rangeRow(double[] a, int off, int h, double[] sum, double[] min, double[] max) {
    return rangeRow(a, off, 0, h, sum, min, max);
  }

  /** {@link #rangeRow} for the units {@code from ≤ u < h}. */
  static boolean rangeRow(double[] a, int off, int from, int h, double[] sum, double[] min, double[] max) {
    for (int u = from; u < h; u++) {
      double v = a[off + u];
      if (!Double.isFinite(v)) return false;
      sum[u] += v;
      if (v < min[u]) min[u] = v;
      if (v > max[u]) max[u] = v;
    }
    return true;
  }

  @Override
  public void centreRow(double[] a, int off, int h, double[] centres, double[] means, double[] c, int cOff, double[] ss) {
    centreRow(a, off, 0, h, centres, means, c, cOff, ss);
  }

  /** {@link #centreRow} for the units {@code from ≤ u < h}. */
  static void centreRow(double[] a, int off, int from, int h, double[] centres, double[] means, double[] c, int cOff, double[] ss) {
    for (int u = from; u < h; u++) {
      double v = a[off + u];
      c[cOff + u] = v - centres[u];
      double d = v - means[u];
      ss[u] += d * d;
    }
  }

  @Override
  public String name() {
    return "plain";
  }
}
