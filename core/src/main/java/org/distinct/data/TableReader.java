package org.distinct.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.distinct.BadInputException;

/**
 * Reads one sheet of an {@code .xlsx} workbook ({@link XlsxReader}) or a {@code .csv}/{@code .tsv}/{@code .txt}
 * text table ({@link CsvReader}) into a {@link Table} of raw cells, within the {@link ReadLimits} of the options
 * (each breach is refused in one line naming the limit and the option that raises it).
 *
 * <p>Rules:
 * <ul>
 *   <li>The header is the first non-empty row (a row is empty when all its cells are blank, e.g. the
 *       {@code ,,,} line Excel writes for an empty row). Rows keep their spreadsheet numbers (1-based).
 *   <li>Rows whose cells are all blank are skipped wherever they occur; they hold no data.
 *   <li>The table is as wide as the last non-blank header cell. A blank header cell over a column that holds
 *       data is an error; a blank header cell over a blank column drops that column.
 *   <li>CSV: the delimiter is detected on the header line among {@code ,} {@code ;} and tab, ignoring quoted
 *       text: the one that occurs there is used. If several occur, the one that splits the next (up to 20)
 *       lines into the same number of fields as the header, and alone does so, is used; otherwise the file is
 *       refused as ambiguous. With {@code ;} or tab, a single comma in a number is a decimal point. Text is
 *       UTF-8 (a byte-order mark is skipped), or Windows-1252 if it is not valid UTF-8.
 *   <li>CSV rows must have as many fields as the header (extra fields are allowed only if blank); xlsx rows
 *       may not have values to the right of the last header column.
 *   <li>Files ending {@code .xlsx}/{@code .xlsm} are read as workbooks, {@code .csv}/{@code .tsv}/{@code .txt}
 *       as text, {@code .xls} is refused (old binary format); other names are sniffed (zip = workbook).
 * </ul>
 * Every problem is a {@link BadInputException} naming the file, and the row/column where there is one.
 */
public final class TableReader {
  private static final int SNIFF_LINES = 20;

  private TableReader() {}

  /**
   * Reads the first sheet (xlsx) or the whole file (CSV) with a detected delimiter.
   *
   * @param file the file
   * @return the table
   * @throws BadInputException if the file cannot be read or is not a table
   */
  public static Table read(Path file) {
    return read(file, TableReadOptions.defaults());
  }

  /**
   * Reads a table.
   *
   * @param file the file
   * @param options sheet and delimiter choices
   * @return the table
   * @throws BadInputException if the file cannot be read or is not a table
   */
  public static Table read(Path file, TableReadOptions options) {
    return read(file, options, -1);
  }

  /**
   * Reads a table whose memory estimate has been made already ({@link #read(Path, TableReadOptions)} otherwise).
   *
   * @param file the file
   * @param options sheet and delimiter choices
   * @param estimatedCells its cells as {@link MemoryBudget#estimateCells} estimated them, or -1 to estimate here
   * @return the table
   * @throws BadInputException if the file cannot be read or is not a table
   */
  static Table read(Path file, TableReadOptions options, long estimatedCells) {
    String src = file.toString();
    checkReadable(file);
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".xls"))
      throw BadInputException.at(src, 0, null, "old binary .xls format is not supported; save it as .xlsx or .csv");
    boolean xlsx;
    if (name.endsWith(".xlsx") || name.endsWith(".xlsm")) xlsx = true;
    else if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) xlsx = false;
    else xlsx = startsWithZipMagic(file);
    MemoryBudget.requireTable(file, estimatedCells >= 0 ? estimatedCells : MemoryBudget.estimateCells(file)); // too large: refused before reading
    return xlsx ? readXlsx(file, options) : readCsv(file, options);
  }

  /**
   * Reads a headerless text file of a UCR/UEA archive: every non-blank line is a row, fields separated by tabs if
   * the first line has one, else by commas; columns are named {@code 1}, {@code 2}, …; shorter rows get empty cells.
   *
   * @param file the file
   * @param limits what reading may cost at most
   * @return the table (header row 0)
   * @throws BadInputException if the file cannot be read or breaks a limit
   */
  static Table readUcr(Path file, ReadLimits limits) {
    checkReadable(file);
    String first = CsvReader.firstLine(file, 1 << 20);
    if (first == null) throw BadInputException.at(file.toString(), 0, null, "file is empty (no data rows)");
    MemoryBudget.checkTable(file); // too large for the heap: refused before reading
    return CsvReader.readHeaderless(file, first.indexOf('\t') >= 0 ? '\t' : ',', limits);
  }

  /** Refuses missing files, folders and unreadable paths with one clear line. */
  static void checkReadable(Path file) {
    String src = file.toString();
    if (!Files.exists(file)) throw BadInputException.at(src, 0, null, "file not found");
    if (Files.isDirectory(file))
      throw BadInputException.at(src, 0, null, "is a folder; expected a file (.xlsx, .csv, .tsv or .txt)");
    if (!Files.isReadable(file)) throw BadInputException.at(src, 0, null, "cannot be read (permission denied)");
  }

  private static boolean startsWithZipMagic(Path file) {
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      int n = in.readNBytes(head, 0, 4);
      return n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    } catch (IOException e) {
      throw cannotRead(file, e);
    }
  }

  static BadInputException cannotRead(Path file, IOException e) {
    String src = file.toString();
    if (e instanceof NoSuchFileException) return new BadInputException(src + ": file not found", e);
    if (e instanceof AccessDeniedException) return new BadInputException(src + ": cannot be read (permission denied)", e);
    return new BadInputException(src + ": cannot be read: " + e.getMessage(), e);
  }

  // ---------------------------------------------------------------- xlsx

  private static Table readXlsx(Path file, TableReadOptions options) {
    String src = file.toString();
    byte[] head = new byte[8];
    try (InputStream in = Files.newInputStream(file)) {
      int n = in.readNBytes(head, 0, 8);
      if (n == 0) throw BadInputException.at(src, 0, null, "file is empty (no header row)");
      if (n == 8 && isOle2(head))
        throw BadInputException.at(src, 0, null,
            "is an old binary Excel file (or encrypted workbook), not .xlsx; save it as .xlsx or .csv");
      if (n < 4 || !(head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4))
        throw BadInputException.at(src, 0, null, "is not an xlsx workbook (not a zip archive)");
    } catch (IOException e) {
      throw cannotRead(file, e);
    }
    return XlsxReader.read(file, options);
  }

  private static boolean isOle2(byte[] h) {
    int[] magic = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    for (int i = 0; i < 8; i++) if ((h[i] & 0xFF) != magic[i]) return false;
    return true;
  }

  static String oneLine(String s) {
    String t = s.replaceAll("\\s+", " ").trim();
    return t.length() > 160 ? t.substring(0, 157) + "..." : t;
  }

  // ---------------------------------------------------------------- csv

  private static Table readCsv(Path file, TableReadOptions options) {
    return CsvReader.read(file, options);
  }

  /**
   * Detects the delimiter of CSV text (see the class comment for the rule).
   *
   * @param text the whole file text
   * @param source file name for messages
   * @return {@code ,} {@code ;} or tab
   * @throws BadInputException if there is no header line or the choice is ambiguous
   */
  static char detectDelimiter(String text, String source) {
    String[] lines = text.split("\r\n|\n|\r", -1);
    int header = -1;
    for (int i = 0; i < lines.length; i++) {
      if (hasContent(lines[i])) {
        header = i;
        break;
      }
    }
    if (header < 0) throw BadInputException.at(source, 0, null, "file is empty (no header row)");
    char[] candidates = {',', ';', '\t'};
    int[] counts = new int[3];
    int present = 0;
    int only = -1;
    for (int k = 0; k < 3; k++) {
      counts[k] = countOutsideQuotes(lines[header], candidates[k]);
      if (counts[k] > 0) {
        present++;
        only = k;
      }
    }
    if (present == 0) return ','; // a single column
    if (present == 1) return candidates[only];
    // Several occur on the header line: keep those that give every following line the header's field count.
    int consistent = 0;
    int pick = -1;
    for (int k = 0; k < 3; k++) {
      if (counts[k] == 0) continue;
      boolean ok = true;
      int checked = 0;
      for (int i = header + 1; i < lines.length && checked < SNIFF_LINES; i++) {
        if (lines[i].isBlank()) continue;
        checked++;
        if (countOutsideQuotes(lines[i], candidates[k]) != counts[k]) {
          ok = false;
          break;
        }
      }
      if (ok && checked > 0) {
        consistent++;
        pick = k;
      }
    }
    if (consistent == 1) return candidates[pick];
    StringBuilder found = new StringBuilder();
    for (int k = 0; k < 3; k++)
      if (counts[k] > 0) found.append(found.length() > 0 ? " and " : "").append(k == 2 ? "tab" : "'" + candidates[k] + "'");
    throw BadInputException.at(source, header + 1, null,
        "ambiguous CSV delimiter: the header line contains " + found
            + "; save the file with one delimiter or give the delimiter explicitly");
  }

  private static boolean hasContent(String line) {
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch != ',' && ch != ';' && ch != '\t' && ch != '"' && !Character.isWhitespace(ch) && ch != '\uFEFF') return true;
    }
    return false;
  }

  private static int countOutsideQuotes(String line, char delim) {
    int n = 0;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"') quoted = !quoted;
      else if (ch == delim && !quoted) n++;
    }
    return n;
  }

  /**
   * @param c 0-based column index
   * @return the spreadsheet column letters ({@code 0 → A}, {@code 26 → AA})
   */
  public static String columnLetter(int c) {
    StringBuilder sb = new StringBuilder();
    int x = c + 1;
    while (x > 0) {
      int rem = (x - 1) % 26;
      sb.append((char) ('A' + rem));
      x = (x - 1) / 26;
    }
    return sb.reverse().toString();
  }
}
