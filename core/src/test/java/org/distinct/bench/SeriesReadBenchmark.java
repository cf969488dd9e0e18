package org.distinct.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.distinct.data.DemoData;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SeriesLoader;
import org.distinct.data.SeriesOptions;
import org.distinct.data.Table;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading series in each layout, from files written once per trial from the full-size demo (seed 42):
 * <ul>
 *   <li>{@code folderXlsx}: the twelve song workbooks S1.xlsx … S12.xlsx (1,600–2,200 rows × 17 columns each);
 *   <li>{@code folderCsv}: the same as csv files;
 *   <li>{@code longCsv}: the same 192 sequences as one long csv ({@code sequence,label,group,time,value});
 *   <li>{@code ucr}: the same sequences as a UCR tab-separated file (label, values, NaN-padded to the longest).
 * </ul>
 * Each benchmark returns the dataset. Cells per file set are printed by {@link #main} (with the retained heap of
 * each result against 8 bytes per number read); {@code bench/run-read.sh} turns ms per read into seconds per
 * million cells. Run: {@code java -cp ... org.openjdk.jmh.Main SeriesReadBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class SeriesReadBenchmark {
  Path dir;
  Path xlsx;
  Path csv;
  Path longCsv;
  Path ucr;
  final SeriesOptions options = SeriesOptions.defaults();

  /** Writes the four file sets. */
  @Setup(Level.Trial)
  public void write() throws IOException {
    dir = Files.createTempDirectory("distinct-read-bench");
    xlsx = dir.resolve("series");
    csv = dir.resolve("series-csv");
    DemoData.writeSeries(xlsx, csv, DemoData.SeriesSpec.defaults(), 42);
    SequenceDataset d = SeriesLoader.load(csv, options);
    longCsv = dir.resolve("long.csv");
    ucr = dir.resolve("train.tsv");
    StringBuilder l = new StringBuilder("sequence,label,group,time,value\n");
    StringBuilder u = new StringBuilder();
    int max = 0;
    for (int s = 0; s < d.size(); s++) max = Math.max(max, d.length(s));
    for (int s = 0; s < d.size(); s++) {
      double[] v = d.series().get(s);
      u.append(d.labels()[s] + 1);
      for (int t = 0; t < max; t++) {
        if (t < v.length) {
          l.append(d.songs().get(s)).append('-').append(d.groups()[s]).append(',').append(d.labels()[s] + 1).append(',')
              .append(d.groups()[s]).append(',').append(t).append(',').append(v[t]).append('\n');
          u.append('\t').append(v[t]);
        } else u.append("\tNaN");
      }
      u.append('\n');
    }
    Files.writeString(longCsv, l);
    Files.writeString(ucr, u);
  }

  /** Removes the files. */
  @TearDown(Level.Trial)
  public void clean() throws IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  /** @return the twelve xlsx song workbooks */
  @Benchmark
  public SequenceDataset folderXlsx() {
    return SeriesLoader.load(xlsx, options);
  }

  /** @return the twelve csv song files */
  @Benchmark
  public SequenceDataset folderCsv() {
    return SeriesLoader.load(csv, options);
  }

  /** @return the long csv */
  @Benchmark
  public SequenceDataset longCsv() {
    return SeriesLoader.load(longCsv, options);
  }

  /** @return the UCR file */
  @Benchmark
  public SequenceDataset ucr() {
    return SeriesLoader.load(ucr, options);
  }

  /**
   * Prints the cells of each file set, one cold read's time, and the retained heap of each result against the
   * 8 bytes per number it holds.
   *
   * @param args ignored
   * @throws IOException if the files cannot be written
   */
  public static void main(String[] args) throws IOException {
    SeriesReadBenchmark b = new SeriesReadBenchmark();
    b.write();
    long folderCells = 0;
    for (Table t : DemoData.seriesTables(DemoData.SeriesSpec.defaults(), 42)) folderCells += (long) t.rows() * t.cols();
    SequenceDataset d = b.longCsv();
    long steps = 0;
    for (int s = 0; s < d.size(); s++) steps += d.length(s);
    int max = 0;
    for (int s = 0; s < d.size(); s++) max = Math.max(max, d.length(s));
    long[] cells = {folderCells, folderCells, steps * 5, (long) d.size() * (max + 1)};
    String[] names = {"folderXlsx", "folderCsv", "longCsv", "ucr"};
    List<Supplier<SequenceDataset>> reads = List.of(b::folderXlsx, b::folderCsv, b::longCsv, b::ucr);
    for (int i = 0; i < 4; i++) {
      long before = usedAfterGc();
      long t0 = System.nanoTime();
      SequenceDataset r = reads.get(i).get();
      double ms = (System.nanoTime() - t0) / 1e6;
      long held = usedAfterGc() - before;
      long numbers = 0;
      for (double[] x : r.series()) numbers += x.length;
      System.out.printf(Locale.ROOT, "%s cells=%d numbers=%d coldReadMs=%.1f retainedBytes=%d retainedPerNumberByte=%.2f%n", names[i],
          cells[i], numbers, ms, held, held / (8.0 * numbers));
      if (r.size() == 0) throw new IllegalStateException();
    }
    b.clean();
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
