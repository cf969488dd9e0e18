package org.distinct.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.distinct.data.Dataset;
import org.distinct.model.Activation;
import org.distinct.model.DenseLayer;
import org.distinct.model.Mlp;
import org.junit.jupiter.api.Test;

class CriteriaTest {
  private static final MlpTarget T0 = new MlpTarget(0);

  static double crossEntropy(double[] z, int c, int y) {
    double m = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < c; k++) m = Math.max(m, z[k]);
    double s = 0;
    for (int k = 0; k < c; k++) s += Math.exp(z[k] - m);
    return m + Math.log(s) - z[y];
  }

  /** Finite-difference ∂L_p/∂a_h(p) through the layers above {@code layer}. */
  static double[] numericGradients(Mlp m, int layer, Dataset d) {
    List<DenseLayer> above = new ArrayList<>();
    for (int l = layer + 1; l < m.layerCount(); l++) above.add(m.layer(l));
    Mlp top = new Mlp(above);
    int h = m.layer(layer).out();
    int c = m.numClasses();
    double[] a = m.activations(layer, d.x(), d.rows());
    double[] g = new double[a.length];
    double eps = 1e-6;
    for (int p = 0; p < d.rows(); p++) {
      double[] row = new double[h];
      System.arraycopy(a, p * h, row, 0, h);
      for (int u = 0; u < h; u++) {
        double keep = row[u];
        row[u] = keep + eps;
        double lp = crossEntropy(top.logits(row, 1), c, d.labels()[p]);
        row[u] = keep - eps;
        double lm = crossEntropy(top.logits(row, 1), c, d.labels()[p]);
        row[u] = keep;
        g[p * h + u] = (lp - lm) / (2 * eps);
      }
    }
    return g;
  }

  @Test
  void lossGradientsMatchFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(61);
    for (Activation act : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
      Mlp m = Nets.random(new int[] {4, 6, 5, 3}, act, rng, 1.5);
      Dataset d = Nets.dataset("p", 12, 4, 3, rng);
      for (int layer = 0; layer < 2; layer++) {
        double[] g = new MlpTarget(layer).lossGradients(m, d);
        double[] fd = numericGradients(m, layer, d);
        for (int i = 0; i < g.length; i++)
          assertThat(g[i]).as("%s layer %d entry %d", act, layer, i).isCloseTo(fd[i], within(1e-7 * Math.max(1, Math.abs(fd[i]))));
      }
    }
  }

  @Test
  void scoresMatchTheirDefinitions() {
    SplittableRandom rng = new SplittableRandom(71);
    Mlp m = Nets.random(new int[] {3, 5, 2}, Activation.SIGMOID, rng, 2.0);
    Dataset d = Nets.dataset("p", 30, 3, 2, rng);
    double[] a = m.activations(0, d.x(), 30);
    double[] g = numericGradients(m, 0, d);
    for (int u = 0; u < 5; u++) {
      double in = 0, out = 0, mean = 0, var = 0, tay = 0, tayc = 0;
      for (int i = 0; i < 3; i++) in += Math.abs(m.layer(0).weight(u, i));
      for (int q = 0; q < 2; q++) out += Math.abs(m.layer(1).weight(q, u));
      for (int p = 0; p < 30; p++) mean += a[p * 5 + u] / 30;
      for (int p = 0; p < 30; p++) {
        var += (a[p * 5 + u] - mean) * (a[p * 5 + u] - mean) / 30;
        tay += a[p * 5 + u] * g[p * 5 + u] / 30;
        tayc += (a[p * 5 + u] - mean) * g[p * 5 + u] / 30;
      }
      assertThat(Criteria.magnitudeIn().scores(T0, m, d, a, null)[u]).isCloseTo(in, within(1e-15));
      assertThat(Criteria.magnitudeOut().scores(T0, m, d, a, null)[u]).isCloseTo(out, within(1e-15));
      assertThat(Criteria.variance().scores(T0, m, d, a, null)[u]).isCloseTo(var, within(1e-14));
      assertThat(Criteria.taylor(false).scores(T0, m, d, a, null)[u]).isCloseTo(Math.abs(tay), within(1e-8));
      assertThat(Criteria.taylor(true).scores(T0, m, d, a, null)[u]).isCloseTo(Math.abs(tayc), within(1e-8));
    }
  }

  @Test
  void removesTheLowestScoringUnitsWithTheMeanFold() {
    SplittableRandom rng = new SplittableRandom(81);
    Mlp m = Nets.random(new int[] {3, 6, 2}, Activation.TANH, rng, 1.0);
    DenseLayer h = m.layer(0).copy();
    for (int i = 0; i < 3; i++) {
      h.w()[4 * 3 + i] *= 1e-3; // unit 4 smallest incoming
      h.w()[1 * 3 + i] *= 1e-2; // unit 1 second smallest
    }
    m = Nets.withLayer(m, 0, h);
    Mlp before = m.copy();
    Dataset d = Nets.dataset("p", 25, 3, 2, rng);
    PruneResult<Mlp> r = new CriterionPruner(Criteria.magnitudeIn()).step(T0, m, d, 2, false, new int[] {10, 11, 12, 13, 14, 15}, null);
    assertThat(r.pairs()).containsExactly("(14) magnitude-in", "(11) magnitude-in");
    assertThat(r.survivors()).containsExactly(10, 12, 13, 15);
    double[] a = m.activations(0, d.x(), 25);
    double m4 = 0, m1 = 0;
    for (int p = 0; p < 25; p++) {
      m4 += a[p * 6 + 4] / 25;
      m1 += a[p * 6 + 1] / 25;
    }
    assertThat(r.actions().get(0).beta()).isCloseTo(m4, within(1e-15));
    Mlp expected = MlpSurgery.removeToBias(m, 0, new int[] {4, 1}, new double[] {r.actions().get(0).beta(), r.actions().get(1).beta()});
    assertThat(r.model()).isEqualTo(expected);
    assertThat(expected.layer(1).b()[0]).isCloseTo(m.layer(1).b()[0] + m.layer(1).weight(0, 4) * m4 + m.layer(1).weight(0, 1) * m1, within(1e-14));
    assertThat(m).isEqualTo(before);
  }

  @Test
  void randomIsSeededAndNeverEmptiesTheLayer() {
    SplittableRandom rng = new SplittableRandom(91);
    Mlp m = Nets.random(new int[] {3, 8, 2}, Activation.SIGMOID, rng, 1.0);
    Dataset d = Nets.dataset("p", 10, 3, 2, rng);
    CriterionPruner p = new CriterionPruner(Criteria.random());
    Set<List<String>> seen = new HashSet<>();
    for (long seed = 0; seed < 10; seed++) {
      List<String> a = p.step(T0, m, d, 2, false, null, new SplittableRandom(seed)).pairs();
      assertThat(p.step(T0, m, d, 2, false, null, new SplittableRandom(seed)).pairs()).isEqualTo(a);
      seen.add(a);
    }
    assertThat(seen.size()).isGreaterThan(3);
    assertThat(p.step(T0, m, d, 100, false, null, new SplittableRandom(1)).model().layer(0).out()).isEqualTo(1);
  }

  @Test
  void namesParse() {
    for (String n : Criteria.NAMES) assertThat(Criteria.parse(n).name()).isEqualTo(n);
    assertThat(Criteria.method("distinctiveness", PrunerConfig.defaults())).isInstanceOf(DistinctivenessPruner.class);
    assertThatThrownBy(() -> Criteria.parse("nope")).hasMessageContaining("unknown criterion");
  }
}
