package org.distinct.onnx;

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
  static Constant read(Proto.Tensor t) {
    if (t.dataLocation() == Proto.EXTERNAL)
      throw new IllegalArgumentException("tensor '" + t.name() + "' keeps its data in an external file (not supported)");
    long[] dims = t.dims().clone();
    long n = 1;
    for (long d : dims) {
      if (d < 0) throw new IllegalArgumentException("tensor '" + t.name() + "' has a negative dimension");
      n *= d;
      if (n > Integer.MAX_VALUE / 8) throw new IllegalArgumentException("tensor '" + t.name() + "' is too large");
    }
    int count = (int) n;
    byte[] raw = t.raw() != null && t.raw().length > 0 ? t.raw() : null;
    switch (t.dataType()) {
      case Proto.DT_FLOAT -> {
        float[] typed = t.floatData() == null ? new float[0] : t.floatData();
        check(t, raw != null ? raw.length / 4 : typed.length, count, raw != null ? raw.length % 4 : 0);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) v[i] = raw != null ? Float.intBitsToFloat(int32(raw, 4 * i)) : typed[i];
        return new Constant(dims, v, null, false);
      }
      case Proto.DT_DOUBLE -> {
        double[] typed = t.doubleData() == null ? new double[0] : t.doubleData();
        check(t, raw != null ? raw.length / 8 : typed.length, count, raw != null ? raw.length % 8 : 0);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) v[i] = raw != null ? Double.longBitsToDouble(int64(raw, 8 * i)) : typed[i];
        return new Constant(dims, v, null, false);
      }
      case Proto.DT_INT64 -> {
        long[] typed = t.int64Data() == null ? new long[0] : t.int64Data();
        check(t, raw != null ? raw.length / 8 : typed.length, count, raw != null ? raw.length % 8 : 0);
        long[] v = new long[count];
        for (int i = 0; i < count; i++) v[i] = raw != null ? int64(raw, 8 * i) : typed[i];
        return new Constant(dims, null, v, true);
      }
      case Proto.DT_INT32 -> {
        int[] typed = t.int32Data() == null ? new int[0] : t.int32Data();
        check(t, raw != null ? raw.length / 4 : typed.length, count, raw != null ? raw.length % 4 : 0);
        long[] v = new long[count];
        for (int i = 0; i < count; i++) v[i] = raw != null ? int32(raw, 4 * i) : typed[i];
        return new Constant(dims, null, v, true);
      }
      default -> throw new IllegalArgumentException(
          "tensor '" + t.name() + "' has data type " + t.dataType() + " (float, double, int32 and int64 are read)");
    }
  }

  private static int int32(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
  }

  private static long int64(byte[] b, int at) {
    return (int32(b, at) & 0xffffffffL) | (long) int32(b, at + 4) << 32;
  }

  private static void check(Proto.Tensor t, int have, int expected, int rest) {
    if (have != expected || rest != 0)
      throw new IllegalArgumentException("tensor '" + t.name() + "' holds " + have + " values for its shape " + Arrays.toString(t.dims())
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
  static Proto.Tensor floats(String name, double[] values, long... dims) {
    byte[] raw = new byte[4 * values.length];
    for (int i = 0; i < values.length; i++) {
      int bits = Float.floatToRawIntBits((float) values[i]);
      raw[4 * i] = (byte) bits;
      raw[4 * i + 1] = (byte) (bits >>> 8);
      raw[4 * i + 2] = (byte) (bits >>> 16);
      raw[4 * i + 3] = (byte) (bits >>> 24);
    }
    return new Proto.Tensor(name, dims.clone(), Proto.DT_FLOAT, raw, null, null, null, null, 0);
  }

  /**
   * An int64 tensor (the typed {@code int64_data} field).
   *
   * @param name the tensor's name
   * @param values the values (Not modified)
   * @param dims the dimensions (Not modified)
   * @return the tensor
   */
  static Proto.Tensor longs(String name, long[] values, long... dims) {
    return new Proto.Tensor(name, dims.clone(), Proto.DT_INT64, null, null, null, values.clone(), null, 0);
  }
}
