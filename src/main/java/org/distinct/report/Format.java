package org.distinct.report;

import java.util.Locale;
import java.util.Objects;

/**
 * How a number is shown in human-readable outputs (Markdown, HTML): {@code value × scale} with a fixed number
 * of decimals (locale-independent, '.' as decimal point) followed by a suffix. Machine-readable outputs (CSV,
 * JSON) always carry the raw value.
 *
 * @param decimals digits after the decimal point, 0–12
 * @param scale factor applied before formatting (100 for percentages)
 * @param suffix text appended, e.g. {@code " %"} or {@code " ms"} (may be empty)
 */
public record Format(int decimals, double scale, String suffix) {

  /** Checks the ranges. */
  public Format {
    if (decimals < 0 || decimals > 12) throw new IllegalArgumentException("decimals must be in 0..12, got " + decimals);
    if (!Double.isFinite(scale) || scale == 0) throw new IllegalArgumentException("scale must be finite and non-zero");
    Objects.requireNonNull(suffix, "suffix");
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
    if (Double.isNaN(value)) return "NaN";
    if (Double.isInfinite(value)) return value > 0 ? "∞" : "-∞";
    String s = String.format(Locale.ROOT, "%." + decimals + "f", value * scale);
    if (s.startsWith("-") && s.matches("-0(\\.0*)?")) s = s.substring(1); // no "-0.000"
    return s + suffix;
  }
}
