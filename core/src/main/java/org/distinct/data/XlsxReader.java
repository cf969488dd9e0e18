package org.distinct.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.distinct.BadInputException;

/**
 * Reads one sheet of an xlsx workbook (Office Open XML, as Excel, LibreOffice and fastexcel write it) into a
 * {@link Table}, streaming the sheet XML.
 *
 * <p>Guards, before and during expansion: every zip entry read is checked against its declared size and
 * compression ratio before a byte is inflated, and counted while it inflates (declared sizes can lie): the total
 * may not exceed {@link ReadLimits#maxDecompressedBytes()}, and an entry that has expanded past
 * {@link ReadLimits#RATIO_GRACE_BYTES} may not exceed {@link ReadLimits#maxCompressionRatio()} times its
 * compressed size, nor beyond the size its zip header declares (so any entry expands at most the ratio times its
 * compressed size). Rows, columns and cells are counted by the {@link TableBuilder}.
 *
 * <p>Cells: numbers (from their stored decimal text, no string per cell), shared and inline strings, formula
 * results (the cached value), booleans ({@code TRUE}/{@code FALSE}), error values ({@link Table.CellKind#ERROR}) and
 * dates ({@link Table.CellKind#DATE}: cells of type {@code d} and number cells with a date or time format, given in
 * ISO form).
 */
final class XlsxReader {
  private static final byte[] SHEET = b("sheet"), NAME = b("name"), ID = b("id"), RELATIONSHIP = b("Relationship"),
      TARGET = b("Target"), TYPE = b("Type"), SI = b("si"), T = b("t"), RPH = b("rPh"), NUMFMT = b("numFmt"),
      NUMFMTID = b("numFmtId"), FORMATCODE = b("formatCode"), CELLXFS = b("cellXfs"), XF = b("xf"), ROW = b("row"),
      C = b("c"), R = b("r"), S = b("s"), V = b("v"), IS = b("is"), F = b("f"), SHEETDATA = b("sheetData"),
      DIMENSION = b("dimension"), REF = b("ref"), WORKBOOKPR = b("workbookPr"), DATE1904 = b("date1904"), COUNT = b("count");

  /** Cell types ({@code t} attribute), by index: numbers, shared string, formula string, inline string, boolean, error, date. */
  private static final byte[][] TYPES = {b("n"), b("s"), b("str"), b("inlineStr"), b("b"), b("e"), b("d")};
  private static final String[] TYPE_NAMES = {"n", "s", "str", "inlineStr", "b", "e", "d"};
  private static final Pattern NON_DIGITS = Pattern.compile("[^0-9]");

  private XlsxReader() {}

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Bytes of all entries read so far, against the limits. */
  private static final class Budget {
    final String src;
    final ReadLimits limits;
    long used;

    Budget(String src, ReadLimits limits) {
      this.src = src;
      this.limits = limits;
    }

    InputStream open(ZipFile zip, ZipEntry e) throws IOException {
      long size = e.getSize(), csize = e.getCompressedSize();
      long max = limits.maxDecompressedBytes();
      if (size > 0 && used + size > max)
        throw tooBig(e.getName(), used + size);
      if (size > ReadLimits.RATIO_GRACE_BYTES && csize > 0 && size > limits.maxCompressionRatio() * csize)
        throw tooDense(e.getName(), (double) size / csize);
      return new Counted(zip.getInputStream(e), e.getName(), csize, size);
    }

    BadInputException tooBig(String entry, long bytes) {
      return ReadLimits.breach(src, 0, ReadLimits.Limit.DECOMPRESSED, "xlsx entry '" + entry + "' expands to more than "
          + ReadLimits.count(limits.maxDecompressedBytes() >> 20) + " MB (" + ReadLimits.count(bytes) + " bytes in all entries read)");
    }

    BadInputException tooDense(String entry, double ratio) {
      return ReadLimits.breach(src, 0, ReadLimits.Limit.RATIO, String.format(Locale.ROOT,
          "xlsx entry '%s' expands %.0f times its compressed size, more than %.0f (a zip bomb?)", entry, ratio,
          limits.maxCompressionRatio()));
    }

    /** Counts inflated bytes and stops at the first breach. */
    private final class Counted extends FilterInputStream {
      private final String entry;
      private final long csize;
      private final long declared;
      private long n;

      Counted(InputStream in, String entry, long csize, long declared) {
        super(in);
        this.entry = entry;
        this.csize = csize;
        this.declared = declared;
      }

      private void count(long k) {
        n += k;
        used += k;
        if (declared >= 0 && n > declared)
          throw BadInputException.at(src, 0, null, "xlsx entry '" + entry + "' expands beyond the " + ReadLimits.count(declared)
              + " bytes its zip header declares (a crafted or damaged file)");
        if (used > limits.maxDecompressedBytes()) throw tooBig(entry, used);
        if (n > ReadLimits.RATIO_GRACE_BYTES && n > limits.maxCompressionRatio() * Math.max(1, csize)) throw tooDense(entry, (double) n / Math.max(1, csize));
      }

      @Override
      public int read() throws IOException {
        int c = super.read();
        if (c >= 0) count(1);
        return c;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int k = super.read(b, off, Math.min(len, 1 << 16));
        if (k > 0) count(k);
        return k;
      }
    }
  }

  /** A sheet of the workbook. */
  private record SheetRef(String name, String target) {}

  /**
   * @param file the workbook (checked to be a zip)
   * @param options sheet and limits
   * @return the table
   */
  static Table read(Path file, TableReadOptions options) {
    String src = file.toString();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Budget budget = new Budget(src, options.limits());
      String wbPath = "xl/workbook.xml";
      ZipEntry wbEntry = zip.getEntry(wbPath);
      if (wbEntry == null) throw BadInputException.at(src, 0, null, "not a readable xlsx workbook (no xl/workbook.xml)");
      boolean[] date1904 = new boolean[1];
      List<String[]> sheets = workbook(zip, wbEntry, budget, src, date1904);
      Map<String, String> rels = new HashMap<>();
      String[] special = new String[2]; // shared strings, styles
      ZipEntry relEntry = zip.getEntry("xl/_rels/workbook.xml.rels");
      if (relEntry != null) rels(zip, relEntry, budget, src, rels, special);
      if (sheets.isEmpty()) throw BadInputException.at(src, 0, null, "workbook has no sheet");
      SheetRef sheet = choose(sheets, rels, options.sheet(), src);
      String[] sst = sharedStrings(zip, resolve(special[0], "xl/sharedStrings.xml"), budget, src);
      boolean[] dateStyles = styles(zip, resolve(special[1], "xl/styles.xml"), budget, src);
      ZipEntry se = zip.getEntry(sheet.target());
      if (se == null) throw BadInputException.at(src, 0, null, "not a readable xlsx workbook (sheet '" + sheet.name() + "' is missing: " + sheet.target() + ")");
      try (InputStream in = budget.open(zip, se)) {
        return new SheetParser(new XmlScanner(in, src, se.getName()), src, options.limits(), sst, dateStyles, date1904[0], se.getSize()).parse();
      }
    } catch (BadInputException e) {
      throw e;
    } catch (ZipException e) {
      throw new BadInputException(src + ": not a readable xlsx workbook (" + oneLine(e) + ")", e);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(src + ": not a readable xlsx workbook (" + oneLine(e) + ")", e);
    }
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String t = m.replaceAll("\\s+", " ").trim();
    return t.length() > 160 ? t.substring(0, 157) + "..." : t;
  }

  private static String resolve(String target, String dflt) {
    return target == null ? dflt : target;
  }

  private static String partPath(String target) {
    if (target.startsWith("/")) return target.substring(1);
    String t = "xl/" + target;
    while (t.contains("/../")) t = t.replaceFirst("[^/]+/\\.\\./", "");
    return t;
  }

  private static List<String[]> workbook(ZipFile zip, ZipEntry e, Budget budget, String src, boolean[] date1904) throws IOException {
    List<String[]> out = new ArrayList<>();
    try (InputStream in = budget.open(zip, e)) {
      XmlScanner x = new XmlScanner(in, src, e.getName(), e.getSize());
      for (int ev; (ev = x.next()) != XmlScanner.EOF; ) {
        if (ev != XmlScanner.START) continue;
        if (x.is(SHEET)) {
          String name = x.attr(NAME);
          String id = x.attr(ID, true);
          out.add(new String[] {name == null ? "Sheet" + (out.size() + 1) : name, id});
        } else if (x.is(WORKBOOKPR)) {
          String d = x.attr(DATE1904);
          date1904[0] = d != null && (d.equals("1") || d.equalsIgnoreCase("true"));
        }
      }
    }
    return out;
  }

  private static void rels(ZipFile zip, ZipEntry e, Budget budget, String src, Map<String, String> rels, String[] special) throws IOException {
    try (InputStream in = budget.open(zip, e)) {
      XmlScanner x = new XmlScanner(in, src, e.getName(), e.getSize());
      for (int ev; (ev = x.next()) != XmlScanner.EOF; ) {
        if (ev != XmlScanner.START || !x.is(RELATIONSHIP)) continue;
        String id = x.attr(b("Id")), target = x.attr(TARGET), type = x.attr(TYPE);
        if (id == null || target == null) continue;
        String path = partPath(target);
        rels.put(id, path);
        if (type != null && type.endsWith("/sharedStrings")) special[0] = path;
        if (type != null && type.endsWith("/styles")) special[1] = path;
      }
    }
  }

  private static SheetRef choose(List<String[]> sheets, Map<String, String> rels, String want, String src) {
    int idx = 0;
    if (want != null) {
      idx = -1;
      for (int i = 0; i < sheets.size() && idx < 0; i++) if (sheets.get(i)[0].equals(want)) idx = i;
      for (int i = 0; i < sheets.size() && idx < 0; i++) if (sheets.get(i)[0].equalsIgnoreCase(want.strip())) idx = i;
      if (idx < 0 && want.strip().matches("\\d{1,6}")) {
        int k = Integer.parseInt(want.strip());
        if (k >= 1 && k <= sheets.size()) idx = k - 1;
      }
      if (idx < 0) {
        List<String> names = new ArrayList<>();
        for (String[] s : sheets) names.add(s[0]);
        throw BadInputException.at(src, 0, null, "no sheet named '" + want + "' (nor a sheet number 1–" + sheets.size()
            + "); sheets are: " + String.join(", ", names));
      }
    }
    String[] s = sheets.get(idx);
    String target = s[1] == null ? null : rels.get(s[1]);
    if (target == null) target = "xl/worksheets/sheet" + (idx + 1) + ".xml";
    return new SheetRef(s[0], target);
  }

  private static String[] sharedStrings(ZipFile zip, String path, Budget budget, String src) throws IOException {
    ZipEntry e = zip.getEntry(path);
    if (e == null) return new String[0];
    List<String> out = new ArrayList<>();
    try (InputStream in = budget.open(zip, e)) {
      XmlScanner x = new XmlScanner(in, src, e.getName(), e.getSize());
      StringBuilder sb = null;
      int skip = 0; // depth inside rPh (phonetic runs, not part of the text)
      boolean inT = false;
      for (int ev; (ev = x.next()) != XmlScanner.EOF; ) {
        if (ev == XmlScanner.START) {
          if (x.is(SI)) sb = new StringBuilder();
          else if (x.is(RPH)) skip++;
          else if (x.is(T)) inT = true;
        } else if (ev == XmlScanner.END) {
          if (x.is(SI) && sb != null) {
            out.add(sb.toString());
            sb = null;
          } else if (x.is(RPH)) skip--;
          else if (x.is(T)) inT = false;
        } else if (inT && skip == 0 && sb != null) sb.append(x.text());
      }
    }
    return out.toArray(String[]::new);
  }

  /** @return per cell format index (cellXfs), whether it formats numbers as dates or times */
  private static boolean[] styles(ZipFile zip, String path, Budget budget, String src) throws IOException {
    ZipEntry e = zip.getEntry(path);
    if (e == null) return new boolean[0];
    Map<Long, String> custom = new HashMap<>();
    List<Boolean> out = new ArrayList<>();
    try (InputStream in = budget.open(zip, e)) {
      XmlScanner x = new XmlScanner(in, src, e.getName(), e.getSize());
      boolean inXfs = false;
      for (int ev; (ev = x.next()) != XmlScanner.EOF; ) {
        if (ev == XmlScanner.START) {
          if (x.is(NUMFMT)) custom.put(x.attrLong(NUMFMTID, -1), x.attr(FORMATCODE));
          else if (x.is(CELLXFS)) inXfs = true;
          else if (inXfs && x.is(XF)) {
            long id = x.attrLong(NUMFMTID, 0);
            out.add(isDateFormat(id, custom.get(id)));
          }
        } else if (ev == XmlScanner.END && x.is(CELLXFS)) inXfs = false;
      }
    }
    boolean[] r = new boolean[out.size()];
    for (int i = 0; i < r.length; i++) r[i] = out.get(i);
    return r;
  }

  /**
   * @param id number format id
   * @param code its format code if custom, else null
   * @return whether numbers with this format are dates or times (built-in ids 14–22, 27–36, 45–47, 50–58; a
   *     custom code with y, m, d, h or s outside quotes, brackets and escapes)
   */
  static boolean isDateFormat(long id, String code) {
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) return true;
    if (code == null) return false;
    String c = code.replaceAll("\"[^\"]*\"", "").replaceAll("\\[(?i)(h+|m+|s+)\\]", "h").replaceAll("\\[[^]]*\\]", "")
        .replaceAll("\\\\.", "").replaceAll("[_*].", "").toLowerCase(Locale.ROOT);
    if (c.equals("general")) return false;
    for (int i = 0; i < c.length(); i++) {
      char ch = c.charAt(i);
      if (ch == 'y' || ch == 'm' || ch == 'd' || ch == 'h' || ch == 's') return true;
    }
    return false;
  }

  /**
   * @param serial an Excel date serial number
   * @param date1904 whether the workbook counts from 1904
   * @return the ISO date ({@code 2021-03-04}) or date-time ({@code 2021-03-04 12:30:00})
   */
  static String isoDate(double serial, boolean date1904) {
    if (!(serial >= 0) || serial > 2_958_465) return "date serial " + Table.canonical(serial);
    long days = (long) Math.floor(serial);
    long secs = Math.round((serial - days) * 86_400);
    if (secs == 86_400) {
      days++;
      secs = 0;
    }
    LocalDate d;
    if (date1904) d = LocalDate.of(1904, 1, 1).plusDays(days);
    else if (days == 60) return "1900-02-29"; // Excel's fictitious leap day
    else d = LocalDate.of(1899, 12, days < 60 ? 31 : 30).plusDays(days);
    if (secs == 0) return d.toString();
    LocalDateTime t = d.atStartOfDay().plusSeconds(secs);
    return String.format(Locale.ROOT, "%s %02d:%02d:%02d", d, t.getHour(), t.getMinute(), t.getSecond());
  }

  /** Streams the sheet XML into a {@link TableBuilder}. */
  private static final class SheetParser {
    private final XmlScanner x;
    private final String src;
    private final ReadLimits limits;
    private final String[] sst;
    private final double[] sstNum; // [sst.length] the string as a number, or NaN; lazily filled
    private final boolean[] sstDone;
    private final boolean[] dateStyles;
    private final boolean date1904;
    private final long entrySize;
    private TableBuilder b;
    private int rowNum, nextCol;

    SheetParser(XmlScanner x, String src, ReadLimits limits, String[] sst, boolean[] dateStyles, boolean date1904, long entrySize) {
      this.x = x;
      this.src = src;
      this.limits = limits;
      this.sst = sst;
      this.sstNum = new double[sst.length];
      this.sstDone = new boolean[sst.length];
      this.dateStyles = dateStyles;
      this.date1904 = date1904;
      this.entrySize = entrySize;
    }

    Table parse() throws IOException {
      long hintRows = 0;
      for (int ev; (ev = x.next()) != XmlScanner.EOF; ) {
        if (ev != XmlScanner.START) continue;
        if (x.is(DIMENSION)) hintRows = dimensionRows(x.attr(REF));
        else if (x.is(SHEETDATA)) {
          long bySize = entrySize > 0 ? entrySize / 24 : hintRows;
          b = new TableBuilder(src, limits, true, false, Math.min(hintRows, bySize));
          sheetData();
        }
      }
      if (b == null) b = new TableBuilder(src, limits, true, false, 0);
      return b.finish();
    }

    private static long dimensionRows(String ref) {
      if (ref == null) return 0;
      int colon = ref.indexOf(':');
      String last = colon < 0 ? ref : ref.substring(colon + 1);
      String digits = NON_DIGITS.matcher(last).replaceAll("");
      if (digits.isEmpty() || digits.length() > 9) return 0;
      return Long.parseLong(digits);
    }

    private void sheetData() throws IOException {
      while (true) {
        if (x.numberCell()) {
          numberCell(); // the usual number cell, read in one step
          continue;
        }
        int row = x.rowStart(); // the usual row tags, too
        if (row > 0) {
          startRow(row);
          continue;
        }
        if (x.rowEnd()) {
          b.endRow(-1);
          continue;
        }
        int ev = x.next();
        if (ev == XmlScanner.EOF) return;
        if (ev == XmlScanner.START && x.is(ROW)) {
          long r = x.attrLong(R, rowNum + 1L);
          if (r < 1 || r > Integer.MAX_VALUE) throw x.error("a row number out of range");
          startRow((int) r);
        } else if (ev == XmlScanner.END && x.is(ROW)) b.endRow(-1);
        else if (ev == XmlScanner.START && x.is(C)) cell();
        else if (ev == XmlScanner.END && x.is(SHEETDATA)) return;
      }
    }

    private void startRow(int r) {
      rowNum = r;
      nextCol = 0;
      b.startRow(rowNum);
    }

    /** Hands the number cell {@link XmlScanner#numberCell()} has just read to the builder, as {@link #cell()} would. */
    private void numberCell() {
      int col = column(x.cellColumn());
      emit(col, null, x.cellStyle(), x.cellNumber(), null, null, null);
    }

    /** @return the cell's column, checked against the limit; the next cell's default column is the one after it */
    private int column(int col) {
      if (col >= limits.maxColumns())
        throw ReadLimits.breach(src, rowNum, ReadLimits.Limit.COLUMNS, "a cell in column " + (col == Integer.MAX_VALUE ? "beyond XFD" : TableReader.columnLetter(col))
            + ", more than " + ReadLimits.count(limits.maxColumns()) + " columns");
      nextCol = col + 1;
      return col;
    }

    /** Reads one {@code <c>} element (the scanner is on its start) and hands the value to the builder. */
    private void cell() throws IOException {
      int c = x.attrColumn(R);
      int col = column(c < 0 ? nextCol : c);
      int code = x.attrChoice(T, TYPES);
      if (code == -2) throw x.error("unknown cell type '" + x.attr(T) + "'");
      String type = code <= 0 ? null : TYPE_NAMES[code];
      long style = x.attrLong(S, 0);
      double number = Double.NaN;
      String value = null;
      StringBuilder inline = null;
      String formula = null;
      int depth = 1;
      int where = 0; // 1 in <v>, 2 in <is><t>, 3 in <f>
      boolean inIs = false, inRph = false;
      while (depth > 0) {
        int ev = x.next();
        if (ev == XmlScanner.EOF) throw x.error("unexpected end inside a cell");
        if (ev == XmlScanner.START) {
          depth++;
          if (x.is(V)) where = 1;
          else if (x.is(IS)) inIs = true;
          else if (x.is(RPH)) inRph = true;
          else if (inIs && x.is(T)) where = inRph ? 0 : 2;
          else if (x.is(F)) where = 3;
        } else if (ev == XmlScanner.END) {
          depth--;
          if (x.is(RPH)) inRph = false;
          else if (x.is(IS)) inIs = false;
          where = 0;
        } else if (where == 1) {
          if (type == null || type.equals("n")) number = x.textNumber();
          if (Double.isNaN(number)) value = value == null ? x.text() : value + x.text();
        } else if (where == 2) {
          if (inline == null) inline = new StringBuilder();
          inline.append(x.text());
        } else if (where == 3) formula = formula == null ? x.text() : formula + x.text();
      }
      emit(col, type, style, number, value, inline, formula);
    }

    private void emit(int col, String type, long style, double number, String value, StringBuilder inline, String formula) {
      if (type == null || type.equals("n")) {
        if (!Double.isNaN(number)) {
          if (style < dateStyles.length && dateStyles[(int) style]) b.text(col, isoDate(number, date1904), Table.K_DATE);
          else b.number(col, number);
        } else if (value != null) b.text(col, value, Table.K_TEXT);
        else if (formula != null) b.text(col, "=" + formula, Table.K_ERROR);
        return;
      }
      switch (type) {
        case "s" -> shared(col, value);
        case "str" -> {
          if (value != null) b.text(col, value, Table.K_TEXT);
        }
        case "inlineStr" -> {
          if (inline != null) b.text(col, inline.toString(), Table.K_TEXT);
        }
        case "b" -> {
          if (value != null) b.text(col, value.strip().equals("1") ? "TRUE" : "FALSE", Table.K_TEXT);
        }
        case "e" -> b.text(col, value == null ? "#ERROR" : value, Table.K_ERROR);
        case "d" -> {
          if (value != null) b.text(col, value.strip().replace('T', ' '), Table.K_DATE);
        }
        default -> throw x.error("unknown cell type '" + type + "'");
      }
    }

    private void shared(int col, String value) {
      if (value == null) return;
      int idx;
      try {
        idx = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw x.error("a shared-string index that is not a number");
      }
      if (idx < 0 || idx >= sst.length) throw x.error("shared string " + idx + " does not exist");
      if (!sstDone[idx]) {
        sstNum[idx] = Table.parse(sst[idx].strip(), false);
        sstDone[idx] = true;
      }
      if (!Double.isNaN(sstNum[idx]) && b.width() > 0) b.number(col, sstNum[idx]);
      else b.text(col, sst[idx], Table.K_TEXT);
    }
  }
}
