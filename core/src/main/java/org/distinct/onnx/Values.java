package org.distinct.onnx;

import java.util.ArrayList;
import java.util.List;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.model.GatedLayer;

/**
 * The abstract values of the graph interpreter ({@link GraphInterpreter}): what each ONNX value is as far as distinct
 * is concerned — a constant, a run-time shape computation of the exporter's glue, a zero initial state, or the data
 * flowing through the network together with the layers it has passed (its {@link Pipeline}).
 */
final class Values {
  private Values() {}

  /** An abstract ONNX value. */
  sealed interface Value permits Const, Glue, Zeros, Data {}

  /** A constant (initializer or {@code Constant} node). */
  record Const(Tensors.Constant tensor) implements Value {}

  /** A value computed from run-time shapes (the exporter's glue: batch size, sequence length). */
  record Glue() implements Value {}

  /** A tensor of zeros of a run-time shape (the initial state torch builds with Shape, Gather, ConstantOfShape, …). */
  record Zeros() implements Value {}

  /** How the data tensor is laid out. */
  enum Form {
    /** {@code [N × F]}: a table row per pattern, or the last step of a sequence. */
    ROWS,
    /** The graph's sequence input {@code [A × B × F]} before any recurrent layer: batch- or time-first, not yet known. */
    INPUT_SEQ,
    /** {@code [T × N × F]}: time-major sequences. */
    TIME_MAJOR,
    /** {@code [N × T × F]}: batch-major sequences. */
    BATCH_MAJOR,
    /** {@code [T × 1 × N × H]}: output {@code Y} of a recurrent node (one direction). */
    RECURRENT_Y,
    /** {@code [L × N × H]}: final hidden states {@code Y_h} of one or more recurrent nodes (concatenated on axis 0). */
    STATES,
    /** The last step of a sequence with its time axis kept ({@code Slice} from -1): {@code axis} is that axis. */
    LAST_KEPT,
    /** {@code Y_c}: the LSTM's final cell state (not part of any supported network). */
    CELL,
    /**
     * The output of a convolutional layer: {@code [N × C × L]} ({@code axis} = 2, what {@code Conv} reads and writes), or
     * {@code [N × L × C]} after a transpose ({@code axis} = 1); {@code axis} is the length axis.
     */
    CONV_SEQ,
    /** Pooled features with the length axis kept as size 1 ({@code keepdims = 1}, {@code GlobalAveragePool}): {@code axis} is it. */
    POOLED_KEPT
  }

  /**
   * The data tensor.
   *
   * @param form its layout
   * @param pipeline the layers it has passed (for {@link Form#STATES}: the first entry's; see {@code states})
   * @param perm for {@link Form#INPUT_SEQ}: axis {@code i} of the tensor is axis {@code perm[i]} of the graph input (the
   *     transposes it has passed); null otherwise
   * @param axis for {@link Form#LAST_KEPT}: the kept time axis; for {@link Form#CONV_SEQ} and {@link Form#POOLED_KEPT}: the
   *     length axis
   * @param states for {@link Form#STATES}: the pipeline of every concatenated state, in axis-0 order
   */
  record Data(Form form, Pipeline pipeline, int[] perm, int axis, List<Pipeline> states) implements Value {
    static Data of(Form form, Pipeline p) {
      return new Data(form, p, null, -1, List.of());
    }

    static Data at(Form form, Pipeline p, int axis) {
      return new Data(form, p, null, axis, List.of());
    }
  }

  /** A layer of the network as the data pass it. */
  sealed interface Stage permits Dense, Act, Recurrent, Elman, LastStep, Conv, Pool {}

  /**
   * An affine layer {@code W x + b}.
   *
   * @param w weights {@code [out × in]}
   * @param b biases {@code [out]}, null until an {@code Add} supplies them (after {@code MatMul})
   * @param node the node that made it
   */
  record Dense(int in, int out, double[] w, double[] b, String node) implements Stage {}

  /** An element-wise activation after an affine layer. */
  record Act(Activation activation, String node) implements Stage {}

  /** An LSTM or GRU layer in distinct's layout. */
  record Recurrent(GatedLayer layer, String node) implements Stage {}

  /**
   * An Elman RNN layer in distinct's layout.
   *
   * @param wIh {@code [H × I]}
   * @param wHh {@code [H × H]}
   * @param b {@code [H]}: the two ONNX biases summed
   */
  record Elman(int in, int hidden, double[] wIh, double[] wHh, double[] b, String node) implements Stage {}

  /** The read-out of the last time step (sequences become rows). */
  record LastStep(String node) implements Stage {}

  /**
   * A convolutional layer in distinct's layout ({@code Conv1dLayer}), its activation set by the node after it.
   *
   * @param w weights {@code [out × in × kernel]}
   * @param b biases {@code [out]}
   * @param activation relu or tanh, null until the activation node
   * @param node the Conv node
   */
  record Conv(int in, int out, int kernel, int stride, int padding, double[] w, double[] b, Activation activation, String node)
      implements Stage {
    Conv withActivation(Activation a) {
      return new Conv(in, out, kernel, stride, padding, w, b, a, node);
    }
  }

  /** Global pooling over the length axis (sequences become rows). */
  record Pool(Conv1d.Pool pool, String node) implements Stage {}

  /**
   * The layers the data have passed, input first, and the width of the data now.
   *
   * @param stages the layers (unmodifiable)
   * @param width features per row or time step now (-1 while unknown: the graph input's last dimension is dynamic)
   */
  record Pipeline(List<Stage> stages, int width) {
    Pipeline {
      stages = List.copyOf(stages);
    }

    Pipeline then(Stage s, int newWidth) {
      List<Stage> l = new ArrayList<>(stages);
      l.add(s);
      return new Pipeline(l, newWidth);
    }

    Pipeline replaceLast(Stage s) {
      List<Stage> l = new ArrayList<>(stages);
      l.set(l.size() - 1, s);
      return new Pipeline(l, width);
    }

    Stage last() {
      return stages.isEmpty() ? null : stages.get(stages.size() - 1);
    }

    boolean recurrent() {
      for (Stage s : stages) if (s instanceof Recurrent || s instanceof Elman) return true;
      return false;
    }

    boolean convolutional() {
      for (Stage s : stages) if (s instanceof Conv) return true;
      return false;
    }
  }
}
