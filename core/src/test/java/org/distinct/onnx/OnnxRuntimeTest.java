package org.distinct.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distinct.data.MinMaxScaler;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.model.ElmanRnn;
import org.distinct.model.GatedRnn;
import org.distinct.model.Gru;
import org.distinct.model.Lstm;
import org.distinct.model.Mlp;
import org.distinct.model.ModelFile;
import org.distinct.model.Network;
import org.distinct.model.SavedModel;
import org.distinct.prune.Conv1dSurgery;
import org.distinct.prune.GatedSurgery;
import org.distinct.prune.MlpSurgery;
import org.distinct.prune.RnnSurgery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exported graphs run in ONNX Runtime 1.29 (which thereby reads opset 17 / IR 8) and give distinct's logits: models
 * from the model-file format (json → onnx), pruned models, and the metadata is readable by ONNX Runtime too.
 */
class OnnxRuntimeTest {
  static final OrtEnvironment ENV = OrtRunner.ENV;

  /** Random networks of every kind, built from a seed. */
  static Network<?> network(String kind, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    return switch (kind) {
      case "mlp" -> Mlp.initialize(6, new int[] {7, 5}, 3, Activation.TANH, rng);
      case "mlp-sigmoid" -> Mlp.initialize(4, new int[] {9}, 3, Activation.SIGMOID, rng);
      case "mlp-relu" -> Mlp.initialize(5, new int[] {8}, 4, Activation.RELU, rng);
      case "rnn" -> ElmanRnn.initialize(2, 6, 3, rng);
      case "lstm" -> Lstm.initialize(2, new int[] {5, 4}, 3, rng);
      case "gru" -> Gru.initialize(3, new int[] {6}, 2, rng);
      case "conv1d" -> Conv1d.initialize(2, new int[] {6, 5}, 3,
          new Conv1d.Spec(new int[] {5, 3}, new int[] {2, 1}, new int[] {2, 1}, Activation.RELU, Conv1d.Pool.AVG), rng);
      case "conv1d-max" -> Conv1d.initialize(3, new int[] {4}, 2,
          new Conv1d.Spec(new int[] {3}, new int[] {2}, new int[] {0}, Activation.TANH, Conv1d.Pool.MAX), rng);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  static SavedModel saved(Network<?> n) {
    List<String> f = new ArrayList<>();
    for (int i = 0; i < n.inputSize(); i++) f.add("feature " + i);
    List<String> c = new ArrayList<>();
    for (int i = 0; i < n.numClasses(); i++) c.add("class " + (char) ('a' + i));
    double[] min = new double[n.inputSize()];
    double[] max = new double[n.inputSize()];
    for (int i = 0; i < max.length; i++) {
      min[i] = -1.0 / (i + 3);
      max[i] = 2.0 + i / 7.0;
    }
    return SavedModel.of(n, f, c, new MinMaxScaler(min, max), Map.of("epochs", 3, "note", "test"), 17L);
  }

  /** Random inputs: {@code n} rows or {@code n} sequences of {@code steps} steps, as float32 values. */
  static List<double[]> inputs(Network<?> net, int n, int steps, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int len = net instanceof Mlp ? net.inputSize() : net.inputSize() * steps;
    List<double[]> out = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      double[] v = new double[len];
      for (int i = 0; i < len; i++) v[i] = (float) rng.nextDouble(-1.5, 1.5);
      out.add(v);
    }
    return out;
  }

  static void assertRuntimeMatches(SavedModel m, List<double[]> in) throws OrtException {
    double[] want = Fixtures.logits(m.network(), in);
    double[] got = OrtRunner.run(OnnxExporter.toBytes(m), in, m.network().inputSize(), !(m.network() instanceof Mlp));
    assertThat(got).hasSize(want.length);
    for (int i = 0; i < want.length; i++) assertThat(got[i]).as("logit %d", i).isCloseTo(want[i], within(1e-5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "mlp-sigmoid", "mlp-relu", "rnn", "lstm", "gru", "conv1d", "conv1d-max"})
  void jsonToOnnxRunsInOnnxRuntimeWithDistinctsLogits(String kind) throws OrtException {
    SavedModel json = ModelFile.fromJson(ModelFile.toJson(saved(network(kind, 7))), "m.json");
    assertRuntimeMatches(json, inputs(json.network(), 9, 11, 3));
  }

  /**
   * distinct pools each sequence over its own positions; the exported graph has a dynamic time axis, so sequences of
   * different lengths run one at a time (batch 1) give distinct's logits. A zero-padded batch does not (the padded
   * positions enter the pooling), which docs/onnx.md says.
   */
  @ParameterizedTest
  @ValueSource(strings = {"conv1d", "conv1d-max"})
  void conv1dSequencesOfDifferentLengthsRunOneAtATime(String kind) throws OrtException {
    SavedModel m = saved(network(kind, 11));
    Conv1d c = (Conv1d) m.network();
    int in = c.inputSize();
    List<double[]> seqs = new ArrayList<>();
    int[] lengths = {c.minLength(), 7, 19, 12, 30};
    for (int i = 0; i < lengths.length; i++) seqs.add(inputs(c, 1, lengths[i], 20 + i).get(0));
    double[] want = c.logits(seqs);
    byte[] onnx = OnnxExporter.toBytes(m);
    int k = c.numClasses();
    for (int s = 0; s < seqs.size(); s++) {
      double[] got = OrtRunner.run(onnx, List.of(seqs.get(s)), in, true);
      for (int j = 0; j < k; j++) assertThat(got[j]).as("sequence %d (%d steps), logit %d", s, lengths[s], j).isCloseTo(want[s * k + j], within(1e-5));
    }
    double[] shortPadded = Arrays.copyOf(seqs.get(1), seqs.get(2).length);
    double[] padded = OrtRunner.run(onnx, List.of(shortPadded, seqs.get(2)), in, true);
    double gap = 0;
    for (int j = 0; j < k; j++) gap = Math.max(gap, Math.abs(padded[j] - want[k + j]));
    assertThat(gap).as("zero padding changes a shorter sequence's logits").isGreaterThan(1e-4);
  }

  @Test
  void exportedGraphsAreOpset17Ir8AndOnnxRuntimeReadsTheirMetadata() throws Exception {
    SavedModel m = saved(network("lstm", 1));
    byte[] bytes = OnnxExporter.toBytes(m);
    ModelProto p = ModelProto.parseFrom(bytes);
    assertThat(p.getIrVersion()).isEqualTo(8);
    assertThat(p.getOpsetImport(0).getVersion()).isEqualTo(17);
    assertThat(p.getGraph().getInput(0).getName()).isEqualTo("input");
    assertThat(p.getGraph().getOutput(0).getName()).isEqualTo("logits");
    for (var n : p.getGraph().getNodeList()) assertThat(n.getDomain()).isEmpty();
    try (OrtSession s = ENV.createSession(bytes, new OrtSession.SessionOptions())) {
      Map<String, String> md = s.getMetadata().getCustomMetadata();
      assertThat(md).containsKeys(OnnxFormat.KEYS.toArray(new String[0]));
      assertThat(md.get(OnnxFormat.KEY_CLASSES)).isEqualTo("[\"class a\",\"class b\",\"class c\"]");
      assertThat(s.getInputNames()).containsExactly("input");
      assertThat(s.getOutputNames()).containsExactly("logits");
    }
  }

  @Test
  void prunedModelsRunInOnnxRuntimeWithThePrunedLogits() throws OrtException {
    Mlp mlp = MlpSurgery.merge((Mlp) network("mlp", 5), 0, 1, 4, 1.0, 0.1);
    assertThat(mlp.sizes()[1]).isEqualTo(6);
    assertRuntimeMatches(saved(mlp), inputs(mlp, 7, 1, 8));
    ElmanRnn rnn = RnnSurgery.removeToBias((ElmanRnn) network("rnn", 5), new int[] {0, 3}, new double[] {0.2, -0.1});
    assertThat(rnn.hiddenSize()).isEqualTo(4);
    assertRuntimeMatches(saved(rnn), inputs(rnn, 5, 9, 8));
    GatedRnn lstm = GatedSurgery.merge((GatedRnn) network("lstm", 5), 0, 0, 2, 1.0, 0.0);
    assertThat(lstm.hiddenSizes()).containsExactly(4, 4);
    assertRuntimeMatches(saved(lstm), inputs(lstm, 5, 9, 8));
    GatedRnn gru = GatedSurgery.removeToBias((GatedRnn) network("gru", 5), 0, new int[] {1}, new double[] {0.3});
    assertThat(gru.hiddenSizes()).containsExactly(5);
    assertRuntimeMatches(saved(gru), inputs(gru, 5, 9, 8));
    Conv1d conv = Conv1dSurgery.merge((Conv1d) network("conv1d", 5), 0, 1, 4, 1.0, 0.2);
    conv = Conv1dSurgery.removeToBias(conv, 1, new int[] {0, 2}, new double[] {0.1, -0.3});
    assertThat(conv.channels()).containsExactly(5, 3);
    assertRuntimeMatches(saved(conv), inputs(conv, 5, 13, 8));
  }
}
