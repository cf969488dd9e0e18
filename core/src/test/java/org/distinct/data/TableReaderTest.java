package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.distinct.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReaderTest {
  @TempDir Path dir;

  private Path csv(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  /** Writes an xlsx whose cells are given row by row (null = no cell, Number or String). */
  private Path xlsx(String name, Object[][] rows) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(p)) {
      Workbook wb = new Workbook(out, "test", "1.0");
      Worksheet ws = wb.newWorksheet("Sheet1");
      for (int r = 0; r < rows.length; r++) {
        if (rows[r] == null) continue;
        for (int c = 0; c < rows[r].length; c++) {
          Object v = rows[r][c];
          if (v instanceof Number n) ws.value(r, c, n);
          else if (v instanceof String s) ws.value(r, c, s);
        }
      }
      wb.finish();
    }
    return p;
  }

  private static void assertBad(Path file, String... parts) {
    assertThatThrownBy(() -> TableReader.read(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContainingAll(parts)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void csvHeaderIsFirstNonEmptyRowAndRowNumbersAreKept() throws IOException {
    Path p = csv("t.csv", ",,\n,,\nid, var_F7 ,var_F7\n1,2.5,3\n\n2,-1e-3,4\n");
    Table t = TableReader.read(p);
    assertThat(t.headerRow()).isEqualTo(3);
    assertThat(t.columnNames()).containsExactly("id", "var_F7", "var_F7#2");
    assertThat(t.originalNames()).containsExactly("id", "var_F7", "var_F7");
    assertThat(t.rows()).isEqualTo(2);
    assertThat(t.rowNumber(0)).isEqualTo(4);
    assertThat(t.rowNumber(1)).isEqualTo(6);
    assertThat(t.number(1, 1)).isEqualTo(-1e-3);
    assertThat(t.columnIndex(" VAR_f7#2 ")).isEqualTo(2);
  }

  @Test
  void uniqueNamesSkipSuffixesAlreadyTaken() {
    assertThat(Table.uniqueNames(List.of("a", "a#2", "A", "a"))).containsExactly("a", "a#2", "A#3", "a#4");
  }

  @Test
  void detectsSemicolonWithDecimalCommaAndQuotedText() throws IOException {
    Path p = csv("s.csv", "\"name, with comma\";x;y\n1;0,5;2\n2;1,25;3\n");
    Table t = TableReader.read(p);
    assertThat(t.columnNames()).containsExactly("name, with comma", "x", "y");
    assertThat(t.number(0, 1)).isEqualTo(0.5);
    assertThat(t.number(1, 1)).isEqualTo(1.25);
  }

  @Test
  void detectsTab() throws IOException {
    Table t = TableReader.read(csv("t.tsv", "a\tb\n1\t2\n"));
    assertThat(t.columnNames()).containsExactly("a", "b");
    assertThat(t.number(0, 1)).isEqualTo(2.0);
  }

  @Test
  void mixedDelimitersResolvedByTheDataLines() throws IOException {
    // The header has a comma and semicolons; only ';' splits the data lines like the header.
    Table t = TableReader.read(csv("m.csv", "a,b;c;d\n1;2;3\n4;5;6\n"));
    assertThat(t.columnNames()).containsExactly("a,b", "c", "d");
  }

  @Test
  void ambiguousDelimiterIsRefused() throws IOException {
    assertBad(csv("amb.csv", "a,b;c\n1,2;3\n"), "row 1", "ambiguous CSV delimiter", "','", "';'");
  }

  @Test
  void utf8BomIsSkipped() throws IOException {
    Path p = dir.resolve("bom.csv");
    Files.write(p, ("\uFEFFsubject no.,x\n1,2\n").getBytes(StandardCharsets.UTF_8));
    assertThat(TableReader.read(p).columnNames()).containsExactly("subject no.", "x");
  }

  @Test
  void emptyFileIsRefused() throws IOException {
    assertBad(csv("empty.csv", ""), "file is empty");
    assertBad(csv("blank.csv", "\n ,, \n\n"), "file is empty");
    assertBad(xlsx("empty.xlsx", new Object[][] {}), "file is empty");
    Path zero = dir.resolve("zero.xlsx");
    Files.write(zero, new byte[0]);
    assertBad(zero, "file is empty");
  }

  @Test
  void headerOnlyIsRefused() throws IOException {
    assertBad(csv("h.csv", "\na,b,c\n,,\n"), "row 2", "header only");
    assertBad(xlsx("h.xlsx", new Object[][] {null, {"a", "b"}}), "row 2", "header only");
  }

  @Test
  void raggedCsvRowsAreRefused() throws IOException {
    assertBad(csv("few.csv", "a,b,c\n1,2,3\n4,5\n"), "row 3", "ragged row", "2 cells", "has 3");
    assertBad(csv("many.csv", "a,b,c\n1,2,3,4\n"), "row 2", "ragged row", "4 cells");
    // Extra blank fields are harmless.
    assertThat(TableReader.read(csv("ok.csv", "a,b\n1,2,,\n")).rows()).isEqualTo(1);
  }

  @Test
  void raggedXlsxRowIsRefused() throws IOException {
    assertBad(xlsx("r.xlsx", new Object[][] {{"a", "b"}, {1, 2}, {3, 4, 5}}), "row 3", "column 'C'", "ragged row");
  }

  @Test
  void unnamedColumnWithDataIsRefusedButBlankOneIsDropped() throws IOException {
    assertBad(csv("u.csv", "a,,c\n1,2,3\n"), "row 1", "column 'B'", "no name");
    Table t = TableReader.read(csv("u2.csv", "a,,c\n1,,3\n"));
    assertThat(t.columnNames()).containsExactly("a", "c");
  }

  @Test
  void nonNumericCellIsNamedByRowAndColumn() throws IOException {
    Table t = TableReader.read(csv("n.csv", "\nid,x\n1,2\n2,abc\n"));
    assertThatThrownBy(() -> t.numericColumn(1))
        .isInstanceOf(BadInputException.class)
        .hasMessage(dir.resolve("n.csv") + ": row 4, column 'x': not a number: 'abc'");
    Table tx = TableReader.read(xlsx("n.xlsx", new Object[][] {{"id", "x"}, {1, 2.5}, {2, "n/a"}}));
    assertThat(tx.number(0, 1)).isEqualTo(2.5);
    assertThatThrownBy(() -> tx.number(1, 1)).hasMessageContainingAll("row 3", "column 'x'", "'n/a'");
  }

  @Test
  void emptyCellIsNamedByRowAndColumn() throws IOException {
    Table t = TableReader.read(csv("e.csv", "id,x\n1,\n"));
    assertThatThrownBy(() -> t.number(0, 1)).hasMessageContainingAll("row 2", "column 'x'", "empty cell");
  }

  @Test
  void nanAndInfinityAreRefused() throws IOException {
    Table t = TableReader.read(csv("nan.csv", "x\nNaN\ninf\n-Infinity\n1e999\n#DIV/0!\n"));
    assertThatThrownBy(() -> t.number(0, 0)).hasMessageContainingAll("row 2", "not a finite number", "NaN");
    assertThatThrownBy(() -> t.number(1, 0)).hasMessageContainingAll("row 3", "not a finite number");
    assertThatThrownBy(() -> t.number(2, 0)).hasMessageContainingAll("row 4", "not a finite number");
    assertThatThrownBy(() -> t.number(3, 0)).isInstanceOf(BadInputException.class).hasMessageContaining("row 5");
    assertThatThrownBy(() -> t.number(4, 0)).hasMessageContainingAll("row 6", "spreadsheet error value");
  }

  @Test
  void xlsxThatIsNotAZipIsRefused() throws IOException {
    Path p = dir.resolve("fake.xlsx");
    Files.writeString(p, "a,b\n1,2\n");
    assertBad(p, "not an xlsx workbook", "not a zip");
  }

  @Test
  void xlsxWithoutSheetIsRefused() throws IOException {
    Path p = dir.resolve("nosheet.xlsx");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
      z.putNextEntry(new ZipEntry("[Content_Types].xml"));
      z.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
              + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>")
          .getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry("xl/workbook.xml"));
      z.write(("<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>")
          .getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry("xl/_rels/workbook.xml.rels"));
      z.write(("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>")
          .getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    assertBad(p, "workbook has no sheet");
  }

  @Test
  void otherZipIsRefused() throws IOException {
    Path p = dir.resolve("other.xlsx");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
      z.putNextEntry(new ZipEntry("hello.txt"));
      z.write("hi".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    assertBad(p, "not a readable xlsx workbook");
  }

  @Test
  void missingFileDirectoryAndXlsAreRefused() throws IOException {
    assertBad(dir.resolve("nope.csv"), "file not found");
    assertBad(dir, "is a folder");
    Path xls = dir.resolve("old.xls");
    Files.write(xls, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0});
    assertBad(xls, ".xls");
  }

  @Test
  void unreadableFileIsRefused() throws IOException {
    Path p = csv("secret.csv", "a\n1\n");
    try {
      Files.setPosixFilePermissions(p, Set.of());
    } catch (UnsupportedOperationException e) {
      org.junit.jupiter.api.Assumptions.abort("no POSIX permissions here");
    }
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(p), "running as root: every file is readable");
    assertBad(p, "cannot be read");
  }

  @Test
  void unknownSheetNameListsSheets() throws IOException {
    Path p = xlsx("s.xlsx", new Object[][] {{"a"}, {1}});
    assertThatThrownBy(() -> TableReader.read(p, new TableReadOptions("Data", null)))
        .hasMessageContainingAll("no sheet named 'Data'", "Sheet1");
  }

  @Test
  void xlsxAndCsvRoundTripThroughTableWriter() throws IOException {
    String[] cells = {"1", "0.30000000000000004", "x y", "2", "1.0E-7", null, "3", "-65535", "z"};
    Table t = new Table("mem", List.of("id", "v", "v"), 2, new int[] {3, 4, 6}, cells, false);
    Path x = dir.resolve("w.xlsx");
    Path c = dir.resolve("w.csv");
    TableWriter.writeXlsx(t, x, "data");
    TableWriter.writeCsv(t, c);
    assertThat(Files.readAllLines(c).get(0)).isEqualTo(",,");
    for (Table back : List.of(TableReader.read(x), TableReader.read(c))) {
      assertThat(back.headerRow()).isEqualTo(2);
      assertThat(back.columnNames()).containsExactly("id", "v", "v#2");
      assertThat(back.rowNumbers()).containsExactly(3, 4, 6);
      for (int r = 0; r < 3; r++)
        for (int col = 0; col < 3; col++) {
          assertThat(back.isEmpty(r, col)).isEqualTo(t.isEmpty(r, col));
          if (!Double.isNaN(t.numberOrNaN(r, col)))
            assertThat(back.number(r, col)).isEqualTo(t.number(r, col));
          else assertThat(back.text(r, col)).isEqualTo(t.text(r, col));
        }
    }
    assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
  }
}
