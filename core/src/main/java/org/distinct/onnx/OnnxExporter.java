package org.distinct.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distinct.BadInputException;
import org.distinct.Version;
import org.distinct.model.Conv1d;
import org.distinct.model.Conv1dLayer;
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
 * {@code [batch × time × features]} for recurrent and Conv1D networks) and output {@value OnnxFormat#OUTPUT}
 * ({@code [batch × classes]}). Feature names, class names, the scaler, the training configuration (with the series
 * preprocessing) and the seed are written as metadata; the preprocessing is not part of the graph ({@code docs/onnx.md}).
 * Parts that an imported model only assumed ({@link ModelOrigin}) are left out, so that importing the file again assumes
 * them again.
 *
 * <p>Graphs: MLP {@code Gemm(transB = 1)} and {@code Sigmoid/Tanh/Relu} per layer; RNN, LSTM, GRU: {@code Transpose} to
 * time-major, one {@code RNN}/{@code LSTM}/{@code GRU} node per layer ({@code Squeeze} of the direction axis between
 * layers, zero initial states by default), {@code Squeeze} of the last layer's {@code Y_h}, then {@code Gemm}; Conv1D:
 * {@code Transpose} to {@code [batch × channels × time]}, {@code Conv} and {@code Relu}/{@code Tanh} per layer,
 * {@code ReduceMean}/{@code ReduceMax} over the time axis, {@code Gemm}. Built with the generated ONNX protobuf classes
 * ({@code ai.onnx.proto.OnnxMl}) and serialized with {@code toByteArray} (no reflection or text format); the metadata
 * values are written by Jackson ({@link OnnxFormat.Json}).
 */
public final class OnnxExporter {
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
    else if (n instanceof Conv1d c) conv1d(g, c);
    else throw new BadInputException("a '" + n.kind() + "' model has no ONNX export in this build (mlp, rnn, lstm, gru, conv1d)");
    boolean rows = n instanceof Mlp;
    TensorShapeProto.Builder in = TensorShapeProto.newBuilder().addDim(param("batch"));
    if (!rows) in.addDim(param("time"));
    GraphProto graph = g.graph.setName(cat("distinct_", n.kind()))
        .addInput(valueInfo(OnnxFormat.INPUT, in.addDim(size(n.inputSize()))))
        .addOutput(valueInfo(OnnxFormat.OUTPUT, TensorShapeProto.newBuilder().addDim(param("batch")).addDim(size(n.numClasses()))))
        .build();
    String doc = cat("distinct ", n.kind(), rows ? " model; input 'input' [batch x features], output 'logits' [batch x classes]"
        : " model; input 'input' [batch x time x features], output 'logits' [batch x classes]");
    ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(OnnxFormat.IR_VERSION).setProducerName(OnnxFormat.PRODUCER)
        .setProducerVersion(Version.VERSION).setModelVersion(1).setDocString(doc)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxFormat.OPSET)).setGraph(graph);
    for (Map.Entry<String, String> e : metadata(model).entrySet())
      m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
    return m.build();
  }

  private static TensorShapeProto.Dimension param(String name) {
    return TensorShapeProto.Dimension.newBuilder().setDimParam(name).build();
  }

  private static TensorShapeProto.Dimension size(long value) {
    return TensorShapeProto.Dimension.newBuilder().setDimValue(value).build();
  }

  private static ValueInfoProto valueInfo(String name, TensorShapeProto.Builder shape) {
    TypeProto.Tensor t = TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape).build();
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(t)).build();
  }

  private static AttributeProto intAttr(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
  }

  private static AttributeProto intsAttr(String name, long... v) {
    AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long x : v) b.addInts(x);
    return b.build();
  }

  /**
   * Joins names with {@link String#concat}: the export path uses no {@code +} on strings, whose invokedynamic bootstrap
   * is costly on its first use in a JVM ({@code docs/onnx.md}, "Speed"; messages of refusals use {@code +}).
   */
  private static String cat(String a, String b) {
    return a.concat(b);
  }

  private static String cat(String a, String b, String c) {
    return a.concat(b).concat(c);
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
      String name = cat("axes_", Long.toString(axis));
      for (int i = 0; i < graph.getInitializerCount(); i++) if (graph.getInitializer(i).getName().equals(name)) return name;
      graph.addInitializer(Tensors.longs(name, new long[] {axis}, 1));
      return name;
    }

    void node(String op, String name, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
      NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setName(name);
      for (String s : inputs) b.addInput(s);
      for (String s : outputs) b.addOutput(s);
      for (AttributeProto a : attributes) b.addAttribute(a);
      graph.addNode(b);
    }
  }

  // ------------------------------------------------------------------ networks

  private static void mlp(GraphBuilder g, Mlp m) {
    String x = OnnxFormat.INPUT;
    int last = m.layerCount() - 1;
    for (int l = 0; l <= last; l++) {
      DenseLayer d = m.layer(l);
      String p = cat("layer", Integer.toString(l));
      String y = l == last ? OnnxFormat.OUTPUT : cat(p, ".z");
      gemm(g, p, x, d.w(), d.b(), d.out(), d.in(), y);
      x = y;
      if (l < last) {
        String op = switch (d.activation()) {
          case SIGMOID -> "Sigmoid";
          case TANH -> "Tanh";
          case RELU -> "Relu";
          case IDENTITY -> null;
        };
        if (op != null) {
          String a = cat(p, ".a");
          g.node(op, cat(p, "/", op), List.of(x), List.of(a));
          x = a;
        }
      }
    }
    if (!x.equals(OnnxFormat.OUTPUT)) throw new IllegalStateException("the MLP's last layer must write the logits");
  }

  private static void gemm(GraphBuilder g, String name, String x, double[] w, double[] b, int out, int in, String y) {
    String wn = g.init(cat(name, ".weight"), w, out, in);
    String bn = g.init(cat(name, ".bias"), b, out);
    g.node("Gemm", cat(name, "/Gemm"), List.of(x, wn, bn), List.of(y), intAttr("transB", 1));
  }

  private static String transposed(GraphBuilder g, String output, long... perm) {
    g.node("Transpose", "input/Transpose", List.of(OnnxFormat.INPUT), List.of(output), intsAttr("perm", perm));
    return output;
  }

  private static void elman(GraphBuilder g, ElmanRnn r) {
    String x = transposed(g, "input.time_major", 1, 0, 2);
    int h = r.hiddenSize();
    double[] bias = new double[2 * h];
    System.arraycopy(r.b(), 0, bias, 0, h);
    String w = g.init("rnn.W", r.wIh(), 1, h, r.inputSize());
    String rr = g.init("rnn.R", r.wHh(), 1, h, h);
    String b = g.init("rnn.B", bias, 1, 2L * h);
    g.node("RNN", "rnn/RNN", List.of(x, w, rr, b), List.of("", "rnn.Y_h"), intAttr("hidden_size", h));
    readOut(g, "rnn.Y_h", r.wOut(), r.bOut(), r.numClasses(), h);
  }

  private static void gated(GraphBuilder g, GatedRnn r) {
    String x = transposed(g, "input.time_major", 1, 0, 2);
    GatedCell cell = r.cell();
    String op = cell == GatedCell.LSTM ? "LSTM" : "GRU";
    for (int l = 0; l < r.layerCount(); l++) {
      GatedLayer layer = r.layer(l);
      int h = layer.hiddenSize();
      int gh = cell.gates() * h;
      double[] bias = new double[2 * gh];
      System.arraycopy(GateOrder.toOnnx(cell, layer.bIh(), h, 1), 0, bias, 0, gh);
      System.arraycopy(GateOrder.toOnnx(cell, layer.bHh(), h, 1), 0, bias, gh, gh);
      String p = cat("layer", Integer.toString(l));
      String w = g.init(cat(p, ".W"), GateOrder.toOnnx(cell, layer.wIh(), h, layer.inputSize()), 1, gh, layer.inputSize());
      String rr = g.init(cat(p, ".R"), GateOrder.toOnnx(cell, layer.wHh(), h, h), 1, gh, h);
      String b = g.init(cat(p, ".B"), bias, 1, 2L * gh);
      boolean last = l == r.layerCount() - 1;
      String y = last ? "" : cat(p, ".Y");
      List<String> outputs = last ? List.of("", cat(p, ".Y_h")) : List.of(y);
      if (cell == GatedCell.GRU)
        g.node(op, cat(p, "/", op), List.of(x, w, rr, b), outputs, intAttr("hidden_size", h), intAttr("linear_before_reset", 1));
      else g.node(op, cat(p, "/", op), List.of(x, w, rr, b), outputs, intAttr("hidden_size", h));
      if (last) {
        readOut(g, cat(p, ".Y_h"), r.wOut(), r.bOut(), r.numClasses(), h);
      } else {
        x = cat(p, ".sequence");
        g.node("Squeeze", cat(p, "/Squeeze"), List.of(y, g.axes(1)), List.of(x));
      }
    }
  }

  private static void readOut(GraphBuilder g, String yh, double[] wOut, double[] bOut, int classes, int h) {
    g.node("Squeeze", "last_state/Squeeze", List.of(yh, g.axes(0)), List.of("last_state"));
    gemm(g, "output", "last_state", wOut, bOut, classes, h, OnnxFormat.OUTPUT);
  }

  /**
   * {@code [batch × time × I]} → {@code Transpose} → per layer {@code Conv} (pads on both sides, dilation 1, one group)
   * and its activation → {@code ReduceMean}/{@code ReduceMax} over time → {@code Gemm}. A batch holds sequences of one
   * length: distinct pools each sequence over its own positions, so sequences of different lengths are run one at a time
   * (or grouped by length), never zero-padded into one batch ({@code docs/onnx.md}).
   */
  private static void conv1d(GraphBuilder g, Conv1d c) {
    String x = transposed(g, "input.channels_first", 0, 2, 1);
    for (int l = 0; l < c.layerCount(); l++) {
      Conv1dLayer layer = c.layer(l);
      String p = cat("layer", Integer.toString(l));
      String w = g.init(cat(p, ".weight"), layer.w(), layer.out(), layer.in(), layer.kernel());
      String b = g.init(cat(p, ".bias"), layer.b(), layer.out());
      String z = cat(p, ".z");
      g.node("Conv", cat(p, "/Conv"), List.of(x, w, b), List.of(z), intsAttr("dilations", 1), intAttr("group", 1),
          intsAttr("kernel_shape", layer.kernel()), intsAttr("pads", layer.padding(), layer.padding()),
          intsAttr("strides", layer.stride()));
      String op = switch (layer.activation()) {
        case RELU -> "Relu";
        case TANH -> "Tanh";
        default -> throw new IllegalStateException("a Conv1D layer uses relu or tanh, not " + layer.activation());
      };
      x = cat(p, ".a");
      g.node(op, cat(p, "/", op), List.of(z), List.of(x));
    }
    String op = c.pool() == Conv1d.Pool.MAX ? "ReduceMax" : "ReduceMean";
    g.node(op, cat("pool/", op), List.of(x), List.of("pooled"), intsAttr("axes", 2), intAttr("keepdims", 0));
    gemm(g, "output", "pooled", c.wOut(), c.bOut(), c.numClasses(), c.lastLayer().out(), OnnxFormat.OUTPUT);
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

  private static String json(Object value) {
    try {
      return OnnxFormat.Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write metadata: ".concat(String.valueOf(e.getOriginalMessage())), e);
    }
  }
}
