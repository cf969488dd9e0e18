package org.distinct.report;

import static org.distinct.report.StudyNumbers.max;
import static org.distinct.report.StudyNumbers.meanFinite;
import static org.distinct.report.StudyNumbers.median;
import static org.distinct.report.StudyNumbers.min;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.distinct.family.DataKind;
import org.distinct.study.Metric;
import org.distinct.study.Run;
import org.distinct.study.SeriesSection;
import org.distinct.study.Statistics;
import org.distinct.study.StepRow;
import org.distinct.study.StudyConfig;
import org.distinct.study.StudyResult;
import org.distinct.study.TableSection;

/**
 * The tables of a study report, made from a {@link StudyResult}, one set per model section ({@link FamilyRuns}):
 * every mean comes with its 95 % confidence interval over seeds ({@link Statistics#summarize}), every pruning step with
 * a paired comparison against the unpruned model of the same seed ({@link Statistics#paired}). Diverged runs are left
 * out of the means and listed by seed. Rows are records ({@link TypedTable}); each method returns null when there is
 * nothing to show.
 *
 * <p>Sections sweeping pruning criteria (feature tables) get the paper's Table 2 and the criteria comparison; sections
 * sweeping removal modes (sequences) get a table like the paper's Table 3. The first feature-table section keeps the
 * plain table names ({@code table2-paired}, {@code criteria}, {@code leakage}); later ones add their kind.
 */
public final class StudyTables {
  private StudyTables() {}

  /** Loss: three decimals. */
  static final Format LOSS = Format.decimals(3);
  /** Accuracy in a column headed "(%)": one decimal, no suffix. */
  static final Format PCT = new Format(1, 100, "");
  /** A difference of accuracies in percentage points, signed. */
  static final Format POINTS = new Format(1, 100, "", false, true);
  /** Metrics in [0, 1]. */
  static final Format METRIC = Format.decimals(3);
  /** Differences of metrics in [0, 1], signed. */
  static final Format DMETRIC = Format.decimals(3).withSign();
  /** Milliseconds: three significant digits. */
  static final Format MS = Format.significant(3, "");
  /** Seconds: three significant digits. */
  static final Format SEC = Format.significant(3, "");
  /** p-values: two significant digits. */
  static final Format P = Format.significant(2, "");
  /** Angles in degrees: one decimal. */
  static final Format DEG = Format.decimals(1);

  private static final String CI_NOTE = "Values are mean [95 % confidence interval] over seeds, the interval by " + Statistics.METHOD
      + " (it stays in the range of what it describes); a value without an interval comes from fewer than " + Statistics.MIN_SEEDS + " seeds.";

  /**
   * The paper's own numbers (its data, single runs) per kind: {loss, accuracy %} of CV training, CV validation, final
   * training and final test, and the test time in ms.
   */
  private record PaperRows(String folds, double[][] values, double testMillis) {}

  private static final Map<String, PaperRows> PAPER = Map.of(
      "mlp", new PaperRows("10-fold", new double[][] {{0.861, 51.99}, {1.136, 41.25}, {0.935, 60.46}, {1.143, 40.00}}, 1.034),
      "rnn", new PaperRows("5-fold", new double[][] {{1.041, 53.47}, {1.006, 49.20}, {0.969, 51.58}, {0.870, 50.00}}, 108.01));

  /**
   * @param s a summary
   * @return an estimate cell of it
   */
  static Cell est(Statistics.Summary s) {
    return Cell.estimate(s.mean(), s.low(), s.high());
  }

  /**
   * @param values per-seed values
   * @return an estimate cell of their mean
   */
  static Cell est(double[] values) {
    return est(Statistics.summarize(values));
  }

  /**
   * @param p a paired comparison
   * @param f format of the difference
   * @return an estimate cell of the mean difference
   */
  static Cell diff(Statistics.Paired p, Format f) {
    return new Cell(new Cell.Estimate(p.meanDifference(), p.low(), p.high()), f);
  }

  static String seedList(List<Long> seeds) {
    return seeds.isEmpty() ? "none" : (seeds.size() == 1 ? "seed " : "seeds ") + String.join(", ", seeds.stream().map(String::valueOf).toList());
  }

  /**
   * @param r the study result
   * @param f a section's runs
   * @param base the table's name for the first feature-table section
   * @return {@code base}, or {@code base-KIND} for later feature-table sections
   */
  static String tableId(StudyResult r, FamilyRuns f, String base) {
    for (FamilyRuns x : FamilyRuns.of(r)) if (x.data() == DataKind.TABLE) return x.kind().equals(f.kind()) ? base : base + "-" + f.kind();
    return base + "-" + f.kind();
  }

  // ------------------------------------------------------------------------------------------------ overview

  private record Setting(String item, String value) {}

  /**
   * What was run: data, models, training settings, splits, seeds.
   *
   * @param r the study result
   * @return the settings table
   */
  public static Table settings(StudyResult r) {
    TypedTable<Setting> t = TypedTable.<Setting>of("settings", "What was run")
        .caption("The data, models, splits and settings of this study, as read from the study file (full file under Provenance).")
        .column("item", "Item", Setting::item).column("value", "Value", Setting::value);
    if (r.features() != null) {
      Map<String, Object> f = r.features();
      Object groups = f.get("participants") != null ? f.get("participants") + " participants" : "no group column";
      t.add(new Setting("Feature table", f.get("source") + ": " + f.get("rows") + " rows × " + f.get("features") + " columns, "
          + groups + ", classes " + f.get("classes")));
    }
    if (r.series() != null) {
      Map<String, Object> s = r.series();
      t.add(new Setting("Raw series", s.get("source") + ": " + s.get("sequences") + " sequences of " + s.get("songs") + " songs from "
          + s.get("participants") + " participants, " + s.get("minLength") + "–" + s.get("maxLength") + " samples long, classes "
          + s.get("classes")));
    }
    StudyConfig c = r.config();
    for (FamilyRuns f : FamilyRuns.of(r)) {
      if (f.table() != null) tableSettings(t, c, f, f.table());
      else seriesSettings(t, f, f.series(), r.series());
    }
    t.add(new Setting("Leakage check", c.leakage()
        ? "on: every final model also trained and tested with the other split (participant-grouped against random rows or the "
            + "paper's per-song split); data without groups have none"
        : "off"));
    return t.build();
  }

  private static void tableSettings(TypedTable<Setting> t, StudyConfig c, FamilyRuns f, TableSection m) {
    String n = f.name();
    t.add(new Setting(n, "inputs → " + m.hidden() + " " + m.activation() + " hidden → softmax; " + m.optimizer() + ", learning rate "
        + m.learningRate() + ", batch " + m.batchSize() + ", " + m.epochs() + " epochs"));
    t.add(new Setting(n + " seeds", m.seeds() + " (" + seedList(f.seeds()) + ")"));
    String split = m.split() == null ? "grouped" : m.split();
    String cv = switch (split) {
      case "grouped" -> "participant-grouped (GroupKFold) on the training participants";
      case "stratified" -> "stratified (StratifiedKFold) on the training rows";
      default -> "random (KFold) on the training rows";
    };
    t.add(new Setting(n + " cross-validation", m.folds() == 0 ? "none" : m.folds() + "-fold, " + cv));
    String rows = f.runs().isEmpty() ? "" : "; " + f.runs().get(0).trainRows() + " training and " + f.runs().get(0).testRows() + " test rows (first seed)";
    String test = f.runs().isEmpty() ? split + " hold-out: " + fmtPct(m.testFraction()) : f.runs().get(0).split();
    t.add(new Setting(n + " test split", test + rows));
    StudyConfig.PruningSection p = c.pruning();
    t.add(new Setting(n + " pruning", p.step() + " units per step down to " + p.untilUnits() + " units; thresholds " + p.similar() + "° (similar) and "
        + p.complementary() + "° (complementary); angles over the " + p.patterns() + " patterns; mean correction "
        + (p.meanCorrection() ? "on" : "off (the paper's plain merge)") + "; "
        + (p.force() ? "continues past the thresholds with the closest pair (rows marked)" : "stops at the thresholds")));
    t.add(new Setting("Pruning criteria", String.join(", ", p.criteria())));
  }

  private static void seriesSettings(TypedTable<Setting> t, FamilyRuns f, SeriesSection s, Map<String, Object> data) {
    String n = f.name();
    int inputs = data != null && data.get("channels") instanceof Number c ? c.intValue() : 1;
    int classes = data != null && data.get("classes") instanceof List<?> l ? l.size() : 3;
    t.add(new Setting(n, f.describeModel(inputs, classes) + " (" + f.description() + ")"));
    t.add(new Setting(n + " preprocessing", "median filter window " + s.window() + ", " + s.scaling() + " min–max scaling, "
        + (s.downsample() == 1 ? "no downsampling" : "block means of " + s.downsample() + " samples")));
    t.add(new Setting(n + " seeds", s.seeds() + " (" + seedList(f.seeds()) + ")"));
    t.add(new Setting(n + " cross-validation", s.folds() == 0 ? "none" : s.folds() + "-fold"));
    String split = f.runs().isEmpty() ? s.split() : f.runs().get(0).split();
    String seqs = f.runs().isEmpty() ? "" : "; " + f.runs().get(0).trainRows() + " training and " + f.runs().get(0).testRows() + " test sequences";
    t.add(new Setting(n + " test split", split + seqs));
  }

  private static String fmtPct(double f) {
    return String.format(Locale.ROOT, "%.0f %%", f * 100);
  }

  private record Phase(String phase, Double seconds) {}

  /**
   * @param r the study result
   * @return measured wall-clock time per phase
   */
  public static Table phases(StudyResult r) {
    TypedTable<Phase> t = TypedTable.<Phase>of("phases", "Measured run time per phase")
        .caption("Wall-clock time of each phase of this study on this machine (" + r.provenance().threads() + " threads).")
        .column("phase", "Phase", Phase::phase).column("seconds", "Time (s)", SEC, Phase::seconds);
    double total = 0;
    Map<String, FamilyRuns> byKind = new LinkedHashMap<>();
    for (FamilyRuns f : FamilyRuns.of(r)) byKind.put(f.kind(), f);
    for (Map.Entry<String, Double> e : r.seconds().entrySet()) {
      t.add(new Phase(phaseName(e.getKey(), byKind.get(e.getKey())), e.getValue()));
      if (Double.isFinite(e.getValue())) total += e.getValue();
    }
    t.add(new Phase("total", total));
    return t.build();
  }

  private static String phaseName(String k, FamilyRuns f) {
    if (k.equals("grid")) return "MLP hyper-parameter grid";
    if (f == null) return k;
    return f.name() + (f.sweepsCriteria()
        ? " (all seeds: cross-validation, final model, leakage check, pruning sweeps)"
        : " (all seeds: cross-validation, final model, pruning)");
  }

  private record PaperRow(String model, String phase, Double loss, Double accuracy, Cell time) {}

  /**
   * @return the paper's own numbers (its data, single runs), for comparison
   */
  public static Table paper() {
    TypedTable<PaperRow> t = TypedTable.<PaperRow>of("paper", "The paper's numbers (for comparison)")
        .caption("Reported in the paper for its own data: single runs without error bars. Not produced by this study.")
        .column("model", "Model", PaperRow::model).column("phase", "Phase", PaperRow::phase).column("loss", "Loss", LOSS, PaperRow::loss)
        .column("accuracy", "Accuracy (%)", Format.decimals(2), PaperRow::accuracy).column("time", "Test time (ms)", MS, PaperRow::time);
    String[] phases = {"training", "validation", "final model training", "final model test"};
    for (String kind : List.of("mlp", "rnn")) {
      PaperRows p = PAPER.get(kind);
      for (int i = 0; i < 4; i++) {
        String phase = i < 2 ? p.folds() + " " + phases[i] : phases[i];
        Cell time = i == 3 ? Cell.of(p.testMillis(), Format.decimals(kind.equals("mlp") ? 3 : 2)) : null;
        t.add(new PaperRow(kind.toUpperCase(Locale.ROOT), phase, p.values()[i][0], p.values()[i][1], time));
      }
    }
    return t.note("MLP pruning in the paper (Table 2): 0 pruned 40.00 %, F1 0.304; 2 pruned 44.17 %, F1 0.330; 4 pruned 40.83 %, F1 0.333; 6 pruned 39.17 %, F1 0.338.")
        .note("RNN pruning in the paper (Table 3): 0 pruned 50.00 %, precision 0.522; 2 pruned 52.08 %, 0.217; 4 pruned 50.00 % or 33.33 % depending on the pair; 6 pruned 33.33 %.")
        .build();
  }

  // ------------------------------------------------------------------------------------------------ Table 1

  /** One row of Table 1. */
  private record BaselineRow(String model, String phase, Cell loss, Cell accuracy, Double paperLoss, Double paperAccuracy, Double timeMedian,
      Double timeMin, Double timeMax, Long seeds, String diverged) {}

  /**
   * Table 1: the baseline of every model section.
   *
   * @param r the study result
   * @return the table
   */
  public static Table baseline(StudyResult r) {
    TypedTable<BaselineRow> t = TypedTable.<BaselineRow>of("table1-baseline", "Table 1: baseline " + names(r))
        .caption("Cross-validation (fold means per seed), the final model on its training part and on the held-out test part. "
            + "Test time is the time to classify the whole test set: median over seeds of each seed's median timing, and the fastest and slowest single timing. "
            + "The 'Paper' columns repeat the paper's single runs on its own data (10-fold MLP, 5-fold RNN), for orientation only. "
            + "Diverged runs are listed by seed and left out of the means.")
        .column("model", "Model", BaselineRow::model).column("phase", "Phase", BaselineRow::phase)
        .column("loss", "Loss (cross-entropy)", LOSS, BaselineRow::loss).column("accuracy", "Accuracy (%)", PCT, BaselineRow::accuracy)
        .column("paper_loss", "Paper: loss", LOSS, BaselineRow::paperLoss)
        .column("paper_accuracy", "Paper: acc. (%)", Format.decimals(2), BaselineRow::paperAccuracy)
        .column("time_median", "Time median (ms)", MS, BaselineRow::timeMedian).column("time_min", "min (ms)", MS, BaselineRow::timeMin)
        .column("time_max", "max (ms)", MS, BaselineRow::timeMax).column("seeds", "Seeds", BaselineRow::seeds)
        .column("diverged", "Diverged", BaselineRow::diverged);
    List<String> notes = new ArrayList<>();
    for (FamilyRuns f : FamilyRuns.of(r)) {
      if (f.runs().isEmpty()) continue;
      foldRows(t, f);
      List<Long> div = f.divergedSeeds();
      finalRows(t, f, div);
      if (!div.isEmpty())
        notes.add(f.name() + " final-model training diverged for " + seedList(div) + ": left out of every mean, test and pruning result.");
    }
    t.note(CI_NOTE);
    notes.forEach(t::note);
    return t.build();
  }

  /** @return e.g. {@code MLP and RNN} */
  static String names(StudyResult r) {
    List<String> n = FamilyRuns.of(r).stream().map(FamilyRuns::name).toList();
    if (n.size() <= 1) return String.join("", n);
    return String.join(", ", n.subList(0, n.size() - 1)) + " and " + n.get(n.size() - 1);
  }

  private static Double paper(String kind, int phase, int what) {
    PaperRows p = PAPER.get(kind);
    return p == null ? null : p.values()[phase][what];
  }

  private static void foldRows(TypedTable<BaselineRow> t, FamilyRuns f) {
    int folds = f.folds();
    if (folds == 0) {
      t.add(new BaselineRow(f.name(), "cross-validation", null, null, null, null, null, null, null, 0L, "not run (folds 0)"));
      return;
    }
    int total = 0;
    List<Long> which = new ArrayList<>();
    for (Run m : f.runs())
      if (m.foldsDiverged() > 0) {
        total += m.foldsDiverged();
        which.add(m.seed());
      }
    String div = total == 0 ? "none" : total + (total == 1 ? " fold" : " folds") + " (" + seedList(which) + ")";
    String k = folds + "-fold";
    Statistics.Summary l = Statistics.summarize(f.values(m -> meanFinite(m.foldTrainLoss())));
    t.add(new BaselineRow(f.name(), k + " CV training", est(l), est(f.values(m -> meanFinite(m.foldTrainAccuracy()))), paper(f.kind(), 0, 0),
        paper(f.kind(), 0, 1), null, null, null, (long) l.n(), div));
    Statistics.Summary v = Statistics.summarize(f.values(m -> meanFinite(m.foldValidationLoss())));
    t.add(new BaselineRow(f.name(), k + " CV validation", est(v), est(f.values(m -> meanFinite(m.foldValidationAccuracy()))),
        paper(f.kind(), 1, 0), paper(f.kind(), 1, 1), null, null, null, (long) v.n(), div));
  }

  private static void finalRows(TypedTable<BaselineRow> t, FamilyRuns f, List<Long> diverged) {
    String div = diverged.isEmpty() ? "none" : seedList(diverged);
    Statistics.Summary l = Statistics.summarize(f.values(m -> m.diverged() ? Double.NaN : m.finalTrainLoss()));
    t.add(new BaselineRow(f.name(), "final training", est(l), est(f.values(m -> m.diverged() ? Double.NaN : m.finalTrainAccuracy())),
        paper(f.kind(), 2, 0), paper(f.kind(), 2, 1), null, null, null, (long) l.n(), div));
    Statistics.Summary tl = Statistics.summarize(f.values(m -> m.baseline() == null ? Double.NaN : m.baseline().loss()));
    double[] tmed = f.values(m -> m.baseline() == null ? Double.NaN : m.baseline().timeMedianMs());
    double[] tmin = f.values(m -> m.baseline() == null ? Double.NaN : m.baseline().timeMinMs());
    double[] tmax = f.values(m -> m.baseline() == null ? Double.NaN : m.baseline().timeMaxMs());
    t.add(new BaselineRow(f.name(), "final test", est(tl), est(f.testAccuracy()), paper(f.kind(), 3, 0), paper(f.kind(), 3, 1), median(tmed),
        min(tmin), max(tmax), (long) tl.n(), div));
  }

  // ------------------------------------------------------------------------------------------------ Table 2

  /** One step of Table 2. */
  private record PruningRow(long step, long removed, long left, String pairs, Cell loss, Cell accuracy, Cell precision, Cell recall, Cell f1,
      Cell specificity, Double time, long parameters, Cell minAngle, String beyond) {}

  /**
   * Table 2: a criteria section's model pruned step by step with the main distinctiveness criterion.
   *
   * @param r the study result
   * @param f the section
   * @return the table, or null without pruning results
   */
  public static Table criteriaPruning(StudyResult r, FamilyRuns f) {
    List<Map<String, List<StepRow>>> pr = f.pruning();
    String key = StudyNumbers.mainCriterion(pr);
    if (key == null) return null;
    TypedTable<PruningRow> t = TypedTable.<PruningRow>of("table2-" + f.kind() + "-pruning", "Table 2: " + f.name() + " pruning by " + key)
        .caption("Test metrics of the final " + f.name() + " after each pruning step (macro averages over the classes): hidden units removed and left, the "
            + "pairs of the first seed (kept → removed unit), and the time to classify the test set (median over seeds).")
        .column("step", "Step", PruningRow::step).column("units_removed", "Removed", PruningRow::removed)
        .column("hidden_left", "Units left", PruningRow::left).column("pairs", "Pairs (seed " + f.runs().get(0).seed() + ")", PruningRow::pairs)
        .column("loss", "Loss", LOSS, PruningRow::loss).column("accuracy", "Accuracy (%)", PCT, PruningRow::accuracy)
        .column("precision", "Precision", METRIC, PruningRow::precision).column("recall", "Recall", METRIC, PruningRow::recall)
        .column("f1", "F1", METRIC, PruningRow::f1).column("specificity", "Specificity", METRIC, PruningRow::specificity)
        .column("time_median", "Time (ms)", MS, PruningRow::time).column("parameters", "Parameters", PruningRow::parameters)
        .column("min_angle", "Min. angle (°)", DEG, PruningRow::minAngle).column("beyond", "Beyond threshold", PruningRow::beyond);
    for (int st : StudyNumbers.steps(pr, key)) {
      StepRow first = StudyNumbers.row(pr.get(0), key, st);
      StepRow typical = typical(pr, key, st);
      int n = 0;
      int k = 0;
      for (Map<String, List<StepRow>> p : pr) {
        StepRow s = StudyNumbers.row(p, key, st);
        if (s != null) {
          n++;
          if (s.beyondThreshold()) k++;
        }
      }
      t.add(new PruningRow(st, typical.unitsRemoved(), typical.hiddenUnits(), first == null ? "–" : arrows(first.pairs()),
          est(StudyNumbers.metric(pr, key, st, Metric.LOSS)), est(StudyNumbers.metric(pr, key, st, Metric.ACCURACY)),
          est(StudyNumbers.metric(pr, key, st, Metric.PRECISION)), est(StudyNumbers.metric(pr, key, st, Metric.RECALL)),
          est(StudyNumbers.metric(pr, key, st, Metric.F1)), est(StudyNumbers.metric(pr, key, st, Metric.SPECIFICITY)),
          median(StudyNumbers.metric(pr, key, st, Metric.TIME)), typical.parameters(), est(StudyNumbers.metric(pr, key, st, Metric.MIN_ANGLE)),
          k + " of " + n));
    }
    unitsNote(t, pr, key);
    t.note(CI_NOTE);
    if (f.kind().equals("mlp"))
      t.note("For comparison, the paper's single runs on its own data (its Table 2): 0 pruned 40.00 %, F1 0.304; 2 pruned 44.17 %, F1 0.330; "
          + "4 pruned 40.83 %, F1 0.333; 6 pruned 39.17 %, F1 0.338.");
    t.note("'Beyond threshold' counts the seeds whose step merged or removed a pair that was neither similar nor complementary by the thresholds "
        + "(forced step); such pairs are marked * in the pairs column.");
    return t.build();
  }

  /** @return the p-value, or null (an empty cell) when it could not be computed (fewer than 2 seeds) */
  static Double p(double p) {
    return Double.isNaN(p) ? null : p;
  }

  /** @return the first row of that step whose units removed is the most common count */
  static StepRow typical(List<Map<String, List<StepRow>>> pr, String key, int step) {
    int u = StudyNumbers.units(pr, key, step);
    for (Map<String, List<StepRow>> p : pr) {
      StepRow s = StudyNumbers.row(p, key, step);
      if (s != null && s.unitsRemoved() == u) return s;
    }
    return StudyNumbers.firstRow(pr, key, step);
  }

  /** Notes the steps at which seeds removed different numbers of units. */
  static void unitsNote(TypedTable<?> b, List<Map<String, List<StepRow>>> pr, String key) {
    List<String> varied = new ArrayList<>();
    for (int st : StudyNumbers.steps(pr, key)) {
      String range = StudyNumbers.unitsRange(pr, key, st);
      if (range != null) varied.add("step " + st + " (" + range + ")");
    }
    if (!varied.isEmpty())
      b.note("Seeds are compared step by step. At " + String.join(", ", varied) + " the seeds of " + key + " had removed different numbers "
          + "of units (a merged pair removes one unit, a complementary pair two); 'Removed' shows the most common count.");
  }

  /** A paired comparison of one step with the unpruned model (accuracy and F1). */
  private record PairedRow(long step, long removed, long seeds, Cell dAccuracy, Double tAccuracy, Double wAccuracy, String vAccuracy, Cell dF1,
      Double tF1, Double wF1, String vF1) {
    static PairedRow of(long step, long removed, Statistics.Paired a, Statistics.Paired f) {
      return new PairedRow(step, removed, a.n(), diff(a, POINTS), p(a.tTestP()), p(a.wilcoxonP()), a.verdict(), diff(f, DMETRIC), p(f.tTestP()),
          p(f.wilcoxonP()), f.verdict());
    }
  }

  /**
   * Table 2, continued: each pruning step against the unpruned model of the same seed (paired tests).
   *
   * @param r the study result
   * @param f the section
   * @return the table, or null without pruning results
   */
  public static Table criteriaPaired(StudyResult r, FamilyRuns f) {
    List<Map<String, List<StepRow>>> pr = f.pruning();
    String key = StudyNumbers.mainCriterion(pr);
    if (key == null) return null;
    TypedTable<PairedRow> t = TypedTable.<PairedRow>of(tableId(r, f, "table2-paired"), "Table 2 (continued): did pruning by " + key + " change the "
            + f.name() + "?")
        .caption("Each step compared with the unpruned model of the same seed: mean difference (pruned − unpruned) with its 95 % interval, "
            + "paired t-test and Wilcoxon signed-rank p-values. A change is only called when both tests give p < 0.05.")
        .column("step", "Step", PairedRow::step).column("units_removed", "Removed", PairedRow::removed)
        .column("seeds", "Seeds", PairedRow::seeds).column("d_accuracy", "Δ accuracy (points)", POINTS, PairedRow::dAccuracy)
        .column("t_accuracy", "t-test p", P, PairedRow::tAccuracy).column("w_accuracy", "Wilcoxon p", P, PairedRow::wAccuracy)
        .column("v_accuracy", "Accuracy verdict", PairedRow::vAccuracy).column("d_f1", "Δ F1", DMETRIC, PairedRow::dF1)
        .column("t_f1", "t-test p (F1)", P, PairedRow::tF1).column("w_f1", "Wilcoxon p (F1)", P, PairedRow::wF1)
        .column("v_f1", "F1 verdict", PairedRow::vF1);
    for (int st : StudyNumbers.steps(pr, key)) {
      if (st == 0) continue;
      Statistics.Paired a = Statistics.paired(StudyNumbers.metric(pr, key, st, Metric.ACCURACY), StudyNumbers.metric(pr, key, 0, Metric.ACCURACY));
      Statistics.Paired d = Statistics.paired(StudyNumbers.metric(pr, key, st, Metric.F1), StudyNumbers.metric(pr, key, 0, Metric.F1));
      t.add(PairedRow.of(st, StudyNumbers.units(pr, key, st), a, d));
    }
    pairedNotes(t, pr.size());
    return t.build();
  }

  private static void pairedNotes(TypedTable<?> b, int seeds) {
    b.note("Δ is pruned − unpruned: negative means pruning lowered the metric. Verdicts use α = 0.05 and require both tests to agree.");
    if (seeds < 6)
      b.note("With fewer than 6 seeds the exact two-sided Wilcoxon test cannot reach p < 0.05, so no change can be called; run more seeds.");
  }

  // ------------------------------------------------------------------------------------------------ Table 3

  /** One step of one mode in Table 3; the comparison cells are empty at step 0 (nothing to compare). */
  private record ModeRow(String mode, long step, long removed, String pairs, Cell loss, Cell accuracy, Cell precision, Cell f1, Double time,
      Cell minAngle, Long seeds, Cell dAccuracy, Double tAccuracy, Double wAccuracy, String vAccuracy, Cell dF1) {}

  /**
   * Table 3: a modes section's model pruned per mode and step, with the paired comparison against the unpruned model of
   * the same seed.
   *
   * @param r the study result
   * @param f the section
   * @return the table, or null when pruning was not run (no mode other than "unpruned")
   */
  public static Table modesPruning(StudyResult r, FamilyRuns f) {
    List<Map<String, List<StepRow>>> pr = f.pruning();
    List<String> modes = new ArrayList<>(StudyNumbers.keys(pr));
    modes.remove("unpruned");
    if (modes.isEmpty()) return null;
    String n = f.name();
    TypedTable<ModeRow> t = TypedTable.<ModeRow>of("table3-" + f.kind() + "-pruning", "Table 3: " + n + " pruning per mode")
        .caption("Test metrics of the final " + n + " after each pruning step, per mode, and the paired comparison of each step with the "
            + "unpruned " + n + " of the same seed (pruned − unpruned; verdict from the paired t-test and the Wilcoxon test, both at p < 0.05).")
        .column("mode", "Mode", ModeRow::mode).column("step", "Step", ModeRow::step).column("units_removed", "Removed", ModeRow::removed)
        .column("pairs", "Pairs (seed " + f.runs().get(0).seed() + ")", ModeRow::pairs).column("loss", "Loss", LOSS, ModeRow::loss)
        .column("accuracy", "Accuracy (%)", PCT, ModeRow::accuracy).column("precision", "Precision", METRIC, ModeRow::precision)
        .column("f1", "F1", METRIC, ModeRow::f1).column("time_median", "Time (ms)", MS, ModeRow::time)
        .column("min_angle", "Min. angle (°)", DEG, ModeRow::minAngle).column("seeds", "Seeds", ModeRow::seeds)
        .column("d_accuracy", "Δ accuracy (points)", POINTS, ModeRow::dAccuracy).column("t_accuracy", "t-test p", P, ModeRow::tAccuracy)
        .column("w_accuracy", "Wilcoxon p", P, ModeRow::wAccuracy).column("v_accuracy", "Accuracy verdict", ModeRow::vAccuracy)
        .column("d_f1", "Δ F1", DMETRIC, ModeRow::dF1);
    for (String m : modes)
      for (int st : StudyNumbers.steps(pr, m)) t.add(modeRow(pr, m, st));
    t.note(CI_NOTE);
    pairedNotes(t, pr.size());
    for (String m : modes) unitsNote(t, pr, m);
    if (f.kind().equals("rnn"))
      t.note("For comparison, the paper's single runs on its own data (its Table 3): 0 pruned 50.00 %, precision 0.522; 2 pruned 52.08 %, 0.217; "
          + "4 pruned 50.00 % or 33.33 % depending on the pair; 6 pruned 33.33 %.");
    return t.build();
  }

  private static ModeRow modeRow(List<Map<String, List<StepRow>>> pr, String m, int st) {
    StepRow first = StudyNumbers.row(pr.get(0), m, st);
    String pairs = first == null ? "–" : arrows(first.pairs());
    Cell loss = est(StudyNumbers.metric(pr, m, st, Metric.LOSS));
    Cell acc = est(StudyNumbers.metric(pr, m, st, Metric.ACCURACY));
    Cell prec = est(StudyNumbers.metric(pr, m, st, Metric.PRECISION));
    Cell f1 = est(StudyNumbers.metric(pr, m, st, Metric.F1));
    Double time = median(StudyNumbers.metric(pr, m, st, Metric.TIME));
    Cell angle = est(StudyNumbers.metric(pr, m, st, Metric.MIN_ANGLE));
    long units = StudyNumbers.units(pr, m, st);
    if (st == 0) return new ModeRow(m, st, units, pairs, loss, acc, prec, f1, time, angle, null, null, null, null, null, null);
    Statistics.Paired a = Statistics.paired(StudyNumbers.metric(pr, m, st, Metric.ACCURACY), StudyNumbers.metric(pr, m, 0, Metric.ACCURACY));
    Statistics.Paired d = Statistics.paired(StudyNumbers.metric(pr, m, st, Metric.F1), StudyNumbers.metric(pr, m, 0, Metric.F1));
    return new ModeRow(m, st, units, pairs, loss, acc, prec, f1, time, angle, (long) a.n(), diff(a, POINTS), p(a.tTestP()), p(a.wilcoxonP()),
        a.verdict(), diff(d, DMETRIC));
  }

  // ------------------------------------------------------------------------------------------------ criteria

  private record CriterionRow(String criterion, long step, long removed, Cell accuracy, Cell f1, Cell dAccuracy, Double t, Double w,
      String verdict, Cell dF1, Double wF1, String vF1) {}

  /**
   * Criteria comparison: accuracy and F1 of every criterion at each step, and the paired difference against the main
   * distinctiveness criterion of the same seed.
   *
   * @param r the study result
   * @param f a criteria section
   * @return the table, or null without pruning results
   */
  public static Table criteria(StudyResult r, FamilyRuns f) {
    List<Map<String, List<StepRow>>> pr = f.pruning();
    String ref = StudyNumbers.mainCriterion(pr);
    if (ref == null) return null;
    TypedTable<CriterionRow> t = TypedTable.<CriterionRow>of(tableId(r, f, "criteria"), "Each criterion against " + ref + ", step by step")
        .caption("Test accuracy and F1 of the " + f.name() + " pruned by each other criterion, and the difference to " + ref + " at the same pruning step "
            + "(same seed, same unpruned model): Δ is criterion − " + ref + ", and the verdicts say whether the criterion is higher or lower than "
            + ref + ". At step 0 all criteria share the unpruned model (Table 2).")
        .column("criterion", "Criterion", CriterionRow::criterion).column("step", "Step", CriterionRow::step)
        .column("units_removed", "Removed", CriterionRow::removed).column("accuracy", "Accuracy (%)", PCT, CriterionRow::accuracy)
        .column("f1", "F1", METRIC, CriterionRow::f1).column("d_accuracy", "Δ accuracy (points)", POINTS, CriterionRow::dAccuracy)
        .column("t", "t-test p", P, CriterionRow::t).column("w", "Wilcoxon p", P, CriterionRow::w)
        .column("verdict", "Accuracy verdict", CriterionRow::verdict).column("d_f1", "Δ F1", DMETRIC, CriterionRow::dF1)
        .column("w_f1", "Wilcoxon p (F1)", P, CriterionRow::wF1).column("v_f1", "F1 verdict", CriterionRow::vF1);
    for (String c : StudyNumbers.keys(pr))
      for (int st : StudyNumbers.steps(pr, c)) {
        if (st == 0 || c.equals(ref)) continue; // the reference itself is in Table 2 and the overview table
        double[] acc = StudyNumbers.metric(pr, c, st, Metric.ACCURACY);
        double[] f1 = StudyNumbers.metric(pr, c, st, Metric.F1);
        Statistics.Paired a = Statistics.paired(acc, StudyNumbers.metric(pr, ref, st, Metric.ACCURACY));
        Statistics.Paired d = Statistics.paired(f1, StudyNumbers.metric(pr, ref, st, Metric.F1));
        t.add(new CriterionRow(c, st, StudyNumbers.units(pr, c, st), est(acc), est(f1), diff(a, POINTS), p(a.tTestP()), p(a.wilcoxonP()),
            versus(a.verdict()), diff(d, DMETRIC), p(d.wilcoxonP()), versus(d.verdict())));
      }
    t.note(CI_NOTE);
    t.note("Δ is criterion − " + ref + ". 'higher'/'lower' only when the paired t-test and the Wilcoxon test both give p < 0.05.");
    if (pr.size() < 6) t.note("With fewer than 6 seeds the exact two-sided Wilcoxon test cannot reach p < 0.05, so no difference can be called.");
    return t.build();
  }

  /** @return pairs text with arrows, e.g. {@code (5→12) (6→9)} */
  static String arrows(String pairs) {
    return pairs.replace("->", "→");
  }

  /** Test accuracy of every criterion at one step (one column per criterion). */
  private record StepAccuracy(long step, Long removed, Map<String, Cell> accuracy) {}

  /**
   * Criteria at a glance: test accuracy of every criterion at every step, one column per criterion.
   *
   * @param r the study result
   * @param f a criteria section
   * @return the table, or null without pruning results
   */
  public static Table criteriaAccuracy(StudyResult r, FamilyRuns f) {
    List<Map<String, List<StepRow>>> pr = f.pruning();
    String ref = StudyNumbers.mainCriterion(pr);
    if (ref == null) return null;
    List<String> keys = StudyNumbers.keys(pr);
    TypedTable<StepAccuracy> t = TypedTable.<StepAccuracy>of(tableId(r, f, "criteria-accuracy"), "Test accuracy (%) of every criterion per pruning step")
        .caption("Mean ± 95 % interval over seeds; step 0 is the unpruned model, shared by all criteria. Whether a difference between two "
            + "criteria is real is tested in the next table.")
        .column("step", "Step", StepAccuracy::step).column("units_removed", "Removed", StepAccuracy::removed);
    for (String k : keys) t.column(k.replaceAll("[^A-Za-z0-9_]", "_"), k, PCT, a -> a.accuracy().get(k));
    TreeSet<Integer> steps = new TreeSet<>();
    for (String k : keys) steps.addAll(StudyNumbers.mainSteps(pr, k));
    for (int st : steps) {
      Map<String, Cell> acc = new LinkedHashMap<>();
      for (String k : keys) {
        Statistics.Summary sm = Statistics.summarize(StudyNumbers.metric(pr, k, st, Metric.ACCURACY));
        if (sm.n() > 0) acc.put(k, est(sm));
      }
      int u = StudyNumbers.units(pr, ref, st);
      t.add(new StepAccuracy(st, u < 0 ? null : (long) u, acc));
    }
    t.note("'Removed' is the (most common) number of units " + ref + " had removed at that step; the other criteria remove " + r.config().pruning().step()
        + " units per step.");
    return t.build();
  }

  static String versus(String verdict) {
    return switch (verdict) {
      case "no significant change" -> "not significant";
      default -> verdict;
    };
  }

  // ------------------------------------------------------------------------------------------------ leakage

  private record LeakageRow(String split, Cell accuracy, Cell loss, long seeds, Double t, Double w, String verdict) {}

  /**
   * Leakage check: random row split against participant-grouped split.
   *
   * @param r the study result
   * @param f a section
   * @return the table, or null when the check was off or gave no numbers
   */
  public static Table leakage(StudyResult r, FamilyRuns f) {
    FamilyRuns.Leakage lk = f.leakage();
    if (lk == null || Statistics.summarize(lk.leaky()).n() == 0 || Statistics.summarize(lk.grouped()).n() == 0) return null;
    double[] rAcc = lk.leaky();
    double[] rLoss = lk.leakyLoss();
    double[] gAcc = lk.grouped();
    double[] gLoss = lk.groupedLoss();
    Statistics.Paired da = Statistics.paired(rAcc, gAcc);
    Statistics.Paired dl = Statistics.paired(rLoss, gLoss);
    String leaky = lk.leakyName();
    String id = f.data() == DataKind.TABLE ? tableId(r, f, "leakage") : "leakage-" + f.kind();
    TypedTable<LeakageRow> t = TypedTable.<LeakageRow>of(id, "Leakage check (" + f.name() + "): " + leaky + " vs participant-grouped split")
        .caption("The same " + f.name() + " settings tested on held-out participants (participant-grouped split) and with " + leaky
            + ", where the same participants appear in training and test data. The difference is paired by seed.")
        .column("split", "Split", LeakageRow::split).column("accuracy", "Test accuracy (%)", PCT, LeakageRow::accuracy)
        .column("loss", "Test loss", LOSS, LeakageRow::loss).column("seeds", "Seeds", LeakageRow::seeds)
        .column("t", "t-test p (accuracy)", P, LeakageRow::t).column("w", "Wilcoxon p (accuracy)", P, LeakageRow::w)
        .column("verdict", "Accuracy with " + leaky, LeakageRow::verdict);
    Statistics.Summary g = Statistics.summarize(gAcc);
    Statistics.Summary rs = Statistics.summarize(rAcc);
    t.add(new LeakageRow("participant-grouped (held-out participants)", est(g), est(gLoss), g.n(), null, null, null));
    t.add(new LeakageRow(leaky, est(rs), est(rLoss), rs.n(), null, null, null));
    t.add(new LeakageRow("difference: " + leaky + " − grouped", diff(da, POINTS), diff(dl, Format.decimals(3).withSign()), da.n(), p(da.tTestP()),
        p(da.wilcoxonP()), da.verdict()));
    t.note(CI_NOTE);
    t.note("The accuracy difference is in percentage points.");
    return t.build();
  }

  // ------------------------------------------------------------------------------------------------ grid

  private record GridRow(String values, Cell accuracy, Cell loss, long seeds, String best) {}

  /**
   * @param r the study result
   * @return the grid results, or null without a grid
   */
  public static Table grid(StudyResult r) {
    if (r.grid() == null || r.grid().isEmpty()) return null;
    int gridSeeds = r.grid().get(0).validationAccuracy().length;
    TypedTable<GridRow> t = TypedTable.<GridRow>of("grid", "Hyper-parameter grid (MLP)")
        .caption("Cross-validated validation accuracy and loss of every combination (mean over " + gridSeeds
            + " seeds of the fold means). The best mean accuracy is marked; overlapping intervals mean the data cannot tell the combinations apart.")
        .column("values", "Combination", GridRow::values).column("accuracy", "Validation accuracy (%)", PCT, GridRow::accuracy)
        .column("loss", "Validation loss", LOSS, GridRow::loss).column("seeds", "Seeds", GridRow::seeds).column("best", "Best", GridRow::best);
    double best = Double.NEGATIVE_INFINITY;
    for (StudyResult.GridPoint p : r.grid()) best = Math.max(best, meanFinite(p.validationAccuracy()));
    for (StudyResult.GridPoint p : r.grid()) {
      StringBuilder sb = new StringBuilder();
      p.values().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(" = ").append(v));
      Statistics.Summary a = Statistics.summarize(p.validationAccuracy());
      t.add(new GridRow(sb.toString(), est(a), est(p.validationLoss()), a.n(), a.mean() == best ? "best" : ""));
    }
    t.note(CI_NOTE);
    return t.build();
  }
}
