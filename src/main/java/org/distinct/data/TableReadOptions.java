package org.distinct.data;

/**
 * How {@link TableReader} reads a file.
 *
 * @param sheet name of the xlsx sheet to read, or {@code null} for the first sheet (ignored for CSV)
 * @param delimiter CSV field separator, or {@code null} to detect it among {@code ,} {@code ;} and tab
 */
public record TableReadOptions(String sheet, Character delimiter) {

  /** Checks the delimiter. */
  public TableReadOptions {
    if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r'))
      throw new IllegalArgumentException("delimiter cannot be a quote or a line break");
    if (sheet != null && sheet.isBlank()) throw new IllegalArgumentException("sheet name is blank");
  }

  /** @return first sheet, detected delimiter */
  public static TableReadOptions defaults() {
    return new TableReadOptions(null, null);
  }
}
