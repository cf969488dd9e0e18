package org.distinct.data;

import java.util.Locale;
import org.distinct.BadInputException;

/**
 * What reading one file may cost at most, so that a hostile or broken file (a zip bomb, a line without end, a
 * sheet that claims a million columns) is refused in well under a second instead of exhausting memory or time.
 * Every breach is a {@link BadInputException} of one line that names the file, the limit and the command-line
 * option that raises it ({@link #option(Limit)}). What a file may cost for the Java heap at hand is
 * {@link MemoryBudget}'s check, before reading and while the cells arrive.
 *
 * <p>Defaults, and why (the real music–EEG data need at most 0.4 M cells and 13 MB of sheet XML; the largest
 * UCR/UEA univariate files about 4 M cells with rows of 18,000 values):
 * <ul>
 *   <li>{@code maxCells} 50,000,000 (rows × columns): 400 MB of doubles, which fits the default heap (a quarter
 *       of the memory) of a 16 GB laptop with room to work, and is 100 times the real data;
 *   <li>{@code maxRows} 20,000,000: a long-layout csv of 50 M cells with 2–3 columns;
 *   <li>{@code maxColumns} 100,000: five times the longest UCR/UEA series written one per row (Excel itself
 *       stops at 16,384);
 *   <li>{@code maxDecompressedBytes} 1 GiB for all the entries of one xlsx file that are read: about 40 M numeric
 *       cells of sheet XML;
 *   <li>{@code maxCompressionRatio} 100 (expanded bytes per compressed byte, checked once an entry has expanded
 *       past {@link #RATIO_GRACE_BYTES}): the limit Apache POI uses; sheets of numbers compress 4–10 times,
 *       repetitive ones about 30, while a bomb compresses about 1,000 times;
 *   <li>{@code maxLineLength} 1,000,000 characters per csv record: a UCR row of 18,000 values takes about 220,000.
 * </ul>
 *
 * @param maxCells most cells (data rows × columns) of one table
 * @param maxRows most data rows of one table
 * @param maxColumns most columns of one table
 * @param maxDecompressedBytes most bytes all entries read from one xlsx file may expand to
 * @param maxCompressionRatio most expanded bytes per compressed byte of one xlsx entry
 * @param maxLineLength most characters of one csv record (line)
 */
public record ReadLimits(
    long maxCells, long maxRows, int maxColumns, long maxDecompressedBytes, double maxCompressionRatio, int maxLineLength) {

  /** An xlsx entry may expand this far before its compression ratio is checked (small entries compress well). */
  public static final long RATIO_GRACE_BYTES = 1L << 20;

  /** The limits, by name; {@link #option(Limit)} gives the command-line option that raises each. */
  public enum Limit {
    /** {@link ReadLimits#maxCells()}. */
    CELLS,
    /** {@link ReadLimits#maxRows()}. */
    ROWS,
    /** {@link ReadLimits#maxColumns()}. */
    COLUMNS,
    /** {@link ReadLimits#maxDecompressedBytes()}. */
    DECOMPRESSED,
    /** {@link ReadLimits#maxCompressionRatio()}. */
    RATIO,
    /** {@link ReadLimits#maxLineLength()}. */
    LINE_LENGTH
  }

  /** Checks that every limit is positive. */
  public ReadLimits {
    if (maxCells < 1 || maxRows < 1 || maxColumns < 1 || maxDecompressedBytes < 1 || maxLineLength < 1
        || !(maxCompressionRatio >= 1))
      throw new IllegalArgumentException("read limits must be positive (ratio at least 1)");
  }

  /** @return the defaults of the class comment */
  public static ReadLimits defaults() {
    return new ReadLimits(50_000_000L, 20_000_000L, 100_000, 1L << 30, 100, 1_000_000);
  }

  /** @return a copy with another cell limit */
  public ReadLimits withMaxCells(long n) {
    return new ReadLimits(n, maxRows, maxColumns, maxDecompressedBytes, maxCompressionRatio, maxLineLength);
  }

  /** @return a copy with another row limit */
  public ReadLimits withMaxRows(long n) {
    return new ReadLimits(maxCells, n, maxColumns, maxDecompressedBytes, maxCompressionRatio, maxLineLength);
  }

  /** @return a copy with another column limit */
  public ReadLimits withMaxColumns(int n) {
    return new ReadLimits(maxCells, maxRows, n, maxDecompressedBytes, maxCompressionRatio, maxLineLength);
  }

  /** @return a copy with another decompressed-size limit, in bytes */
  public ReadLimits withMaxDecompressedBytes(long n) {
    return new ReadLimits(maxCells, maxRows, maxColumns, n, maxCompressionRatio, maxLineLength);
  }

  /** @return a copy with another compression-ratio limit */
  public ReadLimits withMaxCompressionRatio(double r) {
    return new ReadLimits(maxCells, maxRows, maxColumns, maxDecompressedBytes, r, maxLineLength);
  }

  /** @return a copy with another line-length limit, in characters */
  public ReadLimits withMaxLineLength(int n) {
    return new ReadLimits(maxCells, maxRows, maxColumns, maxDecompressedBytes, maxCompressionRatio, n);
  }

  /**
   * @param limit a limit
   * @return the command-line option that raises it, e.g. {@code --max-cells N}
   */
  public static String option(Limit limit) {
    return switch (limit) {
      case CELLS -> "--max-cells N";
      case ROWS -> "--max-rows N";
      case COLUMNS -> "--max-columns N";
      case DECOMPRESSED -> "--max-decompressed-mb N";
      case RATIO -> "--max-compression-ratio N";
      case LINE_LENGTH -> "--max-line-length N";
    };
  }

  /**
   * Builds the one-line refusal of a breach.
   *
   * @param file the file
   * @param row 1-based row where known, else 0
   * @param limit which limit
   * @param what what was found, e.g. {@code "more than 50,000,000 cells"}
   * @return the exception, naming the limit and the option that raises it
   */
  public static BadInputException breach(String file, int row, Limit limit, String what) {
    return BadInputException.at(file, row, null,
        what + " (limit " + limit.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "; raise it with " + option(limit) + ")");
  }

  /** @return {@code 1,234,567} */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
