package org.distinct.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTest {

  static Table sample() {
    return Table.builder("t2", "Table 2: MLP pruning")
        .caption("Mean over seeds | test data.")
        .column("pruned", "Pruned units", Format.decimals(0))
        .column("pairs", "Pairs")
        .column("accuracy", "Accuracy", Format.percent(2))
        .column("f1", "Macro F1", Format.decimals(3))
        .row(0, "–", 0.4, 0.30449)
        .row(2, "(3->7), (1->4)", 0.44166666666666665, Double.NaN)
        .row(4L, null, Cell.of(0.1 + 0.2, Format.decimals(1)), 1e-20)
        .note("Accuracy < chance is flagged with *.")
        .build();
  }

  @Test
  void csvCarriesRawNumbersAndProvenanceComments() throws Exception {
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("seed", 42);
    prov.put("version", "0.1.0");
    String csv = sample().toCsv(prov);
    assertThat(csv).startsWith("# seed: 42\r\n# version: 0.1.0\r\nPruned units,Pairs,Accuracy,Macro F1\r\n");
    List<CSVRecord> recs =
        CSVFormat.RFC4180.builder().setCommentMarker('#').get().parse(new StringReader(csv)).getRecords();
    assertThat(recs).hasSize(4);
    assertThat(recs.get(1).values()).containsExactly("0", "–", "0.4", "0.30449");
    assertThat(recs.get(2).values()).containsExactly("2", "(3->7), (1->4)", "0.44166666666666665", "NaN");
    assertThat(Double.parseDouble(recs.get(3).get(2))).isEqualTo(0.1 + 0.2); // bit-exact round trip
    assertThat(recs.get(3).get(1)).isEmpty();
    assertThat(Double.parseDouble(recs.get(3).get(3))).isEqualTo(1e-20);
  }

  @Test
  void markdownShowsFormattedNumbersRightAligned() {
    String md = sample().toMarkdown();
    String expected =
        "### Table 2: MLP pruning\n\n"
            + "Mean over seeds \\| test data.\n\n"
            + "| Pruned units | Pairs | Accuracy | Macro F1 |\n"
            + "| ---: | --- | ---: | ---: |\n"
            + "| 0 | – | 40.00 % | 0.304 |\n"
            + "| 2 | (3->7), (1->4) | 44.17 % | NaN |\n"
            + "| 4 | – | 0.3 | 0.000 |\n"
            + "\n- Accuracy < chance is flagged with *.\n";
    assertThat(md).isEqualTo(expected);
  }

  @Test
  void jsonRoundTripsValues() throws Exception {
    JsonNode j = new ObjectMapper().readTree(sample().toJson(Map.of("seeds", List.of(1, 2, 3))));
    assertThat(j.get("id").asText()).isEqualTo("t2");
    assertThat(j.get("columns").get(2).get("label").asText()).isEqualTo("Accuracy");
    assertThat(j.get("rows")).hasSize(3);
    assertThat(j.get("rows").get(0).get("pruned").asLong()).isEqualTo(0);
    assertThat(j.get("rows").get(0).get("accuracy").isDouble()).isTrue();
    assertThat(j.get("rows").get(1).get("accuracy").asDouble()).isEqualTo(0.44166666666666665);
    assertThat(j.get("rows").get(1).get("f1").asText()).isEqualTo("NaN");
    assertThat(j.get("rows").get(2).get("pairs").isNull()).isTrue();
    assertThat(j.get("notes").get(0).asText()).startsWith("Accuracy <");
    assertThat(j.get("provenance").get("seeds")).hasSize(3);
    assertThat(new ObjectMapper().readTree(sample().toJson()).has("provenance")).isFalse();
  }

  @Test
  void htmlEscapesAndMarksNumericColumns() {
    String html = sample().toHtml();
    assertThat(html).contains("<th scope=\"col\" class=\"num\">Accuracy</th>");
    assertThat(html).contains("<th scope=\"col\">Pairs</th>");
    assertThat(html).contains("<td class=\"num\">44.17 %</td>");
    assertThat(html).contains("(3-&gt;7), (1-&gt;4)");
    assertThat(html).contains("<li>Accuracy &lt; chance is flagged with *.</li>");
    assertThat(html).doesNotContain("<a href");
  }

  @Test
  void writesThreeFilesAtomically(@TempDir Path dir) throws Exception {
    List<Path> files = sample().writeFiles(dir.resolve("tables"), Map.of("seed", 1));
    assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("t2.csv", "t2.md", "t2.json");
    for (Path p : files) assertThat(Files.size(p)).isPositive();
    assertThat(Files.readString(files.get(1))).isEqualTo(sample().toMarkdown() + "\n**Provenance**\n\n- seed: `1`\n");
    assertThat(sample().toMarkdown(Map.of("study", "a: 1\nb: 2"))).endsWith("\n**Provenance**\n\nstudy:\n\n```\na: 1\nb: 2\n```\n");
  }

  @Test
  void rejectsBadShapes() {
    assertThatThrownBy(() -> Table.builder("a b", "x").column("k", "K").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Table.builder("a", "x").column("k", "K").row(1, 2).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 0 has 2 cells, expected 1");
    assertThatThrownBy(() -> Table.builder("a", "x").column("k", "K").column("k", "L").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formatRules() {
    assertThat(Format.percent(2).format(0.4)).isEqualTo("40.00 %");
    assertThat(Format.decimals(3).format(-0.0001)).isEqualTo("0.000");
    assertThat(Format.unit(2, "ms").format(1.034)).isEqualTo("1.03 ms");
    assertThat(Format.decimals(1).format(Double.POSITIVE_INFINITY)).isEqualTo("∞");
  }

  @Test
  void significantAndSignedFormats() {
    assertThat(Format.significant(3, "").format(0.012345)).isEqualTo("0.0123");
    assertThat(Format.significant(3, "ms").format(1.5)).isEqualTo("1.50 ms");
    assertThat(Format.significant(2, "").format(1.2e-7)).isEqualTo("1.2e-7");
    assertThat(Format.significant(2, "").format(0)).isEqualTo("0");
    Format pts = new Format(1, 100, "", false, true);
    assertThat(pts.format(0.004)).isEqualTo("+0.4");
    assertThat(pts.format(-0.012)).isEqualTo("-1.2");
    assertThat(pts.format(0.0001)).isEqualTo("0.0");
    assertThat(Format.decimals(3).withSign().format(-0.0001)).isEqualTo("0.000");
  }

  @Test
  void estimatesShowTheirIntervalAndExpandInCsvAndJson() {
    Table t = Table.builder("est", "Estimates")
        .column("name", "Name")
        .column("acc", "Accuracy (%)", new Format(1, 100, ""))
        .row("two seeds", Cell.estimate(0.40, 0.35, 0.45))
        .row("one seed", Cell.estimate(0.5, Double.NaN, Double.NaN))
        .row("none", null)
        .build();
    assertThat(t.display(0, 1)).isEqualTo("40.0 [35.0, 45.0]");
    assertThat(t.display(1, 1)).isEqualTo("50.0");
    assertThat(t.isNumeric(1)).isTrue();
    assertThat(t.toCsv()).isEqualTo("Name,Accuracy (%),Accuracy (%) 95% CI low,Accuracy (%) 95% CI high\r\n"
        + "two seeds,0.4,0.35,0.45\r\none seed,0.5,NaN,NaN\r\nnone,,,\r\n");
    String json = t.toJson();
    assertThat(json).contains("\"mean\" : 0.4").contains("\"low\" : 0.35").contains("\"high\" : \"NaN\"");
  }
}
