package org.distinct.data;

/**
 * How {@link SeriesLoader} reads sequences.
 *
 * @param mapping song → class (folder layout); {@code null} means {@link SongMapping#defaults()}. A mapping that is
 *     not the default must name only songs that have a workbook
 * @param keepPadding keep the trailing zeros of each column (default: trim them; they are padding; folder layout)
 * @param padUnequal if the participant columns of one workbook have different lengths (blank cells at the
 *     end), pad the shorter ones with zeros at the end instead of refusing the workbook (folder layout)
 * @param minLength the shortest series accepted after trimming (e.g. the median-filter window); at least 1
 * @param timeColumn name of the clock column (folder layout: ignored for the values; long layout: the default
 *     time/order column when the table has it), matched trimmed, case-insensitively
 * @param layout the layout, or {@link Layout#AUTO} to detect it
 * @param longColumns the column names of the {@link Layout#LONG} layout ({@code null} = {@link LongColumns#defaults()})
 * @param limits what reading may cost at most ({@code null} = {@link ReadLimits#defaults()})
 */
public record SeriesOptions(
    SongMapping mapping, boolean keepPadding, boolean padUnequal, int minLength, String timeColumn, Layout layout,
    LongColumns longColumns, ReadLimits limits) {

  /** How the sequences are laid out on disk. */
  public enum Layout {
    /** Detect: a folder (or a Time/P01… workbook) is {@link #FOLDER}, a headerless all-numeric text file {@link #UCR}, a table with the sequence and label columns {@link #LONG}. */
    AUTO,
    /** One workbook per song ({@code S1.xlsx} …), a {@code Time} column and one column per participant. */
    FOLDER,
    /** One row per time step: a sequence id, a label, optionally a group and a time/order column, the channel columns. */
    LONG,
    /** UCR/UEA univariate: one sequence per row, the label first, then the values; no header; tab or comma separated. */
    UCR
  }

  /**
   * Column names of the long layout (matched trimmed, case-insensitively).
   *
   * @param sequence the sequence id column (required)
   * @param label the class label column (required)
   * @param group the group (participant) column: a name (must exist), {@code "none"}, or null = {@code group} if the
   *     table has it, else every sequence is its own group
   * @param time the time/order column rows are sorted by within a sequence: a name (must exist), {@code "none"}, or
   *     null = the {@link SeriesOptions#timeColumn()} if the table has it, else file order
   */
  public record LongColumns(String sequence, String label, String group, String time) {
    /** Checks the required names. */
    public LongColumns {
      if (sequence == null || sequence.isBlank() || label == null || label.isBlank())
        throw new IllegalArgumentException("the sequence and label column names are required");
      if (group != null && group.isBlank()) group = null;
      if (time != null && time.isBlank()) time = null;
    }

    /** @return {@code sequence}, {@code label}, group and time detected */
    public static LongColumns defaults() {
      return new LongColumns("sequence", "label", null, null);
    }
  }

  /** Fills in the defaults and validates. */
  public SeriesOptions {
    if (mapping == null) mapping = SongMapping.defaults();
    if (minLength < 1) throw new IllegalArgumentException("minLength must be at least 1");
    if (timeColumn == null || timeColumn.isBlank()) throw new IllegalArgumentException("timeColumn is blank");
    timeColumn = timeColumn.strip();
    if (layout == null) layout = Layout.AUTO;
    if (longColumns == null) longColumns = LongColumns.defaults();
    if (limits == null) limits = ReadLimits.defaults();
  }

  /**
   * The options of the folder layout, layout detected, default long-layout columns and limits.
   *
   * @param mapping song → class, or null for the default
   * @param keepPadding keep trailing zeros
   * @param padUnequal pad unequal columns
   * @param minLength shortest series
   * @param timeColumn clock column
   */
  public SeriesOptions(SongMapping mapping, boolean keepPadding, boolean padUnequal, int minLength, String timeColumn) {
    this(mapping, keepPadding, padUnequal, minLength, timeColumn, Layout.AUTO, null, null);
  }

  /** @return default mapping, padding trimmed, unequal lengths refused, minimum length 5, clock column {@code Time}, layout detected */
  public static SeriesOptions defaults() {
    return new SeriesOptions(null, false, false, 5, "Time");
  }

  /** @return a copy with another mapping */
  public SeriesOptions withMapping(SongMapping m) {
    return new SeriesOptions(m, keepPadding, padUnequal, minLength, timeColumn, layout, longColumns, limits);
  }

  /** @return a copy with {@code keepPadding} set */
  public SeriesOptions withKeepPadding(boolean keep) {
    return new SeriesOptions(mapping, keep, padUnequal, minLength, timeColumn, layout, longColumns, limits);
  }

  /** @return a copy with {@code padUnequal} set */
  public SeriesOptions withPadUnequal(boolean pad) {
    return new SeriesOptions(mapping, keepPadding, pad, minLength, timeColumn, layout, longColumns, limits);
  }

  /** @return a copy with another minimum length */
  public SeriesOptions withMinLength(int min) {
    return new SeriesOptions(mapping, keepPadding, padUnequal, min, timeColumn, layout, longColumns, limits);
  }

  /** @return a copy with another clock column name */
  public SeriesOptions withTimeColumn(String name) {
    return new SeriesOptions(mapping, keepPadding, padUnequal, minLength, name, layout, longColumns, limits);
  }

  /** @return a copy with another layout ({@link Layout#AUTO} detects it) */
  public SeriesOptions withLayout(Layout l) {
    return new SeriesOptions(mapping, keepPadding, padUnequal, minLength, timeColumn, l, longColumns, limits);
  }

  /** @return a copy with other long-layout column names */
  public SeriesOptions withLongColumns(LongColumns c) {
    return new SeriesOptions(mapping, keepPadding, padUnequal, minLength, timeColumn, layout, c, limits);
  }

  /** @return a copy with other read limits */
  public SeriesOptions withLimits(ReadLimits l) {
    return new SeriesOptions(mapping, keepPadding, padUnequal, minLength, timeColumn, layout, longColumns, l);
  }

  /** @return the read options for one file of the series (default sheet and delimiter, these limits) */
  public TableReadOptions readOptions() {
    return TableReadOptions.defaults().withLimits(limits);
  }
}
