package org.distinct.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  /** A report with every kind of block, shared with the browser test. */
  static HtmlReport sample() {
    HtmlReport r = new HtmlReport("distinct study <sample>");
    r.subtitle("Demo data, 3 seeds").intro("This sample report exercises every block type & escaping.");
    r.section("Table 1: baseline")
        .paragraph("Participant-grouped 10-fold cross-validation.")
        .table(TableTest.sample())
        .figure("confusion", "Confusion matrix of the final MLP on the test data.", ChartsTest.confusion(), 640, 520);
    r.section("Pruning")
        .figure("metrics-per-step", "Metrics per pruning step (mean ± 95 % CI).", ChartsTest.bars(0))
        .figure("angle-vs-loss", "Minimum remaining angle against loss and accuracy.", ChartsTest.dual())
        .table(
            Table.builder("criteria", "Criteria comparison")
                .column("criterion", "Criterion")
                .column("acc", "Accuracy after 6 pruned", Format.percent(1))
                .row("distinctiveness", 0.41)
                .row("random", 0.37)
                .build())
        .figure("accuracy-vs-removed", "Accuracy against units removed.", ChartsTest.lines())
        .figure("angles", "Angle matrix of the hidden units.", ChartsTest.heat(), 700, 600);
    r.provenance("seed", 42).provenance("version", "0.1.0").provenance("data sha256", "ab12" .repeat(16));
    return r;
  }

  @Test
  void rendersFilesAndEscapedPage(@TempDir Path dir) throws Exception {
    Path index = sample().render(dir);
    assertThat(index).isEqualTo(dir.resolve("index.html"));
    String html = Files.readString(index);
    assertThat(html).contains("<title>distinct study &lt;sample&gt;</title>");
    assertThat(html).contains("every block type &amp; escaping");
    assertThat(html).contains("<img src=\"figures/confusion.png\"");
    assertThat(html).contains("Figure 5.</span> Angle matrix");
    assertThat(html).contains("<a href=\"tables/t2.csv\">CSV</a>");
    assertThat(html).contains("<a href=\"#table-1-baseline\">Table 1: baseline</a>");
    assertThat(html).contains("<td>data sha256</td>");
    assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    for (String f : List.of("confusion", "metrics-per-step", "angle-vs-loss", "accuracy-vs-removed", "angles")) {
      assertThat(dir.resolve("figures/" + f + ".png")).isNotEmptyFile();
      assertThat(dir.resolve("figures/" + f + ".svg")).isNotEmptyFile();
    }
    for (String t : List.of("t2", "criteria"))
      for (String ext : List.of("csv", "md", "json")) assertThat(dir.resolve("tables/" + t + "." + ext)).isNotEmptyFile();
    assertThat(Files.readString(dir.resolve("tables/criteria.csv"))).startsWith("# seed: 42\r\n");
    try (Stream<Path> s = Files.walk(dir)) {
      assertThat(s.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void renderingTwiceGivesTheSamePage(@TempDir Path dir) throws Exception {
    String a = Files.readString(sample().render(dir.resolve("a")));
    String b = Files.readString(sample().render(dir.resolve("b")));
    assertThat(a).isEqualTo(b);
    assertThat(Files.readString(dir.resolve("a/figures/angles.svg")))
        .isEqualTo(Files.readString(dir.resolve("b/figures/angles.svg")));
  }

  @Test
  void rejectsDuplicates() {
    HtmlReport r = new HtmlReport("x");
    HtmlReport.Section s = r.section("A");
    s.figure("f", "c", ChartsTest.confusion());
    assertThatThrownBy(() -> s.figure("f", "c", ChartsTest.confusion())).isInstanceOf(IllegalArgumentException.class);
    s.table(TableTest.sample());
    assertThatThrownBy(() -> r.section("B").table(TableTest.sample())).isInstanceOf(IllegalArgumentException.class);
    assertThat(r.section("A").id()).isEqualTo("a-2");
  }

  @Test
  void summaryBoxMultiLineProvenanceAndWrappingCells(@TempDir Path dir) throws Exception {
    HtmlReport r = new HtmlReport("s");
    r.summary("Pruning changed nothing <significant>.");
    r.section("A").table(Table.builder("w", "W").column("k", "Key").column("v", "Value")
        .row("short", "x".repeat(Table.WRAP_AT + 1)).build());
    r.provenance("study file (YAML)", "name: tiny\nseed: 7\n").provenance("seed", 7);
    String html = Files.readString(r.render(dir));
    assertThat(html).contains("<div class=\"summary\">\n<h2>Summary</h2>\n<p>Pruning changed nothing &lt;significant&gt;.</p>");
    assertThat(html).contains("<pre>name: tiny&#10;seed: 7&#10;</pre>").contains("<code>7</code>");
    assertThat(html).contains("<td>short</td><td class=\"wrap\">xxx");
    assertThat(Files.readString(new HtmlReport("t").render(dir.resolve("t")))).doesNotContain("class=\"summary\"");
  }
}
