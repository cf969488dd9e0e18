package org.distinct.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distinct.BadInputException;

/** The long and UCR layouts of {@link SeriesLoader} (see there for the rules). */
final class SeriesLayouts {
  private SeriesLayouts() {}

  /** A growable list of row indices. */
  private static final class Rows {
    int[] r = new int[8];
    int n;

    void add(int i) {
      if (n == r.length) r = Arrays.copyOf(r, n * 2);
      r[n++] = i;
    }
  }

  static SequenceDataset fromLong(Table t, SeriesOptions o) {
    String src = t.source();
    SeriesOptions.LongColumns lc = o.longColumns();
    int sc = t.requireColumn(lc.sequence(), "sequence column");
    int yc = t.requireColumn(lc.label(), "label column");
    int gc = optional(t, lc.group(), "group", "group column");
    int tc = optional(t, lc.time(), o.timeColumn(), "time column");
    List<Integer> channels = new ArrayList<>();
    List<String> channelNames = new ArrayList<>();
    for (int c = 0; c < t.cols(); c++)
      if (c != sc && c != yc && c != gc && c != tc) {
        channels.add(c);
        channelNames.add(t.columnNames().get(c));
      }
    if (channels.isEmpty())
      throw BadInputException.at(src, 0, null, "long layout: no channel columns besides '" + t.columnNames().get(sc) + "' and '"
          + t.columnNames().get(yc) + "'");
    Map<String, Rows> bySeq = new LinkedHashMap<>();
    for (int r = 0; r < t.rows(); r++) {
      if (t.isEmpty(r, sc)) throw BadInputException.at(src, t.rowNumber(r), t.columnNames().get(sc), "empty sequence id");
      bySeq.computeIfAbsent(t.text(r, sc), k -> new Rows()).add(r);
    }
    List<String> classes = new ArrayList<>();
    int[] rowLabel = FeatureTableLoader.labels(t, yc, classes);
    if (classes.size() < 2)
      throw BadInputException.at(src, 0, t.columnNames().get(yc), "only one class ('" + classes.get(0) + "'); at least two are needed");
    int[] rowGroup = gc >= 0 ? FeatureTableLoader.participants(t, gc) : null;
    int m = channels.size();
    int[] ch = new int[m];
    for (int j = 0; j < m; j++) ch[j] = channels.get(j);
    List<double[]> series = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    int[] labels = new int[bySeq.size()], groups = new int[bySeq.size()];
    int s = 0;
    for (Map.Entry<String, Rows> e : bySeq.entrySet()) {
      int[] rows = Arrays.copyOf(e.getValue().r, e.getValue().n);
      if (tc >= 0) rows = byTime(t, tc, rows, e.getKey());
      labels[s] = same(t, yc, rowLabel, rows, e.getKey(), "label");
      groups[s] = rowGroup == null ? s : same(t, gc, rowGroup, rows, e.getKey(), "group");
      if (rows.length < o.minLength())
        throw BadInputException.at(src, 0, null, "sequence '" + e.getKey() + "' has " + rows.length + " time steps, shorter than the minimum "
            + o.minLength() + " (e.g. the filter window)");
      double[] v = new double[rows.length * m];
      for (int i = 0; i < rows.length; i++) for (int j = 0; j < m; j++) v[i * m + j] = t.number(rows[i], ch[j]);
      series.add(v);
      ids.add(e.getKey());
      s++;
    }
    return new SequenceDataset(src, series, m, labels, groups, ids, classes, SeriesOptions.Layout.LONG, rowGroup != null);
  }

  /** @return the column index: the named one (must exist), none for {@code "none"}, or the default name if present */
  private static int optional(Table t, String name, String dflt, String role) {
    if (name == null) return t.columnIndex(dflt);
    if (name.equalsIgnoreCase("none")) return -1;
    return t.requireColumn(name, role);
  }

  /** Sorts the rows of one sequence by the time column (stable); equal times are refused. */
  private static int[] byTime(Table t, int tc, int[] rows, String id) {
    Integer[] order = new Integer[rows.length];
    double[] time = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      order[i] = i;
      time[i] = t.number(rows[i], tc);
    }
    Arrays.sort(order, (a, b) -> Double.compare(time[a], time[b]));
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[order[i]];
      if (i > 0 && time[order[i]] == time[order[i - 1]])
        throw BadInputException.at(t.source(), t.rowNumber(out[i]), t.columnNames().get(tc), "sequence '" + id + "': time "
            + Table.canonical(time[order[i]]) + " occurs twice (also on row " + t.rowNumber(out[i - 1]) + ")");
    }
    return out;
  }

  /** @return the value shared by all rows of a sequence; a row that differs is refused */
  private static int same(Table t, int c, int[] perRow, int[] rows, String id, String what) {
    int v = perRow[rows[0]];
    for (int r : rows)
      if (perRow[r] != v)
        throw BadInputException.at(t.source(), t.rowNumber(r), t.columnNames().get(c), "sequence '" + id + "' changes its " + what + " from '"
            + t.text(rows[0], c) + "' (row " + t.rowNumber(rows[0]) + ") to '" + t.text(r, c) + "'");
    return v;
  }

  static SequenceDataset fromUcr(Table t, SeriesOptions o) {
    String src = t.source();
    if (t.cols() < 2) throw BadInputException.at(src, 0, null, "UCR layout: a row needs a label and at least one value");
    List<String> classes = new ArrayList<>();
    int[] labels = FeatureTableLoader.labels(t, 0, classes);
    if (classes.size() < 2) throw BadInputException.at(src, 0, null, "UCR layout: only one class ('" + classes.get(0) + "'); at least two are needed");
    int n = t.rows();
    List<double[]> series = new ArrayList<>(n);
    List<String> ids = new ArrayList<>(n);
    int[] groups = new int[n];
    double[] buf = new double[t.cols() - 1];
    for (int r = 0; r < n; r++) {
      int len = 0;
      boolean ended = false;
      for (int c = 1; c < t.cols(); c++) {
        boolean end = t.isEmpty(r, c) || (t.kind(r, c) == Table.CellKind.TEXT && t.text(r, c).equalsIgnoreCase("nan"));
        if (end) {
          ended = true;
          continue;
        }
        if (ended)
          throw BadInputException.at(src, t.rowNumber(r), "value " + c, "a value after the NaN or empty cell that ended the sequence");
        if (t.kind(r, c) != Table.CellKind.NUMBER) throw BadInputException.at(src, t.rowNumber(r), "value " + c, t.cellProblem(r, c));
        buf[len++] = t.number(r, c);
      }
      if (len < o.minLength())
        throw BadInputException.at(src, t.rowNumber(r), null, "UCR layout: the sequence has " + len + " values, shorter than the minimum "
            + o.minLength() + " (e.g. the filter window)");
      series.add(Arrays.copyOf(buf, len));
      ids.add(Integer.toString(t.rowNumber(r)));
      groups[r] = r;
    }
    return new SequenceDataset(src, series, 1, labels, groups, ids, classes, SeriesOptions.Layout.UCR, false);
  }
}
