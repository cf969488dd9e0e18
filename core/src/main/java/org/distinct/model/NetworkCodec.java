package org.distinct.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes one kind of {@link Network} to the {@code "network"} object of a model file and reads it back.
 * Register new kinds in {@link ModelFile#CODECS}.
 *
 * @param <T> the network type
 */
public interface NetworkCodec<T extends Network<?>> {
  /** @return the kind this codec handles (the value of the file's {@code "kind"} field) */
  String kind();

  /** @return the network class this codec writes */
  Class<T> type();

  /**
   * Writes the network's architecture and parameters into an empty object.
   *
   * @param network the network (Not modified)
   * @param out the {@code "network"} object to fill (Modified)
   */
  void write(T network, ObjectNode out);

  /**
   * Reads a network, checking every field and shape.
   *
   * @param in the {@code "network"} object
   * @param fields field reader that names the file and the field path in its errors
   * @return the network
   * @throws org.distinct.BadInputException naming the file, the field and what is wrong
   */
  T read(JsonNode in, ModelFile.Fields fields);
}
