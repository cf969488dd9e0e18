package org.distinct.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.distinct.model.Conv1d;
import org.distinct.model.ElmanRnn;
import org.distinct.model.GatedRnn;
import org.distinct.model.Mlp;
import org.distinct.model.Network;

/** The committed PyTorch fixtures ({@code src/test/python/onnx_fixtures.py}) and a logits helper for any network kind. */
public final class Fixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  /** One fixture: the ONNX bytes, the fixed inputs and PyTorch's float32 logits. */
  public record Case(String name, byte[] onnx, JsonNode json) {
    /** @return the inputs: rows {@code [n × I]} flattened (MLP) or one sequence {@code [T × I]} per entry */
    public List<double[]> inputs() {
      List<double[]> out = new ArrayList<>();
      for (JsonNode r : json.get("inputs")) {
        double[] v = new double[r.size()];
        for (int i = 0; i < v.length; i++) v[i] = r.get(i).doubleValue();
        out.add(v);
      }
      return out;
    }

    public double[] logits() {
      JsonNode l = json.get("logits");
      double[] v = new double[l.size()];
      for (int i = 0; i < v.length; i++) v[i] = l.get(i).doubleValue();
      return v;
    }
  }

  public static Case load(String name) {
    return new Case(name, resource(name + ".onnx"), JSON.valueToTree(parse(resource(name + ".json"))));
  }

  private static JsonNode parse(byte[] b) {
    try {
      return JSON.readTree(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] resource(String file) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/onnx/" + file)) {
      if (in == null) throw new IllegalStateException("missing test resource /onnx/" + file);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a fixture to a folder (for the command-line tests). */
  public static Path copy(String file, Path dir) throws IOException {
    Path p = dir.resolve(file);
    Files.write(p, resource(file));
    return p;
  }

  /**
   * A fixture with every node of one operator changed (to build graphs PyTorch does not write).
   *
   * @param fixture the fixture's name
   * @param op the operator whose nodes to change
   * @param edit the change (Modified: the node builder)
   * @return the changed ONNX bytes
   */
  public static byte[] edited(String fixture, String op, UnaryOperator<NodeProto.Builder> edit) throws IOException {
    ModelProto.Builder m = ModelProto.parseFrom(load(fixture).onnx()).toBuilder();
    boolean found = false;
    for (NodeProto.Builder n : m.getGraphBuilder().getNodeBuilderList())
      if (n.getOpType().equals(op)) {
        edit.apply(n);
        found = true;
      }
    if (!found) throw new IllegalArgumentException("no " + op + " node in " + fixture);
    return m.build().toByteArray();
  }

  /**
   * @param onnx an ONNX model (Not modified)
   * @return the same model without metadata: what another framework would have written
   */
  public static byte[] withoutMetadata(byte[] onnx) throws IOException {
    return ModelProto.parseFrom(onnx).toBuilder().clearMetadataProps().setProducerName("other").setProducerVersion("1.0").build().toByteArray();
  }

  /**
   * distinct's logits of any imported network.
   *
   * @param net the network
   * @param inputs rows (one per entry, MLP) or sequences, of any lengths (Not modified)
   * @return {@code [n × C]}
   */
  public static double[] logits(Network<?> net, List<double[]> inputs) {
    if (net instanceof Mlp m) {
      int d = m.inputSize();
      double[] x = new double[inputs.size() * d];
      for (int r = 0; r < inputs.size(); r++) System.arraycopy(inputs.get(r), 0, x, r * d, d);
      return m.logits(x, inputs.size());
    }
    if (net instanceof ElmanRnn r) return r.logits(inputs);
    if (net instanceof GatedRnn g) return g.logits(inputs);
    if (net instanceof Conv1d c) return c.logits(inputs);
    throw new IllegalArgumentException("no logits for " + net);
  }
}
