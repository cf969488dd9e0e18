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
 * Turns a feature table (one row per pattern: an optional group column, a label column, feature columns) into a
 * {@link Dataset} ({@link #load}: every feature a finite number) or a {@link FeatureFrame} ({@link #loadFrame}:
 * text columns as categories, missing cells kept, for {@link TableEncoder}).
 *
 * <p>Rules:
 * <ul>
 *   <li>Groups: the named group (participant) column, none ({@link FeatureTableOptions#NO_GROUPS}: every row is its
 *       own group, id = row index), or by default {@code subject no.} when the table has it and none otherwise.
 *       Integer-valued numbers are used as the group ids; otherwise the distinct texts are numbered 1, 2, … in
 *       sorted text order. A group column with a single group is refused (group-aware splits need two).
 *   <li>Features are all columns except the group column, the label column, {@code dropColumns} and (with
 *       {@code dropFlagged}) the columns flagged {@link ColumnFlag#CONSTANT} or {@link ColumnFlag#COPY}.
 *   <li>A feature column is <em>numeric</em> if every cell that is not missing is a finite number, and
 *       <em>categorical</em> if none is; a column mixing numbers and texts is refused at its first text cell, as are
 *       date cells and spreadsheet error values (row and column named). Missing cells: empty, {@code NA},
 *       {@code NaN}, {@code ?} (case-insensitive). {@link #load} refuses categorical columns and missing cells with
 *       a message pointing at {@link #loadFrame} and the encoder options.
 *   <li>Labels: if every label cell is a number, classes are the distinct numeric values in increasing order
 *       ({@code 1} and {@code 1.0} are the same class, named {@code 1}); otherwise the distinct trimmed texts
 *       in {@link String#compareTo} order. Class i gets {@code classNames[i]} if class names are given.
 *   <li>Refused: a missing group or label column (available columns listed), an empty label or group cell, a
 *       label column with one class, more class names than rows, fewer than 2 rows per class on average (more than
 *       {@code rows/2} classes: not a class label), a class-name count that does not match, no feature column left.
 * </ul>
 */
public final class FeatureTableLoader {
  private FeatureTableLoader() {}

  /**
   * A loaded dataset with what was left out.
   *
   * @param data the dataset
   * @param dropped the feature columns that were dropped, with the reason
   * @param groupColumn the group column used, or null when every row is its own group
   */
  public record Loaded(Dataset data, List<Dropped> dropped, String groupColumn) {
    /** Copies the list. */
    public Loaded {
      dropped = List.copyOf(dropped);
    }

    /**
     * @param data the dataset
     * @param dropped the dropped columns
     */
    public Loaded(Dataset data, List<Dropped> dropped) {
      this(data, dropped, null);
    }
  }

  /**
   * A loaded frame with what was left out.
   *
   * @param frame the raw features, labels and groups
   * @param dropped the feature columns that were dropped, with the reason
   */
  public record LoadedFrame(FeatureFrame frame, List<Dropped> dropped) {
    /** Copies the list. */
    public LoadedFrame {
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
   * @return the dataset, the dropped columns and the group column used
   * @throws BadInputException on any problem with the table or the options, and on text columns or missing cells
   *     (which {@link #loadFrame} and {@link TableEncoder} handle)
   */
  public static Loaded loadDetailed(Table table, FeatureTableOptions options) {
    LoadedFrame lf = loadFrameDetailed(table, options, true);
    FeatureFrame f = lf.frame();
    int n = f.size();
    int d = f.columns().size();
    double[] x = new double[n * d];
    List<String> names = new ArrayList<>(d);
    for (int j = 0; j < d; j++) {
      double[] v = f.columns().get(j).values();
      for (int r = 0; r < n; r++) x[r * d + j] = v[r];
      names.add(f.columns().get(j).name());
    }
    return new Loaded(new Dataset(f.source(), x, n, d, f.labels(), f.groups(), names, f.classNames()), lf.dropped(), f.groupColumn());
  }

  /**
   * Reads a file into a frame.
   *
   * @param file xlsx or CSV file
   * @param options columns and classes
   * @return the frame
   * @throws BadInputException on any problem with the file or the options
   */
  public static FeatureFrame loadFrame(Path file, FeatureTableOptions options) {
    return loadFrame(TableReader.read(file), options);
  }

  /**
   * Reads a file into a frame.
   *
   * @param file xlsx or CSV file
   * @param read sheet, delimiter and limits
   * @param options columns and classes
   * @return the frame
   * @throws BadInputException on any problem with the file or the options
   */
  public static FeatureFrame loadFrame(Path file, TableReadOptions read, FeatureTableOptions options) {
    return loadFrame(TableReader.read(file, read), options);
  }

  /**
   * Loads a table into a frame: numeric and categorical columns, missing cells kept.
   *
   * @param table the table
   * @param options columns and classes
   * @return the frame
   * @throws BadInputException on any problem with the table or the options
   */
  public static FeatureFrame loadFrame(Table table, FeatureTableOptions options) {
    return loadFrameDetailed(table, options, false).frame();
  }

  /**
   * Loads a table into a frame and says which columns were dropped.
   *
   * @param table the table
   * @param options columns and classes
   * @return the frame and the dropped columns
   * @throws BadInputException on any problem with the table or the options
   */
  public static LoadedFrame loadFrameDetailed(Table table, FeatureTableOptions options) {
    return loadFrameDetailed(table, options, false);
  }

  private static LoadedFrame loadFrameDetailed(Table table, FeatureTableOptions options, boolean numericOnly) {
    String src = table.source();
    int pc = groupColumn(table, options);
    int lc = table.requireColumn(options.labelColumn(), "label column");
    if (pc == lc) throw BadInputException.at(src, 0, table.columnNames().get(lc), "the group column cannot also be the label column");
    int n = table.rows();
    int m = table.cols();
    boolean[] drop = new boolean[m];
    if (pc >= 0) drop[pc] = true;
    drop[lc] = true;
    List<Dropped> dropped = new ArrayList<>();
    for (String d : options.dropColumns()) {
      int c = table.requireColumn(d, "column to drop");
      if (c == pc || c == lc) throw BadInputException.at(src, 0, table.columnNames().get(c), "cannot drop the participant or label column");
      if (!drop[c]) dropped.add(new Dropped(table.columnNames().get(c), "asked"));
      drop[c] = true;
    }
    if (options.dropFlagged()) dropFlagged(table, drop, dropped);
    List<Integer> feat = new ArrayList<>();
    for (int c = 0; c < m; c++) if (!drop[c]) feat.add(c);
    if (feat.isEmpty()) throw BadInputException.at(src, 0, null, "no feature columns left besides the participant and label columns");
    List<FeatureFrame.Column> cols = new ArrayList<>(feat.size());
    for (int c : feat) cols.add(column(table, c, numericOnly));
    int[] groups;
    if (pc >= 0) groups = participants(table, pc);
    else {
      groups = new int[n];
      for (int r = 0; r < n; r++) groups[r] = r;
    }
    List<String> classes = new ArrayList<>();
    int[] labels = labels(table, lc, classes);
    classes = checkClasses(table, lc, classes, options.classNames());
    if (pc >= 0) checkGroups(table, pc, groups);
    String gname = pc >= 0 ? table.columnNames().get(pc) : null;
    return new LoadedFrame(new FeatureFrame(src, cols, labels, groups, classes, gname, table.rowNumbers()), dropped);
  }

  /** @return the group column index, or -1 for none (see the class comment) */
  private static int groupColumn(Table table, FeatureTableOptions options) {
    if (options.noGroups()) return -1;
    if (options.groupColumn() == null) return table.columnIndex(FeatureTableOptions.DEFAULT_GROUP_COLUMN);
    return table.requireColumn(options.groupColumn(), "participant column");
  }

  private static void dropFlagged(Table table, boolean[] drop, List<Dropped> dropped) {
    InspectionReport report = TableInspector.inspect(table);
    for (int c = 0; c < table.cols(); c++) {
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

  /**
   * @param t a table
   * @param r row
   * @param c column
   * @return whether the cell is a missing value: empty, {@code NA}, {@code NaN} or {@code ?} (case-insensitive)
   */
  public static boolean isMissing(Table t, int r, int c) {
    Table.CellKind k = t.kind(r, c);
    if (k == Table.CellKind.EMPTY) return true;
    if (k != Table.CellKind.TEXT) return false;
    String s = t.text(r, c);
    return s.equals("?") || s.equalsIgnoreCase("NA") || s.equalsIgnoreCase("NaN");
  }

  /** Classifies and reads one feature column (rules of the class comment). */
  private static FeatureFrame.Column column(Table t, int c, boolean numericOnly) {
    String src = t.source();
    String name = t.columnNames().get(c);
    int n = t.rows();
    int numbers = 0, firstText = -1, firstMissing = -1;
    for (int r = 0; r < n; r++) {
      Table.CellKind k = t.kind(r, c);
      if (k == Table.CellKind.NUMBER) numbers++;
      else if (k == Table.CellKind.DATE)
        throw BadInputException.at(src, t.rowNumber(r), name, "a date cell ('" + t.text(r, c)
            + "'): dates are not used as features; leave the column out with --drop-columns or convert it to numbers");
      else if (k == Table.CellKind.ERROR) throw BadInputException.at(src, t.rowNumber(r), name, t.cellProblem(r, c) + " (a formula that failed)");
      else if (isMissing(t, r, c)) {
        if (firstMissing < 0) firstMissing = r;
      } else if (firstText < 0) firstText = r;
    }
    if (numbers > 0 && firstText >= 0) throw BadInputException.at(src, t.rowNumber(firstText), name, t.cellProblem(firstText, c));
    if (firstText >= 0) {
      TreeSet<String> levels = new TreeSet<>();
      for (int r = 0; r < n; r++) if (!isMissing(t, r, c)) levels.add(t.text(r, c));
      if (numericOnly)
        throw BadInputException.at(src, 0, name, "a text (categorical) column (" + levels.size() + " categories, e.g. '" + levels.first()
            + "'): a numeric dataset needs numbers; FeatureTableLoader.loadFrame and TableEncoder one-hot encode it");
      List<String> lv = new ArrayList<>(levels);
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < lv.size(); i++) index.put(lv.get(i), i);
      int[] codes = new int[n];
      for (int r = 0; r < n; r++) codes[r] = isMissing(t, r, c) ? -1 : index.get(t.text(r, c));
      return FeatureFrame.Column.categorical(name, codes, lv);
    }
    if (numericOnly && firstMissing >= 0) throw missing(t, firstMissing, c);
    double[] v = new double[n];
    for (int r = 0; r < n; r++) v[r] = t.numberOrNaN(r, c);
    return FeatureFrame.Column.numeric(name, v);
  }

  /** @return the refusal of a missing cell, pointing at imputation */
  static BadInputException missing(Table t, int r, int c) {
    String what = t.isEmpty(r, c) ? "empty cell" : "missing value '" + t.text(r, c) + "'";
    return BadInputException.at(t.source(), t.rowNumber(r), t.columnNames().get(c),
        what + ": missing values are refused; impute them with --impute mean|median|most-frequent");
  }

  private static List<String> checkClasses(Table t, int lc, List<String> classes, List<String> given) {
    String src = t.source();
    int n = t.rows();
    String labelName = t.columnNames().get(lc);
    if (given.size() > n)
      throw BadInputException.at(src, 0, labelName, "more classes (" + given.size() + " class names) than rows (" + n + ")");
    if (classes.size() == 1)
      throw BadInputException.at(src, 0, labelName, "only one class ('" + classes.get(0) + "'); at least two are needed");
    if (classes.size() * 2 > n)
      throw BadInputException.at(src, 0, labelName, "more classes than rows allow: " + classes.size() + " distinct labels in "
          + n + " rows (fewer than 2 rows per class); is this the label column?");
    if (given.isEmpty()) return classes;
    if (given.size() != classes.size())
      throw BadInputException.at(src, 0, labelName, "class names give " + given.size() + " names (" + String.join(", ", given)
          + ") but the column has " + classes.size() + " classes (" + String.join(", ", classes) + ")");
    return given;
  }

  private static void checkGroups(Table t, int pc, int[] groups) {
    for (int g : groups) if (g != groups[0]) return;
    throw BadInputException.at(t.source(), 0, t.columnNames().get(pc), "only one group ('" + t.text(0, pc)
        + "'): splits by group need at least two; use --group-column none to make every row its own group");
  }

  static int[] participants(Table t, int pc) {
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

  static int[] labels(Table t, int lc, List<String> classNamesOut) {
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
