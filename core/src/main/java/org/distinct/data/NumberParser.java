package org.distinct.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses decimal numbers straight from bytes, without building a string, exactly as
 * {@link Double#parseDouble} would (the grammar of {@link Table#number(int, int)}: optional sign, digits with an
 * optional point, optional exponent; with a decimal comma also one comma as the point).
 *
 * <p>Exactness: a number with at most 18 significant digits whose digits form an integer m below 2^53 and
 * whose decimal exponent e has |e| ≤ 22 is m·10^e or m/10^−e, one correctly rounded IEEE operation on two exact
 * doubles, hence the correctly rounded value (Clinger's fast path). Anything else (more digits, larger
 * exponents: the 17 significant digits that Excel and the demo generator write for most values) is converted by
 * fastdoubleparser's {@link JavaDoubleParser} (Eisel–Lemire with an exact fallback: the correctly rounded value, bit
 * for bit what {@link Double#parseDouble} gives, from the bytes). Which bytes are a number is decided here, by the
 * grammar above, as before; the library only converts. In a fresh JVM this spares {@code Double.parseDouble}'s
 * string and its big-integer path ({@code FDBigInteger}), which run interpreted for a long time.
 */
final class NumberParser {
  private static final double[] POW10 = new double[23];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
  }

  private NumberParser() {}

  /**
   * @param b bytes (Not modified)
   * @param from first byte, inclusive (surrounding spaces must already be trimmed)
   * @param to last byte, exclusive
   * @param decimalComma whether a single comma (and no point) is the decimal point
   * @return the finite value, or NaN if the bytes are not a finite number of the grammar
   */
  static double parse(byte[] b, int from, int to, boolean decimalComma) {
    int i = from;
    if (i >= to) return Double.NaN;
    boolean neg = false;
    if (b[i] == '-' || b[i] == '+') {
      neg = b[i] == '-';
      i++;
    }
    long m = 0;
    int digits = 0; // significant digits taken into m
    int dropped = 0; // integer digits that did not fit (scale up)
    int scale = 0; // fraction digits taken
    boolean any = false;
    boolean overflow = false;
    while (i < to && b[i] >= '0' && b[i] <= '9') {
      any = true;
      int d = b[i] - '0';
      if (digits < 18) {
        if (m != 0 || d != 0) digits++;
        m = m * 10 + d;
      } else {
        overflow = true;
        dropped++;
      }
      i++;
    }
    if (i < to && (b[i] == '.' || (decimalComma && b[i] == ','))) {
      i++;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        any = true;
        int d = b[i] - '0';
        if (digits < 18) {
          if (m != 0 || d != 0) digits++;
          m = m * 10 + d;
          scale++;
        } else overflow = true;
        i++;
      }
    }
    if (!any) return Double.NaN;
    int exp = 0;
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      boolean eneg = false;
      if (i < to && (b[i] == '-' || b[i] == '+')) {
        eneg = b[i] == '-';
        i++;
      }
      if (i >= to) return Double.NaN;
      int start = i;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        if (exp < 100_000) exp = exp * 10 + (b[i] - '0');
        i++;
      }
      if (i == start) return Double.NaN;
      if (eneg) exp = -exp;
    }
    if (i != to) return Double.NaN;
    int e10 = exp - scale + dropped;
    if (!overflow && m < (1L << 53) && e10 >= -22 && e10 <= 22) {
      double v = m == 0 ? 0.0 : e10 >= 0 ? m * POW10[e10] : m / POW10[-e10];
      if (!Double.isFinite(v)) return Double.NaN;
      return neg ? -v : v;
    }
    return slow(b, from, to, decimalComma);
  }

  /** Converts bytes that passed the grammar check as {@link Double#parseDouble} would, without building a string. */
  private static double slow(byte[] b, int from, int to, boolean decimalComma) {
    byte[] d = b;
    int off = from;
    if (decimalComma) { // the one comma (if any) becomes the point
      d = Arrays.copyOfRange(b, from, to);
      off = 0;
      for (int k = 0; k < d.length; k++) if (d[k] == ',') d[k] = '.';
    }
    double v;
    try {
      v = JavaDoubleParser.parseDouble(d, off, to - from);
    } catch (NumberFormatException e) { // not expected for the grammar above; the JDK decides then
      v = Double.parseDouble(new String(d, off, to - from, StandardCharsets.ISO_8859_1));
    }
    return Double.isFinite(v) ? v : Double.NaN;
  }
}
