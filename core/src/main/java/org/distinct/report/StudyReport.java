package org.distinct.report;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.distinct.Version;
import org.distinct.util.AtomicFiles;
import org.distinct.util.FaultHook;
import org.distinct.util.FolderLock;
import org.distinct.study.Provenance;
import org.distinct.study.Statistics;
import org.distinct.study.StudyResult;
import org.distinct.study.UnitCache;

/**
 * Turns the numbers of a study into the report folder a person reads: {@code index.html} (offline, no scripts)
 * with the summary, overview, Tables 1–3, the criteria comparison, the leakage check, the grid and the
 * provenance; the figures as PNG and SVG under {@code figures/}; every table as CSV, Markdown and JSON under
 * {@code tables/}; {@code results.json} with the whole {@link StudyResult}; and {@code provenance.json}.
 *
 * <p>Write order: the marker {@value #MARKER} first (so the folder is recognisable as a distinct report); then the
 * whole new report (figures, tables, {@code index.html}, {@code results.json}, {@code provenance.json}) into a staging
 * folder {@value #STAGING} inside the report folder, each file atomically, while the previous report stays as it was:
 * a full disk or any other error here leaves the previous report untouched and the staging folder deleted. Only then
 * is it moved into place by renames, which need no space: the previous {@code provenance.json} is deleted, every
 * entry of the new report replaces the old one of the same name (the old one goes to {@value #TRASH}, then is
 * deleted), and {@code provenance.json} comes last of all: its presence marks a complete report. A process killed
 * while moving leaves a folder without {@code provenance.json} (recognisably incomplete; {@code --resume} rebuilds it
 * from the cached runs); the next write deletes the leftover staging and trash folders first. The run cache
 * ({@code .runs/}), the folder lock and other files are never touched.
 */
public final class StudyReport {
  /** Marker file written first: the folder is a distinct report folder. */
  public static final String MARKER = ".distinct-report";
  /** The whole study result as JSON. */
  public static final String RESULTS = "results.json";
  /** Provenance, written last: marks a complete report and is what {@code distinct study --rerun} reads. */
  public static final String PROVENANCE = "provenance.json";
  /** Staging folder (inside the report folder) the new report is written into before it replaces the old one. */
  public static final String STAGING = ".report-staging";
  /** Where the entries of the previous report go while the new one is moved into place (then deleted). */
  public static final String TRASH = ".report-trash";
  /** Entries of a report folder that writing a report never moves. */
  private static final Set<String> KEEP = Set.of(MARKER, UnitCache.DIR, FolderLock.FILE, STAGING, TRASH);

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  private StudyReport() {}

  /**
   * @return the JSON mapper of {@code results.json} and {@code provenance.json}: NaN and infinities are written
   *     as the strings "NaN", "Infinity", "-Infinity" and read back (also as bare tokens), so they survive a round
   *     trip
   */
  public static ObjectMapper json() {
    return JSON;
  }

  /**
   * Marks a folder as a distinct report folder (creating it if needed): writes the marker {@value #MARKER} unless it is
   * there already with the same text, so that a previous report's files stay byte for byte as they were.
   *
   * @param dir the report folder
   * @throws IOException if the folder or the marker cannot be written
   */
  public static void mark(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path m = dir.resolve(MARKER);
    String text = "distinct report, written by distinct " + Version.VERSION + "\n";
    if (Files.isRegularFile(m) && Files.size(m) < 4096 && Files.readString(m).equals(text)) return;
    AtomicFiles.writeString(m, text);
  }

  /**
   * @param dir a folder
   * @return true if it holds the marker of a distinct report
   */
  public static boolean isReport(Path dir) {
    return Files.isRegularFile(dir.resolve(MARKER));
  }

  /**
   * Writes the report folder (see the class comment for the order): the new report is complete before any file of the
   * previous one is replaced.
   *
   * @param result the study's numbers
   * @param outDir the report folder (created if missing; {@code index.html}, {@code results.json},
   *     {@code provenance.json}, {@code figures/} and {@code tables/} of an earlier report are replaced as a whole, so
   *     no figure or table is left stale; other files, such as the run cache, are left alone)
   * @return the path of {@code index.html}
   * @throws UncheckedIOException if the report cannot be written; its cause is a {@link FileSystemException} naming the
   *     report folder, what failed and whether the previous report is unchanged
   */
  public static Path write(StudyResult result, Path outDir) {
    return write(result, outDir, false);
  }

  /**
   * Writes the report folder, replacing either the report's own entries or everything in it.
   *
   * @param result the study's numbers
   * @param outDir the report folder
   * @param replaceAll also remove every other entry of the folder (a previous report's or any other file; never the run
   *     cache, the marker or the folder lock), once the new report is in place
   * @return the path of {@code index.html}
   * @throws UncheckedIOException as {@link #write(StudyResult, Path)}
   */
  public static Path write(StudyResult result, Path outDir, boolean replaceAll) {
    Path staging = outDir.resolve(STAGING);
    Path trash = outDir.resolve(TRASH);
    boolean[] moving = {false};
    try {
      mark(outDir);
      deleteTree(staging);
      deleteTree(trash);
      Files.createDirectory(staging);
      Path index = html(result).render(staging);
      FaultHook.at("report-write");
      AtomicFiles.writeString(staging.resolve(RESULTS), JSON.writeValueAsString(result) + "\n");
      AtomicFiles.writeString(staging.resolve(PROVENANCE), JSON.writeValueAsString(provenanceJson(result)) + "\n");
      commit(staging, outDir, trash, moving, replaceAll);
      return outDir.resolve(staging.relativize(index));
    } catch (IOException e) {
      throw new UncheckedIOException(failure(outDir, staging, e, moving[0]));
    } finally {
      try {
        deleteTree(staging);
        deleteTree(trash);
      } catch (IOException e) {
        // leftovers are deleted by the next write
      }
    }
  }

  /** Moves the staged report into place: renames only, provenance.json last. */
  private static void commit(Path staging, Path out, Path trash, boolean[] moving, boolean replaceAll) throws IOException {
    Files.createDirectory(trash);
    List<Path> entries;
    try (Stream<Path> s = Files.list(staging)) {
      entries = s.filter(p -> !p.getFileName().toString().equals(PROVENANCE)).sorted().toList();
    }
    moving[0] = true;
    Files.deleteIfExists(out.resolve(PROVENANCE)); // from here the folder is marked incomplete until the new one arrives
    if (replaceAll)
      try (Stream<Path> s = Files.list(out)) {
        for (Path p : s.toList()) if (!KEEP.contains(p.getFileName().toString())) Files.move(p, trash.resolve(p.getFileName().toString()));
      }
    int moved = 0;
    for (Path e : entries) {
      Path target = out.resolve(e.getFileName().toString());
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) Files.move(target, trash.resolve(e.getFileName().toString()));
      Files.move(e, target);
      if (++moved == 1) FaultHook.at("commit");
    }
    Files.move(staging.resolve(PROVENANCE), out.resolve(PROVENANCE), StandardCopyOption.ATOMIC_MOVE);
    AtomicFiles.syncFolder(out);
  }

  /** The one-line error: what failed where, and what became of the previous report. */
  private static FileSystemException failure(Path outDir, Path staging, IOException e, boolean moving) {
    String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
        : e instanceof FileSystemException ? e.getClass().getSimpleName().replace("Exception", "") : e.getMessage();
    String where = "";
    if (e instanceof FileSystemException f && f.getFile() != null) {
      Path p = Path.of(f.getFile());
      where = " (" + (p.startsWith(staging) && !p.equals(staging) ? staging.relativize(p) : p) + ")";
    }
    FileSystemException out = new FileSystemException(outDir.toString(), null, "cannot write the report: " + reason + where
        + (moving ? "; the folder holds no complete report now, run again with --resume" : "; the previous report, if any, is unchanged"));
    out.initCause(e);
    return out;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
      try (Stream<Path> s = Files.list(p)) {
        for (Path c : s.toList()) deleteTree(c);
      }
    Files.deleteIfExists(p);
  }

  /**
   * Reads a {@code results.json}.
   *
   * @param file the file
   * @return the study result
   * @throws IOException if it cannot be read or parsed
   */
  public static StudyResult readResults(Path file) throws IOException {
    return JSON.readValue(file.toFile(), StudyResult.class);
  }

  /**
   * Reads a {@code provenance.json} (extra keys such as {@code phaseSeconds} are ignored).
   *
   * @param file the file
   * @return the provenance, whose {@code studyYaml} is the study to rerun
   * @throws IOException if it cannot be read or parsed
   */
  public static Provenance readProvenance(Path file) throws IOException {
    return JSON.readerFor(Provenance.class).without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .readValue(file.toFile());
  }

  private static ObjectNode provenanceJson(StudyResult r) {
    ObjectNode o = JSON.valueToTree(r.provenance());
    o.set("phaseSeconds", JSON.valueToTree(r.seconds()));
    o.put("results", RESULTS);
    return o;
  }

  /**
   * Builds the page (without writing it).
   *
   * @param r the study result
   * @return the report, ready to {@link HtmlReport#render(Path)}
   */
  public static HtmlReport html(StudyResult r) {
    Provenance p = r.provenance();
    HtmlReport rep = new HtmlReport("distinct study '" + r.config().name() + "'");
    String data = p.inputs().stream().map(Provenance.Input::path).distinct().reduce((a, b) -> a + ", " + b).orElse("no data");
    rep.subtitle("Data: " + data + " · run " + p.date() + " · " + p.software() + " · " + p.threads() + (p.threads() == 1 ? " thread" : " threads"));
    StudySummary.paragraphs(r).forEach(rep::summary);
    rep.intro("Every number below is a mean over repeated runs with different seeds, shown as mean [95 % confidence interval], the "
        + "interval by " + Statistics.METHOD + "; with fewer than " + Statistics.MIN_SEEDS + " seeds no interval is given. Pruned models are compared with the unpruned model of the same seed by a paired t-test and a Wilcoxon "
        + "signed-rank test; a change is only called when both give p < 0.05. Every table can be downloaded as CSV, Markdown or JSON, and "
        + "every figure as SVG.");

    List<Applicability.Row> applicability = Applicability.rows(r);
    Table app = Applicability.table(applicability);
    if (app != null) {
      HtmlReport.Section a = rep.section("Applicability of pruning by distinctiveness");
      a.paragraph("The paper's question, for every architecture of this study: how much of a hidden layer can each criterion remove "
          + "before the test accuracy drops, on the same seeds. Rules: a drop is called only when the paired t-test and the Wilcoxon "
          + "test against the unpruned model of the same seed both give p < 0.05.");
      a.table(app);
      figure(a, Applicability.figure(applicability));
    }

    HtmlReport.Section ov = rep.section("Overview");
    ov.paragraph("What this study ran, on which data, and how long each phase took on this machine.");
    ov.table(StudyTables.settings(r));
    ov.table(StudyTables.phases(r));
    ov.paragraph("For comparison, the paper's own numbers follow. They come from the paper's data (not this data set) and from single runs "
        + "without error bars, so differences of a few points cannot be told apart from chance there.");
    ov.table(StudyTables.paper());

    List<FamilyRuns> families = FamilyRuns.of(r);
    HtmlReport.Section t1 = rep.section("Table 1: baseline");
    t1.table(StudyTables.baseline(r));
    for (FamilyRuns f : families) figure(t1, StudyFigures.curves(f));
    for (FamilyRuns f : families) figure(t1, StudyFigures.confusion(r, f));

    for (FamilyRuns f : families) {
      if (f.runs().isEmpty()) continue;
      if (f.sweepsCriteria()) criteriaSections(rep, r, f);
      else modesSection(rep, r, f);
    }

    Table grid = StudyTables.grid(r);
    if (grid != null) rep.section("Hyper-parameter grid").table(grid);

    rep.provenance(provenanceEntries(r));
    return rep;
  }

  /** Table 2, the criteria comparison and the leakage check of a section that sweeps criteria. */
  private static void criteriaSections(HtmlReport rep, StudyResult r, FamilyRuns f) {
    HtmlReport.Section t2 = rep.section("Table 2: " + f.name() + " pruning");
    Table a = StudyTables.criteriaPruning(r, f);
    if (a == null) t2.paragraph("No " + f.name() + " pruning results: every " + f.name() + " run diverged.");
    else {
      t2.table(a);
      t2.table(StudyTables.criteriaPaired(r, f));
      figure(t2, StudyFigures.metricsPerStep(r, f));
      figure(t2, StudyFigures.angleVsLoss(r, f));
      figure(t2, StudyFigures.time(r, f));
      figure(t2, StudyFigures.angles(r, f));
    }
    Table crit = StudyTables.criteria(r, f);
    if (crit != null && StudyNumbers.keys(f.pruning()).size() > 1) {
      HtmlReport.Section c = rep.section("Pruning criteria compared" + (isFirstTable(r, f) ? "" : " (" + f.name() + ")"));
      c.table(StudyTables.criteriaAccuracy(r, f));
      figure(c, StudyFigures.criteria(r, f));
      c.table(crit);
    } else if (crit != null) {
      HtmlReport.Section c = rep.section("Pruning criteria compared" + (isFirstTable(r, f) ? "" : " (" + f.name() + ")"));
      c.paragraph("Only one criterion was run, so there is nothing to compare (add criteria under pruning.criteria).");
      figure(c, StudyFigures.criteria(r, f));
    }
    Table leak = StudyTables.leakage(r, f);
    if (leak != null) {
      HtmlReport.Section l = rep.section("Leakage check" + (isFirstTable(r, f) ? "" : " (" + f.name() + ")"));
      l.paragraph("Why it matters: rows of the same participant are alike, so a model tested on rows of participants it was trained on "
          + "looks better than it is. The paper's protocol holds out whole participants; this check shows how much a random row split would "
          + "change the test accuracy.");
      l.table(leak);
    }
  }

  private static boolean isFirstTable(StudyResult r, FamilyRuns f) {
    return StudyTables.tableId(r, f, "x").equals("x");
  }

  /** Table 3 of a section that sweeps removal modes. */
  private static void modesSection(HtmlReport rep, StudyResult r, FamilyRuns f) {
    HtmlReport.Section t3 = rep.section("Table 3: " + f.name() + " pruning");
    Table t = StudyTables.modesPruning(r, f);
    if (t == null) {
      t3.paragraph(f.name() + " pruning was not run: the study holds only the unpruned " + f.name() + " (its test results are in Table 1), so "
          + "its Table 3 and execution time per pruning step are left out rather than filled with invented rows.");
      return;
    }
    t3.table(t);
    StudyFigures.Figure fig = StudyFigures.time(r, f);
    if (fig == null) t3.paragraph("No " + f.name() + " timing per step is available.");
    else figure(t3, fig);
    Table leak = StudyTables.leakage(r, f);
    if (leak != null) {
      HtmlReport.Section l = rep.section("Leakage check (" + f.name() + ")");
      l.paragraph("The paper holds out 25 % of each song's sequences, so a participant's other songs are in the training data; in the real "
          + "data each participant heard songs of exactly two genres, which alone narrows the answer. The same settings with whole "
          + "participants held out show how much of the accuracy that leak explains.");
      l.table(leak);
    }
  }

  private static void figure(HtmlReport.Section s, StudyFigures.Figure f) {
    if (f != null) s.figure(f.name(), f.caption(), f.chart(), f.width(), f.height());
  }

  /**
   * @param r the study result
   * @return the provenance shown on the page and carried by every table's CSV and JSON
   */
  static Map<String, Object> provenanceEntries(StudyResult r) {
    Provenance p = r.provenance();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("software", p.software());
    m.put("java", p.java());
    m.put("os", p.os());
    m.put("threads", p.threads());
    m.put("date", p.date());
    m.put("seeds", p.seeds());
    for (Provenance.Input in : p.inputs()) {
      m.put("input " + in.role(), in.path() + " (SHA-256 " + in.sha256() + ")");
      List<String> files = in.files();
      if (files != null && files.size() > 1) m.put("input " + in.role() + " files", String.join("\n", files));
    }
    m.put("vector API", p.vectorApi() ? "on (jdk.incubator.vector)" : "off (plain Java kernels)");
    m.put("rerun", "distinct study --rerun " + PROVENANCE);
    m.put("study file (YAML)", p.studyYaml());
    return m;
  }
}
