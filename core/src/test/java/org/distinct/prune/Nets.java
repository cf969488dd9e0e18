package org.distinct.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.Dataset;
import org.distinct.model.Activation;
import org.distinct.model.DenseLayer;
import org.distinct.model.Mlp;

/** Small random networks, planted units and an independent reference forward pass for the prune tests. */
final class Nets {
  private Nets() {}

  /** Random network with the given sizes {@code [in, h1, ..., classes]} and hidden activation. */
  static Mlp random(int[] sizes, Activation act, SplittableRandom rng, double scale) {
    List<DenseLayer> ls = new ArrayList<>();
    for (int l = 0; l + 1 < sizes.length; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double[] w = new double[in * out];
      double[] b = new double[out];
      for (int i = 0; i < w.length; i++) w[i] = scale * rng.nextGaussian() / Math.sqrt(in);
      for (int i = 0; i < b.length; i++) b[i] = 0.5 * rng.nextGaussian();
      ls.add(new DenseLayer(in, out, w, b, l + 2 == sizes.length ? Activation.IDENTITY : act));
    }
    return new Mlp(ls);
  }

  /** Random inputs {@code [n × cols]} uniform in [0, 1]. */
  static double[] inputs(int n, int cols, SplittableRandom rng) {
    double[] x = new double[n * cols];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble();
    return x;
  }

  /** Dataset of random inputs and random labels. */
  static Dataset dataset(String name, int n, int cols, int classes, SplittableRandom rng) {
    double[] x = inputs(n, cols, rng);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = rng.nextInt(classes);
    List<String> f = new ArrayList<>();
    for (int c = 0; c < cols; c++) f.add("f" + c);
    List<String> cn = new ArrayList<>();
    for (int c = 0; c < classes; c++) cn.add("c" + c);
    return new Dataset(name, x, n, cols, y, new int[n], f, cn);
  }

  /** Replaces one layer of a model (deep copies everything). */
  static Mlp withLayer(Mlp m, int l, DenseLayer d) {
    List<DenseLayer> ls = new ArrayList<>();
    for (int i = 0; i < m.layerCount(); i++) ls.add(i == l ? d : m.layer(i).copy());
    return new Mlp(ls);
  }

  /**
   * Makes unit {@code dst} of hidden layer {@code l} an affine image of unit {@code src} in pre-activation:
   * incoming row and bias {@code dst = s·src} (plus {@code shift} on the bias).
   */
  static Mlp plantRow(Mlp m, int l, int src, int dst, double s, double shift) {
    DenseLayer d = m.layer(l).copy();
    int in = d.in();
    for (int i = 0; i < in; i++) d.w()[dst * in + i] = s * d.w()[src * in + i];
    d.b()[dst] = s * d.b()[src] + shift;
    return withLayer(m, l, d);
  }

  /** Sets the outgoing column {@code dst} of hidden layer {@code l} equal to column {@code src}. */
  static Mlp copyOutgoing(Mlp m, int l, int src, int dst) {
    DenseLayer d = m.layer(l + 1).copy();
    for (int q = 0; q < d.out(); q++) d.w()[q * d.in() + dst] = d.w()[q * d.in() + src];
    return withLayer(m, l + 1, d);
  }

  /** Reference forward pass written independently of DenseLayer.forward. */
  static double[] forwardFrom(List<double[]> ws, List<double[]> bs, List<Activation> acts, double[] x, int n, int in0) {
    double[] cur = x;
    int in = in0;
    for (int l = 0; l < ws.size(); l++) {
      int out = bs.get(l).length;
      double[] next = new double[n * out];
      for (int p = 0; p < n; p++)
        for (int o = 0; o < out; o++) {
          double s = bs.get(l)[o];
          for (int i = 0; i < in; i++) s += ws.get(l)[o * in + i] * cur[p * in + i];
          next[p * out + o] = acts.get(l).apply(s);
        }
      cur = next;
      in = out;
    }
    return cur;
  }

  /** Largest |a − b| relative to max(1, |b|). */
  static double maxRelDiff(double[] a, double[] b) {
    if (a.length != b.length) throw new AssertionError("lengths " + a.length + " vs " + b.length);
    double m = 0;
    for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(1.0, Math.abs(b[i])));
    return m;
  }
}
