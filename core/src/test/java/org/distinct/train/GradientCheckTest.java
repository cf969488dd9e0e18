package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.distinct.model.Activation;
import org.distinct.model.Mlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Central finite-difference checks (double precision) of every analytic gradient of the MLP workspace:
 * each layer with each activation, the loss, and a whole two-hidden-layer MLP.
 */
class GradientCheckTest {
  private static final double H = 1e-5;
  private static final double TOL = 1e-6;

  /** Relative error with a floor so that gradients that are exactly zero compare absolutely. */
  static double relErr(double a, double b) {
    return Math.abs(a - b) / Math.max(Math.max(Math.abs(a), Math.abs(b)), 1e-7);
  }

  /** Checks every parameter of the workspace against central differences of {@code loss}. */
  static double maxRelError(MlpWorkspace ws, DoubleSupplier loss, Runnable analytic) {
    analytic.run();
    double[] p = ws.parameters();
    double[] g = ws.gradients().clone();
    double worst = 0;
    for (int i = 0; i < p.length; i++) {
      double old = p[i];
      p[i] = old + H;
      ws.parametersChanged();
      double lp = loss.getAsDouble();
      p[i] = old - H;
      ws.parametersChanged();
      double lm = loss.getAsDouble();
      p[i] = old;
      ws.parametersChanged();
      double num = (lp - lm) / (2 * H);
      worst = Math.max(worst, relErr(g[i], num));
    }
    return worst;
  }

  /** Inputs whose hidden pre-activations stay at least 1e-3 away from 0 (ReLU's kink). */
  private static double[] inputsAwayFromKinks(Mlp m, int n, SplittableRandom rng) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      double[] x = TestData.uniform(n * m.inputSize(), -1, 1, rng);
      boolean ok = true;
      double[] cur = x;
      for (int l = 0; l < m.hiddenLayerCount() && ok; l++) {
        var d = m.layer(l);
        for (int r = 0; r < n && ok; r++)
          for (int o = 0; o < d.out(); o++) {
            double z = d.b()[o];
            for (int i = 0; i < d.in(); i++) z += d.weight(o, i) * cur[r * d.in() + i];
            if (Math.abs(z) < 1e-3) {
              ok = false;
              break;
            }
          }
        cur = m.activations(l, x, n);
      }
      if (ok) return x;
    }
    throw new IllegalStateException("no inputs away from kinks found");
  }

  /** One hidden layer with the given activation: loss = Σ logits ⊙ G for a fixed random G (tests the layers alone). */
  @ParameterizedTest
  @EnumSource(Activation.class)
  void layerGradientsMatchFiniteDifferences(Activation act) {
    SplittableRandom rng = new SplittableRandom(11 + act.ordinal());
    Mlp m = act == Activation.IDENTITY
        ? new Mlp(List.of(
            org.distinct.model.DenseLayer.initialize(4, 6, Activation.IDENTITY, rng.split()),
            org.distinct.model.DenseLayer.initialize(6, 3, Activation.IDENTITY, rng.split())))
        : Mlp.initialize(4, new int[] {6}, 3, act, rng.split());
    int n = 5;
    double[] x = inputsAwayFromKinks(m, n, rng);
    double[] gOut = TestData.uniform(n * 3, -1, 1, rng);
    MlpWorkspace ws = new MlpWorkspace(m, n);
    DoubleSupplier loss = () -> {
      double[] z = ws.forward(x, 0, n);
      double s = 0;
      for (int i = 0; i < n * 3; i++) s += z[i] * gOut[i];
      return s;
    };
    double err = maxRelError(ws, loss, () -> {
      ws.forward(x, 0, n);
      ws.backwardFrom(gOut);
    });
    assertThat(err).isLessThan(TOL);
  }

  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"SIGMOID", "TANH", "RELU"})
  void oneHiddenLayerWithLoss(Activation act) {
    SplittableRandom rng = new SplittableRandom(100 + act.ordinal());
    Mlp m = Mlp.initialize(5, new int[] {7}, 3, act, rng.split());
    int n = 8;
    double[] x = inputsAwayFromKinks(m, n, rng);
    int[] y = TestData.labels(n, 3, rng);
    MlpWorkspace ws = new MlpWorkspace(m, n);
    DoubleSupplier loss = () -> SoftmaxCrossEntropy.meanLoss(ws.forward(x, 0, n), y, n, 3);
    double err = maxRelError(ws, loss, () -> {
      ws.forward(x, 0, n);
      ws.lossAndBackward(y);
    });
    assertThat(err).isLessThan(TOL);
  }

  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"SIGMOID", "TANH", "RELU"})
  void twoHiddenLayerMlpWithLoss(Activation act) {
    SplittableRandom rng = new SplittableRandom(200 + act.ordinal());
    Mlp m = Mlp.initialize(6, new int[] {7, 5}, 4, act, rng.split());
    int n = 9;
    double[] x = inputsAwayFromKinks(m, n, rng);
    int[] y = TestData.labels(n, 4, rng);
    for (var kernels : List.of(org.distinct.tensor.DenseKernelsProvider.plain(), org.distinct.tensor.DenseKernelsProvider.get())) {
      MlpWorkspace ws = new MlpWorkspace(m, 16, kernels); // capacity larger than the batch
      DoubleSupplier loss = () -> SoftmaxCrossEntropy.meanLoss(ws.forward(x, 0, n), y, n, 4);
      double err = maxRelError(ws, loss, () -> {
        ws.forward(x, 0, n);
        ws.lossAndBackward(y);
      });
      assertThat(err).as(kernels.name()).isLessThan(TOL);
    }
  }

  @Test
  void lossGradientWithRespectToLogits() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 6;
    int c = 4;
    double[] z = TestData.uniform(n * c, -3, 3, rng);
    int[] y = TestData.labels(n, c, rng);
    double[] g = new double[n * c];
    SoftmaxCrossEntropy.lossAndGradient(z, y, n, c, g);
    for (int i = 0; i < z.length; i++) {
      double old = z[i];
      z[i] = old + H;
      double lp = SoftmaxCrossEntropy.meanLoss(z, y, n, c);
      z[i] = old - H;
      double lm = SoftmaxCrossEntropy.meanLoss(z, y, n, c);
      z[i] = old;
      assertThat(relErr(g[i], (lp - lm) / (2 * H))).as("logit %d", i).isLessThan(TOL);
    }
  }
}
