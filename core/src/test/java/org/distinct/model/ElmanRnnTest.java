package org.distinct.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.distinct.train.RnnReference;
import org.distinct.train.RnnTestData;
import org.junit.jupiter.api.Test;

class ElmanRnnTest {

  @Test
  void handWorkedTwoStepSequence() {
    // I = 1, H = 1, C = 2: h1 = tanh(w x1 + b), h2 = tanh(w x2 + u h1 + b), z = v h2 + c
    double w = 0.7, u = -0.4, b = 0.1;
    ElmanRnn m = new ElmanRnn(1, 1, 2, new double[] {w}, new double[] {u}, new double[] {b},
        new double[] {1.5, -2.0}, new double[] {0.25, 0.5});
    double x1 = 0.3, x2 = -0.8;
    double h1 = Math.tanh(w * x1 + b);
    double h2 = Math.tanh(w * x2 + u * h1 + b);
    double[] z = m.logits(List.of(new double[] {x1, x2}));
    assertThat(z[0]).isCloseTo(1.5 * h2 + 0.25, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(z[1]).isCloseTo(-2.0 * h2 + 0.5, org.assertj.core.data.Offset.offset(1e-15));
    double[] hs = m.hiddenStates(List.of(new double[] {x1, x2}), false);
    assertThat(hs).hasSize(2);
    assertThat(hs[0]).isCloseTo(h1, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(hs[1]).isCloseTo(h2, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(m.predict(List.of(new double[] {x1, x2}))[0]).isEqualTo(1.5 * h2 + 0.25 > -2.0 * h2 + 0.5 ? 0 : 1);
  }

  @Test
  void inferenceMatchesTheReferenceForUnequalLengthsAndAnyHiddenSize() {
    for (int hidden : new int[] {1, 7, 16, 50, 67}) {
      ElmanRnn m = ElmanRnn.initialize(2, hidden, 3, new SplittableRandom(hidden));
      int[] lengths = {1, 40, 17, 3};
      List<double[]> xs = RnnTestData.sequences(lengths, 2, 5 + hidden);
      double[] z = m.logits(xs);
      double[] hs = m.hiddenStates(xs, false);
      double[] last = m.hiddenStates(xs, true);
      assertThat(hs).hasSize(61 * hidden);
      assertThat(last).hasSize(4 * hidden);
      int row = 0;
      for (int s = 0; s < xs.size(); s++) {
        double[] ref = RnnReference.states(m, xs.get(s));
        double[] rz = RnnReference.logits(m, xs.get(s));
        for (int c = 0; c < 3; c++) assertThat(Math.abs(z[s * 3 + c] - rz[c])).isLessThan(1e-12);
        for (int t = 1; t <= lengths[s]; t++, row++)
          for (int i = 0; i < hidden; i++)
            assertThat(Math.abs(hs[row * hidden + i] - ref[t * hidden + i])).isLessThan(1e-12);
        for (int i = 0; i < hidden; i++)
          assertThat(last[s * hidden + i]).isEqualTo(hs[(row - 1) * hidden + i]);
      }
    }
  }

  @Test
  void logitsAreBitIdenticalForAnyNumberOfThreadsAndEqualOneByOne() {
    ElmanRnn m = ElmanRnn.initialize(1, 50, 3, new SplittableRandom(3));
    List<double[]> xs = RnnTestData.sequences(new int[] {30, 7, 45, 1, 18, 33, 2}, 1, 4);
    double[] one = m.logits(xs, 1);
    assertThat(m.logits(xs, 2)).containsExactly(one);
    assertThat(m.logits(xs, 5)).containsExactly(one);
    assertThat(m.logits(xs)).containsExactly(one);
    for (int s = 0; s < xs.size(); s++) {
      double[] alone = m.logits(List.of(xs.get(s)), 1);
      for (int c = 0; c < 3; c++) assertThat(alone[c]).isEqualTo(one[s * 3 + c]);
    }
  }

  @Test
  void initialisationFollowsPyTorchBoundsAndIsSeeded() {
    ElmanRnn a = ElmanRnn.initialize(1, 50, 3, new SplittableRandom(7));
    ElmanRnn b = ElmanRnn.initialize(1, 50, 3, new SplittableRandom(7));
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(ElmanRnn.initialize(1, 50, 3, new SplittableRandom(8)));
    double k = 1 / Math.sqrt(50);
    for (double[] p : new double[][] {a.wIh(), a.wHh(), a.wOut(), a.bOut()})
      for (double v : p) assertThat(Math.abs(v)).isLessThanOrEqualTo(k);
    for (double v : a.b()) assertThat(Math.abs(v)).isLessThanOrEqualTo(2 * k); // sum of two PyTorch biases
    assertThat(a.parameterCount()).isEqualTo(50 + 2500 + 50 + 150 + 3);
    assertThat(a.sizes()).containsExactly(1, 50, 3);
    assertThat(a.copy()).isEqualTo(a).isNotSameAs(a);
    assertThat(a.copy().wHh()).isNotSameAs(a.wHh());
  }

  @Test
  void rejectsWrongShapes() {
    assertThatThrownBy(() -> new ElmanRnn(1, 2, 3, new double[2], new double[3], new double[2], new double[6], new double[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wHh");
    assertThatThrownBy(() -> new ElmanRnn(0, 2, 3, new double[0], new double[4], new double[2], new double[6], new double[3]))
        .isInstanceOf(IllegalArgumentException.class);
    ElmanRnn m = ElmanRnn.initialize(2, 3, 2, new SplittableRandom(1));
    assertThatThrownBy(() -> m.logits(List.of(new double[3])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 2");
  }
}
