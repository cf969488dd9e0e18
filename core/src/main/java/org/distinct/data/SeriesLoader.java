package org.distinct.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.distinct.BadInputException;
import org.distinct.util.OrderedParallel;

/**
 * Loads the raw per-song time series (one workbook per song, xlsx or CSV) into labelled sequences.
 *
 * <p>Layout of a workbook: one sheet, header on the first non-empty row, a clock column ({@code Time}, ignored)
 * and one column per participant named {@code P<number>} ({@code P01} … {@code P24}). The song is the file's
 * base name ({@code S3.xlsx} → {@code S3}); its class comes from the {@link SongMapping}. Each participant
 * column gives one sequence (input size 1) with group = the participant number.
 *
 * <p>Rules, in order, per participant column:
 * <ol>
 *   <li>The column ends at its last non-blank cell. Blank or non-numeric cells before that are refused (row
 *       and column named). An entirely blank column is refused.
 *   <li>All participant columns of a workbook must end on the same row; otherwise the workbook is refused
 *       naming the song and the columns, or, with {@link SeriesOptions#padUnequal()}, shorter columns are
 *       padded with zeros at the end.
 *   <li>Trailing exact zeros are padding and are removed (unless {@link SeriesOptions#keepPadding()}).
 *   <li>A series shorter than {@link SeriesOptions#minLength()} (or with only zeros) is refused.
 * </ol>
 * Sequences are ordered by song (natural order: S2 before S10) and then by column order. A folder is read for
 * its song workbooks only ({@link #listFolder}: {@code S<n>} or the songs of the mapping); README, PDF, hidden and
 * lock files are ignored and named in one line ({@link Loaded#note()}).
 *
 * <p>The other layouts ({@link SeriesOptions.Layout}) are read by {@link #fromLong} and {@link #fromUcr};
 * {@link #loadDetailed} detects which one a path holds.
 */
public final class SeriesLoader {
  private static final Pattern PARTICIPANT = Pattern.compile("[Pp]\\s*0*(\\d{1,6})");
  private static final Pattern LEADING_ZEROS = Pattern.compile("^0+(?=.)");

  private SeriesLoader() {}

  /**
   * What {@link #loadDetailed} read.
   *
   * @param data the sequences
   * @param layout the layout used
   * @param ignored files of a folder that are not song workbooks (README, PDF, hidden files …), by name
   * @param note one line saying what was read and what was ignored
   */
  public record Loaded(SequenceDataset data, SeriesOptions.Layout layout, List<String> ignored, String note) {
    /** Copies the list. */
    public Loaded {
      ignored = List.copyOf(ignored);
    }
  }

  /**
   * The files of a series folder.
   *
   * @param workbooks the song workbooks, in natural song order
   * @param ignored the other files (names, sorted), including hidden and lock files
   */
  public record FolderListing(List<Path> workbooks, List<String> ignored) {
    /** Copies the lists. */
    public FolderListing {
      workbooks = List.copyOf(workbooks);
      ignored = List.copyOf(ignored);
    }

    /** @return e.g. {@code ignored 2 files that are not song workbooks: README.txt, paper.pdf}, or empty */
    public String ignoredNote() {
      if (ignored.isEmpty()) return "";
      return "ignored " + ignored.size() + (ignored.size() == 1 ? " file that is not a song workbook: " : " files that are not song workbooks: ") + String.join(", ", ignored);
    }
  }

  /**
   * Loads sequences in any layout: a folder of song workbooks (or one such workbook), a long table or a UCR file,
   * detected unless {@link SeriesOptions#layout()} says which.
   *
   * @param path a folder or a file
   * @param options layout, mapping, column names, trimming and limits
   * @return the sequences
   * @throws BadInputException on any problem with the files or the mapping
   */
  public static SequenceDataset load(Path path, SeriesOptions options) {
    return loadDetailed(path, options).data();
  }

  /**
   * Loads sequences in any layout and says what was read (see {@link #load(Path, SeriesOptions)}).
   *
   * <p>Sequences per layout: folder: one per participant column, song = the workbook's base name, group = the
   * participant number; long: one per distinct sequence id in order of first appearance, {@code songs} holds the
   * sequence id, group from the group column (or the sequence index); UCR: one per row, {@code songs} holds the
   * 1-based row number, group = the row index. Long and UCR sequences keep their zeros ({@code keepPadding} and
   * {@code padUnequal} apply to the folder layout only).
   *
   * @param path a folder or a file
   * @param options layout, mapping, column names, trimming and limits
   * @return the sequences, the layout used, the files ignored and a one-line note
   * @throws BadInputException on any problem with the files or the mapping
   */
  public static Loaded loadDetailed(Path path, SeriesOptions options) {
    String src = path.toString();
    if (!Files.exists(path)) throw BadInputException.at(src, 0, null, "folder or file not found");
    if (Files.isDirectory(path)) {
      if (options.layout() == SeriesOptions.Layout.LONG || options.layout() == SeriesOptions.Layout.UCR)
        throw BadInputException.at(src, 0, null, "is a folder, but the " + layoutName(options.layout()) + " layout is one file; give the file");
      FolderListing l = listFolder(path, options.mapping());
      if (l.workbooks().isEmpty()) throw noWorkbooks(path, l);
      SequenceDataset d = load(l.workbooks(), src, options);
      String note = "read " + l.workbooks().size() + " song workbook" + (l.workbooks().size() == 1 ? "" : "s") + " from " + src
          + (l.ignored().isEmpty() ? "" : "; " + l.ignoredNote());
      return new Loaded(d, SeriesOptions.Layout.FOLDER, l.ignored(), note);
    }
    SeriesOptions.Layout layout = options.layout();
    Table table = null;
    if (layout == SeriesOptions.Layout.AUTO) {
      if (looksLikeUcr(path)) layout = SeriesOptions.Layout.UCR;
      else {
        table = TableReader.read(path, options.readOptions());
        layout = tableLayout(table, options);
      }
    }
    SequenceDataset d = switch (layout) {
      case UCR -> fromUcr(TableReader.readUcr(path, options.limits()), options);
      case LONG -> fromLong(table != null ? table : TableReader.read(path, options.readOptions()), options);
      default -> table != null
          ? fromTables(List.of(table), List.of(songName(path)), src, options)
          : load(List.of(path), src, options);
    };
    String note = "read " + d.size() + " sequence" + (d.size() == 1 ? "" : "s") + " (" + layoutName(layout) + " layout, "
        + d.inputSize() + (d.inputSize() == 1 ? " channel" : " channels") + ") from " + src;
    return new Loaded(d, layout, List.of(), note);
  }

  private static String layoutName(SeriesOptions.Layout l) {
    return l == SeriesOptions.Layout.UCR ? "UCR" : l.name().toLowerCase(Locale.ROOT);
  }

  private static BadInputException noWorkbooks(Path folder, FolderListing l) {
    return BadInputException.at(folder.toString(), 0, null, "folder has no workbooks (.xlsx, .csv, .tsv or .txt)"
        + (l.ignored().isEmpty() ? "" : " named like a song (S1, S2, … or a song of the mapping); " + l.ignoredNote()));
  }

  /** @return the layout of a table: song workbook, long table, or refused */
  private static SeriesOptions.Layout tableLayout(Table t, SeriesOptions o) {
    if (t.columnIndex(o.longColumns().sequence()) >= 0 && t.columnIndex(o.longColumns().label()) >= 0) return SeriesOptions.Layout.LONG;
    boolean songLike = t.columnIndex(o.timeColumn()) >= 0;
    for (String n : t.columnNames()) songLike |= participantNumber(n) >= 0;
    if (songLike) return SeriesOptions.Layout.FOLDER; // a song workbook; its own checks name what is wrong
    throw BadInputException.at(t.source(), 0, null, "cannot tell the series layout: expected a song workbook ('" + o.timeColumn()
        + "' and P01, P02, … columns), a long table (columns '" + o.longColumns().sequence() + "' and '" + o.longColumns().label()
        + "', one row per time step) or a UCR file (label then values, no header); columns are: " + String.join(", ", t.columnNames())
        + "; give the layout with --layout folder|long|ucr");
  }

  /**
   * @param file a file
   * @return whether it is a text file whose first non-blank line splits (at tabs, else commas) into a non-empty label
   *     and fields that are all numbers, {@code NaN} or empty, at least one a number: a headerless UCR row (a row of
   *     empty cells above a header is not one)
   */
  public static boolean looksLikeUcr(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".xlsx") || n.endsWith(".xlsm") || n.endsWith(".xls")) return false;
    TableReader.checkReadable(file);
    String line = CsvReader.firstLine(file, 1 << 20);
    if (line == null) return false;
    String[] f = line.split(line.indexOf('\t') >= 0 ? "\t" : ",", -1);
    if (f.length < 2 || f[0].isBlank()) return false;
    int numbers = 0;
    for (int i = 1; i < f.length; i++) {
      String t = f[i].strip();
      if (t.isEmpty() || t.equalsIgnoreCase("nan")) continue;
      if (Double.isNaN(Table.parse(t, false))) return false;
      numbers++;
    }
    return numbers > 0;
  }

  /**
   * Loads a list of workbooks, reading them in parallel (one thread per core; the result does not depend on it).
   *
   * @param files the workbooks (one per song)
   * @param source description used as the dataset's source
   * @param options mapping and trimming choices
   * @return the sequences
   * @throws BadInputException on any problem with the files or the mapping
   */
  public static SequenceDataset load(List<Path> files, String source, SeriesOptions options) {
    if (files.isEmpty()) throw BadInputException.at(source, 0, null, "no workbooks given");
    List<String> songs = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    List<Path> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(SeriesLoader::songName, SeriesLoader::compareNatural));
    for (Path f : sorted) {
      String song = songName(f);
      Path before = seen.put(song.toLowerCase(Locale.ROOT), f);
      if (before != null)
        throw BadInputException.at(source, 0, null, "song '" + song + "' has two workbooks: " + before.getFileName() + " and " + f.getFileName());
      songs.add(song);
    }
    checkMapping(songs, options.mapping(), source);
    long[] cells = MemoryBudget.estimateSeries(sorted, source); // too large for the heap: refused before reading
    List<Callable<List<SongColumn>>> tasks = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Path f = sorted.get(i);
      String song = songs.get(i);
      long estimate = cells[i];
      tasks.add(() -> songColumns(TableReader.read(f, options.readOptions(), estimate), song, options));
    }
    int threads = Math.max(1, Math.min(sorted.size(), Runtime.getRuntime().availableProcessors()));
    return assemble(OrderedParallel.run(tasks, threads), songs, source, options.mapping());
  }

  /**
   * Lists the song workbooks of a folder: regular files ending {@code .xlsx}, {@code .xlsm}, {@code .csv},
   * {@code .tsv} or {@code .txt} whose base name is {@code S<number>} or a song of the mapping, not hidden
   * ({@code .name}) and not an Excel lock file ({@code ~$name}). Everything else is listed as ignored.
   *
   * @param folder the folder
   * @param mapping the song mapping (its song names also count as workbook names)
   * @return the workbooks in natural song order and the ignored file names
   * @throws BadInputException if the folder cannot be listed
   */
  public static FolderListing listFolder(Path folder, SongMapping mapping) {
    List<Path> out = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    try (Stream<Path> s = Files.list(folder)) {
      s.forEach(p -> {
        String n = p.getFileName().toString();
        if (Files.isRegularFile(p) && isSongFile(n, mapping)) out.add(p);
        else if (!Files.isDirectory(p) || !n.startsWith(".")) ignored.add(n + (Files.isDirectory(p) ? "/" : ""));
      });
    } catch (IOException e) {
      throw new BadInputException(folder + ": cannot list the folder: " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(SeriesLoader::songName, SeriesLoader::compareNatural));
    ignored.sort(String::compareTo);
    return new FolderListing(out, ignored);
  }

  private static final Pattern SONG_FILE = Pattern.compile("[Ss]\\d{1,6}");

  private static boolean isSongFile(String name, SongMapping mapping) {
    String l = name.toLowerCase(Locale.ROOT);
    if (name.startsWith(".") || name.startsWith("~$")) return false;
    if (!(l.endsWith(".xlsx") || l.endsWith(".xlsm") || l.endsWith(".csv") || l.endsWith(".tsv") || l.endsWith(".txt"))) return false;
    String base = name.substring(0, name.lastIndexOf('.'));
    return SONG_FILE.matcher(base.strip()).matches() || mapping.classOf(base) >= 0;
  }

  /**
   * Lists the song workbooks of a folder ({@link #listFolder} with the default mapping).
   *
   * @param folder the folder
   * @return the workbook files, in natural song order
   * @throws BadInputException if the folder cannot be listed or holds no workbook
   */
  public static List<Path> workbooksIn(Path folder) {
    FolderListing l = listFolder(folder, SongMapping.defaults());
    if (l.workbooks().isEmpty()) throw noWorkbooks(folder, l);
    return l.workbooks();
  }

  /**
   * Builds sequences from tables already read (one per song).
   *
   * @param tables one table per song
   * @param songs the song name of each table
   * @param source description used as the dataset's source
   * @param options mapping and trimming choices
   * @return the sequences
   * @throws BadInputException on any problem with the tables or the mapping
   */
  public static SequenceDataset fromTables(List<Table> tables, List<String> songs, String source, SeriesOptions options) {
    if (tables.size() != songs.size()) throw new IllegalArgumentException("one song name per table");
    checkMapping(songs, options.mapping(), source);
    List<List<SongColumn>> cols = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) cols.add(songColumns(tables.get(i), songs.get(i), options));
    return assemble(cols, songs, source, options.mapping());
  }

  private static SequenceDataset assemble(List<List<SongColumn>> perSong, List<String> songs, String source, SongMapping mapping) {
    List<double[]> series = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<Integer> groups = new ArrayList<>();
    List<String> songOf = new ArrayList<>();
    for (int i = 0; i < perSong.size(); i++) {
      String song = songs.get(i);
      int label = mapping.classOf(song);
      for (SongColumn c : perSong.get(i)) {
        series.add(c.values);
        labels.add(label);
        groups.add(c.participant);
        songOf.add(song);
      }
    }
    int[] l = new int[labels.size()];
    int[] g = new int[groups.size()];
    for (int i = 0; i < l.length; i++) {
      l[i] = labels.get(i);
      g[i] = groups.get(i);
    }
    return new SequenceDataset(source, series, 1, l, g, songOf, mapping.classNames());
  }

  /** A participant column of one song after the rules of the class comment. */
  private record SongColumn(String name, int participant, double[] values) {}

  private static List<SongColumn> songColumns(Table t, String song, SeriesOptions options) {
    String src = t.source();
    int n = t.rows();
    List<Integer> pcols = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    for (int c = 0; c < t.cols(); c++) {
      String name = t.columnNames().get(c);
      if (name.equalsIgnoreCase(options.timeColumn())) continue;
      int id = participantNumber(name);
      if (id < 0 && participantNumber(t.originalNames().get(c)) >= 0)
        throw BadInputException.at(src, t.headerRow(), t.originalNames().get(c), "song " + song + ": participant column appears twice");
      if (id >= 0 && ids.contains(id))
        throw BadInputException.at(src, t.headerRow(), name, "song " + song + ": participant " + id + " appears twice");
      if (id < 0)
        throw BadInputException.at(src, t.headerRow(), name,
            "song " + song + ": not a participant column (expected '" + options.timeColumn() + "' and P01, P02, …)");
      pcols.add(c);
      ids.add(id);
    }
    if (pcols.isEmpty()) throw BadInputException.at(src, t.headerRow(), null, "song " + song + ": no participant columns (P01, P02, …)");
    int[] len = new int[pcols.size()];
    for (int j = 0; j < pcols.size(); j++) {
      int c = pcols.get(j);
      int last = n - 1;
      while (last >= 0 && t.isEmpty(last, c)) last--;
      String name = t.columnNames().get(c);
      if (last < 0) throw BadInputException.at(src, 0, name, "song " + song + ": participant column is entirely empty");
      len[j] = last + 1;
    }
    int max = 0, min = Integer.MAX_VALUE;
    for (int v : len) {
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
    if (min != max && !options.padUnequal()) {
      StringBuilder sb = new StringBuilder();
      int shown = 0;
      for (int j = 0; j < len.length; j++)
        if (len[j] != max && shown++ < 8)
          sb.append(sb.length() > 0 ? ", " : "").append(t.columnNames().get(pcols.get(j))).append(" has ").append(len[j]);
      throw BadInputException.at(src, 0, null, "song " + song + ": unequal column lengths (blank cells at the end): longest "
          + max + " values, " + sb + (shown > 8 ? ", …" : "") + "; pad them with zeros by option or fix the workbook");
    }
    List<SongColumn> out = new ArrayList<>();
    for (int j = 0; j < pcols.size(); j++) {
      int c = pcols.get(j);
      String name = t.columnNames().get(c);
      double[] v = new double[max];
      t.columnValues(c, 0, len[j], v); // the numbers; NaN where a cell is not one
      for (int r = 0; r < len[j]; r++) {
        if (!Double.isNaN(v[r])) continue;
        if (r == 0 && allNonNumeric(t, c, len[j]))
          throw BadInputException.at(src, 0, name, "song " + song + ": participant column has no numbers (first cell '"
              + t.text(r, c) + "' on row " + t.rowNumber(r) + ")");
        v[r] = t.number(r, c); // names row and column on a bad cell
      }
      int end = max;
      if (!options.keepPadding()) while (end > 0 && v[end - 1] == 0.0) end--;
      if (end == 0) throw BadInputException.at(src, 0, name, "song " + song + ": participant column holds only zeros");
      if (end < options.minLength())
        throw BadInputException.at(src, 0, name, "song " + song + ": series has " + end + " values, shorter than the minimum "
            + options.minLength() + " (e.g. the filter window)");
      double[] vals = end == max ? v : Arrays.copyOf(v, end);
      out.add(new SongColumn(name, ids.get(j), vals));
    }
    return out;
  }

  private static boolean allNonNumeric(Table t, int c, int len) {
    for (int r = 0; r < len; r++) if (!Double.isNaN(t.numberOrNaN(r, c))) return false;
    return true;
  }

  private static void checkMapping(List<String> songs, SongMapping mapping, String source) {
    for (String s : songs)
      if (mapping.classOf(s) < 0)
        throw BadInputException.at(source, 0, null, "song '" + s + "' is missing from the song mapping (" + mapping.origin()
            + "; mapped songs: " + String.join(", ", mapping.songs()) + ")");
    if (!mapping.isDefault())
      for (String m : mapping.songs()) {
        boolean found = false;
        for (String s : songs) found |= s.equalsIgnoreCase(m);
        if (!found)
          throw BadInputException.at(mapping.origin(), 0, null, "the song mapping names song '" + m
              + "' but there is no workbook for it in " + source + " (songs: " + String.join(", ", songs) + ")");
      }
  }

  /**
   * Builds sequences from a long table: one row per time step, a sequence id column, a label column, optionally a
   * group column and a time/order column ({@link SeriesOptions.LongColumns}); every other column is a numeric
   * channel ({@code inputSize} = their number). Sequences are in order of first appearance; within one, rows are
   * sorted by time (equal times refused) or kept in file order. The label (and group) must not change within a
   * sequence; labels are classes as in {@link FeatureTableLoader}. {@code songs} holds the sequence ids.
   *
   * @param table the table
   * @param options column names and minimum length
   * @return the sequences
   * @throws BadInputException naming the row and column of any problem
   */
  public static SequenceDataset fromLong(Table table, SeriesOptions options) {
    return SeriesLayouts.fromLong(table, options);
  }

  /**
   * Builds sequences from a headerless UCR/UEA univariate table ({@link TableReader} does not read these; see
   * {@link #loadDetailed}): one sequence per row, the label in the first column, the values after it; a {@code NaN}
   * or empty cell ends a shorter sequence (nothing may follow it). Groups are the row indices; {@code songs} holds
   * the 1-based row numbers.
   *
   * @param table the headerless table
   * @param options minimum length
   * @return the sequences (input size 1)
   * @throws BadInputException naming the row and value of any problem
   */
  public static SequenceDataset fromUcr(Table table, SeriesOptions options) {
    return SeriesLayouts.fromUcr(table, options);
  }

  /**
   * @param column a column name such as {@code P07} or {@code p7}
   * @return the participant number, or -1 if the name is not a participant column
   */
  public static int participantNumber(String column) {
    Matcher m = PARTICIPANT.matcher(column.strip());
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  /**
   * @param t a table
   * @return whether it looks like a raw-series workbook: a {@code Time} column and at least one {@code P<n>}
   *     column, and nothing else
   */
  public static boolean isSeriesTable(Table t) {
    return isSeriesTable(t, "Time");
  }

  /**
   * @param t a table
   * @param timeColumn the clock column name
   * @return whether it looks like a raw-series workbook: the clock column and at least one {@code P<n>} column,
   *     and nothing else
   */
  public static boolean isSeriesTable(Table t, String timeColumn) {
    boolean time = false;
    int parts = 0;
    for (String n : t.columnNames()) {
      if (n.equalsIgnoreCase(timeColumn.strip())) time = true;
      else if (participantNumber(n) >= 0) parts++;
      else return false;
    }
    return time && parts > 0;
  }

  /** @return the file's base name without extension ({@code S3.xlsx} → {@code S3}) */
  public static String songName(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  /** Natural order: digit runs compare as numbers ({@code S2 < S10}), the rest case-insensitively. */
  static int compareNatural(String a, String b) {
    int i = 0, j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i), cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int si = i, sj = j;
        while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
        while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
        String na = LEADING_ZEROS.matcher(a.substring(si, i)).replaceFirst(""), nb = LEADING_ZEROS.matcher(b.substring(sj, j)).replaceFirst("");
        int cmp = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
        if (cmp != 0) return cmp;
      } else {
        int cmp = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
        if (cmp != 0) return cmp;
        i++;
        j++;
      }
    }
    int cmp = Integer.compare(a.length() - i, b.length() - j);
    return cmp != 0 ? cmp : a.compareTo(b);
  }
}
