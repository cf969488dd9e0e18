package org.distinct.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.distinct.BadInputException;
import org.distinct.train.RnnTestData;
import org.junit.jupiter.api.Test;

/**
 * {@link Conv1d} and {@link Conv1dLayer}: the fast double inference against the textbook loops (channel counts below,
 * at and above the vector length, many positions, any thread count), output lengths and the shortest sequence,
 * PyTorch's initialisation bounds, and the checks of the constructors.
 */
class Conv1dTest {

  private static Conv1d random(int in, int[] channels, Conv1d.Spec spec, long seed) {
    return Conv1d.initialize(in, channels, 3, spec, new SplittableRandom(seed));
  }

  @Test
  void fastInferenceAgreesWithTheTextbookLoopsForAnyThreadCount() {
    Object[][] cases = {
      {1, new int[] {16, 16}, new Conv1d.Spec(new int[] {5, 5}, new int[] {2, 2}, new int[] {2, 2}, Activation.RELU, Conv1d.Pool.AVG)},
      {3, new int[] {17, 33}, new Conv1d.Spec(new int[] {4, 3}, new int[] {1, 3}, new int[] {1, 2}, Activation.TANH, Conv1d.Pool.MAX)},
      {2, new int[] {9, 8, 40}, new Conv1d.Spec(new int[] {7, 1, 2}, new int[] {3, 1, 1}, new int[] {3, 0, 1}, Activation.TANH, Conv1d.Pool.AVG)},
    };
    int seed = 0;
    for (Object[] c : cases) {
      int in = (int) c[0];
      Conv1d m = random(in, (int[]) c[1], (Conv1d.Spec) c[2], ++seed);
      List<double[]> xs = RnnTestData.sequences(new int[] {400, 37, m.minLength(), 250, 9, 128}, in, 10 + seed);
      double[] ref = m.referenceLogits(xs);
      double[] fast = m.logits(xs, 1);
      for (int i = 0; i < ref.length; i++) assertThat(Math.abs(fast[i] - ref[i])).as("%s logit %d", m, i).isLessThan(1e-12);
      assertThat(m.logits(xs, 3)).containsExactly(fast);
      for (int l = 0; l < m.layerCount(); l++) {
        double[] a = m.activations(l, xs);
        double[] r = m.referenceActivations(l, xs);
        assertThat(a).hasSameSizeAs(r);
        for (int i = 0; i < r.length; i++) assertThat(Math.abs(a[i] - r[i])).as("%s layer %d activation %d", m, l, i).isLessThan(1e-12);
      }
    }
  }

  @Test
  void outputLengthsAndTheShortestSequenceFollowTheConvolutionFormula() {
    Conv1d m = random(1, new int[] {4, 4}, new Conv1d.Spec(new int[] {5, 4}, new int[] {2, 3}, new int[] {1, 0}, Activation.RELU, Conv1d.Pool.AVG), 4);
    for (int t = 1; t < 60; t++) {
      int l0 = (t + 2 - 5) < 0 ? 0 : (t + 2 - 5) / 2 + 1;
      int l1 = l0 - 4 < 0 ? 0 : (l0 - 4) / 3 + 1;
      assertThat(m.outputLengths(t)).containsExactly(l0, l1);
      assertThat(t >= m.minLength()).as("steps %d", t).isEqualTo(l1 >= 1);
    }
    assertThat(m.spec().minLength()).isEqualTo(m.minLength());
    List<double[]> xs = RnnTestData.sequences(new int[] {20, m.minLength() - 1}, 1, 5);
    assertThatThrownBy(() -> m.logits(xs)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("sequence 2 has " + (m.minLength() - 1) + " time step(s), fewer than the " + m.minLength());
    assertThatThrownBy(() -> m.activations(0, xs)).isInstanceOf(BadInputException.class);
    assertThat(m.logits(List.of(xs.get(0)))).hasSize(3);
  }

  @Test
  void initialisationDrawsWithinPyTorchsBoundsAndIsSeeded() {
    Conv1d.Spec spec = new Conv1d.Spec(new int[] {5, 3}, new int[] {2, 1}, new int[] {2, 1}, Activation.RELU, Conv1d.Pool.AVG);
    Conv1d m = random(2, new int[] {30, 20}, spec, 6);
    assertThat(random(2, new int[] {30, 20}, spec, 6)).isEqualTo(m);
    assertThat(random(2, new int[] {30, 20}, spec, 7)).isNotEqualTo(m);
    double[][] arrays = {m.layer(0).w(), m.layer(0).b(), m.layer(1).w(), m.layer(1).b(), m.wOut(), m.bOut()};
    double[] bounds = {1 / Math.sqrt(2 * 5), 1 / Math.sqrt(2 * 5), 1 / Math.sqrt(30 * 3), 1 / Math.sqrt(30 * 3), 1 / Math.sqrt(20), 1 / Math.sqrt(20)};
    for (int k = 0; k < arrays.length; k++) {
      double max = 0;
      for (double v : arrays[k]) max = Math.max(max, Math.abs(v));
      assertThat(max).as("array %d", k).isLessThanOrEqualTo(bounds[k]);
      if (arrays[k].length >= 60) assertThat(max).as("array %d fills its range", k).isGreaterThan(0.8 * bounds[k]);
    }
    assertThat(m.parameterCount()).isEqualTo(30 * 2 * 5 + 30 + 20 * 30 * 3 + 20 + 3 * 20 + 3);
    assertThat(m.sizes()).containsExactly(2, 30, 20, 3);
    assertThat(m.channels()).containsExactly(30, 20);
    assertThat(m.spec()).isEqualTo(spec);
    assertThat(m.copy()).isEqualTo(m).isNotSameAs(m);
  }

  @Test
  void constructorsRefuseWhatIsNotAConv1d() {
    double[] w = new double[4 * 2 * 3];
    assertThatThrownBy(() -> new Conv1dLayer(2, 4, 3, 1, 3, Activation.RELU, w, new double[4])).hasMessageContaining("padding must lie in 0..2");
    assertThatThrownBy(() -> new Conv1dLayer(2, 4, 3, 0, 1, Activation.RELU, w, new double[4])).hasMessageContaining("stride");
    assertThatThrownBy(() -> new Conv1dLayer(2, 4, 3, 1, 1, Activation.SIGMOID, w, new double[4])).hasMessageContaining("relu or tanh");
    assertThatThrownBy(() -> new Conv1dLayer(2, 4, 3, 1, 1, Activation.RELU, new double[5], new double[4])).hasMessageContaining("w has 5 values");
    Conv1dLayer a = new Conv1dLayer(2, 4, 3, 1, 1, Activation.RELU, w, new double[4]);
    Conv1dLayer b = new Conv1dLayer(3, 2, 3, 1, 1, Activation.RELU, new double[2 * 3 * 3], new double[2]);
    assertThatThrownBy(() -> new Conv1d(List.of(a, b), Conv1d.Pool.AVG, new double[6], new double[3]))
        .hasMessage("layer 1 expects 3 input channels but layer 0 has 4");
    assertThatThrownBy(() -> new Conv1d(List.of(a), Conv1d.Pool.AVG, new double[5], new double[3])).hasMessageContaining("wOut has 5 values");
    assertThatThrownBy(() -> new Conv1d.Spec(new int[] {3}, new int[] {1, 1}, new int[] {1}, Activation.RELU, Conv1d.Pool.AVG))
        .hasMessageContaining("one entry per layer");
    assertThat(Conv1d.Pool.parse(" Max ")).isEqualTo(Conv1d.Pool.MAX);
    assertThat(Conv1d.Pool.parse("mean")).isEqualTo(Conv1d.Pool.AVG);
    assertThatThrownBy(() -> Conv1d.Pool.parse("sum")).hasMessage("unknown pooling 'sum' (avg, max)");
  }
}
