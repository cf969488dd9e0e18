package org.distinct.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.SequenceDataset;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedLayer;
import org.distinct.model.GatedRnn;

/**
 * Small random LSTM/GRU builders and an independent textbook forward pass with a perturbation hook, for the
 * gated-RNN tests (seeded, no literals).
 */
public final class GatedTestData {
  private GatedTestData() {}

  /**
   * A random network, every parameter uniform in {@code [−bound, bound]}.
   *
   * @param cell LSTM or GRU
   * @param in values per step
   * @param hidden units per layer
   * @param classes classes
   * @param bound the range of the weights
   * @param rng randomness (Modified)
   * @return the network
   */
  public static GatedRnn random(GatedCell cell, int in, int[] hidden, int classes, double bound, SplittableRandom rng) {
    List<GatedLayer> ls = new ArrayList<>();
    int n = in;
    for (int h : hidden) {
      int g = cell.gates() * h;
      ls.add(new GatedLayer(cell, n, h, uniform(g * n, bound, rng), uniform(g * h, bound, rng), uniform(g, bound, rng),
          uniform(g, bound, rng)));
      n = h;
    }
    return GatedRnn.create(cell, ls, uniform(classes * n, bound, rng), uniform(classes, bound, rng));
  }

  private static double[] uniform(int n, double bound, SplittableRandom rng) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = rng.nextDouble(-bound, bound);
    return a;
  }

  /**
   * Random multi-input sequences with random labels.
   *
   * @param n sequences
   * @param in values per step
   * @param classes classes
   * @param minLen shortest length
   * @param maxLen longest length
   * @param rng randomness (Modified)
   * @return the dataset (source "random")
   */
  public static SequenceDataset randomData(int n, int in, int classes, int minLen, int maxLen, SplittableRandom rng) {
    List<double[]> s = new ArrayList<>();
    int[] y = new int[n];
    List<String> songs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) names.add("c" + c);
    for (int i = 0; i < n; i++) {
      int len = minLen + rng.nextInt(maxLen - minLen + 1);
      double[] x = new double[len * in];
      for (int k = 0; k < x.length; k++) x[k] = rng.nextDouble(-1, 1);
      s.add(x);
      y[i] = rng.nextInt(classes);
      songs.add("S1");
    }
    return new SequenceDataset("random", s, in, y, new int[n], songs, names);
  }

  /**
   * A change to one hidden state during the forward pass: {@code eps} added to {@code h_step[unit]} of layer
   * {@code layer} after the cell computed it, or (step −1) the unit's output multiplied by {@code gain} at every
   * step.
   *
   * @param layer the layer
   * @param step the 1-based step, or −1 for every step
   * @param unit the unit
   * @param eps what is added (step ≥ 1)
   * @param gain the factor (step −1)
   */
  public record Perturbation(int layer, int step, int unit, double eps, double gain) {
    /** @return no perturbation */
    public static Perturbation none() {
      return new Perturbation(-1, 0, 0, 0, 1);
    }
  }

  /**
   * Cross-entropy of one sequence with a perturbed hidden state, by a textbook forward pass written
   * independently of {@code GatedRnn} and {@code GatedReference} (gate by gate, unit by unit).
   *
   * @param m the model
   * @param x inputs {@code [T × I]} (Not modified)
   * @param y the class
   * @param p the perturbation
   * @return {@code −log softmax(z)_y}
   */
  public static double perturbedLoss(GatedRnn m, double[] x, int y, Perturbation p) {
    double[] in = x;
    int inSize = m.inputSize();
    int steps = x.length / inSize;
    for (int l = 0; l < m.layerCount(); l++) {
      in = layerStates(m.layer(l), in, steps, l == p.layer() ? p : Perturbation.none());
      inSize = m.layer(l).hiddenSize();
    }
    int h = inSize;
    double[] z = new double[m.numClasses()];
    for (int q = 0; q < z.length; q++) {
      double v = m.bOut()[q];
      for (int k = 0; k < h; k++) v += m.wOut()[q * h + k] * in[(steps - 1) * h + k];
      z[q] = v;
    }
    return RnnReference.crossEntropy(z, y);
  }

  /** States {@code [T × H]} of one layer, perturbed as asked. */
  private static double[] layerStates(GatedLayer g, double[] x, int steps, Perturbation p) {
    int h = g.hiddenSize();
    int n = g.inputSize();
    double[] out = new double[steps * h];
    double[] hPrev = new double[h];
    double[] cPrev = new double[h];
    for (int t = 1; t <= steps; t++) {
      double[] hCur = new double[h];
      for (int u = 0; u < h; u++) {
        if (g.cell() == GatedCell.LSTM) {
          double i = sig(gate(g, 0, u, x, t, hPrev, true) + gate(g, 0, u, x, t, hPrev, false));
          double f = sig(gate(g, 1, u, x, t, hPrev, true) + gate(g, 1, u, x, t, hPrev, false));
          double c = f * cPrev[u] + i * Math.tanh(gate(g, 2, u, x, t, hPrev, true) + gate(g, 2, u, x, t, hPrev, false));
          double o = sig(gate(g, 3, u, x, t, hPrev, true) + gate(g, 3, u, x, t, hPrev, false));
          cPrev[u] = c;
          hCur[u] = o * Math.tanh(c);
        } else {
          double r = sig(gate(g, 0, u, x, t, hPrev, true) + gate(g, 0, u, x, t, hPrev, false));
          double z = sig(gate(g, 1, u, x, t, hPrev, true) + gate(g, 1, u, x, t, hPrev, false));
          double nn = Math.tanh(gate(g, 2, u, x, t, hPrev, true) + r * gate(g, 2, u, x, t, hPrev, false));
          hCur[u] = (1 - z) * nn + z * hPrev[u];
        }
      }
      if (p.step() < 0 && p.layer() >= 0) hCur[p.unit()] *= p.gain();
      else if (t == p.step()) hCur[p.unit()] += p.eps();
      System.arraycopy(hCur, 0, out, (t - 1) * h, h);
      hPrev = hCur;
    }
    return out;
  }

  /** Input part ({@code W_i· x_t + b_i·}) or recurrent part ({@code W_h· h + b_h·}) of gate block k of unit u. */
  private static double gate(GatedLayer g, int k, int u, double[] x, int t, double[] h, boolean input) {
    int hs = g.hiddenSize();
    int row = k * hs + u;
    if (input) {
      int n = g.inputSize();
      double v = g.bIh()[row];
      for (int j = 0; j < n; j++) v += g.wIh()[row * n + j] * x[(t - 1) * n + j];
      return v;
    }
    double v = g.bHh()[row];
    for (int j = 0; j < hs; j++) v += g.wHh()[row * hs + j] * h[j];
    return v;
  }

  private static double sig(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  /**
   * Every parameter array of a model in a fixed order: per layer wIh, wHh, bIh, bHh, then wOut, bOut (the
   * model's storage: changing an entry changes the model).
   *
   * @param m the model
   * @return the arrays
   */
  public static List<double[]> params(GatedRnn m) {
    List<double[]> ps = new ArrayList<>();
    for (GatedLayer g : m.layers()) ps.addAll(List.of(g.wIh(), g.wHh(), g.bIh(), g.bHh()));
    ps.add(m.wOut());
    ps.add(m.bOut());
    return ps;
  }

  /**
   * The gradient arrays in the order of {@link #params}.
   *
   * @param g gradients
   * @return the arrays (shared)
   */
  public static List<double[]> grads(GatedReference.Gradients g) {
    List<double[]> gs = new ArrayList<>();
    for (GatedLayer l : g.layers()) gs.addAll(List.of(l.wIh(), l.wHh(), l.bIh(), l.bHh()));
    gs.add(g.wOut());
    gs.add(g.bOut());
    return gs;
  }

  /**
   * Names in the order of {@link #params}, e.g. {@code layers[1].wHh}.
   *
   * @param m the model
   * @return the names
   */
  public static List<String> names(GatedRnn m) {
    List<String> ns = new ArrayList<>();
    for (int l = 0; l < m.layerCount(); l++)
      for (String p : new String[] {"wIh", "wHh", "bIh", "bHh"}) ns.add("layers[" + l + "]." + p);
    ns.add("wOut");
    ns.add("bOut");
    return ns;
  }
}
