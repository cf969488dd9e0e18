package org.distinct.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Summarizes and flags the columns of a {@link Table} (the {@code distinct inspect} report).
 *
 * <p>Statistics use the finite numeric cells of a column only. Flags, exactly:
 * <ul>
 *   <li>{@link ColumnFlag#CONSTANT}: at least one finite value and all finite values equal.
 *   <li>{@link ColumnFlag#DUPLICATE_NAME}: the original header name occurs more than once (trimmed,
 *       case-insensitive); every such column is flagged.
 *   <li>{@link ColumnFlag#COPY}: every cell equals the same cell of an earlier column (numeric cells compared
 *       as numbers, other cells as text, empty equals empty); {@code copyOf} names the first such column.
 *   <li>{@link ColumnFlag#SENTINEL}: sort the magnitudes {@code |x|} of the n finite values in decreasing
 *       order, {@code a(1) ≥ a(2) ≥ … ≥ a(n)}. Take the largest k with {@code 1 ≤ k ≤ ⌊n/10⌋} and
 *       {@code n − k ≥ 10} such that {@code a(k) > 100 · a(k+1)} and {@code a(k+1) > 0}. If there is such a
 *       k, the values with magnitude {@code ≥ a(k)} are sentinel-like: there is a gap of more than a factor
 *       100 between them and everything else (65535 in a column otherwise below 40 qualifies; a smooth heavy
 *       tail such as 0.3 … 7000 has no such gap and does not). Their rows are listed.
 *   <li>{@link ColumnFlag#ZERO_ROWS}: some finite values are exactly 0, all other finite values are
 *       {@code > 0}, and the zeros are fewer than the positive values. Their rows are listed.
 *   <li>{@link ColumnFlag#BAD_CELLS}: some cells are empty, non-numeric or not finite, and at least one cell
 *       is a number; each such cell is listed in the report (up to {@link #MAX_LISTED_CELLS}).
 *   <li>{@link ColumnFlag#TEXT}: no cell is a finite number (cells are not listed).
 * </ul>
 * The report also names the group column the loader would use by default, lists the categories of every text
 * column (most frequent first) and counts the missing cells ({@link FeatureTableLoader#isMissing}) per column.
 */
public final class TableInspector {
  /** At most this many bad cells are listed in a report (all are counted). */
  public static final int MAX_LISTED_CELLS = 200;
  /** At most this many categories (and rows with missing cells) are listed per column. */
  public static final int LISTED_LEVELS = 10;
  /** The gap factor of the sentinel rule. */
  public static final double SENTINEL_GAP = 100.0;

  private TableInspector() {}

  /**
   * Inspects every column of a table.
   *
   * @param table the table (Not modified)
   * @return the report
   */
  public static InspectionReport inspect(Table table) {
    Scan scan = Scan.of(table);
    int m = table.cols();
    List<InspectionReport.BadCell> bad = new ArrayList<>();
    int badTotal = listBadCells(scan, bad);
    List<InspectionReport.ColumnSummary> cols = new ArrayList<>(m);
    for (int c = 0; c < m; c++) cols.add(summary(scan, c));
    int g = table.columnIndex(FeatureTableOptions.DEFAULT_GROUP_COLUMN);
    return new InspectionReport(table.source(), table.headerRow(), table.rows(), cols, bad, badTotal,
        g < 0 ? null : table.columnNames().get(g), categories(table, scan.isText()), missing(table));
  }

  /**
   * What one pass over a table gives every column summary.
   *
   * @param table the table
   * @param vals the cells as numbers, NaN where not a finite number {@code [cols × rows]}
   * @param isText per column: no cell is a finite number {@code [cols]}
   * @param badPerCol per column: cells that are not finite numbers, 0 for text columns {@code [cols]}
   * @param nameCount how often each original name occurs (lower-cased)
   */
  private record Scan(Table table, double[][] vals, boolean[] isText, int[] badPerCol, Map<String, Integer> nameCount) {
    static Scan of(Table table) {
      int n = table.rows();
      int m = table.cols();
      Map<String, Integer> nameCount = new HashMap<>();
      for (String s : table.originalNames()) nameCount.merge(s.toLowerCase(Locale.ROOT), 1, Integer::sum);
      double[][] vals = new double[m][n];
      for (int c = 0; c < m; c++) for (int r = 0; r < n; r++) vals[c][r] = table.numberOrNaN(r, c);
      boolean[] isText = new boolean[m];
      int[] badPerCol = new int[m];
      for (int c = 0; c < m; c++) {
        int finite = 0;
        for (int r = 0; r < n; r++) if (!Double.isNaN(vals[c][r])) finite++;
        isText[c] = finite == 0;
        if (!isText[c]) badPerCol[c] = n - finite;
      }
      return new Scan(table, vals, isText, badPerCol, nameCount);
    }
  }

  /** Lists (up to {@link #MAX_LISTED_CELLS}, row by row) the bad cells of the non-text columns into {@code bad} (Modified); returns how many there are. */
  private static int listBadCells(Scan scan, List<InspectionReport.BadCell> bad) {
    Table table = scan.table();
    int badTotal = 0;
    for (int r = 0; r < table.rows(); r++)
      for (int c = 0; c < table.cols(); c++) {
        if (scan.isText()[c] || !Double.isNaN(scan.vals()[c][r])) continue;
        badTotal++;
        if (bad.size() < MAX_LISTED_CELLS)
          bad.add(new InspectionReport.BadCell(table.rowNumber(r), table.columnNames().get(c), table.cellProblem(r, c)));
      }
    return badTotal;
  }

  /** The summary of column {@code c}: statistics, then the flags in the order of the class comment. */
  private static InspectionReport.ColumnSummary summary(Scan scan, int c) {
    Table table = scan.table();
    double[] v = scan.vals()[c];
    double[] fin = finiteValues(v);
    Stats st = Stats.of(fin);
    List<ColumnFlag> flags = new ArrayList<>();
    if (st.count() > 0 && st.distinct() == 1) flags.add(ColumnFlag.CONSTANT);
    String orig = table.originalNames().get(c);
    if (scan.nameCount().get(orig.toLowerCase(Locale.ROOT)) > 1) flags.add(ColumnFlag.DUPLICATE_NAME);
    String copyOf = copyOf(scan, c);
    if (copyOf != null) flags.add(ColumnFlag.COPY);
    List<Integer> sentRows = new ArrayList<>();
    List<Double> sentVals = new ArrayList<>();
    if (sentinels(table, v, fin, sentRows, sentVals)) flags.add(ColumnFlag.SENTINEL);
    List<Integer> zeroRows = new ArrayList<>();
    if (zeroRows(table, v, fin, zeroRows)) flags.add(ColumnFlag.ZERO_ROWS);
    boolean text = scan.isText()[c];
    if (text) flags.add(ColumnFlag.TEXT);
    else if (scan.badPerCol()[c] > 0) flags.add(ColumnFlag.BAD_CELLS);
    return new InspectionReport.ColumnSummary(table.columnNames().get(c), orig, st.count(), st.min(), st.max(), st.mean(), st.sd(),
        st.distinct(), flags, copyOf, sentRows, sentVals, zeroRows, text ? table.rows() : scan.badPerCol()[c]);
  }

  /**
   * Statistics of the finite values of a column (NaN and 0 distinct when there are none).
   *
   * @param count number of finite values
   * @param min smallest
   * @param max largest
   * @param mean mean (summed in row order)
   * @param sd sample standard deviation (0 for one value)
   * @param distinct number of distinct values
   */
  private record Stats(int count, double min, double max, double mean, double sd, int distinct) {
    static Stats of(double[] fin) {
      int count = fin.length;
      if (count == 0) return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
      double[] sorted = fin.clone();
      Arrays.sort(sorted);
      int distinct = 1;
      for (int i = 1; i < count; i++) if (sorted[i] != sorted[i - 1]) distinct++;
      double s = 0;
      for (double x : fin) s += x;
      double mean = s / count;
      double ss = 0;
      for (double x : fin) ss += (x - mean) * (x - mean);
      double sd = count > 1 ? Math.sqrt(ss / (count - 1)) : 0.0;
      return new Stats(count, sorted[0], sorted[count - 1], mean, sd, distinct);
    }
  }

  /** @return the name of the first earlier column that column {@code c} copies, or null */
  private static String copyOf(Scan scan, int c) {
    for (int e = 0; e < c; e++) if (sameColumn(scan.table(), scan.vals(), e, c)) return scan.table().columnNames().get(e);
    return null;
  }

  /**
   * Applies the sentinel rule to a column and lists the sentinel-like cells.
   *
   * @param v the column's values, NaN where not a number (Not modified)
   * @param fin its finite values (Not modified)
   * @param rows row numbers of the sentinel-like cells (Modified: appended)
   * @param values their values (Modified: appended)
   * @return whether the column has sentinel-like values
   */
  private static boolean sentinels(Table table, double[] v, double[] fin, List<Integer> rows, List<Double> values) {
    double threshold = sentinelThreshold(fin);
    if (Double.isNaN(threshold)) return false;
    for (int r = 0; r < v.length; r++)
      if (!Double.isNaN(v[r]) && Math.abs(v[r]) >= threshold) {
        rows.add(table.rowNumber(r));
        values.add(v[r]);
      }
    return true;
  }

  /**
   * Applies the zero-rows rule to a column and lists the rows of its exact zeros.
   *
   * @param v the column's values, NaN where not a number (Not modified)
   * @param fin its finite values (Not modified)
   * @param rows row numbers of the zeros (Modified: appended)
   * @return whether the column is flagged
   */
  private static boolean zeroRows(Table table, double[] v, double[] fin, List<Integer> rows) {
    int zeros = 0, pos = 0, neg = 0;
    for (double x : fin) {
      if (x == 0) zeros++;
      else if (x > 0) pos++;
      else neg++;
    }
    if (zeros == 0 || neg != 0 || zeros >= pos) return false;
    for (int r = 0; r < v.length; r++) if (v[r] == 0) rows.add(table.rowNumber(r));
    return true;
  }

  private static List<InspectionReport.Categories> categories(Table t, boolean[] isText) {
    List<InspectionReport.Categories> out = new ArrayList<>();
    for (int c = 0; c < t.cols(); c++) {
      if (!isText[c]) continue;
      Map<String, Integer> counts = new TreeMap<>();
      for (int r = 0; r < t.rows(); r++) if (!FeatureTableLoader.isMissing(t, r, c)) counts.merge(t.text(r, c), 1, Integer::sum);
      if (counts.isEmpty()) continue;
      List<Map.Entry<String, Integer>> e = new ArrayList<>(counts.entrySet());
      e.sort((a, b) -> b.getValue() - a.getValue()); // stable: ties stay in sorted order
      List<String> top = new ArrayList<>();
      List<Integer> k = new ArrayList<>();
      for (int i = 0; i < Math.min(LISTED_LEVELS, e.size()); i++) {
        top.add(e.get(i).getKey());
        k.add(e.get(i).getValue());
      }
      out.add(new InspectionReport.Categories(t.columnNames().get(c), counts.size(), top, k));
    }
    return out;
  }

  private static List<InspectionReport.Missing> missing(Table t) {
    List<InspectionReport.Missing> out = new ArrayList<>();
    for (int c = 0; c < t.cols(); c++) {
      int count = 0;
      List<Integer> rows = new ArrayList<>();
      for (int r = 0; r < t.rows(); r++)
        if (FeatureTableLoader.isMissing(t, r, c) && count++ < LISTED_LEVELS) rows.add(t.rowNumber(r));
      if (count > 0) out.add(new InspectionReport.Missing(t.columnNames().get(c), count, rows));
    }
    return out;
  }

  private static double[] finiteValues(double[] v) {
    int k = 0;
    for (double x : v) if (!Double.isNaN(x)) k++;
    double[] out = new double[k];
    k = 0;
    for (double x : v) if (!Double.isNaN(x)) out[k++] = x;
    return out;
  }

  private static boolean sameColumn(Table t, double[][] vals, int a, int b) {
    for (int r = 0; r < t.rows(); r++) {
      double x = vals[a][r], y = vals[b][r];
      if (Double.isNaN(x) != Double.isNaN(y)) return false;
      if (!Double.isNaN(x)) {
        if (x != y) return false;
      } else if (!Objects.equals(t.text(r, a), t.text(r, b))) return false;
    }
    return true;
  }

  /**
   * Applies the sentinel rule of the class comment.
   *
   * @param finite the finite values of a column (Not modified)
   * @return the magnitude from which values are sentinel-like ({@code a(k)}), or NaN if there are none
   */
  public static double sentinelThreshold(double[] finite) {
    int n = finite.length;
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = Math.abs(finite[i]);
    Arrays.sort(a); // ascending; a(k) in decreasing order is a[n - k]
    for (int k = n / 10; k >= 1; k--) {
      if (n - k < 10) continue;
      double ak = a[n - k];
      double next = a[n - k - 1];
      if (next > 0 && ak > SENTINEL_GAP * next) return ak;
    }
    return Double.NaN;
  }
}
