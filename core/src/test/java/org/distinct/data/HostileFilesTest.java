package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distinct.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostileFilesTest {
  @TempDir Path dir;

  /** Asserts a one-line refusal within a second that names the file and contains the parts. */
  private static void refusedFast(Path file, TableReadOptions o, String... parts) {
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> TableReader.read(file, o))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContainingAll(parts)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat((System.nanoTime() - t0) / 1e9).as("seconds to refuse").isLessThan(1.0);
  }

  @Test
  void zipBombWithHonestSizesIsRefusedBeforeInflating() throws IOException {
    List<XlsxFiles.Entry> e = XlsxFiles.frame(null);
    e.add(XlsxFiles.bombSheet(1100, null)); // 1.1 GB of XML in about 1 MB
    Path p = XlsxFiles.write(dir.resolve("bomb.xlsx"), e);
    assertThat(Files.size(p)).isLessThan(4L << 20);
    refusedFast(p, TableReadOptions.defaults(), "xl/worksheets/sheet1.xml", "expands to more than 1,024 MB", "--max-decompressed-mb N");
    // Allowed more bytes, the ratio still stops it.
    refusedFast(p, TableReadOptions.defaults().withLimits(ReadLimits.defaults().withMaxDecompressedBytes(4L << 30)),
        "times its compressed size, more than 100", "--max-compression-ratio N");
  }

  @Test
  void zipBombThatLiesAboutItsSizeIsStoppedWhileInflating() throws IOException {
    List<XlsxFiles.Entry> e = XlsxFiles.frame(null);
    e.add(XlsxFiles.bombSheet(1100, 5000L)); // claims 5,000 bytes
    Path p = XlsxFiles.write(dir.resolve("liar.xlsx"), e);
    refusedFast(p, TableReadOptions.defaults(), "xlsx entry 'xl/worksheets/sheet1.xml' expands beyond the 5,000 bytes its zip header declares");
    // Honest about a size within the limits, it is stopped by the byte budget while inflating.
    List<XlsxFiles.Entry> f = XlsxFiles.frame(null);
    f.add(XlsxFiles.bombSheet(64, null));
    Path q = XlsxFiles.write(dir.resolve("dense.xlsx"), f);
    refusedFast(q, TableReadOptions.defaults().withLimits(ReadLimits.defaults().withMaxDecompressedBytes(8 << 20)),
        "expands to more than 8 MB", "--max-decompressed-mb N");
  }

  @Test
  void rowColumnCellAndLineLimitsNameTheirOption() throws IOException {
    StringBuilder sb = new StringBuilder("a,b,c\n");
    for (int r = 0; r < 100; r++) sb.append(r).append(',').append(r * 2).append(',').append(r * 3).append('\n');
    Path csv = dir.resolve("t.csv");
    Files.writeString(csv, sb.toString());
    ReadLimits d = ReadLimits.defaults();
    refusedFast(csv, TableReadOptions.defaults().withLimits(d.withMaxRows(50)), "more than 50 data rows", "--max-rows N");
    refusedFast(csv, TableReadOptions.defaults().withLimits(d.withMaxColumns(2)), "row 1", "more than 2 columns", "--max-columns N");
    refusedFast(csv, TableReadOptions.defaults().withLimits(d.withMaxCells(200)), "more than 200 cells", "--max-cells N");
    Path wide = dir.resolve("wide.csv");
    Files.writeString(wide, "a,b\n1," + "9".repeat(5000) + "\n");
    refusedFast(wide, TableReadOptions.defaults().withLimits(d.withMaxLineLength(1000)), "row 2", "a line of more than 1,000 characters",
        "--max-line-length N");
    Path x = XlsxFiles.sheet(dir.resolve("far.xlsx"), "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"XFD1\"><v>2</v></c></row>", null);
    refusedFast(x, TableReadOptions.defaults().withLimits(d.withMaxColumns(1000)), "row 1", "column XFD", "--max-columns N");
    StringBuilder rows = new StringBuilder("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>");
    for (int r = 2; r < 40; r++) rows.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\"><v>").append(r).append("</v></c></row>");
    Path many = XlsxFiles.sheet(dir.resolve("rows.xlsx"), rows.toString(), null);
    refusedFast(many, TableReadOptions.defaults().withLimits(d.withMaxRows(20)), "more than 20 data rows", "--max-rows N");
    assertThat(TableReader.read(many).rows()).isEqualTo(38);
  }

  @Test
  void nulBytesAreRefusedWithRowAndColumn() throws IOException {
    Path p = dir.resolve("nul.csv");
    Files.write(p, "a,b\n1,x\u0000y\n".getBytes(StandardCharsets.UTF_8));
    refusedFast(p, TableReadOptions.defaults(), "row 2, column 'b'", "NUL byte");
    Path x = XlsxFiles.sheet(dir.resolve("nul.xlsx"), "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c></row>"
        + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>x&#0;y</t></is></c></row>", null);
    refusedFast(x, TableReadOptions.defaults(), "NUL");
  }

  @Test
  void xlsxCellTypesDatesErrorsAndSheets() throws IOException {
    String styles = "<numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/><numFmt numFmtId=\"165\" formatCode=\"0.00&quot;kg&quot;\"/></numFmts>"
        + "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/><xf numFmtId=\"165\"/></cellXfs>";
    String data = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>n</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><r><t>te</t></r><r><t>xt</t></r></is></c>"
        + "<c r=\"C1\" t=\"str\"><v>when</v></c><c r=\"D1\" t=\"inlineStr\"><is><t>w</t></is></c></row>"
        + "<row r=\"3\"><c r=\"A3\" s=\"3\"><v>2.5</v></c><c r=\"B3\" t=\"inlineStr\"><is><t> a &amp; b </t></is></c><c r=\"C3\" s=\"1\"><v>44197</v></c>"
        + "<c r=\"D3\" t=\"b\"><v>1</v></c></row>"
        + "<row r=\"4\"><c r=\"A4\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c><c r=\"B4\" t=\"str\"><f>\"3\"</f><v>3</v></c><c r=\"C4\" s=\"2\"><v>44197.5</v></c>"
        + "<c r=\"D4\" t=\"d\"><v>2021-01-02T03:04:05</v></c></row>";
    Path p = XlsxFiles.sheet(dir.resolve("types.xlsx"), data, styles);
    Table t = TableReader.read(p);
    assertThat(t.columnNames()).containsExactly("n", "text", "when", "w");
    assertThat(t.rowNumbers()).containsExactly(3, 4);
    assertThat(t.number(0, 0)).isEqualTo(2.5);
    assertThat(t.text(0, 1)).isEqualTo("a & b");
    assertThat(t.kind(0, 2)).isEqualTo(Table.CellKind.DATE);
    assertThat(t.text(0, 2)).isEqualTo("2021-01-01");
    assertThat(t.text(1, 2)).isEqualTo("2021-01-01 12:00:00");
    assertThat(t.text(0, 3)).isEqualTo("TRUE");
    assertThat(t.kind(1, 0)).isEqualTo(Table.CellKind.ERROR);
    assertThat(t.number(1, 1)).isEqualTo(3.0);
    assertThat(t.text(1, 3)).isEqualTo("2021-01-02 03:04:05");
    assertThatThrownBy(() -> t.number(1, 0)).hasMessage(p + ": row 4, column 'n': spreadsheet error value '#DIV/0!'");
    assertThatThrownBy(() -> t.number(0, 2)).hasMessage(p + ": row 3, column 'when': a date cell ('2021-01-01') where a number is expected");
    for (String s : List.of("Other", "other", "2")) assertThat(TableReader.read(p, new TableReadOptions(s, null)).number(0, 0)).isEqualTo(42.0);
    assertThatThrownBy(() -> TableReader.read(p, new TableReadOptions("3", null))).hasMessageContaining("sheets are: Data, Other");
  }

  @Test
  void dateAndErrorCellsInFeatureColumnsAreRefusedInOneLine() throws IOException {
    String styles = "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>";
    StringBuilder rows = new StringBuilder("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>label</t></is></c></row>");
    for (int r = 2; r < 8; r++)
      rows.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\"").append(r == 5 ? " s=\"1\"" : "").append("><v>").append(40000 + r)
          .append("</v></c><c r=\"B").append(r).append("\"><v>").append(r % 2).append("</v></c></row>");
    Path p = XlsxFiles.sheet(dir.resolve("date.xlsx"), rows.toString(), styles);
    assertThatThrownBy(() -> FeatureTableLoader.loadFrame(p, FeatureTableOptions.defaults()))
        .hasMessage(p + ": row 5, column 'x': a date cell ('" + java.time.LocalDate.of(1899, 12, 30).plusDays(40005) + "'): dates are not used as features; leave the column out with --drop-columns or convert it to numbers");
    Path e = XlsxFiles.sheet(dir.resolve("err.xlsx"), rows.toString().replace(" s=\"1\"><v>40005</v>", " t=\"e\"><v>#N/A</v>"), styles);
    assertThatThrownBy(() -> FeatureTableLoader.load(e, FeatureTableOptions.defaults()))
        .hasMessage(e + ": row 5, column 'x': spreadsheet error value '#N/A' (a formula that failed)");
  }

  @Test
  void doctypeAndBrokenXmlAreRefused() throws IOException {
    Path p = XlsxFiles.sheet(dir.resolve("dtd.xlsx"), "", null);
    List<XlsxFiles.Entry> e = XlsxFiles.frame(null);
    e.add(XlsxFiles.entry("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet><sheetData/></worksheet>"));
    XlsxFiles.write(p, e);
    refusedFast(p, TableReadOptions.defaults(), "document type declarations are not allowed");
    e.set(e.size() - 1, XlsxFiles.entry("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v>"));
    XlsxFiles.write(p, e);
    refusedFast(p, TableReadOptions.defaults(), "not a readable xlsx workbook");
  }
}
