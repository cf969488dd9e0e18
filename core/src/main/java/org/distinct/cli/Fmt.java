package org.distinct.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.distinct.eval.ClassificationMetrics;

/** Number formatting, plain-text tables and the printing every command shares (one helper, so that no command calls another's). */
final class Fmt {
  private Fmt() {}

  /**
   * @param v a number
   * @return the number in a short general form: integers without decimals, others with 6 significant digits
   */
  static String g(double v) {
    if (Double.isNaN(v)) return "n/a";
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
    String s = String.format(Locale.ROOT, "%.6g", v);
    if (s.contains("e") || s.contains("E")) return s;
    if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    return s;
  }

  /**
   * Prints loss, accuracy and the macro metrics in one line, then the confusion matrix with the per-class metrics.
   *
   * @param out where to print
   * @param title the line's title
   * @param m the metrics
   * @param classNames the class names in label order
   */
  static void metrics(PrintWriter out, String title, ClassificationMetrics m, List<String> classNames) {
    out.println(title + ": loss " + num(m.loss(), 4) + ", accuracy " + pct(m.accuracy()) + ", macro precision "
        + num(m.macroPrecision(), 3) + ", recall " + num(m.macroRecall(), 3) + ", specificity "
        + num(m.macroSpecificity(), 3) + ", F1 " + num(m.macroF1(), 3));
    List<List<String>> rows = new ArrayList<>();
    for (int c = 0; c < m.numClasses(); c++) {
      List<String> row = new ArrayList<>();
      row.add(classNames.get(c));
      for (int p = 0; p < m.numClasses(); p++) row.add(String.valueOf(m.confusion()[c][p]));
      row.add(num(m.precision()[c], 3));
      row.add(num(m.recall()[c], 3));
      row.add(num(m.specificity()[c], 3));
      row.add(num(m.f1()[c], 3));
      rows.add(row);
    }
    List<String> header = new ArrayList<>();
    header.add("true \\ predicted");
    header.addAll(classNames);
    header.addAll(List.of("precision", "recall", "specificity", "F1"));
    out.print(table(header, rows));
    for (String w : m.warnings()) out.println("warning: " + w);
  }

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
