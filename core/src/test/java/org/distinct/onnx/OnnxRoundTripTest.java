package org.distinct.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distinct.data.MinMaxScaler;
import org.distinct.family.Conv1dConfig;
import org.distinct.model.ModelFile;
import org.distinct.model.SavedModel;
import org.distinct.train.MlpTrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * onnx → json → onnx keeps every weight bit for bit (the Elman RNN's two biases become their sum, the model-file layout),
 * a second round trip gives the same bytes, and names, classes, scaler, training configuration (as Jackson writes and reads
 * it) and seed survive as metadata while an imported graph's assumed parts stay assumed.
 */
class OnnxRoundTripTest {

  /** The weights of a graph in node order, in a layout that does not depend on the exporter: float32 bits. */
  static List<int[]> weights(byte[] onnx) throws Exception {
    ModelProto m = ModelProto.parseFrom(onnx);
    Map<String, Tensors.Constant> init = new HashMap<>();
    for (TensorProto t : m.getGraph().getInitializerList()) init.put(t.getName(), Tensors.read(t));
    List<int[]> out = new ArrayList<>();
    for (NodeProto n : m.getGraph().getNodeList()) {
      switch (n.getOpType()) {
        case "Gemm" -> {
          Tensors.Constant w = init.get(n.getInput(1));
          boolean transB = GraphInterpreter.intAttr(n, "transB", 0) == 1;
          out.add(bits(transB ? w.values() : GraphInterpreter.transposed(w.values(), (int) w.dims()[0], (int) w.dims()[1])));
          out.add(bits(init.get(n.getInput(2)).values()));
        }
        case "MatMul" -> {
          Tensors.Constant w = init.get(n.getInput(1));
          out.add(bits(GraphInterpreter.transposed(w.values(), (int) w.dims()[0], (int) w.dims()[1])));
        }
        case "Add" -> out.add(bits(init.get(n.getInput(1)).values()));
        case "RNN", "LSTM", "GRU" -> {
          for (int i = 1; i <= 3; i++) out.add(bits(init.get(n.getInput(i)).values()));
        }
        case "Conv" -> {
          for (int i = 1; i < n.getInputCount(); i++) out.add(bits(init.get(n.getInput(i)).values()));
        }
        default -> { }
      }
    }
    return out;
  }

  static int[] bits(double[] v) {
    int[] b = new int[v.length];
    for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits((float) v[i]);
    return b;
  }

  static byte[] viaJson(byte[] onnx) {
    SavedModel m = OnnxImporter.read(onnx, "in.onnx");
    return OnnxExporter.toBytes(ModelFile.fromJson(ModelFile.toJson(m), "m.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp_gemm_sigmoid", "mlp_gemm_tanh_relu", "mlp_matmul", "lstm_1", "lstm_2layer", "lstm_seqfirst", "gru_1",
      "gru_stacked", "conv1d_mean_1ch", "conv1d_amax_3ch", "conv1d_gap_1ch", "conv1d_gmp_3ch", "conv1d_view_3ch", "conv1d_bf_2ch"})
  void onnxToJsonToOnnxKeepsEveryWeightBitForBit(String name) throws Exception {
    byte[] torch = Fixtures.load(name).onnx();
    byte[] ours = viaJson(torch);
    List<int[]> want = weights(torch);
    List<int[]> got = weights(ours);
    assertThat(got).hasSameSizeAs(want);
    for (int i = 0; i < want.size(); i++) assertThat(got.get(i)).as("weight tensor %d of %s", i, name).isEqualTo(want.get(i));
    assertThat(viaJson(ours)).as("a second round trip writes the same bytes").isEqualTo(ours);
  }

  @Test
  void theElmanRnnKeepsItsWeightsAndTheSumOfItsBiases() throws Exception {
    byte[] torch = Fixtures.load("rnn_tanh").onnx();
    byte[] ours = viaJson(torch);
    List<int[]> want = weights(torch);
    List<int[]> got = weights(ours);
    assertThat(got.get(0)).isEqualTo(want.get(0));
    assertThat(got.get(1)).isEqualTo(want.get(1));
    int h = want.get(0).length / 2; // W is [1 × H × 2]
    int[] b = want.get(2);
    for (int u = 0; u < h; u++) {
      double sum = (double) Float.intBitsToFloat(b[u]) + Float.intBitsToFloat(b[h + u]);
      assertThat(got.get(2)[u]).isEqualTo(Float.floatToRawIntBits((float) sum));
      assertThat(got.get(2)[h + u]).isEqualTo(Float.floatToRawIntBits(0f));
    }
    assertThat(got.subList(3, got.size())).containsExactlyElementsOf(want.subList(3, want.size()));
    assertThat(viaJson(ours)).isEqualTo(ours);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "rnn", "lstm", "gru", "conv1d"})
  void namesScalerTrainingAndSeedTravelAsMetadata(String kind) {
    SavedModel m = OnnxRuntimeTest.saved(OnnxRuntimeTest.network(kind, 3));
    SavedModel back = OnnxImporter.read(OnnxExporter.toBytes(m), "m.onnx");
    assertThat(back.featureNames()).isEqualTo(m.featureNames());
    assertThat(back.classNames()).isEqualTo(m.classNames());
    assertThat(back.scaler()).isEqualTo(m.scaler());
    assertThat(back.seed()).isEqualTo(17L);
    assertThat(back.trainingConfig()).containsEntry("epochs", 3).containsEntry("note", "test");
    ModelOrigin o = ModelOrigin.of(back);
    assertThat(o.producer()).startsWith("distinct");
    assertThat(o.assumed()).isEqualTo(kind.equals("mlp") ? Set.of() : Set.of(ModelOrigin.PREPROCESSING));
  }

  /**
   * The training configurations distinct writes travel as the JSON Jackson writes for them and come back with Jackson's
   * plain types (Integer, Long, Double, String, Boolean, lists, maps): the imported configuration equals the one a model
   * file would read.
   */
  @Test
  void trainingConfigurationsComeBackWithTheirValuesAndTypes() throws Exception {
    ObjectMapper jackson = new ObjectMapper();
    List<Map<String, Object>> configs = List.of(MlpTrainConfig.defaults().toMap(), Conv1dConfig.defaults().train().toMap(),
        Conv1dConfig.defaults().toMap());
    for (Map<String, Object> c : configs) {
      Map<String, Object> training = new LinkedHashMap<>(c);
      training.put("big", 1L << 40);
      training.put("tiny", 1e-300);
      training.put("text", "quote \" backslash \\ tab \t é €");
      SavedModel base = OnnxRuntimeTest.saved(OnnxRuntimeTest.network("mlp", 4));
      SavedModel m = SavedModel.of(base.network(), base.featureNames(), base.classNames(), base.scaler(), training, 5);
      ModelProto p = ModelProto.parseFrom(OnnxExporter.toBytes(m));
      String written = null;
      for (var e : p.getMetadataPropsList()) if (e.getKey().equals(OnnxFormat.KEY_TRAINING)) written = e.getValue();
      assertThat(written).isEqualTo(jackson.writeValueAsString(training));
      Map<String, Object> back = new LinkedHashMap<>(OnnxImporter.read(p.toByteArray(), "m.onnx").trainingConfig());
      back.remove(ModelOrigin.KEY);
      assertThat(back).isEqualTo(jackson.readValue(written, LinkedHashMap.class));
      assertThat(back.get("big")).isInstanceOf(Long.class);
    }
  }

  @Test
  void partsAnImportOnlyAssumedStayAssumedThroughAModelFile() {
    byte[] ours = viaJson(Fixtures.load("mlp_gemm_sigmoid").onnx());
    SavedModel again = OnnxImporter.read(ours, "again.onnx");
    assertThat(ModelOrigin.of(again).assumed())
        .containsExactlyInAnyOrder(ModelOrigin.FEATURES, ModelOrigin.CLASSES, ModelOrigin.PREPROCESSING);
    SavedModel bound = ModelOrigin.bind(again, new ModelOrigin.Binding(List.of("a", "b", "c", "d"), null, null, null));
    SavedModel byOrder = OnnxImporter.read(OnnxExporter.toBytes(bound), "bound.onnx");
    assertThat(byOrder.featureNames()).as("names bound by column order are not written").containsExactly("x0", "x1", "x2", "x3");
    MinMaxScaler fitted = new MinMaxScaler(new double[] {0, 1, 2, 3}, new double[] {1, 2, 4, 8});
    SavedModel scaled = ModelOrigin.bind(again, new ModelOrigin.Binding(null, null, fitted, null));
    SavedModel withScaler = OnnxImporter.read(OnnxExporter.toBytes(scaled), "scaled.onnx");
    assertThat(withScaler.scaler()).as("a scaler given by options is part of the model from then on").isEqualTo(fitted);
    assertThat(ModelOrigin.of(withScaler).assumed()).containsExactlyInAnyOrder(ModelOrigin.FEATURES, ModelOrigin.CLASSES);
  }
}
