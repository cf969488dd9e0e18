package org.distinct.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.distinct.onnx.Values.Data;
import org.distinct.onnx.Values.Form;
import org.distinct.onnx.Values.LastStep;
import org.distinct.onnx.Values.Pipeline;
import org.distinct.onnx.Values.Value;

/**
 * The nodes around recurrent layers: {@code Squeeze} of the direction axis of {@code Y} or of {@code Y_h}, the read-out
 * of the last step ({@code Gather} of index -1 on the time axis, {@code Slice} from -1 then {@code Squeeze}, or the final
 * state {@code Y_h}), and the {@code Concat} of several layers' final states that {@code nn.LSTM(num_layers = L)} writes.
 */
final class ReadOuts {
  private ReadOuts() {}

  /** @return the axes of a Squeeze (input 1 from opset 13, the attribute before) */
  static long[] axes(GraphInterpreter g, NodeProto n, int input) {
    if (n.getInputCount() > input && !n.getInput(input).isEmpty()) {
      Tensors.Constant c = g.constant(n, input, "axes");
      if (!c.integral()) throw g.bad(n, "axes must be integers");
      return c.ints();
    }
    AttributeProto a = GraphInterpreter.attr(n, "axes");
    if (a == null) throw g.bad(n, "a Squeeze without axes (all size-1 axes) is not supported on the data tensor");
    return GraphInterpreter.ints(a);
  }

  static boolean single(long[] axes, int axis, int rank) {
    return axes.length == 1 && (axes[0] == axis || axes[0] + rank == axis);
  }

  static Value squeeze(GraphInterpreter g, NodeProto n) {
    Data d = g.data(n, 0, Form.RECURRENT_Y, Form.STATES, Form.LAST_KEPT);
    long[] axes = axes(g, n, 1);
    switch (d.form()) {
      case RECURRENT_Y -> {
        if (single(axes, 1, 4)) return Data.of(Form.TIME_MAJOR, d.pipeline());
      }
      case STATES -> {
        if (single(axes, 0, 3) && d.states().size() == 1) return lastStep(n, d.states().get(0));
      }
      default -> {
        if (single(axes, d.axis(), 3)) return lastStep(n, d.pipeline());
      }
    }
    throw g.bad(n, "squeezing axes " + Arrays.toString(axes) + " of " + GraphInterpreter.formName(d.form()) + " is not supported "
        + "(supported: axis 1 of Y, axis 0 of a single layer's Y_h, the time axis of a last-step slice)");
  }

  static Value gather(GraphInterpreter g, NodeProto n) {
    Data d = g.data(n, 0, Form.TIME_MAJOR, Form.BATCH_MAJOR, Form.STATES);
    Tensors.Constant idx = g.constant(n, 1, "indices");
    if (!idx.integral() || idx.dims().length != 0)
      throw g.bad(n, "the indices must be one integer scalar, found shape " + idx.shape());
    long i = idx.ints()[0];
    long axis = GraphInterpreter.intAttr(n, "axis", 0);
    if (d.form() == Form.STATES) {
      int count = d.states().size();
      if ((axis != 0 && axis != -3) || i < -count || i >= count)
        throw g.bad(n, "only the state of one layer (axis 0, index in [" + -count + ", " + count + ")) can be taken from Y_h");
      return lastStep(n, d.states().get((int) (i < 0 ? i + count : i)));
    }
    long time = d.form() == Form.TIME_MAJOR ? 0 : 1;
    if ((axis != time && axis != time - 3) || i != -1)
      throw g.bad(n, "only the last time step (index -1 on the time axis " + time + ") can be read out, found index " + i + " on axis " + axis);
    return lastStep(n, d.pipeline());
  }

  static Value slice(GraphInterpreter g, NodeProto n) {
    Data d = g.data(n, 0, Form.TIME_MAJOR, Form.BATCH_MAJOR);
    int time = d.form() == Form.TIME_MAJOR ? 0 : 1;
    long[] starts = g.constant(n, 1, "starts").ints();
    long[] ends = g.constant(n, 2, "ends").ints();
    long[] axes = n.getInputCount() > 3 && !n.getInput(3).isEmpty() ? g.constant(n, 3, "axes").ints() : new long[] {0};
    long[] steps = n.getInputCount() > 4 && !n.getInput(4).isEmpty() ? g.constant(n, 4, "steps").ints() : new long[] {1};
    boolean last = starts != null && ends != null && axes != null && steps != null && starts.length == 1 && starts[0] == -1
        && ends.length == 1 && ends[0] >= Integer.MAX_VALUE && single(axes, time, 3) && steps.length == 1 && steps[0] == 1;
    if (!last) throw g.bad(n, "only the slice of the last time step (starts = -1 to the end on the time axis " + time + ") is supported");
    return Data.at(Form.LAST_KEPT, d.pipeline(), time);
  }

  static Value concat(GraphInterpreter g, NodeProto n) {
    long axis = GraphInterpreter.intAttr(n, "axis", 0);
    if (axis != 0 && axis != -3) throw g.bad(n, "only final hidden states Y_h can be concatenated (on axis 0)");
    List<Pipeline> all = new ArrayList<>();
    for (int i = 0; i < n.getInputCount(); i++) all.addAll(g.data(n, i, Form.STATES).states());
    return new Data(Form.STATES, all.get(0), null, -1, all);
  }

  private static Data lastStep(NodeProto n, Pipeline p) {
    return Data.of(Form.ROWS, p.then(new LastStep(n.getName()), p.width()));
  }
}
