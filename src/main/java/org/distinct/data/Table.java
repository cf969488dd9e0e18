package org.distinct.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.distinct.BadInputException;

/**
 * A sheet as read from a file: raw cell texts under unique column names, with the spreadsheet row number
 * (1-based, as Excel shows it) of every data row, so that every message can name the row and column.
 *
 * <p>Cells are kept as text exactly as stored ({@code null} = empty cell). A number cell of an xlsx file is
 * kept as its stored decimal text, which {@link #number(int, int)} parses back to the same double. Nothing is
 * converted until asked for, so inspection can report every bad cell instead of stopping at the first.
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

  private final String source;
  private final List<String> columnNames;
  private final List<String> originalNames;
  private final int headerRow;
  private final int[] rowNumbers; // [rows]
  private final String[] cells; // row-major [rows × cols], null = empty
  private final boolean decimalComma;

  /**
   * Creates a table.
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
    this.source = Objects.requireNonNull(source, "source");
    int cols = originalNames.size();
    if (cells.length != rowNumbers.length * cols)
      throw new IllegalArgumentException("cells has " + cells.length + " entries, expected " + rowNumbers.length + "x" + cols);
    List<String> orig = new ArrayList<>(cols);
    for (String n : originalNames) orig.add(n == null ? "" : n.trim());
    this.originalNames = List.copyOf(orig);
    this.columnNames = List.copyOf(uniqueNames(orig));
    this.headerRow = headerRow;
    this.rowNumbers = rowNumbers.clone();
    this.cells = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      String t = cells[i];
      if (t != null) t = t.trim();
      this.cells[i] = t == null || t.isEmpty() ? null : t;
    }
    this.decimalComma = decimalComma;
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
    java.util.Set<String> taken = new java.util.HashSet<>();
    for (String n : names) taken.add(n.toLowerCase(Locale.ROOT));
    java.util.Set<String> used = new java.util.HashSet<>();
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
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
    return rowNumbers.length;
  }

  /** @return number of columns */
  public int cols() {
    return columnNames.size();
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

  /**
   * @param r data row, 0-based
   * @param c column, 0-based
   * @return the cell text (trimmed), or {@code null} if the cell is empty
   */
  public String text(int r, int c) {
    return cells[r * cols() + c];
  }

  /** @return whether the cell is empty */
  public boolean isEmpty(int r, int c) {
    return text(r, c) == null;
  }

  /**
   * Parses a cell as a finite number.
   *
   * <p>Accepted: an optional sign, digits with an optional decimal point, an optional exponent
   * ({@code 1}, {@code -0.5}, {@code 3.2E-4}); with {@link #decimalComma()} also one comma as the decimal
   * point ({@code 0,25}). Anything else, an empty cell, NaN or infinity is refused.
   *
   * @param r data row, 0-based
   * @param c column, 0-based
   * @return the value
   * @throws BadInputException naming the file, spreadsheet row and column if the cell is not a finite number
   */
  public double number(int r, int c) {
    String t = text(r, c);
    double v = parse(t);
    if (Double.isNaN(v)) throw BadInputException.at(source, rowNumbers[r], columnNames.get(c), problem(t));
    return v;
  }

  /**
   * Parses a cell leniently.
   *
   * @param r data row, 0-based
   * @param c column, 0-based
   * @return the finite value, or {@code NaN} if the cell is empty, not a number, or not finite
   */
  public double numberOrNaN(int r, int c) {
    return parse(text(r, c));
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
    String t = text(r, c);
    return Double.isNaN(parse(t)) ? problem(t) : null;
  }

  private String problem(String t) {
    if (t == null) return "empty cell";
    if (NON_FINITE.matcher(t).matches()) return "not a finite number: '" + t + "' (NaN/Inf are not allowed)";
    if (t.startsWith("#")) return "spreadsheet error value '" + t + "'";
    return "not a number: '" + abbreviate(t) + "'";
  }

  private static String abbreviate(String t) {
    return t.length() <= 40 ? t : t.substring(0, 37) + "...";
  }

  private double parse(String t) {
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
    double[] out = new double[rows()];
    for (int r = 0; r < out.length; r++) out[r] = number(r, c);
    return out;
  }

  /**
   * Returns a table with only the given columns, in the given order.
   *
   * @param columns column indices (Not modified)
   * @return the narrower table (names are re-made unique from the original names of the kept columns)
   */
  public Table selectColumns(int[] columns) {
    int n = rows();
    int m = columns.length;
    String[] nc = new String[n * m];
    List<String> names = new ArrayList<>(m);
    for (int j = 0; j < m; j++) names.add(columnNames.get(columns[j]));
    for (int r = 0; r < n; r++) for (int j = 0; j < m; j++) nc[r * m + j] = cells[r * cols() + columns[j]];
    return new Table(source, names, headerRow, rowNumbers, nc, decimalComma);
  }

  @Override
  public String toString() {
    return "Table[" + source + ", " + rows() + " rows x " + cols() + " columns, header on row " + headerRow + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Table t
        && t.source.equals(source)
        && t.originalNames.equals(originalNames)
        && t.headerRow == headerRow
        && Arrays.equals(t.rowNumbers, rowNumbers)
        && Arrays.equals(t.cells, cells)
        && t.decimalComma == decimalComma;
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, originalNames, headerRow, Arrays.hashCode(rowNumbers), Arrays.hashCode(cells));
  }
}
