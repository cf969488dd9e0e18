package org.distinct.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reading and writing ONNX tensors (raw little-endian data or the typed repeated fields). */
final class Tensors {
  private Tensors() {}

  /** A constant tensor: its dimensions and values (floating point or integer, as doubles/longs). */
  record Constant(long[] dims, double[] values, long[] ints, boolean integral) {
    /** @return the number of elements */
    int size() {
      return integral ? ints.length : values.length;
    }

    /** @return the dimensions as text, e.g. {@code [1, 20, 5]} */
    String shape() {
      return java.util.Arrays.toString(dims);
    }
  }

  /**
   * Decodes a tensor.
   *
   * @param t the tensor
   * @return its values
   * @throws IllegalArgumentException if its data type is not float, double, int32 or int64, or its data are external
   *     or do not match its dimensions (the caller turns this into a message naming the node)
   */
  static Constant read(TensorProto t) {
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL)
      throw new IllegalArgumentException("tensor '" + t.getName() + "' keeps its data in an external file (not supported)");
    long[] dims = new long[t.getDimsCount()];
    long n = 1;
    for (int i = 0; i < dims.length; i++) {
      dims[i] = t.getDims(i);
      if (dims[i] < 0) throw new IllegalArgumentException("tensor '" + t.getName() + "' has a negative dimension");
      n *= dims[i];
    }
    if (n > Integer.MAX_VALUE / 8) throw new IllegalArgumentException("tensor '" + t.getName() + "' is too large");
    int count = (int) n;
    ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    boolean hasRaw = !t.getRawData().isEmpty();
    switch (t.getDataType()) {
      case 1 -> { // FLOAT
        double[] v = new double[count];
        int have = hasRaw ? raw.remaining() / 4 : t.getFloatDataCount();
        check(t, have, count, hasRaw ? raw.remaining() % 4 : 0);
        for (int i = 0; i < count; i++) v[i] = hasRaw ? raw.getFloat(4 * i) : t.getFloatData(i);
        return new Constant(dims, v, null, false);
      }
      case 11 -> { // DOUBLE
        double[] v = new double[count];
        int have = hasRaw ? raw.remaining() / 8 : t.getDoubleDataCount();
        check(t, have, count, hasRaw ? raw.remaining() % 8 : 0);
        for (int i = 0; i < count; i++) v[i] = hasRaw ? raw.getDouble(8 * i) : t.getDoubleData(i);
        return new Constant(dims, v, null, false);
      }
      case 7 -> { // INT64
        long[] v = new long[count];
        int have = hasRaw ? raw.remaining() / 8 : t.getInt64DataCount();
        check(t, have, count, hasRaw ? raw.remaining() % 8 : 0);
        for (int i = 0; i < count; i++) v[i] = hasRaw ? raw.getLong(8 * i) : t.getInt64Data(i);
        return new Constant(dims, null, v, true);
      }
      case 6 -> { // INT32
        long[] v = new long[count];
        int have = hasRaw ? raw.remaining() / 4 : t.getInt32DataCount();
        check(t, have, count, hasRaw ? raw.remaining() % 4 : 0);
        for (int i = 0; i < count; i++) v[i] = hasRaw ? raw.getInt(4 * i) : t.getInt32Data(i);
        return new Constant(dims, null, v, true);
      }
      default -> throw new IllegalArgumentException(
          "tensor '" + t.getName() + "' has data type " + t.getDataType() + " (float, double, int32 and int64 are read)");
    }
  }

  private static void check(TensorProto t, int have, int expected, int rest) {
    if (have != expected || rest != 0)
      throw new IllegalArgumentException("tensor '" + t.getName() + "' holds " + have + " values for its shape " + t.getDimsList()
          + " (" + expected + ")");
  }

  /**
   * A float32 tensor (raw little-endian data).
   *
   * @param name the tensor's name
   * @param values the values, rounded to float (Not modified)
   * @param dims the dimensions (Not modified)
   * @return the tensor
   */
  static TensorProto floats(String name, double[] values, long... dims) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) b.putFloat((float) v);
    b.flip();
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1).setRawData(ByteString.copyFrom(b));
    for (long d : dims) t.addDims(d);
    return t.build();
  }

  /**
   * An int64 tensor.
   *
   * @param name the tensor's name
   * @param values the values (Not modified)
   * @param dims the dimensions (Not modified)
   * @return the tensor
   */
  static TensorProto longs(String name, long[] values, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(7);
    for (long v : values) t.addInt64Data(v);
    for (long d : dims) t.addDims(d);
    return t.build();
  }
}
