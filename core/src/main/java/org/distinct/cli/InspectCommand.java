package org.distinct.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distinct.BadInputException;
import org.distinct.data.ColumnFlag;
import org.distinct.data.FeatureFrame;
import org.distinct.data.FeatureTableLoader;
import org.distinct.data.FeatureTableOptions;
import org.distinct.data.InspectionReport;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SeriesInspector;
import org.distinct.data.SeriesLayoutReport;
import org.distinct.data.SeriesLoader;
import org.distinct.data.SeriesOptions;
import org.distinct.data.SeriesReport;
import org.distinct.data.SongMapping;
import org.distinct.data.Table;
import org.distinct.data.TableEncoder;
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
 * <p>The layout is detected (or given with {@code --layout}): a folder, or a single table whose columns are a
 * {@code Time} clock and {@code P<n>} participant columns only, is the per-song series layout ({@link SeriesInspector});
 * a headerless file of a label and numbers per row is a UCR file, a table with {@code sequence} and {@code label}
 * columns the long series layout (both described by {@link SeriesInspector#describe}); anything else is a feature
 * table ({@link TableInspector}). The report lists problems instead of refusing them; with
 * {@code --check} the data are also loaded exactly as training would load them, and the first problem that
 * loading refuses is an error (exit code 2).
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Summarise a feature table or labelled sequences (a folder of per-song workbooks, a long csv, a UCR file); flag problems.",
      "Feature table (.xlsx, .csv): per column count, min, max, mean, sd, distinct values and flags (constant, duplicate name, exact copy of another column, sentinel-like values, exact-zero rows), and every missing or non-numeric cell with its row and column. Series (a folder, or one workbook with a Time column and P01, P02, ... columns): per song its length, participants, trailing zero padding and problems, and the value range per participant."
    },
    footer = {
      "",
      "Examples:",
      "  distinct inspect music-eeg-features.xlsx",
      "  distinct inspect music-eeg-features.csv --json > report.json",
      "  distinct inspect series/            a folder of S1.xlsx ... S12.xlsx",
      "  distinct inspect series/ --check --song-mapping song-classes.csv",
      "  distinct inspect ECG200_TRAIN.tsv   a UCR file (label, then the values of one sequence per row)",
      "  distinct inspect steps.csv --layout long --sequence-column trial",
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

  @Option(names = {"--group-column", "--participant-column"}, paramLabel = "NAME",
      description = "Group (participant) column, or 'none' (default: 'subject no.' when the table has it; long sequences: 'group'; else none).")
  String groupColumn;

  @Option(names = "--layout", paramLabel = "LAYOUT", converter = Words.LayoutConverter.class, completionCandidates = Words.LayoutWords.class,
      description = "What FILE holds: ${COMPLETION-CANDIDATES} (auto: detected; a feature table when it is no sequence layout).")
  SeriesOptions.Layout layout;

  @Option(names = "--sequence-column", defaultValue = "sequence", paramLabel = "NAME",
      description = "Long layout: the sequence id column (default: '${DEFAULT-VALUE}').")
  String sequenceColumn;

  @Mixin ReadLimitOptions limits;

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
    Table table = Files.isDirectory(file) || isSequenceFile() ? null : TableReader.read(file, readOptions());
    SeriesOptions.Layout l = layoutOf(table);
    Object json;
    if (l == null) json = features(out, table);
    else if (l == SeriesOptions.Layout.FOLDER) json = songs(out, table);
    else json = sequences(out);
    if (json != null) out.println(Json.write(json));
    out.flush();
    return 0;
  }

  /** @return whether the layout given or the file's first line says the file holds long or UCR sequences */
  private boolean isSequenceFile() {
    if (layout == SeriesOptions.Layout.LONG || layout == SeriesOptions.Layout.UCR) return true;
    return layout != SeriesOptions.Layout.FOLDER && SeriesLoader.looksLikeUcr(file);
  }

  /** @return the sequence layout of FILE, or null for a feature table */
  private SeriesOptions.Layout layoutOf(Table table) {
    if (layout != null && layout != SeriesOptions.Layout.AUTO) return layout;
    if (Files.isDirectory(file)) return SeriesOptions.Layout.FOLDER;
    if (table == null) return SeriesOptions.Layout.UCR;
    if (SeriesLoader.isSeriesTable(table, timeColumn)) return SeriesOptions.Layout.FOLDER;
    if (table.columnIndex(sequenceColumn) >= 0 && table.columnIndex(labelColumn) >= 0) return SeriesOptions.Layout.LONG;
    return null;
  }

  private Object features(PrintWriter out, Table t) {
    InspectionReport r = TableInspector.inspect(t);
    Map<String, Object> loaded = check ? checkFeatures(t) : null;
    if (common.json) return featuresJson(r, loaded);
    printFeatures(out, r, loaded);
    return null;
  }

  private Object songs(PrintWriter out, Table table) {
    SeriesReport r = table == null ? SeriesInspector.inspect(file, timeColumn)
        : SeriesInspector.inspect(List.of(table), List.of(SeriesLoader.songName(file)), file.toString(), timeColumn);
    String ignored = Files.isDirectory(file) ? SeriesLoader.listFolder(file, seriesOptions().mapping()).ignoredNote() : "";
    Map<String, Object> loaded = check ? checkSeries() : null;
    if (common.json) {
      Map<String, Object> m = seriesJson(r, loaded);
      m.put("ignored", ignored);
      return m;
    }
    printSeries(out, r, loaded);
    if (!ignored.isEmpty()) out.println(ignored);
    return null;
  }

  /** Long and UCR files: counts, lengths, channels, classes and groups, as loading reads them. */
  private Object sequences(PrintWriter out) {
    SeriesLayoutReport r = SeriesInspector.describe(file, seriesOptions().withLayout(layout == null ? SeriesOptions.Layout.AUTO : layout));
    Map<String, Object> loaded = check ? checkSeries() : null;
    if (common.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("layout", Words.word(r.layout()));
      m.put("report", r);
      if (loaded != null) m.put("check", loaded);
      return m;
    }
    out.println(r.source() + ": " + (r.layout() == SeriesOptions.Layout.UCR ? "UCR" : Words.word(r.layout())) + " sequence layout, "
        + r.sequences() + " sequences of " + r.channels() + (r.channels() == 1 ? " channel" : " channels") + ", lengths " + range(r.minLength(), r.maxLength())
        + " time steps");
    List<List<String>> rows = new ArrayList<>();
    for (int c = 0; c < r.classes().size(); c++) rows.add(List.of(r.classes().get(c), String.valueOf(r.perClass().get(c))));
    out.println();
    out.print(Fmt.table(List.of("class", "sequences"), rows));
    out.println();
    out.println("groups: " + (r.groups() == r.sequences() ? "none (every sequence is its own group)" : r.groups() + " groups"));
    if (loaded != null) out.println("check: loads as " + loaded.get("sequences") + " labelled sequences, classes " + loaded.get("classes"));
    return null;
  }

  private SeriesOptions seriesOptions() {
    SeriesOptions o = new SeriesOptions(SongMapping.defaults(), keepPadding, padUnequal, Math.max(1, filterWindow), timeColumn)
        .withLongColumns(new SeriesOptions.LongColumns(sequenceColumn, labelColumn, groupColumn, null)).withLimits(limits.limits());
    return mapping == null ? o : o.withMapping(SongMapping.parse(mapping));
  }

  private TableReadOptions readOptions() {
    return new TableReadOptions(sheet, parseDelimiter(delimiter), limits.limits());
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
    FeatureTableLoader.LoadedFrame l = FeatureTableLoader.loadFrameDetailed(t, new FeatureTableOptions(groupColumn, labelColumn, classNames, List.of(), false));
    FeatureFrame f = l.frame();
    TableEncoder e = TableEncoder.fit(f, TableEncoder.EncoderOptions.defaults());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", f.size());
    m.put("columns", f.columns().size());
    m.put("features", e.featureNames().size());
    m.put("classes", f.classNames());
    int[] perClass = new int[f.numClasses()];
    for (int y : f.labels()) perClass[y]++;
    m.put("rowsPerClass", perClass);
    m.put("groups", f.groupNote());
    return m;
  }

  private Map<String, Object> checkSeries() {
    SeriesOptions o = seriesOptions().withLayout(layout == null ? SeriesOptions.Layout.AUTO : layout);
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
          + loaded.get("classes") + " (rows per class " + Arrays.toString((int[]) loaded.get("rowsPerClass")) + "), " + loaded.get("groups"));
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
      sc.add(List.of(String.format(Locale.ROOT, "P%02d", p.participant()), String.valueOf(p.songs()), Fmt.g(p.min()), Fmt.g(p.max()),
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
