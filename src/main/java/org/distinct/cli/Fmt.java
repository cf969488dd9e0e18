package org.distinct.cli;

import java.util.List;
import java.util.Locale;

/** Number formatting and plain-text tables for terminal output. */
final class Fmt {
  private Fmt() {}

  /** @return {@code v} with {@code d} decimals, "n/a" for NaN */
  static String num(double v, int d) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + d + "f", v);
  }

  /** @return a fraction as a percentage with 2 decimals, e.g. "41.25 %" */
  static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * v);
  }

  /** @return "mean ± sd" */
  static String meanSd(double mean, double sd, int d) {
    return num(mean, d) + " ± " + num(sd, d);
  }

  /** @return "mean ± sd" of fractions as percentages */
  static String pctSd(double mean, double sd) {
    return String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * mean, 100 * sd);
  }

  /** @return the mean of {@code v} */
  static double mean(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  /** @return the sample standard deviation of {@code v} (0 for one value) */
  static double sd(double[] v) {
    if (v.length < 2) return v.length == 1 ? 0 : Double.NaN;
    double m = mean(v);
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return Math.sqrt(s / (v.length - 1));
  }

  /**
   * Renders an aligned plain-text table.
   *
   * @param header column titles
   * @param rows cells per row
   * @return the table with a rule under the header
   */
  static String table(List<String> header, List<List<String>> rows) {
    int[] w = new int[header.size()];
    for (int c = 0; c < w.length; c++) w[c] = header.get(c).length();
    for (List<String> r : rows) for (int c = 0; c < w.length && c < r.size(); c++) w[c] = Math.max(w[c], r.get(c).length());
    StringBuilder sb = new StringBuilder();
    appendRow(sb, header, w);
    for (int c = 0; c < w.length; c++) sb.append(c == 0 ? "" : "  ").append("-".repeat(w[c]));
    sb.append('\n');
    for (List<String> r : rows) appendRow(sb, r, w);
    return sb.toString();
  }

  private static void appendRow(StringBuilder sb, List<String> cells, int[] w) {
    for (int c = 0; c < w.length; c++) {
      String v = c < cells.size() ? cells.get(c) : "";
      if (c > 0) sb.append("  ");
      sb.append(c == 0 ? pad(v, w[c]) : padLeft(v, w[c]));
    }
    sb.append('\n');
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(Math.max(0, w - s.length()));
  }

  private static String padLeft(String s, int w) {
    return " ".repeat(Math.max(0, w - s.length())) + s;
  }
}
