package org.distinct.study;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distinct.BadInputException;
import org.distinct.family.Families;
import org.distinct.family.ModelFamily;

/**
 * The JSON/YAML layout of a {@link StudyConfig}: {@code name}, {@code seed}, {@code data}, one top-level key per model
 * section (a family's kind, e.g. {@code mlp:}, {@code rnn:}, or any other name whose section says {@code kind:}),
 * {@code pruning}, {@code leakage}. Reading streams from
 * the parser, so every error keeps its line; a key that is neither a setting nor a registered family's kind is an
 * unknown key naming the keys that exist.
 */
final class StudyConfigJson {
  private static final List<String> SETTINGS = List.of("name", "seed", "data", "pruning", "leakage");
  /** Turns a section into a tree (its own annotations: omitted nulls, key order). */
  private static final ObjectMapper JSON = new ObjectMapper();

  private StudyConfigJson() {}

  /** Reads a study. */
  static final class Reader extends StdDeserializer<StudyConfig> {
    Reader() {
      super(StudyConfig.class);
    }

    @Override
    public StudyConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT)
        return (StudyConfig) ctxt.handleUnexpectedToken(StudyConfig.class, p);
      String name = null;
      Long seed = null;
      StudyConfig.DataSection data = null;
      StudyConfig.PruningSection pruning = null;
      Boolean leakage = null;
      Map<String, ModelSection> models = new LinkedHashMap<>();
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        p.nextToken();
        try {
          switch (field) {
            case "name" -> name = ctxt.readValue(p, String.class);
            case "seed" -> seed = ctxt.readValue(p, Long.class);
            case "data" -> data = ctxt.readValue(p, StudyConfig.DataSection.class);
            case "pruning" -> pruning = ctxt.readValue(p, StudyConfig.PruningSection.class);
            case "leakage" -> leakage = ctxt.readValue(p, Boolean.class);
            default -> models.put(field, section(p, ctxt, field));
          }
        } catch (BadInputException e) {
          throw JsonMappingException.wrapWithPath(JsonMappingException.from(p, e.getMessage(), e), StudyConfig.class, field);
        } catch (JsonMappingException e) {
          throw JsonMappingException.wrapWithPath(e, StudyConfig.class, field);
        }
      }
      try {
        return new StudyConfig(name, seed, data, pruning, leakage, models);
      } catch (BadInputException e) {
        throw JsonMappingException.from(p, e.getMessage(), e);
      }
    }

    private static ModelSection section(JsonParser p, DeserializationContext ctxt, String field) throws IOException {
      if (Families.has(field)) {
        ModelFamily<?, ?, ?, ?> family = Families.get(field);
        ModelSection raw = ctxt.readValue(p, ModelSection.typeFor(family));
        if (raw == null) throw new BadInputException(field + ": the section is empty (write '" + field + ": {}' for the defaults)");
        if (raw.kind() != null && !raw.kind().equals(field))
          throw new BadInputException(field + ".kind: the section named '" + field + "' is of kind '" + field + "'; give another name to a '"
              + raw.kind() + "' section");
        return raw.resolve(field, family);
      }
      JsonNode tree = ctxt.readTree(p);
      JsonNode kind = tree == null ? null : tree.get("kind");
      if (kind == null) {
        List<Object> known = new ArrayList<>(SETTINGS);
        known.addAll(Families.kinds());
        known.add("any other name with 'kind: " + String.join("|", Families.kinds()) + "'");
        throw UnrecognizedPropertyException.from(p, StudyConfig.class, field, known);
      }
      if (!Families.has(kind.asText()))
        throw new BadInputException(field + ".kind: unknown model kind '" + kind.asText() + "' (known: " + String.join(", ", Families.kinds()) + ")");
      ModelFamily<?, ?, ?, ?> family = Families.get(kind.asText());
      ModelSection raw = ctxt.readTreeAsValue(tree, ModelSection.typeFor(family));
      return raw.resolve(field, family);
    }
  }

  /** Writes a study. */
  static final class Writer extends StdSerializer<StudyConfig> {
    Writer() {
      super(StudyConfig.class);
    }

    @Override
    public void serialize(StudyConfig c, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeStartObject();
      gen.writeStringField("name", c.name());
      gen.writeNumberField("seed", c.seed());
      provider.defaultSerializeField("data", c.data(), gen);
      for (Map.Entry<String, ModelSection> e : c.models().entrySet()) {
        ObjectNode section = JSON.valueToTree(e.getValue());
        if (e.getKey().equals(e.getValue().kind())) section.remove("kind"); // a section named after its kind
        gen.writeFieldName(e.getKey());
        gen.writeTree(section);
      }
      provider.defaultSerializeField("pruning", c.pruning(), gen);
      gen.writeBooleanField("leakage", c.leakage());
      gen.writeEndObject();
    }
  }
}
