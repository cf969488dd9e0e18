package org.distinct.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distinct.BadInputException;
import org.distinct.data.ColumnFlag;
import org.distinct.data.FeatureTableLoader;
import org.distinct.data.FeatureTableOptions;
import org.distinct.data.InspectionReport;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SeriesInspector;
import org.distinct.data.SeriesLoader;
import org.distinct.data.SeriesOptions;
import org.distinct.data.SeriesReport;
import org.distinct.data.SongMapping;
import org.distinct.data.Table;
import org.distinct.data.TableInspector;
import org.distinct.data.TableReadOptions;
import org.distinct.data.TableReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code distinct inspect FILE}: what is in a feature table or a folder of per-song series workbooks.
 *
 * <p>The layout is detected: a folder, or a single table whose columns are a {@code Time} clock and
 * {@code P<n>} participant columns only, is the raw-series layout ({@link SeriesInspector}); anything else is a
 * feature table ({@link TableInspector}). The report lists problems instead of refusing them; with
 * {@code --check} the data are also loaded exactly as training would load them, and the first problem that
 * loading refuses is an error (exit code 2).
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Summarise a feature table or a folder of per-song series workbooks; flag problems.",
      "Feature table (.xlsx, .csv): per column count, min, max, mean, sd, distinct values and flags (constant, duplicate name, exact copy of another column, sentinel-like values, exact-zero rows), and every missing or non-numeric cell with its row and column. Series (a folder, or one workbook with a Time column and P01, P02, ... columns): per song its length, participants, trailing zero padding and problems, and the value range per participant."
    },
    footer = {
      "",
      "Examples:",
      "  distinct inspect music-eeg-features.xlsx",
      "  distinct inspect music-eeg-features.csv --json > report.json",
      "  distinct inspect series/            a folder of S1.xlsx ... S12.xlsx",
      "  distinct inspect series/ --check --song-mapping song-classes.csv",
      "  distinct inspect data.csv --check --label-column genre"
    })
public final class InspectCommand implements Callable<Integer> {
  /** Rows listed per flag before the list is shortened. */
  static final int LIST_ROWS = 20;

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "FILE", description = "Feature table (.xlsx, .csv, .tsv, .txt) or a folder of per-song workbooks.")
  Path file;

  @Option(names = "--sheet", paramLabel = "NAME", description = "Sheet of an .xlsx workbook (default: the first).")
  String sheet;

  @Option(names = "--delimiter", paramLabel = "CHAR",
      description = "CSV field separator: ',', ';', 'tab' (default: detected among , ; and tab).")
  String delimiter;

  @Option(names = "--check", description = "Also load the data exactly as training would and fail (exit 2) on the first problem.")
  boolean check;

  @Option(names = "--participant-column", defaultValue = "subject no.", paramLabel = "NAME",
      description = "With --check, feature tables: participant column (default: '${DEFAULT-VALUE}').")
  String participantColumn;

  @Option(names = "--label-column", defaultValue = "label", paramLabel = "NAME",
      description = "With --check, feature tables: class label column (default: '${DEFAULT-VALUE}').")
  String labelColumn;

  @Option(names = "--class-names", split = ",", paramLabel = "NAMES",
      description = "With --check, feature tables: names of the classes in sorted label order.")
  List<String> classNames;

  @Option(names = "--time-column", defaultValue = "Time", paramLabel = "NAME",
      description = "Series: the clock column (default: ${DEFAULT-VALUE}).")
  String timeColumn;

  @Option(names = "--song-mapping", paramLabel = "FILE",
      description = "With --check, series: song-to-class mapping file (lines 'song,class'; default S1-S4 classical, S5-S8 instrumental, S9-S12 pop).")
  Path mapping;

  @Option(names = "--window", defaultValue = "5", paramLabel = "N",
      description = "With --check, series: median-filter window; shorter series are refused (default: ${DEFAULT-VALUE}).")
  int filterWindow;

  @Option(names = "--keep-padding", description = "With --check, series: keep trailing zeros (default: trimmed as padding).")
  boolean keepPadding;

  @Option(names = "--pad-unequal", description = "With --check, series: pad shorter participant columns with zeros instead of refusing the workbook.")
  boolean padUnequal;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.exists(file)) throw BadInputException.at(file.toString(), 0, null, "file or folder not found");
    Object json;
    if (Files.isDirectory(file)) {
      SeriesReport r = SeriesInspector.inspect(file, timeColumn);
      Map<String, Object> loaded = check ? checkSeries() : null;
      if (common.json) json = seriesJson(r, loaded);
      else {
        printSeries(out, r, loaded);
        json = null;
      }
    } else {
      Table t = TableReader.read(file, readOptions());
      if (SeriesLoader.isSeriesTable(t)) {
        SeriesReport r = SeriesInspector.inspect(List.of(t), List.of(SeriesLoader.songName(file)), file.toString(), timeColumn);
        Map<String, Object> loaded = check ? checkSeries() : null;
        if (common.json) json = seriesJson(r, loaded);
        else {
          printSeries(out, r, loaded);
          json = null;
        }
      } else {
        InspectionReport r = TableInspector.inspect(t);
        Map<String, Object> loaded = check ? checkFeatures(t) : null;
        if (common.json) json = featuresJson(r, loaded);
        else {
          printFeatures(out, r, loaded);
          json = null;
        }
      }
    }
    if (json != null) out.println(Json.write(json));
    out.flush();
    return 0;
  }

  private TableReadOptions readOptions() {
    return new TableReadOptions(sheet, parseDelimiter(delimiter));
  }

  /**
   * @param text {@code null}, a single character, {@code tab} or {@code \t}
   * @return the delimiter, or null to detect it
   */
  static Character parseDelimiter(String text) {
    if (text == null) return null;
    if (text.equalsIgnoreCase("tab") || text.equals("\\t") || text.equals("\t")) return '\t';
    if (text.equalsIgnoreCase("comma")) return ',';
    if (text.equalsIgnoreCase("semicolon")) return ';';
    if (text.length() != 1 || text.equals("\"")) throw new BadInputException("--delimiter: expected one character or 'tab', got '" + text + "'");
    return text.charAt(0);
  }

  private Map<String, Object> checkFeatures(Table t) {
    FeatureTableLoader.Loaded l = FeatureTableLoader.loadDetailed(
        t, new FeatureTableOptions(participantColumn, labelColumn, classNames, List.of(), false));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", l.data().rows());
    m.put("features", l.data().cols());
    m.put("classes", l.data().classNames());
    int[] perClass = new int[l.data().numClasses()];
    for (int y : l.data().labels()) perClass[y]++;
    m.put("rowsPerClass", perClass);
    m.put("participants", java.util.Arrays.stream(l.data().groups()).distinct().count());
    return m;
  }

  private Map<String, Object> checkSeries() {
    SeriesOptions o = SeriesOptions.defaults().withMinLength(Math.max(1, filterWindow)).withPadUnequal(padUnequal).withKeepPadding(keepPadding);
    if (mapping != null) o = o.withMapping(SongMapping.parse(mapping));
    o = new SeriesOptions(o.mapping(), o.keepPadding(), o.padUnequal(), o.minLength(), timeColumn);
    SequenceDataset d = SeriesLoader.load(file, o);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sequences", d.size());
    m.put("classes", d.classNames());
    m.put("mapping", o.mapping().origin());
    return m;
  }

  // ------------------------------------------------------------------ feature tables

  private void printFeatures(PrintWriter out, InspectionReport r, Map<String, Object> loaded) {
    out.println(r.source() + ": feature table, " + r.rows() + " data rows, " + r.columns().size() + " columns, header on row "
        + r.headerRow());
    out.println();
    List<List<String>> rows = new ArrayList<>();
    for (InspectionReport.ColumnSummary c : r.columns())
      rows.add(List.of(c.name(), String.valueOf(c.count()), Fmt.g(c.min()), Fmt.g(c.max()), Fmt.g(c.mean()), Fmt.g(c.sd()),
          String.valueOf(c.distinct()), flagText(c)));
    out.print(Fmt.table(List.of("column", "count", "min", "max", "mean", "sd", "distinct", "flags"), rows));
    out.println();
    List<String> flags = flagLines(r);
    if (flags.isEmpty()) out.println("Flags: none");
    else {
      out.println("Flags:");
      for (String f : flags) out.println("  " + f);
    }
    if (loaded != null) {
      out.println();
      out.println("check: loads as a dataset: " + loaded.get("rows") + " rows, " + loaded.get("features") + " features, classes "
          + loaded.get("classes") + " (rows per class " + java.util.Arrays.toString((int[]) loaded.get("rowsPerClass")) + "), "
          + loaded.get("participants") + " participants");
    }
  }

  /** @return the short flag list of one column, e.g. {@code constant, copy of x} */
  static String flagText(InspectionReport.ColumnSummary c) {
    List<String> s = new ArrayList<>();
    for (ColumnFlag f : c.flags()) {
      switch (f) {
        case CONSTANT -> s.add("constant");
        case DUPLICATE_NAME -> s.add("duplicate name");
        case COPY -> s.add("copy of " + c.copyOf());
        case SENTINEL -> s.add("sentinel x" + c.sentinelRows().size());
        case ZERO_ROWS -> s.add("zeros x" + c.zeroRows().size());
        case BAD_CELLS -> s.add("bad cells x" + c.badCells());
        case TEXT -> s.add("text");
      }
    }
    return String.join(", ", s);
  }

  /** @return one line per finding, grouped by kind */
  static List<String> flagLines(InspectionReport r) {
    List<String> lines = new ArrayList<>();
    List<String> constant = new ArrayList<>();
    List<String> dup = new ArrayList<>();
    List<String> text = new ArrayList<>();
    for (InspectionReport.ColumnSummary c : r.columns()) {
      if (c.has(ColumnFlag.CONSTANT)) constant.add(c.name() + " (= " + Fmt.g(c.min()) + ")");
      if (c.has(ColumnFlag.DUPLICATE_NAME)) dup.add(c.name() + " (header '" + c.originalName() + "')");
      if (c.has(ColumnFlag.TEXT)) text.add(c.name());
    }
    if (!constant.isEmpty()) lines.add("constant columns: " + String.join(", ", constant));
    if (!dup.isEmpty()) lines.add("duplicate column names: " + String.join(", ", dup));
    for (InspectionReport.ColumnSummary c : r.columns())
      if (c.has(ColumnFlag.COPY)) lines.add("exact copy: column '" + c.name() + "' repeats column '" + c.copyOf() + "' cell for cell");
    for (InspectionReport.ColumnSummary c : r.columns()) {
      if (!c.has(ColumnFlag.SENTINEL)) continue;
      StringBuilder sb = new StringBuilder("sentinel-like values in column '" + c.name()
          + "' (every other value is more than " + Fmt.g(TableInspector.SENTINEL_GAP) + " times smaller in magnitude): ");
      int k = Math.min(LIST_ROWS, c.sentinelRows().size());
      for (int i = 0; i < k; i++) sb.append(i == 0 ? "" : ", ").append(Fmt.g(c.sentinelValues().get(i))).append(" at row ").append(c.sentinelRows().get(i));
      if (c.sentinelRows().size() > k) sb.append(", ... (").append(c.sentinelRows().size() - k).append(" more)");
      lines.add(sb.toString());
    }
    for (InspectionReport.ColumnSummary c : r.columns()) {
      if (!c.has(ColumnFlag.ZERO_ROWS)) continue;
      lines.add("exact zeros in column '" + c.name() + "' (all other values > 0): rows " + rowList(c.zeroRows()));
    }
    if (!text.isEmpty()) lines.add("text columns (no numbers): " + String.join(", ", text));
    if (r.badCellCount() > 0) {
      lines.add("missing or non-numeric cells: " + r.badCellCount()
          + (r.badCellCount() > r.badCells().size() ? " (the first " + r.badCells().size() + " listed)" : ""));
      for (InspectionReport.BadCell b : r.badCells())
        lines.add("  row " + b.row() + ", column '" + b.column() + "': " + b.problem());
    }
    return lines;
  }

  private static String rowList(List<Integer> rows) {
    StringBuilder sb = new StringBuilder();
    int k = Math.min(LIST_ROWS, rows.size());
    for (int i = 0; i < k; i++) sb.append(i == 0 ? "" : ", ").append(rows.get(i));
    if (rows.size() > k) sb.append(", ... (").append(rows.size() - k).append(" more)");
    return sb.toString();
  }

  private Map<String, Object> featuresJson(InspectionReport r, Map<String, Object> loaded) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layout", "features");
    m.put("report", r);
    m.put("findings", flagLines(r));
    if (loaded != null) m.put("check", loaded);
    return m;
  }

  // ------------------------------------------------------------------ series

  private void printSeries(PrintWriter out, SeriesReport r, Map<String, Object> loaded) {
    out.println(r.source() + ": per-song series layout, " + r.songs().size() + " song(s), " + r.sequences() + " series, "
        + r.participants() + " participant(s), lengths " + r.minLength() + " to " + r.maxLength()
        + " values after removing trailing zeros");
    out.println();
    List<List<String>> rows = new ArrayList<>();
    for (SeriesReport.Song s : r.songs()) {
      int minLen = Integer.MAX_VALUE, maxLen = 0, padded = 0, minZ = Integer.MAX_VALUE, maxZ = 0;
      int minT = Integer.MAX_VALUE, maxT = 0;
      for (SeriesReport.Column c : s.columns()) {
        minLen = Math.min(minLen, c.length());
        maxLen = Math.max(maxLen, c.length());
        minT = Math.min(minT, c.length() - c.trailingZeros());
        maxT = Math.max(maxT, c.length() - c.trailingZeros());
        if (c.trailingZeros() > 0) padded++;
        minZ = Math.min(minZ, c.trailingZeros());
        maxZ = Math.max(maxZ, c.trailingZeros());
      }
      if (s.columns().isEmpty()) minLen = minZ = minT = 0;
      rows.add(List.of(s.song(), String.valueOf(s.rows()), Double.isNaN(s.seconds()) ? "n/a" : Fmt.g(s.seconds()),
          String.valueOf(s.columns().size()), range(minLen, maxLen), s.equalLengths() ? "yes" : "NO",
          padded + " (" + range(minZ, maxZ) + ")", range(minT, maxT),
          s.problems().isEmpty() ? "" : s.problems().size() + " problem(s)"));
    }
    out.print(Fmt.table(
        List.of("song", "rows", "seconds", "participants", "column length", "equal lengths", "zero-padded columns (zeros)",
            "length without padding", ""), rows));
    out.println();
    out.println("Participants per song:");
    for (SeriesReport.Song s : r.songs()) out.println("  " + s.song() + ": " + String.join(" ", s.participants()));
    out.println();
    out.println("Scale per participant (values before the padding, over all songs):");
    List<List<String>> sc = new ArrayList<>();
    for (SeriesReport.ParticipantScale p : r.scales())
      sc.add(List.of(String.format(java.util.Locale.ROOT, "P%02d", p.participant()), String.valueOf(p.songs()), Fmt.g(p.min()), Fmt.g(p.max()),
          p.min() > 0 ? Fmt.g(p.max() / p.min()) : "n/a"));
    out.print(Fmt.table(List.of("participant", "songs", "min", "max", "max/min"), sc));
    out.println();
    List<String> problems = seriesProblems(r);
    if (problems.isEmpty()) out.println("Problems: none");
    else {
      out.println("Problems:");
      for (String p : problems) out.println("  " + p);
    }
    if (loaded != null) {
      out.println();
      out.println("check: loads as " + loaded.get("sequences") + " labelled sequences, classes " + loaded.get("classes")
          + " (mapping: " + loaded.get("mapping") + ")");
    }
  }

  private static String range(int lo, int hi) {
    return lo == hi ? String.valueOf(lo) : lo + "-" + hi;
  }

  private static List<String> seriesProblems(SeriesReport r) {
    List<String> p = new ArrayList<>();
    for (SeriesReport.Song s : r.songs()) {
      for (String x : s.problems()) p.add(s.song() + " (" + s.file() + "): " + x);
      if (!s.equalLengths()) {
        StringBuilder sb = new StringBuilder(s.song() + ": column lengths");
        for (SeriesReport.Column c : s.columns()) sb.append(' ').append(c.column()).append('=').append(c.length());
        p.add(sb.toString());
      }
    }
    return p;
  }

  private Map<String, Object> seriesJson(SeriesReport r, Map<String, Object> loaded) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layout", "series");
    m.put("report", r);
    m.put("problems", seriesProblems(r));
    if (loaded != null) m.put("check", loaded);
    return m;
  }

}
