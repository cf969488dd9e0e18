package org.distinct.data;

/**
 * How {@link SeriesLoader} reads per-song workbooks.
 *
 * @param mapping song → class; {@code null} means {@link SongMapping#defaults()}. A mapping that is not the
 *     default must name only songs that have a workbook
 * @param keepPadding keep the trailing zeros of each column (default: trim them; they are padding)
 * @param padUnequal if the participant columns of one workbook have different lengths (blank cells at the
 *     end), pad the shorter ones with zeros at the end instead of refusing the workbook
 * @param minLength the shortest series accepted after trimming (e.g. the median-filter window); at least 1
 * @param timeColumn name of the clock column, ignored for the values (matched trimmed, case-insensitively)
 */
public record SeriesOptions(SongMapping mapping, boolean keepPadding, boolean padUnequal, int minLength, String timeColumn) {

  /** Fills in the default mapping and validates. */
  public SeriesOptions {
    if (mapping == null) mapping = SongMapping.defaults();
    if (minLength < 1) throw new IllegalArgumentException("minLength must be at least 1");
    if (timeColumn == null || timeColumn.isBlank()) throw new IllegalArgumentException("timeColumn is blank");
    timeColumn = timeColumn.strip();
  }

  /** @return default mapping, padding trimmed, unequal lengths refused, minimum length 5, clock column {@code Time} */
  public static SeriesOptions defaults() {
    return new SeriesOptions(null, false, false, 5, "Time");
  }

  /** @return a copy with another mapping */
  public SeriesOptions withMapping(SongMapping m) {
    return new SeriesOptions(m, keepPadding, padUnequal, minLength, timeColumn);
  }

  /** @return a copy with {@code keepPadding} set */
  public SeriesOptions withKeepPadding(boolean keep) {
    return new SeriesOptions(mapping, keep, padUnequal, minLength, timeColumn);
  }

  /** @return a copy with {@code padUnequal} set */
  public SeriesOptions withPadUnequal(boolean pad) {
    return new SeriesOptions(mapping, keepPadding, pad, minLength, timeColumn);
  }

  /** @return a copy with another minimum length */
  public SeriesOptions withMinLength(int min) {
    return new SeriesOptions(mapping, keepPadding, padUnequal, min, timeColumn);
  }
}
