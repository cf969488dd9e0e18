package org.distinct.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.distinct.BadInputException;
import org.junit.jupiter.api.Test;

/**
 * Graphs distinct cannot represent are refused whole, with one line naming the file, the node, its operator and what is
 * wrong or supported: unsupported operators, bidirectional RNNs, peephole LSTMs, the other GRU formulation, other RNN
 * activations, Conv (until the conv1d family), truncated files and files that are not ONNX. The damaged graphs are
 * built from the committed fixtures by changing one node.
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
  void convGraphsWaitForTheConv1dFamily() {
    assertThat(refusal(Fixtures.load("refuse_conv1d").onnx()))
        .contains("node '/conv/Conv' (Conv): Conv1D import arrives with the conv1d model family");
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
