package org.distinct.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.distinct.BadInputException;
import org.distinct.data.MinMaxScaler;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.model.Conv1dLayer;
import org.distinct.model.DenseLayer;
import org.distinct.model.ElmanRnn;
import org.distinct.model.GatedLayer;
import org.distinct.model.GatedRnn;
import org.distinct.model.Mlp;
import org.distinct.model.Network;
import org.distinct.model.SavedModel;
import org.distinct.onnx.Values.Act;
import org.distinct.onnx.Values.Conv;
import org.distinct.onnx.Values.Dense;
import org.distinct.onnx.Values.Elman;
import org.distinct.onnx.Values.LastStep;
import org.distinct.onnx.Values.Pipeline;
import org.distinct.onnx.Values.Pool;
import org.distinct.onnx.Values.Recurrent;
import org.distinct.onnx.Values.Stage;

/**
 * Reads an ONNX model into a {@link SavedModel}: an MLP, an Elman RNN, an LSTM, a GRU or a Conv1D as {@code torch.onnx.export}
 * writes them (opsets {@value OnnxFormat#MIN_OPSET}–{@value OnnxFormat#MAX_OPSET}), or the same graphs from other
 * exporters using these operators ({@code docs/onnx.md}). Anything else is refused with one {@link BadInputException}
 * line naming the file, the node, its operator and what is supported; nothing is ever imported in part.
 *
 * <p>Feature names, class names, scaler, training configuration and seed come from the metadata that {@link OnnxExporter}
 * writes; a graph without them gets placeholder names and no preprocessing, and its {@link ModelOrigin} lists them as
 * assumed. Weights are float32 in the file and exactly representable in the model's doubles.
 *
 * <p>The file is read with the generated ONNX protobuf classes ({@code ai.onnx.proto.OnnxMl}, {@code parseFrom(byte[])}:
 * no reflection, descriptors or text format on this path), the metadata values with Jackson ({@link OnnxFormat.Json},
 * {@code readValue(text, Object.class)}: plain maps, lists, strings and numbers, no tree or conversion).
 */
public final class OnnxImporter {
  private OnnxImporter() {}

  /**
   * Reads an ONNX file.
   *
   * @param path the file
   * @return the model, with its {@link ModelOrigin} in the training configuration
   * @throws BadInputException if the file is missing, unreadable, not ONNX, truncated, or holds an unsupported graph
   */
  public static SavedModel load(Path path) {
    byte[] bytes;
    // java.io rather than Files.readAllBytes: its channel classes and native library are not loaded yet in a fresh JVM,
    // and loading them adds to the first import (docs/onnx.md, "Speed")
    File file = path.toFile();
    try (FileInputStream in = new FileInputStream(file)) {
      bytes = in.readAllBytes();
    } catch (FileNotFoundException e) {
      if (!file.exists()) throw new BadInputException(path + ": model file not found", e);
      throw new BadInputException(path + ": cannot read model file (" + e.getMessage() + ")", e);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(path + ": cannot read model file (" + e.getMessage() + ")", e);
    }
    return read(bytes, path.toString());
  }

  /**
   * Reads ONNX bytes.
   *
   * @param bytes the serialized {@code ModelProto} (Not modified)
   * @param source the file name for messages
   * @return the model
   * @throws BadInputException as {@link #load}
   */
  public static SavedModel read(byte[] bytes, String source) {
    ModelProto m = parse(bytes, source);
    int opset = opset(m, source);
    GraphInterpreter.Result r = new GraphInterpreter(source).run(m.getGraph());
    Network<?> net = network(r.pipeline(), source);
    if (r.inputWidth() >= 0 && r.inputWidth() != net.inputSize())
      throw new BadInputException(source + ": input '" + r.inputName() + "' has " + r.inputWidth() + " features but the network reads " + net.inputSize());
    String producer = m.getProducerName().concat(" ").concat(m.getProducerVersion()).trim(); // no '+': see OnnxExporter.cat
    return saved(net, metadata(m), new Context(source, producer.isEmpty() ? "unknown" : producer, opset, r.inputLayout()));
  }

  private record Context(String source, String producer, int opset, String inputLayout) {}

  private static ModelProto parse(byte[] bytes, String source) {
    if (bytes.length == 0) throw new BadInputException(source + ": empty file, not an ONNX model");
    if (bytes[0] == '{' || bytes[0] == '[')
      throw new BadInputException(source + ": not an ONNX model (the file is text, like JSON; distinct model files end in .json)");
    ModelProto m;
    try {
      m = ModelProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      boolean truncated = e.getMessage() != null && e.getMessage().contains("ended unexpectedly");
      throw new BadInputException(source + ": " + (truncated ? "truncated ONNX file (it ends in the middle of a record)"
          : "not an ONNX model (not a valid ONNX protobuf: " + e.getMessage() + ")"), e);
    }
    if (!m.hasGraph() || m.getIrVersion() <= 0 || m.getOpsetImportCount() == 0 || m.getGraph().getNodeCount() == 0)
      throw new BadInputException(source + ": not an ONNX model (no IR version, opset or graph nodes)");
    return m;
  }

  private static int opset(ModelProto m, String source) {
    int opset = -1;
    for (OperatorSetIdProto o : m.getOpsetImportList()) if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) opset = (int) o.getVersion();
    if (opset < OnnxFormat.MIN_OPSET || opset > OnnxFormat.MAX_OPSET)
      throw new BadInputException(source + ": opset " + (opset < 0 ? "(none for the default domain)" : opset) + " is not supported (opsets "
          + OnnxFormat.MIN_OPSET + " to " + OnnxFormat.MAX_OPSET + "; re-export with opset_version=17)");
    return opset;
  }

  // ------------------------------------------------------------------ network

  private static Network<?> network(Pipeline p, String source) {
    List<Stage> st = p.stages();
    if (!(st.get(st.size() - 1) instanceof Dense))
      throw new BadInputException(source + ": the graph ends with " + name(st.get(st.size() - 1))
          + "; distinct reads logits, the output of a linear layer (leave softmax and activations out of the export)");
    if (p.convolutional()) return conv1d(st, source);
    return p.recurrent() ? recurrent(st, source) : mlp(st, source);
  }

  private static String name(Stage s) {
    if (s instanceof Act a) return "the activation '" + a.node() + "'";
    if (s instanceof LastStep l) return "the read-out '" + l.node() + "'";
    if (s instanceof Pool p) return "the pooling '" + p.node() + "'";
    if (s instanceof Conv c) return "the convolution '" + c.node() + "'";
    return "a layer";
  }

  private static Mlp mlp(List<Stage> st, String source) {
    List<DenseLayer> layers = new ArrayList<>();
    for (int i = 0; i < st.size(); i++) {
      if (!(st.get(i) instanceof Dense d)) throw new BadInputException(source + ": unexpected " + name(st.get(i)) + " in an MLP");
      Activation a = Activation.IDENTITY;
      if (i + 1 < st.size() && st.get(i + 1) instanceof Act act) {
        a = act.activation();
        i++;
      }
      layers.add(new DenseLayer(d.in(), d.out(), d.w(), d.b() == null ? new double[d.out()] : d.b(), a));
    }
    return new Mlp(layers);
  }

  private static Network<?> recurrent(List<Stage> st, String source) {
    int k = st.size();
    if (k < 3 || !(st.get(k - 2) instanceof LastStep))
      throw new BadInputException(source + ": a recurrent network must be read out by one linear layer on its last step "
          + "(recurrent layers, last step, Gemm or MatMul + Add)");
    Dense out = (Dense) st.get(k - 1);
    double[] bOut = out.b() == null ? new double[out.out()] : out.b();
    if (st.get(0) instanceof Elman e) {
      if (k != 3) throw new BadInputException(source + ": node '" + e.node() + "': distinct's Elman RNN has one layer");
      return new ElmanRnn(e.in(), e.hidden(), out.out(), e.wIh(), e.wHh(), e.b(), out.w(), bOut);
    }
    List<GatedLayer> layers = new ArrayList<>();
    for (int i = 0; i < k - 2; i++) {
      if (!(st.get(i) instanceof Recurrent r)) throw new BadInputException(source + ": unexpected " + name(st.get(i)) + " between recurrent layers");
      layers.add(r.layer());
    }
    return GatedRnn.create(layers.get(0).cell(), layers, out.w(), bOut);
  }

  /** Conv stages (each with its activation), the pooling, the linear read-out. */
  private static Conv1d conv1d(List<Stage> st, String source) {
    int k = st.size();
    if (k < 3 || !(st.get(k - 2) instanceof Pool pool))
      throw new BadInputException(source + ": a Conv1D network must be read out by one linear layer on its pooled features "
          + "(convolutions with Relu/Tanh, global pooling, Gemm or MatMul + Add)");
    List<Conv1dLayer> layers = new ArrayList<>();
    for (int i = 0; i < k - 2; i++) {
      if (!(st.get(i) instanceof Conv c)) throw new BadInputException(source + ": unexpected " + name(st.get(i)) + " between convolutions");
      if (c.activation() == null)
        throw new BadInputException(source + ": node '" + c.node() + "' (Conv): no Relu or Tanh after it; distinct's Conv1D layers apply one");
      layers.add(new Conv1dLayer(c.in(), c.out(), c.kernel(), c.stride(), c.padding(), c.activation(), c.w(), c.b()));
    }
    Dense out = (Dense) st.get(k - 1);
    return new Conv1d(layers, pool.pool(), out.w(), out.b() == null ? new double[out.out()] : out.b());
  }

  // ------------------------------------------------------------------ metadata

  private static Map<String, String> metadata(ModelProto m) {
    Map<String, String> md = new LinkedHashMap<>();
    for (StringStringEntryProto e : m.getMetadataPropsList()) md.put(e.getKey(), e.getValue());
    return md;
  }

  private static SavedModel saved(Network<?> net, Map<String, String> md, Context c) {
    Set<String> assumed = new TreeSet<>();
    List<String> features = names(md, OnnxFormat.KEY_FEATURES, net.inputSize(), c.source(), "input");
    if (features == null) {
      assumed.add(ModelOrigin.FEATURES);
      features = placeholders("x", net.inputSize());
    }
    List<String> classes = names(md, OnnxFormat.KEY_CLASSES, net.numClasses(), c.source(), "output");
    if (classes == null) {
      assumed.add(ModelOrigin.CLASSES);
      classes = placeholders("class", net.numClasses());
    }
    Map<String, Object> training = new LinkedHashMap<>();
    if (json(md, OnnxFormat.KEY_TRAINING, c.source()) instanceof Map<?, ?> t)
      for (Map.Entry<?, ?> e : t.entrySet()) training.put((String) e.getKey(), e.getValue());
    boolean sequences = !(net instanceof Mlp);
    if (!md.containsKey(OnnxFormat.KEY_SCALER) || sequences && !training.containsKey("preprocessing")) assumed.add(ModelOrigin.PREPROCESSING);
    MinMaxScaler scaler = scaler(json(md, OnnxFormat.KEY_SCALER, c.source()), net.inputSize(), c.source());
    long seed = 0;
    if (md.containsKey(OnnxFormat.KEY_SEED)) {
      try {
        seed = Long.parseLong(md.get(OnnxFormat.KEY_SEED).trim());
      } catch (NumberFormatException e) {
        throw new BadInputException(c.source() + ": metadata '" + OnnxFormat.KEY_SEED + "': not an integer");
      }
    }
    training.put(ModelOrigin.KEY, new ModelOrigin("onnx", c.source(), c.producer(), c.opset(), c.inputLayout(), assumed).record());
    return SavedModel.of(net, features, classes, scaler, training, seed);
  }

  private static List<String> placeholders(String prefix, int n) {
    List<String> l = new ArrayList<>();
    for (int i = 0; i < n; i++) l.add(prefix.concat(Integer.toString(i)));
    return l;
  }

  /** @return the metadata value of {@code key} as plain values (maps, lists, strings, numbers, booleans), or null */
  private static Object json(Map<String, String> md, String key, String source) {
    String v = md.get(key);
    if (v == null) return null;
    try {
      return OnnxFormat.Json.MAPPER.readValue(v, Object.class);
    } catch (JsonProcessingException e) {
      throw new BadInputException(source + ": metadata '" + key + "': not valid JSON (" + oneLine(e.getOriginalMessage()) + ")", e);
    }
  }

  private static String oneLine(String message) {
    return message == null ? "unreadable" : message.replace('\n', ' ');
  }

  private static List<String> names(Map<String, String> md, String key, int expected, String source, String what) {
    Object a = json(md, key, source);
    if (a == null && !md.containsKey(key)) return null;
    if (!(a instanceof List<?> l) || l.size() != expected)
      throw new BadInputException(source + ": metadata '" + key + "': expected a JSON array of " + expected + " names (one per " + what + ")");
    List<String> out = new ArrayList<>();
    for (Object s : l) out.add(s == null ? "null" : s.toString());
    return out;
  }

  private static MinMaxScaler scaler(Object s, int inputs, String source) {
    if (s == null) return null;
    double[] mn = s instanceof Map<?, ?> m && "minmax".equals(m.get("type")) ? numbers(m.get("min"), inputs) : null;
    double[] mx = s instanceof Map<?, ?> m ? numbers(m.get("max"), inputs) : null;
    if (mn == null || mx == null)
      throw new BadInputException(source + ": metadata '" + OnnxFormat.KEY_SCALER + "': expected {\"type\": \"minmax\", \"min\": [" + inputs
          + " numbers], \"max\": [" + inputs + " numbers]} or null");
    return new MinMaxScaler(mn, mx);
  }

  /** @return the numbers of a JSON array of {@code n} numbers, or null if it is not one */
  private static double[] numbers(Object a, int n) {
    if (!(a instanceof List<?> l) || l.size() != n) return null;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      if (!(l.get(i) instanceof Number x)) return null;
      v[i] = x.doubleValue();
    }
    return v;
  }
}
