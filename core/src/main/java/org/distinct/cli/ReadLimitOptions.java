package org.distinct.cli;

import org.distinct.BadInputException;
import org.distinct.data.ReadLimits;
import picocli.CommandLine.Option;

/**
 * What reading one input file may cost at most (a picocli mixin of every command that reads data): the
 * {@link ReadLimits}, each raised by the option its refusal names.
 */
public final class ReadLimitOptions {
  @Option(names = "--max-cells", paramLabel = "N", description = "Most cells (rows × columns) of one table (default: 50,000,000).")
  Long maxCells;

  @Option(names = "--max-rows", paramLabel = "N", description = "Most data rows of one table (default: 20,000,000).")
  Long maxRows;

  @Option(names = "--max-columns", paramLabel = "N", description = "Most columns of one table (default: 100,000).")
  Integer maxColumns;

  @Option(names = "--max-decompressed-mb", paramLabel = "N", description = "Most MiB one .xlsx file may expand to (default: 1024).")
  Long maxDecompressedMb;

  @Option(names = "--max-compression-ratio", paramLabel = "N", description = "Most expansion of one .xlsx entry per compressed byte (default: 100).")
  Double maxCompressionRatio;

  @Option(names = "--max-line-length", paramLabel = "N", description = "Most characters of one csv line (default: 1,000,000).")
  Integer maxLineLength;

  /** @return the defaults with every limit given replaced */
  ReadLimits limits() {
    ReadLimits l = ReadLimits.defaults();
    try {
      if (maxCells != null) l = l.withMaxCells(maxCells);
      if (maxRows != null) l = l.withMaxRows(maxRows);
      if (maxColumns != null) l = l.withMaxColumns(maxColumns);
      if (maxDecompressedMb != null) l = l.withMaxDecompressedBytes(Math.multiplyExact(maxDecompressedMb, 1L << 20));
      if (maxCompressionRatio != null) l = l.withMaxCompressionRatio(maxCompressionRatio);
      if (maxLineLength != null) l = l.withMaxLineLength(maxLineLength);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new BadInputException("read limits: every --max-* value must be positive (the compression ratio at least 1): " + e.getMessage(), e);
    }
    return l;
  }
}
