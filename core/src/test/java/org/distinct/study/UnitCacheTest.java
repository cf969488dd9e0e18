package org.distinct.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.distinct.BadInputException;
import org.distinct.data.GeneratedTables;
import org.distinct.report.StudyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resumed study never uses a torn or stale cache entry: each is reported in one line and recomputed. */
class UnitCacheTest {
  private static final String STUDY = """
      name: cache
      mlp:
        seeds: 2
        hidden: [8]
        epochs: 10
        folds: 2
      pruning:
        untilUnits: 4
        criteria: [distinctiveness]
      leakage: false
      """;

  /** Collects warnings. */
  private static final class Warnings implements StudyProgress {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void start(long totalUnits) {}

    @Override
    public void done(String what) {}

    @Override
    public void warning(String line) {
      lines.add(line);
    }
  }

  @Test
  void tornTruncatedAndStaleEntriesAreReportedAndRecomputed(@TempDir Path dir) throws Exception {
    StudyConfig c = StudyFile.parse(STUDY, "cache.yaml");
    Path out = dir.resolve("r");
    StudyResult first = StudyRunner.run(c, new StudyRunner.Options(out, false, 2), StudyProgress.NONE);
    StudyReport.write(first, out);
    Path runs = out.resolve(UnitCache.DIR);
    Path truncated = runs.resolve("mlp-seed-1-fold-0.json");
    Path flipped = runs.resolve("mlp-seed-1-final.json");
    Path oldFormat = runs.resolve("mlp-seed-2-fold-1.json");
    Path otherBuild = runs.resolve("mlp-seed-2-pruning.json");
    byte[] t = Files.readAllBytes(truncated);
    Files.write(truncated, Arrays.copyOf(t, t.length * 2 / 3));
    byte[] f = Files.readAllBytes(flipped);
    f[f.length - 40] ^= 0x01;
    Files.write(flipped, f);
    String o = Files.readString(oldFormat);
    Files.writeString(oldFormat, o.substring(o.indexOf("\n\n") + 2)); // the bare JSON, as distinct wrote it before
    Files.writeString(otherBuild, Files.readString(otherBuild).replaceFirst("(?m)^version .*$", "version 0.0.9+000000000000"));
    CacheEntryTest.reseal(otherBuild, p -> p + " "); // a correct envelope of another build
    Path leftover = runs.resolve(".mlp-seed-1-fold-1.json.1f2e3d.tmp"); // a write cut short by a kill
    Files.writeString(leftover, "{ \"fold\" : ");

    Warnings w = new Warnings();
    StudyResult resumed = StudyRunner.run(c, new StudyRunner.Options(out, true, 1), w);
    assertThat(w.lines).hasSize(4);
    assertThat(w.lines).allSatisfy(l -> assertThat(l).startsWith("cache entry ").endsWith(": recomputed").doesNotContain("\n"));
    assertThat(line(w, truncated)).contains("is torn").contains("payload bytes");
    assertThat(line(w, flipped)).contains("is torn").contains("SHA-256");
    assertThat(line(w, oldFormat)).contains("is stale").contains("format");
    assertThat(line(w, otherBuild)).contains("is stale").contains("another build");
    assertThat(leftover).doesNotExist();
    StringWriter text = new StringWriter();
    assertThat(Rerun.compare(Rerun.read(out.resolve("provenance.json")), resumed, new PrintWriter(text, true))).as(text.toString()).isTrue();
    // and now every entry is good again: a second resume recomputes nothing
    Warnings again = new Warnings();
    StudyRunner.run(c, new StudyRunner.Options(out, true, 1), again);
    assertThat(again.lines).isEmpty();
    try (Stream<Path> s = Files.list(runs)) {
      assertThat(s.filter(p -> p.getFileName().toString().endsWith(".json")).count()).isEqualTo(2 * (2 + 1 + 1));
    }
  }

  @Test
  void changedDataInvalidateTheCache(@TempDir Path dir) throws Exception {
    Path csv = GeneratedTables.writeCsv(dir, "t.csv", GeneratedTables.Spec.plain(), 3);
    String yaml = "data:\n  features: " + csv + "\n" + STUDY.replace("name: cache\n", "");
    StudyConfig c = StudyFile.parse(yaml, "d.yaml");
    Path out = dir.resolve("r");
    StudyRunner.run(c, new StudyRunner.Options(out, false, 1), StudyProgress.NONE);
    Files.writeString(csv, Files.readString(csv).replaceFirst("\n([^,\n]*),", "\n$1 ,")); // same numbers, other bytes
    assertThatThrownBy(() -> StudyRunner.run(c, new StudyRunner.Options(out, true, 1), StudyProgress.NONE))
        .isInstanceOf(BadInputException.class).hasMessageContaining("different study (or data)");
  }

  private static String line(Warnings w, Path file) {
    return w.lines.stream().filter(l -> l.contains(file.toString())).findFirst().orElseThrow(() -> new AssertionError("no warning for " + file + ": " + w.lines));
  }
}
