package org.distinct.report;

/**
 * One table cell: a text, an integer, a floating-point number or nothing. Numbers stay numbers (CSV and JSON
 * write the raw value); the {@link Format} only affects Markdown and HTML.
 *
 * @param value {@code null} (empty cell), a {@link String}, a {@link Long} or a {@link Double}
 * @param format how to show a {@link Double}; {@code null} means "use the column's format"
 */
public record Cell(Object value, Format format) {

  private static final Cell EMPTY = new Cell(null, null);

  /** Checks that the value has one of the allowed types. */
  public Cell {
    if (value != null && !(value instanceof String) && !(value instanceof Long) && !(value instanceof Double))
      throw new IllegalArgumentException("cell value must be String, Long or Double, got " + value.getClass());
  }

  /** @return an empty cell (shown as "–", written as empty CSV field / JSON null) */
  public static Cell empty() {
    return EMPTY;
  }

  /**
   * @param text the text (null gives an empty cell)
   * @return a text cell
   */
  public static Cell text(String text) {
    return text == null ? EMPTY : new Cell(text, null);
  }

  /**
   * @param value an integer
   * @return an integer cell
   */
  public static Cell of(long value) {
    return new Cell(value, null);
  }

  /**
   * @param value a number, shown with the column's format
   * @return a number cell
   */
  public static Cell of(double value) {
    return new Cell(value, null);
  }

  /**
   * @param value a number
   * @param format how to show it
   * @return a number cell
   */
  public static Cell of(double value, Format format) {
    return new Cell(value, format);
  }

  /**
   * Converts a plain Java value: {@code Cell} as is, {@code null} to empty, {@code String} to text,
   * {@code Integer/Long/Short/Byte} to integer, {@code Float/Double} to number; anything else by
   * {@code toString()}.
   *
   * @param o the value
   * @return the cell
   */
  public static Cell from(Object o) {
    if (o == null) return EMPTY;
    if (o instanceof Cell c) return c;
    if (o instanceof String s) return text(s);
    if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte)
      return of(((Number) o).longValue());
    if (o instanceof Double || o instanceof Float) return of(((Number) o).doubleValue());
    return text(o.toString());
  }

  /** @return true for integer and floating-point cells */
  public boolean isNumber() {
    return value instanceof Long || value instanceof Double;
  }

  /**
   * @param columnFormat the column's format, used when this cell has none
   * @return the human-readable text ("–" for an empty cell)
   */
  public String display(Format columnFormat) {
    if (value == null) return "–";
    if (value instanceof String s) return s;
    if (value instanceof Long l) return Long.toString(l);
    Format f = format != null ? format : columnFormat != null ? columnFormat : Format.defaults();
    return f.format((Double) value);
  }

  /** @return the machine-readable text for CSV: raw number (shortest round-trip form), text, or "" */
  public String raw() {
    if (value == null) return "";
    return value.toString();
  }
}
