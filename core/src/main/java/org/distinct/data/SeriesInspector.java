package org.distinct.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Summarizes a folder (or file) of per-song workbooks without refusing anything but unreadable files: per
 * song its length, participants, whether the columns are equally long, and per participant column the
 * trailing zero padding and the scale (min/max of the values before the padding). Problems that
 * {@link SeriesLoader} would refuse are listed instead. A folder is inspected for its song workbooks only
 * ({@link SeriesLoader#listFolder}: README, PDF and hidden files are skipped). {@link #describe} reports any layout.
 */
public final class SeriesInspector {
  private SeriesInspector() {}

  /**
   * Inspects a folder of workbooks or a single workbook.
   *
   * @param folderOrFile the folder or file
   * @param timeColumn the clock column name (e.g. {@code Time})
   * @return the report
   * @throws org.distinct.BadInputException if the folder has no workbooks or a file cannot be read as a table
   */
  public static SeriesReport inspect(Path folderOrFile, String timeColumn) {
    List<Path> files = Files.isDirectory(folderOrFile) ? SeriesLoader.workbooksIn(folderOrFile) : List.of(folderOrFile);
    List<Table> tables = new ArrayList<>();
    List<String> songs = new ArrayList<>();
    for (Path f : files) {
      tables.add(TableReader.read(f));
      songs.add(SeriesLoader.songName(f));
    }
    return inspect(tables, songs, folderOrFile.toString(), timeColumn);
  }

  /**
   * Describes the sequences at a path in any layout ({@link SeriesLoader#loadDetailed}): counts, lengths, channels,
   * classes and groups, the files a folder ignores, and for the folder layout the per-song report. Unlike
   * {@link #inspect}, it loads the data, so what loading refuses is refused here too.
   *
   * @param path a folder or file
   * @param options layout, mapping, column names and limits
   * @return the report
   * @throws org.distinct.BadInputException if the data cannot be loaded
   */
  public static SeriesLayoutReport describe(Path path, SeriesOptions options) {
    SeriesLoader.Loaded l = SeriesLoader.loadDetailed(path, options.withMinLength(1));
    SequenceDataset d = l.data();
    int min = Integer.MAX_VALUE, max = 0;
    for (int s = 0; s < d.size(); s++) {
      min = Math.min(min, d.length(s));
      max = Math.max(max, d.length(s));
    }
    Integer[] per = new Integer[d.numClasses()];
    Arrays.fill(per, 0);
    for (int y : d.labels()) per[y]++;
    SeriesReport songs = null;
    if (l.layout() == SeriesOptions.Layout.FOLDER) {
      List<Path> files = Files.isDirectory(path) ? SeriesLoader.listFolder(path, options.mapping()).workbooks() : List.of(path);
      List<Table> tables = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (Path f : files) {
        tables.add(TableReader.read(f, options.readOptions()));
        names.add(SeriesLoader.songName(f));
      }
      songs = inspect(tables, names, path.toString(), options.timeColumn());
    }
    return new SeriesLayoutReport(path.toString(), l.layout(), d.size(), d.inputSize(), d.size() == 0 ? 0 : min, max, d.classNames(),
        List.of(per), (int) Arrays.stream(d.groups()).distinct().count(), l.ignored(), l.note(), songs);
  }

  /**
   * Inspects tables already read.
   *
   * @param tables one per song
   * @param songs song name of each table
   * @param source description of the source
   * @param timeColumn the clock column name
   * @return the report
   */
  public static SeriesReport inspect(List<Table> tables, List<String> songs, String source, String timeColumn) {
    List<SeriesReport.Song> out = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) out.add(song(tables.get(i), songs.get(i), timeColumn));
    TreeSet<Integer> people = new TreeSet<>();
    int seqs = 0, minLen = Integer.MAX_VALUE, maxLen = 0;
    for (SeriesReport.Song s : out)
      for (SeriesReport.Column c : s.columns()) {
        int end = c.length() - c.trailingZeros();
        people.add(c.participant());
        seqs++;
        minLen = Math.min(minLen, end);
        maxLen = Math.max(maxLen, end);
      }
    if (seqs == 0) minLen = 0;
    return new SeriesReport(source, out, seqs, people.size(), minLen, maxLen, scales(out, people));
  }

  /** One song's report: its clock, a summary per participant column, and the problems found, in column order. */
  private static SeriesReport.Song song(Table t, String song, String timeColumn) {
    List<String> problems = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<SeriesReport.Column> cols = new ArrayList<>();
    double seconds = Double.NaN;
    for (int c = 0; c < t.cols(); c++) {
      String name = t.columnNames().get(c);
      if (name.equalsIgnoreCase(timeColumn.strip())) {
        double last = lastNumber(t, c);
        if (!Double.isNaN(last)) seconds = last;
        continue;
      }
      int id = SeriesLoader.participantNumber(name);
      if (id < 0) {
        problems.add("column '" + name + "' is not a participant column");
        continue;
      }
      SeriesReport.Column col = participantColumn(t, c, id);
      if (col.length() == 0) problems.add("column '" + name + "' is entirely empty");
      if (col.badCells() > 0) problems.add("column '" + name + "' has " + col.badCells() + " blank or non-numeric cells");
      names.add(name);
      cols.add(col);
    }
    boolean equal = true;
    for (SeriesReport.Column c : cols) equal &= c.length() == cols.get(0).length();
    if (!equal) problems.add("participant columns have unequal lengths");
    if (cols.isEmpty()) problems.add("no participant columns");
    return new SeriesReport.Song(song, t.source(), t.rows(), seconds, names, equal, cols, problems);
  }

  /** @return the last number of column {@code c}, or NaN if it has none */
  private static double lastNumber(Table t, int c) {
    for (int r = t.rows() - 1; r >= 0; r--)
      if (!Double.isNaN(t.numberOrNaN(r, c))) return t.numberOrNaN(r, c);
    return Double.NaN;
  }

  /** A participant column: length to the last non-blank cell, bad cells before it, trailing zeros, and the range before them. */
  private static SeriesReport.Column participantColumn(Table t, int c, int id) {
    int last = t.rows() - 1;
    while (last >= 0 && t.isEmpty(last, c)) last--;
    int len = last + 1;
    int bad = 0;
    for (int r = 0; r < len; r++) if (Double.isNaN(t.numberOrNaN(r, c))) bad++;
    int end = len;
    while (end > 0 && t.numberOrNaN(end - 1, c) == 0.0) end--;
    double min = Double.NaN, max = Double.NaN;
    for (int r = 0; r < end; r++) {
      double v = t.numberOrNaN(r, c);
      if (Double.isNaN(v)) continue;
      if (Double.isNaN(min) || v < min) min = v;
      if (Double.isNaN(max) || v > max) max = v;
    }
    return new SeriesReport.Column(t.columnNames().get(c), id, len, len - end, min, max, bad);
  }

  /** Per participant (in increasing order): the songs with a column for them and their value range over all songs. */
  private static List<SeriesReport.ParticipantScale> scales(List<SeriesReport.Song> songs, TreeSet<Integer> people) {
    List<SeriesReport.ParticipantScale> scales = new ArrayList<>();
    for (int id : people) {
      int count = 0;
      double mn = Double.NaN, mx = Double.NaN;
      for (SeriesReport.Song s : songs)
        for (SeriesReport.Column c : s.columns()) {
          if (c.participant() != id) continue;
          count++;
          if (!Double.isNaN(c.min()) && (Double.isNaN(mn) || c.min() < mn)) mn = c.min();
          if (!Double.isNaN(c.max()) && (Double.isNaN(mx) || c.max() > mx)) mx = c.max();
        }
      scales.add(new SeriesReport.ParticipantScale(id, count, mn, mx));
    }
    return scales;
  }
}
