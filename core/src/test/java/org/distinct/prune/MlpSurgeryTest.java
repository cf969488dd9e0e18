package org.distinct.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.Dataset;
import org.distinct.model.Activation;
import org.distinct.model.DenseLayer;
import org.distinct.model.Mlp;
import org.distinct.train.MlpTrainConfig;
import org.distinct.train.MlpTrainer;
import org.junit.jupiter.api.Test;

class MlpSurgeryTest {

  /** A small network trained for a few epochs on random data, so that weights are "trained". */
  static Mlp trained(int in, int hidden, int classes, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Dataset d = Nets.dataset("train", 120, in, classes, rng);
    MlpTrainConfig cfg = MlpTrainConfig.defaults().withHidden(hidden).withEpochs(20);
    return new MlpTrainer(cfg).train(d, null, seed).model();
  }

  static double[] means(Mlp m, int layer, double[] x, int n) {
    int h = m.layer(layer).out();
    double[] a = m.activations(layer, x, n);
    double[] mu = new double[h];
    for (int p = 0; p < n; p++) for (int u = 0; u < h; u++) mu[u] += a[p * h + u] / n;
    return mu;
  }

  @Test
  void cloneMergeLeavesEveryOutputUnchanged() {
    Mlp m = trained(8, 10, 3, 3);
    m = Nets.plantRow(m, 0, 3, 8, 1.0, 0.0);
    Mlp before = m.copy();
    double[] x = Nets.inputs(150, 8, new SplittableRandom(4));
    AngleResult r = ActivationAngles.forLayer(m, 0, x, 150, AngleConfig.defaults());
    assertThat(r.angle(3, 8)).isLessThanOrEqualTo(1e-6);
    for (boolean correction : new boolean[] {false, true}) {
      double[] mu = means(m, 0, x, 150);
      double beta = correction ? mu[8] - mu[3] : 0.0;
      assertThat(beta).isZero();
      Mlp p = MlpSurgery.merge(m, 0, 3, 8, 1.0, beta);
      assertThat(p.sizes()).containsExactly(8, 9, 3);
      assertThat(p.parameterCount()).isEqualTo(m.parameterCount() - 8 - 1 - 3);
      assertThat(Nets.maxRelDiff(p.logits(x, 150), m.logits(x, 150))).isLessThanOrEqualTo(1e-12);
    }
    assertThat(m).isEqualTo(before); // input never modified
  }

  @Test
  void negatedPairRemovedWithBiasFoldLeavesOutputsUnchanged() {
    Mlp m = trained(8, 10, 3, 5);
    m = Nets.plantRow(m, 0, 1, 6, -1.0, 0.0);
    m = Nets.copyOutgoing(m, 0, 1, 6);
    Mlp before = m.copy();
    double[] x = Nets.inputs(150, 8, new SplittableRandom(6));
    AngleResult r = ActivationAngles.forLayer(m, 0, x, 150, AngleConfig.defaults());
    assertThat(r.angle(1, 6)).isGreaterThanOrEqualTo(180.0 - 1e-6);
    double[] mu = means(m, 0, x, 150);
    Mlp p = MlpSurgery.removeToBias(m, 0, new int[] {1, 6}, new double[] {mu[1], mu[6]});
    assertThat(p.sizes()).containsExactly(8, 8, 3);
    assertThat(Nets.maxRelDiff(p.logits(x, 150), m.logits(x, 150))).isLessThanOrEqualTo(1e-12);
    assertThat(m).isEqualTo(before);
  }

  @Test
  void regressionMergeIsExactForAnAffineCopyOnAnIdentityLayer() {
    SplittableRandom rng = new SplittableRandom(8);
    Mlp m = Nets.random(new int[] {5, 7, 3}, Activation.IDENTITY, rng, 1.0);
    m = Nets.plantRow(m, 0, 2, 5, -1.7, 0.4); // a5 = -1.7 a2 + 0.4
    double[] x = Nets.inputs(90, 5, rng);
    double[] a = m.activations(0, x, 90);
    AffineFit f = AffineFit.fit(a, 90, 7, 2, 5);
    assertThat(f.alpha()).isCloseTo(-1.7, within(1e-12));
    assertThat(f.beta()).isCloseTo(0.4, within(1e-12));
    Mlp p = MlpSurgery.merge(m, 0, 2, 5, f.alpha(), f.beta());
    assertThat(Nets.maxRelDiff(p.logits(x, 90), m.logits(x, 90))).isLessThanOrEqualTo(1e-10);
    // the plain rule is wrong here (the copy is not identical)
    Mlp plain = MlpSurgery.merge(m, 0, 2, 5, 1.0, 0.0);
    assertThat(Nets.maxRelDiff(plain.logits(x, 90), m.logits(x, 90))).isGreaterThan(1e-3);
  }

  @Test
  void plainMergeIsThePapersRule() {
    Mlp m = Nets.random(new int[] {4, 6, 3}, Activation.SIGMOID, new SplittableRandom(9), 1.0);
    Mlp p = MlpSurgery.merge(m, 0, 1, 4, 1.0, 0.0);
    DenseLayer h = m.layer(0), o = m.layer(1), h2 = p.layer(0), o2 = p.layer(1);
    int[] keep = {0, 1, 2, 3, 5};
    for (int i = 0; i < keep.length; i++) {
      for (int c = 0; c < 4; c++) assertThat(h2.weight(i, c)).isEqualTo(h.weight(keep[i], c));
      assertThat(h2.b()[i]).isEqualTo(h.b()[keep[i]]);
      for (int q = 0; q < 3; q++) {
        double expected = o.weight(q, keep[i]) + (keep[i] == 1 ? o.weight(q, 4) : 0.0);
        assertThat(o2.weight(q, i)).isEqualTo(expected);
      }
    }
    assertThat(o2.b()).containsExactly(o.b());
    assertThat(h2.activation()).isEqualTo(Activation.SIGMOID);
  }

  @Test
  void anyHiddenLayerOfADeepNetwork() {
    SplittableRandom rng = new SplittableRandom(10);
    Mlp m = Nets.random(new int[] {5, 7, 6, 3}, Activation.TANH, rng, 1.5);
    double[] x = Nets.inputs(60, 5, rng);
    Mlp c0 = Nets.plantRow(m, 0, 0, 6, 1.0, 0.0);
    assertThat(Nets.maxRelDiff(MlpSurgery.merge(c0, 0, 0, 6, 1, 0).logits(x, 60), c0.logits(x, 60))).isLessThanOrEqualTo(1e-12);
    Mlp c1 = Nets.plantRow(m, 1, 2, 4, 1.0, 0.0);
    Mlp p1 = MlpSurgery.merge(c1, 1, 2, 4, 1, 0);
    assertThat(p1.sizes()).containsExactly(5, 7, 5, 3);
    assertThat(Nets.maxRelDiff(p1.logits(x, 60), c1.logits(x, 60))).isLessThanOrEqualTo(1e-12);
  }

  @Test
  void badSurgeryIsRejected() {
    Mlp m = Nets.random(new int[] {3, 2, 2}, Activation.SIGMOID, new SplittableRandom(1), 1.0);
    assertThatThrownBy(() -> MlpSurgery.apply(m, 1, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MlpSurgery.merge(m, 0, 0, 2, 1, 0)).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> MlpSurgery.removeToBias(m, 0, new int[] {0, 1}, new double[2]))
        .hasMessageContaining("cannot remove all");
    assertThatThrownBy(() -> MlpSurgery.apply(m, 0, List.of(UnitFold.toBias(0, 0), UnitFold.toBias(0, 0))))
        .hasMessageContaining("removed twice");
    assertThatThrownBy(() -> UnitFold.merge(1, 1, 1, 0)).hasMessageContaining("itself");
  }

  /**
   * Property: over 250 random networks (1–3 hidden layers, any activation) and random fold sequences, the
   * physically pruned model computes the same outputs as the unpruned model with the removed units masked
   * (outgoing columns zeroed after redistributing them), computed here independently.
   */
  @Test
  void physicalPruningEqualsMaskBasedComputation() {
    SplittableRandom root = new SplittableRandom(2024);
    Activation[] acts = {Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.IDENTITY};
    for (int trial = 0; trial < 250; trial++) {
      SplittableRandom rng = root.split();
      int depth = 1 + rng.nextInt(3);
      int[] sizes = new int[depth + 2];
      sizes[0] = 1 + rng.nextInt(6);
      for (int l = 1; l <= depth; l++) sizes[l] = 2 + rng.nextInt(9);
      sizes[depth + 1] = 1 + rng.nextInt(4);
      Mlp m = Nets.random(sizes, acts[rng.nextInt(4)], rng, 0.5 + 2 * rng.nextDouble());
      Mlp before = m.copy();
      int layer = rng.nextInt(depth);
      int h = sizes[layer + 1];
      int removeCount = 1 + rng.nextInt(h - 1);
      boolean[] gone = new boolean[h];
      List<UnitFold> folds = new ArrayList<>();
      for (int c = 0; c < removeCount; c++) {
        int r;
        do r = rng.nextInt(h); while (gone[r]);
        gone[r] = true;
        int t = -1;
        if (rng.nextBoolean()) {
          do t = rng.nextInt(h); while (gone[t]);
        }
        folds.add(new UnitFold(r, t, rng.nextGaussian(), rng.nextGaussian()));
      }
      int n = 1 + rng.nextInt(20);
      double[] x = Nets.inputs(n, sizes[0], rng);

      // mask-based reference: full-width weights, redistributed then zeroed columns, same unit count
      List<double[]> ws = new ArrayList<>();
      List<double[]> bs = new ArrayList<>();
      List<Activation> as = new ArrayList<>();
      for (int l = 0; l < m.layerCount(); l++) {
        ws.add(m.layer(l).w().clone());
        bs.add(m.layer(l).b().clone());
        as.add(m.layer(l).activation());
      }
      double[] wn = ws.get(layer + 1);
      double[] bn = bs.get(layer + 1);
      int o = m.layer(layer + 1).out();
      for (UnitFold f : folds) {
        for (int q = 0; q < o; q++) {
          double col = wn[q * h + f.removed()];
          bn[q] += f.beta() * col;
          if (f.target() >= 0) wn[q * h + f.target()] += f.alpha() * col;
          wn[q * h + f.removed()] = 0.0;
        }
      }
      // zeroing the incoming row too must not matter once the outgoing column is zero
      double[] win = ws.get(layer);
      for (int u = 0; u < h; u++)
        if (gone[u]) for (int i = 0; i < m.layer(layer).in(); i++) win[u * m.layer(layer).in() + i] = 0.0;
      double[] expected = Nets.forwardFrom(ws, bs, as, x, n, sizes[0]);

      Mlp p = MlpSurgery.apply(m, layer, folds);
      assertThat(p.layer(layer).out()).isEqualTo(h - removeCount);
      assertThat(UnitFold.survivors(h, folds)).hasSize(h - removeCount);
      double[] got = p.logits(x, n);
      assertThat(Nets.maxRelDiff(got, expected)).as("trial %d sizes %s layer %d", trial, Arrays.toString(sizes), layer)
          .isLessThanOrEqualTo(1e-12);
      assertThat(m).isEqualTo(before);
    }
  }
}
