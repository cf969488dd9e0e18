package org.distinct.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.SequenceDataset;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.model.Conv1dLayer;
import org.distinct.train.Conv1dReference;
import org.distinct.train.Conv1dTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Exactness of Conv1D channel surgery (double precision), and where the bias fold is only an approximation. */
class Conv1dSurgeryTest {

  static List<Arguments> layersPoolsActivations() {
    List<Arguments> a = new ArrayList<>();
    for (int l = 0; l < 2; l++)
      for (Conv1d.Pool p : Conv1d.Pool.values()) for (Activation f : new Activation[] {Activation.RELU, Activation.TANH}) a.add(Arguments.of(l, p, f));
    return a;
  }

  private static double[] column(double[] a, int h, int u) {
    double[] c = new double[a.length / h];
    for (int p = 0; p < c.length; p++) c[p] = a[p * h + u];
    return c;
  }

  private static double[] withoutColumn(double[] a, int h, int u) {
    return RnnNets.columns(a, h, RnnNets.without(h, u));
  }

  @ParameterizedTest(name = "layer {0} {1} {2}")
  @MethodSource("layersPoolsActivations")
  void mergingAPlantedCloneChannelLeavesTheLogitsUnchanged(int layer, Conv1d.Pool pool, Activation act) {
    Conv1d base = Conv1dNets.random(act, pool, 2, 11 + layer);
    SequenceDataset d = Conv1dNets.data(8, 2, 12);
    int src = 2;
    Conv1d planted = Conv1dNets.withClone(base, layer, src, 0.3);
    Conv1d before = planted.copy();
    int h = planted.layer(layer).out();
    int j = h - 1;
    double[] a = planted.activations(layer, d.series());
    assertThat(column(a, h, j)).containsExactly(column(a, h, src));
    assertThat(Conv1dNets.maxAbsDiff(planted.logits(d), base.logits(d))).isLessThanOrEqualTo(1e-12);

    Conv1d merged = Conv1dSurgery.merge(planted, layer, src, j, 1.0, 0.0);
    assertThat(merged.sizes()).containsExactly(base.sizes());
    assertThat(merged.parameterCount()).isEqualTo(base.parameterCount());
    assertThat(Conv1dNets.maxAbsDiff(merged.logits(d), planted.logits(d))).isLessThanOrEqualTo(1e-12);
    assertThat(Conv1dNets.maxAbsDiff(merged.referenceLogits(d.series()), planted.referenceLogits(d.series()))).isLessThanOrEqualTo(1e-12);
    // the pruned layer's other channels are untouched, bit for bit; the layers above see the same input
    assertThat(merged.activations(layer, d.series())).containsExactly(withoutColumn(a, h, j));
    for (int l = layer + 1; l < merged.layerCount(); l++)
      assertThat(Conv1dNets.maxAbsDiff(merged.activations(l, d.series()), planted.activations(l, d.series()))).isLessThanOrEqualTo(1e-12);
    // the mean-corrected merge has β = mean(a_j) − mean(a_src) = 0 exactly; keeping the clone is just as exact
    Conv1d other = Conv1dSurgery.merge(planted, layer, j, src, 1.0, 0.0);
    assertThat(Conv1dNets.maxAbsDiff(other.logits(d), planted.logits(d))).isLessThanOrEqualTo(1e-12);
    // while dropping the clone without moving its outgoing weights is not exact
    Conv1d dropped = Conv1dSurgery.removeToBias(planted, layer, new int[] {j}, new double[] {0});
    assertThat(Conv1dNets.maxAbsDiff(dropped.logits(d), planted.logits(d))).isGreaterThan(1e-4);
    assertThat(planted).isEqualTo(before);
  }

  @ParameterizedTest(name = "layer {0} {1}")
  @MethodSource("layersAndPools")
  void aScaledReluChannelMergesExactlyWithItsFactorForBothPoolings(int layer, Conv1d.Pool pool) {
    Conv1d planted = Conv1dNets.withScaled(Conv1dNets.random(Activation.RELU, pool, 1, 21 + layer), layer, 1, 2.0);
    SequenceDataset d = Conv1dNets.data(8, 1, 22);
    int h = planted.layer(layer).out();
    double[] a = planted.activations(layer, d.series());
    double[] twice = column(a, h, 1);
    for (int i = 0; i < twice.length; i++) twice[i] *= 2;
    assertThat(column(a, h, h - 1)).containsExactly(twice);
    Conv1d merged = Conv1dSurgery.merge(planted, layer, 1, h - 1, 2.0, 0.0);
    assertThat(Conv1dNets.maxAbsDiff(merged.logits(d), planted.logits(d))).isLessThanOrEqualTo(1e-12);
  }

  static List<Arguments> layersAndPools() {
    List<Arguments> a = new ArrayList<>();
    for (int l = 0; l < 2; l++) for (Conv1d.Pool p : Conv1d.Pool.values()) a.add(Arguments.of(l, p));
    return a;
  }

  @Test
  void aNegatedChannelMergesExactlyUnderAveragePoolingButNotUnderMaxPooling() {
    SequenceDataset d = Conv1dNets.data(8, 2, 31);
    for (Conv1d.Pool pool : Conv1d.Pool.values()) {
      Conv1d planted = Conv1dNets.withScaled(Conv1dNets.random(Activation.TANH, pool, 2, 32), 1, 3, -1.0);
      int h = planted.layer(1).out();
      double[] a = planted.activations(1, d.series());
      double[] neg = column(a, h, 3);
      for (int i = 0; i < neg.length; i++) neg[i] = -neg[i];
      assertThat(Conv1dNets.maxAbsDiff(column(a, h, h - 1), neg)).isLessThanOrEqualTo(1e-15);
      double diff = Conv1dNets.maxAbsDiff(Conv1dSurgery.merge(planted, 1, 3, h - 1, -1.0, 0.0).logits(d), planted.logits(d));
      if (pool == Conv1d.Pool.AVG) assertThat(diff).as("average pooling is linear").isLessThanOrEqualTo(1e-12);
      else assertThat(diff).as("max of −a is −min of a").isGreaterThan(1e-4);
    }
  }

  @ParameterizedTest
  @EnumSource(Conv1d.Pool.class)
  void aConstantChannelOfTheLastLayerIsRemovedExactlyByItsBiasFold(Conv1d.Pool pool) {
    for (Activation act : new Activation[] {Activation.RELU, Activation.TANH}) {
      Conv1d planted = Conv1dNets.withConstant(Conv1dNets.random(act, pool, 2, 41), 1, 0.4, 2);
      SequenceDataset d = Conv1dNets.data(8, 2, 42);
      int h = planted.layer(1).out();
      double value = act.apply(0.4);
      for (double v : column(planted.activations(1, d.series()), h, h - 1)) assertThat(v).isEqualTo(value);
      Conv1d pruned = Conv1dSurgery.removeToBias(planted, 1, new int[] {h - 1}, new double[] {value});
      assertThat(Conv1dNets.maxAbsDiff(pruned.logits(d), planted.logits(d))).isLessThanOrEqualTo(1e-12);
    }
  }

  @Test
  void theBiasFoldIntoTheNextConvolutionIsExactAtInteriorPositionsAndOnlyThere() {
    SequenceDataset d = Conv1dNets.data(8, 2, 51);
    double value = Math.tanh(0.4);
    // the next layer pads (padding 2): border positions see the padding, where the constant channel contributed 0
    Conv1d padded = Conv1dNets.withConstant(Conv1dNets.random(Activation.TANH, Conv1d.Pool.AVG, 2, 52), 0, 0.4, 1);
    int h = padded.layer(0).out();
    Conv1d pruned = Conv1dSurgery.removeToBias(padded, 0, new int[] {h - 1}, new double[] {value});
    Conv1dLayer next = padded.layer(1);
    double interior = 0;
    double border = 0;
    for (double[] x : d.series()) {
      double[] a = Conv1dReference.forward(padded, x).activations().get(1);
      double[] b = Conv1dReference.forward(pruned, x).activations().get(1);
      int in = Conv1dReference.forward(padded, x).positions()[0];
      for (int q = 0; q < a.length / next.out(); q++) {
        int first = q * next.stride() - next.padding();
        boolean inside = first >= 0 && first + next.kernel() - 1 < in;
        for (int o = 0; o < next.out(); o++) {
          double diff = Math.abs(a[q * next.out() + o] - b[q * next.out() + o]);
          if (inside) interior = Math.max(interior, diff);
          else border = Math.max(border, diff);
        }
      }
    }
    assertThat(interior).isLessThanOrEqualTo(1e-12);
    assertThat(border).isGreaterThan(1e-4);
    // without padding in the next layer every position is interior: the fold is exact
    Conv1d.Spec spec = Conv1dTestData.spec(Activation.TANH, Conv1d.Pool.AVG, new int[] {3, 4}, new int[] {1, 2}, new int[] {1, 0});
    Conv1d unpadded = Conv1dNets.withConstant(Conv1dTestData.random(2, new int[] {4, 5}, 3, spec, 0.8, new SplittableRandom(53)), 0, 0.4, 1);
    Conv1d exact = Conv1dSurgery.removeToBias(unpadded, 0, new int[] {h - 1}, new double[] {value});
    assertThat(Conv1dNets.maxAbsDiff(exact.logits(d), unpadded.logits(d))).isLessThanOrEqualTo(1e-12);
  }

  @Test
  void foldsMoveTheDocumentedWeights() {
    Conv1d m = Conv1dNets.random(Activation.RELU, Conv1d.Pool.AVG, 2, 61);
    // layer 0 channel 3 merged into channel 1 with α, β: w1[o, 1, j] += α·w1[o, 3, j], b1[o] += β·Σ_j w1[o, 3, j]
    double alpha = 0.7;
    double beta = -0.2;
    Conv1d r = Conv1dSurgery.merge(m, 0, 1, 3, alpha, beta);
    Conv1dLayer n = m.layer(1);
    Conv1dLayer rn = r.layer(1);
    int k = n.kernel();
    assertThat(rn.in()).isEqualTo(3);
    for (int o = 0; o < n.out(); o++) {
      double sum = 0;
      for (int j = 0; j < k; j++) sum += n.w()[(o * 4 + 3) * k + j];
      assertThat(rn.b()[o]).isEqualTo(n.b()[o] + beta * sum);
      for (int j = 0; j < k; j++) {
        assertThat(rn.w()[(o * 3 + 1) * k + j]).isEqualTo(n.w()[(o * 4 + 1) * k + j] + alpha * n.w()[(o * 4 + 3) * k + j]);
        assertThat(rn.w()[(o * 3 + 0) * k + j]).isEqualTo(n.w()[(o * 4 + 0) * k + j]);
        assertThat(rn.w()[(o * 3 + 2) * k + j]).isEqualTo(n.w()[(o * 4 + 2) * k + j]);
      }
    }
    int per = m.layer(0).in() * m.layer(0).kernel();
    assertThat(r.layer(0).out()).isEqualTo(3);
    for (int i = 0; i < per; i++) assertThat(r.layer(0).w()[2 * per + i]).isEqualTo(m.layer(0).w()[2 * per + i]);
    // the last layer: W_out[c, k] += α·W_out[c, r], b_out[c] += β·W_out[c, r]
    Conv1d q = Conv1dSurgery.merge(m, 1, 0, 4, alpha, beta);
    for (int c = 0; c < 3; c++) {
      assertThat(q.wOut()[c * 4]).isEqualTo(m.wOut()[c * 5] + alpha * m.wOut()[c * 5 + 4]);
      assertThat(q.bOut()[c]).isEqualTo(m.bOut()[c] + beta * m.wOut()[c * 5 + 4]);
    }
  }

  @Test
  void badSurgeryIsRefused() {
    Conv1d m = Conv1dNets.random(Activation.RELU, Conv1d.Pool.MAX, 2, 71);
    assertThatThrownBy(() -> Conv1dSurgery.apply(m, 2, List.of(UnitFold.toBias(0, 0)))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("layer 2 does not exist (the Conv1D has 2 layer(s))");
    assertThatThrownBy(() -> Conv1dSurgery.apply(m, 0, List.of(UnitFold.toBias(4, 0)))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("channel 4 of layer 0 does not exist (the layer has 4)");
    assertThatThrownBy(() -> Conv1dSurgery.apply(m, 0, List.of(UnitFold.toBias(1, 0), UnitFold.toBias(1, 0))))
        .hasMessage("channel 1 of layer 0 is removed twice");
    assertThatThrownBy(() -> Conv1dSurgery.apply(m, 1, List.of(UnitFold.toBias(1, 0), UnitFold.merge(1, 2, 1, 0))))
        .hasMessage("channel 2 is merged into channel 1 of layer 1, already removed");
    List<UnitFold> all = new ArrayList<>();
    for (int u = 0; u < 4; u++) all.add(UnitFold.toBias(u, 0));
    assertThatThrownBy(() -> Conv1dSurgery.apply(m, 0, all)).hasMessage("cannot remove all 4 channels of layer 0");
    assertThatThrownBy(() -> Conv1dSurgery.removeToBias(m, 0, new int[] {1}, new double[0])).isInstanceOf(IllegalArgumentException.class);
  }
}
