package org.distinct.onnx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The part of ONNX's protobuf schema ({@code onnx.proto}, proto2) that distinct reads and writes, as plain records, with
 * a reader and a writer of the protobuf wire format written by hand. The generated classes ({@code ai.onnx.proto.OnnxMl})
 * describe the same messages, but loading them and protobuf's runtime costs more on the first call in a JVM than the
 * whole import or export of a model ({@code docs/onnx.md}, "Speed"); the hand-written codec loads a handful of small
 * classes. The writer emits what the generated classes emit for the same values (fields in number order, {@code dims}
 * and {@code ints} unpacked, {@code float_data}, {@code int64_data} and the other numeric data fields packed), so
 * {@code ModelProto.parseFrom(bytes).toByteArray()} gives the same bytes ({@code ProtoTest}); the reader accepts packed
 * and unpacked repeated numbers and skips fields it does not know, as protobuf parsers do.
 */
final class Proto {
  private Proto() {}

  /** {@code AttributeProto.AttributeType} values. */
  static final int FLOAT = 1;
  /** Attribute type INT. */
  static final int INT = 2;
  /** Attribute type STRING. */
  static final int STRING = 3;
  /** Attribute type TENSOR. */
  static final int TENSOR = 4;
  /** Attribute type FLOATS. */
  static final int FLOATS = 6;
  /** Attribute type INTS. */
  static final int INTS = 7;
  /** Attribute type STRINGS. */
  static final int STRINGS = 8;

  /** {@code TensorProto.DataType} FLOAT. */
  static final int DT_FLOAT = 1;
  /** {@code TensorProto.DataType} INT32. */
  static final int DT_INT32 = 6;
  /** {@code TensorProto.DataType} INT64. */
  static final int DT_INT64 = 7;
  /** {@code TensorProto.DataType} DOUBLE. */
  static final int DT_DOUBLE = 11;
  /** {@code TensorProto.DataLocation} EXTERNAL. */
  static final int EXTERNAL = 1;

  /**
   * {@code ModelProto}.
   *
   * @param irVersion field 1
   * @param producerName field 2
   * @param producerVersion field 3
   * @param modelVersion field 5 (0: not written)
   * @param docString field 6 (null: not written)
   * @param graph field 7 (null if absent)
   * @param opsets field 8
   * @param metadata field 14, key and value per entry
   */
  record Model(long irVersion, String producerName, String producerVersion, long modelVersion, String docString, Graph graph,
      List<Opset> opsets, List<String[]> metadata) {}

  /** {@code OperatorSetIdProto}: domain (1), version (2). */
  record Opset(String domain, long version) {}

  /** {@code GraphProto}: node (1), name (2), initializer (5), input (11), output (12). */
  record Graph(String name, List<Node> nodes, List<Tensor> initializers, List<ValueInfo> inputs, List<ValueInfo> outputs) {}

  /** {@code NodeProto}: input (1), output (2), name (3), op_type (4), attribute (5), domain (7; null: not written). */
  record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs, List<Attribute> attributes) {
    /** @return the number of inputs (empty names included) */
    int inputCount() {
      return inputs.size();
    }

    /** @return input {@code i}'s name */
    String input(int i) {
      return inputs.get(i);
    }

    /** @return the attribute of that name, or null */
    Attribute attribute(String attrName) {
      for (Attribute a : attributes) if (a.name().equals(attrName)) return a;
      return null;
    }
  }

  /**
   * {@code AttributeProto}: name (1), f (2), i (3), s (4), t (5), floats (7), ints (8), strings (9), type (20). Only the
   * field of its type is written.
   *
   * @param floats values of a FLOATS attribute (empty otherwise)
   * @param ints values of an INTS attribute (empty otherwise)
   * @param t the tensor of a TENSOR attribute, or null
   */
  record Attribute(String name, int type, float f, long i, String s, Tensor t, float[] floats, long[] ints, List<String> strings) {
    static Attribute ofInt(String name, long v) {
      return new Attribute(name, INT, 0f, v, "", null, new float[0], new long[0], List.of());
    }

    static Attribute ofInts(String name, long... v) {
      return new Attribute(name, INTS, 0f, 0, "", null, new float[0], v.clone(), List.of());
    }

    /** @return the INTS values as a list (for messages) */
    List<Long> intList() {
      List<Long> l = new ArrayList<>();
      for (long v : ints) l.add(v);
      return l;
    }
  }

  /**
   * {@code TensorProto}: dims (1), data_type (2), float_data (4), int32_data (5), int64_data (7), name (8), raw_data (9),
   * double_data (10), data_location (14). Absent data fields are null (read) or not written.
   */
  record Tensor(String name, long[] dims, int dataType, byte[] raw, float[] floatData, int[] int32Data, long[] int64Data, double[] doubleData,
      int dataLocation) {}

  /**
   * {@code ValueInfoProto} with a tensor type: name (1), type.tensor_type.elem_type, type.tensor_type.shape.dim.
   *
   * @param elemType the element type (0 if the value is not a tensor)
   * @param dims the dimensions ({@link Dim}), or null without a shape
   */
  record ValueInfo(String name, int elemType, List<Dim> dims) {}

  /** A dimension: {@code dim_value} (≥ 0, or -1 if absent) or {@code dim_param} (null if absent). */
  record Dim(long value, String param) {}

  /** The bytes are not a protobuf message, or end in the middle of one. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean truncated;

    Malformed(String message, boolean truncated) {
      super(message, null, false, false);
      this.truncated = truncated;
    }
  }

  // ------------------------------------------------------------------ reading

  /**
   * Parses a {@code ModelProto}.
   *
   * @param bytes the serialized model (Not modified)
   * @return the model
   * @throws Malformed if the bytes are not protobuf or end too early
   */
  static Model parse(byte[] bytes) {
    return readModel(new Reader(bytes, 0, bytes.length));
  }

  /** A cursor over one message's bytes. */
  private static final class Reader {
    final byte[] b;
    int pos;
    final int limit;

    Reader(byte[] b, int pos, int limit) {
      this.b = b;
      this.pos = pos;
      this.limit = limit;
    }

    boolean more() {
      return pos < limit;
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= limit) throw new Malformed("the input ended in the middle of a number", true);
        int x = b[pos++];
        v |= (long) (x & 0x7f) << shift;
        if ((x & 0x80) == 0) return v;
      }
      throw new Malformed("a number is longer than 10 bytes", false);
    }

    int tag() {
      long t = varint();
      if ((t >>> 3) == 0 || t > Integer.MAX_VALUE) throw new Malformed("invalid field tag " + t, false);
      int wire = (int) (t & 7);
      if (wire > 5 || wire == 3 || wire == 4) throw new Malformed("invalid wire type " + wire, false);
      return (int) t;
    }

    int fixed32() {
      need(4);
      int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
      pos += 4;
      return v;
    }

    long fixed64() {
      long lo = fixed32() & 0xffffffffL;
      long hi = fixed32() & 0xffffffffL;
      return lo | hi << 32;
    }

    void need(int n) {
      if (n < 0 || limit - pos < n) throw new Malformed("the input ended in the middle of a field", true);
    }

    /** @return a reader over the next length-delimited field, which it skips */
    Reader sub() {
      long len = varint();
      if (len < 0 || len > limit - pos) throw new Malformed("the input ended in the middle of a field", true);
      Reader r = new Reader(b, pos, pos + (int) len);
      pos += (int) len;
      return r;
    }

    String string() {
      Reader r = sub();
      return new String(b, r.pos, r.limit - r.pos, StandardCharsets.UTF_8);
    }

    byte[] bytes() {
      Reader r = sub();
      return Arrays.copyOfRange(b, r.pos, r.limit);
    }

    void skip(int tag) {
      switch (tag & 7) {
        case 0 -> varint();
        case 1 -> {
          need(8);
          pos += 8;
        }
        case 2 -> sub();
        case 5 -> {
          need(4);
          pos += 4;
        }
        default -> throw new Malformed("invalid wire type " + (tag & 7), false);
      }
    }
  }

  private static Model readModel(Reader r) {
    long ir = 0;
    long version = 0;
    String producer = "";
    String producerVersion = "";
    String doc = null;
    Graph graph = null;
    List<Opset> opsets = new ArrayList<>();
    List<String[]> md = new ArrayList<>();
    while (r.more()) {
      int tag = r.tag();
      switch (tag) {
        case 1 << 3 -> ir = r.varint();
        case 2 << 3 | 2 -> producer = r.string();
        case 3 << 3 | 2 -> producerVersion = r.string();
        case 5 << 3 -> version = r.varint();
        case 6 << 3 | 2 -> doc = r.string();
        case 7 << 3 | 2 -> graph = readGraph(r.sub());
        case 8 << 3 | 2 -> opsets.add(readOpset(r.sub()));
        case 14 << 3 | 2 -> md.add(readEntry(r.sub()));
        default -> r.skip(tag);
      }
    }
    return new Model(ir, producer, producerVersion, version, doc, graph, opsets, md);
  }

  private static Opset readOpset(Reader r) {
    String domain = "";
    long version = 0;
    while (r.more()) {
      int tag = r.tag();
      if (tag == (1 << 3 | 2)) domain = r.string();
      else if (tag == 2 << 3) version = r.varint();
      else r.skip(tag);
    }
    return new Opset(domain, version);
  }

  private static String[] readEntry(Reader r) {
    String[] kv = {"", ""};
    while (r.more()) {
      int tag = r.tag();
      if (tag == (1 << 3 | 2)) kv[0] = r.string();
      else if (tag == (2 << 3 | 2)) kv[1] = r.string();
      else r.skip(tag);
    }
    return kv;
  }

  private static Graph readGraph(Reader r) {
    String name = "";
    List<Node> nodes = new ArrayList<>();
    List<Tensor> init = new ArrayList<>();
    List<ValueInfo> in = new ArrayList<>();
    List<ValueInfo> out = new ArrayList<>();
    while (r.more()) {
      int tag = r.tag();
      switch (tag) {
        case 1 << 3 | 2 -> nodes.add(readNode(r.sub()));
        case 2 << 3 | 2 -> name = r.string();
        case 5 << 3 | 2 -> init.add(readTensor(r.sub()));
        case 11 << 3 | 2 -> in.add(readValueInfo(r.sub()));
        case 12 << 3 | 2 -> out.add(readValueInfo(r.sub()));
        default -> r.skip(tag);
      }
    }
    return new Graph(name, nodes, init, in, out);
  }

  private static Node readNode(Reader r) {
    String name = "";
    String op = "";
    String domain = null;
    List<String> in = new ArrayList<>();
    List<String> out = new ArrayList<>();
    List<Attribute> attrs = new ArrayList<>();
    while (r.more()) {
      int tag = r.tag();
      switch (tag) {
        case 1 << 3 | 2 -> in.add(r.string());
        case 2 << 3 | 2 -> out.add(r.string());
        case 3 << 3 | 2 -> name = r.string();
        case 4 << 3 | 2 -> op = r.string();
        case 5 << 3 | 2 -> attrs.add(readAttribute(r.sub()));
        case 7 << 3 | 2 -> domain = r.string();
        default -> r.skip(tag);
      }
    }
    return new Node(name, op, domain, in, out, attrs);
  }

  private static Attribute readAttribute(Reader r) {
    String name = "";
    int type = 0;
    float f = 0;
    long i = 0;
    String s = "";
    Tensor t = null;
    FloatList floats = new FloatList();
    LongList ints = new LongList();
    List<String> strings = new ArrayList<>();
    while (r.more()) {
      int tag = r.tag();
      switch (tag) {
        case 1 << 3 | 2 -> name = r.string();
        case 2 << 3 | 5 -> f = Float.intBitsToFloat(r.fixed32());
        case 3 << 3 -> i = r.varint();
        case 4 << 3 | 2 -> s = r.string();
        case 5 << 3 | 2 -> t = readTensor(r.sub());
        case 7 << 3 | 5 -> floats.add(Float.intBitsToFloat(r.fixed32()));
        case 7 << 3 | 2 -> floats.addPacked(r.sub());
        case 8 << 3 -> ints.add(r.varint());
        case 8 << 3 | 2 -> ints.addPacked(r.sub(), false);
        case 9 << 3 | 2 -> strings.add(r.string());
        case 20 << 3 -> type = (int) r.varint();
        default -> r.skip(tag);
      }
    }
    return new Attribute(name, type, f, i, s, t, floats.toArray(), ints.toArray(), strings);
  }

  private static Tensor readTensor(Reader r) {
    LongList dims = new LongList();
    int type = 0;
    String name = "";
    byte[] raw = null;
    FloatList floats = null;
    LongList int32 = null;
    LongList int64 = null;
    DoubleList doubles = null;
    int location = 0;
    while (r.more()) {
      int tag = r.tag();
      switch (tag) {
        case 1 << 3 -> dims.add(r.varint());
        case 1 << 3 | 2 -> dims.addPacked(r.sub(), false);
        case 2 << 3 -> type = (int) r.varint();
        case 4 << 3 | 5 -> (floats = floats == null ? new FloatList() : floats).add(Float.intBitsToFloat(r.fixed32()));
        case 4 << 3 | 2 -> (floats = floats == null ? new FloatList() : floats).addPacked(r.sub());
        case 5 << 3 -> (int32 = int32 == null ? new LongList() : int32).add((int) r.varint());
        case 5 << 3 | 2 -> (int32 = int32 == null ? new LongList() : int32).addPacked(r.sub(), true);
        case 7 << 3 -> (int64 = int64 == null ? new LongList() : int64).add(r.varint());
        case 7 << 3 | 2 -> (int64 = int64 == null ? new LongList() : int64).addPacked(r.sub(), false);
        case 8 << 3 | 2 -> name = r.string();
        case 9 << 3 | 2 -> raw = r.bytes();
        case 10 << 3 | 1 -> (doubles = doubles == null ? new DoubleList() : doubles).add(Double.longBitsToDouble(r.fixed64()));
        case 10 << 3 | 2 -> (doubles = doubles == null ? new DoubleList() : doubles).addPacked(r.sub());
        case 14 << 3 -> location = (int) r.varint();
        default -> r.skip(tag);
      }
    }
    int[] i32 = null;
    if (int32 != null) {
      long[] l = int32.toArray();
      i32 = new int[l.length];
      for (int k = 0; k < l.length; k++) i32[k] = (int) l[k];
    }
    return new Tensor(name, dims.toArray(), type, raw, floats == null ? null : floats.toArray(), i32, int64 == null ? null : int64.toArray(),
        doubles == null ? null : doubles.toArray(), location);
  }

  private static ValueInfo readValueInfo(Reader r) {
    String name = "";
    int elem = 0;
    List<Dim> dims = null;
    while (r.more()) {
      int tag = r.tag();
      if (tag == (1 << 3 | 2)) name = r.string();
      else if (tag == (2 << 3 | 2)) {
        Reader type = r.sub();
        while (type.more()) {
          int tt = type.tag();
          if (tt != (1 << 3 | 2)) {
            type.skip(tt);
            continue;
          }
          Reader tensor = type.sub();
          while (tensor.more()) {
            int t = tensor.tag();
            if (t == 1 << 3) elem = (int) tensor.varint();
            else if (t == (2 << 3 | 2)) dims = readShape(tensor.sub());
            else tensor.skip(t);
          }
        }
      } else r.skip(tag);
    }
    return new ValueInfo(name, elem, dims);
  }

  private static List<Dim> readShape(Reader r) {
    List<Dim> dims = new ArrayList<>();
    while (r.more()) {
      int tag = r.tag();
      if (tag != (1 << 3 | 2)) {
        r.skip(tag);
        continue;
      }
      Reader d = r.sub();
      long value = -1;
      String param = null;
      while (d.more()) {
        int t = d.tag();
        if (t == 1 << 3) {
          value = d.varint();
          param = null;
        } else if (t == (2 << 3 | 2)) {
          param = d.string();
          value = -1;
        } else d.skip(t);
      }
      dims.add(new Dim(value, param));
    }
    return dims;
  }

  /** A growable list of longs. */
  private static final class LongList {
    long[] v = new long[4];
    int n;

    void add(long x) {
      if (n == v.length) v = Arrays.copyOf(v, 2 * n);
      v[n++] = x;
    }

    void addPacked(Reader r, boolean int32) {
      while (r.more()) add(int32 ? (int) r.varint() : r.varint());
    }

    long[] toArray() {
      return Arrays.copyOf(v, n);
    }
  }

  /** A growable list of floats. */
  private static final class FloatList {
    float[] v = new float[4];
    int n;

    void add(float x) {
      if (n == v.length) v = Arrays.copyOf(v, 2 * n);
      v[n++] = x;
    }

    void addPacked(Reader r) {
      while (r.more()) add(Float.intBitsToFloat(r.fixed32()));
    }

    float[] toArray() {
      return Arrays.copyOf(v, n);
    }
  }

  /** A growable list of doubles. */
  private static final class DoubleList {
    double[] v = new double[4];
    int n;

    void add(double x) {
      if (n == v.length) v = Arrays.copyOf(v, 2 * n);
      v[n++] = x;
    }

    void addPacked(Reader r) {
      while (r.more()) add(Double.longBitsToDouble(r.fixed64()));
    }

    double[] toArray() {
      return Arrays.copyOf(v, n);
    }
  }

  // ------------------------------------------------------------------ writing

  /**
   * Serializes a {@code ModelProto}.
   *
   * @param m the model
   * @return its bytes, as the generated protobuf classes would write them
   */
  static byte[] write(Model m) {
    Writer w = new Writer(1024);
    w.varintField(1, m.irVersion());
    w.stringField(2, m.producerName());
    w.stringField(3, m.producerVersion());
    if (m.modelVersion() != 0) w.varintField(5, m.modelVersion());
    if (m.docString() != null) w.stringField(6, m.docString());
    if (m.graph() != null) w.message(7, graph(m.graph()));
    for (Opset o : m.opsets()) {
      Writer s = new Writer(16);
      s.stringField(1, o.domain());
      s.varintField(2, o.version());
      w.message(8, s);
    }
    for (String[] kv : m.metadata()) {
      Writer s = new Writer(kv[0].length() + kv[1].length() + 8);
      s.stringField(1, kv[0]);
      s.stringField(2, kv[1]);
      w.message(14, s);
    }
    return w.toArray();
  }

  private static Writer graph(Graph g) {
    Writer w = new Writer(1024);
    for (Node n : g.nodes()) w.message(1, node(n));
    w.stringField(2, g.name());
    for (Tensor t : g.initializers()) w.message(5, tensor(t));
    for (ValueInfo v : g.inputs()) w.message(11, valueInfo(v));
    for (ValueInfo v : g.outputs()) w.message(12, valueInfo(v));
    return w;
  }

  private static Writer node(Node n) {
    Writer w = new Writer(64);
    for (String s : n.inputs()) w.stringField(1, s);
    for (String s : n.outputs()) w.stringField(2, s);
    w.stringField(3, n.name());
    w.stringField(4, n.opType());
    for (Attribute a : n.attributes()) w.message(5, attribute(a));
    if (n.domain() != null) w.stringField(7, n.domain());
    return w;
  }

  private static Writer attribute(Attribute a) {
    Writer w = new Writer(32);
    w.stringField(1, a.name());
    switch (a.type()) {
      case FLOAT -> w.fixed32Field(2, Float.floatToRawIntBits(a.f()));
      case INT -> w.varintField(3, a.i());
      case STRING -> w.stringField(4, a.s());
      case TENSOR -> w.message(5, tensor(a.t()));
      case FLOATS -> {
        for (float f : a.floats()) w.fixed32Field(7, Float.floatToRawIntBits(f));
      }
      case INTS -> {
        for (long v : a.ints()) w.varintField(8, v);
      }
      case STRINGS -> {
        for (String s : a.strings()) w.stringField(9, s);
      }
      default -> throw new IllegalArgumentException("attribute type " + a.type() + " is not written");
    }
    w.varintField(20, a.type());
    return w;
  }

  private static Writer tensor(Tensor t) {
    int size = (t.raw() == null ? 0 : t.raw().length) + (t.int64Data() == null ? 0 : 10 * t.int64Data().length) + 32;
    Writer w = new Writer(size);
    for (long d : t.dims()) w.varintField(1, d);
    w.varintField(2, t.dataType());
    if (t.floatData() != null) {
      w.tag(4, 2);
      w.varint(4L * t.floatData().length);
      for (float f : t.floatData()) w.fixed32(Float.floatToRawIntBits(f));
    }
    if (t.int64Data() != null) {
      Writer p = new Writer(10 * t.int64Data().length);
      for (long v : t.int64Data()) p.varint(v);
      w.message(7, p);
    }
    w.stringField(8, t.name());
    if (t.raw() != null) {
      w.tag(9, 2);
      w.varint(t.raw().length);
      w.raw(t.raw(), t.raw().length);
    }
    return w;
  }

  private static Writer valueInfo(ValueInfo v) {
    Writer shape = new Writer(32);
    for (Dim d : v.dims()) {
      Writer dim = new Writer(16);
      if (d.param() != null) dim.stringField(2, d.param());
      else dim.varintField(1, d.value());
      shape.message(1, dim);
    }
    Writer tensor = new Writer(48);
    tensor.varintField(1, v.elemType());
    tensor.message(2, shape);
    Writer type = new Writer(56);
    type.message(1, tensor);
    Writer w = new Writer(64);
    w.stringField(1, v.name());
    w.message(2, type);
    return w;
  }

  /** A growable byte buffer with protobuf encoders. */
  private static final class Writer {
    byte[] b;
    int n;

    Writer(int capacity) {
      b = new byte[Math.max(16, capacity)];
    }

    void ensure(int more) {
      if (b.length - n < more) b = Arrays.copyOf(b, Math.max(2 * b.length, n + more));
    }

    void varint(long v) {
      ensure(10);
      while ((v & ~0x7fL) != 0) {
        b[n++] = (byte) ((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      b[n++] = (byte) v;
    }

    void fixed32(int v) {
      ensure(4);
      b[n++] = (byte) v;
      b[n++] = (byte) (v >>> 8);
      b[n++] = (byte) (v >>> 16);
      b[n++] = (byte) (v >>> 24);
    }

    void tag(int field, int wire) {
      varint((long) field << 3 | wire);
    }

    void varintField(int field, long v) {
      tag(field, 0);
      varint(v);
    }

    void fixed32Field(int field, int v) {
      tag(field, 5);
      fixed32(v);
    }

    void stringField(int field, String s) {
      byte[] u = s.getBytes(StandardCharsets.UTF_8);
      tag(field, 2);
      varint(u.length);
      raw(u, u.length);
    }

    void message(int field, Writer m) {
      tag(field, 2);
      varint(m.n);
      raw(m.b, m.n);
    }

    void raw(byte[] src, int len) {
      ensure(len);
      System.arraycopy(src, 0, b, n, len);
      n += len;
    }

    byte[] toArray() {
      return Arrays.copyOf(b, n);
    }
  }
}
