package org.distinct.report;

/**
 * One table cell: a text, an integer, a floating-point number or nothing. Numbers stay numbers (CSV and JSON
 * write the raw value); the {@link Format} only affects Markdown and HTML.
 *
 * <p>An {@link Estimate} (a mean with its 95 % confidence interval) is shown as {@code mean [low, high]}; CSV
 * writes it as three fields (mean, low, high) and JSON as an object {@code {"mean", "low", "high"}}.
 *
 * @param value {@code null} (empty cell), a {@link String}, a {@link Long}, a {@link Double} or an
 *     {@link Estimate}
 * @param format how to show a {@link Double} or {@link Estimate}; {@code null} means "use the column's format"
 */
public record Cell(Object value, Format format) {

  private static final Cell EMPTY = new Cell(null, null);

  /** Checks that the value has one of the allowed types. */
  public Cell {
    if (value != null && !(value instanceof String) && !(value instanceof Long) && !(value instanceof Double)
        && !(value instanceof Estimate))
      throw new IllegalArgumentException("cell value must be String, Long, Double or Estimate, got " + value.getClass());
  }

  /**
   * A mean with a confidence interval (e.g. 95 % over seeds).
   *
   * @param mean the mean (NaN if there were no values)
   * @param low lower end of the interval (NaN if it could not be computed, e.g. one value)
   * @param high upper end of the interval (NaN likewise)
   */
  public record Estimate(double mean, double low, double high) {}

  /**
   * @param mean the mean
   * @param low lower end of the interval (NaN for none)
   * @param high upper end of the interval (NaN for none)
   * @return an estimate cell shown with the column's format as {@code mean [low, high]}
   */
  public static Cell estimate(double mean, double low, double high) {
    return new Cell(new Estimate(mean, low, high), null);
  }

  /** @return true for an {@link Estimate} cell */
  public boolean isEstimate() {
    return value instanceof Estimate;
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
    return value instanceof Long || value instanceof Double || value instanceof Estimate;
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
    if (value instanceof Estimate e) {
      if (!Double.isFinite(e.mean())) return f.format(e.mean());
      if (!Double.isFinite(e.low()) || !Double.isFinite(e.high())) return f.format(e.mean());
      Format end = new Format(f.decimals(), f.scale(), "", f.significant(), false);
      return f.formatNumber(e.mean()) + " [" + end.formatNumber(e.low()) + ", " + end.formatNumber(e.high()) + "]" + f.suffix();
    }
    return f.format((Double) value);
  }

  /**
   * @return the machine-readable text for CSV: raw number (shortest round-trip form), text, or ""; for an
   *     estimate its mean (see {@link #rawLow()}, {@link #rawHigh()})
   */
  public String raw() {
    if (value == null) return "";
    if (value instanceof Estimate e) return Double.toString(e.mean());
    return value.toString();
  }

  /** @return the CSV text of an estimate's lower end ("" for other cells) */
  public String rawLow() {
    return value instanceof Estimate e ? Double.toString(e.low()) : "";
  }

  /** @return the CSV text of an estimate's upper end ("" for other cells) */
  public String rawHigh() {
    return value instanceof Estimate e ? Double.toString(e.high()) : "";
  }
}
