package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link NumberParser} gives, bit for bit, what the grammar of {@link Table#parse} with {@link Double#parseDouble}
 * gives: the same texts are numbers, and every number converts to the same double (sign of zero included), over
 * random doubles printed with 1 to 25 significant digits, with and without exponents, with a decimal comma, subnormals,
 * exact halfway points between neighbouring doubles and texts just beside them, overflow, underflow, long digit runs,
 * and texts that are not numbers.
 */
class NumberParserTest {
  /** @return the bits NumberParser gives for the text, or those of NaN if it is not a number */
  private static long parsed(String s, boolean comma) {
    byte[] b = ("  " + s + "x").getBytes(StandardCharsets.ISO_8859_1); // an offset and a limit inside the array
    return Double.doubleToLongBits(NumberParser.parse(b, 2, b.length - 1, comma));
  }

  private static long expected(String s, boolean comma) {
    return Double.doubleToLongBits(Table.parse(s, comma));
  }

  private static void check(List<String> texts) {
    for (String s : texts) {
      assertThat(parsed(s, false)).as(s).isEqualTo(expected(s, false));
      String c = s.replace('.', ',');
      assertThat(parsed(c, true)).as(c + " (decimal comma)").isEqualTo(expected(c, true));
      assertThat(parsed(s, true)).as(s + " (decimal comma allowed)").isEqualTo(expected(s, true));
    }
  }

  @Test
  void randomDoublesWithAnyNumberOfDigitsConvertExactly() {
    SplittableRandom r = new SplittableRandom(3);
    List<String> texts = new ArrayList<>();
    for (int k = 0; k < 20_000; k++) {
      double x = switch (k % 4) {
        case 0 -> Double.longBitsToDouble(r.nextLong()); // any magnitude, subnormals included
        case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(60) - 30);
        case 2 -> Double.longBitsToDouble(r.nextLong(0x0010_0000_0000_0000L)); // subnormal
        default -> (r.nextInt(2_000_001) - 1_000_000) / Math.pow(10, r.nextInt(12));
      };
      if (!Double.isFinite(x)) continue;
      int digits = k % 50 == 0 ? 19 + r.nextInt(7) : 15 + r.nextInt(4); // 15–18 mostly, the rest 19–25
      if (k % 7 == 0) digits = 1 + r.nextInt(14);
      texts.add(String.format(Locale.ROOT, "%." + (digits - 1) + "e", x));
      texts.add(Double.toString(x));
      if (Math.abs(x) > 1e-30 && Math.abs(x) < 1e30) texts.add(new BigDecimal(String.format(Locale.ROOT, "%." + (digits - 1) + "e", x)).toPlainString());
    }
    check(texts);
  }

  @Test
  void halfwayPointsAndTheirNeighboursRoundToEven() {
    SplittableRandom r = new SplittableRandom(5);
    List<String> texts = new ArrayList<>();
    for (int k = 0; k < 3_000; k++) {
      double x = k % 3 == 0 ? Double.longBitsToDouble(r.nextLong(0x0010_0000_0000_0000L)) : Math.abs(Double.longBitsToDouble(r.nextLong()));
      if (!Double.isFinite(x) || !Double.isFinite(Math.nextUp(x))) continue;
      BigDecimal mid = new BigDecimal(x).add(new BigDecimal(Math.nextUp(x))).divide(BigDecimal.valueOf(2)); // exact
      String m = mid.toString();
      texts.add(m);
      texts.add(mid.toPlainString().length() < 2_000 ? mid.toPlainString() : m);
      String e = m.contains("E") ? m.substring(m.indexOf('E')) : "";
      String mant = m.contains("E") ? m.substring(0, m.indexOf('E')) : m;
      if (!mant.contains(".")) mant += ".";
      texts.add(mant + "0000000001" + e); // just above
      texts.add(mid.subtract(mid.ulp()).toString()); // just below
    }
    check(texts);
  }

  @Test
  void boundariesOverflowUnderflowAndLongTexts() {
    List<String> texts = new ArrayList<>(List.of("0", "-0", "+0", "0.0", "-0.000000000000000000000000000000", "0e999999999999",
        "-0e-99999", "1", "-1", "+1", ".5", "5.", "-.5", "+5.", "007", "1e22", "1e23", "9007199254740993", "9007199254740992.5",
        "123456789012345678", "1234567890123456789", "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
        "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014E-308", "1.7976931348623157e308",
        "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "-1e309", "1e-400", "-1e-400", "1e99999999999999999999",
        "1e-99999999999999999999", "0.1", "0.2", "0.3", "1.0000000000000002", "0.30000000000000004", "3.141592653589793238462643383279"));
    texts.add("1" + "0".repeat(400));
    texts.add("0." + "0".repeat(330) + "1");
    texts.add("9".repeat(800) + "e-800");
    texts.add("1." + "5".repeat(1_000) + "e-5");
    check(texts);
  }

  @Test
  void textsThatAreNotNumbersStayNaN() {
    check(List.of("", " ", "+", "-", ".", "e5", "1e", "1e+", "1e-", "--1", "+-1", "1..5", "1.5.", "1,5,", "1,,5", "1.5,",
        "0x1p3", "NaN", "Infinity", "-Infinity", "1d", "1f", "1 5", "1_000", "１", "1e5.5", "e", "abc", "1,5.5", ",5", "5,"));
  }
}
