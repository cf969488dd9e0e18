package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.distinct.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesLayoutsTest {
  @TempDir Path dir;

  static final DemoData.SeriesSpec SMALL = new DemoData.SeriesSpec(6, 12, 4, 40, 60, 1.0);

  /** Random multichannel sequences: lengths 6–20, values with 4 decimals, labels a/b/c, groups 1–4. */
  static SequenceDataset randomSequences(int n, int channels, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<double[]> s = new ArrayList<>();
    int[] y = new int[n], g = new int[n];
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int len = 6 + rng.nextInt(15);
      double[] v = new double[len * channels];
      for (int k = 0; k < v.length; k++) v[k] = Math.round(rng.nextGaussian() * 1e4) / 1e4;
      s.add(v);
      y[i] = i % 3;
      g[i] = 1 + rng.nextInt(4);
      ids.add("seq" + i);
    }
    return new SequenceDataset("mem", s, channels, y, g, ids, List.of("a", "b", "c"));
  }

  /** Writes sequences as a long csv, rows shuffled, with a time column. */
  private Path writeLong(SequenceDataset d, String name, long seed) throws IOException {
    List<String> lines = new ArrayList<>();
    int c = d.inputSize();
    for (int i = 0; i < d.size(); i++)
      for (int t = 0; t < d.length(i); t++) {
        StringBuilder sb = new StringBuilder(d.songs().get(i) + "," + d.classNames().get(d.labels()[i]) + "," + d.groups()[i] + "," + t);
        for (int ch = 0; ch < c; ch++) sb.append(',').append(d.series().get(i)[t * c + ch]);
        lines.add(sb.toString());
      }
    // Keep first appearances in order (sequence i's first row before sequence i+1's), shuffle the rest.
    List<String> firsts = new ArrayList<>(), rest = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String l : lines) (seen.add(l.substring(0, l.indexOf(','))) ? firsts : rest).add(l);
    Collections.shuffle(rest, new Random(seed));
    StringBuilder out = new StringBuilder("sequence,label,group,time");
    for (int ch = 0; ch < c; ch++) out.append(",ch").append(ch);
    out.append('\n');
    for (String l : firsts) out.append(l).append('\n');
    for (String l : rest) out.append(l).append('\n');
    Path p = dir.resolve(name);
    Files.writeString(p, out.toString());
    return p;
  }

  @Test
  void longLayoutReadsMultichannelSequencesInAnyRowOrder() throws IOException {
    SequenceDataset want = randomSequences(15, 3, 1);
    Path p = writeLong(want, "long.csv", 2);
    SeriesLoader.Loaded l = SeriesLoader.loadDetailed(p, SeriesOptions.defaults());
    assertThat(l.layout()).isEqualTo(SeriesOptions.Layout.LONG);
    SequenceDataset d = l.data();
    assertThat(d.inputSize()).isEqualTo(3);
    assertThat(d.songs()).isEqualTo(want.songs());
    assertThat(d.labels()).isEqualTo(want.labels());
    assertThat(d.groups()).isEqualTo(want.groups());
    assertThat(d.classNames()).isEqualTo(want.classNames());
    for (int i = 0; i < d.size(); i++) assertThat(d.series().get(i)).isEqualTo(want.series().get(i));
    assertThat(l.note()).isEqualTo("read 15 sequences (long layout, 3 channels) from " + p);
  }

  @Test
  void longLayoutRefusesChangingLabelsDuplicateTimesAndBadCells() throws IOException {
    Path a = dir.resolve("a.csv");
    Files.writeString(a, "sequence,label,x\ns1,a,1\ns1,a,2\ns1,b,3\ns2,b,1\ns2,b,2\ns2,b,3\n");
    SeriesOptions o = SeriesOptions.defaults().withMinLength(2);
    assertThatThrownBy(() -> SeriesLoader.load(a, o)).isInstanceOf(BadInputException.class)
        .hasMessage(a + ": row 4, column 'label': sequence 's1' changes its label from 'a' (row 2) to 'b'");
    Path b = dir.resolve("b.csv");
    Files.writeString(b, "sequence,label,Time,x\ns1,a,1,1\ns1,a,1,2\ns2,b,1,1\ns2,b,2,2\n");
    assertThatThrownBy(() -> SeriesLoader.load(b, o)).hasMessage(b + ": row 3, column 'Time': sequence 's1': time 1 occurs twice (also on row 2)");
    Path c = dir.resolve("c.csv");
    Files.writeString(c, "sequence,label,x\ns1,a,1\ns1,a,\ns2,b,1\ns2,b,2\n");
    assertThatThrownBy(() -> SeriesLoader.load(c, o)).hasMessage(c + ": row 3, column 'x': empty cell");
    Path one = dir.resolve("one.csv");
    Files.writeString(one, "sequence,label,x\ns1,a,1\ns1,a,2\n");
    assertThatThrownBy(() -> SeriesLoader.load(one, o)).hasMessageContaining("only one class ('a')");
  }

  @Test
  void ucrLayoutTabOrCommaWithTrailingNaN() throws IOException {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 12, width = 30;
    StringBuilder tab = new StringBuilder(), comma = new StringBuilder();
    List<double[]> want = new ArrayList<>();
    int[] label = new int[n];
    for (int r = 0; r < n; r++) {
      label[r] = r % 2 == 0 ? -1 : 1;
      int len = 10 + rng.nextInt(width - 10);
      double[] v = new double[len];
      List<String> f = new ArrayList<>(List.of(Integer.toString(label[r])));
      for (int k = 0; k < width; k++) {
        if (k < len) {
          v[k] = Math.round(rng.nextGaussian() * 1e5) / 1e5;
          f.add(String.format(Locale.ROOT, "%.5e", v[k]));
        } else f.add("NaN");
      }
      want.add(v);
      tab.append(String.join("\t", f)).append('\n');
      comma.append(String.join(",", f)).append('\n');
    }
    for (String[] file : new String[][] {{"X_TRAIN.tsv", tab.toString()}, {"X_TRAIN.csv", comma.toString()}}) {
      Path p = dir.resolve(file[0]);
      Files.writeString(p, file[1]);
      SeriesLoader.Loaded l = SeriesLoader.loadDetailed(p, SeriesOptions.defaults());
      assertThat(l.layout()).isEqualTo(SeriesOptions.Layout.UCR);
      SequenceDataset d = l.data();
      assertThat(d.classNames()).containsExactly("-1", "1");
      for (int r = 0; r < n; r++) {
        assertThat(d.series().get(r)).containsExactly(want.get(r));
        assertThat(d.labels()[r]).isEqualTo(label[r] < 0 ? 0 : 1);
        assertThat(d.songs().get(r)).isEqualTo(Integer.toString(r + 1));
        assertThat(d.groups()[r]).isEqualTo(r);
      }
    }
    Path bad = dir.resolve("bad.tsv");
    Files.writeString(bad, "1\t0.5\tNaN\t0.7\t0.1\t0.1\t0.1\n2\t1\t2\t3\t4\t5\t6\n");
    assertThatThrownBy(() -> SeriesLoader.load(bad, SeriesOptions.defaults().withMinLength(1)))
        .hasMessage(bad + ": row 1, column 'value 3': a value after the NaN or empty cell that ended the sequence");
  }

  @Test
  void layoutCanBeForcedAndUnknownTablesAreRefused() throws IOException {
    Path p = dir.resolve("x.csv");
    Files.writeString(p, "a,b\n1,2\n3,4\n");
    assertThatThrownBy(() -> SeriesLoader.load(p, SeriesOptions.defaults()))
        .hasMessageContainingAll("cannot tell the series layout", "columns are: a, b", "--layout folder|long|ucr");
    Path u = dir.resolve("u.csv");
    Files.writeString(u, "1,0.5,0.25,0.125,0.5,0.25\n2,1,2,3,4,5\n");
    assertThatThrownBy(() -> SeriesLoader.load(u, SeriesOptions.defaults().withLayout(SeriesOptions.Layout.LONG)))
        .hasMessageContaining("sequence column 'sequence' not found");
    assertThat(SeriesLoader.load(u, SeriesOptions.defaults().withLayout(SeriesOptions.Layout.UCR)).size()).isEqualTo(2);
    assertThatThrownBy(() -> SeriesLoader.load(dir, SeriesOptions.defaults().withLayout(SeriesOptions.Layout.UCR)))
        .hasMessageContaining("is a folder, but the UCR layout is one file");
  }

  @Test
  void folderAsDistributedReadsOnlyTheSongWorkbooksAndSaysWhatItIgnored() throws IOException {
    Path f = dir.resolve("S");
    DemoData.writeSeries(f, null, SMALL, 5);
    Files.writeString(f.resolve("README.txt"), "S1-S4 classical, S5-S8 instrumental, S9-S12 pop\n");
    Files.write(f.resolve("Rahman2020.pdf"), new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '4'});
    Files.writeString(f.resolve(".DS_Store"), "x");
    Files.writeString(f.resolve("~$S1.xlsx"), "lock");
    SeriesOptions o = SeriesOptions.defaults().withMapping(SMALL.mapping());
    SeriesLoader.Loaded l = SeriesLoader.loadDetailed(f, o);
    assertThat(l.layout()).isEqualTo(SeriesOptions.Layout.FOLDER);
    assertThat(l.ignored()).containsExactly(".DS_Store", "README.txt", "Rahman2020.pdf", "~$S1.xlsx");
    assertThat(l.note()).isEqualTo("read 12 song workbooks from " + f + "; ignored 4 files that are not song workbooks: .DS_Store, README.txt, Rahman2020.pdf, ~$S1.xlsx");
    SequenceDataset want = DemoData.series(SMALL, 5);
    assertThat(l.data().songs()).isEqualTo(want.songs());
    for (int i = 0; i < want.size(); i++) assertThat(l.data().series().get(i)).isEqualTo(want.series().get(i));
    // A mapping with other song names selects those files.
    Path g = dir.resolve("G");
    Files.createDirectories(g);
    Files.writeString(g.resolve("intro.csv"), "Time,P01\n1,1\n1,2\n1,3\n1,4\n1,5\n");
    Files.writeString(g.resolve("outro.csv"), "Time,P01\n1,1\n1,2\n1,3\n1,4\n1,5\n");
    Files.writeString(g.resolve("notes.csv"), "whatever\n");
    SeriesLoader.Loaded m = SeriesLoader.loadDetailed(g, o.withMapping(SongMapping.parseOptions(List.of("intro=a", "outro=b"))));
    assertThat(m.data().songs()).containsExactly("intro", "outro");
    assertThat(m.ignored()).containsExactly("notes.csv");
  }

  @Test
  void multichannelPreprocessingIsPerChannelAndEqualsSingleChannelRuns() {
    SequenceDataset d = randomSequences(9, 3, 7);
    for (SeriesPreprocessing p : List.of(new SeriesPreprocessing(5, SequenceScaling.Mode.PER_SEQUENCE, 1),
        new SeriesPreprocessing(3, SequenceScaling.Mode.GLOBAL, 2), new SeriesPreprocessing(1, SequenceScaling.Mode.NONE, 3))) {
      SequenceDataset all = p.fit(d).apply(d);
      for (int ch = 0; ch < 3; ch++) {
        SequenceDataset one = channel(d, ch);
        SequenceDataset single = p.fit(one).apply(one);
        for (int i = 0; i < d.size(); i++) {
          double[] got = all.series().get(i);
          double[] exp = single.series().get(i);
          assertThat(got.length).isEqualTo(exp.length * 3);
          for (int t = 0; t < exp.length; t++) assertThat(got[t * 3 + ch]).isEqualTo(exp[t]);
        }
      }
    }
  }

  private static SequenceDataset channel(SequenceDataset d, int ch) {
    int c = d.inputSize();
    List<double[]> out = new ArrayList<>();
    for (double[] x : d.series()) {
      double[] y = new double[x.length / c];
      for (int t = 0; t < y.length; t++) y[t] = x[t * c + ch];
      out.add(y);
    }
    return d.withSeries(out, 1);
  }

  @Test
  void sequenceIdsAndOrderAreStableUnderThreads() throws IOException {
    Path f = dir.resolve("T");
    DemoData.writeSeries(null, f, SMALL, 8);
    SeriesOptions o = SeriesOptions.defaults().withMapping(SMALL.mapping());
    SequenceDataset a = SeriesLoader.load(f, o), b = SeriesLoader.load(f, o);
    assertThat(a.songs()).isEqualTo(b.songs());
    for (int i = 0; i < a.size(); i++) assertThat(Arrays.equals(a.series().get(i), b.series().get(i))).isTrue();
  }
}
