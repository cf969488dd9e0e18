package org.distinct.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Work units and their results as JSON text, for executors that run units in other JVMs (a cluster engine): a unit
 * travels as {@code {"type": "FoldUnit", "unit": {...}}}, its result comes back in the format of the run cache
 * ({@link UnitCache}), whose doubles round-trip exactly, so a result read back equals the computed one bit for bit.
 */
public final class UnitJson {
  private UnitJson() {}

  /**
   * @param unit a unit
   * @return its JSON text ({@link #unitFromJson} reads it back to an equal unit)
   */
  public static String unitToJson(WorkUnit<?> unit) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", unit.getClass().getSimpleName());
    m.put("unit", unit);
    return write(m);
  }

  /**
   * @param json text written by {@link #unitToJson}
   * @return the unit
   * @throws IllegalArgumentException for text that is not a unit
   */
  public static WorkUnit<?> unitFromJson(String json) {
    try {
      JsonNode n = UnitCache.JSON.readTree(json);
      String type = n.path("type").asText();
      for (Class<?> c : WorkUnit.class.getPermittedSubclasses())
        if (c.getSimpleName().equals(type)) return (WorkUnit<?>) UnitCache.JSON.treeToValue(n.get("unit"), c);
      throw new IllegalArgumentException("not a work unit type: '" + type + "'");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a work unit: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Runs a unit given as JSON.
   *
   * @param unitJson text written by {@link #unitToJson}
   * @param ctx the study and its data
   * @return the unit's result as JSON ({@link #resultFromJson})
   */
  public static String run(String unitJson, StudyContext ctx) {
    return resultToJson(unitFromJson(unitJson).run(ctx));
  }

  /**
   * @param result a unit's result (or any record of numbers, e.g. a {@link StudyResult})
   * @return its JSON text in the run cache's format
   */
  public static String resultToJson(Object result) {
    return write(result);
  }

  /**
   * @param <R> the unit's result type
   * @param unit the unit the result belongs to
   * @param json text written by {@link #resultToJson}
   * @return the result
   * @throws IllegalArgumentException for text that is not such a result
   */
  public static <R> R resultFromJson(WorkUnit<R> unit, String json) {
    try {
      return UnitCache.JSON.readValue(json, unit.resultType());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a result of " + unit.id() + ": " + e.getOriginalMessage(), e);
    }
  }

  private static String write(Object value) {
    try {
      return UnitCache.JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
