package org.distinct.report;

import java.util.Locale;
import java.util.Objects;

/**
 * How a number is shown in human-readable outputs (Markdown, HTML): {@code value × scale} with a fixed number
 * of decimals, or a number of significant digits (locale-independent, '.' as decimal point), optionally with an
 * explicit '+' sign, followed by a suffix. Machine-readable outputs (CSV, JSON) always carry the raw value.
 *
 * @param decimals digits after the decimal point, 0–12 (significant digits, 1–12, when {@code significant})
 * @param scale factor applied before formatting (100 for percentages)
 * @param suffix text appended, e.g. {@code " %"} or {@code " ms"} (may be empty)
 * @param significant {@code decimals} counts significant digits ({@code %g}-style) instead of decimals
 * @param signed positive values get a '+' sign (for differences)
 */
public record Format(int decimals, double scale, String suffix, boolean significant, boolean signed) {

  /** Checks the ranges. */
  public Format {
    if (decimals < 0 || decimals > 12) throw new IllegalArgumentException("decimals must be in 0..12, got " + decimals);
    if (significant && decimals < 1) throw new IllegalArgumentException("need at least 1 significant digit");
    if (!Double.isFinite(scale) || scale == 0) throw new IllegalArgumentException("scale must be finite and non-zero");
    Objects.requireNonNull(suffix, "suffix");
  }

  /**
   * A fixed-decimals format without sign.
   *
   * @param decimals digits after the decimal point, 0–12
   * @param scale factor applied before formatting
   * @param suffix text appended
   */
  public Format(int decimals, double scale, String suffix) {
    this(decimals, scale, suffix, false, false);
  }

  /**
   * @param digits significant digits, 1–12
   * @param unit the unit shown after a space, or empty for none
   * @return a format with that many significant digits, e.g. {@code 0.01234 -> "0.0123"} for 3 digits, and
   *     scientific notation below 1e-4 ({@code "1.20e-07"})
   */
  public static Format significant(int digits, String unit) {
    return new Format(digits, 1, unit.isEmpty() ? "" : " " + unit, true, false);
  }

  /**
   * @return this format with an explicit '+' on positive values (for differences)
   */
  public Format withSign() {
    return new Format(decimals, scale, suffix, significant, true);
  }

  /**
   * @param value the raw value
   * @return the text shown without the suffix (non-finite values as {@code NaN}, {@code ∞}, {@code -∞})
   */
  public String formatNumber(double value) {
    if (Double.isNaN(value)) return "NaN";
    if (Double.isInfinite(value)) return value > 0 ? "∞" : "-∞";
    double v = value * scale;
    String s;
    if (significant) {
      s = v == 0 ? "0" : String.format(Locale.ROOT, "%." + decimals + "g", v);
      if (s.contains("e")) s = s.replaceAll("e([+-])0*(\\d)", "e$1$2").replace("e+", "e");
    } else {
      s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
    if (s.startsWith("-") && s.matches("-0(\\.0*)?")) s = s.substring(1); // no "-0.000"
    if (signed && !s.startsWith("-") && !s.matches("0(\\.0*)?")) s = "+" + s;
    return s;
  }

  /** @return three decimals, no scale, no suffix */
  public static Format defaults() {
    return decimals(3);
  }

  /**
   * @param decimals digits after the decimal point
   * @return a plain number format
   */
  public static Format decimals(int decimals) {
    return new Format(decimals, 1, "");
  }

  /**
   * @param decimals digits after the decimal point of the percentage
   * @return a format showing a fraction as a percentage ({@code 0.4 -> "40.00 %"} for 2 decimals)
   */
  public static Format percent(int decimals) {
    return new Format(decimals, 100, " %");
  }

  /**
   * @param decimals digits after the decimal point
   * @param unit the unit, shown after a space (e.g. "ms")
   * @return a number format with a unit
   */
  public static Format unit(int decimals, String unit) {
    return new Format(decimals, 1, " " + unit);
  }

  /**
   * @param value the raw value
   * @return the text shown; non-finite values as {@code NaN}, {@code ∞} or {@code -∞} without suffix
   */
  public String format(double value) {
    if (!Double.isFinite(value)) return formatNumber(value);
    return formatNumber(value) + suffix;
  }
}
