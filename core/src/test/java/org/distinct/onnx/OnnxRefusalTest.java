package org.distinct.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.distinct.BadInputException;
import org.distinct.model.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Graphs distinct cannot represent are refused whole, with one line naming the file, the node, its operator and what is
 * wrong or supported: unsupported operators, bidirectional RNNs, peephole LSTMs, the other GRU formulation, other RNN
 * activations, convolutions distinct's Conv1D cannot represent (dilation, groups, other activations, none, asymmetric or
 * automatic padding, padding as large as the kernel, pooling over another axis), truncated files and files that are not
 * ONNX. The damaged graphs are the committed refusal fixtures or built from the supported ones by changing one node.
 */
class OnnxRefusalTest {

  static String refusal(byte[] onnx) {
    Throwable t = null;
    try {
      OnnxImporter.read(onnx, "model.onnx");
    } catch (BadInputException e) {
      t = e;
    }
    assertThat(t).as("the import is refused").isNotNull();
    assertThat(t.getMessage()).doesNotContain("\n").startsWith("model.onnx: ");
    return t.getMessage();
  }

  static byte[] edited(String fixture, String op, UnaryOperator<NodeProto.Builder> edit) throws Exception {
    return Fixtures.edited(fixture, op, edit);
  }

  @Test
  void anUnsupportedOperatorIsNamedWithItsNode() {
    assertThat(refusal(Fixtures.load("refuse_elu").onnx()))
        .contains("node '/seq/seq.1/Elu' (Elu): operator not supported; supported: MLPs (Gemm, or MatMul + Add");
  }

  @Test
  void aBidirectionalLstmIsRefused() {
    assertThat(refusal(Fixtures.load("refuse_bilstm").onnx()))
        .contains("node '/rnns.0/LSTM' (LSTM): direction = bidirectional is not supported");
  }

  @Test
  void aPeepholeLstmIsRefused() throws Exception {
    byte[] onnx = edited("lstm_1", "LSTM", n -> {
      while (n.getInputCount() < 7) n.addInput("");
      return n.addInput("onnx::LSTM_111"); // any float tensor: the node now has peephole weights P
    });
    assertThat(refusal(onnx)).contains("node '/rnns.0/LSTM' (LSTM): peephole weights P (input 7) are not supported");
  }

  @Test
  void theOtherGruFormulationIsRefusedByName() throws Exception {
    byte[] onnx = edited("gru_1", "GRU", n -> {
      for (int i = 0; i < n.getAttributeCount(); i++)
        if (n.getAttribute(i).getName().equals("linear_before_reset")) n.setAttribute(i, n.getAttribute(i).toBuilder().setI(0));
      return n;
    });
    assertThat(refusal(onnx)).contains("node '/rnns.0/GRU' (GRU): linear_before_reset = 0 is not supported");
  }

  @Test
  void anRnnWithAnotherActivationIsRefused() throws Exception {
    byte[] onnx = edited("rnn_tanh", "RNN", n -> {
      for (int i = 0; i < n.getAttributeCount(); i++)
        if (n.getAttribute(i).getName().equals("activations"))
          n.setAttribute(i, AttributeProto.newBuilder().setName("activations").setType(AttributeProto.AttributeType.STRINGS)
              .addStrings(com.google.protobuf.ByteString.copyFromUtf8("Relu")));
      return n;
    });
    assertThat(refusal(onnx)).contains("node '/rnns.0/RNN' (RNN): activations = [Relu] are not supported (only [Tanh])");
  }

  @Test
  void convolutionsDistinctCannotRepresentAreRefusedByNode() throws Exception {
    assertThat(refusal(Fixtures.load("refuse_conv1d_dilation").onnx()))
        .contains("node '/convs.0/Conv' (Conv): dilations = [2] are not supported (dilation 1 only)");
    assertThat(refusal(Fixtures.load("refuse_conv1d_groups").onnx()))
        .contains("node '/convs.0/Conv' (Conv): group = 2 is not supported");
    assertThat(refusal(Fixtures.load("refuse_conv1d_sigmoid").onnx()))
        .contains("node '/Sigmoid' (Sigmoid): distinct's Conv1D layers use Relu or Tanh after a convolution, not Sigmoid");
    assertThat(refusal(Fixtures.load("refuse_conv1d_noact").onnx()))
        .contains("node '/ReduceMean' (ReduceMean): the convolution '/convs.0/Conv' before it has no activation");
  }

  static UnaryOperator<NodeProto.Builder> setInts(String name, long... values) {
    return n -> {
      for (int i = 0; i < n.getAttributeCount(); i++)
        if (n.getAttribute(i).getName().equals(name)) {
          AttributeProto.Builder a = n.getAttribute(i).toBuilder().clearInts();
          for (long v : values) a.addInts(v);
          n.setAttribute(i, a);
        }
      return n;
    };
  }

  @Test
  void paddingThatDistinctsConv1dCannotHoldIsRefused() throws Exception {
    assertThat(refusal(edited("conv1d_mean_1ch", "Conv", setInts("pads", 1, 0))))
        .contains("node '/convs.0/Conv' (Conv): pads = [1, 0] are not symmetric");
    assertThat(refusal(edited("conv1d_mean_1ch", "Conv", setInts("pads", 3, 3))))
        .contains("node '/convs.0/Conv' (Conv): padding 3 is not smaller than the kernel size 3");
    byte[] same = edited("conv1d_mean_1ch", "Conv", n -> n.addAttribute(AttributeProto.newBuilder().setName("auto_pad")
        .setType(AttributeProto.AttributeType.STRING).setS(com.google.protobuf.ByteString.copyFromUtf8("SAME_UPPER"))));
    assertThat(refusal(same)).contains("node '/convs.0/Conv' (Conv): auto_pad = SAME_UPPER is not supported");
  }

  @Test
  void poolingOverAnotherAxisThanTheLengthIsRefused() throws Exception {
    assertThat(refusal(edited("conv1d_mean_1ch", "ReduceMean", setInts("axes", 1))))
        .contains("node '/ReduceMean' (ReduceMean): reducing axes [1] is not supported; distinct pools the length axis 2 only");
    assertThat(refusal(edited("conv1d_amax_3ch", "ReduceMax", setInts("axes", 1, 2))))
        .contains("(ReduceMax): reducing axes [1, 2] is not supported");
  }

  @Test
  void aTwoDimensionalConvolutionIsRefused() throws Exception {
    byte[] onnx = edited("conv1d_mean_1ch", "Conv", setInts("strides", 1, 1));
    assertThat(refusal(onnx)).contains("node '/convs.0/Conv' (Conv): strides = [1, 1]: one stride");
  }

  @Test
  void aSoftmaxAfterTheLogitsIsRefused() throws Exception {
    byte[] onnx = edited("mlp_gemm_sigmoid", "Sigmoid", n -> n.setOpType("Softmax"));
    assertThat(refusal(onnx)).contains("(Softmax): operator not supported");
  }

  @Test
  void aTruncatedFileIsRefused() {
    byte[] whole = Fixtures.load("lstm_1").onnx();
    assertThat(refusal(Arrays.copyOf(whole, whole.length / 2))).isEqualTo("model.onnx: truncated ONNX file (it ends in the middle of a record)");
  }

  /**
   * Every prefix of an exported file either imports (a prefix that ends between two metadata entries is a smaller valid
   * model) or is refused with one line ("truncated ONNX file" when protobuf stops in the middle of a record) — never another
   * exception, never a half-read graph.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mlp", "conv1d"})
  void everyTruncationOfAnExportIsRefusedInOneLineOrImportsWhole(String kind) {
    SavedModel m = OnnxRuntimeTest.saved(OnnxRuntimeTest.network(kind, 2));
    byte[] whole = OnnxExporter.toBytes(m);
    int truncated = 0;
    for (int len = 1; len < whole.length; len++) {
      byte[] part = Arrays.copyOf(whole, len);
      SavedModel got;
      try {
        got = OnnxImporter.read(part, "model.onnx");
      } catch (BadInputException e) {
        assertThat(e.getMessage()).as("prefix of %d bytes", len).doesNotContain("\n").startsWith("model.onnx: ");
        if (e.getMessage().contains("truncated ONNX file")) truncated++;
        continue;
      }
      assertThat(got.network().parameterCount()).as("prefix of %d bytes imports the whole network", len).isEqualTo(m.network().parameterCount());
    }
    assertThat(truncated).isGreaterThan(whole.length / 2);
  }

  /** A metadata value that is not JSON (for Jackson, as for model files: one value, nothing after it, no duplicate keys). */
  @ParameterizedTest
  @ValueSource(strings = {"{\"epochs\": 3,}", "{\"epochs\": 3} x", "{\"epochs\": 3, \"epochs\": 4}", "", "{epochs: 3}", "[1, 2"})
  void metadataThatIsNotJsonIsRefusedNamingItsKey(String text) throws Exception {
    ModelProto.Builder m = ModelProto.parseFrom(OnnxExporter.toBytes(OnnxRuntimeTest.saved(OnnxRuntimeTest.network("mlp", 2)))).toBuilder();
    for (int i = 0; i < m.getMetadataPropsCount(); i++)
      if (m.getMetadataProps(i).getKey().equals(OnnxFormat.KEY_TRAINING)) m.setMetadataProps(i, m.getMetadataProps(i).toBuilder().setValue(text));
    assertThat(refusal(m.build().toByteArray())).startsWith("model.onnx: metadata '" + OnnxFormat.KEY_TRAINING + "': not valid JSON (");
  }

  @Test
  void filesThatAreNotOnnxAreRefused() {
    assertThat(refusal("{\"format\": \"distinct-model\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))).contains("not an ONNX model");
    assertThat(refusal(new byte[0])).contains("empty file, not an ONNX model");
    byte[] noise = new byte[300];
    SplittableRandom rng = new SplittableRandom(5);
    for (int seed = 0; seed < 20; seed++) {
      for (int i = 0; i < noise.length; i++) noise[i] = (byte) rng.nextInt(256);
      assertThat(refusal(noise)).matches("model\\.onnx: (not an ONNX model|truncated ONNX file).*");
    }
  }
}
