package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataSeriesTest {
  @TempDir Path dir;

  @Test
  void fullSizeSeriesHaveTheDocumentedShape() {
    DemoData.SeriesSpec spec = DemoData.SeriesSpec.defaults();
    List<Table> tables = DemoData.seriesTables(spec, 99);
    assertThat(tables).hasSize(12);
    Map<Integer, Integer> songsPerParticipant = new HashMap<>();
    int padded = 0, columns = 0;
    double smallestMax = Double.MAX_VALUE, largestMax = 0;
    Set<Integer> lengths = new HashSet<>();
    for (Table t : tables) {
      assertThat(t.headerRow()).isEqualTo(1);
      assertThat(t.columnNames().get(0)).isEqualTo("Time");
      assertThat(t.cols()).isEqualTo(17);
      assertThat(t.rows()).isBetween(1600, 2200);
      lengths.add(t.rows());
      for (int r = 0; r < t.rows(); r++) assertThat(t.number(r, 0)).isEqualTo(r / 8 + 1);
      int previous = 0;
      for (int c = 1; c < t.cols(); c++) {
        String name = t.columnNames().get(c);
        assertThat(name).matches("P\\d\\d");
        int id = SeriesLoader.participantNumber(name);
        assertThat(id).isGreaterThan(previous).isBetween(1, 24);
        previous = id;
        songsPerParticipant.merge(id, 1, Integer::sum);
        columns++;
        double max = 0;
        int zeros = 0;
        for (int r = 0; r < t.rows(); r++) {
          double v = t.number(r, c);
          assertThat(v).isGreaterThanOrEqualTo(0);
          max = Math.max(max, v);
        }
        for (int r = t.rows() - 1; r >= 0 && t.number(r, c) == 0; r--) zeros++;
        for (int r = 0; r < t.rows() - zeros; r++) assertThat(t.number(r, c)).isPositive();
        assertThat(zeros).isBetween(0, 3);
        if (zeros > 0) padded++;
        smallestMax = Math.min(smallestMax, max);
        largestMax = Math.max(largestMax, max);
      }
    }
    assertThat(lengths.size()).isGreaterThan(6); // lengths differ between songs
    assertThat(songsPerParticipant).hasSize(24).allSatisfy((p, n) -> assertThat(n).isEqualTo(8));
    assertThat(columns).isEqualTo(192);
    assertThat(padded).isGreaterThan(192 / 2);
    assertThat(smallestMax).isLessThan(1);
    assertThat(largestMax).isBetween(1000.0, 4000.0);
    SequenceDataset d = DemoData.series(spec, 99);
    assertThat(d.size()).isEqualTo(192);
    int[] perClass = new int[3];
    for (int y : d.labels()) perClass[y]++;
    assertThat(perClass).containsExactly(64, 64, 64);
  }

  @Test
  void sameSeedGivesByteIdenticalSeriesCsv() throws IOException {
    DemoData.SeriesSpec small = new DemoData.SeriesSpec(6, 3, 2, 20, 30, 1.0);
    DemoData.writeSeries(null, dir.resolve("a"), small, 4);
    DemoData.writeSeries(null, dir.resolve("b"), small, 4);
    DemoData.writeSeries(null, dir.resolve("c"), small, 5);
    for (int s = 1; s <= 3; s++) {
      byte[] a = Files.readAllBytes(dir.resolve("a/S" + s + ".csv"));
      assertThat(Files.readAllBytes(dir.resolve("b/S" + s + ".csv"))).isEqualTo(a);
      assertThat(Files.readAllBytes(dir.resolve("c/S" + s + ".csv"))).isNotEqualTo(a);
    }
    assertThat(dir.resolve("a")).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void specValidatesItself() {
    assertThatThrownBy(() -> new DemoData.SeriesSpec(5, 12, 8, 1600, 2200, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DemoData.SeriesSpec(24, 12, 13, 1600, 2200, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DemoData.SeriesSpec(24, 12, 8, 2200, 1600, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DemoData.FeatureSpec(24, 23, 256, 4, 8, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DemoData.FeatureSpec(3, 2, 256, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inspectorReportsLengthsPaddingAndScale() {
    DemoData.SeriesSpec small = new DemoData.SeriesSpec(6, 12, 4, 40, 60, 1.0);
    Path xd = dir.resolve("x");
    DemoData.writeSeries(xd, null, small, 8);
    List<Table> tables = DemoData.seriesTables(small, 8);
    SeriesReport rep = SeriesInspector.inspect(xd, "Time");
    assertThat(rep.songs()).extracting(SeriesReport.Song::song).containsExactly("S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11", "S12");
    assertThat(rep.sequences()).isEqualTo(24);
    assertThat(rep.participants()).isEqualTo(6);
    assertThat(rep.scales()).extracting(SeriesReport.ParticipantScale::participant).containsExactly(1, 2, 3, 4, 5, 6);
    for (SeriesReport.ParticipantScale ps : rep.scales()) {
      assertThat(ps.songs()).isEqualTo(4);
      double mx = rep.songs().stream().flatMap(s -> s.columns().stream()).filter(c -> c.participant() == ps.participant())
          .mapToDouble(SeriesReport.Column::max).max().orElseThrow();
      assertThat(ps.max()).isEqualTo(mx);
    }
    for (int s = 0; s < 12; s++) {
      SeriesReport.Song song = rep.songs().get(s);
      Table t = tables.get(s);
      assertThat(song.rows()).isEqualTo(t.rows());
      assertThat(song.seconds()).isEqualTo((t.rows() - 1) / 8 + 1);
      assertThat(song.participants()).hasSize(2);
      assertThat(song.equalLengths()).isTrue();
      assertThat(song.problems()).isEmpty();
      for (SeriesReport.Column c : song.columns()) {
        int col = t.columnIndex(c.column());
        int zeros = 0;
        for (int r = t.rows() - 1; t.number(r, col) == 0; r--) zeros++;
        assertThat(c.trailingZeros()).isEqualTo(zeros);
        assertThat(c.length()).isEqualTo(t.rows());
        double mn = Double.MAX_VALUE, mx = 0;
        for (int r = 0; r < t.rows() - zeros; r++) {
          mn = Math.min(mn, t.number(r, col));
          mx = Math.max(mx, t.number(r, col));
        }
        assertThat(c.min()).isEqualTo(mn);
        assertThat(c.max()).isEqualTo(mx);
      }
    }
  }

  @Test
  void inspectorListsProblemsInsteadOfFailing() throws IOException {
    Path f = dir.resolve("S1.csv");
    Files.writeString(f, "Time,P01,P02,X\n1,1,1,a\n1,2,,b\n1,x,,c\n");
    SeriesReport rep = SeriesInspector.inspect(f, "Time");
    SeriesReport.Song s = rep.songs().get(0);
    assertThat(s.equalLengths()).isFalse();
    assertThat(s.problems()).containsExactly(
        "column 'P01' has 1 blank or non-numeric cells", "column 'X' is not a participant column", "participant columns have unequal lengths");
    assertThat(s.columns().get(1).length()).isEqualTo(1);
  }
}
