package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distinct.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesLoaderTest {
  @TempDir Path dir;

  /** 6 participants, 12 songs, 4 songs each (2 per song), 40–60 rows. */
  static final DemoData.SeriesSpec SMALL = new DemoData.SeriesSpec(6, 12, 4, 40, 60, 1.0);

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void xlsxAndCsvRoundTripWithPaddingTrimmed() {
    Path xd = dir.resolve("x"), cd = dir.resolve("c");
    List<Path> files = DemoData.writeSeries(xd, cd, SMALL, 11);
    assertThat(files).hasSize(24);
    List<Table> tables = DemoData.seriesTables(SMALL, 11);
    SequenceDataset mem = DemoData.series(SMALL, 11);
    SeriesOptions opt = SeriesOptions.defaults().withMapping(SMALL.mapping());
    for (Path folder : List.of(xd, cd)) {
      SequenceDataset d = SeriesLoader.load(folder, opt);
      assertThat(d.size()).isEqualTo(24);
      assertThat(d.inputSize()).isEqualTo(1);
      assertThat(d.classNames()).containsExactly("classical", "instrumental", "pop");
      int s = 0;
      for (int song = 0; song < 12; song++) {
        Table t = tables.get(song);
        for (int c = 1; c < t.cols(); c++, s++) {
          assertThat(d.songs().get(s)).isEqualTo("S" + (song + 1));
          assertThat(d.labels()[s]).isEqualTo(3 * song / 12);
          assertThat(d.groups()[s]).isEqualTo(Integer.parseInt(t.columnNames().get(c).substring(1)));
          int end = t.rows();
          while (t.number(end - 1, c) == 0.0) end--;
          double[] want = new double[end];
          for (int r = 0; r < end; r++) want[r] = t.number(r, c);
          assertThat(d.series().get(s)).containsExactly(want);
          assertThat(d.series().get(s)).isEqualTo(mem.series().get(s));
        }
      }
      assertThat(s).isEqualTo(24);
      // keepPadding keeps the full columns.
      SequenceDataset kept = SeriesLoader.load(folder, opt.withKeepPadding(true));
      for (int i = 0; i < kept.size(); i++) {
        int song = Integer.parseInt(kept.songs().get(i).substring(1)) - 1;
        assertThat(kept.length(i)).isEqualTo(tables.get(song).rows());
      }
    }
    // Some columns really had padding.
    int trimmed = 0;
    for (int i = 0; i < mem.size(); i++)
      if (mem.length(i) < tables.get(Integer.parseInt(mem.songs().get(i).substring(1)) - 1).rows()) trimmed++;
    assertThat(trimmed).isGreaterThan(12);
  }

  @Test
  void loadsAListOfFilesInNaturalOrder() throws IOException {
    Path a = write("S10.csv", "Time,P01,P02\n1,1,2\n1,2,3\n1,3,4\n1,4,5\n1,5,6\n");
    Path b = write("S2.csv", "Time,P03\n1,1\n1,2\n1,3\n1,4\n1,5\n1,0\n");
    SongMapping m = SongMapping.parseOptions(List.of("S2=a", "S10=b"));
    SequenceDataset d = SeriesLoader.load(List.of(a, b), "two", SeriesOptions.defaults().withMapping(m));
    assertThat(d.songs()).containsExactly("S2", "S10", "S10");
    assertThat(d.groups()).containsExactly(3, 1, 2);
    assertThat(d.labels()).containsExactly(0, 1, 1);
    assertThat(d.series().get(0)).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void folderWithoutWorkbooksIsRefused() throws IOException {
    Path empty = dir.resolve("empty");
    Files.createDirectories(empty);
    write("empty/notes.json", "{}");
    assertThatThrownBy(() -> SeriesLoader.load(empty, SeriesOptions.defaults()))
        .isInstanceOf(BadInputException.class)
        .hasMessage(empty + ": folder has no workbooks (.xlsx, .csv, .tsv or .txt) named like a song (S1, S2, … or a song of the mapping); "
            + "ignored 1 file that is not a song workbook: notes.json");
    assertThatThrownBy(() -> SeriesLoader.load(dir.resolve("nope"), SeriesOptions.defaults()))
        .hasMessageContaining("not found");
  }

  @Test
  void songMissingFromMappingIsNamed() throws IOException {
    write("f/S1.csv", "Time,P01\n1,1\n1,2\n1,3\n1,4\n1,5\n");
    write("f/S13.csv", "Time,P01\n1,1\n1,2\n1,3\n1,4\n1,5\n");
    assertThatThrownBy(() -> SeriesLoader.load(dir.resolve("f"), SeriesOptions.defaults()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContainingAll("song 'S13' is missing from the song mapping", "default");
  }

  @Test
  void mappingNamingUnknownSongIsRefused() throws IOException {
    write("f/S1.csv", "Time,P01\n1,1\n1,2\n1,3\n1,4\n1,5\n");
    write("f/S2.csv", "Time,P01\n1,1\n1,2\n1,3\n1,4\n1,5\n");
    Path map = write("map.csv", "song,class\nS1,classical\nS2,pop\nS7,pop\n");
    SongMapping m = SongMapping.parse(map);
    assertThatThrownBy(() -> SeriesLoader.load(dir.resolve("f"), SeriesOptions.defaults().withMapping(m)))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(map.toString())
        .hasMessageContainingAll("names song 'S7'", "no workbook");
  }

  @Test
  void emptyOrNonNumericParticipantColumnIsNamed() throws IOException {
    Path e = write("e/S1.csv", "Time,P01,P02\n1,1,\n1,2,\n1,3,\n1,4,\n1,5,\n");
    assertThatThrownBy(() -> SeriesLoader.load(e, SeriesOptions.defaults()))
        .isInstanceOf(BadInputException.class)
        .hasMessage(e + ": column 'P02': song S1: participant column is entirely empty");
    Path t = write("t/S1.csv", "Time,P01,P02\n1,1,x\n1,2,y\n1,3,z\n1,4,w\n1,5,v\n");
    assertThatThrownBy(() -> SeriesLoader.load(t, SeriesOptions.defaults()))
        .hasMessageContainingAll(t.toString(), "column 'P02'", "song S1", "no numbers");
    Path c = write("c/S1.csv", "Time,P01,P02\n1,1,1\n1,2,oops\n1,3,1\n1,4,1\n1,5,1\n");
    assertThatThrownBy(() -> SeriesLoader.load(c, SeriesOptions.defaults()))
        .hasMessage(c + ": row 3, column 'P02': not a number: 'oops'");
    Path g = write("g/S1.csv", "Time,P01,P02\n1,1,1\n1,2,\n1,3,1\n1,4,1\n1,5,1\n");
    assertThatThrownBy(() -> SeriesLoader.load(g, SeriesOptions.defaults()))
        .hasMessage(g + ": row 3, column 'P02': empty cell");
    Path f = write("f/S1.csv", "Time,P01,P02\n1,1,x\n1,2,2\n1,3,1\n1,4,1\n1,5,1\n");
    assertThatThrownBy(() -> SeriesLoader.load(f, SeriesOptions.defaults()))
        .hasMessage(f + ": row 2, column 'P02': not a number: 'x'");
  }

  @Test
  void unequalLengthsRefusedOrPadded() throws IOException {
    Path u = write("u/S1.csv", "Time,P01,P02,P03\n1,1,1,1\n1,2,2,2\n1,3,3,3\n1,4,,4\n1,5,,5\n1,6,,\n");
    assertThatThrownBy(() -> SeriesLoader.load(u, SeriesOptions.defaults()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContainingAll(u.toString(), "song S1", "unequal column lengths", "longest 6", "P02 has 3", "P03 has 5");
    SequenceDataset d = SeriesLoader.load(u, SeriesOptions.defaults().withPadUnequal(true).withMinLength(3));
    assertThat(d.series().get(0)).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(d.series().get(1)).containsExactly(1, 2, 3); // padded with zeros, then trimmed
    SequenceDataset k = SeriesLoader.load(u, SeriesOptions.defaults().withPadUnequal(true).withKeepPadding(true).withMinLength(3));
    assertThat(k.series().get(1)).containsExactly(1, 2, 3, 0, 0, 0);
    assertThat(k.series().get(2)).containsExactly(1, 2, 3, 4, 5, 0);
  }

  @Test
  void seriesShorterThanMinimumIsNamed() throws IOException {
    Path s = write("s/S4.csv", "Time,P01,P02\n1,1,1\n1,2,2\n1,3,0\n1,4,0\n1,5,0\n");
    assertThatThrownBy(() -> SeriesLoader.load(s, SeriesOptions.defaults()))
        .isInstanceOf(BadInputException.class)
        .hasMessage(s + ": column 'P02': song S4: series has 2 values, shorter than the minimum 5 (e.g. the filter window)");
    assertThat(SeriesLoader.load(s, SeriesOptions.defaults().withKeepPadding(true)).length(1)).isEqualTo(5);
    Path z = write("z/S4.csv", "Time,P01\n1,0\n1,0\n");
    assertThatThrownBy(() -> SeriesLoader.load(z, SeriesOptions.defaults())).hasMessageContaining("only zeros");
  }

  @Test
  void otherColumnsAndDuplicateSongsAreRefused() throws IOException {
    Path o = write("o/S1.csv", "Time,P01,Notes\n1,1,a\n1,2,b\n1,3,c\n1,4,d\n1,5,e\n");
    assertThatThrownBy(() -> SeriesLoader.load(o, SeriesOptions.defaults()))
        .hasMessageContainingAll("row 1", "column 'Notes'", "not a participant column");
    Path twice = write("t2/S1.csv", "Time,P01,P1\n1,1,1\n1,2,2\n1,3,3\n1,4,4\n1,5,5\n");
    assertThatThrownBy(() -> SeriesLoader.load(twice, SeriesOptions.defaults())).hasMessageContainingAll("column 'P1'", "participant 1 appears twice");
    Path same = write("t3/S1.csv", "Time,P01,P01\n1,1,1\n1,2,2\n1,3,3\n1,4,4\n1,5,5\n");
    assertThatThrownBy(() -> SeriesLoader.load(same, SeriesOptions.defaults())).hasMessageContainingAll("column 'P01'", "appears twice");
    write("d/S1.csv", "Time,P01\n1,1\n1,2\n1,3\n1,4\n1,5\n");
    write("d/s1.tsv", "Time\tP01\n1\t1\n1\t2\n1\t3\n1\t4\n1\t5\n");
    assertThatThrownBy(() -> SeriesLoader.load(dir.resolve("d"), SeriesOptions.defaults()))
        .hasMessageContainingAll("two workbooks", "S1.csv", "s1.tsv");
  }

  @Test
  void writeAllWritesBothLayoutsAndTheMapping() {
    List<Path> files = DemoData.writeAll(dir, 3);
    assertThat(files).hasSize(2 + 24 + 1);
    assertThat(files).contains(dir.resolve("music-eeg-features.xlsx"), dir.resolve("series/S12.xlsx"), dir.resolve("series-csv/S1.csv"),
        dir.resolve("song-classes.csv"));
    SongMapping m = SongMapping.parse(dir.resolve("song-classes.csv"));
    assertThat(m.songToClass()).isEqualTo(SongMapping.defaults().songToClass());
    SequenceDataset d = SeriesLoader.load(dir.resolve("series-csv"), SeriesOptions.defaults().withMapping(m));
    assertThat(d.size()).isEqualTo(192);
    assertThat(d.series()).zipSatisfy(DemoData.series(DemoData.SeriesSpec.defaults(), 3).series(), (a, b) -> assertThat(a).isEqualTo(b));
  }

  @Test
  void participantNumbersAndNaturalOrder() {
    assertThat(SeriesLoader.participantNumber("P07")).isEqualTo(7);
    assertThat(SeriesLoader.participantNumber(" p24 ")).isEqualTo(24);
    assertThat(SeriesLoader.participantNumber("Time")).isEqualTo(-1);
    assertThat(SeriesLoader.participantNumber("P01#2")).isEqualTo(-1);
    assertThat(SeriesLoader.compareNatural("S2", "S10")).isNegative();
    assertThat(SeriesLoader.compareNatural("S10", "S9")).isPositive();
    assertThat(SeriesLoader.compareNatural("S1", "S1")).isZero();
  }
}
