package org.distinct.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.distinct.study.Provenance;
import org.distinct.study.Run;
import org.distinct.study.StepRow;
import org.distinct.study.StudyConfig;
import org.distinct.study.StudyResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes the report of a tiny study that was actually run, and checks its files and numbers. */
class StudyReportTest {
  /** Tables of the tiny study (no grid), in the order of the page. */
  static final List<String> TABLES = List.of("applicability", "settings", "phases", "paper", "table1-baseline", "table2-mlp-pruning", "table2-paired",
      "criteria-accuracy", "criteria", "leakage", "table3-rnn-pruning", "leakage-rnn");
  /** Figures of the tiny study. */
  static final List<String> FIGURES = List.of("applicability", "mlp-curves", "rnn-curves", "mlp-confusion", "rnn-confusion", "fig4-metrics-per-step",
      "fig5-angle-vs-loss", "fig6-mlp-time", "angles", "fig7-rnn-time", "criteria-accuracy");

  @TempDir static Path dir;
  static StudyResult result;
  static Path out;

  @BeforeAll
  static void write() {
    result = StudyFixture.result();
    out = dir.resolve("report");
    Path index = StudyReport.write(result, out);
    assertThat(index).isEqualTo(out.resolve("index.html"));
  }

  private static Set<String> names(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void writesEveryTableInThreeFormatsAndEveryFigureAsPngAndSvg() throws Exception {
    Set<String> tables = new TreeSet<>();
    for (String t : TABLES)
      for (String ext : List.of("csv", "md", "json")) {
        assertThat(out.resolve("tables/" + t + "." + ext)).isNotEmptyFile();
        tables.add(t + "." + ext);
      }
    assertThat(names(out.resolve("tables"))).isEqualTo(tables);
    Set<String> figures = new TreeSet<>();
    for (String f : FIGURES)
      for (String ext : List.of("png", "svg")) {
        assertThat(out.resolve("figures/" + f + "." + ext)).isNotEmptyFile();
        figures.add(f + "." + ext);
      }
    assertThat(names(out.resolve("figures"))).isEqualTo(figures);
    assertThat(out.resolve(StudyReport.MARKER)).isNotEmptyFile();
    assertThat(StudyReport.isReport(out)).isTrue();
    assertThat(StudyReport.isReport(dir)).isFalse();
    try (Stream<Path> s = Files.walk(out)) {
      assertThat(s.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
    }
    // every table and CSV carries the provenance, including the study file
    String csv = Files.readString(out.resolve("tables/table1-baseline.csv"));
    assertThat(csv).contains("# seeds: [7, 8, 9, 1007]").contains("# study file (YAML): name: tiny").contains("Accuracy (%) 95% CI low");
    JsonNode t1 = StudyReport.json().readTree(out.resolve("tables/table1-baseline.json").toFile());
    assertThat(t1.at("/provenance/input features").asText()).contains("SHA-256 " + result.provenance().inputs().get(0).sha256());
  }

  @Test
  void pageHasEverySectionAndPlainSentences() throws Exception {
    String html = Files.readString(out.resolve("index.html"));
    for (String h : List.of("Overview", "Table 1: baseline", "Table 2: MLP pruning", "Table 3: RNN pruning", "Pruning criteria compared",
        "Leakage check", "Leakage check (RNN)", "Provenance"))
      assertThat(html).contains("<h2>" + h + "</h2>");
    assertThat(html).doesNotContain("RNN pruning was not run");
    assertThat(html).contains("Pruning 2 units by distinctiveness changed test accuracy by");
    assertThat(html).contains("Leakage check (MLP): random rows").contains("Leakage check (RNN): the paper&#39;s per-song split");
    assertThat(html).contains("the exact Wilcoxon test cannot reach p &lt; 0.05");
    assertThat(html).contains("<pre>name: tiny");
    assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    for (String f : FIGURES) assertThat(html).contains("<img src=\"figures/" + f + ".png\"");
  }

  @Test
  void tableNumbersAreTheSeedStatistics() throws Exception {
    // MLP final test accuracy in Table 1: mean over seeds of the unpruned test accuracy
    double[] acc = result.runs("mlp").stream().mapToDouble(m -> m.baseline().accuracy()).toArray();
    double mean = 0;
    for (double a : acc) mean += a;
    mean /= acc.length;
    JsonNode t1 = StudyReport.json().readTree(out.resolve("tables/table1-baseline.json").toFile());
    JsonNode testRow = null;
    for (JsonNode row : t1.get("rows"))
      if (row.get("model").asText().equals("MLP") && row.get("phase").asText().equals("final test")) testRow = row;
    assertThat(testRow).isNotNull();
    assertThat(testRow.at("/accuracy/mean").asDouble()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(testRow.get("seeds").asLong()).isEqualTo(3);
    // paired difference at 2 units removed: mean of per-seed (pruned - unpruned)
    double d = 0;
    for (Run m : result.runs("mlp")) {
      List<StepRow> rows = m.pruning().get("distinctiveness");
      StepRow two = rows.stream().filter(s -> s.unitsRemoved() == 2).findFirst().orElseThrow();
      d += two.accuracy() - rows.get(0).accuracy();
    }
    d /= result.runs("mlp").size();
    JsonNode t2 = StudyReport.json().readTree(out.resolve("tables/table2-paired.json").toFile());
    assertThat(t2.at("/rows/0/units_removed").asLong()).isEqualTo(2);
    assertThat(t2.at("/rows/0/d_accuracy/mean").asDouble()).isCloseTo(d, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(t2.at("/rows/0/seeds").asLong()).isEqualTo(3);
    // criteria: one row per non-reference step per criterion, reference rows say so
    JsonNode cr = StudyReport.json().readTree(out.resolve("tables/criteria.json").toFile());
    List<String> crit = new ArrayList<>();
    for (JsonNode row : cr.get("rows")) crit.add(row.get("criterion").asText() + "@" + row.get("units_removed").asLong());
    assertThat(crit).containsExactly("random@2", "random@4", "magnitude-in@2", "magnitude-in@4");
    JsonNode ca = StudyReport.json().readTree(out.resolve("tables/criteria-accuracy.json").toFile());
    assertThat(ca.get("rows")).hasSize(3);
    double r4 = result.runs("mlp").stream().mapToDouble(m -> m.pruning().get("random").get(2).accuracy()).average().orElseThrow();
    assertThat(ca.at("/rows/2/random/mean").asDouble()).isCloseTo(r4, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void resultsJsonRoundTripsWithNaN() throws Exception {
    Path f = out.resolve(StudyReport.RESULTS);
    JsonNode written = StudyReport.json().readTree(f.toFile());
    JsonNode expected = StudyReport.json().readTree(StudyReport.json().writeValueAsString(result));
    assertThat(written.equals(expected)).as("results.json equals the serialized result").isTrue();
    StudyResult back = StudyReport.readResults(f);
    JsonNode again = StudyReport.json().readTree(StudyReport.json().writeValueAsString(back));
    assertThat(again.equals(written)).as("results.json read back and written again gives the same tree").isTrue();
    // without RNN folds the fold validation curve is NaN: NaN must come back as NaN
    assertThat(result.runs("rnn").get(0).foldValidationCurve()[0]).isNaN();
    assertThat(back.runs("rnn").get(0).foldValidationCurve()[0]).isNaN();
    assertThat(Files.readString(f)).contains("\"NaN\"");
    assertThat(back.runs("mlp").get(1).pruning().get("random").get(2).accuracy())
        .isEqualTo(result.runs("mlp").get(1).pruning().get("random").get(2).accuracy());
  }

  @Test
  void provenanceJsonIsWrittenLastAndParses() throws Exception {
    Path p = out.resolve(StudyReport.PROVENANCE);
    Provenance back = StudyReport.readProvenance(p);
    assertThat(back).isEqualTo(result.provenance());
    assertThat(StudyReport.json().readTree(p.toFile()).at("/phaseSeconds/mlp").isNumber()).isTrue();
    long last = Files.getLastModifiedTime(p).toMillis();
    try (Stream<Path> s = Files.walk(out)) {
      for (Path x : s.filter(Files::isRegularFile).toList())
        assertThat(Files.getLastModifiedTime(x).toMillis()).as("%s written before provenance.json", x).isLessThanOrEqualTo(last);
    }
  }

  /** The fixture's run with its final training marked diverged, as a study reports it (no test, no pruning). */
  static Run diverge(Run m) {
    return new Run(m.seed(), m.split(), m.trainRows(), m.testRows(), m.foldTrainLoss(), m.foldTrainAccuracy(), m.foldValidationLoss(),
        m.foldValidationAccuracy(), m.foldsDiverged(), Double.NaN, Double.NaN, true, m.confusion(), m.trainCurve(), m.foldTrainCurve(),
        m.foldValidationCurve(), null, Double.NaN, Double.NaN, Map.of(), Map.of(), new double[0][]);
  }

  /** {@code m} with other pruning rows and stop reasons. */
  static Run withPruning(Run m, long seed, Map<String, List<StepRow>> pruning, Map<String, String> stops) {
    return new Run(seed, m.split(), m.trainRows(), m.testRows(), m.foldTrainLoss(), m.foldTrainAccuracy(), m.foldValidationLoss(),
        m.foldValidationAccuracy(), m.foldsDiverged(), m.finalTrainLoss(), m.finalTrainAccuracy(), m.diverged(), m.confusion(), m.trainCurve(),
        m.foldTrainCurve(), m.foldValidationCurve(), m.leakageSplit(), m.leakageTestAccuracy(), m.leakageTestLoss(), pruning, stops, m.angles());
  }

  /** The fixture's result with other runs (and grid) for the given kinds; null runs drop the section. */
  static StudyResult with(List<Run> mlp, List<Run> rnn, List<StudyResult.GridPoint> grid) {
    StudyConfig c = result.config();
    Map<String, org.distinct.study.ModelSection> models = new LinkedHashMap<>();
    Map<String, List<Run>> runs = new LinkedHashMap<>();
    if (mlp != null) {
      models.put("mlp", c.section("mlp"));
      runs.put("mlp", mlp);
    }
    if (rnn != null) {
      models.put("rnn", c.section("rnn"));
      runs.put("rnn", rnn);
    }
    StudyConfig nc = new StudyConfig(c.name(), c.seed(), c.data(), c.pruning(), mlp != null && c.leakage(), models);
    return new StudyResult(nc, result.provenance(), mlp == null ? null : result.features(), rnn == null ? null : result.series(), runs, grid,
        result.seconds());
  }

  @Test
  void divergedRunIsListedAndLeftOutAndGridIsShown(@TempDir Path d) throws Exception {
    List<Run> runs = new ArrayList<>(result.runs("mlp"));
    runs.set(1, diverge(runs.get(1)));
    List<StudyResult.GridPoint> grid = List.of(
        new StudyResult.GridPoint(new LinkedHashMap<>(Map.of("batchSize", 16)), new double[] {0.40, 0.44, 0.42}, new double[] {1.1, 1.0, 1.05}),
        new StudyResult.GridPoint(new LinkedHashMap<>(Map.of("batchSize", 32)), new double[] {0.50, 0.52, Double.NaN}, new double[] {0.9, 0.95, Double.NaN}));
    StudyResult r = with(runs, result.runs("rnn"), grid);
    Path o = d.resolve("report");
    StudyReport.write(r, o);
    JsonNode t1 = StudyReport.json().readTree(o.resolve("tables/table1-baseline.json").toFile());
    JsonNode test = null;
    for (JsonNode row : t1.get("rows"))
      if (row.get("model").asText().equals("MLP") && row.get("phase").asText().equals("final test")) test = row;
    assertThat(test.get("seeds").asLong()).isEqualTo(2);
    assertThat(test.get("diverged").asText()).isEqualTo("seed 8");
    double mean = (runs.get(0).baseline().accuracy() + runs.get(2).baseline().accuracy()) / 2;
    assertThat(test.at("/accuracy/mean").asDouble()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(t1.get("notes").toString()).contains("MLP final-model training diverged for seed 8");
    JsonNode t2 = StudyReport.json().readTree(o.resolve("tables/table2-paired.json").toFile());
    assertThat(t2.at("/rows/0/seeds").asLong()).isEqualTo(2);
    JsonNode g = StudyReport.json().readTree(o.resolve("tables/grid.json").toFile());
    assertThat(g.at("/rows/0/values").asText()).isEqualTo("batchSize = 16");
    assertThat(g.at("/rows/1/accuracy/mean").asDouble()).isCloseTo(0.51, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(g.at("/rows/1/seeds").asLong()).isEqualTo(2);
    assertThat(g.at("/rows/1/best").asText()).isEqualTo("best");
    String html = Files.readString(o.resolve("index.html"));
    assertThat(html).contains("<h2>Hyper-parameter grid</h2>").contains("Diverged runs (loss became NaN or infinite) are left out");
    assertThat(StudyReport.readResults(o.resolve(StudyReport.RESULTS)).runs("mlp").get(1).diverged()).isTrue();
  }

  /** A step row derived from {@code b}: {@code units} removed, accuracy shifted by {@code dAcc}. */
  static StepRow step(StepRow b, int step, int units, double dAcc, double ms) {
    return new StepRow(step, units, step == 0 ? "none" : "(" + step + "->" + (step + 1) + ")", b.loss(), b.accuracy() + dAcc, b.precision(),
        b.recall(), b.specificity(), b.f1() + dAcc / 2, ms, ms * 0.9, ms * 1.2, b.parameters() - 10 * units, b.hiddenUnits() - units,
        10.0 + step, step > 1);
  }

  @Test
  void rnnPruningModesGiveTable3AndFigure7(@TempDir Path d) throws Exception {
    List<Run> rnn = new ArrayList<>();
    double[] shift = {0.02, -0.01};
    for (int i = 0; i < 2; i++) {
      Run x = result.runs("rnn").get(0);
      StepRow b = x.baseline();
      Map<String, List<StepRow>> pr = new LinkedHashMap<>();
      pr.put("structural", List.of(step(b, 0, 0, 0, 10), step(b, 1, 2, shift[i], 9), step(b, 2, 4, 2 * shift[i], 8)));
      pr.put("mask", List.of(step(b, 0, 0, 0, 10), step(b, 1, 2, -shift[i], 10), step(b, 2, 4, 0, 10)));
      rnn.add(withPruning(x, x.seed() + i, pr, Map.of()));
    }
    StudyResult r = with(result.runs("mlp"), rnn, List.of());
    Path o = d.resolve("report");
    StudyReport.write(r, o);
    for (String ext : List.of("csv", "md", "json")) assertThat(o.resolve("tables/table3-rnn-pruning." + ext)).isNotEmptyFile();
    assertThat(o.resolve("figures/fig7-rnn-time.png")).isNotEmptyFile();
    assertThat(o.resolve("figures/fig7-rnn-time.svg")).isNotEmptyFile();
    JsonNode t3 = StudyReport.json().readTree(o.resolve("tables/table3-rnn-pruning.json").toFile());
    List<String> rows = new ArrayList<>();
    for (JsonNode row : t3.get("rows")) rows.add(row.get("mode").asText() + "@" + row.get("units_removed").asLong());
    assertThat(rows).containsExactly("structural@0", "structural@2", "structural@4", "mask@0", "mask@2", "mask@4");
    // structural at 4 removed: differences +0.04 and -0.02 over the two seeds -> mean +0.01
    assertThat(t3.at("/rows/2/d_accuracy/mean").asDouble()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(t3.at("/rows/2/seeds").asLong()).isEqualTo(2);
    assertThat(t3.at("/rows/0/d_accuracy").isNull()).isTrue();
    String html = Files.readString(o.resolve("index.html"));
    assertThat(html).doesNotContain("RNN pruning was not run").contains("<h2>Table 3: RNN pruning</h2>");
  }

  @Test
  void rnnWithoutPruningSaysSoInsteadOfInventingRows(@TempDir Path d) throws Exception {
    Run x = result.runs("rnn").get(0);
    Run only = withPruning(x, x.seed(), Map.of("unpruned", List.of(x.baseline())), Map.of("unpruned", "RNN pruning not run"));
    StudyResult r = with(result.runs("mlp"), List.of(only), List.of());
    Path o = d.resolve("report");
    StudyReport.write(r, o);
    assertThat(o.resolve("tables/table3-rnn-pruning.csv")).doesNotExist();
    assertThat(o.resolve("figures/fig7-rnn-time.png")).doesNotExist();
    String html = Files.readString(o.resolve("index.html"));
    assertThat(html).contains("RNN pruning was not run").contains("<h2>Table 3: RNN pruning</h2>");
    // Table 1 still has the RNN's test row from the unpruned model
    JsonNode t1 = StudyReport.json().readTree(o.resolve("tables/table1-baseline.json").toFile());
    assertThat(t1.toString()).contains("\"model\":\"RNN\",\"phase\":\"final test\"");
  }

  @Test
  void mlpOnlyAndRnnOnlyStudiesGiveTheirSections(@TempDir Path d) throws Exception {
    StudyResult mlpOnly = with(result.runs("mlp"), null, List.of());
    StudyReport.write(mlpOnly, d.resolve("mlp"));
    String html = Files.readString(d.resolve("mlp/index.html"));
    assertThat(html).contains("<h2>Table 2: MLP pruning</h2>").doesNotContain("<h2>Table 3: RNN pruning</h2>").doesNotContain("rnn-curves");
    StudyResult rnnOnly = with(null, result.runs("rnn"), List.of());
    StudyReport.write(rnnOnly, d.resolve("rnn"));
    html = Files.readString(d.resolve("rnn/index.html"));
    assertThat(html).contains("<h2>Table 3: RNN pruning</h2>").doesNotContain("<h2>Table 2: MLP pruning</h2>").doesNotContain("<h2>Leakage check</h2>");
    assertThat(d.resolve("rnn/tables/table1-baseline.csv")).isNotEmptyFile();
    assertThat(d.resolve("rnn/provenance.json")).isNotEmptyFile();
  }
}
