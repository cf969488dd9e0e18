package org.distinct.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
import org.distinct.model.DenseLayer;
import org.distinct.model.ElmanRnn;
import org.distinct.model.GatedLayer;
import org.distinct.model.GatedRnn;
import org.distinct.model.Mlp;
import org.distinct.model.Network;
import org.distinct.model.SavedModel;
import org.distinct.onnx.Values.Act;
import org.distinct.onnx.Values.Dense;
import org.distinct.onnx.Values.Elman;
import org.distinct.onnx.Values.LastStep;
import org.distinct.onnx.Values.Pipeline;
import org.distinct.onnx.Values.Recurrent;
import org.distinct.onnx.Values.Stage;

/**
 * Reads an ONNX model into a {@link SavedModel}: an MLP, an Elman RNN, an LSTM or a GRU as {@code torch.onnx.export}
 * writes them (opsets {@value OnnxFormat#MIN_OPSET}–{@value OnnxFormat#MAX_OPSET}), or the same graphs from other
 * exporters using these operators ({@code docs/onnx.md}). Anything else is refused with one {@link BadInputException}
 * line naming the file, the node, its operator and what is supported; nothing is ever imported in part.
 *
 * <p>Feature names, class names, scaler, training configuration and seed come from the metadata that {@link OnnxExporter}
 * writes; a graph without them gets placeholder names and no preprocessing, and its {@link ModelOrigin} lists them as
 * assumed. Weights are float32 in the file and exactly representable in the model's doubles.
 */
public final class OnnxImporter {
  /** Jackson, loaded only when a file has metadata (its class loading costs more than a whole import of a torch graph). */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

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
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new BadInputException(path + ": model file not found", e);
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
    String producer = (m.getProducerName() + " " + m.getProducerVersion()).trim();
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
    return p.recurrent() ? recurrent(st, source) : mlp(st, source);
  }

  private static String name(Stage s) {
    if (s instanceof Act a) return "the activation '" + a.node() + "'";
    if (s instanceof LastStep l) return "the read-out '" + l.node() + "'";
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
    JsonNode t = json(md, OnnxFormat.KEY_TRAINING, c.source());
    if (t != null && t.isObject()) training.putAll(Json.MAPPER.convertValue(t, LinkedHashMap.class));
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
    for (int i = 0; i < n; i++) l.add(prefix + i);
    return l;
  }

  private static JsonNode json(Map<String, String> md, String key, String source) {
    String v = md.get(key);
    if (v == null) return null;
    try {
      return Json.MAPPER.readTree(v);
    } catch (JsonProcessingException e) {
      throw new BadInputException(source + ": metadata '" + key + "': not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  private static List<String> names(Map<String, String> md, String key, int expected, String source, String what) {
    JsonNode a = json(md, key, source);
    if (a == null) return null;
    if (!a.isArray() || a.size() != expected)
      throw new BadInputException(source + ": metadata '" + key + "': expected a JSON array of " + expected + " names (one per " + what + ")");
    List<String> out = new ArrayList<>();
    for (JsonNode s : a) out.add(s.asText());
    return out;
  }

  private static MinMaxScaler scaler(JsonNode s, int inputs, String source) {
    if (s == null || s.isNull()) return null;
    JsonNode min = s.get("min");
    JsonNode max = s.get("max");
    if (!"minmax".equals(s.path("type").asText()) || min == null || max == null || !min.isArray() || !max.isArray() || min.size() != inputs
        || max.size() != inputs)
      throw new BadInputException(source + ": metadata '" + OnnxFormat.KEY_SCALER + "': expected {\"type\": \"minmax\", \"min\": [" + inputs
          + " numbers], \"max\": [" + inputs + " numbers]} or null");
    double[] mn = new double[inputs];
    double[] mx = new double[inputs];
    for (int i = 0; i < inputs; i++) {
      mn[i] = min.get(i).asDouble();
      mx[i] = max.get(i).asDouble();
    }
    return new MinMaxScaler(mn, mx);
  }
}
