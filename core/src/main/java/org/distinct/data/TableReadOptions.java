package org.distinct.data;

/**
 * How {@link TableReader} reads a file.
 *
 * @param sheet the xlsx sheet to read: its name, or its 1-based position ({@code "2"} = the second sheet) when no
 *     sheet has that name; {@code null} for the first sheet (ignored for CSV)
 * @param delimiter CSV field separator, or {@code null} to detect it among {@code ,} {@code ;} and tab
 * @param limits what reading may cost at most ({@code null} = {@link ReadLimits#defaults()})
 */
public record TableReadOptions(String sheet, Character delimiter, ReadLimits limits) {

  /** Checks the delimiter and fills in the default limits. */
  public TableReadOptions {
    if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r'))
      throw new IllegalArgumentException("delimiter cannot be a quote or a line break");
    if (sheet != null && sheet.isBlank()) throw new IllegalArgumentException("sheet name is blank");
    if (limits == null) limits = ReadLimits.defaults();
  }

  /**
   * The options with the default limits.
   *
   * @param sheet sheet name or 1-based position, or null for the first
   * @param delimiter CSV separator, or null to detect it
   */
  public TableReadOptions(String sheet, Character delimiter) {
    this(sheet, delimiter, null);
  }

  /** @return first sheet, detected delimiter, default limits */
  public static TableReadOptions defaults() {
    return new TableReadOptions(null, null, null);
  }

  /** @return a copy with other limits */
  public TableReadOptions withLimits(ReadLimits l) {
    return new TableReadOptions(sheet, delimiter, l);
  }

  /** @return a copy reading another sheet (name or 1-based position) */
  public TableReadOptions withSheet(String s) {
    return new TableReadOptions(s, delimiter, limits);
  }
}
