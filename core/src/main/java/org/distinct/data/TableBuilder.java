package org.distinct.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.distinct.BadInputException;

/**
 * Assembles a {@link Table} from rows streamed by a reader, applying the rules of {@link TableReader}: the header
 * is the first non-blank row, blank rows are skipped, the table is as wide as the last non-blank header cell,
 * values right of it are refused (xlsx) or make a ragged row (CSV), an unnamed column must be blank and is then
 * dropped. Line breaks inside header cells become spaces (so that messages naming a column stay one line).
 * Numbers are stored as doubles only; the limits of {@link ReadLimits} are checked as rows arrive.
 *
 * <p>Use: {@code startRow}, any number of {@code number}/{@code text} calls (each column at most once per row),
 * {@code endRow}; finally {@link #finish()}.
 */
final class TableBuilder {
  /** Line breaks and tabs in a header cell (compiled once: twelve song workbooks have some 200 header cells). */
  private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");
  private final String src;
  private final ReadLimits limits;
  private final boolean xlsx;
  private final boolean decimalComma;
  private final long rowHint;

  // before the header
  private final List<String> headerCells = new ArrayList<>();
  private List<String> header; // null until found
  private int headerRow;
  private int width;
  private boolean[] unnamed; // [width]
  private boolean anyUnnamed;

  // the current row
  private int rowNumber;
  private int lastNonBlank; // 1 + index of the last non-blank cell of the current row
  private long rowSerial;
  private long[] stamp = new long[16]; // [width] row serial of the last write per column

  // data
  private int rows;
  private int[] rowNumbers = new int[0];
  private double[] num = new double[0];
  private byte[] kind; // null = all numbers so far
  private String[] text; // null = no texts so far

  /**
   * @param src file name for messages
   * @param limits row, column and cell limits
   * @param xlsx whether values right of the header are refused with a column letter (else: ragged row)
   * @param decimalComma whether the texts of number cells may use a decimal comma
   * @param rowHint expected number of rows (capacity), or 0
   */
  TableBuilder(String src, ReadLimits limits, boolean xlsx, boolean decimalComma, long rowHint) {
    this.src = src;
    this.limits = limits;
    this.xlsx = xlsx;
    this.decimalComma = decimalComma;
    this.rowHint = rowHint;
  }

  private boolean allowShort;

  /**
   * Makes a headerless table: every non-blank row is data, the columns are named {@code 1}, {@code 2}, …, and rows
   * may have fewer cells than the width (the rest are empty).
   *
   * @param columns the width
   */
  void headerless(int columns) {
    if (columns > limits.maxColumns())
      throw ReadLimits.breach(src, 0, ReadLimits.Limit.COLUMNS, "more than " + ReadLimits.count(limits.maxColumns()) + " columns");
    headerCells.clear();
    for (int c = 0; c < columns; c++) headerCells.add(Integer.toString(c + 1));
    lastNonBlank = columns;
    rowNumber = 0;
    setHeader();
    allowShort = true;
  }

  /** @return the width of the table, or 0 while the header has not been seen */
  int width() {
    return header == null ? 0 : width;
  }

  /** @return the file name */
  String source() {
    return src;
  }

  /** @param number 1-based spreadsheet row of the row that starts */
  void startRow(int number) {
    rowNumber = number;
    lastNonBlank = 0;
    rowSerial++;
    if (header == null) {
      headerCells.clear();
      return;
    }
    if (rows == rowNumbers.length) grow();
    int base = rows * width;
    Arrays.fill(num, base, base + width, Double.NaN);
  }

  private void grow() {
    if (rows > 0) MemoryBudget.requireCells(src, rowNumber, (long) rows * width); // the estimate before reading was too low
    long want = rows == 0 ? Math.max(16, Math.min(rowHint, limits.maxRows())) : rows + (rows >> 1) + 16;
    want = Math.min(want, limits.maxRows() + 1);
    if (want * width > Integer.MAX_VALUE - 16) want = (Integer.MAX_VALUE - 16) / Math.max(1, width);
    if (want <= rows) throw ReadLimits.breach(src, rowNumber, ReadLimits.Limit.CELLS, "more than " + ReadLimits.count(rows * (long) width) + " cells");
    int cap = (int) want;
    rowNumbers = Arrays.copyOf(rowNumbers, cap);
    num = Arrays.copyOf(num, cap * width);
    if (kind != null) kind = Arrays.copyOf(kind, cap * width);
    if (text != null) text = Arrays.copyOf(text, cap * width);
  }

  /**
   * A number cell.
   *
   * @param col 0-based column
   * @param v the finite value
   */
  void number(int col, double v) {
    if (header == null) {
      headerCell(col, Table.canonical(v));
      return;
    }
    if (!checkColumn(col, true)) return;
    int i = rows * width + col;
    num[i] = v;
    if (kind != null) kind[i] = Table.K_NUMBER;
    if (text != null) text[i] = null;
  }

  /**
   * A text cell (a number written as text is stored as that number).
   *
   * @param col 0-based column
   * @param t the text (trimmed here; blank = empty)
   * @param k {@link Table#K_TEXT}, {@link Table#K_ERROR} or {@link Table#K_DATE}
   */
  void text(int col, String t, byte k) {
    if (t.indexOf('\u0000') >= 0) throw BadInputException.at(src, rowNumber, columnName(col), "a NUL byte in the cell (is this a binary file?)");
    String s = t.strip();
    if (header == null) {
      headerCell(col, s);
      return;
    }
    if (s.isEmpty()) return;
    char c0 = s.charAt(0);
    if (k == Table.K_TEXT && ((c0 >= '0' && c0 <= '9') || c0 == '-' || c0 == '+' || c0 == '.' || c0 == ',')) {
      double v = Table.parse(s, decimalComma);
      if (!Double.isNaN(v)) {
        number(col, v);
        return;
      }
    }
    if (!checkColumn(col, true)) return;
    int i = rows * width + col;
    if (kind == null) kind = new byte[num.length];
    if (text == null) text = new String[num.length];
    kind[i] = k;
    text[i] = s;
  }

  private String columnName(int col) {
    if (header != null && col < width && !unnamed[col]) return header.get(col);
    return TableReader.columnLetter(col);
  }

  private void headerCell(int col, String s) {
    if (col >= limits.maxColumns())
      throw ReadLimits.breach(src, rowNumber, ReadLimits.Limit.COLUMNS, "more than " + ReadLimits.count(limits.maxColumns()) + " columns");
    while (headerCells.size() <= col) headerCells.add(null);
    headerCells.set(col, s);
    if (!s.isEmpty()) lastNonBlank = Math.max(lastNonBlank, col + 1);
  }

  /** Marks a non-blank data cell; refuses it right of the header or under an unnamed column. */
  private boolean checkColumn(int col, boolean nonBlank) {
    if (col >= width) {
      if (xlsx)
        throw BadInputException.at(src, rowNumber, TableReader.columnLetter(col),
            "ragged row: a value to the right of the last header column (the header has " + width + " columns)");
      lastNonBlank = Math.max(lastNonBlank, col + 1);
      return false;
    }
    if (stamp[col] == rowSerial) throw BadInputException.at(src, rowNumber, columnName(col), "the cell occurs twice in the row");
    stamp[col] = rowSerial;
    if (nonBlank) {
      if (unnamed[col])
        throw BadInputException.at(src, headerRow, TableReader.columnLetter(col), "column has values but no name in the header");
      lastNonBlank = Math.max(lastNonBlank, col + 1);
    }
    return true;
  }

  /**
   * Ends the row.
   *
   * @param fields number of fields of a CSV record (ragged-row check), or -1 for xlsx
   */
  void endRow(int fields) {
    if (header == null) {
      if (lastNonBlank > 0) setHeader();
      return;
    }
    if (lastNonBlank == 0) return; // blank row: not kept
    if (!xlsx && ((fields < width && !allowShort) || lastNonBlank > width))
      throw BadInputException.at(src, rowNumber, null,
          "ragged row: " + (lastNonBlank > width ? lastNonBlank : fields) + " cells, but the header (row " + headerRow + ") has " + width);
    int base = rows * width;
    for (int c = 0; c < width; c++)
      if (stamp[c] != rowSerial) {
        if (kind == null) kind = new byte[num.length];
        kind[base + c] = Table.K_EMPTY;
      }
    rowNumbers[rows] = rowNumber;
    rows++;
    if (rows > limits.maxRows())
      throw ReadLimits.breach(src, rowNumber, ReadLimits.Limit.ROWS, "more than " + ReadLimits.count(limits.maxRows()) + " data rows");
    if ((long) rows * width > limits.maxCells())
      throw ReadLimits.breach(src, rowNumber, ReadLimits.Limit.CELLS, "more than " + ReadLimits.count(limits.maxCells()) + " cells");
  }

  private void setHeader() {
    headerRow = rowNumber;
    width = lastNonBlank;
    header = new ArrayList<>(width);
    unnamed = new boolean[width];
    for (int c = 0; c < width; c++) {
      String s = c < headerCells.size() ? headerCells.get(c) : null;
      if (s != null) s = LINE_BREAKS.matcher(s).replaceAll(" ").strip(); // a line break in a header cell (Alt+Enter) is display only
      header.add(s == null ? "" : s);
      unnamed[c] = s == null || s.isEmpty();
      anyUnnamed |= unnamed[c];
    }
    stamp = new long[width];
  }

  /**
   * @return the table
   * @throws BadInputException if there is no header or no data row
   */
  Table finish() {
    if (header == null) throw BadInputException.at(src, 0, null, "file is empty (no header row)");
    if (rows == 0 && allowShort) throw BadInputException.at(src, 0, null, "file is empty (no data rows)");
    if (rows == 0) throw BadInputException.at(src, headerRow, null, "header only: no data rows below the header");
    int[] nums = rowNumbers.length == rows ? rowNumbers : Arrays.copyOf(rowNumbers, rows);
    if (!anyUnnamed)
      return new Table(src, header, headerRow, nums, new Table.Cells(rows, num, kind, text), decimalComma);
    int[] keep = new int[width];
    int m = 0;
    List<String> names = new ArrayList<>();
    for (int c = 0; c < width; c++)
      if (!unnamed[c]) {
        keep[m++] = c;
        names.add(header.get(c));
      }
    double[] nn = new double[rows * m];
    byte[] nk = kind == null ? null : new byte[rows * m];
    String[] nt = text == null ? null : new String[rows * m];
    for (int r = 0; r < rows; r++)
      for (int j = 0; j < m; j++) {
        int from = r * width + keep[j], to = r * m + j;
        nn[to] = num[from];
        if (nk != null) nk[to] = kind[from];
        if (nt != null) nt[to] = text[from];
      }
    return new Table(src, names, headerRow, nums, new Table.Cells(rows, nn, nk, nt), decimalComma);
  }
}
