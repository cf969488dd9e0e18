package org.distinct.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.distinct.BadInputException;
import org.distinct.data.Dataset;
import org.distinct.model.Activation;
import org.distinct.model.DenseLayer;
import org.distinct.model.Mlp;
import org.junit.jupiter.api.Test;

class DistinctivenessPrunerTest {
  private static final MlpTarget T0 = new MlpTarget(0);

  /** Identity hidden layer whose activation vector over the 2 patterns e1, e2 is (cos φ_u, sin φ_u). */
  static Mlp planar(double... phiDeg) {
    int h = phiDeg.length;
    double[] w = new double[h * 2];
    for (int u = 0; u < h; u++) {
      w[u * 2] = Math.cos(Math.toRadians(phiDeg[u]));
      w[u * 2 + 1] = Math.sin(Math.toRadians(phiDeg[u]));
    }
    SplittableRandom rng = new SplittableRandom(h);
    double[] w2 = new double[2 * h];
    for (int i = 0; i < w2.length; i++) w2[i] = rng.nextGaussian();
    return new Mlp(List.of(
        new DenseLayer(2, h, w, new double[h], Activation.IDENTITY),
        new DenseLayer(h, 2, w2, new double[] {0.1, -0.2}, Activation.IDENTITY)));
  }

  static Dataset unitPatterns() {
    return new Dataset("e", new double[] {1, 0, 0, 1}, 2, 2, new int[] {0, 1}, new int[2], List.of("a", "b"), List.of("x", "y"));
  }

  static DistinctivenessPruner pruner(PairOrder order) {
    return new DistinctivenessPruner(PrunerConfig.defaults().withCentring(Centring.none()).withOrder(order));
  }

  @Test
  void paperOrderRemovesTheUnitWithMostPartnersIntoItsClosestPartner() {
    Mlp m = planar(0, 5, 8, 40, 100, 104);
    PruneResult<Mlp> r = pruner(PairOrder.PAPER).prune(m, unitPatterns(), 2);
    assertThat(r.pairs()).containsExactly("(1->2)", "(4->5)");
    assertThat(r.survivors()).containsExactly(0, 1, 3, 4);
    assertThat(r.model().sizes()).containsExactly(2, 4, 2);
    assertThat(r.actions().get(0).angleDeg()).isCloseTo(3.0, within(1e-9));
    assertThat(r.actions()).allMatch(a -> a.kind() == PruneAction.Kind.SIMILAR_MERGE && !a.beyondThreshold());
  }

  @Test
  void paperOrderRanksBySimilarUnitsNotByComplementaryOnes() {
    // unit 0 (0°) is similar to 1 (10°) and complementary to 2 (170°) and 3 (172°): 3 partners, 1 similar;
    // unit 5 (68°) is similar to 4 (60°) and 6 (76°): 2 partners, both similar. The spec ranks by similar units,
    // so unit 5 goes first (into 4 or 6, both 8° away up to rounding), not the complementary pair (0, 3).
    Mlp m = planar(0, 10, 170, 172, 60, 68, 76);
    AngleResult a = ActivationAngles.forLayer(m, 0, unitPatterns(), pruner(PairOrder.PAPER).config().angleConfig());
    assertThat(a.partnerCounts()[0]).isEqualTo(3);
    assertThat(a.partnerCounts()[5]).isEqualTo(2);
    PruneResult<Mlp> r = pruner(PairOrder.PAPER).prune(m, unitPatterns(), 1);
    assertThat(r.actions()).hasSize(1);
    assertThat(r.actions().get(0).kind()).isEqualTo(PruneAction.Kind.SIMILAR_MERGE);
    assertThat(r.actions().get(0).removed()).containsExactly(5);
    assertThat(r.actions().get(0).kept()).isIn(4, 6);
  }

  @Test
  void fewestPartnersOrderStartsWithLonelyPairs() {
    Mlp m = planar(0, 5, 8, 40, 100, 104);
    assertThat(pruner(PairOrder.FEWEST_PARTNERS).prune(m, unitPatterns(), 2).pairs()).containsExactly("(4->5)", "(1->2)");
  }

  @Test
  void smallestAngleOrderDiffersFromPaperOrder() {
    Mlp m = planar(0, 10, -10, 60, 61);
    assertThat(pruner(PairOrder.PAPER).prune(m, unitPatterns(), 1).pairs()).containsExactly("(1->0)");
    assertThat(pruner(PairOrder.SMALLEST_ANGLE).prune(m, unitPatterns(), 1).pairs()).containsExactly("(3->4)");
  }

  @Test
  void complementaryPairNeedsTwoUnitsOfBudget() {
    Mlp m = planar(0, 175, 90);
    assertThat(pruner(PairOrder.PAPER).prune(m, unitPatterns(), 1).actions()).isEmpty();
    PruneResult<Mlp> r = pruner(PairOrder.PAPER).prune(m, unitPatterns(), 2);
    assertThat(r.pairs()).containsExactly("(0,1) complementary");
    assertThat(r.actions().get(0).kind()).isEqualTo(PruneAction.Kind.COMPLEMENTARY_REMOVE);
    assertThat(r.actions().get(0).angleDeg()).isCloseTo(175, within(1e-9));
    assertThat(r.survivors()).containsExactly(2);
  }

  @Test
  void forceTakesTheClosestPairAndMarksIt() {
    Mlp m = planar(0, 30, 100);
    DistinctivenessPruner p = pruner(PairOrder.PAPER);
    PruneResult<Mlp> none = p.step(T0, m, unitPatterns(), 1, false, null, null);
    assertThat(none.actions()).isEmpty();
    assertThat(none.model()).isSameAs(m);
    PruneResult<Mlp> forced = p.step(T0, m, unitPatterns(), 1, true, null, null);
    assertThat(forced.pairs()).containsExactly("(0->1)*");
    assertThat(forced.beyondThreshold()).isTrue();
    assertThat(forced.actions().get(0).angleDeg()).isCloseTo(30, within(1e-9));
  }

  @Test
  void labelsUseTheOriginalNumbering() {
    Mlp m = planar(0, 5, 8, 40, 100, 104);
    int[] origin = {3, 7, 12, 20, 21, 29};
    PruneResult<Mlp> r = pruner(PairOrder.PAPER).step(T0, m, unitPatterns(), 2, false, origin, null);
    assertThat(r.pairs()).containsExactly("(7->12)", "(21->29)");
    assertThat(r.survivors()).containsExactly(3, 7, 20, 21);
    assertThat(origin).containsExactly(3, 7, 12, 20, 21, 29);
  }

  @Test
  void plantedCloneInATrainedNetworkIsMergedExactly() {
    Mlp m = MlpSurgeryTest.trained(8, 10, 3, 21);
    m = Nets.plantRow(m, 0, 3, 8, 1.0, 0.0);
    Mlp before = m.copy();
    Dataset d = Nets.dataset("p", 150, 8, 3, new SplittableRandom(22));
    for (MergeRule rule : MergeRule.values()) {
      PrunerConfig cfg = PrunerConfig.defaults().withThresholds(1e-3, 179.999).withMerge(rule);
      PruneResult<Mlp> r = new DistinctivenessPruner(cfg).prune(m, d, 2);
      assertThat(r.pairs()).containsExactly("(3->8)");
      PruneAction a = r.actions().get(0);
      assertThat(a.angleDeg()).isLessThanOrEqualTo(1e-6);
      assertThat(a.kind()).isEqualTo(rule == MergeRule.PLAIN ? PruneAction.Kind.SIMILAR_MERGE : PruneAction.Kind.REGRESS_MERGE);
      assertThat(Nets.maxRelDiff(r.model().logits(d.x(), 150), m.logits(d.x(), 150))).isLessThanOrEqualTo(1e-12);
    }
    assertThat(m).isEqualTo(before);
  }

  @Test
  void plantedNegationIsRemovedOrRegressMerged() {
    Mlp base = MlpSurgeryTest.trained(8, 10, 3, 31);
    Mlp m = Nets.copyOutgoing(Nets.plantRow(base, 0, 1, 6, -1.0, 0.0), 0, 1, 6);
    Dataset d = Nets.dataset("p", 150, 8, 3, new SplittableRandom(32));
    PrunerConfig cfg = PrunerConfig.defaults().withThresholds(1e-3, 179.999);
    for (MergeRule rule : MergeRule.values()) {
      PruneResult<Mlp> r = new DistinctivenessPruner(cfg.withMerge(rule)).prune(m, d, 2);
      assertThat(r.pairs()).as("%s", rule).containsExactly("(1,6) complementary");
      assertThat(r.actions().get(0).angleDeg()).isGreaterThanOrEqualTo(180 - 1e-6);
      assertThat(Nets.maxRelDiff(r.model().logits(d.x(), 150), m.logits(d.x(), 150))).isLessThanOrEqualTo(1e-12);
    }
    // different outgoing weights: plain removes both (losing information), regress merges with alpha = -1
    Mlp diff = Nets.plantRow(base, 0, 1, 6, -1.0, 0.0);
    PruneResult<Mlp> plain = new DistinctivenessPruner(cfg).prune(diff, d, 2);
    assertThat(plain.actions().get(0).kind()).isEqualTo(PruneAction.Kind.COMPLEMENTARY_REMOVE);
    PruneResult<Mlp> reg = new DistinctivenessPruner(cfg.withMerge(MergeRule.REGRESS)).prune(diff, d, 2);
    PruneAction a = reg.actions().get(0);
    assertThat(a.kind()).isEqualTo(PruneAction.Kind.REGRESS_MERGE);
    assertThat(a.complementaryPair()).isTrue();
    assertThat(a.alpha()).isCloseTo(-1.0, within(1e-9));
    assertThat(a.beta()).isCloseTo(1.0, within(1e-9));
    assertThat(reg.model().layer(0).out()).isEqualTo(9);
    assertThat(Nets.maxRelDiff(reg.model().logits(d.x(), 150), diff.logits(d.x(), 150))).isLessThanOrEqualTo(1e-12);
  }

  @Test
  void meanCorrectionAndThePapersPlainRule() {
    SplittableRandom rng = new SplittableRandom(41);
    Mlp m = Nets.plantRow(Nets.random(new int[] {5, 6, 3}, Activation.SIGMOID, rng, 1.0), 0, 0, 5, 1.0, 0.1);
    Dataset d = Nets.dataset("p", 80, 5, 3, rng);
    PrunerConfig cfg = PrunerConfig.defaults().withThresholds(8, 179.999);
    AngleResult ang = ActivationAngles.forLayer(m, 0, d, cfg.angleConfig());
    assertThat(ang.angle(0, 5)).isLessThan(8);
    PruneResult<Mlp> paper = new DistinctivenessPruner(cfg.withMeanCorrection(false)).prune(m, d, 1);
    assertThat(paper.pairs()).containsExactly("(0->5)");
    assertThat(paper.model()).isEqualTo(MlpSurgery.merge(m, 0, 0, 5, 1.0, 0.0));
    assertThat(paper.actions().get(0).beta()).isZero();
    PruneResult<Mlp> corrected = new DistinctivenessPruner(cfg).prune(m, d, 1);
    double beta = ang.means()[5] - ang.means()[0];
    assertThat(corrected.actions().get(0).beta()).isEqualTo(beta);
    assertThat(corrected.model()).isEqualTo(MlpSurgery.merge(m, 0, 0, 5, 1.0, beta));
    // the correction makes the mean output over the patterns exact
    double[] z = m.logits(d.x(), 80), zc = corrected.model().logits(d.x(), 80), zp = paper.model().logits(d.x(), 80);
    double[] mean = new double[3], meanC = new double[3], meanP = new double[3];
    for (int p = 0; p < 80; p++)
      for (int q = 0; q < 3; q++) {
        mean[q] += z[p * 3 + q] / 80;
        meanC[q] += zc[p * 3 + q] / 80;
        meanP[q] += zp[p * 3 + q] / 80;
      }
    double errC = 0, errP = 0;
    for (int q = 0; q < 3; q++) {
      errC = Math.max(errC, Math.abs(meanC[q] - mean[q]));
      errP = Math.max(errP, Math.abs(meanP[q] - mean[q]));
    }
    assertThat(errC).isLessThan(errP);
  }

  @Test
  void nearConstantUnitsAreFoldedFirst() {
    SplittableRandom rng = new SplittableRandom(51);
    Mlp m = Nets.random(new int[] {4, 5, 2}, Activation.SIGMOID, rng, 1.0);
    DenseLayer h = m.layer(0).copy();
    for (int i = 0; i < 4; i++) h.w()[2 * 4 + i] = 0.0; // unit 2: sigmoid(0) = 0.5, a zero centred vector
    h.b()[2] = 0.0;
    m = Nets.withLayer(m, 0, h);
    Dataset d = Nets.dataset("p", 40, 4, 2, rng);
    PruneResult<Mlp> r = new DistinctivenessPruner(PrunerConfig.defaults().withThresholds(0, 180)).prune(m, d, 1);
    assertThat(r.pairs()).containsExactly("(2) constant");
    assertThat(Nets.maxRelDiff(r.model().logits(d.x(), 40), m.logits(d.x(), 40))).isLessThanOrEqualTo(1e-12);
    PruneResult<Mlp> off = new DistinctivenessPruner(PrunerConfig.defaults().withThresholds(0, 180).withFoldConstant(false))
        .prune(m, d, 1);
    assertThat(off.actions()).isEmpty();
  }

  @Test
  void neverRemovesTheLastUnitAndRejectsBadInput() {
    Mlp m = planar(0, 1, 2);
    PruneResult<Mlp> r = pruner(PairOrder.PAPER).prune(m, unitPatterns(), 10);
    assertThat(r.model().layer(0).out()).isEqualTo(1);
    assertThat(r.unitsRemoved()).isEqualTo(2);
    Dataset one = new Dataset("one.csv", new double[] {1, 0}, 1, 2, new int[] {0}, new int[1], List.of("a", "b"), List.of("x", "y"));
    assertThatThrownBy(() -> pruner(PairOrder.PAPER).prune(m, one, 1))
        .isInstanceOf(BadInputException.class).hasMessage("one.csv: has 1 row(s); angles need at least 2 patterns");
    Dataset wide = Nets.dataset("wide.csv", 4, 3, 2, new SplittableRandom(1));
    assertThatThrownBy(() -> pruner(PairOrder.PAPER).prune(m, wide, 1))
        .isInstanceOf(BadInputException.class).hasMessageStartingWith("wide.csv: has 3 feature columns");
    Mlp noHidden = new Mlp(List.of(new DenseLayer(2, 2, new double[4], new double[2], Activation.IDENTITY)));
    assertThatThrownBy(() -> pruner(PairOrder.PAPER).prune(noHidden, unitPatterns(), 1))
        .isInstanceOf(BadInputException.class).hasMessageContaining("no hidden layer");
  }
}
