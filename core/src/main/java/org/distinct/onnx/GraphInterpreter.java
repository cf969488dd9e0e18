package org.distinct.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distinct.BadInputException;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.onnx.Values.Act;
import org.distinct.onnx.Values.Const;
import org.distinct.onnx.Values.Data;
import org.distinct.onnx.Values.Dense;
import org.distinct.onnx.Values.Form;
import org.distinct.onnx.Values.Glue;
import org.distinct.onnx.Values.LastStep;
import org.distinct.onnx.Values.Pipeline;
import org.distinct.onnx.Values.Pool;
import org.distinct.onnx.Values.Value;
import org.distinct.onnx.Values.Zeros;

/**
 * Runs an ONNX graph abstractly, node by node in file order (ONNX graphs are topologically sorted): constants and the
 * exporter's shape glue are tracked as such, and the data tensor carries the layers it passes. Every node must be one
 * the importer understands in the place it stands, otherwise a {@link BadInputException} names it — never a partial
 * import. Recurrent nodes are delegated to {@link RecurrentNodes}, convolutions and pooling to {@link ConvNodes}.
 */
final class GraphInterpreter {
  /** Operators that only compute shapes or constants (torch's zero-initial-state glue and its kin). */
  private static final Set<String> GLUE = Set.of("Shape", "Gather", "Unsqueeze", "Concat", "Cast", "Slice", "Squeeze", "Reshape",
      "Size", "Range", "Mul", "Add", "Sub", "Div");

  private final String source;
  private final Map<String, Value> values = new HashMap<>();
  private final RecurrentNodes recurrent;
  private final ConvNodes conv;
  private String inputName;
  private long[] inputDims; // the graph input's dimensions, -1 where dynamic
  private int inputWidth = -1;
  private String inputLayout; // "rows", "batch-first", "time-first" or "channels-first" once known

  GraphInterpreter(String source) {
    this.source = source;
    this.recurrent = new RecurrentNodes(this);
    this.conv = new ConvNodes(this);
  }

  /** The result: the network's pipeline at the graph output, and how the graph input was laid out. */
  record Result(Pipeline pipeline, String inputName, int inputWidth, String inputLayout) {}

  Result run(GraphProto g) {
    for (TensorProto t : g.getInitializerList()) values.put(t.getName(), new Const(initializer(t)));
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
    TypeProto.Tensor type = v.getType().getTensorType();
    if (type.getElemType() != TensorProto.DataType.FLOAT_VALUE)
      throw new BadInputException(source + ": input '" + inputName + "' has element type " + type.getElemType() + "; distinct imports float32 inputs");
    int rank = type.hasShape() ? type.getShape().getDimCount() : -1;
    if (rank != 2 && rank != 3)
      throw new BadInputException(source + ": input '" + inputName + "' has " + (rank < 0 ? "no shape" : rank + " dimensions")
          + "; distinct imports [batch × features] (MLP), [batch × time × features] / [time × batch × features] (recurrent) or "
          + "[batch × channels × time] / [batch × time × channels] (Conv1D) inputs");
    inputDims = new long[rank];
    for (int i = 0; i < rank; i++) {
      TensorShapeProto.Dimension d = type.getShape().getDim(i);
      inputDims[i] = d.hasDimValue() ? d.getDimValue() : -1;
    }
    if (inputDims[rank - 1] >= 0) inputWidth = (int) inputDims[rank - 1];
    Pipeline p = new Pipeline(List.of(), inputWidth);
    values.put(inputName, rank == 2 ? Data.of(Form.ROWS, p) : new Data(Form.INPUT_SEQ, p, new int[] {0, 1, 2}, -1, List.of()));
  }

  // ------------------------------------------------------------------ helpers used by the node handlers

  BadInputException bad(NodeProto n, String what) {
    return new BadInputException(source + ": node '" + n.getName() + "' (" + n.getOpType() + "): " + what);
  }

  private Tensors.Constant initializer(TensorProto t) {
    try {
      return Tensors.read(t);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(source + ": initializer '" + t.getName() + "': " + e.getMessage(), e);
    }
  }

  /** @return a tensor attribute of node {@code n} ({@code what} names it in a refusal) */
  Tensors.Constant attributeTensor(NodeProto n, TensorProto t, String what) {
    try {
      return Tensors.read(t);
    } catch (IllegalArgumentException e) {
      throw bad(n, what + ": " + e.getMessage());
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
    for (int i = 0; i < n.getAttributeCount(); i++) if (n.getAttribute(i).getName().equals(name)) return n.getAttribute(i);
    return null;
  }

  /** @return the values of an INTS attribute */
  static long[] ints(AttributeProto a) {
    long[] v = new long[a.getIntsCount()];
    for (int i = 0; i < v.length; i++) v[i] = a.getInts(i);
    return v;
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
      case CONV_SEQ -> "the output of a convolution";
      case POOLED_KEPT -> "pooled features (length axis kept)";
    };
  }

  /** Records how the graph input was laid out (the first layer that reads it decides). */
  void inputLayout(String layout) {
    if (inputLayout == null) inputLayout = layout;
  }

  /**
   * Records the graph input's feature width when a layer reads it along another axis than the last (a Conv reads
   * channels on axis 1 of {@code [batch × channels × time]}).
   *
   * @param axis the graph-input axis holding the features
   * @return its size, or -1 if dynamic
   */
  int inputWidthOnAxis(int axis) {
    inputWidth = inputDims[axis] >= 0 ? (int) inputDims[axis] : -1;
    return inputWidth;
  }

  // ------------------------------------------------------------------ nodes

  private void node(NodeProto n) {
    if (n.getDomain() != null && !n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx"))
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
      case "Conv" -> conv.conv(n);
      case "ReduceMean" -> conv.reduce(n, Conv1d.Pool.AVG);
      case "ReduceMax" -> conv.reduce(n, Conv1d.Pool.MAX);
      case "GlobalAveragePool" -> conv.globalPool(n, Conv1d.Pool.AVG);
      case "GlobalMaxPool" -> conv.globalPool(n, Conv1d.Pool.MAX);
      case "Transpose" -> transpose(n);
      case "ConstantOfShape" -> constantOfShape(n);
      case "Expand" -> expand(n);
      case "Flatten" -> flatten(n);
      default -> {
        if (GLUE.contains(op)) glueOrData(n);
        else throw bad(n, "operator not supported; " + OnnxFormat.SUPPORTED);
      }
    }
  }

  private Tensors.Constant constantNode(NodeProto n) {
    AttributeProto a = attr(n, "value");
    if (a == null || !a.hasT()) throw bad(n, "only Constant nodes with a 'value' tensor are supported");
    return attributeTensor(n, a.getT(), "value");
  }

  private void passThrough(NodeProto n) {
    Value v = in(n, 0);
    if (n.getOpType().equals("Dropout") && n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
      Tensors.Constant training = constant(n, 2, "training_mode");
      if (training.integral() ? training.ints()[0] != 0 : training.values()[0] != 0) throw bad(n, "Dropout in training mode is not supported");
    }
    out(n, 0, v);
  }

  /** Shape glue, or a glue operator that touches the data: only the read-outs of the last step and of pooling then. */
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
    boolean pooled = first instanceof Data d && d.form() == Form.POOLED_KEPT;
    switch (op) {
      case "Squeeze" -> out(n, 0, pooled ? conv.squeeze(n) : ReadOuts.squeeze(this, n));
      case "Reshape" -> out(n, 0, conv.reshape(n));
      case "Gather" -> out(n, 0, ReadOuts.gather(this, n));
      case "Slice" -> out(n, 0, ReadOuts.slice(this, n));
      case "Concat" -> out(n, 0, ReadOuts.concat(this, n));
      case "Add" -> add(n);
      default -> throw bad(n, "operator not supported on the data tensor here; " + OnnxFormat.SUPPORTED);
    }
  }

  private void constantOfShape(NodeProto n) {
    AttributeProto a = attr(n, "value");
    if (a != null && a.hasT()) {
      Tensors.Constant c = attributeTensor(n, a.getT(), "value");
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
    Data d = data(n, 0, Form.ROWS, Form.POOLED_KEPT);
    if (intAttr(n, "axis", 1) != 1) throw bad(n, "only Flatten with axis = 1 is supported (on rows, or on pooled features)");
    out(n, 0, Data.of(Form.ROWS, d.pipeline()));
  }

  private void transpose(NodeProto n) {
    Value v = in(n, 0);
    if (!(v instanceof Data)) {
      out(n, 0, v instanceof Zeros ? new Zeros() : new Glue());
      return;
    }
    Data d = data(n, 0, Form.INPUT_SEQ, Form.TIME_MAJOR, Form.BATCH_MAJOR, Form.CONV_SEQ);
    AttributeProto perm = attr(n, "perm");
    long[] p = perm == null ? new long[] {2, 1, 0} : GraphInterpreter.ints(perm);
    if (d.form() == Form.INPUT_SEQ && isPermutation(p)) {
      int[] composed = new int[3];
      for (int i = 0; i < 3; i++) composed[i] = d.perm()[(int) p[i]];
      out(n, 0, new Data(Form.INPUT_SEQ, d.pipeline(), composed, -1, List.of()));
      return;
    }
    if (d.form() == Form.CONV_SEQ) {
      if (!Arrays.equals(p, new long[] {0, 2, 1}))
        throw bad(n, "only the channel/length transpose (perm = [0, 2, 1]) of a convolution's output is supported, found perm = "
            + (perm == null ? "none (reverse all axes)" : perm.getIntsList()));
      out(n, 0, Data.at(Form.CONV_SEQ, d.pipeline(), 3 - d.axis()));
      return;
    }
    if (d.form() == Form.INPUT_SEQ || !Arrays.equals(p, new long[] {1, 0, 2}))
      throw bad(n, "only the batch/time transpose (perm = [1, 0, 2]) of sequences is supported here, found perm = "
          + (perm == null ? "none (reverse all axes)" : perm.getIntsList()));
    out(n, 0, Data.of(d.form() == Form.TIME_MAJOR ? Form.BATCH_MAJOR : Form.TIME_MAJOR, d.pipeline()));
  }

  private static boolean isPermutation(long[] p) {
    if (p.length != 3) return false;
    boolean[] seen = new boolean[3];
    for (long x : p) {
      if (x < 0 || x > 2 || seen[(int) x]) return false;
      seen[(int) x] = true;
    }
    return true;
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
    if (p.convolutional() && !(p.last() instanceof Pool))
      throw bad(n, "a Conv1D network must be read out by one linear layer on its pooled features");
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
    if (in(n, 0) instanceof Data d && d.form() == Form.CONV_SEQ) {
      conv.activation(n, d, a);
      return;
    }
    Data d = data(n, 0, Form.ROWS);
    Pipeline p = d.pipeline();
    if (!(p.last() instanceof Dense))
      throw bad(n, "an activation is supported only directly after a linear layer or a convolution; " + OnnxFormat.SUPPORTED);
    if (p.recurrent()) throw bad(n, "a recurrent network must be read out by one linear layer on its last step (no activation after it)");
    if (p.convolutional()) throw bad(n, "a Conv1D network must be read out by one linear layer on its pooled features (no activation after it)");
    out(n, 0, Data.of(Form.ROWS, p.then(new Act(a, n.getName()), p.width())));
  }
}
