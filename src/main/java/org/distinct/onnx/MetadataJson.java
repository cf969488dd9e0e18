package org.distinct.onnx;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the exported metadata values, written and read by hand: the values are plain JSON values (maps, lists,
 * arrays of numbers, strings, numbers, booleans, null), and Jackson's {@code ObjectMapper} costs more to load than a
 * whole import or export (see {@code docs/onnx.md}, "Speed"). Written compactly as Jackson writes it (numbers by
 * {@link Double#toString}/{@link Long#toString}, non-finite doubles as strings, the same string escapes), so files written
 * before read the same; read into {@link LinkedHashMap}, {@link ArrayList}, {@link String}, {@link Integer} (or
 * {@link Long}, {@link BigInteger} when larger), {@link Double}, {@link Boolean} and null, as Jackson converts them.
 */
final class MetadataJson {
  private MetadataJson() {}

  /** Text that is not JSON. */
  static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  // ------------------------------------------------------------------ writing

  /**
   * @param value a plain JSON value (maps with string keys, collections, arrays, strings, numbers, booleans, enums, null)
   * @return its compact JSON text
   * @throws IllegalArgumentException for another type
   */
  static String write(Object value) {
    StringBuilder b = new StringBuilder(64);
    write(value, b);
    return b.toString();
  }

  private static void write(Object v, StringBuilder b) {
    if (v == null) b.append("null");
    else if (v instanceof String s) string(s, b);
    else if (v instanceof Boolean x) b.append(x.booleanValue());
    else if (v instanceof Double d) number(d, b);
    else if (v instanceof Float f) {
      if (Float.isFinite(f)) b.append(f.floatValue());
      else string(f.toString(), b);
    } else if (v instanceof Number n) b.append(n.toString()); // Integer, Long, Short, Byte, BigInteger, BigDecimal
    else if (v instanceof Character c) string(c.toString(), b);
    else if (v instanceof Enum<?> e) string(e.name(), b);
    else if (v instanceof Map<?, ?> m) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) b.append(',');
        first = false;
        string(String.valueOf(e.getKey()), b);
        b.append(':');
        write(e.getValue(), b);
      }
      b.append('}');
    } else if (v instanceof Collection<?> c) {
      b.append('[');
      boolean first = true;
      for (Object o : c) {
        if (!first) b.append(',');
        first = false;
        write(o, b);
      }
      b.append(']');
    } else if (v instanceof double[] a) {
      b.append('[');
      for (int i = 0; i < a.length; i++) {
        if (i > 0) b.append(',');
        number(a[i], b);
      }
      b.append(']');
    } else if (v.getClass().isArray()) {
      b.append('[');
      int n = Array.getLength(v);
      for (int i = 0; i < n; i++) {
        if (i > 0) b.append(',');
        write(Array.get(v, i), b);
      }
      b.append(']');
    } else {
      throw new IllegalArgumentException("not a plain JSON value: " + v.getClass().getName());
    }
  }

  private static void number(double d, StringBuilder b) {
    if (Double.isFinite(d)) b.append(d);
    else string(Double.toString(d), b);
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static void string(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20) b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
          else b.append(c);
        }
      }
    }
    b.append('"');
  }

  // ------------------------------------------------------------------ reading

  /**
   * @param text JSON text: one value, surrounded by whitespace only
   * @return the value
   * @throws Invalid if the text is not JSON (the message says where)
   */
  static Object read(String text) {
    Parser p = new Parser(text);
    p.space();
    Object v = p.value(0);
    p.space();
    if (p.pos < text.length()) throw p.error("unexpected text after the value");
    return v;
  }

  /** A recursive-descent JSON parser. */
  private static final class Parser {
    private static final int MAX_DEPTH = 200;
    final String s;
    int pos;

    Parser(String s) {
      this.s = s;
    }

    Invalid error(String what) {
      return new Invalid(what + " at character " + (pos + 1));
    }

    void space() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
        pos++;
      }
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
      if (pos >= s.length()) throw error("unexpected end of text");
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          return object(depth);
        case '[':
          return array(depth);
        case '"':
          return string();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) return number();
          throw error("unexpected character '" + c + "'");
      }
    }

    Object literal(String word, Object v) {
      if (!s.startsWith(word, pos)) throw error("unexpected text");
      pos += word.length();
      return v;
    }

    Map<String, Object> object(int depth) {
      Map<String, Object> m = new LinkedHashMap<>();
      pos++;
      space();
      if (peek('}')) return m;
      while (true) {
        space();
        if (pos >= s.length() || s.charAt(pos) != '"') throw error("expected a field name");
        String key = string();
        space();
        expect(':');
        space();
        m.put(key, value(depth + 1));
        space();
        if (peek('}')) return m;
        expect(',');
      }
    }

    List<Object> array(int depth) {
      List<Object> l = new ArrayList<>();
      pos++;
      space();
      if (peek(']')) return l;
      while (true) {
        space();
        l.add(value(depth + 1));
        space();
        if (peek(']')) return l;
        expect(',');
      }
    }

    boolean peek(char c) {
      if (pos < s.length() && s.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    void expect(char c) {
      if (!peek(c)) throw error(pos >= s.length() ? "unexpected end of text" : "expected '" + c + "'");
    }

    String string() {
      pos++;
      StringBuilder b = null;
      int start = pos;
      while (true) {
        if (pos >= s.length()) throw error("unterminated string");
        char c = s.charAt(pos);
        if (c == '"') {
          String out = b == null ? s.substring(start, pos) : b.append(s, start, pos).toString();
          pos++;
          return out;
        }
        if (c < 0x20) throw error("control character in a string");
        if (c != '\\') {
          pos++;
          continue;
        }
        if (b == null) b = new StringBuilder();
        b.append(s, start, pos);
        pos++;
        if (pos >= s.length()) throw error("unterminated string");
        char e = s.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            if (pos + 4 > s.length()) throw error("short \\u escape");
            int code = 0;
            for (int i = 0; i < 4; i++) {
              int d = Character.digit(s.charAt(pos + i), 16);
              if (d < 0) throw error("bad \\u escape");
              code = code * 16 + d;
            }
            b.append((char) code);
            pos += 4;
          }
          default -> throw error("bad escape '\\" + e + "'");
        }
        start = pos;
      }
    }

    Object number() {
      int start = pos;
      peek('-');
      if (peek('0')) {
        // a leading zero stands alone
      } else if (!digits()) throw error("expected a digit");
      boolean integral = true;
      if (peek('.')) {
        integral = false;
        if (!digits()) throw error("expected a digit after '.'");
      }
      if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        integral = false;
        pos++;
        if (!peek('+')) peek('-');
        if (!digits()) throw error("expected a digit in the exponent");
      }
      String t = s.substring(start, pos);
      if (!integral) return Double.parseDouble(t);
      if (t.length() <= 18) {
        long v = Long.parseLong(t);
        return v == (int) v ? (Object) (int) v : (Object) v;
      }
      BigInteger big = new BigInteger(t);
      if (big.bitLength() < 64) return big.longValue();
      return big;
    }

    boolean digits() {
      int start = pos;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
      return pos > start;
    }
  }
}
