package org.distinct.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.distinct.BadInputException;
import org.distinct.util.AtomicFiles;
import org.distinct.data.MinMaxScaler;

/**
 * Saves and loads {@link SavedModel}s as JSON ({@code docs/model-format.md}). Doubles are written with
 * Java's shortest round-trip representation, so a loaded model predicts bit-identically. Files are written
 * atomically (temporary file in the same folder, then rename). Every problem in a file is reported as one
 * {@link BadInputException} line naming the file, the field and what is wrong. The JSON goes through jackson-core's
 * streaming parser and generator only ({@link ModelJson}): no {@code ObjectMapper}, whose creation would cost every
 * command that reads a model about 0.2 s of start-up.
 */
public final class ModelFile {
  /** The format name written to every file. */
  public static final String FORMAT = "distinct-model";
  /** The format version this build writes and reads. */
  public static final int FORMAT_VERSION = 1;
  /** Codecs of the network kinds this build understands (add new kinds here). */
  static final List<NetworkCodec<?>> CODECS = List.of(new MlpCodec(), new RnnCodec(), GatedCodec.lstm(), GatedCodec.gru(), new Conv1dCodec());

  private ModelFile() {}

  /**
   * Writes a model file atomically.
   *
   * @param path the file to create or replace
   * @param model the bundle
   * @throws IOException if the file cannot be written (the old file, if any, is then unchanged)
   * @throws IllegalArgumentException if a weight or scaler value is not finite, the kind has no codec, or the training
   *     configuration holds a value that is not plain JSON (see {@link #toJson})
   */
  public static void save(Path path, SavedModel model) throws IOException {
    byte[] json = toJson(model).getBytes(StandardCharsets.UTF_8);
    AtomicFiles.writeBytes(path, json);
  }

  /**
   * Reads a model file.
   *
   * @param path the file
   * @return the bundle
   * @throws BadInputException if the file is missing, unreadable, not JSON, truncated, of another format or
   *     version, of an unknown kind, missing a field, or has shapes that do not fit together
   */
  public static SavedModel load(Path path) {
    String name = path.toString();
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BadInputException(name + ": model file not found", e);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(name + ": cannot read model file (" + e.getMessage() + ")", e);
    }
    return fromJson(text, name);
  }

  /**
   * Reads a model file that must hold an MLP.
   *
   * @param path the file
   * @return the bundle ({@link SavedModel#mlp()} is safe to call)
   * @throws BadInputException as {@link #load}, or if the file holds another kind of network
   */
  public static SavedModel loadMlp(Path path) {
    SavedModel m = load(path);
    if (!(m.network() instanceof Mlp))
      throw new BadInputException(path + ": field 'kind': this is a '" + m.kind() + "' model, expected 'mlp'");
    return m;
  }

  /**
   * Reads a model file that must hold an Elman RNN.
   *
   * @param path the file
   * @return the bundle ({@link SavedModel#rnn()} is safe to call)
   * @throws BadInputException as {@link #load}, or if the file holds another kind of network
   */
  public static SavedModel loadRnn(Path path) {
    SavedModel m = load(path);
    if (!(m.network() instanceof ElmanRnn))
      throw new BadInputException(path + ": field 'kind': this is a '" + m.kind() + "' model, expected 'rnn'");
    return m;
  }

  /**
   * @param model the bundle; its training configuration may hold nulls, Strings, Booleans, Integers, Longs, Floats,
   *     Doubles, BigIntegers, and Maps with String keys and Collections of those
   * @return its JSON text (what {@link #save} writes)
   * @throws IllegalArgumentException as {@link #save}
   */
  public static String toJson(SavedModel model) {
    ObjectNode root = ModelJson.object();
    root.put("format", model.format());
    root.put("formatVersion", model.formatVersion());
    root.put("softwareVersion", model.softwareVersion());
    root.put("created", model.created().toString());
    root.put("kind", model.kind());
    root.put("seed", model.seed());
    ArrayNode fn = root.putArray("featureNames");
    model.featureNames().forEach(fn::add);
    ArrayNode cn = root.putArray("classNames");
    model.classNames().forEach(cn::add);
    if (model.scaler() == null) {
      root.putNull("scaler");
    } else {
      ObjectNode s = root.putObject("scaler");
      s.put("type", "minmax");
      ArrayNode mn = s.putArray("min");
      for (double v : model.scaler().min()) mn.add(finite(v, "scaler minimum"));
      ArrayNode mx = s.putArray("max");
      for (double v : model.scaler().max()) mx.add(finite(v, "scaler maximum"));
    }
    root.set("training", ModelJson.tree(model.trainingConfig()));
    writeNetwork(model.network(), root.putObject("network"));
    return ModelJson.write(root) + "\n";
  }

  @SuppressWarnings("unchecked")
  private static <T extends Network<?>> void writeNetwork(Network<?> n, ObjectNode out) {
    for (NetworkCodec<?> c : CODECS)
      if (c.type().isInstance(n)) {
        ((NetworkCodec<T>) c).write((T) n, out);
        return;
      }
    throw new IllegalArgumentException("no model-file codec for network kind '" + n.kind() + "'");
  }

  /**
   * Parses model-file JSON.
   *
   * @param json the text
   * @param source file name used in error messages
   * @return the bundle
   * @throws BadInputException for any problem (see {@link #load})
   */
  public static SavedModel fromJson(String json, String source) {
    Fields f = new Fields(source);
    JsonNode root = parseObject(json, source);
    String format = f.text(root, "format", "format");
    if (!FORMAT.equals(format)) throw f.bad("format", "not a distinct model file (format '" + format + "', expected '" + FORMAT + "')");
    int version = f.integer(root, "formatVersion", "formatVersion");
    if (version != FORMAT_VERSION)
      throw f.bad("formatVersion", "model format version " + version + " is not supported (this build reads version " + FORMAT_VERSION + ")");
    String software = f.text(root, "softwareVersion", "softwareVersion");
    Instant created = created(f, root);
    NetworkCodec<?> codec = codec(f, f.text(root, "kind", "kind"));
    long seed = f.longValue(root, "seed", "seed");
    List<String> features = f.strings(root, "featureNames");
    List<String> classes = f.strings(root, "classNames");
    JsonNode networkNode = f.field(root, "network", "network");
    if (!networkNode.isObject()) throw f.bad("network", "is not an object");
    Network<?> network = codec.read(networkNode, f);
    if (features.size() != network.inputSize())
      throw f.bad("featureNames", "has " + features.size() + " names, expected " + network.inputSize() + " (the network's inputs)");
    if (classes.size() != network.numClasses())
      throw f.bad("classNames", "has " + classes.size() + " names, expected " + network.numClasses() + " (the network's outputs)");
    MinMaxScaler scaler = scaler(f, root, network.inputSize());
    JsonNode tn = f.field(root, "training", "training");
    if (!tn.isObject()) throw f.bad("training", "is not an object");
    Map<String, Object> training = ModelJson.plain((ObjectNode) tn);
    return new SavedModel(format, version, software, created, network, features, classes, scaler, training, seed);
  }

  /** @return the JSON text's root, which must be an object (else a one-line error naming {@code source}) */
  private static JsonNode parseObject(String json, String source) {
    JsonNode root;
    try {
      root = ModelJson.read(json);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where = loc == null ? "" : ": line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      boolean eof = e instanceof JsonEOFException;
      throw new BadInputException(source + where + ": " + (eof ? "truncated JSON (file ends too early)" : "malformed JSON: " + e.getOriginalMessage()), e);
    }
    if (root == null) throw new BadInputException(source + ": empty model file");
    if (!root.isObject()) throw new BadInputException(source + ": not a distinct model file (the JSON is not an object)");
    return root;
  }

  /** @return the {@code created} field as an instant */
  private static Instant created(Fields f, JsonNode root) {
    String createdText = f.text(root, "created", "created");
    try {
      return Instant.parse(createdText);
    } catch (DateTimeParseException e) {
      throw f.bad("created", "not an ISO-8601 UTC time: '" + createdText + "'");
    }
  }

  /** @return the codec of a network kind (the last of {@link #CODECS} with that kind), or a one-line error listing the known kinds */
  private static NetworkCodec<?> codec(Fields f, String kind) {
    NetworkCodec<?> codec = null;
    for (NetworkCodec<?> c : CODECS) if (c.kind().equals(kind)) codec = c;
    if (codec != null) return codec;
    List<String> known = new ArrayList<>();
    for (NetworkCodec<?> c : CODECS) known.add(c.kind());
    throw f.bad("kind", "unknown model kind '" + kind + "' (this build reads " + String.join(", ", known) + ")");
  }

  /** @return the {@code scaler} field: null when it is null, else a min–max scaler of {@code d} features */
  private static MinMaxScaler scaler(Fields f, JsonNode root, int d) {
    JsonNode sn = f.field(root, "scaler", "scaler");
    if (sn.isNull()) return null;
    if (!sn.isObject()) throw f.bad("scaler", "is neither an object nor null");
    String type = f.text(sn, "type", "scaler.type");
    if (!type.equals("minmax")) throw f.bad("scaler.type", "unknown scaler '" + type + "' (minmax)");
    double[] mn = f.doubles(sn, "min", "scaler.min", d, String.valueOf(d));
    double[] mx = f.doubles(sn, "max", "scaler.max", d, String.valueOf(d));
    return new MinMaxScaler(mn, mx);
  }

  static double finite(double v, String what) {
    if (!Double.isFinite(v)) throw new IllegalArgumentException("cannot save a non-finite " + what + ": " + v);
    return v;
  }

  /**
   * Reads required fields of a model file and builds one-line errors {@code FILE: field 'PATH': WHAT}.
   * Public so that {@link NetworkCodec}s of other network kinds can use it.
   */
  public static final class Fields {
    private final String source;

    Fields(String source) {
      this.source = source;
    }

    /**
     * @param path the field's path, e.g. {@code network.layers[0].w}
     * @param what what is wrong
     * @return the exception to throw
     */
    public BadInputException bad(String path, String what) {
      return new BadInputException(source + ": field '" + path + "': " + what);
    }

    /**
     * @param node the object
     * @param name the field name
     * @param path its full path (for messages)
     * @return the field's value
     * @throws BadInputException if it is missing
     */
    public JsonNode field(JsonNode node, String name, String path) {
      JsonNode v = node.get(name);
      if (v == null) throw bad(path, "missing");
      return v;
    }

    /**
     * @param node the object
     * @param name the field name
     * @param path its full path (for messages)
     * @return a required string field
     * @throws BadInputException if it is missing or of another type
     */
    public String text(JsonNode node, String name, String path) {
      JsonNode v = field(node, name, path);
      if (!v.isTextual()) throw bad(path, "is not a string");
      return v.textValue();
    }

    /**
     * @param node the object
     * @param name the field name
     * @param path its full path (for messages)
     * @return a required int field
     * @throws BadInputException if it is missing or of another type
     */
    public int integer(JsonNode node, String name, String path) {
      JsonNode v = field(node, name, path);
      if (!v.isIntegralNumber() || !v.canConvertToInt()) throw bad(path, "is not an integer");
      return v.intValue();
    }

    /**
     * @param node the object
     * @param name the field name
     * @param path its full path (for messages)
     * @return a required long field
     * @throws BadInputException if it is missing or of another type
     */
    public long longValue(JsonNode node, String name, String path) {
      JsonNode v = field(node, name, path);
      if (!v.isIntegralNumber() || !v.canConvertToLong()) throw bad(path, "is not an integer");
      return v.longValue();
    }

    /**
     * @param node the object
     * @param name the field name
     * @param path its full path (for messages)
     * @return a required array field
     * @throws BadInputException if it is missing or of another type
     */
    public JsonNode array(JsonNode node, String name, String path) {
      JsonNode v = field(node, name, path);
      if (!v.isArray()) throw bad(path, "is not an array");
      return v;
    }

    /**
     * @param node the object
     * @param name the field name (also its path in messages)
     * @return a required array of strings
     * @throws BadInputException if it is missing or holds something else
     */
    public List<String> strings(JsonNode node, String name) {
      JsonNode a = array(node, name, name);
      List<String> out = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).isTextual()) throw bad(name + "[" + i + "]", "is not a string");
        out.add(a.get(i).textValue());
      }
      return out;
    }

    /**
     * @param node the object holding the array
     * @param path the array's full path
     * @return a required array of integers
     */
    public int[] ints(JsonNode node, String path) {
      String name = path.substring(path.lastIndexOf('.') + 1);
      JsonNode a = array(node, name, path);
      int[] out = new int[a.size()];
      for (int i = 0; i < out.length; i++) {
        JsonNode v = a.get(i);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw bad(path + "[" + i + "]", "is not an integer");
        out[i] = v.intValue();
      }
      return out;
    }

    /**
     * A required array of finite numbers of an exact length.
     *
     * @param node the object holding the array
     * @param name the field name
     * @param path its full path
     * @param expected the required length
     * @param shape the expected shape as text (e.g. {@code "30 x 25"}), for the message
     * @return the values
     */
    public double[] doubles(JsonNode node, String name, String path, int expected, String shape) {
      JsonNode a = array(node, name, path);
      if (a.size() != expected)
        throw bad(path, "has " + a.size() + " values, expected " + expected + (shape.equals(String.valueOf(expected)) ? "" : " (" + shape + ")"));
      double[] out = new double[expected];
      for (int i = 0; i < expected; i++) {
        JsonNode v = a.get(i);
        if (!v.isNumber()) throw bad(path + "[" + i + "]", "is not a number");
        out[i] = v.doubleValue();
        if (!Double.isFinite(out[i])) throw bad(path + "[" + i + "]", "is not finite");
      }
      return out;
    }
  }
}
