package org.distinct.data;

import java.util.List;

/**
 * What {@link TableInspector} found in a table: a summary per column, flags, and the cells that are not
 * finite numbers. Plain records with simple fields (serializable as JSON by Jackson).
 *
 * @param source file name
 * @param headerRow 1-based spreadsheet row of the header
 * @param rows number of data rows
 * @param columns one summary per column, in file order
 * @param badCells cells that are empty, non-numeric or not finite in numeric columns (at most
 *     {@link TableInspector#MAX_LISTED_CELLS}, in row-major order)
 * @param badCellCount total number of such cells (may exceed {@code badCells.size()})
 * @param groupColumn the group column {@link FeatureTableLoader} would use by default ({@code subject no.} if the
 *     table has it), or null: every row its own group
 * @param categorical the text (categorical) columns and their categories
 * @param missing per column with missing cells (empty, {@code NA}, {@code NaN}, {@code ?}) their count and first rows
 */
public record InspectionReport(
    String source, int headerRow, int rows, List<ColumnSummary> columns, List<BadCell> badCells, int badCellCount,
    String groupColumn, List<Categories> categorical, List<Missing> missing) {

  /** Copies the lists. */
  public InspectionReport {
    columns = List.copyOf(columns);
    badCells = List.copyOf(badCells);
    categorical = categorical == null ? List.of() : List.copyOf(categorical);
    missing = missing == null ? List.of() : List.copyOf(missing);
  }

  /**
   * A report without group, category and missing-cell descriptions.
   *
   * @param source file name
   * @param headerRow header row
   * @param rows data rows
   * @param columns column summaries
   * @param badCells listed bad cells
   * @param badCellCount all bad cells
   */
  public InspectionReport(String source, int headerRow, int rows, List<ColumnSummary> columns, List<BadCell> badCells, int badCellCount) {
    this(source, headerRow, rows, columns, badCells, badCellCount, null, List.of(), List.of());
  }

  /**
   * A text column's categories.
   *
   * @param column unique column name
   * @param levels number of distinct categories
   * @param top up to {@link TableInspector#LISTED_LEVELS} categories, most frequent first (ties in sorted order)
   * @param counts the rows of each listed category
   */
  public record Categories(String column, int levels, List<String> top, List<Integer> counts) {
    /** Copies the lists. */
    public Categories {
      top = List.copyOf(top);
      counts = List.copyOf(counts);
    }
  }

  /**
   * Missing cells of one column.
   *
   * @param column unique column name
   * @param count missing cells
   * @param rows the first (up to {@link TableInspector#LISTED_LEVELS}) spreadsheet rows with one
   */
  public record Missing(String column, int count, List<Integer> rows) {
    /** Copies the list. */
    public Missing {
      rows = List.copyOf(rows);
    }
  }

  /**
   * Summary of one column, over its finite numeric cells.
   *
   * @param name unique column name (e.g. {@code var_F7#2})
   * @param originalName the name as written in the header
   * @param count number of finite numeric cells
   * @param min smallest value (NaN if {@code count == 0})
   * @param max largest value (NaN if {@code count == 0})
   * @param mean mean (NaN if {@code count == 0})
   * @param sd sample standard deviation, divisor {@code count - 1} (0 if {@code count == 1}, NaN if 0)
   * @param distinct number of distinct finite values
   * @param flags what is unusual about the column
   * @param copyOf for {@link ColumnFlag#COPY}: the name of the earlier column this one repeats, else null
   * @param sentinelRows for {@link ColumnFlag#SENTINEL}: spreadsheet rows holding sentinel-like values
   * @param sentinelValues the sentinel-like values, one per entry of {@code sentinelRows}
   * @param zeroRows for {@link ColumnFlag#ZERO_ROWS}: spreadsheet rows holding exactly 0 (else empty)
   * @param badCells number of empty, non-numeric or non-finite cells
   */
  public record ColumnSummary(
      String name,
      String originalName,
      int count,
      double min,
      double max,
      double mean,
      double sd,
      int distinct,
      List<ColumnFlag> flags,
      String copyOf,
      List<Integer> sentinelRows,
      List<Double> sentinelValues,
      List<Integer> zeroRows,
      int badCells) {

    /** Copies the lists. */
    public ColumnSummary {
      flags = List.copyOf(flags);
      sentinelRows = List.copyOf(sentinelRows);
      sentinelValues = List.copyOf(sentinelValues);
      zeroRows = List.copyOf(zeroRows);
    }

    /** @return whether the column has the flag */
    public boolean has(ColumnFlag flag) {
      return flags.contains(flag);
    }
  }

  /**
   * A cell that is not a finite number.
   *
   * @param row 1-based spreadsheet row
   * @param column unique column name
   * @param problem what is wrong (e.g. {@code empty cell}, {@code not a number: 'abc'})
   */
  public record BadCell(int row, String column, String problem) {}

  /**
   * @param name a unique column name (case-insensitive)
   * @return the summary of that column
   * @throws IllegalArgumentException if there is none
   */
  public ColumnSummary column(String name) {
    for (ColumnSummary c : columns) if (c.name().equalsIgnoreCase(name.trim())) return c;
    throw new IllegalArgumentException("no column " + name);
  }
}
