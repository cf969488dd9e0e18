package org.distinct.data;

/** What {@link TableInspector} can flag about a column. See {@link TableInspector} for the exact rules. */
public enum ColumnFlag {
  /** All finite values are equal. */
  CONSTANT,
  /** The column's name occurs more than once in the header (compared trimmed, case-insensitively). */
  DUPLICATE_NAME,
  /** The column repeats an earlier column cell for cell ({@code copyOf} names which). */
  COPY,
  /** A few values are sentinel-like extremes, far beyond the rest of the column. */
  SENTINEL,
  /** Some values are exactly 0 in a column whose other values are all positive. */
  ZERO_ROWS,
  /** Some cells are empty, non-numeric or not finite (listed with row and column). */
  BAD_CELLS,
  /** No cell is a number: a text column (e.g. string labels); its cells are not listed one by one. */
  TEXT
}
