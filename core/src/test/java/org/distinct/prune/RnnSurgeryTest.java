package org.distinct.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.SequenceDataset;
import org.distinct.model.ElmanRnn;
import org.distinct.train.RnnReference;
import org.junit.jupiter.api.Test;

/** Exactness of structural and mask surgery on Elman RNNs (double precision). */
class RnnSurgeryTest {
  private static final AngleConfig ANGLES = AngleConfig.defaults();

  private static AngleResult angles(ElmanRnn m, SequenceDataset d) {
    RnnTarget t = new RnnTarget();
    double[] a = t.activations(m, d);
    return ActivationAngles.compute(a, a.length / m.hiddenSize(), m.hiddenSize(), t.activation(m), ANGLES);
  }

  @Test
  void plantedCloneHasAngleZeroAndMergingLeavesEveryStateAndOutputUnchanged() {
    ElmanRnn trained = RnnNets.trained(7, 11);
    SequenceDataset d = RnnNets.data(20, 12);
    ElmanRnn planted = RnnNets.withClone(trained, 3, 0.3);
    ElmanRnn before = planted.copy();
    int j = 7;
    // the clone computes what the trained net computes
    assertThat(RnnNets.maxAbsDiff(planted.logits(d), trained.logits(d))).isLessThanOrEqualTo(1e-12);
    AngleResult ang = angles(planted, d);
    assertThat(ang.angle(3, j)).isLessThanOrEqualTo(1e-6);
    for (int u = 0; u < 7; u++) if (u != 3) assertThat(ang.angle(u, j)).isGreaterThan(1e-3);

    ElmanRnn merged = RnnSurgery.merge(planted, 3, j, 1.0, 0.0);
    assertThat(merged.hiddenSize()).isEqualTo(7);
    assertThat(merged.parameterCount()).isEqualTo(trained.parameterCount());
    assertThat(RnnNets.maxAbsDiff(merged.logits(d), planted.logits(d))).isLessThanOrEqualTo(1e-12);
    double[] hsPlanted = planted.hiddenStates(d, false);
    double[] hsMerged = merged.hiddenStates(d, false);
    assertThat(RnnNets.maxAbsDiff(hsMerged, RnnNets.columns(hsPlanted, 8, RnnNets.without(8, j)))).isLessThanOrEqualTo(1e-12);
    // and the same with the textbook reference, per sequence and step
    for (double[] x : d.series()) {
      double[] a = RnnReference.states(merged, x);
      double[] b = RnnNets.columns(RnnReference.states(planted, x), 8, RnnNets.without(8, j));
      assertThat(RnnNets.maxAbsDiff(a, b)).isLessThanOrEqualTo(1e-12);
    }
    // removing the original and keeping the clone is just as exact
    ElmanRnn other = RnnSurgery.merge(planted, j, 3, 1.0, 0.0);
    assertThat(RnnNets.maxAbsDiff(other.logits(d), planted.logits(d))).isLessThanOrEqualTo(1e-12);
    assertThat(planted).isEqualTo(before);
  }

  @Test
  void thePrunerFindsThePlantedCloneAndItsMergeIsExact() {
    ElmanRnn planted = RnnNets.withClone(RnnNets.trained(7, 21), 5, 0.6);
    SequenceDataset d = RnnNets.data(20, 22);
    DistinctivenessPruner p = new DistinctivenessPruner(PrunerConfig.defaults().withThresholds(1e-3, 179.999));
    PruneResult<ElmanRnn> r = p.step(new RnnTarget(), planted, d, 2, false, null, null);
    assertThat(r.actions()).hasSize(1);
    PruneAction a = r.actions().get(0);
    assertThat(a.kind()).isEqualTo(PruneAction.Kind.SIMILAR_MERGE);
    assertThat(new int[] {a.kept(), a.removed()[0]}).containsExactlyInAnyOrder(5, 7);
    assertThat(Math.abs(a.beta())).isLessThanOrEqualTo(1e-14);
    assertThat(r.model().hiddenSize()).isEqualTo(7);
    assertThat(RnnNets.maxAbsDiff(r.model().logits(d), planted.logits(d))).isLessThanOrEqualTo(1e-12);
  }

  @Test
  void negatedPairWithEqualOutgoingWeightsIs180DegreesAndRemovingBothIsExact() {
    ElmanRnn trained = RnnNets.trained(6, 31);
    SequenceDataset d = RnnNets.data(20, 32);
    ElmanRnn planted = RnnNets.withNegatedPair(trained, new SplittableRandom(33));
    // the planted pair does not change what the network computes
    assertThat(RnnNets.maxAbsDiff(planted.logits(d), trained.logits(d))).isLessThanOrEqualTo(1e-12);
    double[] hs = planted.hiddenStates(d, false);
    for (int p = 0; p < hs.length / 8; p++) assertThat(hs[p * 8 + 7]).isEqualTo(-hs[p * 8 + 6]);
    AngleResult ang = angles(planted, d);
    assertThat(ang.angle(6, 7)).isGreaterThanOrEqualTo(180 - 1e-6);
    RnnTarget t = new RnnTarget();
    assertThat(t.outgoingWeights(planted, 6)).containsExactly(t.outgoingWeights(planted, 7));

    DistinctivenessPruner p = new DistinctivenessPruner(PrunerConfig.defaults().withThresholds(1e-3, 179.999));
    PruneResult<ElmanRnn> r = p.step(t, planted, d, 2, false, null, null);
    assertThat(r.actions()).hasSize(1);
    assertThat(r.actions().get(0).kind()).isEqualTo(PruneAction.Kind.COMPLEMENTARY_REMOVE);
    assertThat(r.actions().get(0).removed()).containsExactly(6, 7);
    ElmanRnn pruned = r.model();
    assertThat(pruned.hiddenSize()).isEqualTo(6);
    assertThat(RnnNets.maxAbsDiff(pruned.logits(d), planted.logits(d))).isLessThanOrEqualTo(1e-12);
    assertThat(RnnNets.maxAbsDiff(pruned.hiddenStates(d, false), RnnNets.columns(hs, 8, RnnNets.without(8, 6, 7))))
        .isLessThanOrEqualTo(1e-12);
    // with the regression merge an equal-outgoing complementary pair is still removed as a pair
    PruneResult<ElmanRnn> rr = new DistinctivenessPruner(p.config().withMerge(MergeRule.REGRESS)).step(t, planted, d, 2, false, null, null);
    assertThat(rr.actions().get(0).kind()).isEqualTo(PruneAction.Kind.COMPLEMENTARY_REMOVE);
  }

  @Test
  void negatedUnitWithDifferentOutgoingWeightsIsMergedExactlyByRegression() {
    ElmanRnn planted = RnnNets.withNegation(RnnNets.trained(6, 41), 2, new SplittableRandom(42));
    SequenceDataset d = RnnNets.data(20, 43);
    DistinctivenessPruner p =
        new DistinctivenessPruner(PrunerConfig.defaults().withThresholds(1e-3, 179.999).withMerge(MergeRule.REGRESS));
    PruneResult<ElmanRnn> r = p.step(new RnnTarget(), planted, d, 2, false, null, null);
    assertThat(r.actions()).hasSize(1);
    PruneAction a = r.actions().get(0);
    assertThat(a.kind()).isEqualTo(PruneAction.Kind.REGRESS_MERGE);
    assertThat(a.complementaryPair()).isTrue();
    assertThat(a.alpha()).isCloseTo(-1.0, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(r.model().hiddenSize()).isEqualTo(6);
    assertThat(RnnNets.maxAbsDiff(r.model().logits(d), planted.logits(d))).isLessThanOrEqualTo(1e-12);
    // the plain rule would remove both and lose (W_2 − W_6)·h_2: not exact
    ElmanRnn both = RnnSurgery.removeToBias(planted, new int[] {2, 6}, new double[] {0, 0});
    assertThat(RnnNets.maxAbsDiff(both.logits(d), planted.logits(d))).isGreaterThan(1e-3);
  }

  @Test
  void structuralPruningEqualsAnIndependentMaskAndRedistributeComputation() {
    SplittableRandom rng = new SplittableRandom(51);
    for (int trial = 0; trial < 40; trial++) {
      int in = 1 + rng.nextInt(3);
      int h = 3 + rng.nextInt(7);
      int c = 2 + rng.nextInt(2);
      ElmanRnn m = RnnNets.random(in, h, c, 1.2, rng);
      ElmanRnn before = m.copy();
      SequenceDataset d = RnnNets.randomData(4, in, c, 1, 9, rng);
      int removeCount = 1 + rng.nextInt(h - 1);
      List<UnitFold> folds = new ArrayList<>();
      boolean[] gone = new boolean[h];
      for (int f = 0; f < removeCount; f++) {
        int r;
        do r = rng.nextInt(h); while (gone[r]);
        gone[r] = true;
        int target = -1;
        if (rng.nextBoolean()) {
          int t;
          do t = rng.nextInt(h); while (gone[t]);
          target = t;
        }
        folds.add(new UnitFold(r, target, rng.nextDouble(-2, 2), rng.nextDouble(-1, 1)));
      }
      ElmanRnn pruned = RnnSurgery.apply(m, folds);
      assertThat(m).isEqualTo(before);
      // reference: full size, outgoing columns redistributed, removed units masked (incoming rows zero)
      double[] whh = m.wHh().clone(), wout = m.wOut().clone(), b = m.b().clone(), bout = m.bOut().clone();
      double[] wih = m.wIh().clone();
      for (UnitFold f : folds) {
        for (int i = 0; i < h; i++) {
          b[i] += f.beta() * whh[i * h + f.removed()];
          if (f.target() >= 0) whh[i * h + f.target()] += f.alpha() * whh[i * h + f.removed()];
        }
        for (int q = 0; q < c; q++) {
          bout[q] += f.beta() * wout[q * h + f.removed()];
          if (f.target() >= 0) wout[q * h + f.target()] += f.alpha() * wout[q * h + f.removed()];
        }
      }
      for (int u = 0; u < h; u++)
        if (gone[u]) {
          for (int k = 0; k < in; k++) wih[u * in + k] = 0;
          for (int k = 0; k < h; k++) whh[u * h + k] = 0;
          b[u] = 0;
        }
      int[] keep = RnnNets.without(h, removedOf(folds));
      assertThat(pruned.hiddenSize()).isEqualTo(keep.length);
      double[] hsPruned = pruned.hiddenStates(d, false);
      double[] z = pruned.logits(d);
      int pos = 0;
      for (int s = 0; s < d.size(); s++) {
        double[] x = d.series().get(s);
        int steps = x.length / in;
        double[] ref = RnnNets.states(wih, whh, b, in, h, x);
        for (int t = 1; t <= steps; t++) {
          for (int u = 0; u < h; u++) if (gone[u]) assertThat(ref[t * h + u]).isEqualTo(0.0);
          for (int k = 0; k < keep.length; k++)
            assertThat(Math.abs(hsPruned[pos * keep.length + k] - ref[t * h + keep[k]])).isLessThanOrEqualTo(1e-12);
          pos++;
        }
        double[] zr = RnnNets.readOut(wout, bout, h, ref, steps);
        for (int q = 0; q < c; q++) assertThat(Math.abs(z[s * c + q] - zr[q])).isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(zr[q])));
      }
    }
  }

  private static int[] removedOf(List<UnitFold> folds) {
    int[] r = new int[folds.size()];
    for (int i = 0; i < r.length; i++) r[i] = folds.get(i).removed();
    return r;
  }

  @Test
  void maskModeKeepsShapesAndZeroesExactlyTheRemovedUnitsIncomingWeights() {
    SplittableRandom rng = new SplittableRandom(61);
    ElmanRnn m = RnnNets.random(2, 6, 3, 1.0, rng);
    ElmanRnn before = m.copy();
    RnnTarget t = new RnnTarget(RnnTarget.Mode.MASK);
    assertThat(t.physical()).isFalse();
    ElmanRnn masked = t.apply(m, List.of(UnitFold.merge(0, 4, 1.0, 0.3), UnitFold.toBias(1, 0.2)));
    assertThat(m).isEqualTo(before);
    assertThat(masked.sizes()).containsExactly(m.sizes());
    assertThat(masked.parameterCount()).isEqualTo(m.parameterCount());
    assertThat(t.parameterCount(masked)).isEqualTo(m.parameterCount());
    assertThat(t.hiddenSizes(masked)).containsExactly(6);
    for (int u = 0; u < 6; u++) {
      boolean gone = u == 1 || u == 4;
      for (int k = 0; k < 2; k++) assertThat(masked.wIh()[u * 2 + k]).isEqualTo(gone ? 0.0 : m.wIh()[u * 2 + k]);
      for (int k = 0; k < 6; k++) assertThat(masked.wHh()[u * 6 + k]).isEqualTo(gone ? 0.0 : m.wHh()[u * 6 + k]);
      assertThat(masked.b()[u]).isEqualTo(gone ? 0.0 : m.b()[u]);
      assertThat(t.active(masked, u)).isEqualTo(!gone);
      assertThat(t.active(m, u)).isTrue();
      assertThat(new RnnTarget().active(masked, u)).isTrue();
    }
    // outgoing weights and output biases untouched (the paper did not move them)
    assertThat(masked.wOut()).containsExactly(m.wOut());
    assertThat(masked.bOut()).containsExactly(m.bOut());
    assertThat(RnnSurgery.activeParameterCount(masked)).isEqualTo(4 * (2 + 4 + 1) + 3 * 4 + 3);
    // masked units output 0 at every step
    SequenceDataset d = RnnNets.randomData(3, 2, 3, 2, 7, rng);
    double[] hs = masked.hiddenStates(d, false);
    for (int p = 0; p < hs.length / 6; p++) {
      assertThat(hs[p * 6 + 1]).isEqualTo(0.0);
      assertThat(hs[p * 6 + 4]).isEqualTo(0.0);
    }
    assertThat(t.describe(masked)).contains("2 masked");
    assertThatThrownBy(() -> t.apply(masked, List.of(UnitFold.toBias(1, 0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already masked");
  }

  @Test
  void badSurgeryIsRejected() {
    ElmanRnn m = RnnNets.random(1, 3, 2, 1.0, new SplittableRandom(71));
    assertThatThrownBy(() -> RnnSurgery.apply(m, List.of(UnitFold.toBias(3, 0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> RnnSurgery.apply(m, List.of(UnitFold.toBias(1, 0), UnitFold.toBias(1, 0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> RnnSurgery.apply(m, List.of(UnitFold.toBias(1, 0), UnitFold.merge(1, 2, 1, 0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already removed");
    assertThatThrownBy(() -> RnnSurgery.removeToBias(m, new int[] {0, 1, 2}, new double[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all 3");
    assertThatThrownBy(() -> RnnSurgery.mask(m, new int[] {0, 1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all 3");
  }
}
