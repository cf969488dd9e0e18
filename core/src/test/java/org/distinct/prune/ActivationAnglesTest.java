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

class ActivationAnglesTest {
  private static final AngleConfig RAW = AngleConfig.defaults().withCentring(Centring.none());

  @Test
  void handWorkedAnglesWithoutCentring() {
    // columns: u0 = [1,0], u1 = [0,1], u2 = [1,1], u3 = [-1,0]
    double[] a = {1, 0, 1, -1, 0, 1, 1, 0};
    AngleResult r = ActivationAngles.compute(a, 2, 4, null, RAW);
    assertThat(r.angle(0, 1)).isCloseTo(90.0, within(1e-12));
    assertThat(r.angle(0, 2)).isCloseTo(45.0, within(1e-12));
    assertThat(r.angle(1, 2)).isCloseTo(45.0, within(1e-12));
    assertThat(r.angle(0, 3)).isEqualTo(180.0);
    assertThat(r.angle(2, 3)).isCloseTo(135.0, within(1e-12));
    assertThat(r.angle(3, 0)).isEqualTo(r.angle(0, 3));
    assertThat(r.angle(1, 1)).isZero();
    assertThat(r.minAngleDeg()).isCloseTo(45.0, within(1e-12));
    assertThat(r.similar()).isEmpty();
    assertThat(r.complementary()).containsExactly(new UnitPair(0, 3, 180.0));
    assertThat(r.centringUsed().kind()).isEqualTo(Centring.Kind.NONE);
  }

  @Test
  void thresholdsSelectPairsStrictly() {
    // unit u at direction phi_u in the plane of two patterns: 0, 10, 20, 170 degrees
    double[] phi = {0, 10, 20, 170};
    double[] a = new double[2 * 4];
    for (int u = 0; u < 4; u++) {
      a[u] = Math.cos(Math.toRadians(phi[u]));
      a[4 + u] = Math.sin(Math.toRadians(phi[u]));
    }
    AngleResult r = ActivationAngles.compute(a, 2, 4, null, RAW);
    assertThat(r.similar()).extracting(p -> List.of(p.i(), p.j())).containsExactly(List.of(0, 1), List.of(1, 2));
    assertThat(r.complementary()).extracting(p -> List.of(p.i(), p.j())).containsExactly(List.of(0, 3));
    assertThat(r.complementary().get(0).angleDeg()).isCloseTo(170.0, within(1e-9));
    assertThat(r.minAngleDeg()).isCloseTo(10.0, within(1e-9));
    assertThat(r.partnerCounts()).containsExactly(2, 2, 1, 1);
    // a threshold equal to the angle does not count (strict)
    AngleResult r2 = ActivationAngles.compute(a, 2, 4, null, RAW.withThresholds(10.0 + 1e-9, 175));
    assertThat(r2.similar()).hasSize(2);
    AngleResult r3 = ActivationAngles.compute(a, 2, 4, null, RAW.withThresholds(9.0, 175));
    assertThat(r3.similar()).isEmpty();
    assertThat(r3.complementary()).isEmpty();
  }

  @Test
  void sigmoidIsCentredAtOneHalf() {
    // centred vectors [0.25, -0.25] and [-0.25, 0.25] are opposite: 180 degrees; [0.25, 0.25] is at 90
    double[] a = {0.75, 0.25, 0.75, 0.25, 0.75, 0.75};
    AngleResult r = ActivationAngles.compute(a, 2, 3, Activation.SIGMOID, AngleConfig.defaults());
    assertThat(r.centringUsed()).isEqualTo(Centring.fixed(0.5));
    assertThat(r.centringNote()).contains("0.5").contains("natural");
    assertThat(r.angle(0, 1)).isEqualTo(180.0);
    assertThat(r.angle(0, 2)).isCloseTo(90.0, within(1e-12));
    assertThat(r.means()).containsExactly(0.5, 0.5, 0.75);
    assertThat(r.variances()[0]).isCloseTo(0.0625, within(1e-15));
  }

  @Test
  void reluUsesObservedRangeMidpointAndSaysSo() {
    // u0 in [0, 4] -> centre 2; u1 in [1, 3] -> centre 2: c0 = [-2, 2, 0], c1 = [1, -1, 0] -> 180
    double[] a = {0, 3, 4, 1, 2, 2};
    AngleResult r = ActivationAngles.compute(a, 3, 2, Activation.RELU, AngleConfig.defaults());
    assertThat(r.centringUsed().kind()).isEqualTo(Centring.Kind.MIDRANGE);
    assertThat(r.centres()).containsExactly(2.0, 2.0);
    assertThat(r.centringNote()).contains("midpoint").contains("no principled centre");
    assertThat(r.angle(0, 1)).isCloseTo(180.0, within(1e-9));
    AngleResult fixed = ActivationAngles.compute(a, 3, 2, Activation.RELU, AngleConfig.defaults().withCentring(Centring.fixed(0)));
    // raw [0,4,2] vs [3,1,2]: cos = (0+4+4)/(sqrt(20)*sqrt(14))
    assertThat(fixed.angle(0, 1)).isCloseTo(Math.toDegrees(Math.acos(8 / Math.sqrt(20 * 14))), within(1e-12));
  }

  @Test
  void nearConstantUnitsHaveNoAngle() {
    int n = 100;
    double[] a = new double[n * 3];
    SplittableRandom rng = new SplittableRandom(1);
    for (int p = 0; p < n; p++) {
      a[p * 3] = rng.nextDouble();
      a[p * 3 + 1] = 0.5 + 0.9e-3 * (p % 2 == 0 ? 1 : -1); // |c| = 0.9e-3 sqrt(n) < 1e-3 sqrt(n)
      a[p * 3 + 2] = a[p * 3]; // clone of 0
    }
    AngleResult r = ActivationAngles.compute(a, n, 3, Activation.SIGMOID, AngleConfig.defaults());
    assertThat(r.constantUnits()).containsExactly(1);
    assertThat(r.angle(0, 1)).isNaN();
    assertThat(r.angle(1, 1)).isNaN();
    assertThat(r.angle(0, 2)).isZero();
    assertThat(r.similar()).containsExactly(new UnitPair(0, 2, 0.0));
    assertThat(r.minAngleDeg()).isZero();
    // just above the threshold it is an ordinary unit
    for (int p = 0; p < n; p++) a[p * 3 + 1] = 0.5 + 1.1e-3 * (p % 2 == 0 ? 1 : -1);
    AngleResult r2 = ActivationAngles.compute(a, n, 3, Activation.SIGMOID, AngleConfig.defaults());
    assertThat(r2.constantUnits()).isEmpty();
  }

  @Test
  void gramAnglesMatchPairwiseComputation() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int trial = 0; trial < 20; trial++) {
      int n = 2 + rng.nextInt(60);
      int h = 1 + rng.nextInt(12);
      double[] a = new double[n * h];
      for (int i = 0; i < a.length; i++) a[i] = rng.nextDouble();
      AngleResult r = ActivationAngles.compute(a, n, h, Activation.SIGMOID, AngleConfig.defaults());
      for (int i = 0; i < h; i++)
        for (int j = 0; j < h; j++) {
          double dot = 0, ni = 0, nj = 0;
          for (int p = 0; p < n; p++) {
            double x = a[p * h + i] - 0.5, y = a[p * h + j] - 0.5;
            dot += x * y;
            ni += x * x;
            nj += y * y;
          }
          double expected = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(ni * nj)))));
          assertThat(r.angle(i, j)).as("trial %d pair %d,%d", trial, i, j).isCloseTo(expected, within(1e-6));
        }
    }
  }

  @Test
  void plantedCloneAndNegationInAHiddenLayer() {
    SplittableRandom rng = new SplittableRandom(11);
    Mlp m = Nets.random(new int[] {6, 9, 3}, Activation.SIGMOID, rng, 2.0);
    m = Nets.plantRow(m, 0, 2, 7, 1.0, 0.0); // clone
    m = Nets.plantRow(m, 0, 4, 8, -1.0, 0.0); // negation
    double[] x = Nets.inputs(200, 6, rng);
    AngleResult r = ActivationAngles.forLayer(m, 0, x, 200, AngleConfig.defaults());
    assertThat(r.angle(2, 7)).isLessThanOrEqualTo(1e-6);
    assertThat(r.angle(4, 8)).isGreaterThanOrEqualTo(180.0 - 1e-6);
    assertThat(r.similar()).contains(new UnitPair(2, 7, r.angle(2, 7)));
    assertThat(r.complementary()).contains(new UnitPair(4, 8, r.angle(4, 8)));
  }

  @Test
  void badInputIsRejectedWithOneLine() {
    assertThatThrownBy(() -> ActivationAngles.compute(new double[] {1, 2}, 1, 2, null, AngleConfig.defaults()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("at least 2 patterns");
    assertThatThrownBy(() -> ActivationAngles.compute("acts.csv", new double[] {1, 2, Double.NaN, 4}, 2, 2, null, AngleConfig.defaults()))
        .isInstanceOf(BadInputException.class).hasMessage("acts.csv: row 2, column 'unit 0': activation NaN is not finite");
    Mlp noHidden = new Mlp(List.of(new DenseLayer(2, 3, new double[6], new double[3], Activation.IDENTITY)));
    assertThatThrownBy(() -> ActivationAngles.forLayer(noHidden, 0, new double[4], 2, AngleConfig.defaults()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("no hidden layer");
    Mlp m = Nets.random(new int[] {3, 4, 2}, Activation.TANH, new SplittableRandom(1), 1.0);
    Dataset d = Nets.dataset("test.csv", 5, 4, 2, new SplittableRandom(2));
    assertThatThrownBy(() -> ActivationAngles.forLayer(m, 0, d, AngleConfig.defaults()))
        .isInstanceOf(BadInputException.class)
        .hasMessage("test.csv: has 4 feature columns but the model expects 3 inputs (1 extra)");
    assertThatThrownBy(() -> ActivationAngles.forLayer(m, 1, new double[6], 2, AngleConfig.defaults()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("hidden layer 1 does not exist");
    Dataset named = Nets.dataset("named.csv", 3, 3, 2, new SplittableRandom(3)); // f0, f1, f2
    MlpTarget.checkFeatureNames(List.of("f0", "f1", "f2"), named);
    assertThatThrownBy(() -> MlpTarget.checkFeatureNames(List.of("f0", "f1", "g"), named))
        .isInstanceOf(BadInputException.class)
        .hasMessage("named.csv: the feature columns do not match the model's inputs: missing 'g'; extra 'f2'");
    assertThatThrownBy(() -> MlpTarget.checkFeatureNames(List.of("f0", "f2", "f1"), named))
        .isInstanceOf(BadInputException.class)
        .hasMessage("named.csv: column 'f1': the feature columns are in a different order than the model's inputs"
            + " (position 2 should be 'f2')");
    assertThatThrownBy(() -> new AngleConfig(20, 10, 1e-3, Centring.natural()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("must be below");
    assertThatThrownBy(() -> new AngleConfig(-1, 165, 1e-3, Centring.natural()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("[0, 180]");
    assertThatThrownBy(() -> new AngleConfig(15, 181, 1e-3, Centring.natural()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("[0, 180]");
    assertThatThrownBy(() -> new AngleConfig(15, 15, 1e-3, Centring.natural())).isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> new AngleConfig(15, 165, -1, Centring.natural())).isInstanceOf(BadInputException.class);
  }
}
