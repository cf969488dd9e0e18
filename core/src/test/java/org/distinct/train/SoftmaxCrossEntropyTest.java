package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {

  @Test
  void equalLogitsGiveLogOfClassCount() {
    double[] z = {0, 0, 0, 5, 5, 5};
    assertThat(SoftmaxCrossEntropy.meanLoss(z, new int[] {0, 2}, 2, 3)).isCloseTo(Math.log(3), offset(1e-15));
  }

  @Test
  void handWorkedTwoClassRow() {
    // z = (ln 3, 0): softmax = (3/4, 1/4); loss for label 1 = ln 4; gradient = (3/4, 1/4 - 1)
    double[] z = {Math.log(3), 0};
    double[] g = new double[2];
    double loss = SoftmaxCrossEntropy.lossAndGradient(z, new int[] {1}, 1, 2, g);
    assertThat(loss).isCloseTo(Math.log(4), offset(1e-15));
    assertThat(g[0]).isCloseTo(0.75, offset(1e-15));
    assertThat(g[1]).isCloseTo(-0.75, offset(1e-15));
  }

  @Test
  void stableForHugeLogits() {
    double[] z = {1000, -1000, 0, -1000, 1000, 999};
    double[] g = new double[6];
    double loss = SoftmaxCrossEntropy.lossAndGradient(z, new int[] {0, 2}, 2, 3, g);
    // row 0: ~0; row 1: 1000 + log(1 + e^-1) - 999
    double expected = (0 + 1 + Math.log1p(Math.exp(-1))) / 2;
    assertThat(loss).isCloseTo(expected, offset(1e-12));
    for (double v : g) assertThat(Double.isFinite(v)).isTrue();
  }

  @Test
  void gradientRowsSumToZeroAndLossMatchesMeanLoss() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 7;
    int c = 3;
    double[] z = TestData.uniform(n * c, -5, 5, rng);
    int[] y = TestData.labels(n, c, rng);
    double[] g = new double[n * c];
    double l = SoftmaxCrossEntropy.lossAndGradient(z, y, n, c, g);
    assertThat(l).isEqualTo(SoftmaxCrossEntropy.meanLoss(z, y, n, c));
    for (int r = 0; r < n; r++) assertThat(g[r * c] + g[r * c + 1] + g[r * c + 2]).isCloseTo(0, offset(1e-16));
    // gradient may overwrite the logits in place
    double l2 = SoftmaxCrossEntropy.lossAndGradient(z, y, n, c, z);
    assertThat(l2).isEqualTo(l);
    assertThat(z).containsExactly(g);
  }
}
