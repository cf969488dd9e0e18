package org.distinct.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model-file JSON text to and from {@link JsonNode} trees with jackson-core's streaming {@link JsonParser} and
 * {@link JsonGenerator} only: no {@code ObjectMapper}, whose creation costs a fresh JVM about 0.2 s. Gives what the
 * ObjectMapper of {@link ModelFile} gave before (with {@code INDENT_OUTPUT}, {@code FAIL_ON_TRAILING_TOKENS},
 * {@code STRICT_DUPLICATE_DETECTION}): the same node kinds ({@code IntNode} for integers that fit an int, then
 * {@code LongNode}, then {@code BigIntegerNode}; {@code DoubleNode} for every number with a fraction or exponent), the
 * same errors with the same messages and locations, and byte-identical text (the same {@link DefaultPrettyPrinter},
 * doubles in Java's shortest round-trip form).
 */
final class ModelJson {
  /** Parser and generator factory: strict duplicate detection, otherwise jackson-core's defaults (as ObjectMapper's). */
  private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ModelJson() {}

  /** @return a new empty object node (as {@code ObjectMapper.createObjectNode()}) */
  static ObjectNode object() {
    return NODES.objectNode();
  }

  /**
   * Parses JSON text into a tree, as {@code ObjectMapper.readTree(String)} with trailing tokens refused.
   *
   * @param json the text
   * @return the root value, or null if the text holds no value (empty or only white space)
   * @throws JsonProcessingException if the text is not JSON, is truncated ({@code JsonEOFException}), has a
   *     duplicate key or anything after the root value
   */
  static JsonNode read(String json) throws JsonProcessingException {
    try (JsonParser p = FACTORY.createParser(json)) {
      JsonToken first = p.nextToken();
      if (first == null) return null;
      JsonNode root = value(p, first);
      JsonToken trailing = p.nextToken();
      if (trailing != null) throw new JsonParseException(p, trailingMessage(trailing), p.currentTokenLocation());
      return root;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading JSON from a string", e); // a String source has no I/O to fail
    }
  }

  /** @return ObjectMapper's message for a token after the root value (databind's {@code reportTrailingTokens}) */
  private static String trailingMessage(JsonToken t) {
    return "Trailing token (of type " + t + ") found after value (bound as `" + JsonNode.class.getName()
        + "`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`";
  }

  /** @return the value starting at token {@code first}, read to its end (iteratively: nesting depth is the parser's limit) */
  private static JsonNode value(JsonParser p, JsonToken first) throws IOException {
    if (!first.isStructStart()) return scalar(p, first);
    ArrayDeque<ContainerNode<?>> open = new ArrayDeque<>();
    ContainerNode<?> root = first == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
    ContainerNode<?> cur = root;
    String field = null;
    for (JsonToken t = p.nextToken(); ; t = p.nextToken()) {
      if (t == null) throw new IllegalStateException("parser ended inside a value"); // the parser reports this itself
      if (t == JsonToken.FIELD_NAME) {
        field = p.currentName();
        continue;
      }
      if (t.isStructEnd()) {
        if (open.isEmpty()) return root;
        cur = open.pop();
        continue;
      }
      JsonNode v = t.isStructStart() ? (t == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode()) : scalar(p, t);
      if (cur instanceof ObjectNode o) o.replace(field, v);
      else ((ArrayNode) cur).add(v);
      if (t.isStructStart()) {
        open.push(cur);
        cur = (ContainerNode<?>) v;
      }
    }
  }

  /** @return the node of a scalar token, of the kind ObjectMapper's tree reader makes */
  private static JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return switch (p.getNumberType()) {
          case INT -> NODES.numberNode(p.getIntValue());
          case LONG -> NODES.numberNode(p.getLongValue());
          default -> NODES.numberNode(p.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new IllegalStateException("unexpected JSON token " + t);
    }
  }

  /**
   * Writes a tree as text, as {@code ObjectMapper.writeValueAsString} with {@code INDENT_OUTPUT} did.
   *
   * @param root the tree (objects, arrays, strings, numbers, booleans, nulls)
   * @return the text (no final line break)
   * @throws IllegalArgumentException if the tree holds another kind of node (binary, POJO, missing)
   */
  static String write(JsonNode root) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      node(g, root);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to a string", e); // a StringWriter does not fail
    }
    return w.toString();
  }

  private static void node(JsonGenerator g, JsonNode n) throws IOException {
    switch (n.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
          g.writeFieldName(e.getKey());
          node(g, e.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode c : n) node(g, c);
        g.writeEndArray();
      }
      case STRING -> g.writeString(n.textValue());
      case BOOLEAN -> g.writeBoolean(n.booleanValue());
      case NULL -> g.writeNull();
      case NUMBER -> number(g, n);
      default -> throw new IllegalArgumentException("cannot write a JSON node of type " + n.getNodeType());
    }
  }

  private static void number(JsonGenerator g, JsonNode n) throws IOException {
    switch (n.numberType()) {
      case INT -> g.writeNumber(n.intValue());
      case LONG -> g.writeNumber(n.longValue());
      case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
      case FLOAT -> g.writeNumber(n.floatValue());
      case DOUBLE -> g.writeNumber(n.doubleValue());
      default -> g.writeNumber(n.decimalValue());
    }
  }

  /**
   * Plain JSON values as a tree, as {@code ObjectMapper.valueToTree} made them.
   *
   * @param v null, a String, Boolean, Integer, Long, Float, Double or BigInteger, or a Map with String keys or a
   *     Collection of such values (Not modified)
   * @return the tree
   * @throws IllegalArgumentException for a value of another type, or a map key that is not a string
   */
  static JsonNode tree(Object v) {
    if (v == null) return NODES.nullNode();
    if (v instanceof String s) return NODES.textNode(s);
    if (v instanceof Boolean b) return NODES.booleanNode(b);
    if (v instanceof Integer i) return NODES.numberNode(i.intValue());
    if (v instanceof Long l) return NODES.numberNode(l.longValue());
    if (v instanceof Double d) return NODES.numberNode(d.doubleValue());
    if (v instanceof Float f) return NODES.numberNode(f.floatValue());
    if (v instanceof BigInteger b) return NODES.numberNode(b);
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = NODES.objectNode();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String k)) throw new IllegalArgumentException("cannot write a map key that is not a string: " + e.getKey());
        o.set(k, tree(e.getValue()));
      }
      return o;
    }
    if (v instanceof Collection<?> c) {
      ArrayNode a = NODES.arrayNode(c.size());
      for (Object x : c) a.add(tree(x));
      return a;
    }
    throw new IllegalArgumentException("cannot write a value of type " + v.getClass().getName() + " as plain JSON");
  }

  /**
   * A tree as plain Java values, as {@code ObjectMapper.convertValue(node, LinkedHashMap.class)} gave them.
   *
   * @param n an object node read by {@link #read}
   * @return its fields: LinkedHashMaps for objects, ArrayLists for arrays, Strings, Booleans, nulls, and Integer,
   *     Long, BigInteger or Double for numbers
   */
  static Map<String, Object> plain(ObjectNode n) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) m.put(e.getKey(), plainValue(e.getValue()));
    return m;
  }

  private static Object plainValue(JsonNode n) {
    switch (n.getNodeType()) {
      case OBJECT:
        return plain((ObjectNode) n);
      case ARRAY:
        List<Object> l = new ArrayList<>(n.size());
        for (JsonNode c : n) l.add(plainValue(c));
        return l;
      case STRING:
        return n.textValue();
      case BOOLEAN:
        return n.booleanValue();
      case NULL:
        return null;
      case NUMBER:
        return n.numberValue();
      default:
        throw new IllegalArgumentException("cannot convert a JSON node of type " + n.getNodeType());
    }
  }
}
