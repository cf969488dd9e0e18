package org.distinct.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written protobuf codec ({@link Proto}) against protobuf-java and the generated ONNX classes: it reads every
 * committed fixture (torch's exports and refusals) exactly as {@code ModelProto.parseFrom} does, field by field; what it
 * writes is protobuf's canonical encoding ({@code ModelProto.parseFrom(bytes).toByteArray()} gives the same bytes, for
 * every network kind); packed and unpacked repeated numbers read alike; and every truncation of a file is refused when
 * and as protobuf refuses it.
 */
class ProtoTest {
  // ------------------------------------------------------------------ one text for both representations

  static String text(ModelProto m) {
    StringBuilder b = new StringBuilder();
    b.append("ir ").append(m.getIrVersion()).append(" producer ").append(m.getProducerName()).append(' ').append(m.getProducerVersion())
        .append(" model ").append(m.getModelVersion()).append(" doc ").append(m.hasDocString() ? m.getDocString() : null).append('\n');
    m.getOpsetImportList().forEach(o -> b.append("opset ").append(o.getDomain()).append(' ').append(o.getVersion()).append('\n'));
    m.getMetadataPropsList().forEach(e -> b.append("meta ").append(e.getKey()).append('=').append(e.getValue()).append('\n'));
    if (!m.hasGraph()) return b.append("no graph").toString();
    b.append("graph ").append(m.getGraph().getName()).append('\n');
    for (NodeProto n : m.getGraph().getNodeList()) {
      b.append("node ").append(n.getName()).append(' ').append(n.getOpType()).append(' ').append(n.hasDomain() ? n.getDomain() : null)
          .append(' ').append(n.getInputList()).append(' ').append(n.getOutputList()).append('\n');
      for (AttributeProto a : n.getAttributeList()) {
        b.append("  attr ").append(a.getName()).append(' ').append(a.getType().getNumber()).append(' ').append(a.getF()).append(' ')
            .append(a.getI()).append(' ').append(a.getS().toStringUtf8()).append(' ').append(a.getIntsList()).append(' ')
            .append(a.getFloatsList()).append(' ');
        a.getStringsList().forEach(s -> b.append(s.toStringUtf8()).append(','));
        b.append(a.hasT() ? tensor(a.getT()) : "-").append('\n');
      }
    }
    m.getGraph().getInitializerList().forEach(t -> b.append("init ").append(tensor(t)).append('\n'));
    m.getGraph().getInputList().forEach(v -> b.append("input ").append(valueInfo(v)).append('\n'));
    m.getGraph().getOutputList().forEach(v -> b.append("output ").append(valueInfo(v)).append('\n'));
    return b.toString();
  }

  static String tensor(TensorProto t) {
    return t.getName() + " " + t.getDimsList() + " " + t.getDataType() + " raw " + Base64.getEncoder().encodeToString(t.getRawData().toByteArray())
        + " f " + t.getFloatDataList() + " i32 " + t.getInt32DataList() + " i64 " + t.getInt64DataList() + " d " + t.getDoubleDataList()
        + " loc " + t.getDataLocation().getNumber();
  }

  static String valueInfo(ValueInfoProto v) {
    StringBuilder b = new StringBuilder(v.getName()).append(' ').append(v.getType().getTensorType().getElemType());
    if (v.getType().getTensorType().hasShape())
      for (TensorShapeProto.Dimension d : v.getType().getTensorType().getShape().getDimList())
        b.append(' ').append(d.hasDimParam() ? d.getDimParam() : d.hasDimValue() ? Long.toString(d.getDimValue()) : "?");
    return b.toString();
  }

  static String text(Proto.Model m) {
    StringBuilder b = new StringBuilder();
    b.append("ir ").append(m.irVersion()).append(" producer ").append(m.producerName()).append(' ').append(m.producerVersion())
        .append(" model ").append(m.modelVersion()).append(" doc ").append(m.docString()).append('\n');
    m.opsets().forEach(o -> b.append("opset ").append(o.domain()).append(' ').append(o.version()).append('\n'));
    m.metadata().forEach(e -> b.append("meta ").append(e[0]).append('=').append(e[1]).append('\n'));
    if (m.graph() == null) return b.append("no graph").toString();
    b.append("graph ").append(m.graph().name()).append('\n');
    for (Proto.Node n : m.graph().nodes()) {
      b.append("node ").append(n.name()).append(' ').append(n.opType()).append(' ').append(n.domain()).append(' ').append(n.inputs())
          .append(' ').append(n.outputs()).append('\n');
      for (Proto.Attribute a : n.attributes()) {
        List<Float> floats = new java.util.ArrayList<>();
        for (float f : a.floats()) floats.add(f);
        b.append("  attr ").append(a.name()).append(' ').append(a.type()).append(' ').append(a.f()).append(' ').append(a.i()).append(' ')
            .append(a.s()).append(' ').append(a.intList()).append(' ').append(floats).append(' ');
        a.strings().forEach(s -> b.append(s).append(','));
        b.append(a.t() != null ? tensor(a.t()) : "-").append('\n');
      }
    }
    m.graph().initializers().forEach(t -> b.append("init ").append(tensor(t)).append('\n'));
    m.graph().inputs().forEach(v -> b.append("input ").append(valueInfo(v)).append('\n'));
    m.graph().outputs().forEach(v -> b.append("output ").append(valueInfo(v)).append('\n'));
    return b.toString();
  }

  static String tensor(Proto.Tensor t) {
    List<Long> dims = new java.util.ArrayList<>();
    for (long d : t.dims()) dims.add(d);
    List<Float> f = new java.util.ArrayList<>();
    if (t.floatData() != null) for (float x : t.floatData()) f.add(x);
    List<Integer> i32 = new java.util.ArrayList<>();
    if (t.int32Data() != null) for (int x : t.int32Data()) i32.add(x);
    List<Long> i64 = new java.util.ArrayList<>();
    if (t.int64Data() != null) for (long x : t.int64Data()) i64.add(x);
    List<Double> d = new java.util.ArrayList<>();
    if (t.doubleData() != null) for (double x : t.doubleData()) d.add(x);
    return t.name() + " " + dims + " " + t.dataType() + " raw " + Base64.getEncoder().encodeToString(t.raw() == null ? new byte[0] : t.raw())
        + " f " + f + " i32 " + i32 + " i64 " + i64 + " d " + d + " loc " + t.dataLocation();
  }

  static String valueInfo(Proto.ValueInfo v) {
    StringBuilder b = new StringBuilder(v.name()).append(' ').append(v.elemType());
    if (v.dims() != null)
      for (Proto.Dim d : v.dims()) b.append(' ').append(d.param() != null ? d.param() : d.value() >= 0 ? Long.toString(d.value()) : "?");
    return b.toString();
  }

  // ------------------------------------------------------------------ tests

  @ParameterizedTest
  @ValueSource(strings = {"mlp_gemm_sigmoid", "mlp_gemm_tanh_relu", "mlp_matmul", "rnn_tanh", "lstm_1", "lstm_2layer", "lstm_seqfirst",
      "gru_1", "gru_stacked", "conv1d_mean_1ch", "conv1d_amax_3ch", "conv1d_gap_1ch", "conv1d_gmp_3ch", "conv1d_view_3ch", "conv1d_bf_2ch",
      "refuse_bilstm", "refuse_elu", "refuse_conv1d_dilation", "refuse_conv1d_groups", "refuse_conv1d_sigmoid", "refuse_conv1d_noact"})
  void readsEveryFixtureAsProtobufDoes(String name) throws Exception {
    byte[] b = Fixtures.load(name).onnx();
    String want = text(ModelProto.parseFrom(b));
    assertThat(want).contains("node ");
    assertThat(text(Proto.parse(b))).isEqualTo(want);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "mlp-sigmoid", "rnn", "lstm", "gru", "conv1d", "conv1d-max"})
  void writesProtobufsCanonicalEncoding(String kind) throws Exception {
    byte[] ours = OnnxExporter.toBytes(OnnxRuntimeTest.saved(OnnxRuntimeTest.network(kind, 9)));
    ModelProto m = ModelProto.parseFrom(ours);
    assertThat(m.toByteArray()).as("protobuf re-encodes the same bytes").isEqualTo(ours);
    assertThat(text(Proto.parse(ours))).isEqualTo(text(m));
    assertThat(Proto.write(Proto.parse(ours))).isEqualTo(ours);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp_gemm_sigmoid", "gru_1", "conv1d_mean_1ch"})
  void writesWhatItReadsOfTorchsFiles(String name) throws Exception {
    byte[] torch = Fixtures.load(name).onnx();
    byte[] again = Proto.write(Proto.parse(torch));
    assertThat(text(ModelProto.parseFrom(again))).isEqualTo(text(ModelProto.parseFrom(torch)));
  }

  /** A model whose one initializer has packed dims, unpacked float_data and unpacked int64_data (protobuf reads both ways). */
  static byte[] unusualEncoding(float[] values, long[] dims) throws IOException {
    ByteArrayOutputStream tensor = new ByteArrayOutputStream();
    CodedOutputStream t = CodedOutputStream.newInstance(tensor);
    ByteArrayOutputStream packedDims = new ByteArrayOutputStream();
    CodedOutputStream pd = CodedOutputStream.newInstance(packedDims);
    for (long d : dims) pd.writeInt64NoTag(d);
    pd.flush();
    t.writeByteArray(1, packedDims.toByteArray());
    t.writeInt32(2, 1);
    for (float v : values) t.writeFloat(4, v);
    t.writeString(8, "w");
    t.writeInt64(7, -3); // a stray unpacked int64_data entry
    t.flush();
    ByteArrayOutputStream graph = new ByteArrayOutputStream();
    CodedOutputStream g = CodedOutputStream.newInstance(graph);
    g.writeByteArray(5, tensor.toByteArray());
    g.writeString(2, "g");
    g.writeUInt64(99, 12345); // an unknown field, skipped
    g.flush();
    ByteArrayOutputStream model = new ByteArrayOutputStream();
    CodedOutputStream m = CodedOutputStream.newInstance(model);
    m.writeInt64(1, 8);
    m.writeByteArray(7, graph.toByteArray());
    m.flush();
    return model.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void packedAndUnpackedNumbersReadAlike(long seed) throws Exception {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    long[] dims = {1 + rng.nextInt(3), 1 + rng.nextInt(4), 300 + rng.nextInt(200)};
    float[] v = new float[(int) (dims[0] * dims[1])];
    for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextGaussian();
    byte[] b = unusualEncoding(v, dims);
    assertThat(text(Proto.parse(b))).isEqualTo(text(ModelProto.parseFrom(b)));
    float[] read = Proto.parse(b).graph().initializers().get(0).floatData();
    assertThat(read).containsExactly(v);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "conv1d"})
  void everyTruncationIsRefusedWhenProtobufRefusesIt(String kind) {
    byte[] whole = OnnxExporter.toBytes(OnnxRuntimeTest.saved(OnnxRuntimeTest.network(kind, 2)));
    int refused = 0;
    for (int len = 1; len < whole.length; len++) {
      byte[] part = Arrays.copyOf(whole, len);
      String theirs = null;
      try {
        ModelProto.parseFrom(part);
      } catch (InvalidProtocolBufferException e) {
        theirs = e.getMessage();
      }
      Proto.Malformed ours = null;
      try {
        Proto.parse(part);
      } catch (Proto.Malformed e) {
        ours = e;
      }
      assertThat(ours != null).as("prefix of %d bytes: refused by protobuf (%s)", len, theirs).isEqualTo(theirs != null);
      if (ours != null) {
        refused++;
        assertThat(ours.truncated).as("prefix of %d bytes", len).isEqualTo(theirs.contains("ended unexpectedly"));
      }
    }
    assertThat(refused).isGreaterThan(whole.length / 2);
  }
}
