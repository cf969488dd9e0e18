package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataFeaturesTest {
  @TempDir Path dir;

  @Test
  void fullSizeFilesHaveEveryQuirk() throws IOException {
    List<Path> files = DemoData.writeFeatures(dir, DemoData.FeatureSpec.defaults(), 20261123L);
    assertThat(files).containsExactly(dir.resolve("music-eeg-features.xlsx"), dir.resolve("music-eeg-features.csv"));
    // Row 1 of the CSV is empty (a line of commas as Excel writes it), the header is on row 2.
    List<String> lines = Files.readAllLines(files.get(1));
    assertThat(lines.get(0)).matches(",{26}");
    assertThat(lines.get(1)).startsWith("subject no.,mean_F7,");
    assertThat(lines).hasSize(578);
    List<Dataset> loaded = new ArrayList<>();
    for (Path f : files) {
      Table t = TableReader.read(f);
      assertThat(t.headerRow()).isEqualTo(2);
      assertThat(t.rowNumber(0)).isEqualTo(3);
      assertThat(t.rows()).isEqualTo(576);
      assertThat(t.cols()).isEqualTo(27);
      assertThat(t.columnNames().get(0)).isEqualTo("subject no.");
      assertThat(t.columnNames().get(26)).isEqualTo("label");
      assertThat(t.originalNames().stream().filter("var_F7"::equals).count()).isEqualTo(2);
      int v1 = t.columnIndex("var_F7"), v2 = t.columnIndex("var_F7#2");
      assertThat(v2).isGreaterThan(v1).isPositive();
      int differ = 0;
      for (int r = 0; r < t.rows(); r++) if (t.number(r, v1) != t.number(r, v2)) differ++;
      assertThat(differ).isEqualTo(576);

      InspectionReport rep = TableInspector.inspect(t);
      for (InspectionReport.ColumnSummary c : rep.columns()) {
        switch (c.name()) {
          case "var_F7", "var_F7#2" -> assertThat(c.flags()).containsExactly(ColumnFlag.DUPLICATE_NAME);
          case "krt_F7" -> {
            assertThat(c.flags()).containsExactly(ColumnFlag.SENTINEL);
            assertThat(c.sentinelRows()).hasSize(4);
            assertThat(c.sentinelValues()).containsOnly(65535.0);
            int k = t.columnIndex("krt_F7");
            for (int r = 0; r < t.rows(); r++)
              if (!c.sentinelRows().contains(t.rowNumber(r))) assertThat(t.number(r, k)).isLessThan(40);
          }
          case "min_F7" -> {
            assertThat(c.flags()).containsExactly(ColumnFlag.ZERO_ROWS);
            assertThat(c.zeroRows()).hasSize(8);
          }
          case "p50_F7" -> assertThat(c.copyOf()).isEqualTo("median_F7");
          case "hjorth_activity_F7" -> assertThat(c.copyOf()).isEqualTo("var_F7");
          default -> assertThat(c.flags()).as(c.name()).isEmpty();
        }
        if (c.name().equals("p50_F7") || c.name().equals("hjorth_activity_F7"))
          assertThat(c.flags()).containsExactly(ColumnFlag.COPY);
      }
      InspectionReport.ColumnSummary sum = rep.column("sum_F7");
      assertThat(sum.min()).isBetween(0.1, 1.0);
      assertThat(sum.max()).isBetween(4000.0, 12000.0);
      assertThat(rep.badCellCount()).isZero();

      Dataset d = FeatureTableLoader.load(f, FeatureTableOptions.defaults().withClassNames(DemoData.GENRES));
      loaded.add(d);
      assertThat(d.cols()).isEqualTo(25);
      assertThat(d.classNames()).containsExactly("classical", "instrumental", "pop");
      int[] perClass = new int[3];
      for (int y : d.labels()) perClass[y]++;
      assertThat(perClass).containsExactly(192, 192, 192);
      // Participants 1..24 in contiguous blocks of 24, each with exactly two genres, 12 rows each.
      Map<Integer, TreeMap<Integer, Integer>> genres = new TreeMap<>();
      for (int r = 0; r < d.rows(); r++) {
        assertThat(d.groups()[r]).isEqualTo(r / 24 + 1);
        genres.computeIfAbsent(d.groups()[r], k -> new TreeMap<>()).merge(d.labels()[r], 1, Integer::sum);
      }
      assertThat(genres).hasSize(24);
      TreeSet<String> pairs = new TreeSet<>();
      for (TreeMap<Integer, Integer> g : genres.values()) {
        assertThat(g.values()).containsExactly(12, 12);
        pairs.add(g.keySet().toString());
      }
      assertThat(pairs).hasSize(3);
      // dropFlagged drops exactly the two copies.
      FeatureTableLoader.Loaded l = FeatureTableLoader.loadDetailed(t, FeatureTableOptions.defaults().withDropFlagged(true));
      assertThat(l.dropped()).extracting(FeatureTableLoader.Dropped::column).containsExactly("p50_F7", "hjorth_activity_F7");
      assertThat(l.data().cols()).isEqualTo(23);
    }
    // xlsx and csv hold the same numbers, and the in-memory generator gives them too.
    Dataset mem = DemoData.features(DemoData.FeatureSpec.defaults(), 20261123L);
    for (Dataset d : loaded) {
      assertThat(d.x()).containsExactly(mem.x());
      assertThat(d.labels()).containsExactly(mem.labels());
      assertThat(d.groups()).containsExactly(mem.groups());
      assertThat(d.featureNames()).isEqualTo(mem.featureNames());
    }
  }

  @Test
  void sameSeedGivesByteIdenticalCsvAndOtherSeedDiffers() throws IOException {
    DemoData.FeatureSpec small = new DemoData.FeatureSpec(6, 8, 64, 2, 3, 1.0);
    Path a = dir.resolve("a"), b = dir.resolve("b"), c = dir.resolve("c");
    DemoData.writeFeatures(a, small, 5);
    DemoData.writeFeatures(b, small, 5);
    DemoData.writeFeatures(c, small, 6);
    byte[] ba = Files.readAllBytes(a.resolve("music-eeg-features.csv"));
    assertThat(Files.readAllBytes(b.resolve("music-eeg-features.csv"))).isEqualTo(ba);
    assertThat(Files.readAllBytes(c.resolve("music-eeg-features.csv"))).isNotEqualTo(ba);
  }

  @Test
  void smallSizesKeepTheStructure() {
    DemoData.FeatureSpec small = new DemoData.FeatureSpec(6, 8, 64, 2, 3, 1.0);
    Table t = DemoData.featureTable(small, 1);
    assertThat(t.rows()).isEqualTo(48);
    InspectionReport rep = TableInspector.inspect(t);
    assertThat(rep.column("krt_F7").sentinelRows()).hasSize(2);
    assertThat(rep.column("min_F7").zeroRows()).hasSize(3);
    Dataset d = DemoData.features(small, 1);
    int[] perClass = new int[3];
    for (int y : d.labels()) perClass[y]++;
    assertThat(perClass).containsExactly(16, 16, 16);
  }
}
