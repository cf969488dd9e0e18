package org.distinct.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.distinct.model.Conv1d;
import org.distinct.model.ElmanRnn;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedRnn;
import org.distinct.model.Mlp;
import org.distinct.model.SavedModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every supported graph that {@code torch.onnx.export} 1.13 writes (the committed fixtures: MLPs with Gemm and with
 * MatMul + Add, nn.RNN, nn.LSTM with one and two layers, batch- and time-first, nn.GRU alone and stacked, nn.Conv1d
 * stacks of 1 and 2 layers on 1, 2 and 3 channels with average and max pooling in the four ways torch writes them,
 * channels-first and batch-first, opsets 13–17) imports to the right kind and shape and gives PyTorch's float32 logits
 * on the fixed inputs within 1e-5 (Conv1D: sequences of different lengths, each run by PyTorch on its own).
 */
class OnnxFixturesTest {

  @ParameterizedTest
  @CsvSource({
    "mlp_gemm_sigmoid, mlp, 4-6-3, rows",
    "mlp_gemm_tanh_relu, mlp, 5-7-4-3, rows",
    "mlp_matmul, mlp, 3-5-2, rows",
    "rnn_tanh, rnn, 2-5-3, batch-first",
    "lstm_1, lstm, 2-5-3, batch-first",
    "lstm_2layer, lstm, 3-6-6-3, batch-first",
    "lstm_seqfirst, lstm, 2-4-2, time-first",
    "gru_1, gru, 2-5-3, batch-first",
    "gru_stacked, gru, 3-6-4-3, batch-first",
    "conv1d_mean_1ch, conv1d, 1-4-3, channels-first",
    "conv1d_amax_3ch, conv1d, 3-5-4-3, batch-first",
    "conv1d_gap_1ch, conv1d, 1-6-3-2, channels-first",
    "conv1d_gmp_3ch, conv1d, 3-4-3, batch-first",
    "conv1d_view_3ch, conv1d, 3-5-2, channels-first",
    "conv1d_bf_2ch, conv1d, 2-4-3, batch-first"
  })
  void importsPyTorchExportsWithTheirLogits(String name, String kind, String sizes, String layout) {
    Fixtures.Case c = Fixtures.load(name);
    SavedModel m = OnnxImporter.read(c.onnx(), name + ".onnx");
    assertThat(m.kind()).isEqualTo(kind);
    assertThat(sizes(m)).isEqualTo(sizes);
    ModelOrigin o = ModelOrigin.of(m);
    assertThat(o.inputLayout()).isEqualTo(layout);
    assertThat(o.opset()).isEqualTo(c.json().get("opset").intValue());
    assertThat(o.producer()).startsWith("pytorch 1.13");
    assertThat(o.assumed()).containsExactlyInAnyOrder(ModelOrigin.FEATURES, ModelOrigin.CLASSES, ModelOrigin.PREPROCESSING);
    assertThat(m.scaler()).isNull();
    double[] want = c.logits();
    double[] got = Fixtures.logits(m.network(), c.inputs());
    assertThat(got).hasSize(want.length);
    for (int i = 0; i < want.length; i++) assertThat(got[i]).as("logit %d of %s", i, name).isCloseTo(want[i], within(1e-5));
  }

  private static String sizes(SavedModel m) {
    int[] s = m.network() instanceof Mlp mlp ? mlp.sizes() : m.network() instanceof ElmanRnn r ? r.sizes()
        : m.network() instanceof Conv1d c ? c.sizes() : ((GatedRnn) m.network()).sizes();
    StringBuilder b = new StringBuilder();
    for (int v : s) b.append(b.length() == 0 ? "" : "-").append(v);
    return b.toString();
  }

  /** The gate blocks land where distinct's layout puts them: the 2-layer LSTM's and the stacked GRU's cells are right. */
  @ParameterizedTest
  @CsvSource({"lstm_2layer, LSTM", "gru_stacked, GRU"})
  void multiLayerNetworksKeepTheirCell(String name, GatedCell cell) {
    SavedModel m = OnnxImporter.read(Fixtures.load(name).onnx(), name);
    GatedRnn g = (GatedRnn) m.network();
    assertThat(g.layerCount()).isEqualTo(2);
    assertThat(List.of(g.layer(0).cell(), g.layer(1).cell())).containsOnly(cell);
  }

  /** Kernel sizes, strides, paddings, activations and pooling land where the torch modules put them. */
  @ParameterizedTest
  @CsvSource({
    "conv1d_mean_1ch, 'Spec[kernels=[3], strides=[1], paddings=[1], RELU, AVG]', RELU",
    "conv1d_amax_3ch, 'Spec[kernels=[5, 3], strides=[2, 1], paddings=[2, 0], RELU, MAX]', RELU TANH",
    "conv1d_gap_1ch, 'Spec[kernels=[5, 3], strides=[2, 1], paddings=[2, 1], TANH, AVG]', TANH RELU",
    "conv1d_gmp_3ch, 'Spec[kernels=[3], strides=[2], paddings=[0], RELU, MAX]', RELU",
    "conv1d_view_3ch, 'Spec[kernels=[3], strides=[1], paddings=[0], TANH, AVG]', TANH"
  })
  void convolutionsKeepTheirGeometry(String name, String spec, String activations) {
    Conv1d c = (Conv1d) OnnxImporter.read(Fixtures.load(name).onnx(), name).network();
    assertThat(c.spec().toString()).isEqualTo(spec);
    StringBuilder acts = new StringBuilder();
    for (int l = 0; l < c.layerCount(); l++) acts.append(l == 0 ? "" : " ").append(c.layer(l).activation());
    assertThat(acts.toString()).isEqualTo(activations);
  }
}
