package org.distinct.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Model-file codec of {@link Conv1d} (kind {@code "conv1d"}). The {@code "network"} object holds {@code "sizes"}
 * ({@code [I, out_0, …, out_{L−1}, C]}), {@code "pool"} ({@code "avg"} or {@code "max"}), {@code "layers"} (one
 * object per convolutional layer with {@code "kernel"}, {@code "stride"}, {@code "padding"}, {@code "activation"}
 * ({@code "relu"} or {@code "tanh"}), {@code "w"} {@code [out_l × in_l × kernel]} in PyTorch's {@code nn.Conv1d.weight}
 * order and {@code "b"} {@code [out_l]}), {@code "wOut"} {@code [C × out_{L−1}]} and {@code "bOut"} {@code [C]};
 * {@code in_0 = I}, {@code in_l = out_{l−1}}. See {@code docs/model-format.md}.
 */
public final class Conv1dCodec implements NetworkCodec<Conv1d> {

  @Override
  public String kind() {
    return Conv1d.KIND;
  }

  @Override
  public Class<Conv1d> type() {
    return Conv1d.class;
  }

  @Override
  public void write(Conv1d m, ObjectNode out) {
    ArrayNode sizes = out.putArray("sizes");
    for (int s : m.sizes()) sizes.add(s);
    out.put("pool", m.pool().label());
    ArrayNode layers = out.putArray("layers");
    for (Conv1dLayer c : m.layers()) {
      ObjectNode l = layers.addObject();
      l.put("kernel", c.kernel());
      l.put("stride", c.stride());
      l.put("padding", c.padding());
      l.put("activation", c.activation().name().toLowerCase(Locale.ROOT));
      put(l, "w", c.w());
      put(l, "b", c.b());
    }
    put(out, "wOut", m.wOut());
    put(out, "bOut", m.bOut());
  }

  private static void put(ObjectNode out, String name, double[] values) {
    ArrayNode a = out.putArray(name);
    for (double v : values) a.add(ModelFile.finite(v, "Conv1D parameter " + name));
  }

  @Override
  public Conv1d read(JsonNode in, ModelFile.Fields f) {
    int[] sizes = f.ints(in, "network.sizes");
    if (sizes.length < 3)
      throw f.bad("network.sizes", "needs at least 3 entries (inputs, channels of each layer, classes), found " + sizes.length);
    for (int i = 0; i < sizes.length; i++)
      if (sizes[i] < 1) throw f.bad("network.sizes[" + i + "]", "must be at least 1, found " + sizes[i]);
    String poolText = f.text(in, "pool", "network.pool");
    Conv1d.Pool pool;
    try {
      pool = Conv1d.Pool.parse(poolText);
    } catch (IllegalArgumentException e) {
      throw f.bad("network.pool", "'" + poolText + "' is not 'avg' or 'max'");
    }
    int count = sizes.length - 2;
    JsonNode layers = f.array(in, "layers", "network.layers");
    if (layers.size() != count)
      throw f.bad("network.layers", "has " + layers.size() + " layers, expected " + count + " for sizes " + Arrays.toString(sizes));
    List<Conv1dLayer> ls = new ArrayList<>();
    for (int l = 0; l < count; l++) ls.add(readLayer(layers.get(l), l, sizes[l], sizes[l + 1], f));
    int h = sizes[count];
    int c = sizes[count + 1];
    double[] wOut = f.doubles(in, "wOut", "network.wOut", c * h, c + " x " + h);
    double[] bOut = f.doubles(in, "bOut", "network.bOut", c, String.valueOf(c));
    return new Conv1d(ls, pool, wOut, bOut);
  }

  private static Conv1dLayer readLayer(JsonNode ln, int l, int inputs, int out, ModelFile.Fields f) {
    String p = "network.layers[" + l + "]";
    if (!ln.isObject()) throw f.bad(p, "is not an object");
    int kernel = f.integer(ln, "kernel", p + ".kernel");
    if (kernel < 1) throw f.bad(p + ".kernel", "must be at least 1, found " + kernel);
    int stride = f.integer(ln, "stride", p + ".stride");
    if (stride < 1) throw f.bad(p + ".stride", "must be at least 1, found " + stride);
    int padding = f.integer(ln, "padding", p + ".padding");
    if (padding < 0 || padding >= kernel) throw f.bad(p + ".padding", "must lie in 0.." + (kernel - 1) + " (kernel " + kernel + "), found " + padding);
    String act = f.text(ln, "activation", p + ".activation");
    Activation a;
    if (act.equals("relu")) a = Activation.RELU;
    else if (act.equals("tanh")) a = Activation.TANH;
    else throw f.bad(p + ".activation", "a Conv1D layer uses 'relu' or 'tanh', found '" + act + "'");
    double[] w = f.doubles(ln, "w", p + ".w", out * inputs * kernel, out + " x " + inputs + " x " + kernel);
    double[] b = f.doubles(ln, "b", p + ".b", out, String.valueOf(out));
    return new Conv1dLayer(inputs, out, kernel, stride, padding, a, w, b);
  }
}
