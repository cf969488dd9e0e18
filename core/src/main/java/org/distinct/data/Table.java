package org.distinct.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.distinct.BadInputException;

/**
 * A sheet as read from a file: raw cells under unique column names, with the spreadsheet row number (1-based, as
 * Excel shows it) of every data row, so that every message can name the row and column.
 *
 * <p>Each cell has a {@link CellKind}: a finite number, empty, text, a spreadsheet error value ({@code #DIV/0!})
 * or a date. A table built from texts ({@link #Table(String, List, int, int[], String[], boolean)}) keeps every
 * text exactly as given (trimmed); {@link TableReader} stores number cells as doubles only (no text per cell), and
 * {@link #text(int, int)} of such a cell gives the number's canonical decimal form ({@code 3}, {@code 0.25},
 * {@code 1.0E-7}), which {@link #number(int, int)} parses back to the same double. Nothing is refused until asked
 * for, so inspection can report every bad cell instead of stopping at the first.
 *
 * <p>Column names are trimmed; a name that occurs again (compared case-insensitively) gets a suffix: the
 * second {@code var_F7} becomes {@code var_F7#2}, the third {@code var_F7#3}. {@link #originalNames()} keeps
 * the names as written.
 *
 * <p>Immutable: arrays are copied on the way in and never handed out.
 */
public final class Table {
  /** A finite decimal number: optional sign, digits with an optional point, optional exponent. */
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  /** Texts that mean a non-finite value (NaN, Inf, Infinity, with sign, any case). */
  private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity|1\\.#inf|1\\.#ind)", Pattern.CASE_INSENSITIVE);

  /** What a cell holds. */
  public enum CellKind {
    /** A finite number. */
    NUMBER,
    /** Nothing (blank). */
    EMPTY,
    /** Text that is not a finite number (including {@code NaN}, {@code inf}). */
    TEXT,
    /** A spreadsheet error value such as {@code #DIV/0!} or {@code #N/A} (a formula that failed). */
    ERROR,
    /** A date or time (an xlsx cell with a date format, or an ISO date cell); its text is the ISO form. */
    DATE
  }

  static final byte K_NUMBER = 0;
  static final byte K_EMPTY = 1;
  static final byte K_TEXT = 2;
  static final byte K_ERROR = 3;
  static final byte K_DATE = 4;
  private static final CellKind[] KINDS = CellKind.values();

  /**
   * Cell storage built by the readers, taken as it is (not copied).
   *
   * @param rows data rows
   * @param num values, row-major {@code [≥ rows × cols]}; meaningful for number cells only
   * @param kind {@code K_*} per cell, row-major, or null when every cell is a number
   * @param text per cell the text of text, error and date cells (null elsewhere), or null when there are none
   */
  record Cells(int rows, double[] num, byte[] kind, String[] text) {}

  private final String source;
  private final List<String> columnNames;
  private final List<String> originalNames;
  private final int headerRow;
  private final int[] rowNumbers; // [rows]
  private final int rows;
  private final int cols;
  private final double[] num; // row-major [rows × cols] (capacity may be larger)
  private final byte[] kind; // row-major [rows × cols], null = all numbers
  private final String[] text; // row-major [rows × cols] or null
  private final boolean decimalComma;

  /**
   * Creates a table from cell texts.
   *
   * @param source file name or description used in messages
   * @param originalNames the header cells as written (trimmed here); duplicates are renamed {@code name#k}
   * @param headerRow 1-based spreadsheet row of the header
   * @param rowNumbers 1-based spreadsheet row of each data row (Not modified; copied)
   * @param cells row-major {@code [rowNumbers.length × originalNames.size()]}, {@code null} or blank = empty
   *     (Not modified; copied)
   * @param decimalComma whether a comma inside a number cell is a decimal point (CSV files separated by
   *     {@code ;} or tab, as European spreadsheets save them)
   */
  public Table(
      String source, List<String> originalNames, int headerRow, int[] rowNumbers, String[] cells, boolean decimalComma) {
    this(source, originalNames, headerRow, rowNumbers.clone(), fromTexts(cells, rowNumbers.length, originalNames.size(), decimalComma),
        decimalComma);
  }

  /** Wraps reader-built storage (arrays taken, not copied). */
  Table(String source, List<String> originalNames, int headerRow, int[] rowNumbers, Cells cells, boolean decimalComma) {
    this.source = Objects.requireNonNull(source, "source");
    this.cols = originalNames.size();
    this.rows = cells.rows();
    if (rowNumbers.length != rows) throw new IllegalArgumentException("rowNumbers has " + rowNumbers.length + " entries, rows " + rows);
    if (cells.num().length < (long) rows * cols) throw new IllegalArgumentException("num holds fewer than rows x cols values");
    List<String> orig = new ArrayList<>(cols);
    for (String n : originalNames) orig.add(n == null ? "" : n.trim());
    this.originalNames = List.copyOf(orig);
    this.columnNames = List.copyOf(uniqueNames(orig));
    this.headerRow = headerRow;
    this.rowNumbers = rowNumbers;
    this.num = cells.num();
    this.kind = cells.kind();
    this.text = cells.text();
    this.decimalComma = decimalComma;
  }

  private static Cells fromTexts(String[] cells, int n, int m, boolean decimalComma) {
    if (cells.length != n * m)
      throw new IllegalArgumentException("cells has " + cells.length + " entries, expected " + n + "x" + m);
    double[] num = new double[cells.length];
    byte[] kind = new byte[cells.length];
    String[] text = new String[cells.length];
    boolean allNumbers = true;
    for (int i = 0; i < cells.length; i++) {
      String t = cells[i];
      if (t != null) t = t.trim();
      if (t == null || t.isEmpty()) {
        kind[i] = K_EMPTY;
        allNumbers = false;
        continue;
      }
      text[i] = t;
      double v = parse(t, decimalComma);
      if (Double.isNaN(v)) {
        kind[i] = K_TEXT;
        allNumbers = false;
      } else num[i] = v;
    }
    return new Cells(n, num, allNumbers ? null : kind, text);
  }

  /**
   * Makes names unique: the k-th occurrence (k ≥ 2, case-insensitive) of a name gets {@code #k} appended,
   * skipping any suffix that is already taken.
   *
   * @param names trimmed names (Not modified)
   * @return unique names in the same order
   */
  public static List<String> uniqueNames(List<String> names) {
    List<String> out = new ArrayList<>(names.size());
    Set<String> taken = new HashSet<>();
    for (String n : names) taken.add(n.toLowerCase(Locale.ROOT));
    Set<String> used = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String n : names) {
      String key = n.toLowerCase(Locale.ROOT);
      if (used.add(key)) {
        out.add(n);
        seen.put(key, 1);
        continue;
      }
      int k = seen.get(key);
      String candidate;
      do {
        k++;
        candidate = n + "#" + k;
      } while (taken.contains(candidate.toLowerCase(Locale.ROOT)) || used.contains(candidate.toLowerCase(Locale.ROOT)));
      seen.put(key, k);
      used.add(candidate.toLowerCase(Locale.ROOT));
      out.add(candidate);
    }
    return out;
  }

  /** @return the file name or description used in messages */
  public String source() {
    return source;
  }

  /** @return unique column names (duplicates suffixed {@code #2}, {@code #3}, …) */
  public List<String> columnNames() {
    return columnNames;
  }

  /** @return column names as written in the header (trimmed), duplicates included */
  public List<String> originalNames() {
    return originalNames;
  }

  /** @return 1-based spreadsheet row of the header */
  public int headerRow() {
    return headerRow;
  }

  /** @return number of data rows */
  public int rows() {
    return rows;
  }

  /** @return number of columns */
  public int cols() {
    return cols;
  }

  /** @return whether a comma in a number cell is read as a decimal point */
  public boolean decimalComma() {
    return decimalComma;
  }

  /**
   * @param r data row index, 0-based
   * @return the 1-based spreadsheet row number of data row {@code r}
   */
  public int rowNumber(int r) {
    return rowNumbers[r];
  }

  /** @return a copy of the spreadsheet row numbers of all data rows {@code [rows]} */
  public int[] rowNumbers() {
    return rowNumbers.clone();
  }

  /**
   * Finds a column by name, trimmed and case-insensitive; a unique name such as {@code var_F7#2} also works.
   *
   * @param name the column name
   * @return the column index, or -1 if there is none
   */
  public int columnIndex(String name) {
    String want = name.trim();
    for (int c = 0; c < columnNames.size(); c++) if (columnNames.get(c).equalsIgnoreCase(want)) return c;
    return -1;
  }

  /**
   * Finds a column by name or fails with a message listing the available columns.
   *
   * @param name the column name (trimmed, case-insensitive)
   * @param role what the column is for, e.g. {@code "participant column"}
   * @return the column index
   * @throws BadInputException if there is no such column
   */
  public int requireColumn(String name, String role) {
    int c = columnIndex(name);
    if (c < 0)
      throw BadInputException.at(source, 0, null,
          role + " '" + name.trim() + "' not found; columns are: " + String.join(", ", columnNames));
    return c;
  }

  private int index(int r, int c) {
    if (r < 0 || r >= rows || c < 0 || c >= cols) throw new IndexOutOfBoundsException("cell " + r + "," + c + " outside " + rows + "x" + cols);
    return r * cols + c;
  }

  private byte kindAt(int i) {
    return kind == null ? K_NUMBER : kind[i];
  }

  /**
   * @param r data row, 0-based
   * @param c column, 0-based
   * @return what the cell holds
   */
  public CellKind kind(int r, int c) {
    return KINDS[kindAt(index(r, c))];
  }

  /**
   * @param r data row, 0-based
   * @param c column, 0-based
   * @return the cell text (trimmed; the canonical decimal form for a number read from a file, the ISO form for a
   *     date), or {@code null} if the cell is empty
   */
  public String text(int r, int c) {
    int i = index(r, c);
    if (text != null && text[i] != null) return text[i];
    byte k = kindAt(i);
    return k == K_NUMBER ? canonical(num[i]) : null;
  }

  /**
   * @param v a finite double
   * @return {@code 3} for 3.0 (integers below 10^15 without a decimal point), else {@link Double#toString}
   */
  static String canonical(double v) {
    if (v == 0) return 1 / v < 0 ? "-0" : "0";
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return Double.toString(v);
  }

  /** @return whether the cell is empty */
  public boolean isEmpty(int r, int c) {
    return kindAt(index(r, c)) == K_EMPTY;
  }

  /**
   * Parses a cell as a finite number.
   *
   * <p>Accepted: an optional sign, digits with an optional decimal point, an optional exponent
   * ({@code 1}, {@code -0.5}, {@code 3.2E-4}); with {@link #decimalComma()} also one comma as the decimal
   * point ({@code 0,25}). Anything else, an empty cell, NaN, infinity, an error value or a date is refused.
   *
   * @param r data row, 0-based
   * @param c column, 0-based
   * @return the value
   * @throws BadInputException naming the file, spreadsheet row and column if the cell is not a finite number
   */
  public double number(int r, int c) {
    int i = index(r, c);
    if (kindAt(i) == K_NUMBER) return num[i];
    throw BadInputException.at(source, rowNumbers[r], columnNames.get(c), problem(i));
  }

  /**
   * Parses a cell leniently.
   *
   * @param r data row, 0-based
   * @param c column, 0-based
   * @return the finite value, or {@code NaN} if the cell is empty, not a number, not finite, an error or a date
   */
  public double numberOrNaN(int r, int c) {
    int i = index(r, c);
    return kindAt(i) == K_NUMBER ? num[i] : Double.NaN;
  }

  /**
   * Describes why a cell is not a finite number.
   *
   * @param r data row, 0-based
   * @param c column, 0-based
   * @return {@code null} if the cell is a finite number, else a short description such as
   *     {@code "empty cell"} or {@code "not a number: 'abc'"}
   */
  public String cellProblem(int r, int c) {
    int i = index(r, c);
    return kindAt(i) == K_NUMBER ? null : problem(i);
  }

  private String problem(int i) {
    byte k = kindAt(i);
    String t = text == null ? null : text[i];
    if (k == K_EMPTY || t == null) return "empty cell";
    if (k == K_DATE) return "a date cell ('" + t + "') where a number is expected";
    if (k == K_ERROR || t.startsWith("#")) return "spreadsheet error value '" + abbreviate(t) + "'";
    if (NON_FINITE.matcher(t).matches()) return "not a finite number: '" + t + "' (NaN/Inf are not allowed)";
    return "not a number: '" + abbreviate(t) + "'";
  }

  private static String abbreviate(String t) {
    String s = t.length() <= 40 ? t : t.substring(0, 37) + "...";
    return s.replace("\u0000", "\\0").replaceAll("[\\r\\n]+", " ");
  }

  /**
   * Parses a text as a finite number (the rule of {@link #number(int, int)}).
   *
   * @param t trimmed text, or null
   * @param decimalComma whether one comma (and no point) is a decimal point
   * @return the value, or NaN if the text is not a finite number
   */
  static double parse(String t, boolean decimalComma) {
    if (t == null) return Double.NaN;
    if (NUMBER.matcher(t).matches()) {
      double v = Double.parseDouble(t);
      return Double.isFinite(v) ? v : Double.NaN;
    }
    if (decimalComma && t.indexOf(',') >= 0 && t.indexOf(',') == t.lastIndexOf(',') && t.indexOf('.') < 0) {
      String u = t.replace(',', '.');
      if (NUMBER.matcher(u).matches()) {
        double v = Double.parseDouble(u);
        return Double.isFinite(v) ? v : Double.NaN;
      }
    }
    return Double.NaN;
  }

  /**
   * Reads a whole column as finite numbers.
   *
   * @param c column, 0-based
   * @return a new array {@code [rows]}
   * @throws BadInputException at the first cell that is not a finite number (row and column named)
   */
  public double[] numericColumn(int c) {
    double[] out = new double[rows];
    for (int r = 0; r < out.length; r++) out[r] = number(r, c);
    return out;
  }

  /**
   * Copies the rows {@code [from, to)} of a column that are finite numbers into {@code out}; other cells become
   * NaN there.
   *
   * @param c column, 0-based
   * @param from first row, inclusive
   * @param to last row, exclusive
   * @param out destination {@code [≥ to − from]} (Modified)
   */
  public void columnValues(int c, int from, int to, double[] out) {
    index(from, c);
    if (to > rows || to < from) throw new IndexOutOfBoundsException("rows " + from + ".." + to);
    for (int r = from; r < to; r++) {
      int i = r * cols + c;
      out[r - from] = kind == null || kind[i] == K_NUMBER ? num[i] : Double.NaN;
    }
  }

  /**
   * Returns a table with only the given columns, in the given order.
   *
   * @param columns column indices (Not modified)
   * @return the narrower table (names are re-made unique from the original names of the kept columns)
   */
  public Table selectColumns(int[] columns) {
    int m = columns.length;
    double[] nn = new double[rows * m];
    byte[] nk = kind == null ? null : new byte[rows * m];
    String[] nt = text == null ? null : new String[rows * m];
    List<String> names = new ArrayList<>(m);
    for (int j = 0; j < m; j++) names.add(columnNames.get(columns[j]));
    for (int r = 0; r < rows; r++)
      for (int j = 0; j < m; j++) {
        int from = r * cols + columns[j];
        int to = r * m + j;
        nn[to] = num[from];
        if (nk != null) nk[to] = kind[from];
        if (nt != null) nt[to] = text[from];
      }
    return new Table(source, names, headerRow, rowNumbers, new Cells(rows, nn, nk, nt), decimalComma);
  }

  @Override
  public String toString() {
    return "Table[" + source + ", " + rows + " rows x " + cols + " columns, header on row " + headerRow + "]";
  }

  /** Tables are equal when source, header, row numbers, cell kinds and cell texts are. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Table t)) return false;
    if (!t.source.equals(source) || !t.originalNames.equals(originalNames) || t.headerRow != headerRow || t.rows != rows
        || !Arrays.equals(t.rowNumbers, rowNumbers) || t.decimalComma != decimalComma)
      return false;
    for (int r = 0; r < rows; r++)
      for (int c = 0; c < cols; c++)
        if (t.kind(r, c) != kind(r, c) || !Objects.equals(t.text(r, c), text(r, c))) return false;
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, originalNames, headerRow, Arrays.hashCode(rowNumbers), rows);
  }
}
