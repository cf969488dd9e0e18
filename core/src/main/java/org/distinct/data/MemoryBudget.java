package org.distinct.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.distinct.BadInputException;
import org.distinct.util.OrderedParallel;

/**
 * What holding and working on the data costs in memory, estimated before a file is read and checked against the Java
 * heap ({@link Runtime#maxMemory()}, set with {@code -Xmx}), so that too large an input is refused at once with one line
 * saying how much it would need, instead of ending in an {@link OutOfMemoryError} minutes later.
 *
 * <p>The figures (measured with {@code -Xmx} steps on tables of 10 million cells and series of a million steps):
 * <ul>
 *   <li>a table costs about {@value #TABLE_BYTES_PER_CELL} bytes per cell (rows × columns) from reading to training:
 *       the cells as doubles while the reader's arrays grow (up to 2.5 copies), the table as read, the model's rows
 *       and their scaled copy; {@code inspect} needs about half;
 *   <li>series cost about {@value #SERIES_BYTES_PER_VALUE} bytes per value (steps × channels, all files): the
 *       workbooks as read, the sequences, their preprocessed copy and the float copy training reads;
 *   <li>training a recurrent network on sequences of T steps keeps, per worker thread, at least the hidden state and
 *       its gradient at every step for the two sequences a worker holds: {@code threads × 4 × (T + 1) × H × 4} bytes for
 *       H hidden units, rounded up to whole vectors of 16 floats, and the training data as floats (4 bytes a value)
 *       beside the doubles (8) ({@link #requireSequenceTraining}); gated cells keep several times that.
 * </ul>
 * The estimate before reading comes from the file's size and a sample of its start (cells per byte of a CSV, cells per
 * byte of an xlsx sheet's XML, whose expanded size the zip directory gives); while reading, the count of cells read so
 * far is checked as the reader's arrays grow ({@link #requireCells}).
 */
public final class MemoryBudget {
  /** Bytes per table cell from reading to training (see the class comment). */
  public static final long TABLE_BYTES_PER_CELL = 40;
  /** Bytes per series value (one channel at one step) from reading to training. */
  public static final long SERIES_BYTES_PER_VALUE = 32;

  private static final int SAMPLE = 256 * 1024;

  private MemoryBudget() {}

  /** @return the most the heap may grow to, in bytes ({@code -Xmx}) */
  public static long heap() {
    return Runtime.getRuntime().maxMemory();
  }

  /**
   * Refuses work that would need more memory than the heap has.
   *
   * @param source the file (or data) it is about, named first in the message
   * @param bytes the estimated need
   * @param what what needs it, e.g. {@code "reading about 60,000,000 cells"}
   * @throws BadInputException if {@code bytes} exceeds the heap
   */
  public static void require(String source, long bytes, String what) {
    if (bytes > heap()) throw BadInputException.at(source, 0, null, what + " " + advice(bytes));
  }

  /** @return {@code needs about X MB of memory, more than the Java heap's Y MB; give Java more (…)} */
  private static String advice(long bytes) {
    long gb = Math.max(2, (bytes + (1L << 30) - 1) >> 30) + 1;
    return "needs about " + mb(bytes) + " of memory, more than the Java heap's " + mb(heap()) + "; give Java more (e.g. DISTINCT_JAVA_OPTS=-Xmx"
        + gb + "g ./distinct ..., or java -Xmx" + gb + "g -jar distinct.jar ...)";
  }

  /**
   * Checks, before reading, that a table file fits: its cells estimated from its size and start.
   *
   * @param file the table (xlsx or CSV)
   * @throws BadInputException if it would need more than the heap
   */
  public static void checkTable(Path file) {
    requireTable(file, estimateCells(file));
  }

  /**
   * Checks, before reading, that a table file of an estimated size fits ({@link #checkTable} with the estimate made
   * already).
   *
   * @param file the table
   * @param cells its cells estimated by {@link #estimateCells}
   * @throws BadInputException if it would need more than the heap
   */
  static void requireTable(Path file, long cells) {
    long bytes = cells * TABLE_BYTES_PER_CELL;
    if (bytes > heap()) require(file.toString(), bytes, "reading about " + count(cells) + " cells"); // the message only when refused
  }

  /**
   * Checks, before reading, that series files fit together.
   *
   * @param files the workbooks (or one long or UCR file)
   * @param source the folder or file, for the message
   * @throws BadInputException if they would need more than the heap
   */
  public static void checkSeries(List<Path> files, String source) {
    estimateSeries(files, source);
  }

  /**
   * Checks, before reading, that series files fit together ({@link #checkSeries}), and gives the estimates.
   *
   * @param files the workbooks (or one long or UCR file)
   * @param source the folder or file, for the message
   * @return the cells of each file estimated by {@link #estimateCells}, in the order of {@code files}
   * @throws BadInputException if they would need more than the heap
   */
  static long[] estimateSeries(List<Path> files, String source) {
    List<Callable<Long>> tasks = new ArrayList<>();
    for (Path f : files) tasks.add(() -> estimateCells(f)); // each opens its zip and inflates a sample: one file per core at a time
    List<Long> each = OrderedParallel.run(tasks, Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors())));
    long[] cells = new long[files.size()];
    long values = 0;
    for (int i = 0; i < cells.length; i++) values += cells[i] = each.get(i);
    long bytes = values * SERIES_BYTES_PER_VALUE;
    if (bytes > heap()) require(source, bytes, "reading series of about " + count(values) + " values"); // the message only when refused
    return cells;
  }

  /**
   * Checks while reading: the cells read so far, at the moment the reader's arrays grow.
   *
   * @param source the file
   * @param row the row being read (1-based, for the message)
   * @param cells cells read so far
   * @throws BadInputException if they already need more than the heap
   */
  static void requireCells(String source, int row, long cells) {
    long bytes = cells * TABLE_BYTES_PER_CELL;
    if (bytes > heap()) throw BadInputException.at(source, row, null, "the table has more than " + count(cells) + " cells: it " + advice(bytes));
  }

  /**
   * Refuses training a recurrent network whose per-step buffers cannot fit: at least the hidden state and its gradient
   * at every step for the two sequences each worker holds, plus the training data as floats beside the doubles (see the
   * class comment).
   *
   * @param source the training data's source
   * @param maxSteps the longest training sequence
   * @param hidden hidden units of every layer (Not modified)
   * @param threads worker threads
   * @param values values of all training sequences (steps × inputs)
   * @throws BadInputException if even that exceeds the heap
   */
  public static void requireSequenceTraining(String source, int maxSteps, int[] hidden, int threads, long values) {
    long units = 0;
    long padded = 0;
    for (int h : hidden) {
      units += h;
      padded += (h + 15) / 16 * 16L; // the float kernels pad every layer to whole vectors (up to 16 lanes)
    }
    long bytes = (long) threads * 4L * (maxSteps + 1L) * padded * Float.BYTES + values * (Float.BYTES + Double.BYTES);
    if (bytes <= heap()) return;
    throw BadInputException.at(source, 0, null, "training on sequences of " + count(maxSteps) + " steps (" + units + " hidden units, "
        + threads + (threads == 1 ? " thread" : " threads") + ") " + advice(bytes).replace("; give Java more", "; downsample the series "
        + "(--downsample N, or downsample: N in a study), " + (threads > 1 ? "use fewer --threads, " : "") + "or give Java more"));
  }

  /**
   * Estimates the cells of a table file without reading all of it.
   *
   * @param file an xlsx or text (CSV, TSV, UCR) file
   * @return the estimated cells (0 if the file cannot be sampled; the reader then reports what is wrong)
   */
  public static long estimateCells(Path file) {
    try {
      if (!Files.isRegularFile(file)) return 0;
      long size = Files.size(file);
      if (size == 0) return 0;
      return isZip(file) ? xlsxCells(file) : textCells(file, size);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static boolean isZip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes(4);
      return b.length == 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }
  }

  /** Cells of the largest worksheet: its expanded size times the cells per byte of its first part. */
  private static long xlsxCells(Path file) throws IOException {
    try (ZipFile z = new ZipFile(file.toFile())) {
      ZipEntry largest = null;
      Enumeration<? extends ZipEntry> en = z.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        if (e.getName().startsWith("xl/worksheets/") && e.getName().endsWith(".xml") && (largest == null || e.getSize() > largest.getSize()))
          largest = e;
      }
      if (largest == null || largest.getSize() <= 0) return 0;
      byte[] head;
      try (InputStream in = z.getInputStream(largest)) {
        head = in.readNBytes(SAMPLE);
      }
      long cells = cellTags(head);
      if (head.length >= largest.getSize()) return cells;
      return (long) ((double) cells / head.length * largest.getSize());
    }
  }

  /** Cells of a text table: lines × fields, scaled from the first part of the file to its size. */
  private static long textCells(Path file, long size) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(SAMPLE);
    }
    int firstLineEnd = 0;
    while (firstLineEnd < head.length && head[firstLineEnd] != '\n') firstLineEnd++;
    byte sep = separator(head, firstLineEnd);
    long cells = 0;
    boolean inToken = false;
    for (byte b : head) {
      if (sep != ' ') {
        if (b == sep || b == '\n') cells++;
      } else {
        boolean blank = b == ' ' || b == '\t' || b == '\n' || b == '\r';
        if (!blank && !inToken) cells++;
        inToken = !blank;
      }
    }
    if (head.length >= size) return Math.max(cells, 1);
    return (long) ((double) cells / head.length * size);
  }

  /** The separator the first line uses most: comma, semicolon or tab; a space means whitespace-separated. */
  private static byte separator(byte[] b, int end) {
    int comma = 0;
    int semi = 0;
    int tab = 0;
    for (int i = 0; i < end; i++) {
      if (b[i] == ',') comma++;
      else if (b[i] == ';') semi++;
      else if (b[i] == '\t') tab++;
    }
    if (comma == 0 && semi == 0 && tab == 0) return ' ';
    return comma >= semi && comma >= tab ? (byte) ',' : semi >= tab ? (byte) ';' : (byte) '\t';
  }

  /**
   * Counts the cell start tags in a sample of sheet XML: the occurrences of {@code <c } and {@code <c>} (neither can
   * overlap itself or the other, so this is also their count as non-overlapping substrings). One pass over the bytes,
   * without a string: in a fresh JVM this runs in the interpreter, twelve times for a folder of songs.
   *
   * @param b the sample (Not modified)
   * @return the number of cell start tags
   */
  static long cellTags(byte[] b) {
    long n = 0;
    for (int i = 0, end = b.length - 2; i < end; i++)
      if (b[i] == '<' && b[i + 1] == 'c' && (b[i + 2] == ' ' || b[i + 2] == '>')) n++;
    return n;
  }

  /** @return e.g. {@code 1,234 MB} */
  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%,d MB", (bytes + (1L << 20) - 1) >> 20);
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
