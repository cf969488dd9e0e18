package org.distinct.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distinct.BadInputException;
import org.distinct.Version;
import org.distinct.model.DenseLayer;
import org.distinct.model.ElmanRnn;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedLayer;
import org.distinct.model.GatedRnn;
import org.distinct.model.Mlp;
import org.distinct.model.Network;
import org.distinct.model.SavedModel;
import org.distinct.util.AtomicFiles;

/**
 * Writes a {@link SavedModel} as an ONNX model with standard operators only (opset {@value OnnxFormat#OPSET}, IR version
 * {@value OnnxFormat#IR_VERSION}), float32 weights, input {@value OnnxFormat#INPUT} ({@code [batch × features]} for an MLP,
 * {@code [batch × time × features]} for recurrent networks) and output {@value OnnxFormat#OUTPUT} ({@code [batch × classes]}).
 * Feature names, class names, the scaler, the training configuration (with the series preprocessing) and the seed are
 * written as metadata; the preprocessing is not part of the graph ({@code docs/onnx.md}). Parts that an imported model
 * only assumed ({@link ModelOrigin}) are left out, so that importing the file again assumes them again.
 *
 * <p>Graphs: MLP {@code Gemm(transB = 1)} and {@code Sigmoid/Tanh/Relu} per layer; RNN, LSTM, GRU: {@code Transpose} to
 * time-major, one {@code RNN}/{@code LSTM}/{@code GRU} node per layer ({@code Squeeze} of the direction axis between
 * layers, zero initial states by default), {@code Squeeze} of the last layer's {@code Y_h}, then {@code Gemm}.
 */
public final class OnnxExporter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OnnxExporter() {}

  /**
   * Writes an ONNX file atomically (temporary file in the same folder, then rename).
   *
   * @param path the file to create or replace
   * @param model the model
   * @throws IOException if the file cannot be written (an old file is then unchanged)
   */
  public static void save(Path path, SavedModel model) throws IOException {
    AtomicFiles.writeBytes(path, toBytes(model));
  }

  /**
   * @param model the model
   * @return the serialized ONNX {@code ModelProto}
   * @throws BadInputException if the network's kind has no ONNX export
   * @throws IllegalArgumentException if a weight is not finite in float32
   */
  public static byte[] toBytes(SavedModel model) {
    return toProto(model).toByteArray();
  }

  /**
   * @param model the model
   * @return the ONNX model
   * @throws BadInputException if the network's kind has no ONNX export
   * @throws IllegalArgumentException if a weight is not finite in float32
   */
  public static ModelProto toProto(SavedModel model) {
    Network<?> n = model.network();
    GraphBuilder g = new GraphBuilder();
    if (n instanceof Mlp m) mlp(g, m);
    else if (n instanceof ElmanRnn r) elman(g, r);
    else if (n instanceof GatedRnn r) gated(g, r);
    else throw new BadInputException("a '" + n.kind() + "' model has no ONNX export in this build (mlp, rnn, lstm, gru)");
    boolean rows = n instanceof Mlp;
    GraphProto.Builder graph = g.graph.setName("distinct_" + n.kind())
        .addInput(valueInfo(OnnxFormat.INPUT, rows ? new Object[] {"batch", n.inputSize()} : new Object[] {"batch", "time", n.inputSize()}))
        .addOutput(valueInfo(OnnxFormat.OUTPUT, new Object[] {"batch", n.numClasses()}));
    ModelProto.Builder mp = ModelProto.newBuilder().setIrVersion(OnnxFormat.IR_VERSION).setProducerName(OnnxFormat.PRODUCER)
        .setProducerVersion(Version.VERSION).setModelVersion(1)
        .setDocString("distinct " + n.kind() + " model; input '" + OnnxFormat.INPUT + "' "
            + (rows ? "[batch x features]" : "[batch x time x features]") + ", output '" + OnnxFormat.OUTPUT + "' [batch x classes]")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxFormat.OPSET)).setGraph(graph);
    metadata(model).forEach((k, v) -> mp.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return mp.build();
  }

  /** Nodes and initializers under construction. */
  private static final class GraphBuilder {
    final GraphProto.Builder graph = GraphProto.newBuilder();

    String init(String name, double[] values, long... dims) {
      for (double v : values)
        if (!Float.isFinite((float) v)) throw new IllegalArgumentException("cannot export a weight that is not finite in float32: " + v + " in " + name);
      graph.addInitializer(Tensors.floats(name, values, dims));
      return name;
    }

    String axes(long axis) {
      String name = "axes_" + axis;
      for (var t : graph.getInitializerList()) if (t.getName().equals(name)) return name;
      graph.addInitializer(Tensors.longs(name, new long[] {axis}, 1));
      return name;
    }

    NodeProto.Builder node(String op, String name, List<String> inputs, List<String> outputs) {
      NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addAllOutput(outputs);
      return b;
    }

    void add(NodeProto.Builder b) {
      graph.addNode(b);
    }
  }

  private static AttributeProto intAttr(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
  }

  private static AttributeProto intsAttr(String name, long... v) {
    AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long x : v) b.addInts(x);
    return b.build();
  }

  private static ValueInfoProto valueInfo(String name, Object[] dims) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      if (d instanceof String p) s.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(p));
      else s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue((Integer) d));
    }
    TypeProto t = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s)).build();
    return ValueInfoProto.newBuilder().setName(name).setType(t).build();
  }

  // ------------------------------------------------------------------ networks

  private static void mlp(GraphBuilder g, Mlp m) {
    String x = OnnxFormat.INPUT;
    int last = m.layerCount() - 1;
    for (int l = 0; l <= last; l++) {
      DenseLayer d = m.layer(l);
      String y = l == last ? OnnxFormat.OUTPUT : "layer" + l + ".z";
      gemm(g, "layer" + l, x, d.w(), d.b(), d.out(), d.in(), y);
      x = y;
      if (l < last) {
        String op = switch (d.activation()) {
          case SIGMOID -> "Sigmoid";
          case TANH -> "Tanh";
          case RELU -> "Relu";
          case IDENTITY -> null;
        };
        if (op != null) {
          String a = "layer" + l + ".a";
          g.add(g.node(op, "layer" + l + "/" + op, List.of(x), List.of(a)));
          x = a;
        }
      }
    }
    if (!x.equals(OnnxFormat.OUTPUT)) throw new IllegalStateException("the MLP's last layer must write the logits");
  }

  private static void gemm(GraphBuilder g, String name, String x, double[] w, double[] b, int out, int in, String y) {
    String wn = g.init(name + ".weight", w, out, in);
    String bn = g.init(name + ".bias", b, out);
    g.add(g.node("Gemm", name + "/Gemm", List.of(x, wn, bn), List.of(y)).addAttribute(intAttr("transB", 1)));
  }

  private static String timeMajor(GraphBuilder g) {
    g.add(g.node("Transpose", "input/Transpose", List.of(OnnxFormat.INPUT), List.of("input.time_major"))
        .addAttribute(intsAttr("perm", 1, 0, 2)));
    return "input.time_major";
  }

  private static void elman(GraphBuilder g, ElmanRnn r) {
    String x = timeMajor(g);
    int h = r.hiddenSize();
    double[] bias = new double[2 * h];
    System.arraycopy(r.b(), 0, bias, 0, h);
    String w = g.init("rnn.W", r.wIh(), 1, h, r.inputSize());
    String rr = g.init("rnn.R", r.wHh(), 1, h, h);
    String b = g.init("rnn.B", bias, 1, 2L * h);
    g.add(g.node("RNN", "rnn/RNN", List.of(x, w, rr, b), List.of("", "rnn.Y_h")).addAttribute(intAttr("hidden_size", h)));
    readOut(g, "rnn.Y_h", r.wOut(), r.bOut(), r.numClasses(), h);
  }

  private static void gated(GraphBuilder g, GatedRnn r) {
    String x = timeMajor(g);
    GatedCell cell = r.cell();
    String op = cell == GatedCell.LSTM ? "LSTM" : "GRU";
    for (int l = 0; l < r.layerCount(); l++) {
      GatedLayer layer = r.layer(l);
      int h = layer.hiddenSize();
      int gh = cell.gates() * h;
      double[] bias = new double[2 * gh];
      System.arraycopy(GateOrder.toOnnx(cell, layer.bIh(), h, 1), 0, bias, 0, gh);
      System.arraycopy(GateOrder.toOnnx(cell, layer.bHh(), h, 1), 0, bias, gh, gh);
      String p = "layer" + l;
      String w = g.init(p + ".W", GateOrder.toOnnx(cell, layer.wIh(), h, layer.inputSize()), 1, gh, layer.inputSize());
      String rr = g.init(p + ".R", GateOrder.toOnnx(cell, layer.wHh(), h, h), 1, gh, h);
      String b = g.init(p + ".B", bias, 1, 2L * gh);
      boolean last = l == r.layerCount() - 1;
      String y = last ? "" : p + ".Y";
      NodeProto.Builder n = g.node(op, p + "/" + op, List.of(x, w, rr, b), last ? List.of("", p + ".Y_h") : List.of(y))
          .addAttribute(intAttr("hidden_size", h));
      if (cell == GatedCell.GRU) n.addAttribute(intAttr("linear_before_reset", 1));
      g.add(n);
      if (last) {
        readOut(g, p + ".Y_h", r.wOut(), r.bOut(), r.numClasses(), h);
      } else {
        x = p + ".sequence";
        g.add(g.node("Squeeze", p + "/Squeeze", List.of(y, g.axes(1)), List.of(x)));
      }
    }
  }

  private static void readOut(GraphBuilder g, String yh, double[] wOut, double[] bOut, int classes, int h) {
    g.add(g.node("Squeeze", "last_state/Squeeze", List.of(yh, g.axes(0)), List.of("last_state")));
    gemm(g, "output", "last_state", wOut, bOut, classes, h, OnnxFormat.OUTPUT);
  }

  // ------------------------------------------------------------------ metadata

  /**
   * @param model the model
   * @return the metadata the exporter writes ({@link OnnxFormat#KEYS}), without the parts its origin only assumed
   */
  static Map<String, String> metadata(SavedModel model) {
    ModelOrigin origin = ModelOrigin.of(model);
    Map<String, String> md = new LinkedHashMap<>();
    md.put(OnnxFormat.KEY_KIND, model.kind());
    if (origin == null || !origin.assumed(ModelOrigin.FEATURES)) md.put(OnnxFormat.KEY_FEATURES, json(model.featureNames()));
    if (origin == null || !origin.assumed(ModelOrigin.CLASSES)) md.put(OnnxFormat.KEY_CLASSES, json(model.classNames()));
    Map<String, Object> training = new LinkedHashMap<>(model.trainingConfig());
    training.remove(ModelOrigin.KEY);
    if (origin == null || !origin.assumed(ModelOrigin.PREPROCESSING)) {
      Map<String, Object> s = null;
      if (model.scaler() != null) {
        s = new LinkedHashMap<>();
        s.put("type", "minmax");
        s.put("min", model.scaler().min());
        s.put("max", model.scaler().max());
      }
      md.put(OnnxFormat.KEY_SCALER, json(s));
    } else {
      training.remove("preprocessing");
    }
    md.put(OnnxFormat.KEY_TRAINING, json(training));
    md.put(OnnxFormat.KEY_SEED, Long.toString(model.seed()));
    return md;
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write metadata", e);
    }
  }
}
