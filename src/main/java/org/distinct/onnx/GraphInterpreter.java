package org.distinct.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distinct.BadInputException;
import org.distinct.model.Activation;
import org.distinct.onnx.Values.Act;
import org.distinct.onnx.Values.Const;
import org.distinct.onnx.Values.Data;
import org.distinct.onnx.Values.Dense;
import org.distinct.onnx.Values.Form;
import org.distinct.onnx.Values.Glue;
import org.distinct.onnx.Values.LastStep;
import org.distinct.onnx.Values.Pipeline;
import org.distinct.onnx.Values.Value;
import org.distinct.onnx.Values.Zeros;

/**
 * Runs an ONNX graph abstractly, node by node in file order (ONNX graphs are topologically sorted): constants and the
 * exporter's shape glue are tracked as such, and the data tensor carries the layers it passes. Every node must be one
 * the importer understands in the place it stands, otherwise a {@link BadInputException} names it — never a partial
 * import. Recurrent nodes are delegated to {@link RecurrentNodes}.
 */
final class GraphInterpreter {
  /** Operators that only compute shapes or constants (torch's zero-initial-state glue and its kin). */
  private static final Set<String> GLUE = Set.of("Shape", "Gather", "Unsqueeze", "Concat", "Cast", "Slice", "Squeeze", "Reshape",
      "Size", "Range", "Mul", "Add", "Sub", "Div");

  private final String source;
  private final Map<String, Value> values = new HashMap<>();
  private final RecurrentNodes recurrent;
  private String inputName;
  private int inputRank;
  private int inputWidth = -1;
  private String inputLayout; // "rows", "batch-first" or "time-first" once known

  GraphInterpreter(String source) {
    this.source = source;
    this.recurrent = new RecurrentNodes(this);
  }

  /** The result: the network's pipeline at the graph output, and how the graph input was laid out. */
  record Result(Pipeline pipeline, String inputName, int inputWidth, String inputLayout) {}

  Result run(GraphProto g) {
    // The place for the conv1d family: a graph with Conv nodes is a convolutional network (its transposes and pooling
    // mean something else), so it is recognised before the node-by-node run.
    for (NodeProto n : g.getNodeList())
      if (n.getOpType().equals("Conv")) throw bad(n, "Conv1D import arrives with the conv1d model family (not in this build); " + OnnxFormat.SUPPORTED);
    for (TensorProto t : g.getInitializerList()) values.put(t.getName(), new Const(readTensor(t, "initializer '" + t.getName() + "'")));
    List<ValueInfoProto> inputs = new ArrayList<>();
    for (ValueInfoProto v : g.getInputList()) if (!values.containsKey(v.getName())) inputs.add(v);
    if (inputs.size() != 1)
      throw new BadInputException(source + ": the graph has " + inputs.size() + " inputs besides its weights " + names(inputs)
          + "; distinct imports graphs with one data input (initial states, if any, built inside the graph as zeros)");
    input(inputs.get(0));
    if (g.getOutputCount() != 1)
      throw new BadInputException(source + ": the graph has " + g.getOutputCount() + " outputs " + names(g.getOutputList())
          + "; distinct imports graphs with one output, the logits");
    for (NodeProto n : g.getNodeList()) node(n);
    String out = g.getOutput(0).getName();
    Value v = values.get(out);
    if (!(v instanceof Data d) || d.form() != Form.ROWS || d.pipeline().stages().isEmpty())
      throw new BadInputException(source + ": graph output '" + out + "' is not the logits of a supported network ("
          + describe(v) + "); " + OnnxFormat.SUPPORTED);
    return new Result(d.pipeline(), inputName, inputWidth, inputLayout == null ? "rows" : inputLayout);
  }

  private static String names(List<ValueInfoProto> vs) {
    List<String> n = new ArrayList<>();
    for (ValueInfoProto v : vs) n.add("'" + v.getName() + "'");
    return n.toString();
  }

  private void input(ValueInfoProto v) {
    inputName = v.getName();
    TensorShapeProto shape = v.getType().getTensorType().getShape();
    inputRank = shape.getDimCount();
    if (v.getType().getTensorType().getElemType() != 1)
      throw new BadInputException(source + ": input '" + inputName + "' has element type " + v.getType().getTensorType().getElemType()
          + "; distinct imports float32 inputs");
    if (inputRank != 2 && inputRank != 3)
      throw new BadInputException(source + ": input '" + inputName + "' has " + inputRank + " dimensions; distinct imports "
          + "[batch × features] (MLP) or [batch × time × features] / [time × batch × features] (recurrent) inputs");
    TensorShapeProto.Dimension last = shape.getDim(inputRank - 1);
    if (last.hasDimValue()) inputWidth = (int) last.getDimValue();
    Pipeline p = new Pipeline(List.of(), inputWidth);
    values.put(inputName, inputRank == 2 ? Data.of(Form.ROWS, p) : Data.of(Form.INPUT_SEQ, p));
  }

  // ------------------------------------------------------------------ helpers used by the node handlers

  BadInputException bad(NodeProto n, String what) {
    return new BadInputException(source + ": node '" + n.getName() + "' (" + n.getOpType() + "): " + what);
  }

  Tensors.Constant readTensor(TensorProto t, String what) {
    try {
      return Tensors.read(t);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(source + ": " + what + ": " + e.getMessage(), e);
    }
  }

  /** @return the value of input {@code i}, or null if the input is absent or empty */
  Value in(NodeProto n, int i) {
    if (i >= n.getInputCount() || n.getInput(i).isEmpty()) return null;
    Value v = values.get(n.getInput(i));
    if (v == null) throw bad(n, "input '" + n.getInput(i) + "' is not produced by any earlier node, initializer or graph input");
    return v;
  }

  void out(NodeProto n, int i, Value v) {
    if (i < n.getOutputCount() && !n.getOutput(i).isEmpty()) values.put(n.getOutput(i), v);
  }

  static AttributeProto attr(NodeProto n, String name) {
    for (AttributeProto a : n.getAttributeList()) if (a.getName().equals(name)) return a;
    return null;
  }

  static long intAttr(NodeProto n, String name, long dflt) {
    AttributeProto a = attr(n, name);
    return a == null ? dflt : a.getI();
  }

  /** A constant input (weights, indices, axes). */
  Tensors.Constant constant(NodeProto n, int i, String what) {
    Value v = in(n, i);
    if (v instanceof Const c) return c.tensor();
    throw bad(n, what + " (input " + i + ") must be a constant, found " + describe(v));
  }

  /** The data input {@code i} in one of the given forms. */
  Data data(NodeProto n, int i, Form... forms) {
    Value v = in(n, i);
    if (v instanceof Data d) for (Form f : forms) if (d.form() == f) return d;
    throw bad(n, "expected " + (forms.length == 1 ? formName(forms[0]) : "the data tensor") + " at input " + i + ", found " + describe(v)
        + "; " + OnnxFormat.SUPPORTED);
  }

  static String describe(Value v) {
    if (v == null) return "nothing";
    if (v instanceof Const c) return "a constant of shape " + c.tensor().shape();
    if (v instanceof Glue) return "a shape computed at run time";
    if (v instanceof Zeros) return "a zero tensor";
    return formName(((Data) v).form());
  }

  static String formName(Form f) {
    return switch (f) {
      case ROWS -> "rows [batch × features]";
      case INPUT_SEQ -> "the sequence input";
      case TIME_MAJOR -> "time-major sequences [time × batch × features]";
      case BATCH_MAJOR -> "batch-major sequences [batch × time × features]";
      case RECURRENT_Y -> "a recurrent output Y [time × directions × batch × hidden]";
      case STATES -> "final hidden states Y_h";
      case LAST_KEPT -> "the last time step (time axis kept)";
      case CELL -> "the LSTM cell state Y_c";
    };
  }

  /** Records how the graph input was laid out (the first recurrent node decides). */
  void inputLayout(String layout) {
    if (inputLayout == null) inputLayout = layout;
  }

  int inputRank() {
    return inputRank;
  }

  // ------------------------------------------------------------------ nodes

  private void node(NodeProto n) {
    if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx"))
      throw bad(n, "operator of domain '" + n.getDomain() + "' is not supported; " + OnnxFormat.SUPPORTED);
    String op = n.getOpType();
    switch (op) {
      case "Constant" -> out(n, 0, new Const(constantNode(n)));
      case "Identity", "Dropout" -> passThrough(n);
      case "Gemm" -> gemm(n);
      case "MatMul" -> matMul(n);
      case "Sigmoid" -> activation(n, Activation.SIGMOID);
      case "Tanh" -> activation(n, Activation.TANH);
      case "Relu" -> activation(n, Activation.RELU);
      case "RNN", "LSTM", "GRU" -> recurrent.node(n);
      case "Transpose" -> transpose(n);
      case "ConstantOfShape" -> constantOfShape(n);
      case "Expand" -> expand(n);
      case "Flatten" -> flatten(n);
      case "Conv" -> throw bad(n, "Conv1D import arrives with the conv1d model family (not in this build); " + OnnxFormat.SUPPORTED);
      default -> {
        if (GLUE.contains(op)) glueOrData(n);
        else throw bad(n, "operator not supported; " + OnnxFormat.SUPPORTED);
      }
    }
  }

  private Tensors.Constant constantNode(NodeProto n) {
    AttributeProto a = attr(n, "value");
    if (a == null || !a.hasT()) throw bad(n, "only Constant nodes with a 'value' tensor are supported");
    return readTensor(a.getT(), "node '" + n.getName() + "' (Constant)");
  }

  private void passThrough(NodeProto n) {
    Value v = in(n, 0);
    if (n.getOpType().equals("Dropout") && n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
      Tensors.Constant training = constant(n, 2, "training_mode");
      if (training.integral() ? training.ints()[0] != 0 : training.values()[0] != 0) throw bad(n, "Dropout in training mode is not supported");
    }
    out(n, 0, v);
  }

  /** Shape glue, or a glue operator that touches the data: only the read-outs of the last step are supported then. */
  private void glueOrData(NodeProto n) {
    String op = n.getOpType();
    Value first = in(n, 0);
    if (op.equals("Shape") || op.equals("Size")) {
      out(n, 0, new Glue());
      return;
    }
    boolean touchesData = false;
    boolean zeros = first instanceof Zeros;
    for (int i = 0; i < n.getInputCount(); i++) if (in(n, i) instanceof Data) touchesData = true;
    if (!touchesData) {
      out(n, 0, zeros && (op.equals("Slice") || op.equals("Unsqueeze") || op.equals("Reshape") || op.equals("Squeeze") || op.equals("Cast"))
          ? new Zeros() : new Glue());
      return;
    }
    switch (op) {
      case "Squeeze" -> out(n, 0, ReadOuts.squeeze(this, n));
      case "Gather" -> out(n, 0, ReadOuts.gather(this, n));
      case "Slice" -> out(n, 0, ReadOuts.slice(this, n));
      case "Concat" -> out(n, 0, ReadOuts.concat(this, n));
      case "Add" -> add(n);
      default -> throw bad(n, "operator not supported on the data tensor here; " + OnnxFormat.SUPPORTED);
    }
  }

  private void constantOfShape(NodeProto n) {
    AttributeProto a = attr(n, "value");
    if (a != null) {
      Tensors.Constant c = readTensor(a.getT(), "node '" + n.getName() + "' (ConstantOfShape) value");
      if (!allZero(c)) throw bad(n, "only zero-filled tensors (initial states) are supported");
    }
    out(n, 0, new Zeros());
  }

  private void expand(NodeProto n) {
    Value v = in(n, 0);
    if (v instanceof Zeros || (v instanceof Const c && allZero(c.tensor()))) out(n, 0, new Zeros());
    else if (v instanceof Const || v instanceof Glue) out(n, 0, new Glue());
    else throw bad(n, "only the expansion of zeros into an initial state is supported; " + OnnxFormat.SUPPORTED);
  }

  static boolean allZero(Tensors.Constant c) {
    for (int i = 0; i < c.size(); i++) if (c.integral() ? c.ints()[i] != 0 : c.values()[i] != 0) return false;
    return true;
  }

  private void flatten(NodeProto n) {
    Value v = in(n, 0);
    if (!(v instanceof Data)) {
      out(n, 0, v instanceof Zeros ? new Zeros() : new Glue());
      return;
    }
    Data d = data(n, 0, Form.ROWS);
    if (intAttr(n, "axis", 1) != 1) throw bad(n, "only Flatten with axis = 1 on rows is supported");
    out(n, 0, d);
  }

  private void transpose(NodeProto n) {
    Value v = in(n, 0);
    if (!(v instanceof Data)) {
      out(n, 0, v instanceof Zeros ? new Zeros() : new Glue());
      return;
    }
    Data d = data(n, 0, Form.INPUT_SEQ, Form.TIME_MAJOR, Form.BATCH_MAJOR);
    AttributeProto perm = attr(n, "perm");
    if (perm == null || perm.getIntsCount() != 3 || perm.getInts(0) != 1 || perm.getInts(1) != 0 || perm.getInts(2) != 2)
      throw bad(n, "only the batch/time transpose (perm = [1, 0, 2]) of sequences is supported, found perm = "
          + (perm == null ? "none" : perm.getIntsList()));
    Data t = switch (d.form()) {
      case INPUT_SEQ -> new Data(Form.INPUT_SEQ, d.pipeline(), d.flips() + 1, -1, List.of());
      case TIME_MAJOR -> Data.of(Form.BATCH_MAJOR, d.pipeline());
      default -> Data.of(Form.TIME_MAJOR, d.pipeline());
    };
    out(n, 0, t);
  }

  // ------------------------------------------------------------------ dense layers

  private void gemm(NodeProto n) {
    Data d = data(n, 0, Form.ROWS);
    if (intAttr(n, "transA", 0) != 0) throw bad(n, "transA = 1 is not supported (the data must be the first operand as is)");
    AttributeProto alpha = attr(n, "alpha");
    AttributeProto beta = attr(n, "beta");
    if ((alpha != null && alpha.getF() != 1f) || (beta != null && beta.getF() != 1f))
      throw bad(n, "alpha and beta must be 1 (found alpha = " + (alpha == null ? 1 : alpha.getF()) + ", beta = " + (beta == null ? 1 : beta.getF()) + ")");
    Tensors.Constant w = constant(n, 1, "the weight matrix B");
    if (w.dims().length != 2 || w.integral()) throw bad(n, "weight matrix B must be a 2-D float tensor, found shape " + w.shape());
    boolean transB = intAttr(n, "transB", 0) == 1;
    int out = (int) (transB ? w.dims()[0] : w.dims()[1]);
    int in = (int) (transB ? w.dims()[1] : w.dims()[0]);
    double[] wt = transB ? w.values() : transposed(w.values(), in, out);
    double[] b = new double[out];
    Value c = in(n, 2);
    if (c != null) b = bias(n, constant(n, 2, "the bias C"), out);
    dense(n, d, new Dense(in, out, wt, b, n.getName()));
  }

  private void matMul(NodeProto n) {
    Data d = data(n, 0, Form.ROWS);
    Tensors.Constant w = constant(n, 1, "the weight matrix (second operand)");
    if (w.dims().length != 2 || w.integral()) throw bad(n, "the weight matrix must be a 2-D float tensor [in × out], found shape " + w.shape());
    int in = (int) w.dims()[0];
    int out = (int) w.dims()[1];
    dense(n, d, new Dense(in, out, transposed(w.values(), in, out), null, n.getName()));
  }

  private void dense(NodeProto n, Data d, Dense layer) {
    Pipeline p = d.pipeline();
    if (p.width() >= 0 && p.width() != layer.in())
      throw bad(n, "the weights expect " + layer.in() + " inputs but the data have " + p.width() + " features");
    if (p.last() instanceof Dense prev)
      throw bad(n, "a second linear layer directly after '" + prev.node() + "' (no activation between them) is not supported; " + OnnxFormat.SUPPORTED);
    if (!p.stages().isEmpty() && p.recurrent() && !(p.last() instanceof LastStep))
      throw bad(n, "a recurrent network must be read out by one linear layer on its last step");
    out(n, 0, Data.of(Form.ROWS, p.then(layer, layer.out())));
  }

  /** {@code Add(MatMul(x, W), b)}: the bias of a MatMul layer. */
  private void add(NodeProto n) {
    boolean dataFirst = in(n, 0) instanceof Data;
    Data d = data(n, dataFirst ? 0 : 1, Form.ROWS);
    Tensors.Constant b = constant(n, dataFirst ? 1 : 0, "the bias");
    if (!(d.pipeline().last() instanceof Dense layer) || layer.b() != null)
      throw bad(n, "Add is supported only as the bias of a MatMul layer; " + OnnxFormat.SUPPORTED);
    Dense withBias = new Dense(layer.in(), layer.out(), layer.w(), bias(n, b, layer.out()), layer.node());
    out(n, 0, Data.of(Form.ROWS, d.pipeline().replaceLast(withBias)));
  }

  private double[] bias(NodeProto n, Tensors.Constant c, int out) {
    if (c.integral() || c.size() != out || (c.dims().length == 2 && c.dims()[0] != 1) || c.dims().length > 2)
      throw bad(n, "the bias must hold " + out + " float values ([" + out + "] or [1, " + out + "]), found shape " + c.shape());
    return c.values().clone();
  }

  static double[] transposed(double[] a, int rows, int cols) {
    double[] t = new double[a.length];
    for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
    return t;
  }

  private void activation(NodeProto n, Activation a) {
    Data d = data(n, 0, Form.ROWS);
    Pipeline p = d.pipeline();
    if (!(p.last() instanceof Dense))
      throw bad(n, "an activation is supported only directly after a linear layer; " + OnnxFormat.SUPPORTED);
    if (p.recurrent()) throw bad(n, "a recurrent network must be read out by one linear layer on its last step (no activation after it)");
    out(n, 0, Data.of(Form.ROWS, p.then(new Act(a, n.getName()), p.width())));
  }
}
