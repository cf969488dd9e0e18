package org.distinct.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Model-file codec of {@link Mlp} (kind {@code "mlp"}). The {@code "network"} object holds
 * {@code "sizes"} (inputs, units of each layer), {@code "hiddenActivation"} and {@code "layers"}: one
 * object per layer with {@code "in"}, {@code "out"}, {@code "activation"}, {@code "w"} (row-major
 * {@code [out × in]}, as PyTorch's {@code nn.Linear.weight}) and {@code "b"} ({@code [out]}).
 */
public final class MlpCodec implements NetworkCodec<Mlp> {

  @Override
  public String kind() {
    return Mlp.KIND;
  }

  @Override
  public Class<Mlp> type() {
    return Mlp.class;
  }

  @Override
  public void write(Mlp m, ObjectNode out) {
    ArrayNode sizes = out.putArray("sizes");
    for (int s : m.sizes()) sizes.add(s);
    out.put("hiddenActivation", m.hiddenLayerCount() > 0
        ? m.layer(0).activation().name().toLowerCase(Locale.ROOT) : "none");
    ArrayNode layers = out.putArray("layers");
    for (DenseLayer d : m.layers()) {
      ObjectNode l = layers.addObject();
      l.put("in", d.in());
      l.put("out", d.out());
      l.put("activation", d.activation().name().toLowerCase(Locale.ROOT));
      ArrayNode w = l.putArray("w");
      for (double v : d.w()) w.add(ModelFile.finite(v, "weight"));
      ArrayNode b = l.putArray("b");
      for (double v : d.b()) b.add(ModelFile.finite(v, "bias"));
    }
  }

  @Override
  public Mlp read(JsonNode in, ModelFile.Fields f) {
    int[] sizes = f.ints(in, "network.sizes");
    if (sizes.length < 2) throw f.bad("network.sizes", "needs at least 2 entries (inputs and classes), found " + sizes.length);
    for (int i = 0; i < sizes.length; i++)
      if (sizes[i] < 1) throw f.bad("network.sizes[" + i + "]", "must be at least 1, found " + sizes[i]);
    JsonNode layers = f.array(in, "layers", "network.layers");
    if (layers.size() != sizes.length - 1)
      throw f.bad("network.layers", "has " + layers.size() + " layers, expected " + (sizes.length - 1) + " for sizes " + Arrays.toString(sizes));
    List<DenseLayer> ls = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      String p = "network.layers[" + l + "]";
      JsonNode ln = layers.get(l);
      if (!ln.isObject()) throw f.bad(p, "is not an object");
      int lin = f.integer(ln, "in", p + ".in");
      int lout = f.integer(ln, "out", p + ".out");
      if (lin != sizes[l] || lout != sizes[l + 1])
        throw f.bad(p, "shape " + lout + " x " + lin + " does not match sizes (expected " + sizes[l + 1] + " x " + sizes[l] + ")");
      Activation act;
      String an = f.text(ln, "activation", p + ".activation");
      try {
        act = Activation.parse(an);
      } catch (IllegalArgumentException e) {
        throw f.bad(p + ".activation", "unknown activation '" + an + "' (sigmoid, tanh, relu, identity)");
      }
      boolean last = l == layers.size() - 1;
      if (last && act != Activation.IDENTITY) throw f.bad(p + ".activation", "the output layer must be 'identity', found '" + an + "'");
      double[] w = f.doubles(ln, "w", p + ".w", lout * lin, lout + " x " + lin);
      double[] b = f.doubles(ln, "b", p + ".b", lout, String.valueOf(lout));
      ls.add(new DenseLayer(lin, lout, w, b, act));
    }
    return new Mlp(ls);
  }
}
