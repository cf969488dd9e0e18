package org.distinct.data;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.distinct.util.AtomicFiles;

/**
 * Writes a {@link Table} as xlsx (fastexcel) or CSV (commons-csv), atomically, keeping the spreadsheet layout:
 * the header goes on {@link Table#headerRow()} and each data row on its {@link Table#rowNumber(int) row
 * number}; rows in between stay empty. Header cells are written as the {@link Table#originalNames() original
 * names} (so duplicates stay duplicates).
 *
 * <p>xlsx: a cell whose text is an integer is written as an integer number, another decimal number as a
 * double number (round-trips exactly), anything else as text. CSV: comma-separated, {@code \n} line ends,
 * UTF-8 without byte-order mark; an empty row before the header is written as a line of commas, as Excel
 * exports it; the output is a pure function of the table (byte-identical for equal tables).
 */
public final class TableWriter {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,15}");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private TableWriter() {}

  /**
   * Writes a CSV file atomically.
   *
   * @param table the table
   * @param file the target
   * @throws IOException on write errors (the target is then unchanged)
   */
  public static void writeCsv(Table table, Path file) throws IOException {
    AtomicFiles.write(file, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      CSVFormat fmt = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
      CSVPrinter p = new CSVPrinter(w, fmt);
      int m = table.cols();
      String empty = ",".repeat(Math.max(0, m - 1)) + "\n";
      int line = 1;
      for (; line < table.headerRow(); line++) w.write(empty);
      p.printRecord(table.originalNames());
      line++;
      String[] rec = new String[m];
      for (int r = 0; r < table.rows(); r++) {
        if (line < table.rowNumber(r)) p.flush();
        for (; line < table.rowNumber(r); line++) w.write(empty);
        for (int c = 0; c < m; c++) {
          String t = table.text(r, c);
          rec[c] = t == null ? "" : t;
        }
        p.printRecord((Object[]) rec);
        line++;
      }
      p.flush();
      w.flush();
    });
  }

  /**
   * Writes a one-sheet xlsx workbook atomically.
   *
   * @param table the table
   * @param file the target
   * @param sheetName the sheet name
   * @throws IOException on write errors (the target is then unchanged)
   */
  public static void writeXlsx(Table table, Path file, String sheetName) throws IOException {
    AtomicFiles.write(file, out -> {
      Workbook wb = new Workbook(out, "distinct", "1.0");
      Worksheet ws = wb.newWorksheet(sheetName);
      int m = table.cols();
      int h = table.headerRow() - 1;
      for (int c = 0; c < m; c++) ws.value(h, c, table.originalNames().get(c));
      for (int r = 0; r < table.rows(); r++) {
        int row = table.rowNumber(r) - 1;
        for (int c = 0; c < m; c++) {
          String t = table.text(r, c);
          if (t == null) continue;
          if (INTEGER.matcher(t).matches()) ws.value(row, c, Long.parseLong(t));
          else if (DECIMAL.matcher(t).matches()) ws.value(row, c, Double.parseDouble(t));
          else ws.value(row, c, t);
        }
        if (r % 1000 == 999) ws.flush();
      }
      wb.finish();
    });
  }
}
