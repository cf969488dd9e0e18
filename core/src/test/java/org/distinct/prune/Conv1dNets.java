package org.distinct.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.SequenceDataset;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.model.Conv1dLayer;
import org.distinct.train.Conv1dTestData;
import org.distinct.train.GatedTestData;

/** Small Conv1D networks with planted clone channels and related channels for the Conv1D pruning tests (seeded, no literals). */
final class Conv1dNets {
  private Conv1dNets() {}

  /** Two layers (4 and 5 channels), kernels 3 and 4, stride 2 in the second, padding in both; parameters in [−0.8, 0.8]. */
  static Conv1d random(Activation act, Conv1d.Pool pool, int in, long seed) {
    Conv1d.Spec spec = Conv1dTestData.spec(act, pool, new int[] {3, 4}, new int[] {1, 2}, new int[] {1, 2});
    return Conv1dTestData.random(in, new int[] {4, 5}, 3, spec, 0.8, new SplittableRandom(seed));
  }

  /** Random sequences of 6..20 steps with random labels of 3 classes. */
  static SequenceDataset data(int n, int in, long seed) {
    return GatedTestData.randomData(n, in, 3, 6, 20, new SplittableRandom(seed));
  }

  /**
   * Appends channel j = H to layer {@code layer} with the given filter and bias; its slice of the consumer is
   * {@code gain ·} channel {@code src}'s slice, and {@code src}'s slice keeps {@code keep ·} its weights. Fresh arrays.
   */
  static Conv1d append(Conv1d m, int layer, double[] filter, double bias, int src, double keep, double gain) {
    Conv1dLayer c = m.layer(layer);
    int h = c.out();
    int per = c.in() * c.kernel();
    double[] w = new double[(h + 1) * per];
    System.arraycopy(c.w(), 0, w, 0, h * per);
    System.arraycopy(filter, 0, w, h * per, per);
    double[] b = new double[h + 1];
    System.arraycopy(c.b(), 0, b, 0, h);
    b[h] = bias;
    boolean last = layer == m.layerCount() - 1;
    int taps = last ? 1 : m.layer(layer + 1).kernel();
    double[] cw = last ? m.wOut() : m.layer(layer + 1).w();
    int rows = cw.length / (h * taps);
    double[] wide = new double[rows * (h + 1) * taps];
    for (int o = 0; o < rows; o++) System.arraycopy(cw, o * h * taps, wide, o * (h + 1) * taps, h * taps);
    for (int o = 0; o < rows; o++)
      for (int j = 0; j < taps; j++) {
        double v = cw[(o * h + src) * taps + j];
        wide[(o * (h + 1) + src) * taps + j] = keep * v;
        wide[(o * (h + 1) + h) * taps + j] = gain * v;
      }
    List<Conv1dLayer> ls = new ArrayList<>();
    for (int l = 0; l < m.layerCount(); l++) {
      Conv1dLayer o = m.layer(l);
      if (l == layer) ls.add(o.with(w, b, o.in(), h + 1));
      else if (l == layer + 1) ls.add(o.with(wide, o.b().clone(), h + 1, o.out()));
      else ls.add(o.copy());
    }
    return m.with(ls, last ? wide : m.wOut().clone(), m.bOut().clone());
  }

  /**
   * A clone j = H of channel {@code src}: the same filter and bias (so {@code a_j ≡ a_src} bit for bit), src's
   * outgoing slice split {@code split} / {@code 1 − split} between src and j: the network computes what {@code m}
   * computes up to the rounding of the split.
   */
  static Conv1d withClone(Conv1d m, int layer, int src, double split) {
    Conv1dLayer c = m.layer(layer);
    int per = c.in() * c.kernel();
    double[] f = new double[per];
    System.arraycopy(c.w(), src * per, f, 0, per);
    return append(m, layer, f, c.b()[src], src, split, 1 - split);
  }

  /** A channel j = H with a zero filter and bias {@code bias}: it outputs the constant f(bias); outgoing slice = src's. */
  static Conv1d withConstant(Conv1d m, int layer, double bias, int src) {
    Conv1dLayer c = m.layer(layer);
    return append(m, layer, new double[c.in() * c.kernel()], bias, src, 1, 1);
  }

  /** A channel j = H whose filter and bias are {@code factor ·} src's; outgoing slice = src's. */
  static Conv1d withScaled(Conv1d m, int layer, int src, double factor) {
    Conv1dLayer c = m.layer(layer);
    int per = c.in() * c.kernel();
    double[] f = new double[per];
    for (int i = 0; i < per; i++) f[i] = factor * c.w()[src * per + i];
    return append(m, layer, f, factor * c.b()[src], src, 1, 1);
  }

  /** @return the largest absolute difference */
  static double maxAbsDiff(double[] a, double[] b) {
    return RnnNets.maxAbsDiff(a, b);
  }
}
