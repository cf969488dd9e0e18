package org.distinct.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.distinct.onnx.Proto.Attribute;
import org.distinct.onnx.Proto.Dim;
import org.distinct.onnx.Proto.Node;
import org.distinct.onnx.Proto.ValueInfo;
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
 * {@code ReduceMean}/{@code ReduceMax} over the time axis, {@code Gemm}. The protobuf and the metadata JSON are written
 * by hand ({@link Proto}, {@link MetadataJson}), which keeps the first export in a JVM fast.
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
    Network<?> n = model.network();
    GraphBuilder g = new GraphBuilder();
    if (n instanceof Mlp m) mlp(g, m);
    else if (n instanceof ElmanRnn r) elman(g, r);
    else if (n instanceof GatedRnn r) gated(g, r);
    else if (n instanceof Conv1d c) conv1d(g, c);
    else throw new BadInputException("a '" + n.kind() + "' model has no ONNX export in this build (mlp, rnn, lstm, gru, conv1d)");
    boolean rows = n instanceof Mlp;
    List<Dim> in = rows ? List.of(new Dim(-1, "batch"), new Dim(n.inputSize(), null))
        : List.of(new Dim(-1, "batch"), new Dim(-1, "time"), new Dim(n.inputSize(), null));
    Proto.Graph graph = new Proto.Graph(cat("distinct_", n.kind()), g.nodes, g.initializers, List.of(new ValueInfo(OnnxFormat.INPUT, Proto.DT_FLOAT, in)),
        List.of(new ValueInfo(OnnxFormat.OUTPUT, Proto.DT_FLOAT, List.of(new Dim(-1, "batch"), new Dim(n.numClasses(), null)))));
    List<String[]> md = new ArrayList<>();
    for (Map.Entry<String, String> e : metadata(model).entrySet()) md.add(new String[] {e.getKey(), e.getValue()});
    String doc = cat("distinct ", n.kind(), rows ? " model; input 'input' [batch x features], output 'logits' [batch x classes]"
        : " model; input 'input' [batch x time x features], output 'logits' [batch x classes]");
    return Proto.write(new Proto.Model(OnnxFormat.IR_VERSION, OnnxFormat.PRODUCER, Version.VERSION, 1, doc, graph,
        List.of(new Proto.Opset("", OnnxFormat.OPSET)), md));
  }

  /**
   * Joins names with {@link String#concat}: the export path uses no {@code +} on strings, whose invokedynamic bootstrap
   * on its first use in a JVM costs more than a whole export ({@code docs/onnx.md}, "Speed"; messages of refusals use
   * {@code +}).
   */
  private static String cat(String a, String b) {
    return a.concat(b);
  }

  private static String cat(String a, String b, String c) {
    return a.concat(b).concat(c);
  }

  /** Nodes and initializers under construction. */
  private static final class GraphBuilder {
    final List<Node> nodes = new ArrayList<>();
    final List<Proto.Tensor> initializers = new ArrayList<>();

    String init(String name, double[] values, long... dims) {
      for (double v : values)
        if (!Float.isFinite((float) v)) throw new IllegalArgumentException("cannot export a weight that is not finite in float32: " + v + " in " + name);
      initializers.add(Tensors.floats(name, values, dims));
      return name;
    }

    String axes(long axis) {
      String name = cat("axes_", Long.toString(axis));
      for (Proto.Tensor t : initializers) if (t.name().equals(name)) return name;
      initializers.add(Tensors.longs(name, new long[] {axis}, 1));
      return name;
    }

    void node(String op, String name, List<String> inputs, List<String> outputs, Attribute... attributes) {
      nodes.add(new Node(name, op, null, inputs, outputs, List.of(attributes)));
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
    g.node("Gemm", cat(name, "/Gemm"), List.of(x, wn, bn), List.of(y), Attribute.ofInt("transB", 1));
  }

  private static String transposed(GraphBuilder g, String output, long... perm) {
    g.node("Transpose", "input/Transpose", List.of(OnnxFormat.INPUT), List.of(output), Attribute.ofInts("perm", perm));
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
    g.node("RNN", "rnn/RNN", List.of(x, w, rr, b), List.of("", "rnn.Y_h"), Attribute.ofInt("hidden_size", h));
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
        g.node(op, cat(p, "/", op), List.of(x, w, rr, b), outputs, Attribute.ofInt("hidden_size", h), Attribute.ofInt("linear_before_reset", 1));
      else g.node(op, cat(p, "/", op), List.of(x, w, rr, b), outputs, Attribute.ofInt("hidden_size", h));
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
      g.node("Conv", cat(p, "/Conv"), List.of(x, w, b), List.of(z), Attribute.ofInts("dilations", 1), Attribute.ofInt("group", 1),
          Attribute.ofInts("kernel_shape", layer.kernel()), Attribute.ofInts("pads", layer.padding(), layer.padding()),
          Attribute.ofInts("strides", layer.stride()));
      String op = switch (layer.activation()) {
        case RELU -> "Relu";
        case TANH -> "Tanh";
        default -> throw new IllegalStateException("a Conv1D layer uses relu or tanh, not " + layer.activation());
      };
      x = cat(p, ".a");
      g.node(op, cat(p, "/", op), List.of(z), List.of(x));
    }
    String op = c.pool() == Conv1d.Pool.MAX ? "ReduceMax" : "ReduceMean";
    g.node(op, cat("pool/", op), List.of(x), List.of("pooled"), Attribute.ofInts("axes", 2), Attribute.ofInt("keepdims", 0));
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
    if (origin == null || !origin.assumed(ModelOrigin.FEATURES)) md.put(OnnxFormat.KEY_FEATURES, MetadataJson.write(model.featureNames()));
    if (origin == null || !origin.assumed(ModelOrigin.CLASSES)) md.put(OnnxFormat.KEY_CLASSES, MetadataJson.write(model.classNames()));
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
      md.put(OnnxFormat.KEY_SCALER, MetadataJson.write(s));
    } else {
      training.remove("preprocessing");
    }
    md.put(OnnxFormat.KEY_TRAINING, MetadataJson.write(training));
    md.put(OnnxFormat.KEY_SEED, Long.toString(model.seed()));
    return md;
  }
}
