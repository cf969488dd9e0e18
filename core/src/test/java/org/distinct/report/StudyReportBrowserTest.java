package org.distinct.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report of the tiny study in headless Chromium and checks that every image loaded and every table
 * is present with rows. Skipped with a message when Chromium is not installed. Set
 * {@code -Ddistinct.screenshot=FILE.png} to also save a screenshot of the page.
 */
class StudyReportBrowserTest {

  @Test
  void allImagesLoadAndAllTablesArePresent(@TempDir Path dir) throws Exception {
    Path chrome = HtmlReportBrowserTest.chromium();
    Assumptions.assumeTrue(chrome != null, "Chromium not found at " + HtmlReportBrowserTest.CANDIDATES
        + ": browser test skipped (install with: apt-get install -y chromium)");
    Path index = StudyReport.write(StudyFixture.result(), dir.resolve("report"));
    Path probe = index.resolveSibling("probe.html");
    Files.writeString(probe, Files.readString(index).replace("</body>", HtmlReportBrowserTest.PROBE + "\n</body>"));
    String dom = HtmlReportBrowserTest.run(chrome, dir, List.of("--dump-dom", probe.toUri().toString()));

    Matcher mi = Pattern.compile("<pre id=\"probe-images\">([^<]*)</pre>").matcher(dom);
    assertThat(mi.find()).as("probe output in DOM").isTrue();
    List<String> images = List.of(mi.group(1).split(";"));
    assertThat(images).hasSize(StudyReportTest.FIGURES.size());
    for (String im : images) {
      String[] kv = im.split("=");
      assertThat(Integer.parseInt(kv[1])).as("natural width of %s", kv[0]).isPositive();
    }
    Matcher mt = Pattern.compile("<pre id=\"probe-tables\">([^<]*)</pre>").matcher(dom);
    assertThat(mt.find()).isTrue();
    List<String> tables = List.of(mt.group(1).split(";"));
    assertThat(tables.stream().map(t -> t.split(":")[0]).toList()).containsExactlyElementsOf(StudyReportTest.TABLES);
    for (String t : tables) assertThat(Integer.parseInt(t.split(":")[1])).as("rows of %s", t).isPositive();

    String shot = System.getProperty("distinct.screenshot");
    if (shot != null && !shot.isBlank()) {
      Path png = Path.of(shot).toAbsolutePath();
      HtmlReportBrowserTest.run(chrome, dir, List.of("--screenshot=" + png, "--window-size=1366,12000", index.toUri().toString()));
      assertThat(png).isNotEmptyFile();
    }
  }
}
