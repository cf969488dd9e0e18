package org.distinct.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.SequenceDataset;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedLayer;
import org.distinct.model.GatedRnn;
import org.distinct.train.GatedReference;
import org.distinct.train.GatedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Exactness of structural and mask surgery on LSTMs and GRUs (double precision). */
class GatedSurgeryTest {
  private static final int[] HIDDEN = {5, 4};

  static List<Arguments> cellsAndLayers() {
    List<Arguments> a = new ArrayList<>();
    for (GatedCell c : GatedCell.values()) for (int l = 0; l < 2; l++) a.add(Arguments.of(c, l));
    return a;
  }

  private static SequenceDataset data(int in, long seed) {
    return GatedTestData.randomData(8, in, 3, 2, 12, new SplittableRandom(seed));
  }

  /** Every layer's states of {@code m}, the layer {@code layer} restricted to {@code keep}. */
  private static void assertSameStates(GatedRnn pruned, GatedRnn full, SequenceDataset d, int layer, int[] keep) {
    for (int l = 0; l < full.layerCount(); l++) {
      double[] a = pruned.hiddenStates(d.series(), l, false);
      double[] b = full.hiddenStates(d.series(), l, false);
      if (l == layer) b = RnnNets.columns(b, full.layer(l).hiddenSize(), keep);
      assertThat(RnnNets.maxAbsDiff(a, b)).as("states of layer %d", l).isLessThanOrEqualTo(1e-12);
    }
  }

  @ParameterizedTest(name = "{0} layer {1}")
  @MethodSource("cellsAndLayers")
  void mergingAPlantedCloneLeavesTheLogitsAndEveryOtherStateUnchanged(GatedCell cell, int layer) {
    GatedRnn base = GatedNets.random(cell, 2, HIDDEN, 3, 11 + layer);
    SequenceDataset d = data(2, 12);
    int src = 2;
    GatedRnn planted = GatedNets.withClone(base, layer, src, 0.3);
    GatedRnn before = planted.copy();
    int h = planted.layer(layer).hiddenSize();
    int j = h - 1;
    // the clone is a clone: the same state bit for bit, and the network computes what the base computes
    double[] hs = planted.hiddenStates(d.series(), layer, false);
    for (int p = 0; p < hs.length / h; p++) assertThat(hs[p * h + j]).isEqualTo(hs[p * h + src]);
    assertThat(RnnNets.maxAbsDiff(planted.logits(d), base.logits(d))).isLessThanOrEqualTo(1e-12);

    GatedRnn merged = GatedSurgery.merge(planted, layer, src, j, 1.0, 0.0);
    assertThat(merged.sizes()).containsExactly(base.sizes());
    assertThat(merged.parameterCount()).isEqualTo(base.parameterCount());
    assertThat(RnnNets.maxAbsDiff(merged.logits(d), planted.logits(d))).isLessThanOrEqualTo(1e-12);
    assertSameStates(merged, planted, d, layer, RnnNets.without(h, j));
    // removing the original and keeping the clone is just as exact
    GatedRnn other = GatedSurgery.merge(planted, layer, j, src, 1.0, 0.0);
    assertThat(RnnNets.maxAbsDiff(other.logits(d), planted.logits(d))).isLessThanOrEqualTo(1e-12);
    assertSameStates(other, planted, d, layer, RnnNets.without(h, src));
    // while dropping the clone without moving its columns is not
    GatedRnn dropped = GatedSurgery.removeToBias(planted, layer, new int[] {j}, new double[] {0});
    assertThat(RnnNets.maxAbsDiff(dropped.logits(d), planted.logits(d))).isGreaterThan(1e-4);
    assertThat(planted).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0} layer {1}")
  @MethodSource("cellsAndLayers")
  void removingAnExactlyComplementaryPairWithTheBiasFoldLeavesTheLogitsUnchanged(GatedCell cell, int layer) {
    GatedRnn base = GatedNets.random(cell, 2, HIDDEN, 3, 21 + layer);
    SequenceDataset d = data(2, 22);
    GatedRnn planted = GatedNets.withComplementaryPair(base, layer, new SplittableRandom(23));
    int h = planted.layer(layer).hiddenSize();
    int i = h - 2;
    int j = h - 1;
    double[] hs = planted.hiddenStates(d.series(), layer, false);
    double maxAbs = 0;
    for (int p = 0; p < hs.length / h; p++) {
      assertThat(hs[p * h + j]).isEqualTo(-hs[p * h + i]);
      maxAbs = Math.max(maxAbs, Math.abs(hs[p * h + i]));
    }
    assertThat(maxAbs).as("the pair is not trivially zero").isGreaterThan(0.05);
    assertThat(RnnNets.maxAbsDiff(planted.logits(d), base.logits(d))).isLessThanOrEqualTo(1e-12);
    GatedTarget t = new GatedTarget(layer);
    assertThat(t.outgoingWeights(planted, i)).containsExactly(t.outgoingWeights(planted, j));
    AngleResult ang = angles(t, planted, d);
    assertThat(ang.angle(i, j)).isGreaterThanOrEqualTo(180 - 1e-6);

    double[] mean = ang.means();
    GatedRnn pruned = GatedSurgery.removeToBias(planted, layer, new int[] {i, j}, new double[] {mean[i], mean[j]});
    assertThat(pruned.sizes()).containsExactly(base.sizes());
    assertThat(RnnNets.maxAbsDiff(pruned.logits(d), planted.logits(d))).isLessThanOrEqualTo(1e-12);
    assertSameStates(pruned, planted, d, layer, RnnNets.without(h, i, j));
    // the distinctiveness pruner takes the pair as complementary and removes both
    DistinctivenessPruner p = new DistinctivenessPruner(PrunerConfig.defaults().withThresholds(1e-3, 179.999));
    PruneResult<GatedRnn> r = p.step(t, planted, d, 2, false, null, null);
    assertThat(r.actions()).hasSize(1);
    assertThat(r.actions().get(0).kind()).isEqualTo(PruneAction.Kind.COMPLEMENTARY_REMOVE);
    assertThat(r.actions().get(0).removed()).containsExactly(i, j);
    assertThat(RnnNets.maxAbsDiff(r.model().logits(d), planted.logits(d))).isLessThanOrEqualTo(1e-12);
    // negating another gate block instead does not make a complementary pair, and removing it is not exact
    GatedRnn wrong = GatedNets.negateBlock(GatedNets.negateBlock(planted, layer, j, GatedNets.ODD_BLOCK), layer, j, 0);
    GatedRnn wrongPruned = GatedSurgery.removeToBias(wrong, layer, new int[] {i, j}, new double[] {mean[i], mean[j]});
    assertThat(RnnNets.maxAbsDiff(wrongPruned.logits(d), wrong.logits(d))).isGreaterThan(1e-4);
  }

  private static AngleResult angles(GatedTarget t, GatedRnn m, SequenceDataset d) {
    double[] a = t.activations(m, d);
    int h = t.units(m);
    return ActivationAngles.compute(a, a.length / h, h, t.activation(m), AngleConfig.defaults());
  }

  /**
   * The fold rules, one step at a time: from a state in which every removed unit r holds
   * {@code α·h_k + β} (or β), one step of the pruned layer gives exactly the surviving units' next states, and
   * the consumer above (next layer or read-out) sees exactly the same pre-activations. For the GRU this needs the
   * recurrent fold in {@code b_hh}: moving it to {@code b_ih} breaks the n gate.
   */
  @ParameterizedTest(name = "{0} layer {1}")
  @MethodSource("cellsAndLayers")
  void everyFoldIsExactForAStateThatSatisfiesItsRelation(GatedCell cell, int layer) {
    SplittableRandom rng = new SplittableRandom(31 + layer);
    for (int trial = 0; trial < 20; trial++) {
      GatedRnn m = GatedNets.random(cell, 2, new int[] {6, 5}, 3, rng.nextLong());
      int h = m.layer(layer).hiddenSize();
      List<UnitFold> folds = randomFolds(h, rng);
      int[] keep = UnitFold.survivors(h, folds);
      double[] h0 = new double[h];
      double[] c0 = new double[h];
      for (int u = 0; u < h; u++) {
        h0[u] = rng.nextDouble(-0.9, 0.9);
        c0[u] = rng.nextDouble(-1.5, 1.5);
      }
      for (UnitFold f : folds) h0[f.removed()] = (f.target() >= 0 ? f.alpha() * h0[f.target()] : 0) + f.beta();
      GatedRnn pruned = GatedSurgery.apply(m, layer, folds);
      double[] x = new double[m.layer(layer).inputSize()];
      for (int k = 0; k < x.length; k++) x[k] = rng.nextDouble(-1, 1);
      double[] want = RnnNets.columns(step(m.layer(layer), x, h0, c0), h, keep);
      double[] got = step(pruned.layer(layer), x, pick(h0, keep), pick(c0, keep));
      assertThat(RnnNets.maxAbsDiff(got, want)).as("trial %d: states after one step", trial).isLessThanOrEqualTo(1e-14);
      assertConsumerUnchanged(m, pruned, layer, h0, keep);
      if (cell == GatedCell.GRU && hasBias(folds)) {
        GatedRnn moved = moveRecurrentFoldOfN(m, pruned, layer, keep);
        double[] bad = step(moved.layer(layer), x, pick(h0, keep), pick(c0, keep));
        assertThat(RnnNets.maxAbsDiff(bad, got)).as("the fold of b_hn belongs inside the reset product").isGreaterThan(1e-6);
      }
    }
  }

  /** Up to 3 folds on distinct units, targets always among the survivors, random α and β. */
  private static List<UnitFold> randomFolds(int h, SplittableRandom rng) {
    int count = 1 + rng.nextInt(3);
    boolean[] gone = new boolean[h];
    int[] order = new int[h];
    for (int u = 0; u < h; u++) order[u] = u;
    for (int u = h - 1; u > 0; u--) {
      int v = rng.nextInt(u + 1);
      int tmp = order[u];
      order[u] = order[v];
      order[v] = tmp;
    }
    for (int f = 0; f < count; f++) gone[order[f]] = true;
    List<UnitFold> folds = new ArrayList<>();
    for (int f = 0; f < count; f++) {
      int target = rng.nextBoolean() ? order[count + rng.nextInt(h - count)] : -1;
      folds.add(new UnitFold(order[f], target, rng.nextDouble(-1.5, 1.5), rng.nextDouble(-0.5, 0.5)));
    }
    return folds;
  }

  private static boolean hasBias(List<UnitFold> folds) {
    for (UnitFold f : folds) if (Math.abs(f.beta()) > 0.05) return true;
    return false;
  }

  private static double[] pick(double[] v, int[] keep) {
    double[] r = new double[keep.length];
    for (int i = 0; i < keep.length; i++) r[i] = v[keep[i]];
    return r;
  }

  /** One step of a layer from (h0, c0) with the input x: {@code h_1} {@code [H]}. */
  private static double[] step(GatedLayer g, double[] x, double[] h0, double[] c0) {
    GatedReference.LayerTrace tr = GatedReference.runLayer(g, x, 0, 1, h0, c0);
    return Arrays.copyOfRange(tr.h(), g.hiddenSize(), 2 * g.hiddenSize());
  }

  /** The next layer's input pre-activations (or the logits) for the input {@code v} of the pruned layer. */
  private static void assertConsumerUnchanged(GatedRnn m, GatedRnn pruned, int layer, double[] v, int[] keep) {
    boolean last = layer == m.layerCount() - 1;
    double[] w = GatedNets.consumer(m, layer);
    double[] b = last ? m.bOut() : m.layer(layer + 1).bIh();
    double[] pw = GatedNets.consumer(pruned, layer);
    double[] pb = last ? pruned.bOut() : pruned.layer(layer + 1).bIh();
    double[] pv = pick(v, keep);
    for (int q = 0; q < b.length; q++) {
      double full = b[q];
      for (int k = 0; k < v.length; k++) full += w[q * v.length + k] * v[k];
      double small = pb[q];
      for (int k = 0; k < pv.length; k++) small += pw[q * pv.length + k] * pv[k];
      assertThat(Math.abs(small - full)).as("consumer row %d", q).isLessThanOrEqualTo(1e-13);
    }
    if (!last) assertThat(pruned.layer(layer + 1).bHh()).containsExactly(m.layer(layer + 1).bHh());
  }

  /** The pruned model with the n-gate part of the recurrent bias fold moved from b_hn to b_in (wrong for the GRU). */
  private static GatedRnn moveRecurrentFoldOfN(GatedRnn m, GatedRnn pruned, int layer, int[] keep) {
    GatedRnn moved = pruned.copy();
    GatedLayer g = moved.layer(layer);
    int k = keep.length;
    int h = m.layer(layer).hiddenSize();
    for (int i = 0; i < k; i++) {
      int row = 2 * k + i;
      double delta = g.bHh()[row] - m.layer(layer).bHh()[2 * h + keep[i]];
      g.bHh()[row] -= delta;
      g.bIh()[row] += delta;
    }
    return moved;
  }

  /**
   * Random folds over whole sequences against an independent full-size computation: outgoing columns moved and
   * biases folded at full size, the removed units masked (so they output 0); the structurally pruned network's
   * states and logits equal the reference's surviving units.
   */
  @ParameterizedTest(name = "{0} layer {1}")
  @MethodSource("cellsAndLayers")
  void structuralPruningEqualsAnIndependentMaskAndRedistributeComputation(GatedCell cell, int layer) {
    SplittableRandom rng = new SplittableRandom(41 + layer);
    for (int trial = 0; trial < 10; trial++) {
      GatedRnn m = GatedNets.random(cell, 2, new int[] {6, 5}, 3, rng.nextLong());
      GatedRnn before = m.copy();
      int h = m.layer(layer).hiddenSize();
      List<UnitFold> folds = randomFolds(h, rng);
      GatedRnn pruned = GatedSurgery.apply(m, layer, folds);
      assertThat(m).isEqualTo(before);
      GatedRnn ref = m.copy();
      GatedLayer g = ref.layer(layer);
      double[] w2 = GatedNets.consumer(ref, layer);
      double[] b2 = layer == ref.layerCount() - 1 ? ref.bOut() : ref.layer(layer + 1).bIh();
      for (UnitFold f : folds) {
        for (int i = 0; i < g.bHh().length; i++) {
          g.bHh()[i] += f.beta() * g.wHh()[i * h + f.removed()];
          if (f.target() >= 0) g.wHh()[i * h + f.target()] += f.alpha() * g.wHh()[i * h + f.removed()];
        }
        for (int i = 0; i < b2.length; i++) {
          b2[i] += f.beta() * w2[i * h + f.removed()];
          if (f.target() >= 0) w2[i * h + f.target()] += f.alpha() * w2[i * h + f.removed()];
        }
      }
      int[] removed = new int[folds.size()];
      for (int f = 0; f < removed.length; f++) removed[f] = folds.get(f).removed();
      GatedRnn masked = GatedSurgery.mask(ref, layer, removed);
      SequenceDataset d = data(2, rng.nextLong());
      assertThat(pruned.layer(layer).hiddenSize()).isEqualTo(h - removed.length);
      assertSameStates(pruned, masked, d, layer, UnitFold.survivors(h, folds));
      assertThat(RnnNets.maxAbsDiff(pruned.logits(d), masked.logits(d))).isLessThanOrEqualTo(1e-12);
    }
  }

  @ParameterizedTest(name = "{0} layer {1}")
  @MethodSource("cellsAndLayers")
  void maskZeroesTheUnitsStateAtEveryStepAndKeepsEverythingElse(GatedCell cell, int layer) {
    GatedRnn m = GatedNets.random(cell, 2, HIDDEN, 3, 51 + layer);
    GatedRnn before = m.copy();
    GatedRnn masked = GatedSurgery.mask(m, layer, new int[] {3, 1});
    assertThat(m).isEqualTo(before);
    assertThat(masked.sizes()).containsExactly(m.sizes());
    assertThat(masked.parameterCount()).isEqualTo(m.parameterCount());
    int h = m.layer(layer).hiddenSize();
    int g = cell.gates();
    GatedLayer a = m.layer(layer);
    GatedLayer b = masked.layer(layer);
    for (int row = 0; row < g * h; row++) {
      boolean gone = row % h == 1 || row % h == 3;
      for (int k = 0; k < a.inputSize(); k++) assertThat(b.wIh()[row * a.inputSize() + k]).isEqualTo(gone ? 0.0 : a.wIh()[row * a.inputSize() + k]);
      for (int k = 0; k < h; k++) assertThat(b.wHh()[row * h + k]).isEqualTo(gone ? 0.0 : a.wHh()[row * h + k]);
      assertThat(b.bIh()[row]).isEqualTo(gone ? 0.0 : a.bIh()[row]);
      assertThat(b.bHh()[row]).isEqualTo(gone ? 0.0 : a.bHh()[row]);
    }
    for (int l = 0; l < m.layerCount(); l++) if (l != layer) assertThat(masked.layer(l)).isEqualTo(m.layer(l));
    assertThat(masked.wOut()).containsExactly(m.wOut());
    assertThat(masked.bOut()).containsExactly(m.bOut());
    for (int u = 0; u < h; u++) assertThat(GatedSurgery.masked(masked, layer, u)).isEqualTo(u == 1 || u == 3);
    // the masked units output exactly 0 at every step
    SequenceDataset d = data(2, 52);
    double[] hs = masked.hiddenStates(d.series(), layer, false);
    double other = 0;
    for (int p = 0; p < hs.length / h; p++) {
      assertThat(Math.abs(hs[p * h + 1])).isEqualTo(0.0);
      assertThat(Math.abs(hs[p * h + 3])).isEqualTo(0.0);
      other = Math.max(other, Math.abs(hs[p * h]));
    }
    assertThat(other).isGreaterThan(0.01);
    // and so do the reference's states and LSTM cell states
    for (double[] x : d.series()) {
      GatedReference.LayerTrace tr = GatedReference.forward(masked, x).layers().get(layer);
      for (int t = 0; t <= tr.steps(); t++)
        for (int u : new int[] {1, 3}) {
          assertThat(Math.abs(tr.h()[t * h + u])).isEqualTo(0.0);
          assertThat(Math.abs(tr.c()[t * h + u])).isEqualTo(0.0);
        }
    }
    int[] active = layer == 0 ? new int[] {3, 4} : new int[] {5, 2};
    int expect = g * active[0] * (2 + active[0] + 2) + g * active[1] * (active[0] + active[1] + 2) + 3 * active[1] + 3;
    assertThat(GatedSurgery.activeParameterCount(masked)).isEqualTo(expect);
    assertThat(GatedSurgery.activeParameterCount(m)).isEqualTo(m.parameterCount());
    assertThatThrownBy(() -> GatedSurgery.mask(masked, layer, new int[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already masked");
  }

  @ParameterizedTest
  @EnumSource(GatedCell.class)
  void badSurgeryIsRejected(GatedCell cell) {
    GatedRnn m = GatedNets.random(cell, 1, new int[] {3, 2}, 2, 71);
    assertThatThrownBy(() -> GatedSurgery.apply(m, 2, List.of(UnitFold.toBias(0, 0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer 2 does not exist");
    assertThatThrownBy(() -> GatedSurgery.apply(m, -1, List.of(UnitFold.toBias(0, 0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> GatedSurgery.apply(m, 0, List.of(UnitFold.toBias(3, 0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unit 3 of layer 0 does not exist");
    assertThatThrownBy(() -> GatedSurgery.apply(m, 1, List.of(UnitFold.merge(2, 0, 1, 0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unit 2 of layer 1 does not exist");
    assertThatThrownBy(() -> GatedSurgery.apply(m, 0, List.of(UnitFold.toBias(1, 0), UnitFold.toBias(1, 0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> GatedSurgery.apply(m, 0, List.of(UnitFold.toBias(1, 0), UnitFold.merge(1, 2, 1, 0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already removed");
    assertThatThrownBy(() -> GatedSurgery.removeToBias(m, 1, new int[] {0, 1}, new double[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all 2");
    assertThatThrownBy(() -> GatedSurgery.removeToBias(m, 1, new int[] {0, 1}, new double[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("means");
    assertThatThrownBy(() -> GatedSurgery.mask(m, 0, new int[] {0, 1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all 3");
    assertThatThrownBy(() -> GatedSurgery.mask(m, 0, new int[] {2, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> GatedSurgery.mask(m, 0, new int[] {-1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> GatedSurgery.masked(m, 3, 0)).isInstanceOf(IllegalArgumentException.class);
    // a removal from layer 0 shrinks layer 1's inputs and nothing else
    GatedRnn p = GatedSurgery.apply(m, 0, List.of(UnitFold.toBias(1, 0.25)));
    assertThat(p.sizes()).containsExactly(1, 2, 2, 2);
    assertThat(p.layer(1).inputSize()).isEqualTo(2);
    assertThat(p.layer(1).wHh()).containsExactly(m.layer(1).wHh());
    assertThat(p.wOut()).containsExactly(m.wOut());
  }

  @Test
  void aSingleLayerNetworkFoldsIntoTheReadOut() {
    GatedRnn m = GatedNets.random(GatedCell.LSTM, 1, new int[] {4}, 3, 81);
    GatedRnn p = GatedSurgery.apply(m, 0, List.of(UnitFold.merge(0, 2, 0.5, 0.3)));
    for (int q = 0; q < 3; q++) {
      assertThat(p.bOut()[q]).isEqualTo(m.bOut()[q] + 0.3 * m.wOut()[q * 4 + 2]);
      assertThat(p.wOut()[q * 3]).isEqualTo(m.wOut()[q * 4] + 0.5 * m.wOut()[q * 4 + 2]);
      assertThat(p.wOut()[q * 3 + 2]).isEqualTo(m.wOut()[q * 4 + 3]);
    }
    GatedLayer g = m.layer(0);
    for (int row = 0; row < 4 * 4; row++) {
      int blk = row / 4;
      int u = row % 4;
      if (u == 2) continue;
      int nr = blk * 3 + (u < 2 ? u : u - 1);
      assertThat(p.layer(0).bHh()[nr]).isEqualTo(g.bHh()[row] + 0.3 * g.wHh()[row * 4 + 2]);
      assertThat(p.layer(0).bIh()[nr]).isEqualTo(g.bIh()[row]);
      assertThat(p.layer(0).wHh()[nr * 3]).isEqualTo(g.wHh()[row * 4] + 0.5 * g.wHh()[row * 4 + 2]);
      assertThat(p.layer(0).wIh()[nr]).isEqualTo(g.wIh()[row]);
    }
  }
}
