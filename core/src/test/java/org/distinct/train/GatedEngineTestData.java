package org.distinct.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedLayer;
import org.distinct.model.GatedRnn;
import org.distinct.model.Gru;
import org.distinct.model.Lstm;

/**
 * Builders and a second textbook forward for the gated engine tests: seeded random models whose weights are
 * exactly representable in float, the flat PyTorch-order view of a model's parameters, and the double loss with
 * truncation (states before the window computed with frozen parameters: what truncated BPTT differentiates).
 */
public final class GatedEngineTestData {
  private GatedEngineTestData() {}

  /**
   * @param cell LSTM or GRU
   * @param sizes {@code [I, H_1..H_L, C]}
   * @param scale factor on PyTorch's initialisation
   * @param seed seed
   * @return a model whose parameters are float values
   */
  public static GatedRnn floatExactModel(GatedCell cell, int[] sizes, double scale, long seed) {
    int[] hidden = new int[sizes.length - 2];
    System.arraycopy(sizes, 1, hidden, 0, hidden.length);
    SplittableRandom r = new SplittableRandom(seed);
    GatedRnn m = cell == GatedCell.LSTM
        ? Lstm.initialize(sizes[0], hidden, sizes[sizes.length - 1], r)
        : Gru.initialize(sizes[0], hidden, sizes[sizes.length - 1], r);
    for (double[] a : arrays(m)) for (int i = 0; i < a.length; i++) a[i] = (float) (scale * a[i]);
    return m;
  }

  /**
   * @param m a model (its arrays are returned, not copied)
   * @return its parameter arrays in PyTorch's {@code parameters()} order: per layer wIh, wHh, bIh, bHh; then wOut, bOut
   */
  public static List<double[]> arrays(GatedRnn m) {
    List<double[]> out = new ArrayList<>();
    for (GatedLayer g : m.layers()) {
      out.add(g.wIh());
      out.add(g.wHh());
      out.add(g.bIh());
      out.add(g.bHh());
    }
    out.add(m.wOut());
    out.add(m.bOut());
    return out;
  }

  /**
   * @param lengths steps per sequence
   * @param in values per step
   * @param seed seed
   * @return sequences with float-exact values uniform in [0, 1]
   */
  public static List<double[]> unitSequences(int[] lengths, int in, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<double[]> out = new ArrayList<>();
    for (int len : lengths) {
      double[] x = new double[len * in];
      for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
      out.add(x);
    }
    return out;
  }

  /**
   * Mean cross-entropy in double by the equations as written, the states before the truncation window computed
   * with {@code frozen} and the window with {@code m} (both the same shape).
   *
   * @param m the parameters being differentiated (Not modified)
   * @param frozen the parameters of steps 1..T−N (Not modified)
   * @param xs sequences (Not modified)
   * @param y labels (Not modified)
   * @param truncation N, or 0 for none
   * @return the mean loss
   */
  public static double loss(GatedRnn m, GatedRnn frozen, List<double[]> xs, int[] y, int truncation) {
    double sum = 0;
    for (int s = 0; s < xs.size(); s++) {
      double[] z = logits(m, frozen, xs.get(s), truncation);
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z) max = Math.max(max, v);
      double e = 0;
      for (double v : z) e += Math.exp(v - max);
      sum += max + Math.log(e) - z[y[s]];
    }
    return sum / xs.size();
  }

  /** Logits of one sequence, steps before the window with {@code frozen}. */
  static double[] logits(GatedRnn m, GatedRnn frozen, double[] x, int truncation) {
    int layers = m.layerCount();
    int in = m.inputSize();
    int steps = x.length / in;
    int lo = truncation == 0 ? 1 : Math.max(1, steps - truncation + 1);
    double[][] h = new double[layers][];
    double[][] c = new double[layers][];
    for (int l = 0; l < layers; l++) {
      h[l] = new double[m.layer(l).hiddenSize()];
      c[l] = new double[m.layer(l).hiddenSize()];
    }
    for (int t = 0; t < steps; t++) {
      GatedRnn p = t + 1 < lo ? frozen : m;
      double[] input = Arrays.copyOfRange(x, t * in, (t + 1) * in);
      for (int l = 0; l < layers; l++) {
        step(p.layer(l), input, h[l], c[l]);
        input = h[l];
      }
    }
    int hl = m.lastLayer().hiddenSize();
    double[] z = new double[m.numClasses()];
    for (int k = 0; k < z.length; k++) {
      double v = m.bOut()[k];
      for (int j = 0; j < hl; j++) v += m.wOut()[k * hl + j] * h[layers - 1][j];
      z[k] = v;
    }
    return z;
  }

  private static double sig(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  /** One textbook step of a layer: h, c updated in place. */
  static void step(GatedLayer g, double[] x, double[] h, double[] c) {
    int hs = g.hiddenSize(), in = g.inputSize(), gates = g.gates();
    double[] ax = new double[gates * hs];
    double[] ah = new double[gates * hs];
    for (int r = 0; r < gates * hs; r++) {
      double a = g.bIh()[r];
      for (int k = 0; k < in; k++) a += g.wIh()[r * in + k] * x[k];
      double b = g.bHh()[r];
      for (int j = 0; j < hs; j++) b += g.wHh()[r * hs + j] * h[j];
      ax[r] = a;
      ah[r] = b;
    }
    for (int u = 0; u < hs; u++) {
      if (g.cell() == GatedCell.LSTM) {
        double i = sig(ax[u] + ah[u]), f = sig(ax[hs + u] + ah[hs + u]);
        double gg = Math.tanh(ax[2 * hs + u] + ah[2 * hs + u]), o = sig(ax[3 * hs + u] + ah[3 * hs + u]);
        c[u] = f * c[u] + i * gg;
        h[u] = o * Math.tanh(c[u]);
      } else {
        double r = sig(ax[u] + ah[u]), z = sig(ax[hs + u] + ah[hs + u]);
        double n = Math.tanh(ax[2 * hs + u] + r * ah[2 * hs + u]);
        h[u] = (1 - z) * n + z * h[u];
      }
    }
  }

  /**
   * Central differences of {@link #loss} over every parameter, in the flat PyTorch order of the engine.
   *
   * @param m the model (Not modified)
   * @param xs sequences (Not modified)
   * @param y labels (Not modified)
   * @param truncation N or 0
   * @param eps step
   * @return ∂L/∂θ by central differences
   */
  public static double[] centralDifferences(GatedRnn m, List<double[]> xs, int[] y, int truncation, double eps) {
    GatedRnn work = m.copy();
    List<double[]> as = arrays(work);
    int n = 0;
    for (double[] a : as) n += a.length;
    double[] g = new double[n];
    int pos = 0;
    for (double[] a : as)
      for (int i = 0; i < a.length; i++, pos++) {
        double v = a[i];
        a[i] = v + eps;
        double up = loss(work, m, xs, y, truncation);
        a[i] = v - eps;
        double down = loss(work, m, xs, y, truncation);
        a[i] = v;
        g[pos] = (up - down) / (2 * eps);
      }
    return g;
  }
}
