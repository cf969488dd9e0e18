package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.distinct.data.MemoryBudget;
import org.distinct.util.FaultHook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory (issue 13, 4): a table of ten million cells is processed within a 1 GB heap; a file too large for the
 * heap is refused before it is read, with a line saying how much it would need; a series file of a million steps is
 * read, and its training refused with what it would need before any buffer is allocated; and running out of memory anyway
 * ends in one line, not in an {@code OutOfMemoryError} with a stack trace.
 */
class MemoryLimitTest {
  @TempDir Path dir;

  /** A feature table of {@code rows} rows: a participant column, 25 features, a label: 27 cells a row. */
  private static Path table(Path file, int rows, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder h = new StringBuilder("subject no.");
      for (int c = 0; c < 25; c++) h.append(",f").append(c);
      w.write(h.append(",label\n").toString());
      StringBuilder row = new StringBuilder(256);
      for (int i = 0; i < rows; i++) {
        row.setLength(0);
        row.append(i % 24 + 1);
        for (int c = 0; c < 25; c++) row.append(",0.").append(100000 + r.nextInt(900000));
        w.write(row.append(',').append(i % 3 + 1).append('\n').toString());
      }
    }
    return file;
  }

  @Test
  void aTableOfTenMillionCellsIsProcessedWithinOneGigabyte() throws Exception {
    int rows = 10_000_000 / 27 + 1;
    Path big = table(dir.resolve("big.csv"), rows, 1);
    try (Child c = Child.start(dir.resolve("big.log"), "1g", Map.of(), "train", "--data", big.toString(), "--epochs", "1", "--folds", "0", "--quiet")) {
      assertThat(c.await(300)).as(c.log()).isZero();
      assertThat(c.log()).contains(rows + " rows").doesNotContain("OutOfMemoryError");
    }
  }

  @Test
  void aFileTooLargeForTheHeapIsRefusedBeforeItIsRead() throws Exception {
    // dense rows at the start, then a hole: a sparse file as large as the heap, which costs no disk and would read as
    // NUL bytes (refused with another message) if anything read it
    Path huge = table(dir.resolve("huge.csv"), 2_000, 2);
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(Math.max(2L << 30, MemoryBudget.heap()));
    }
    for (String[] args : new String[][] {{"inspect", huge.toString()}, {"train", "--data", huge.toString()},
        {"study", "--data", huge.toString(), "--out", dir.resolve("r").toString()}}) {
      long t0 = System.nanoTime();
      Cli.Result r = Cli.run(args);
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.errLines()).as(r.toString()).singleElement().asString()
          .startsWith("distinct: error: " + huge + ": reading about ").contains(" cells needs about ", " MB of memory, more than the Java heap's ",
              "DISTINCT_JAVA_OPTS=-Xmx");
      assertThat(seconds).as("refused before reading %s", args[0]).isLessThan(5);
    }
    assertThat(dir.resolve("r").resolve(".runs")).doesNotExist();
  }

  @Test
  void aSeriesOfAMillionStepsIsReadAndItsTrainingRefusedWithWhatItNeeds() throws Exception {
    Path series = dir.resolve("series");
    Files.createDirectories(series);
    SplittableRandom r = new SplittableRandom(3);
    for (int song : new int[] {1, 5, 9}) {
      int steps = song == 1 ? 1_000_000 : 2_000;
      try (BufferedWriter w = Files.newBufferedWriter(series.resolve("S" + song + ".csv"), StandardCharsets.UTF_8)) {
        w.write("Time,P01,P02,P03,P04\n");
        StringBuilder row = new StringBuilder(64);
        for (int t = 0; t < steps; t++) {
          row.setLength(0);
          row.append(t / 8 + 1);
          for (int p = 0; p < 4; p++) row.append(',').append(r.nextInt(1000)).append('.').append(r.nextInt(10));
          w.write(row.append('\n').toString());
        }
      }
    }
    String[] train = {"train", "--model", "rnn", "--series", series.toString(), "--epochs", "1", "--folds", "0", "--threads", "1", "--quiet"};
    try (Child c = Child.start(dir.resolve("series.log"), "1g", Map.of(), train)) {
      assertThat(c.await(300)).as(c.log()).isEqualTo(2);
      assertThat(c.ownLines()).as(c.log()).singleElement().asString()
          .startsWith("distinct: error: " + series + ": training on sequences of 1,000,000 steps (50 hidden units, 1 thread) needs about ")
          .contains("MB of memory, more than the Java heap's ", "--downsample N", "-Xmx");
    }
  }

  @Test
  void runningOutOfMemoryAnywayEndsInOneLine() throws Exception {
    Path study = dir.resolve("s.yaml");
    Files.writeString(study, StudyKillTest.STUDY);
    try (Child c = Child.start(dir.resolve("oom.log"), "256m", Map.of(FaultHook.OUT_OF_MEMORY_AT, "unit:2"), "study", study.toString(), "--out",
        dir.resolve("r").toString(), "--threads", "2", "--quiet")) {
      assertThat(c.await(120)).as(c.log()).isEqualTo(2);
      assertThat(c.ownLines()).as(c.log()).singleElement().asString()
          .startsWith("distinct: error: out of memory: the Java heap (").contains("MB) is too small", "DISTINCT_JAVA_OPTS=-Xmx");
      assertThat(c.log()).doesNotContain("OutOfMemoryError", "\tat ");
    }
  }
}
