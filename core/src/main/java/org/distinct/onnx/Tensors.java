package org.distinct.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.UnsafeByteOperations;
import java.util.Arrays;

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
      return Arrays.toString(dims);
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
      long d = t.getDims(i);
      dims[i] = d;
      if (d < 0) throw new IllegalArgumentException("tensor '" + t.getName() + "' has a negative dimension");
      n *= d;
      if (n > Integer.MAX_VALUE / 8) throw new IllegalArgumentException("tensor '" + t.getName() + "' is too large");
    }
    int count = (int) n;
    // the raw little-endian bytes, copied once out of the ByteString (decoded below without a ByteBuffer view)
    byte[] raw = t.getRawData().isEmpty() ? null : t.getRawData().toByteArray();
    switch (t.getDataType()) {
      case TensorProto.DataType.FLOAT_VALUE -> {
        check(t, raw != null ? raw.length / 4 : t.getFloatDataCount(), count, raw != null ? raw.length % 4 : 0);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) v[i] = raw != null ? Float.intBitsToFloat(int32(raw, 4 * i)) : t.getFloatData(i);
        return new Constant(dims, v, null, false);
      }
      case TensorProto.DataType.DOUBLE_VALUE -> {
        check(t, raw != null ? raw.length / 8 : t.getDoubleDataCount(), count, raw != null ? raw.length % 8 : 0);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) v[i] = raw != null ? Double.longBitsToDouble(int64(raw, 8 * i)) : t.getDoubleData(i);
        return new Constant(dims, v, null, false);
      }
      case TensorProto.DataType.INT64_VALUE -> {
        check(t, raw != null ? raw.length / 8 : t.getInt64DataCount(), count, raw != null ? raw.length % 8 : 0);
        long[] v = new long[count];
        for (int i = 0; i < count; i++) v[i] = raw != null ? int64(raw, 8 * i) : t.getInt64Data(i);
        return new Constant(dims, null, v, true);
      }
      case TensorProto.DataType.INT32_VALUE -> {
        check(t, raw != null ? raw.length / 4 : t.getInt32DataCount(), count, raw != null ? raw.length % 4 : 0);
        long[] v = new long[count];
        for (int i = 0; i < count; i++) v[i] = raw != null ? int32(raw, 4 * i) : t.getInt32Data(i);
        return new Constant(dims, null, v, true);
      }
      default -> throw new IllegalArgumentException(
          "tensor '" + t.getName() + "' has data type " + t.getDataType() + " (float, double, int32 and int64 are read)");
    }
  }

  private static int int32(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
  }

  private static long int64(byte[] b, int at) {
    return (int32(b, at) & 0xffffffffL) | (long) int32(b, at + 4) << 32;
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
    byte[] raw = new byte[4 * values.length];
    for (int i = 0; i < values.length; i++) {
      int bits = Float.floatToRawIntBits((float) values[i]);
      raw[4 * i] = (byte) bits;
      raw[4 * i + 1] = (byte) (bits >>> 8);
      raw[4 * i + 2] = (byte) (bits >>> 16);
      raw[4 * i + 3] = (byte) (bits >>> 24);
    }
    // raw is not touched again, so protobuf may keep it without a copy
    return dims(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(UnsafeByteOperations.unsafeWrap(raw)), dims);
  }

  private static TensorProto dims(TensorProto.Builder t, long[] dims) {
    for (long d : dims) t.addDims(d);
    return t.build();
  }

  /**
   * An int64 tensor (the typed {@code int64_data} field).
   *
   * @param name the tensor's name
   * @param values the values (Not modified)
   * @param dims the dimensions (Not modified)
   * @return the tensor
   */
  static TensorProto longs(String name, long[] values, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE);
    for (long v : values) t.addInt64Data(v);
    return dims(t, dims);
  }
}
