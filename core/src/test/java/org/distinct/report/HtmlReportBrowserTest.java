package org.distinct.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the rendered sample report in headless Chromium (Debian package {@code chromium}) and checks that
 * every image loaded (natural width > 0) and every table is in the DOM. Skipped with a message when Chromium
 * is not installed. Set {@code -Ddistinct.screenshot=FILE.png} to also save a screenshot of the page.
 */
class HtmlReportBrowserTest {

  static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

  /** Appended to a copy of the page: after load, lists each image's natural width and counts the tables. */
  static final String PROBE =
      "<script>window.addEventListener('load', function () {"
          + " var out = [];"
          + " for (var i = 0; i < document.images.length; i++) { var im = document.images[i];"
          + "   out.push(im.getAttribute('src') + '=' + (im.complete ? im.naturalWidth : -1)); }"
          + " var pre = document.createElement('pre'); pre.id = 'probe-images'; pre.textContent = out.join(';');"
          + " document.body.appendChild(pre);"
          + " var t = []; document.querySelectorAll('table[data-table-id]').forEach(function (e) {"
          + "   t.push(e.getAttribute('data-table-id') + ':' + e.tBodies[0].rows.length); });"
          + " var pt = document.createElement('pre'); pt.id = 'probe-tables'; pt.textContent = t.join(';');"
          + " document.body.appendChild(pt); });</script>";

  static Path chromium() {
    for (String c : CANDIDATES) if (Files.isExecutable(Path.of(c))) return Path.of(c);
    return null;
  }

  @Test
  void allImagesLoadAndAllTablesArePresent(@TempDir Path dir) throws Exception {
    Path chrome = chromium();
    Assumptions.assumeTrue(
        chrome != null,
        "Chromium not found at " + CANDIDATES + ": browser test skipped (install with: apt-get install -y chromium)");
    Path index = HtmlReportTest.sample().render(dir.resolve("report"));
    String page = Files.readString(index);
    Path probe = index.resolveSibling("probe.html"); // same folder: relative image paths resolve the same way
    Files.writeString(probe, page.replace("</body>", PROBE + "\n</body>"));

    String dom = run(chrome, dir, List.of("--dump-dom", probe.toUri().toString()));
    Matcher mi = Pattern.compile("<pre id=\"probe-images\">([^<]*)</pre>").matcher(dom);
    assertThat(mi.find()).as("probe output in DOM:\n%s", tail(dom)).isTrue();
    List<String> images = List.of(mi.group(1).split(";"));
    assertThat(images).hasSize(5);
    for (String im : images) {
      String[] kv = im.split("=");
      assertThat(Integer.parseInt(kv[1])).as("natural width of %s", kv[0]).isPositive();
    }
    assertThat(images).anyMatch(s -> s.startsWith("figures/angles.png=700"));
    Matcher mt = Pattern.compile("<pre id=\"probe-tables\">([^<]*)</pre>").matcher(dom);
    assertThat(mt.find()).isTrue();
    assertThat(List.of(mt.group(1).split(";"))).containsExactly("t2:3", "criteria:2");

    String shot = System.getProperty("distinct.screenshot");
    if (shot != null && !shot.isBlank()) {
      Path out = Path.of(shot).toAbsolutePath();
      run(chrome, dir, List.of("--screenshot=" + out, "--window-size=1366,4200", index.toUri().toString()));
      assertThat(out).isNotEmptyFile();
    }
  }

  static String run(Path chrome, Path dir, List<String> extra) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        chrome.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--hide-scrollbars", "--virtual-time-budget=5000",
        "--user-data-dir=" + dir.resolve("chrome-profile")));
    cmd.addAll(extra);
    Path out = dir.resolve("chrome.out");
    Path err = dir.resolve("chrome.err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s; stderr:\n" + tail(Files.readString(err)));
    }
    assertThat(p.exitValue()).as("chromium exit code; stderr:\n%s", tail(Files.readString(err))).isZero();
    return Files.readString(out);
  }

  private static String tail(String s) {
    return s.length() <= 3000 ? s : s.substring(s.length() - 3000);
  }
}
