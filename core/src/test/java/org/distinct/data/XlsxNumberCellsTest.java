package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.distinct.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader's one-step paths for number cells and row tags ({@link XmlScanner#numberCell()}, {@link XmlScanner#rowStart()},
 * {@link XmlScanner#rowEnd()}) give exactly what the event path gives:
 * random sheets of cells in many forms (the usual ones and near misses: other types, styles, spacing, missing or odd
 * references, texts that are not numbers, entities, columns past the limit, cells twice) are read as written and with a
 * space before every {@code </c>} and in every row tag, which no cell or row passes the one-step paths with; tables
 * and errors must be the same.
 */
class XlsxNumberCellsTest {
  @TempDir Path dir;

  private static final String STYLES = "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.00\"/></numFmts>"
      + "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"22\"/></cellXfs>";

  private static final String[] VALUES = {"0", "-0", "1", "42", "-7", "3.25", " 2.5 ", "1e3", "-1.5E-7", "+4", ".5", "5.", "1e400",
      "12345678901234567890", "0.1000000000000000055511151231257827", "4.9e-324", "abc", "", " ", "1,5", "1e", "--1", "&#49;",
      "1&amp;2", "TRUE", "2.2250738585072014E-308", "1.7976931348623157e308", "1\t", "\u00e91"};

  @Test
  void oneStepCellsReadExactlyAsTheEventPathReadsThem() throws IOException {
    SplittableRandom r = new SplittableRandom(11);
    int errors = 0, tables = 0;
    for (int k = 0; k < 300; k++) {
      int rows = k % 10 == 0 ? 2_000 + r.nextInt(2_000) : 1 + r.nextInt(30);
      String data = sheetData(r, 2 + r.nextInt(5), rows, k % 3 == 0);
      String slow = data.replace("</c>", " </c>").replace("<row r=", "<row  r=").replace("</row>", "</row >");
      String oneStep = read(k + "a", data), events = read(k + "b", slow);
      assertThat(oneStep).as("sheet " + k).isEqualTo(events);
      if (oneStep.startsWith("error")) errors++;
      else tables++;
    }
    assertThat(errors).as("sheets refused").isGreaterThan(30);
    assertThat(tables).as("sheets read").isGreaterThan(100);
  }

  @Test
  void theUsualFormsAreReadAsNumbers() throws IOException {
    String data = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>b</t></is></c></row>"
        + "<row r=\"2\"><c r=\"A2\" t=\"n\"><v>1.5</v></c><c r=\"B2\" s=\"2\" t=\"n\"><v> -2e3 </v></c></row>"
        + "<row r=\"3\"><c r=\"A3\" t=\"n\" s=\"1\"><v>45000</v></c><c r=\"B3\"><v>0.1</v></c></row>";
    assertThat(read("u", data)).isEqualTo("header 1 [a, b] rows [2, 3]\nNUMBER 1.5 0x1.8p0|NUMBER -2000 -0x1.f4p10|\n"
        + "DATE 2023-03-15 NaN|NUMBER 0.1 0x1.999999999999ap-4|\n");
  }

  /** @return the sheet's header row (inline strings) and data rows of cells in random forms */
  private static String sheetData(SplittableRandom r, int cols, int rows, boolean risky) {
    StringBuilder sb = new StringBuilder("<row r=\"1\">");
    for (int c = 0; c < cols; c++) sb.append("<c r=\"").append(TableReader.columnLetter(c)).append("1\" t=\"inlineStr\"><is><t>h").append(c).append("</t></is></c>");
    sb.append("</row>");
    for (int row = 2; row < rows + 2; row++) {
      sb.append(switch (risky ? r.nextInt(60) : 9) {
        case 0 -> "<row>";
        case 1 -> "<row r=\"0\">";
        case 2 -> "<row r=\"" + row + "\" spans=\"1:" + cols + "\">";
        case 3 -> "<row r=\"00" + row + "\">";
        case 4 -> "<row r=\"" + (row + 3_000_000_000L) + "\">";
        case 5 -> "<row r=\"" + row + "\"/><row r=\"" + (row + 1) + "\">";
        default -> "<row r=\"" + row + "\">";
      });
      for (int c = 0; c < cols; c++) {
        if (r.nextInt(12) == 0) continue; // a blank cell
        int col = risky && r.nextInt(400) == 0 ? r.nextInt(3) == 0 ? 16_384 + r.nextInt(2) : cols + r.nextInt(3) : c;
        if (risky && r.nextInt(500) == 0) col = Math.max(0, c - 1); // the cell twice
        sb.append(cell(r, col, row, risky));
      }
      sb.append("</row>");
    }
    return sb.toString();
  }

  private static String cell(SplittableRandom r, int col, int row, boolean risky) {
    String ref = switch (r.nextInt(risky ? 12 : 20)) {
      case 0 -> "";
      case 1 -> " r=\"" + TableReader.columnLetter(col).toLowerCase() + row + "\"";
      case 2 -> " r=\"" + TableReader.columnLetter(col) + "\"";
      case 3 -> "  r=\"" + TableReader.columnLetter(col) + row + "\"";
      default -> " r=\"" + TableReader.columnLetter(col) + row + "\"";
    };
    String t = switch (r.nextInt(10)) {
      case 0, 1, 2 -> " t=\"n\"";
      case 3 -> risky ? " t=\"str\"" : "";
      case 4 -> risky ? " t=\"x\"" : "";
      default -> "";
    };
    String s = switch (r.nextInt(8)) {
      case 0 -> " s=\"1\"";
      case 1 -> " s=\"2\"";
      case 2 -> " s=\"3\"";
      case 3 -> " s=\"" + (r.nextInt(3) == 0 ? "" : "9999999999") + "\"";
      case 4 -> " s=\"0\"";
      default -> "";
    };
    String attrs = r.nextBoolean() ? ref + t + s : ref + s + t;
    String v = r.nextInt(3) == 0 ? VALUES[r.nextInt(VALUES.length)] : number(r);
    if (!risky && (v.contains("&") || v.isBlank() || v.contains("\u00e9") || v.equals("abc"))) v = number(r);
    return r.nextInt(40) == 0 ? "<c" + attrs + "/>" : "<c" + attrs + "><v>" + v + "</v></c>";
  }

  private static String number(SplittableRandom r) {
    double x = switch (r.nextInt(4)) {
      case 0 -> r.nextInt(100_000) / 1000.0;
      case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
      case 2 -> Double.longBitsToDouble(r.nextLong());
      default -> r.nextInt(20) - 10;
    };
    if (!Double.isFinite(x)) x = 0.5;
    return switch (r.nextInt(3)) {
      case 0 -> Double.toString(x);
      case 1 -> String.format("%.6g", x);
      default -> String.format("%.17g", x);
    };
  }

  /** @return the table read from a workbook with this sheet data (kinds, texts, numbers' bits) or the error, source left out */
  private String read(String name, String sheetData) throws IOException {
    Path f = dir.resolve(name);
    Files.createDirectories(f);
    Path file = XlsxFiles.sheet(f.resolve("w.xlsx"), sheetData, STYLES);
    try {
      Table t = TableReader.read(file, TableReadOptions.defaults());
      StringBuilder sb = new StringBuilder("header " + t.headerRow() + " " + t.originalNames() + " rows ");
      sb.append(Arrays.toString(t.rowNumbers())).append('\n');
      for (int row = 0; row < t.rows(); row++) {
        for (int c = 0; c < t.cols(); c++) {
          double v = t.numberOrNaN(row, c);
          sb.append(t.kind(row, c)).append(' ').append(t.text(row, c)).append(' ').append(Double.isNaN(v) ? "NaN" : Double.toHexString(v)).append('|');
        }
        sb.append('\n');
      }
      return sb.toString();
    } catch (BadInputException e) {
      return "error " + e.getMessage().replace(file.toString(), "FILE");
    }
  }
}
