package org.distinct.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.distinct.BadInputException;

/**
 * Turns a feature table (one row per pattern: a participant column, a label column, numeric feature columns)
 * into a {@link Dataset}.
 *
 * <p>Rules:
 * <ul>
 *   <li>Features are all columns except the participant column, the label column, {@code dropColumns} and
 *       (with {@code dropFlagged}) the columns flagged {@link ColumnFlag#CONSTANT} or {@link ColumnFlag#COPY}.
 *       Every feature cell must be a finite number; the first one that is not is reported by row and column.
 *   <li>Labels: if every label cell is a number, classes are the distinct numeric values in increasing order
 *       ({@code 1} and {@code 1.0} are the same class, named {@code 1}); otherwise the distinct trimmed texts
 *       in {@link String#compareTo} order. Class i gets {@code classNames[i]} if class names are given.
 *   <li>Participants: integer-valued numbers are used as the group ids; otherwise the distinct texts are
 *       numbered 1, 2, … in sorted text order.
 *   <li>Refused: a missing participant or label column (available columns listed), an empty label or
 *       participant cell, a label column with one class, more class names than rows, fewer than 2 rows per
 *       class on average (more than {@code rows/2} classes: not a class label), a class-name count that does
 *       not match, no feature column left.
 * </ul>
 */
public final class FeatureTableLoader {
  private FeatureTableLoader() {}

  /**
   * A loaded dataset with what was left out.
   *
   * @param data the dataset
   * @param dropped the feature columns that were dropped, with the reason
   */
  public record Loaded(Dataset data, List<Dropped> dropped) {
    /** Copies the list. */
    public Loaded {
      dropped = List.copyOf(dropped);
    }
  }

  /**
   * A column left out of the features.
   *
   * @param column unique column name
   * @param reason {@code "asked"}, {@code "constant"} or {@code "copy of NAME"}
   */
  public record Dropped(String column, String reason) {}

  /**
   * Reads a file and loads it.
   *
   * @param file xlsx or CSV file
   * @param options columns and classes
   * @return the dataset
   * @throws BadInputException on any problem with the file or the options
   */
  public static Dataset load(Path file, FeatureTableOptions options) {
    return load(TableReader.read(file), options);
  }

  /**
   * Loads a table.
   *
   * @param table the table
   * @param options columns and classes
   * @return the dataset
   * @throws BadInputException on any problem with the table or the options
   */
  public static Dataset load(Table table, FeatureTableOptions options) {
    return loadDetailed(table, options).data();
  }

  /**
   * Loads a table and says which columns were dropped.
   *
   * @param table the table
   * @param options columns and classes
   * @return the dataset and the dropped columns
   * @throws BadInputException on any problem with the table or the options
   */
  public static Loaded loadDetailed(Table table, FeatureTableOptions options) {
    String src = table.source();
    int pc = table.requireColumn(options.participantColumn(), "participant column");
    int lc = table.requireColumn(options.labelColumn(), "label column");
    int n = table.rows();
    int m = table.cols();
    boolean[] drop = new boolean[m];
    drop[pc] = true;
    drop[lc] = true;
    List<Dropped> dropped = new ArrayList<>();
    for (String d : options.dropColumns()) {
      int c = table.requireColumn(d, "column to drop");
      if (c == pc || c == lc) throw BadInputException.at(src, 0, table.columnNames().get(c), "cannot drop the participant or label column");
      if (!drop[c]) dropped.add(new Dropped(table.columnNames().get(c), "asked"));
      drop[c] = true;
    }
    if (options.dropFlagged()) {
      InspectionReport report = TableInspector.inspect(table);
      for (int c = 0; c < m; c++) {
        if (drop[c]) continue;
        InspectionReport.ColumnSummary s = report.columns().get(c);
        if (s.has(ColumnFlag.CONSTANT)) {
          drop[c] = true;
          dropped.add(new Dropped(s.name(), "constant"));
        } else if (s.has(ColumnFlag.COPY)) {
          drop[c] = true;
          dropped.add(new Dropped(s.name(), "copy of " + s.copyOf()));
        }
      }
    }
    List<Integer> feat = new ArrayList<>();
    for (int c = 0; c < m; c++) if (!drop[c]) feat.add(c);
    if (feat.isEmpty()) throw BadInputException.at(src, 0, null, "no feature columns left besides the participant and label columns");
    int d = feat.size();
    double[] x = new double[n * d];
    for (int r = 0; r < n; r++) for (int j = 0; j < d; j++) x[r * d + j] = table.number(r, feat.get(j));
    List<String> names = new ArrayList<>(d);
    for (int c : feat) names.add(table.columnNames().get(c));
    int[] groups = participants(table, pc);
    List<String> classes = new ArrayList<>();
    int[] labels = labels(table, lc, classes);
    String labelName = table.columnNames().get(lc);
    List<String> given = options.classNames();
    if (given.size() > n)
      throw BadInputException.at(src, 0, labelName, "more classes (" + given.size() + " class names) than rows (" + n + ")");
    if (classes.size() == 1)
      throw BadInputException.at(src, 0, labelName, "only one class ('" + classes.get(0) + "'); at least two are needed");
    if (classes.size() * 2 > n)
      throw BadInputException.at(src, 0, labelName, "more classes than rows allow: " + classes.size() + " distinct labels in "
          + n + " rows (fewer than 2 rows per class); is this the label column?");
    if (!given.isEmpty()) {
      if (given.size() != classes.size())
        throw BadInputException.at(src, 0, labelName, "class names give " + given.size() + " names (" + String.join(", ", given)
            + ") but the column has " + classes.size() + " classes (" + String.join(", ", classes) + ")");
      classes = given;
    }
    return new Loaded(new Dataset(src, x, n, d, labels, groups, names, classes), dropped);
  }

  private static int[] participants(Table t, int pc) {
    int n = t.rows();
    int[] g = new int[n];
    boolean numeric = true;
    for (int r = 0; r < n; r++) {
      if (t.isEmpty(r, pc)) throw BadInputException.at(t.source(), t.rowNumber(r), t.columnNames().get(pc), "empty participant id");
      double v = t.numberOrNaN(r, pc);
      if (Double.isNaN(v) || v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
        numeric = false;
        break;
      }
      g[r] = (int) v;
    }
    if (numeric) return g;
    TreeSet<String> ids = new TreeSet<>();
    for (int r = 0; r < n; r++) ids.add(t.text(r, pc));
    Map<String, Integer> index = new HashMap<>();
    int k = 1;
    for (String s : ids) index.put(s, k++);
    for (int r = 0; r < n; r++) g[r] = index.get(t.text(r, pc));
    return g;
  }

  private static int[] labels(Table t, int lc, List<String> classNamesOut) {
    int n = t.rows();
    boolean numeric = true;
    for (int r = 0; r < n; r++) {
      if (t.isEmpty(r, lc)) throw BadInputException.at(t.source(), t.rowNumber(r), t.columnNames().get(lc), "empty label");
      if (Double.isNaN(t.numberOrNaN(r, lc))) numeric = false;
    }
    int[] y = new int[n];
    if (numeric) {
      TreeMap<Double, Integer> map = new TreeMap<>();
      for (int r = 0; r < n; r++) map.put(t.numberOrNaN(r, lc) + 0.0, 0);
      int k = 0;
      for (Map.Entry<Double, Integer> e : map.entrySet()) {
        e.setValue(k++);
        classNamesOut.add(numberName(e.getKey()));
      }
      for (int r = 0; r < n; r++) y[r] = map.get(t.numberOrNaN(r, lc) + 0.0);
    } else {
      TreeMap<String, Integer> map = new TreeMap<>();
      for (int r = 0; r < n; r++) map.put(t.text(r, lc), 0);
      int k = 0;
      for (Map.Entry<String, Integer> e : map.entrySet()) {
        e.setValue(k++);
        classNamesOut.add(e.getKey());
      }
      for (int r = 0; r < n; r++) y[r] = map.get(t.text(r, lc));
    }
    return y;
  }

  /** @return {@code 3} for 3.0, {@code 0.5} for 0.5 */
  static String numberName(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return Double.toString(v);
  }
}
