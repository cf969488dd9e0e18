package org.distinct.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Model-file codec of {@link ElmanRnn} (kind {@code "rnn"}). The {@code "network"} object holds
 * {@code "sizes"} ({@code [I, H, C]}), {@code "activation"} (always {@code "tanh"}), and the parameters in
 * PyTorch layout, row-major: {@code "wIh"} {@code [H × I]}, {@code "wHh"} {@code [H × H]}, {@code "b"}
 * {@code [H]} (PyTorch's {@code b_ih + b_hh}), {@code "wOut"} {@code [C × H]}, {@code "bOut"} {@code [C]}.
 */
public final class RnnCodec implements NetworkCodec<ElmanRnn> {

  @Override
  public String kind() {
    return ElmanRnn.KIND;
  }

  @Override
  public Class<ElmanRnn> type() {
    return ElmanRnn.class;
  }

  @Override
  public void write(ElmanRnn m, ObjectNode out) {
    ArrayNode sizes = out.putArray("sizes");
    for (int s : m.sizes()) sizes.add(s);
    out.put("activation", "tanh");
    put(out, "wIh", m.wIh());
    put(out, "wHh", m.wHh());
    put(out, "b", m.b());
    put(out, "wOut", m.wOut());
    put(out, "bOut", m.bOut());
  }

  private static void put(ObjectNode out, String name, double[] values) {
    ArrayNode a = out.putArray(name);
    for (double v : values) a.add(ModelFile.finite(v, "RNN parameter " + name));
  }

  @Override
  public ElmanRnn read(JsonNode in, ModelFile.Fields f) {
    int[] sizes = f.ints(in, "network.sizes");
    if (sizes.length != 3) throw f.bad("network.sizes", "needs 3 entries (inputs, hidden units, classes), found " + sizes.length);
    for (int i = 0; i < 3; i++)
      if (sizes[i] < 1) throw f.bad("network.sizes[" + i + "]", "must be at least 1, found " + sizes[i]);
    int inputs = sizes[0];
    int hidden = sizes[1];
    int classes = sizes[2];
    String act = f.text(in, "activation", "network.activation");
    if (!act.equals("tanh")) throw f.bad("network.activation", "the Elman RNN uses 'tanh', found '" + act + "'");
    double[] wIh = f.doubles(in, "wIh", "network.wIh", hidden * inputs, hidden + " x " + inputs);
    double[] wHh = f.doubles(in, "wHh", "network.wHh", hidden * hidden, hidden + " x " + hidden);
    double[] b = f.doubles(in, "b", "network.b", hidden, String.valueOf(hidden));
    double[] wOut = f.doubles(in, "wOut", "network.wOut", classes * hidden, classes + " x " + hidden);
    double[] bOut = f.doubles(in, "bOut", "network.bOut", classes, String.valueOf(classes));
    return new ElmanRnn(inputs, hidden, classes, wIh, wHh, b, wOut, bOut);
  }
}
