package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference checks (double, central differences) of {@link Conv1dReference}: every parameter tensor of one-
 * and two-layer networks with strides and paddings, ReLU and tanh, average and max pooling, one and three input
 * channels; and the activation gradients of every layer against perturbations of single activations.
 */
class Conv1dGradientCheckTest {
  private static final int[] LENGTHS = {9, 4, 15, 6, 11};
  private static final double H = 1e-5;

  static List<Arguments> cases() {
    return List.of(
        Arguments.of(Activation.TANH, Conv1d.Pool.AVG, 1, new int[] {4, 3}, new int[] {3, 2}, new int[] {1, 2}, new int[] {1, 1}),
        Arguments.of(Activation.TANH, Conv1d.Pool.MAX, 3, new int[] {4, 3}, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 0}),
        Arguments.of(Activation.RELU, Conv1d.Pool.AVG, 3, new int[] {5, 4}, new int[] {4, 3}, new int[] {1, 2}, new int[] {2, 1}),
        Arguments.of(Activation.RELU, Conv1d.Pool.MAX, 1, new int[] {5}, new int[] {3}, new int[] {2}, new int[] {1}));
  }

  private static Conv1d model(Activation act, Conv1d.Pool pool, int in, int[] ch, int[] k, int[] s, int[] p, long seed) {
    return Conv1dTestData.random(in, ch, 3, Conv1dTestData.spec(act, pool, k, s, p), 0.8, new SplittableRandom(seed));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void parameterGradientsMatchCentralDifferences(Activation act, Conv1d.Pool pool, int in, int[] ch, int[] k, int[] s, int[] p) {
    Conv1d m = model(act, pool, in, ch, k, s, p, 11);
    List<double[]> xs = RnnTestData.sequences(LENGTHS, in, 12);
    int[] y = RnnTestData.labels(LENGTHS.length, 3, 13);
    Conv1dReference.Gradients g = Conv1dReference.lossAndGradients(m, xs, y);
    assertThat(g.loss()).isEqualTo(Conv1dReference.loss(m, xs, y));
    List<double[]> analytic = Conv1dTestData.grads(g);
    List<String> names = Conv1dTestData.names(m);
    for (int t = 0; t < analytic.size(); t++) {
      double[] a = analytic.get(t);
      double diff = 0;
      double norm = 0;
      for (int i = 0; i < a.length; i++) {
        Conv1d plus = m.copy();
        Conv1d minus = m.copy();
        Conv1dTestData.params(plus).get(t)[i] += H;
        Conv1dTestData.params(minus).get(t)[i] -= H;
        double numeric = (Conv1dReference.loss(plus, xs, y) - Conv1dReference.loss(minus, xs, y)) / (2 * H);
        diff += (numeric - a[i]) * (numeric - a[i]);
        norm = Math.max(norm, Math.max(Math.abs(numeric), Math.abs(a[i])));
        assertThat(Math.abs(numeric - a[i])).as("%s[%d]: numeric %s analytic %s", names.get(t), i, numeric, a[i])
            .isLessThan(1e-6 * Math.max(Math.abs(a[i]), 1e-2));
      }
      assertThat(norm).as("%s gradient is not trivially zero", names.get(t)).isGreaterThan(1e-4);
      assertThat(Math.sqrt(diff) / norm).as("relative error of %s", names.get(t)).isLessThan(1e-6);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void activationGradientsAreTheDerivativesOfEachSequencesLoss(Activation act, Conv1d.Pool pool, int in, int[] ch, int[] k, int[] s, int[] p) {
    Conv1d m = model(act, pool, in, ch, k, s, p, 21);
    List<double[]> xs = RnnTestData.sequences(LENGTHS, in, 22);
    int[] y = RnnTestData.labels(LENGTHS.length, 3, 23);
    double eps = 1e-6;
    for (int l = 0; l < m.layerCount(); l++) {
      int h = m.layer(l).out();
      double maxG = 0;
      for (int q = 0; q < xs.size(); q++) {
        Conv1dReference.Trace tr = Conv1dReference.forward(m, xs.get(q));
        double[] a = tr.activations().get(l);
        int positions = tr.positions()[l];
        double[] g = Conv1dReference.activationGradients(m, xs.get(q), y[q], l);
        assertThat(g).hasSameSizeAs(a);
        for (int i = 0; i < a.length; i++) {
          if (l == m.layerCount() - 1 && tiedMaximum(m, a, positions, h, i % h)) continue; // max pooling is not differentiable there
          double[] up = a.clone();
          double[] down = a.clone();
          up[i] += eps;
          down[i] -= eps;
          double fd = (RnnReference.crossEntropy(Conv1dReference.logitsFrom(m, l, up, positions), y[q])
              - RnnReference.crossEntropy(Conv1dReference.logitsFrom(m, l, down, positions), y[q])) / (2 * eps);
          assertThat(g[i]).as("layer %d sequence %d position %d channel %d", l, q, i / h, i % h).isCloseTo(fd, within(1e-8));
          maxG = Math.max(maxG, Math.abs(fd));
        }
      }
      assertThat(maxG).as("layer %d: the check is not vacuous", l).isGreaterThan(1e-3);
      // the batch form stacks the sequences in the order of Conv1d.activations
      double[] all = Conv1dReference.activationGradients(m, xs, y, l);
      assertThat(all).hasSameSizeAs(m.activations(l, xs));
    }
  }

  /** Whether max pooling sees channel o's maximum at two positions or more (e.g. a ReLU channel that is 0 everywhere). */
  private static boolean tiedMaximum(Conv1d m, double[] a, int positions, int h, int o) {
    if (m.pool() != Conv1d.Pool.MAX) return false;
    double max = Double.NEGATIVE_INFINITY;
    for (int q = 0; q < positions; q++) max = Math.max(max, a[q * h + o]);
    int count = 0;
    for (int q = 0; q < positions; q++) if (a[q * h + o] == max) count++;
    return count > 1;
  }
}
