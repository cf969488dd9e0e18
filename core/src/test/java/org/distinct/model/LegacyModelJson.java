package org.distinct.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ObjectMapper-based model-file JSON of commit a7ab1b3, kept in the tests only to compare {@link ModelJson} with
 * it: the same mapper configuration, tree building, writing and parse-error messages as {@code ModelFile} had.
 */
final class LegacyModelJson {
  /** ModelFile's former mapper. */
  static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private LegacyModelJson() {}

  /** @return the text the old {@code ModelFile.toJson} wrote for {@code model} */
  @SuppressWarnings("unchecked")
  static <T extends Network<?>> String toJson(SavedModel model) throws JsonProcessingException {
    ObjectNode root = MAPPER.createObjectNode();
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
      for (double v : model.scaler().min()) mn.add(v);
      ArrayNode mx = s.putArray("max");
      for (double v : model.scaler().max()) mx.add(v);
    }
    root.set("training", MAPPER.valueToTree(model.trainingConfig()));
    ObjectNode net = root.putObject("network");
    for (NetworkCodec<?> c : ModelFile.CODECS)
      if (c.type().isInstance(model.network())) {
        ((NetworkCodec<T>) c).write((T) model.network(), net);
        break;
      }
    return MAPPER.writeValueAsString(root) + "\n";
  }

  /**
   * @param json the text
   * @param source file name for the message
   * @return the old {@code ModelFile} message for text it refused before reading any field, or null if the text is
   *     a JSON object
   */
  static String parseError(String json, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where = loc == null ? "" : ": line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      boolean eof = e instanceof JsonEOFException;
      return source + where + ": " + (eof ? "truncated JSON (file ends too early)" : "malformed JSON: " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode()) return source + ": empty model file";
    if (!root.isObject()) return source + ": not a distinct model file (the JSON is not an object)";
    return null;
  }

  /** @return the training record as the old reader made it */
  @SuppressWarnings("unchecked")
  static Map<String, Object> plain(JsonNode training) {
    return MAPPER.convertValue(training, LinkedHashMap.class);
  }
}
