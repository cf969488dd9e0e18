package org.distinct.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Model-file codec of the gated recurrent networks, one instance per cell: kind {@code "lstm"} ({@link Lstm})
 * and kind {@code "gru"} ({@link Gru}). The {@code "network"} object holds {@code "sizes"}
 * ({@code [I, H_1, …, H_L, C]}), {@code "layers"} (one object per recurrent layer with {@code "wIh"}
 * {@code [G·H_l × in_l]}, {@code "wHh"} {@code [G·H_l × H_l]}, {@code "bIh"} and {@code "bHh"} {@code [G·H_l]},
 * row-major in PyTorch's gate order, {@link GatedLayer}), {@code "wOut"} {@code [C × H_L]} and {@code "bOut"}
 * {@code [C]}; {@code in_0 = I}, {@code in_l = H_{l−1}}. See {@code docs/model-format.md}.
 *
 * @param <T> {@link Lstm} or {@link Gru}
 */
public final class GatedCodec<T extends GatedRnn> implements NetworkCodec<T> {
  private final GatedCell cell;
  private final Class<T> type;

  private GatedCodec(GatedCell cell, Class<T> type) {
    this.cell = cell;
    this.type = type;
  }

  /** @return the codec of kind {@code "lstm"} */
  public static GatedCodec<Lstm> lstm() {
    return new GatedCodec<>(GatedCell.LSTM, Lstm.class);
  }

  /** @return the codec of kind {@code "gru"} */
  public static GatedCodec<Gru> gru() {
    return new GatedCodec<>(GatedCell.GRU, Gru.class);
  }

  /** @return the cell this codec reads and writes */
  public GatedCell cell() {
    return cell;
  }

  @Override
  public String kind() {
    return cell.kind();
  }

  @Override
  public Class<T> type() {
    return type;
  }

  @Override
  public void write(T m, ObjectNode out) {
    ArrayNode sizes = out.putArray("sizes");
    for (int s : m.sizes()) sizes.add(s);
    ArrayNode layers = out.putArray("layers");
    for (GatedLayer g : m.layers()) {
      ObjectNode l = layers.addObject();
      put(l, "wIh", g.wIh());
      put(l, "wHh", g.wHh());
      put(l, "bIh", g.bIh());
      put(l, "bHh", g.bHh());
    }
    put(out, "wOut", m.wOut());
    put(out, "bOut", m.bOut());
  }

  private void put(ObjectNode out, String name, double[] values) {
    ArrayNode a = out.putArray(name);
    for (double v : values) a.add(ModelFile.finite(v, cell.kind() + " parameter " + name));
  }

  @Override
  public T read(JsonNode in, ModelFile.Fields f) {
    int[] sizes = f.ints(in, "network.sizes");
    if (sizes.length < 3)
      throw f.bad("network.sizes", "needs at least 3 entries (inputs, hidden units of each layer, classes), found " + sizes.length);
    for (int i = 0; i < sizes.length; i++)
      if (sizes[i] < 1) throw f.bad("network.sizes[" + i + "]", "must be at least 1, found " + sizes[i]);
    int count = sizes.length - 2;
    JsonNode layers = f.array(in, "layers", "network.layers");
    if (layers.size() != count)
      throw f.bad("network.layers", "has " + layers.size() + " layers, expected " + count + " for sizes " + Arrays.toString(sizes));
    List<GatedLayer> ls = new ArrayList<>();
    for (int l = 0; l < count; l++) ls.add(readLayer(layers.get(l), l, sizes[l], sizes[l + 1], f));
    int h = sizes[count];
    int c = sizes[count + 1];
    double[] wOut = f.doubles(in, "wOut", "network.wOut", c * h, c + " x " + h);
    double[] bOut = f.doubles(in, "bOut", "network.bOut", c, String.valueOf(c));
    return type.cast(GatedRnn.create(cell, ls, wOut, bOut));
  }

  private GatedLayer readLayer(JsonNode ln, int l, int inputs, int h, ModelFile.Fields f) {
    String p = "network.layers[" + l + "]";
    if (!ln.isObject()) throw f.bad(p, "is not an object");
    int g = cell.gates();
    String rows = g + "·" + h;
    double[] wIh = f.doubles(ln, "wIh", p + ".wIh", g * h * inputs, rows + " x " + inputs);
    double[] wHh = f.doubles(ln, "wHh", p + ".wHh", g * h * h, rows + " x " + h);
    double[] bIh = f.doubles(ln, "bIh", p + ".bIh", g * h, rows);
    double[] bHh = f.doubles(ln, "bHh", p + ".bHh", g * h, rows);
    return new GatedLayer(cell, inputs, h, wIh, wHh, bIh, bHh);
  }
}
