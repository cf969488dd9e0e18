package org.distinct.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedLayer;
import org.distinct.model.GatedRnn;
import org.distinct.train.GatedTestData;

/**
 * Small LSTMs/GRUs with planted clone units and complementary pairs for the gated pruning tests (seeded, no
 * literals). Gate block 2 is the "odd" block of both cells (LSTM g, GRU n): negating a unit's rows there negates
 * its output.
 */
final class GatedNets {
  /** The gate block whose rows a negation flips: g of the LSTM, n of the GRU. */
  static final int ODD_BLOCK = 2;

  private GatedNets() {}

  /** A random network, parameters uniform in [−0.8, 0.8]. */
  static GatedRnn random(GatedCell cell, int in, int[] hidden, int classes, long seed) {
    return GatedTestData.random(cell, in, hidden, classes, 0.8, new SplittableRandom(seed));
  }

  /** Rows of the matrix that reads layer {@code layer}'s states at the same step (next W_ih or W_out). */
  static double[] consumer(GatedRnn m, int layer) {
    return layer == m.layerCount() - 1 ? m.wOut() : m.layer(layer + 1).wIh();
  }

  /**
   * The same network with {@code extra} units appended to layer {@code layer} (indices H, H + 1, …), all their
   * rows and columns 0 (so they output 0 and change nothing). Fresh arrays throughout.
   */
  static GatedRnn grow(GatedRnn m, int layer, int extra) {
    GatedLayer g = m.layer(layer);
    int h = g.hiddenSize();
    int n = h + extra;
    int gates = g.gates();
    int in = g.inputSize();
    double[] wih = new double[gates * n * in];
    double[] whh = new double[gates * n * n];
    double[] bih = new double[gates * n];
    double[] bhh = new double[gates * n];
    for (int blk = 0; blk < gates; blk++)
      for (int u = 0; u < h; u++) {
        int o = blk * h + u;
        int r = blk * n + u;
        System.arraycopy(g.wIh(), o * in, wih, r * in, in);
        System.arraycopy(g.wHh(), o * h, whh, r * n, h);
        bih[r] = g.bIh()[o];
        bhh[r] = g.bHh()[o];
      }
    List<GatedLayer> ls = new ArrayList<>();
    for (int l = 0; l < m.layerCount(); l++) {
      GatedLayer o = m.layer(l);
      if (l == layer) ls.add(new GatedLayer(o.cell(), in, n, wih, whh, bih, bhh));
      else if (l == layer + 1) ls.add(new GatedLayer(o.cell(), n, o.hiddenSize(), widen(o.wIh(), h, n), o.wHh().clone(), o.bIh().clone(), o.bHh().clone()));
      else ls.add(o.copy());
    }
    boolean last = layer == m.layerCount() - 1;
    return m.with(ls, last ? widen(m.wOut(), h, n) : m.wOut().clone(), m.bOut().clone());
  }

  /** A row-major matrix with {@code cols} columns widened to {@code n} columns (new ones 0). */
  private static double[] widen(double[] w, int cols, int n) {
    int rows = w.length / cols;
    double[] out = new double[rows * n];
    for (int i = 0; i < rows; i++) System.arraycopy(w, i * cols, out, i * n, cols);
    return out;
  }

  /**
   * Appends a clone j = H of unit {@code src} to layer {@code layer}: the recurrent column of {@code src} and its
   * next column are split, {@code split} staying with {@code src} and {@code 1 − split} going to j; then j's rows
   * in every gate block of W_ih, W_hh (the new rows, including columns src and j), b_ih and b_hh are copies of
   * src's. The two units see the same inputs and states through identical rows, so {@code h_j ≡ h_src} bit for
   * bit at every step, and the network computes what {@code m} computes up to the rounding of the split.
   */
  static GatedRnn withClone(GatedRnn m, int layer, int src, double split) {
    GatedRnn n = grow(m, layer, 1);
    GatedLayer g = n.layer(layer);
    int h = g.hiddenSize();
    int j = h - 1;
    splitColumn(g.wHh(), h, src, j, split);
    splitColumn(consumer(n, layer), h, src, j, split);
    for (int blk = 0; blk < g.gates(); blk++) copyRow(g, blk * h + src, blk * h + j, 1.0);
    return n;
  }

  private static void splitColumn(double[] w, int cols, int src, int j, double split) {
    for (int i = 0; i < w.length / cols; i++) {
      double v = w[i * cols + src];
      w[i * cols + src] = split * v;
      w[i * cols + j] = (1 - split) * v;
    }
  }

  /** Row {@code to} of W_ih, W_hh, b_ih, b_hh := {@code sign ·} row {@code from}. */
  private static void copyRow(GatedLayer g, int from, int to, double sign) {
    int in = g.inputSize();
    int h = g.hiddenSize();
    for (int k = 0; k < in; k++) g.wIh()[to * in + k] = sign * g.wIh()[from * in + k];
    for (int k = 0; k < h; k++) g.wHh()[to * h + k] = sign * g.wHh()[from * h + k];
    g.bIh()[to] = sign * g.bIh()[from];
    g.bHh()[to] = sign * g.bHh()[from];
  }

  /**
   * Appends an exactly complementary pair i = H, j = H + 1 to layer {@code layer} that does not change what
   * {@code m} computes. Unit i gets random rows; j's rows equal i's in every gate block except block 2 (LSTM g,
   * GRU n), where they are negated. Then j's gate pre-activations equal i's except in block 2, where they are
   * exact negatives for any input and state, so (LSTM) {@code g_j = −g_i}, {@code c_j = −c_i},
   * {@code h_j = o·tanh(−c_i) = −h_i}; (GRU) {@code r_j = r_i}, {@code z_j = z_i},
   * {@code n_j = tanh(−a_n) = −n_i}, {@code h_j = (1 − z) n_j + z h_j = −h_i} by induction from 0. The outgoing
   * columns of i and j are equal (random) in layer l's W_hh and in the consumer, so the pair's joint contribution
   * {@code W[:,i]·(h_i + h_j)} is 0. Both conditions fit together: in a row of block k, the entries in columns i
   * and j are equal (column equality), and row j is ± row i, so they stay equal.
   */
  static GatedRnn withComplementaryPair(GatedRnn m, int layer, SplittableRandom rng) {
    GatedRnn n = grow(m, layer, 2);
    GatedLayer g = n.layer(layer);
    int h = g.hiddenSize();
    int i = h - 2;
    int j = h - 1;
    int in = g.inputSize();
    for (int blk = 0; blk < g.gates(); blk++) {
      int row = blk * h + i;
      for (int k = 0; k < in; k++) g.wIh()[row * in + k] = 1.2 * rng.nextGaussian();
      for (int k = 0; k < h - 2; k++) g.wHh()[row * h + k] = 0.5 * rng.nextGaussian();
      double a = 0.5 * rng.nextGaussian();
      g.wHh()[row * h + i] = a;
      g.wHh()[row * h + j] = a;
      g.bIh()[row] = 0.4 * rng.nextGaussian();
      g.bHh()[row] = 0.4 * rng.nextGaussian();
    }
    for (int row = 0; row < g.gates() * h; row++) {
      if (row % h >= h - 2) continue; // the pair's own rows already hold equal entries in columns i and j
      double v = 0.5 * rng.nextGaussian();
      g.wHh()[row * h + i] = v;
      g.wHh()[row * h + j] = v;
    }
    double[] c = consumer(n, layer);
    for (int row = 0; row < c.length / h; row++) {
      double v = rng.nextGaussian();
      c[row * h + i] = v;
      c[row * h + j] = v;
    }
    for (int blk = 0; blk < g.gates(); blk++) copyRow(g, blk * h + i, blk * h + j, blk == ODD_BLOCK ? -1.0 : 1.0);
    return n;
  }

  /**
   * Negates unit {@code u}'s rows of gate block {@code blk} in layer {@code layer} (a copy).
   */
  static GatedRnn negateBlock(GatedRnn m, int layer, int u, int blk) {
    GatedRnn n = m.copy();
    GatedLayer g = n.layer(layer);
    int row = blk * g.hiddenSize() + u;
    copyRow(g, row, row, -1.0);
    return n;
  }
}
