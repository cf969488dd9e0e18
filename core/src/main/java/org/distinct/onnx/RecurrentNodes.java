package org.distinct.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedLayer;
import org.distinct.onnx.Values.Data;
import org.distinct.onnx.Values.Elman;
import org.distinct.onnx.Values.Form;
import org.distinct.onnx.Values.Pipeline;
import org.distinct.onnx.Values.Recurrent;
import org.distinct.onnx.Values.Stage;
import org.distinct.onnx.Values.Value;
import org.distinct.onnx.Values.Zeros;

/**
 * ONNX {@code RNN}, {@code LSTM} and {@code GRU} nodes: checks that the node is what distinct's networks compute
 * (forward, one direction, default activations, no clipping, zero initial states, no peepholes, GRU with
 * {@code linear_before_reset = 1}, time-major {@code layout = 0}) and maps ONNX's gate order and concatenated biases to
 * the model-file layout ({@link GateOrder}).
 */
final class RecurrentNodes {
  private final GraphInterpreter g;

  RecurrentNodes(GraphInterpreter g) {
    this.g = g;
  }

  void node(NodeProto n) {
    String op = n.getOpType();
    GatedCell cell = op.equals("LSTM") ? GatedCell.LSTM : op.equals("GRU") ? GatedCell.GRU : null;
    Data x = g.data(n, 0, Form.INPUT_SEQ, Form.TIME_MAJOR, Form.BATCH_MAJOR);
    checkAttributes(n, cell);
    if (x.form() == Form.BATCH_MAJOR)
      throw g.bad(n, "input X is batch-major [batch × time × features] here; ONNX recurrent nodes read time-major X (transpose it first)");
    if (x.form() == Form.INPUT_SEQ) g.inputLayout(layout(n, x.perm()));
    int gates = cell == null ? 1 : cell.gates();
    Tensors.Constant w = weights(n, 1, "W");
    Tensors.Constant r = weights(n, 2, "R");
    int h = (int) (w.dims()[1] / gates);
    int in = (int) w.dims()[2];
    long hs = GraphInterpreter.intAttr(n, "hidden_size", h);
    if (w.dims()[1] != (long) gates * h || hs != h || r.dims()[1] != (long) gates * h || r.dims()[2] != h)
      throw g.bad(n, "W " + w.shape() + " and R " + r.shape() + " do not fit hidden_size " + hs + " with " + gates + " gate block(s)");
    double[] b = new double[2 * gates * h];
    if (g.in(n, 3) != null) {
      Tensors.Constant bt = weights(n, 3, "B");
      if (bt.dims().length != 2 || bt.dims()[1] != 2L * gates * h)
        throw g.bad(n, "B has shape " + bt.shape() + ", expected [1, " + 2 * gates * h + "] (Wb then Rb)");
      b = bt.values();
    }
    checkStates(n, cell);
    Pipeline p = x.pipeline();
    if (p.width() >= 0 && p.width() != in) throw g.bad(n, "W expects " + in + " inputs but the data have " + p.width() + " features");
    Stage stage = cell == null ? elman(n, p, w, r, b, in, h) : gated(n, p, cell, w, r, b, in, h);
    Pipeline next = p.then(stage, h);
    g.out(n, 0, Data.of(Form.RECURRENT_Y, next));
    g.out(n, 1, new Data(Form.STATES, next, null, -1, List.of(next)));
    g.out(n, 2, Data.of(Form.CELL, next));
  }

  /** @return the layout of the graph input that reaches X as time-major {@code [time × batch × features]} */
  private String layout(NodeProto n, int[] perm) {
    if (perm[2] == 2 && perm[0] == 0) return "time-first";
    if (perm[2] == 2 && perm[0] == 1) return "batch-first";
    throw g.bad(n, "input X is not time-major [time × batch × features] (the graph input's features reach another axis); "
        + "ONNX recurrent nodes read time-major X");
  }

  private Tensors.Constant weights(NodeProto n, int i, String name) {
    Tensors.Constant c = g.constant(n, i, name);
    if (c.integral()) throw g.bad(n, name + " must be a float tensor");
    int rank = i == 3 ? 2 : 3;
    if (c.dims().length != rank) throw g.bad(n, name + " has shape " + c.shape() + ", expected " + rank + " dimensions");
    if (c.dims()[0] != 1) throw g.bad(n, name + " has " + c.dims()[0] + " directions; distinct imports one direction");
    return c;
  }

  private void checkAttributes(NodeProto n, GatedCell cell) {
    for (AttributeProto a : n.getAttributeList()) {
      switch (a.getName()) {
        case "hidden_size" -> { }
        case "direction" -> {
          String d = a.getS().toStringUtf8();
          if (!d.equals("forward"))
            throw g.bad(n, "direction = " + d + " is not supported (distinct's recurrent networks run forward, in one direction)");
        }
        case "activations" -> activations(n, cell, a);
        case "layout" -> {
          if (a.getI() != 0) throw g.bad(n, "layout = " + a.getI() + " (batch-major X) is not supported; layout = 0 is");
        }
        case "linear_before_reset" -> {
          if (cell == GatedCell.GRU && a.getI() != 1)
            throw g.bad(n, "linear_before_reset = " + a.getI() + " is not supported: distinct's GRU is PyTorch's (linear_before_reset = 1)");
        }
        case "input_forget" -> {
          if (a.getI() != 0) throw g.bad(n, "input_forget = " + a.getI() + " (coupled input and forget gates) is not supported");
        }
        default -> throw g.bad(n, "attribute '" + a.getName() + "' is not supported (clipping, activation parameters)");
      }
    }
    if (cell == GatedCell.GRU && GraphInterpreter.attr(n, "linear_before_reset") == null)
      throw g.bad(n, "linear_before_reset = 0 (the default) is not supported: distinct's GRU is PyTorch's (linear_before_reset = 1)");
  }

  private void activations(NodeProto n, GatedCell cell, AttributeProto a) {
    List<String> want = cell == null ? List.of("Tanh") : cell == GatedCell.LSTM ? List.of("Sigmoid", "Tanh", "Tanh") : List.of("Sigmoid", "Tanh");
    List<String> have = new ArrayList<>();
    for (int i = 0; i < a.getStringsCount(); i++) have.add(a.getStrings(i).toStringUtf8());
    List<String> lower = new ArrayList<>();
    for (String s : have) lower.add(s.toLowerCase(Locale.ROOT));
    List<String> wantLower = new ArrayList<>();
    for (String s : want) wantLower.add(s.toLowerCase(Locale.ROOT));
    if (!lower.equals(wantLower)) throw g.bad(n, "activations = " + have + " are not supported (only " + want + ")");
  }

  private void checkStates(NodeProto n, GatedCell cell) {
    Value seqLens = g.in(n, 4);
    if (seqLens != null) throw g.bad(n, "sequence_lens (input 4) is not supported: every sequence of a batch runs to its end");
    for (int i : cell == GatedCell.LSTM ? new int[] {5, 6} : new int[] {5}) {
      Value s = g.in(n, i);
      if (s != null && !(s instanceof Zeros) && !(s instanceof Values.Const c && GraphInterpreter.allZero(c.tensor())))
        throw g.bad(n, (i == 5 ? "initial_h" : "initial_c") + " (input " + i + ") must be zero (absent, or built as zeros by the exporter)");
    }
    if (cell == GatedCell.LSTM && g.in(n, 7) != null)
      throw g.bad(n, "peephole weights P (input 7) are not supported: distinct's LSTM is PyTorch's, without peepholes");
  }

  private Stage elman(NodeProto n, Pipeline p, Tensors.Constant w, Tensors.Constant r, double[] b, int in, int h) {
    if (p.recurrent()) throw g.bad(n, "a second RNN layer is not supported: distinct's Elman RNN has one layer");
    double[] bias = new double[h];
    for (int u = 0; u < h; u++) bias[u] = b[u] + b[h + u];
    return new Elman(in, h, w.values(), r.values(), bias, n.getName());
  }

  private Stage gated(NodeProto n, Pipeline p, GatedCell cell, Tensors.Constant w, Tensors.Constant r, double[] b, int in, int h) {
    for (Stage s : p.stages())
      if (s instanceof Recurrent rec && rec.layer().cell() != cell || s instanceof Elman)
        throw g.bad(n, "layers of different kinds in one network are not supported");
    int gh = cell.gates() * h;
    double[] bIh = new double[gh];
    double[] bHh = new double[gh];
    System.arraycopy(b, 0, bIh, 0, gh);
    System.arraycopy(b, gh, bHh, 0, gh);
    GatedLayer layer = new GatedLayer(cell, in, h, GateOrder.fromOnnx(cell, w.values(), h, in), GateOrder.fromOnnx(cell, r.values(), h, h),
        GateOrder.fromOnnx(cell, bIh, h, 1), GateOrder.fromOnnx(cell, bHh, h, 1));
    return new Recurrent(layer, n.getName());
  }
}
