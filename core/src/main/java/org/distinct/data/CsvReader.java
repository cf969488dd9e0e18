package org.distinct.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.distinct.BadInputException;

/**
 * Reads a CSV/TSV text table by streaming its bytes twice, never holding the file in memory: a prescan checks
 * the {@link ReadLimits} (record length, rows, columns, cells) before anything is stored, counts the rows for an
 * exact allocation and decides the charset (UTF-8 if the whole file is valid UTF-8, else Windows-1252); the
 * parse then splits records (RFC 4180 quoting, {@code ""} inside quotes, line ends {@code \n}, {@code \r\n} or
 * {@code \r}, spaces around fields ignored) and hands number fields to the {@link TableBuilder} as doubles parsed
 * from the bytes ({@link NumberParser}); only text fields become strings.
 */
final class CsvReader {
  private static final int CHUNK = 1 << 20;
  private static final int HEAD_LINES = 22;
  private static final int HEAD_BYTES = 4 << 20;

  private CsvReader() {}

  /** What the prescan found. */
  private record Scan(long rows, boolean utf8, long maxFields) {}

  /**
   * @param file the file (readable)
   * @param options delimiter and limits
   * @return the table
   */
  static Table read(Path file, TableReadOptions options) {
    String src = file.toString();
    try {
      char delim = options.delimiter() != null ? options.delimiter() : TableReader.detectDelimiter(head(file), src);
      if (delim > 0x7F) throw BadInputException.at(src, 0, null, "the delimiter must be an ASCII character");
      Scan scan = prescan(file, (byte) delim, options.limits(), src);
      TableBuilder b = new TableBuilder(src, options.limits(), false, delim != ',', scan.rows());
      parse(file, (byte) delim, scan.utf8() ? StandardCharsets.UTF_8 : Charset.forName("windows-1252"), b);
      return b.finish();
    } catch (IOException e) {
      throw TableReader.cannotRead(file, e);
    }
  }

  /**
   * Reads a text table without a header (every non-blank line is a row; columns named 1, 2, …; short rows padded
   * with empty cells), e.g. a UCR file.
   *
   * @param file the file (readable)
   * @param delim the field separator
   * @param limits the limits
   * @return the table (header row 0)
   */
  static Table readHeaderless(Path file, char delim, ReadLimits limits) {
    String src = file.toString();
    try {
      Scan scan = prescan(file, (byte) delim, limits, src);
      TableBuilder b = new TableBuilder(src, limits, false, delim != ',', scan.rows());
      b.headerless((int) Math.max(1, scan.maxFields()));
      parse(file, (byte) delim, scan.utf8() ? StandardCharsets.UTF_8 : Charset.forName("windows-1252"), b);
      return b.finish();
    } catch (IOException e) {
      throw TableReader.cannotRead(file, e);
    }
  }

  /**
   * @param file a text file
   * @param maxBytes most bytes to look at
   * @return its first non-blank line (BOM skipped, one char per byte), or null if there is none within the bytes
   */
  static String firstLine(Path file, int maxBytes) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes(maxBytes);
      int from = b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF ? 3 : 0;
      int start = from;
      for (int i = from; i <= b.length; i++) {
        if (i < b.length && b[i] != '\n' && b[i] != '\r') continue;
        for (int k = start; k < i; k++)
          if (b[k] > ' ') return new String(b, start, i - start, StandardCharsets.ISO_8859_1);
        start = i + 1;
      }
      return null;
    } catch (IOException e) {
      throw TableReader.cannotRead(file, e);
    }
  }

  /** @return the first lines of the file (enough for delimiter detection), one char per byte */
  private static String head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[64 << 10];
      int n = 0, lines = 0;
      while (n < HEAD_BYTES && lines < HEAD_LINES) {
        if (n == buf.length) buf = Arrays.copyOf(buf, Math.min(HEAD_BYTES, buf.length * 2));
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) break;
        for (int i = n; i < n + r; i++) if (buf[i] == '\n' || buf[i] == '\r') lines++;
        n += r;
      }
      int from = n >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF ? 3 : 0;
      return new String(buf, from, n - from, StandardCharsets.ISO_8859_1);
    }
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\f' || c == 0x0B;
  }

  // ---------------------------------------------------------------- prescan

  /** Checks limits, counts non-blank records and validates UTF-8, streaming. */
  private static Scan prescan(Path file, byte delim, ReadLimits lim, String src) throws IOException {
    long line = 1, recStartLine = 1, records = 0, cells = 0;
    long chars = 0, fields = 1, maxFields = 0;
    boolean quoted = false, content = false, prevCr = false;
    Utf8Check utf = new Utf8Check();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[CHUNK];
      boolean first = true;
      int n;
      while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
        int i = 0;
        if (first && n >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) i = 3;
        first = false;
        utf.feed(buf, i, n);
        for (; i < n; i++) {
          byte c = buf[i];
          if (prevCr) {
            prevCr = false;
            if (c == '\n') continue;
          }
          if ((c & 0xC0) != 0x80) chars++;
          if (c == '"') {
            quoted = !quoted;
            content = true;
          } else if (c == '\n' || c == '\r') {
            line++;
            prevCr = c == '\r';
            if (quoted) continue;
            if (content) {
              records++;
              cells += fields;
              maxFields = Math.max(maxFields, fields);
              checkRecord(lim, src, recStartLine, records, fields, cells);
            }
            chars = 0;
            fields = 1;
            content = false;
            recStartLine = line;
            continue;
          } else if (c == delim && !quoted) fields++;
          else if (!isSpace(c)) content = true;
          if (chars > lim.maxLineLength())
            throw ReadLimits.breach(src, (int) Math.min(Integer.MAX_VALUE, recStartLine), ReadLimits.Limit.LINE_LENGTH,
                "a line of more than " + ReadLimits.count(lim.maxLineLength()) + " characters");
        }
      }
    }
    if (content) {
      records++;
      cells += fields;
      maxFields = Math.max(maxFields, fields);
      checkRecord(lim, src, recStartLine, records, fields, cells);
    }
    return new Scan(records, utf.valid(), maxFields);
  }

  private static void checkRecord(ReadLimits lim, String src, long line, long records, long fields, long cells) {
    int row = (int) Math.min(Integer.MAX_VALUE, line);
    if (fields > lim.maxColumns())
      throw ReadLimits.breach(src, row, ReadLimits.Limit.COLUMNS, "more than " + ReadLimits.count(lim.maxColumns()) + " columns");
    if (records > lim.maxRows() + 1)
      throw ReadLimits.breach(src, row, ReadLimits.Limit.ROWS, "more than " + ReadLimits.count(lim.maxRows()) + " data rows");
    if (cells > lim.maxCells() + fields)
      throw ReadLimits.breach(src, row, ReadLimits.Limit.CELLS, "more than " + ReadLimits.count(lim.maxCells()) + " cells");
  }

  /** Strict UTF-8 validation (no overlong forms, no surrogates, at most U+10FFFF), fed in chunks. */
  private static final class Utf8Check {
    private int need; // continuation bytes still expected
    private int lo = 0x80, hi = 0xBF; // allowed range of the next continuation byte
    private boolean bad;

    void feed(byte[] b, int from, int to) {
      if (bad) return;
      for (int i = from; i < to; i++) {
        int c = b[i] & 0xFF;
        if (need > 0) {
          if (c < lo || c > hi) {
            bad = true;
            return;
          }
          need--;
          lo = 0x80;
          hi = 0xBF;
          continue;
        }
        if (c < 0x80) continue;
        if (c >= 0xC2 && c <= 0xDF) need = 1;
        else if (c == 0xE0) { need = 2; lo = 0xA0; }
        else if (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) need = 2;
        else if (c == 0xED) { need = 2; hi = 0x9F; }
        else if (c == 0xF0) { need = 3; lo = 0x90; }
        else if (c >= 0xF1 && c <= 0xF3) need = 3;
        else if (c == 0xF4) { need = 3; hi = 0x8F; }
        else {
          bad = true;
          return;
        }
      }
    }

    boolean valid() {
      return !bad && need == 0;
    }
  }

  // ---------------------------------------------------------------- parse

  /** Streams the file record by record into the builder. */
  private static void parse(Path file, byte delim, Charset cs, TableBuilder b) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      Records rec = new Records(in, b.source());
      Fields f = new Fields(delim, cs, b);
      while (rec.next()) f.record(rec.buf, rec.start, rec.end, rec.line);
    }
  }

  /** Splits the byte stream into records (quote-aware), refilling and growing one buffer. */
  private static final class Records {
    private final InputStream in;
    private final String src;
    byte[] buf = new byte[CHUNK];
    int start, end; // the record [start, end)
    long line = 1; // 1-based line where the record starts
    private int pos, lim;
    private boolean eof, first = true;
    private long nextLine = 1;

    Records(InputStream in, String src) {
      this.in = in;
      this.src = src;
    }

    boolean next() throws IOException {
      line = nextLine;
      int i = pos;
      boolean quoted = false;
      while (true) {
        if (i >= lim) {
          if (eof) {
            if (quoted) throw BadInputException.at(src, (int) line, null, "a quoted field is not closed (a '\"' is missing)");
            if (i == pos) return false;
            start = pos;
            end = i;
            pos = i;
            return true;
          }
          i = refill(i);
          continue;
        }
        byte c = buf[i];
        if (c == '"') quoted = !quoted;
        else if (c == '\n' || c == '\r') {
          if (c == '\r') {
            if (i + 1 >= lim && !eof) {
              i = refill(i);
              continue;
            }
          }
          nextLine++;
          int brk = i;
          if (c == '\r' && i + 1 < lim && buf[i + 1] == '\n') i++;
          if (!quoted) {
            start = pos;
            end = brk;
            pos = i + 1;
            return true;
          }
        }
        i++;
      }
    }

    /** Moves the current record to the front, reads more; returns the scan position after the move. */
    private int refill(int i) throws IOException {
      int keep = lim - pos;
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, keep);
        i -= pos;
        start -= pos;
        pos = 0;
        lim = keep;
      }
      if (lim == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
      int n = in.read(buf, lim, buf.length - lim);
      if (n < 0) eof = true;
      else {
        if (first && lim == 0 && n >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
          System.arraycopy(buf, 3, buf, 0, n - 3);
          n -= 3;
        }
        first = false;
        lim += n;
      }
      return i;
    }
  }

  /** Tokenizes one record into fields and hands them to the builder. */
  private static final class Fields {
    private final byte delim;
    private final Charset cs;
    private final TableBuilder b;
    private byte[] scratch = new byte[256];

    Fields(byte delim, Charset cs, TableBuilder b) {
      this.delim = delim;
      this.cs = cs;
      this.b = b;
    }

    void record(byte[] buf, int from, int to, long line) {
      int row = (int) Math.min(Integer.MAX_VALUE, line);
      b.startRow(row);
      int col = 0;
      int i = from;
      while (true) {
        while (i < to && isSpace(buf[i]) && buf[i] != delim) i++;
        if (i < to && buf[i] == '"') i = quoted(buf, i + 1, to, col, row);
        else {
          int s = i;
          while (i < to && buf[i] != delim) i++;
          int e = i;
          while (e > s && isSpace(buf[e - 1])) e--;
          if (e > s) value(buf, s, e, col);
        }
        if (i >= to) break;
        i++; // the delimiter
        col++;
      }
      b.endRow(col + 1);
    }

    /** Reads a quoted field starting after its opening quote; returns the index of the delimiter or end. */
    private int quoted(byte[] buf, int i, int to, int col, int row) {
      int n = 0;
      while (true) {
        if (i >= to) throw BadInputException.at(b.source(), row, null, "a quoted field is not closed (a '\"' is missing)");
        byte c = buf[i];
        if (c == '"') {
          if (i + 1 < to && buf[i + 1] == '"') {
            n = put(n, c);
            i += 2;
            continue;
          }
          i++;
          break;
        }
        n = put(n, c);
        i++;
      }
      while (i < to && buf[i] != delim) {
        if (!isSpace(buf[i]))
          throw BadInputException.at(b.source(), row, null, "text after the closing quote of a field (quote the whole field)");
        i++;
      }
      int s = 0, e = n;
      while (s < e && isSpace(scratch[s])) s++;
      while (e > s && isSpace(scratch[e - 1])) e--;
      if (e > s) value(scratch, s, e, col);
      return i;
    }

    private int put(int n, byte c) {
      if (n == scratch.length) scratch = Arrays.copyOf(scratch, n * 2);
      scratch[n] = c;
      return n + 1;
    }

    private void value(byte[] buf, int s, int e, int col) {
      byte c = buf[s];
      if (b.width() > 0 && ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == ',')) {
        double v = NumberParser.parse(buf, s, e, delim != ',');
        if (!Double.isNaN(v)) {
          b.number(col, v);
          return;
        }
      }
      if (e - s == 3 && (buf[s] == 'N' || buf[s] == 'n') && (buf[s + 1] == 'a' || buf[s + 1] == 'A') && (buf[s + 2] == 'N' || buf[s + 2] == 'n'))
        b.text(col, NAN, Table.K_TEXT); // UCR padding: no string per cell
      else b.text(col, new String(buf, s, e - s, cs), Table.K_TEXT);
    }

    private static final String NAN = "NaN";
  }
}
