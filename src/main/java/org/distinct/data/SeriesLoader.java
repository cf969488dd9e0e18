package org.distinct.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.distinct.BadInputException;

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
 * Sequences are ordered by song (natural order: S2 before S10) and then by column order. Files whose names
 * start with {@code .} or {@code ~$} (hidden or Excel lock files) are skipped in folders.
 */
public final class SeriesLoader {
  private static final Pattern PARTICIPANT = Pattern.compile("[Pp]\\s*0*(\\d{1,6})");

  private SeriesLoader() {}

  /**
   * Loads a folder of workbooks, or a single workbook.
   *
   * @param folderOrFile a folder holding {@code .xlsx}/{@code .csv}/{@code .tsv}/{@code .txt} files, or one file
   * @param options mapping and trimming choices
   * @return the sequences
   * @throws BadInputException on any problem with the files or the mapping
   */
  public static SequenceDataset load(Path folderOrFile, SeriesOptions options) {
    if (!Files.exists(folderOrFile)) throw BadInputException.at(folderOrFile.toString(), 0, null, "folder or file not found");
    if (Files.isDirectory(folderOrFile)) return load(workbooksIn(folderOrFile), folderOrFile.toString(), options);
    return load(List.of(folderOrFile), folderOrFile.toString(), options);
  }

  /**
   * Loads a list of workbooks.
   *
   * @param files the workbooks (one per song)
   * @param source description used as the dataset's source
   * @param options mapping and trimming choices
   * @return the sequences
   * @throws BadInputException on any problem with the files or the mapping
   */
  public static SequenceDataset load(List<Path> files, String source, SeriesOptions options) {
    if (files.isEmpty()) throw BadInputException.at(source, 0, null, "no workbooks given");
    List<Table> tables = new ArrayList<>();
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
    for (Path f : sorted) tables.add(TableReader.read(f));
    return fromTables(tables, songs, source, options);
  }

  /**
   * Lists the workbooks of a folder, sorted by song name in natural order.
   *
   * @param folder the folder
   * @return the workbook files
   * @throws BadInputException if the folder cannot be listed or holds no workbook
   */
  public static List<Path> workbooksIn(Path folder) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(folder)) {
      s.filter(Files::isRegularFile)
          .filter(p -> {
            String n = p.getFileName().toString();
            String l = n.toLowerCase(Locale.ROOT);
            return !n.startsWith(".") && !n.startsWith("~$")
                && (l.endsWith(".xlsx") || l.endsWith(".xlsm") || l.endsWith(".csv") || l.endsWith(".tsv") || l.endsWith(".txt"));
          })
          .forEach(out::add);
    } catch (IOException e) {
      throw new BadInputException(folder + ": cannot list the folder: " + e.getMessage(), e);
    }
    if (out.isEmpty()) throw BadInputException.at(folder.toString(), 0, null, "folder has no workbooks (.xlsx, .csv, .tsv or .txt)");
    out.sort(Comparator.comparing(SeriesLoader::songName, SeriesLoader::compareNatural));
    return out;
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
    SongMapping mapping = options.mapping();
    checkMapping(songs, mapping, source);
    List<double[]> series = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<Integer> groups = new ArrayList<>();
    List<String> songOf = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) {
      Table t = tables.get(i);
      String song = songs.get(i);
      int label = mapping.classOf(song);
      List<SongColumn> cols = songColumns(t, song, options);
      for (SongColumn c : cols) {
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
      int numeric = 0;
      for (int r = 0; r < len[j]; r++) {
        if (Double.isNaN(t.numberOrNaN(r, c)) && numeric == 0 && allNonNumeric(t, c, len[j]))
          throw BadInputException.at(src, 0, name, "song " + song + ": participant column has no numbers (first cell '"
              + t.text(r, c) + "' on row " + t.rowNumber(r) + ")");
        v[r] = t.number(r, c); // names row and column on a bad cell
        numeric++;
      }
      int end = max;
      if (!options.keepPadding()) while (end > 0 && v[end - 1] == 0.0) end--;
      if (end == 0) throw BadInputException.at(src, 0, name, "song " + song + ": participant column holds only zeros");
      if (end < options.minLength())
        throw BadInputException.at(src, 0, name, "song " + song + ": series has " + end + " values, shorter than the minimum "
            + options.minLength() + " (e.g. the filter window)");
      double[] vals = end == max ? v : java.util.Arrays.copyOf(v, end);
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
    boolean time = false;
    int parts = 0;
    for (String n : t.columnNames()) {
      if (n.equalsIgnoreCase("Time")) time = true;
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
        String na = a.substring(si, i).replaceFirst("^0+(?=.)", ""), nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
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
