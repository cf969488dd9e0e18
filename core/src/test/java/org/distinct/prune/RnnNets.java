package org.distinct.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.SequenceDataset;
import org.distinct.model.ElmanRnn;
import org.distinct.train.RnnTestData;

/**
 * Small RNNs, planted clone / negated units and an independent textbook forward pass for the RNN pruning
 * tests (all seeded, no literals).
 */
final class RnnNets {
  private RnnNets() {}

  /** Sequences of 5..12 steps with a learnable class signal (input size 1, 3 classes). */
  static SequenceDataset data(int n, long seed) {
    return RnnTestData.learnable(n, 5, 12, 3, seed);
  }

  /** A small RNN trained for a few epochs on {@link #data}{@code (36, seed)} (one thread, deterministic). */
  static ElmanRnn trained(int hidden, long seed) {
    return RnnTestData.trainer(RnnTestData.config(hidden, 0.02, 8, 12, 0, 1)).train(data(36, seed), null, seed).model();
  }

  /** Random RNN, weights Gaussian with standard deviation {@code scale/sqrt(fan-in)}. */
  static ElmanRnn random(int in, int h, int c, double scale, SplittableRandom rng) {
    double[] wih = gauss(h * in, scale / Math.sqrt(in), rng);
    double[] whh = gauss(h * h, scale / Math.sqrt(h), rng);
    double[] b = gauss(h, 0.3, rng);
    double[] wout = gauss(c * h, scale / Math.sqrt(h), rng);
    double[] bout = gauss(c, 0.3, rng);
    return new ElmanRnn(in, h, c, wih, whh, b, wout, bout);
  }

  /** Random multi-input sequences with random labels. */
  static SequenceDataset randomData(int n, int in, int classes, int minLen, int maxLen, SplittableRandom rng) {
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

  private static double[] gauss(int n, double sd, SplittableRandom rng) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = sd * rng.nextGaussian();
    return a;
  }

  /**
   * Appends a clone j = H of unit {@code src}: {@code W_ih[j] = W_ih[src]}, {@code b[j] = b[src]}, and the
   * recurrent column of {@code src} and its output column are split, {@code split} of them staying with
   * {@code src} and {@code 1 − split} going to j; row j of {@code W_hh} equals (the new) row src. Then
   * {@code h_j ≡ h_src} at every step (the two rows are identical and see the same state vector), and the
   * network computes what {@code m} computes (up to the rounding of the split).
   */
  static ElmanRnn withClone(ElmanRnn m, int src, double split) {
    int h = m.hiddenSize();
    int in = m.inputSize();
    int c = m.numClasses();
    int n = h + 1;
    double[] wih = new double[n * in];
    System.arraycopy(m.wIh(), 0, wih, 0, h * in);
    System.arraycopy(m.wIh(), src * in, wih, h * in, in);
    double[] whh = new double[n * n];
    for (int i = 0; i < h; i++) {
      for (int k = 0; k < h; k++) whh[i * n + k] = m.wHh()[i * h + k];
      double w = m.wHh()[i * h + src];
      whh[i * n + src] = split * w;
      whh[i * n + h] = (1 - split) * w;
    }
    System.arraycopy(whh, src * n, whh, h * n, n);
    double[] b = Arrays.copyOf(m.b(), n);
    b[h] = m.b()[src];
    double[] wout = new double[c * n];
    for (int q = 0; q < c; q++) {
      for (int k = 0; k < h; k++) wout[q * n + k] = m.wOut()[q * h + k];
      double w = m.wOut()[q * h + src];
      wout[q * n + src] = split * w;
      wout[q * n + h] = (1 - split) * w;
    }
    return new ElmanRnn(in, n, c, wih, whh, b, wout, m.bOut().clone());
  }

  /**
   * Appends a complementary pair i = H, j = H + 1 that does not change what {@code m} computes. Derivation:
   * tanh is odd, so {@code h_j = −h_i} at every step when the whole incoming row of j is the negation of
   * i's ({@code W_ih[j] = −W_ih[i]}, {@code b[j] = −b[i]}, {@code W_hh[j,:] = −W_hh[i,:]} including the
   * entries in columns i and j): the pre-activations are then exact negatives for any state vector. Equal
   * outgoing weights ({@code W_hh[:,i] = W_hh[:,j]}, {@code W_out[:,i] = W_out[:,j]}) make the pair's joint
   * contribution {@code W[:,i]·(h_i + h_j) = 0}. Both conditions hold together iff
   * {@code W_hh[i,i] = W_hh[i,j] = a} and {@code W_hh[j,i] = W_hh[j,j] = −a}. Everything else of the pair is
   * random; the original units' rows get the shared column value {@code v} for i and j.
   */
  static ElmanRnn withNegatedPair(ElmanRnn m, SplittableRandom rng) {
    int h = m.hiddenSize();
    int in = m.inputSize();
    int c = m.numClasses();
    int n = h + 2;
    int i = h;
    int j = h + 1;
    double[] wih = new double[n * in];
    System.arraycopy(m.wIh(), 0, wih, 0, h * in);
    for (int k = 0; k < in; k++) {
      wih[i * in + k] = 1.5 * rng.nextGaussian();
      wih[j * in + k] = -wih[i * in + k];
    }
    double[] whh = new double[n * n];
    for (int r = 0; r < h; r++) {
      for (int k = 0; k < h; k++) whh[r * n + k] = m.wHh()[r * h + k];
      double v = 0.5 * rng.nextGaussian();
      whh[r * n + i] = v;
      whh[r * n + j] = v;
    }
    for (int k = 0; k < h; k++) {
      whh[i * n + k] = 0.5 * rng.nextGaussian();
      whh[j * n + k] = -whh[i * n + k];
    }
    double a = 0.5 * rng.nextGaussian();
    whh[i * n + i] = a;
    whh[i * n + j] = a;
    whh[j * n + i] = -a;
    whh[j * n + j] = -a;
    double[] b = Arrays.copyOf(m.b(), n);
    b[i] = 0.4 * rng.nextGaussian();
    b[j] = -b[i];
    double[] wout = new double[c * n];
    for (int q = 0; q < c; q++) {
      for (int k = 0; k < h; k++) wout[q * n + k] = m.wOut()[q * h + k];
      double u = rng.nextGaussian();
      wout[q * n + i] = u;
      wout[q * n + j] = u;
    }
    return new ElmanRnn(in, n, c, wih, whh, b, wout, m.bOut().clone());
  }

  /**
   * Appends unit j = H whose incoming row is the negation of unit {@code src}'s ({@code h_j = −h_src}), with
   * random outgoing weights (its recurrent column and output column), so the pair is complementary but its
   * outgoing weights differ: only the regression merge (α = −1) removes it exactly.
   */
  static ElmanRnn withNegation(ElmanRnn m, int src, SplittableRandom rng) {
    int h = m.hiddenSize();
    int in = m.inputSize();
    int c = m.numClasses();
    int n = h + 1;
    double[] wih = new double[n * in];
    System.arraycopy(m.wIh(), 0, wih, 0, h * in);
    for (int k = 0; k < in; k++) wih[h * in + k] = -m.wIh()[src * in + k];
    double[] whh = new double[n * n];
    for (int r = 0; r < h; r++) {
      for (int k = 0; k < h; k++) whh[r * n + k] = m.wHh()[r * h + k];
      whh[r * n + h] = 0.3 * rng.nextGaussian();
    }
    for (int k = 0; k < n; k++) whh[h * n + k] = -whh[src * n + k];
    double[] b = Arrays.copyOf(m.b(), n);
    b[h] = -m.b()[src];
    double[] wout = new double[c * n];
    for (int q = 0; q < c; q++) {
      for (int k = 0; k < h; k++) wout[q * n + k] = m.wOut()[q * h + k];
      wout[q * n + h] = 0.5 * rng.nextGaussian();
    }
    return new ElmanRnn(in, n, c, wih, whh, b, wout, m.bOut().clone());
  }

  /**
   * Textbook forward pass written independently of {@code ElmanRnn} and its kernels, from raw arrays.
   *
   * @return {@code [(T + 1) × h]} states (row 0 = 0) followed by nothing; the logits are {@link #readOut}
   */
  static double[] states(double[] wih, double[] whh, double[] b, int in, int h, double[] x) {
    int steps = x.length / in;
    double[] s = new double[(steps + 1) * h];
    for (int t = 1; t <= steps; t++)
      for (int i = 0; i < h; i++) {
        double a = b[i];
        for (int k = 0; k < in; k++) a += wih[i * in + k] * x[(t - 1) * in + k];
        for (int k = 0; k < h; k++) a += whh[i * h + k] * s[(t - 1) * h + k];
        s[t * h + i] = Math.tanh(a);
      }
    return s;
  }

  /** Logits {@code W_out h + b_out} from the state at row {@code row} of {@code states}. */
  static double[] readOut(double[] wout, double[] bout, int h, double[] states, int row) {
    int c = bout.length;
    double[] z = new double[c];
    for (int q = 0; q < c; q++) {
      double v = bout[q];
      for (int k = 0; k < h; k++) v += wout[q * h + k] * states[row * h + k];
      z[q] = v;
    }
    return z;
  }

  /** Columns {@code keep} of a row-major {@code [rows × h]} matrix. */
  static double[] columns(double[] a, int h, int[] keep) {
    int rows = a.length / h;
    double[] r = new double[rows * keep.length];
    for (int p = 0; p < rows; p++) for (int k = 0; k < keep.length; k++) r[p * keep.length + k] = a[p * h + keep[k]];
    return r;
  }

  /** 0..h−1 without the given units. */
  static int[] without(int h, int... removed) {
    boolean[] gone = new boolean[h];
    for (int r : removed) gone[r] = true;
    int[] k = new int[h - removed.length];
    int p = 0;
    for (int u = 0; u < h; u++) if (!gone[u]) k[p++] = u;
    return k;
  }

  /** Largest |a − b|. */
  static double maxAbsDiff(double[] a, double[] b) {
    if (a.length != b.length) throw new AssertionError("lengths " + a.length + " vs " + b.length);
    double m = 0;
    for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
    return m;
  }
}
