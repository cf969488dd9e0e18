package org.distinct.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import org.distinct.BadInputException;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.onnx.Values.Conv;
import org.distinct.onnx.Values.Data;
import org.distinct.onnx.Values.Form;
import org.distinct.onnx.Values.Glue;
import org.distinct.onnx.Values.Pipeline;
import org.distinct.onnx.Values.Pool;
import org.distinct.onnx.Values.Stage;
import org.distinct.onnx.Values.Value;

/**
 * The nodes of a Conv1D network ({@code nn.Conv1d} stacks as {@code torch.onnx.export} writes them): {@code Conv} on
 * {@code [batch × channels × length]} (1-D kernels, dilation 1, one group, symmetric explicit padding smaller than the
 * kernel, or {@code auto_pad = VALID}), each followed by {@code Relu} or {@code Tanh}; global pooling over the length axis
 * ({@code ReduceMean}/{@code ReduceMax} on that one axis, or {@code GlobalAveragePool}/{@code GlobalMaxPool}), with the
 * kept axis removed by {@code Squeeze}, {@code Flatten(axis = 1)} or a {@code Reshape} to {@code [batch × channels]};
 * the {@code Transpose(perm = [0, 2, 1])} of a batch-first input and of a layer's output. Maps them to the
 * {@link org.distinct.model.Conv1dLayer} layout (weights {@code [out × in × kernel]}, the same as ONNX's).
 */
final class ConvNodes {
  private final GraphInterpreter g;

  ConvNodes(GraphInterpreter g) {
    this.g = g;
  }

  void conv(NodeProto n) {
    Data x = g.data(n, 0, Form.INPUT_SEQ, Form.CONV_SEQ);
    Pipeline p = x.pipeline();
    int width = p.width();
    if (x.form() == Form.INPUT_SEQ) {
      g.inputLayout(layout(n, x.perm()));
      width = g.inputWidthOnAxis(x.perm()[1]);
    } else {
      if (x.axis() != 2)
        throw g.bad(n, "the data are [batch × length × channels] here; Conv reads [batch × channels × length] (transpose back with perm = [0, 2, 1])");
      if (p.last() instanceof Conv c && c.activation() == null) throw noActivation(n, c);
    }
    if (p.recurrent()) throw g.bad(n, "a convolution after a recurrent layer is not supported");
    Tensors.Constant w = g.constant(n, 1, "the weights W");
    if (w.integral() || w.dims().length != 3)
      throw g.bad(n, "W has shape " + w.shape() + "; distinct imports 1-D convolutions, W [out × in × kernel] (float)");
    int out = (int) w.dims()[0];
    int in = (int) w.dims()[1];
    int kernel = (int) w.dims()[2];
    Geometry geo = geometry(n, kernel);
    if (width >= 0 && width != in) throw g.bad(n, "W expects " + in + " input channels but the data have " + width);
    double[] b = new double[out];
    if (g.in(n, 2) != null) {
      Tensors.Constant bt = g.constant(n, 2, "the bias B");
      if (bt.integral() || bt.dims().length != 1 || bt.dims()[0] != out)
        throw g.bad(n, "B has shape " + bt.shape() + ", expected [" + out + "]");
      b = bt.values();
    }
    if (out < 1 || in < 1 || kernel < 1) throw g.bad(n, "W has an empty dimension: " + w.shape());
    Conv c = new Conv(in, out, kernel, geo.stride, geo.padding, w.values(), b, null, n.getName());
    g.out(n, 0, Data.at(Form.CONV_SEQ, p.then(c, out), 2));
  }

  /** Kernel, stride and padding of a Conv node. */
  private record Geometry(int stride, int padding) {}

  private Geometry geometry(NodeProto n, int kernel) {
    long[] strides = {1};
    long[] pads = {0, 0};
    for (AttributeProto a : n.getAttributeList()) {
      switch (a.getName()) {
        case "kernel_shape" -> {
          if (GraphInterpreter.ints(a).length != 1 || GraphInterpreter.ints(a)[0] != kernel)
            throw g.bad(n, "kernel_shape = " + a.getIntsList() + " does not match W's kernel size " + kernel + " (1-D kernels only)");
        }
        case "strides" -> strides = GraphInterpreter.ints(a);
        case "pads" -> pads = GraphInterpreter.ints(a);
        case "dilations" -> {
          for (long d : GraphInterpreter.ints(a)) if (d != 1) throw g.bad(n, "dilations = " + a.getIntsList() + " are not supported (dilation 1 only)");
          if (GraphInterpreter.ints(a).length != 1) throw g.bad(n, "dilations = " + a.getIntsList() + ": 1-D convolutions only");
        }
        case "group" -> {
          if (a.getI() != 1) throw g.bad(n, "group = " + a.getI() + " is not supported (one group: every output channel reads every input channel)");
        }
        case "auto_pad" -> {
          String mode = a.getS().toStringUtf8();
          if (!mode.equals("NOTSET") && !mode.equals("VALID") && !mode.isEmpty())
            throw g.bad(n, "auto_pad = " + mode + " is not supported (NOTSET with explicit symmetric pads, or VALID)");
        }
        default -> throw g.bad(n, "attribute '" + a.getName() + "' is not supported");
      }
    }
    if (strides.length != 1 || strides[0] < 1) throw g.bad(n, "strides = " + Arrays.toString(strides) + ": one stride ≥ 1 (1-D convolutions only)");
    if (pads.length != 2 || pads[0] < 0) throw g.bad(n, "pads = " + Arrays.toString(pads) + ": expected [begin, end] of a 1-D convolution");
    if (pads[0] != pads[1])
      throw g.bad(n, "pads = " + Arrays.toString(pads) + " are not symmetric; distinct's Conv1D pads both sides alike (nn.Conv1d(padding=p))");
    if (pads[0] >= kernel)
      throw g.bad(n, "padding " + pads[0] + " is not smaller than the kernel size " + kernel + " (windows of padding only are not supported)");
    return new Geometry((int) strides[0], (int) pads[0]);
  }

  /** @return the layout of the graph input that reaches the first Conv as {@code [batch × channels × length]} */
  private String layout(NodeProto n, int[] perm) {
    if (perm[0] == 0 && perm[1] == 1 && perm[2] == 2) return "channels-first";
    if (perm[0] == 0 && perm[1] == 2 && perm[2] == 1) return "batch-first";
    if (perm[0] == 1 && perm[1] == 2 && perm[2] == 0) return "time-first";
    throw g.bad(n, "the graph input reaches the Conv with its axes permuted as " + Arrays.toString(perm) + "; supported inputs are "
        + "[batch × channels × time], [batch × time × channels] and [time × batch × channels], transposed to [batch × channels × time]");
  }

  private BadInputException noActivation(NodeProto n, Conv c) {
    return g.bad(n, "the convolution '" + c.node() + "' before it has no activation; distinct's Conv1D layers "
        + "apply Relu or Tanh after every convolution");
  }

  /** Relu or Tanh after a convolution. */
  void activation(NodeProto n, Data d, Activation a) {
    Pipeline p = d.pipeline();
    if (!(p.last() instanceof Conv c) || c.activation() != null)
      throw g.bad(n, "an activation is supported only directly after a convolution (one per convolution); " + OnnxFormat.SUPPORTED);
    if (a != Activation.RELU && a != Activation.TANH)
      throw g.bad(n, "distinct's Conv1D layers use Relu or Tanh after a convolution, not " + n.getOpType());
    g.out(n, 0, Data.at(Form.CONV_SEQ, p.replaceLast(c.withActivation(a)), d.axis()));
  }

  /** ReduceMean or ReduceMax over the length axis. */
  void reduce(NodeProto n, Conv1d.Pool pool) {
    Data d = g.data(n, 0, Form.CONV_SEQ);
    checkPoolable(n, d);
    long[] axes;
    AttributeProto a = GraphInterpreter.attr(n, "axes");
    if (a != null) axes = GraphInterpreter.ints(a);
    else if (n.getInputCount() > 1 && !n.getInput(1).isEmpty()) axes = g.constant(n, 1, "axes").ints();
    else throw g.bad(n, "reducing every axis is not supported; reduce the length axis " + d.axis() + " only");
    if (!ReadOuts.single(axes, d.axis(), 3))
      throw g.bad(n, "reducing axes " + Arrays.toString(axes) + " is not supported; distinct pools the length axis " + d.axis() + " only");
    for (AttributeProto x : n.getAttributeList())
      if (!x.getName().equals("axes") && !x.getName().equals("keepdims")) throw g.bad(n, "attribute '" + x.getName() + "' is not supported");
    Pipeline pooled = d.pipeline().then(new Pool(pool, n.getName()), d.pipeline().width());
    boolean keep = GraphInterpreter.intAttr(n, "keepdims", 1) != 0;
    g.out(n, 0, keep ? Data.at(Form.POOLED_KEPT, pooled, d.axis()) : Data.of(Form.ROWS, pooled));
  }

  /** GlobalAveragePool or GlobalMaxPool of {@code [batch × channels × length]}. */
  void globalPool(NodeProto n, Conv1d.Pool pool) {
    Data d = g.data(n, 0, Form.CONV_SEQ);
    checkPoolable(n, d);
    if (d.axis() != 2)
      throw g.bad(n, "the data are [batch × length × channels] here; " + n.getOpType() + " pools [batch × channels × length] over the length");
    g.out(n, 0, Data.at(Form.POOLED_KEPT, d.pipeline().then(new Pool(pool, n.getName()), d.pipeline().width()), 2));
  }

  private void checkPoolable(NodeProto n, Data d) {
    Stage last = d.pipeline().last();
    if (last instanceof Conv c && c.activation() == null) throw noActivation(n, c);
    if (!(last instanceof Conv)) throw g.bad(n, "pooling is supported only after the activation of the last convolution");
  }

  /** Squeeze of the kept length axis of pooled features. */
  Value squeeze(NodeProto n) {
    Data d = g.data(n, 0, Form.POOLED_KEPT);
    long[] axes = ReadOuts.axes(g, n, 1);
    if (!ReadOuts.single(axes, d.axis(), 3))
      throw g.bad(n, "squeezing axes " + Arrays.toString(axes) + " of pooled features is not supported (only their length axis " + d.axis() + ")");
    return Data.of(Form.ROWS, d.pipeline());
  }

  /**
   * Reshape of pooled features to {@code [batch × channels]}: a constant shape {@code [b, C]} or {@code [b, -1]}
   * ({@code b} = -1, 0 or a fixed batch), or a shape computed at run time ({@code x.view(x.size(0), -1)}); the linear
   * layer after it then checks the width.
   */
  Value reshape(NodeProto n) {
    Data d = g.data(n, 0, Form.POOLED_KEPT);
    Value shape = g.in(n, 1);
    if (shape instanceof Glue) return Data.of(Form.ROWS, d.pipeline());
    Tensors.Constant s = g.constant(n, 1, "the shape");
    long c = d.pipeline().width();
    long[] v = s.integral() ? s.ints() : null;
    boolean rows = v != null && v.length == 2 && (v[1] == c || v[1] == -1 && v[0] != -1);
    if (!rows) throw g.bad(n, "reshaping pooled features to " + (v == null ? s.shape() : Arrays.toString(v)) + " is not supported (only to [batch, " + c + "])");
    return Data.of(Form.ROWS, d.pipeline());
  }
}
