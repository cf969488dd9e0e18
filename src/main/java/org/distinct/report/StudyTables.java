package org.distinct.report;

import static org.distinct.report.StudyNumbers.max;
import static org.distinct.report.StudyNumbers.meanFinite;
import static org.distinct.report.StudyNumbers.median;
import static org.distinct.report.StudyNumbers.min;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.distinct.study.MlpRun;
import org.distinct.study.RnnRun;
import org.distinct.study.Statistics;
import org.distinct.study.StepRow;
import org.distinct.study.StudyConfig;
import org.distinct.study.StudyResult;

/**
 * The tables of a study report, made from a {@link StudyResult}: every mean comes with its 95 % confidence
 * interval over seeds ({@link Statistics#summarize}), every pruning step with a paired comparison against the
 * unpruned model of the same seed ({@link Statistics#paired}). Diverged runs are left out of the means and
 * listed by seed. Each method returns null when the study has no such part.
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

  private static final String CI_NOTE =
      "Values are mean ± half-width of the 95 % confidence interval (Student's t) over seeds; a value without ± comes from a single seed.";

  /**
   * @param s a summary
   * @return an estimate cell of it
   */
  static Cell est(Statistics.Summary s) {
    return Cell.estimate(s.mean(), s.low(), s.high());
  }

  /**
   * @param p a paired comparison
   * @param f format of the difference
   * @return an estimate cell of the mean difference
   */
  static Cell diff(Statistics.Paired p, Format f) {
    return new Cell(new Cell.Estimate(p.meanDifference(), p.low(), p.high()), f);
  }

  /** @return the MLP seeds in run order */
  static List<Long> mlpSeeds(StudyResult r) {
    return r.mlp().stream().map(MlpRun::seed).toList();
  }

  /** @return the RNN seeds in run order */
  static List<Long> rnnSeeds(StudyResult r) {
    return r.rnn().stream().map(RnnRun::seed).toList();
  }

  static String seedList(List<Long> seeds) {
    return seeds.isEmpty() ? "none" : (seeds.size() == 1 ? "seed " : "seeds ") + String.join(", ", seeds.stream().map(String::valueOf).toList());
  }

  // ------------------------------------------------------------------------------------------------ overview

  /**
   * What was run: data, models, training settings, splits, seeds.
   *
   * @param r the study result
   * @return the settings table
   */
  public static Table settings(StudyResult r) {
    StudyConfig c = r.config();
    Table.Builder b = Table.builder("settings", "What was run")
        .caption("The data, models, splits and settings of this study, as read from the study file (full file under Provenance).")
        .column("item", "Item").column("value", "Value");
    if (r.features() != null) {
      Map<String, Object> f = r.features();
      b.row("Feature table", f.get("source") + ": " + f.get("rows") + " rows × " + f.get("features") + " features, "
          + f.get("participants") + " participants, classes " + f.get("classes"));
    }
    if (r.series() != null) {
      Map<String, Object> s = r.series();
      b.row("Raw series", s.get("source") + ": " + s.get("sequences") + " sequences of " + s.get("songs") + " songs from "
          + s.get("participants") + " participants, " + s.get("minLength") + "–" + s.get("maxLength") + " samples long, classes "
          + s.get("classes"));
    }
    if (c.mlp() != null) {
      StudyConfig.MlpSection m = c.mlp();
      b.row("MLP", "inputs → " + m.hidden() + " " + m.activation() + " hidden → softmax; " + m.optimizer() + ", learning rate "
          + m.learningRate() + ", batch " + m.batchSize() + ", " + m.epochs() + " epochs");
      b.row("MLP seeds", m.seeds() + " (" + seedList(mlpSeeds(r)) + ")");
      b.row("MLP cross-validation", m.folds() == 0 ? "none" : m.folds() + "-fold, participant-grouped (GroupKFold) on the training participants");
      String rows = r.mlp().isEmpty() ? "" : "; " + r.mlp().get(0).trainRows() + " training and " + r.mlp().get(0).testRows() + " test rows (first seed)";
      b.row("MLP test split", "participant-grouped hold-out: " + fmtPct(m.testFraction()) + " of the participants held out for the final test" + rows);
      StudyConfig.PruningSection p = c.pruning();
      b.row("MLP pruning", p.step() + " units per step down to " + p.untilUnits() + " units; thresholds " + p.similar() + "° (similar) and "
          + p.complementary() + "° (complementary); angles over the " + p.patterns() + " patterns; mean correction "
          + (p.meanCorrection() ? "on" : "off (the paper's plain merge)") + "; " + (p.force() ? "continues past the thresholds with the closest pair (rows marked)" : "stops at the thresholds"));
      b.row("Pruning criteria", String.join(", ", p.criteria()));
    }
    b.row("Leakage check", c.leakage() ? "on: the same MLP also trained and tested on a random row split" : "off");
    if (c.rnn() != null) {
      StudyConfig.RnnSection n = c.rnn();
      b.row("RNN", "Elman, 1 input → " + n.hidden() + " tanh hidden → softmax on the last step; Adam, learning rate " + n.learningRate()
          + ", batch " + n.batchSize() + ", " + n.epochs() + " epochs, gradient-norm clipping " + (n.clipNorm() == 0 ? "off" : "at " + n.clipNorm()));
      b.row("RNN preprocessing", "median filter window " + n.window() + ", " + n.scaling() + " min–max scaling, "
          + (n.downsample() == 1 ? "no downsampling" : "block means of " + n.downsample() + " samples"));
      b.row("RNN seeds", n.seeds() + " (" + seedList(rnnSeeds(r)) + ")");
      b.row("RNN cross-validation", n.folds() == 0 ? "none" : n.folds() + "-fold");
      String split = r.rnn().isEmpty() ? n.split() : r.rnn().get(0).split();
      String seqs = r.rnn().isEmpty() ? "" : "; " + r.rnn().get(0).trainSequences() + " training and " + r.rnn().get(0).testSequences() + " test sequences";
      b.row("RNN test split", split + seqs);
    }
    return b.build();
  }

  private static String fmtPct(double f) {
    return String.format(Locale.ROOT, "%.0f %%", f * 100);
  }

  /**
   * @param r the study result
   * @return measured wall-clock time per phase
   */
  public static Table phases(StudyResult r) {
    Table.Builder b = Table.builder("phases", "Measured run time per phase")
        .caption("Wall-clock time of each phase of this study on this machine (" + r.provenance().threads() + " threads).")
        .column("phase", "Phase").column("seconds", "Time (s)", SEC);
    double total = 0;
    for (Map.Entry<String, Double> e : r.seconds().entrySet()) {
      b.row(phaseName(e.getKey()), e.getValue());
      if (Double.isFinite(e.getValue())) total += e.getValue();
    }
    b.row("total", total);
    return b.build();
  }

  private static String phaseName(String k) {
    return switch (k) {
      case "mlp" -> "MLP (all seeds: cross-validation, final model, leakage check, pruning sweeps)";
      case "rnn" -> "RNN (all seeds: cross-validation, final model, pruning)";
      case "grid" -> "MLP hyper-parameter grid";
      default -> k;
    };
  }

  /**
   * @return the paper's own numbers (its data, single runs), for comparison
   */
  public static Table paper() {
    return Table.builder("paper", "The paper's numbers (for comparison)")
        .caption("Reported in the paper for its own data: single runs without error bars. Not produced by this study.")
        .column("model", "Model").column("phase", "Phase").column("loss", "Loss", LOSS).column("accuracy", "Accuracy (%)", Format.decimals(2))
        .column("time", "Test time (ms)", MS)
        .row("MLP", "10-fold training", 0.861, 51.99, null)
        .row("MLP", "10-fold validation", 1.136, 41.25, null)
        .row("MLP", "final model training", 0.935, 60.46, null)
        .row("MLP", "final model test", 1.143, 40.00, Cell.of(1.034, Format.decimals(3)))
        .row("RNN", "5-fold training", 1.041, 53.47, null)
        .row("RNN", "5-fold validation", 1.006, 49.20, null)
        .row("RNN", "final model training", 0.969, 51.58, null)
        .row("RNN", "final model test", 0.870, 50.00, Cell.of(108.01, Format.decimals(2)))
        .note("MLP pruning in the paper (Table 2): 0 pruned 40.00 %, F1 0.304; 2 pruned 44.17 %, F1 0.330; 4 pruned 40.83 %, F1 0.333; 6 pruned 39.17 %, F1 0.338.")
        .note("RNN pruning in the paper (Table 3): 0 pruned 50.00 %, precision 0.522; 2 pruned 52.08 %, 0.217; 4 pruned 50.00 % or 33.33 % depending on the pair; 6 pruned 33.33 %.")
        .build();
  }

  // ------------------------------------------------------------------------------------------------ Table 1

  /** The paper's Table 1 (its data, single runs): {loss, accuracy %} of CV training, CV validation, final training, final test. */
  private static final double[][] PAPER_MLP = {{0.861, 51.99}, {1.136, 41.25}, {0.935, 60.46}, {1.143, 40.00}};
  private static final double[][] PAPER_RNN = {{1.041, 53.47}, {1.006, 49.20}, {0.969, 51.58}, {0.870, 50.00}};

  private static Double paper(String model, int phase, int what) {
    return (model.equals("MLP") ? PAPER_MLP : PAPER_RNN)[phase][what];
  }

  /**
   * Table 1: baseline MLP and RNN.
   *
   * @param r the study result
   * @return the table
   */
  public static Table baseline(StudyResult r) {
    Table.Builder b = Table.builder("table1-baseline", "Table 1: baseline MLP and RNN")
        .caption("Cross-validation (fold means per seed), the final model on its training part and on the held-out test part. "
            + "Test time is the time to classify the whole test set: median over seeds of each seed's median timing, and the fastest and slowest single timing. "
            + "The 'Paper' columns repeat the paper's single runs on its own data (10-fold MLP, 5-fold RNN), for orientation only. "
            + "Diverged runs are listed by seed and left out of the means.")
        .column("model", "Model").column("phase", "Phase").column("loss", "Loss (cross-entropy)", LOSS)
        .column("accuracy", "Accuracy (%)", PCT)
        .column("paper_loss", "Paper: loss", LOSS).column("paper_accuracy", "Paper: acc. (%)", Format.decimals(2))
        .column("time_median", "Time median (ms)", MS).column("time_min", "min (ms)", MS).column("time_max", "max (ms)", MS)
        .column("seeds", "Seeds").column("diverged", "Diverged");
    List<String> notes = new ArrayList<>();
    if (!r.mlp().isEmpty()) {
      List<MlpRun> runs = r.mlp();
      List<Long> seeds = mlpSeeds(r);
      int folds = r.config().mlp().folds();
      String k = folds + "-fold";
      int[] fd = new int[runs.size()];
      for (int i = 0; i < fd.length; i++) fd[i] = runs.get(i).foldsDiverged();
      addFoldRows(b, "MLP", k, folds == 0,
          StudyNumbers.mlp(runs, m -> meanFinite(m.foldTrainLoss())), StudyNumbers.mlp(runs, m -> meanFinite(m.foldTrainAccuracy())),
          StudyNumbers.mlp(runs, m -> meanFinite(m.foldValidationLoss())), StudyNumbers.mlp(runs, m -> meanFinite(m.foldValidationAccuracy())),
          fd, seeds);
      List<Long> div = new ArrayList<>();
      for (MlpRun m : runs) if (m.diverged()) div.add(m.seed());
      addFinalRows(b, "MLP", StudyNumbers.mlp(runs, MlpRun::finalTrainLoss), StudyNumbers.mlp(runs, MlpRun::finalTrainAccuracy),
          runs.stream().map(MlpRun::baseline).toList(), div);
      if (!div.isEmpty()) notes.add("MLP final-model training diverged for " + seedList(div) + ": left out of every mean, test and pruning result.");
    }
    if (!r.rnn().isEmpty()) {
      List<RnnRun> runs = r.rnn();
      List<Long> seeds = rnnSeeds(r);
      int folds = r.config().rnn().folds();
      String k = folds + "-fold";
      int[] fd = new int[runs.size()];
      for (int i = 0; i < fd.length; i++) fd[i] = runs.get(i).foldsDiverged();
      addFoldRows(b, "RNN", k, folds == 0,
          StudyNumbers.rnn(runs, m -> meanFinite(m.foldTrainLoss())), StudyNumbers.rnn(runs, m -> meanFinite(m.foldTrainAccuracy())),
          StudyNumbers.rnn(runs, m -> meanFinite(m.foldValidationLoss())), StudyNumbers.rnn(runs, m -> meanFinite(m.foldValidationAccuracy())),
          fd, seeds);
      List<Long> div = new ArrayList<>();
      for (RnnRun m : runs) if (m.diverged()) div.add(m.seed());
      addFinalRows(b, "RNN", StudyNumbers.rnn(runs, m -> m.diverged() ? Double.NaN : m.finalTrainLoss()),
          StudyNumbers.rnn(runs, m -> m.diverged() ? Double.NaN : m.finalTrainAccuracy()), runs.stream().map(RnnRun::baseline).toList(), div);
      if (!div.isEmpty()) notes.add("RNN final-model training diverged for " + seedList(div) + ": left out of every mean and test result.");
    }
    b.note(CI_NOTE);
    notes.forEach(b::note);
    return b.build();
  }

  private static void addFoldRows(Table.Builder b, String model, String k, boolean none, double[] tl, double[] ta, double[] vl, double[] va,
      int[] foldsDiverged, List<Long> seeds) {
    if (none) {
      b.row(model, "cross-validation", null, null, null, null, null, null, null, 0L, "not run (folds 0)");
      return;
    }
    int total = 0;
    List<Long> which = new ArrayList<>();
    for (int i = 0; i < foldsDiverged.length; i++)
      if (foldsDiverged[i] > 0) {
        total += foldsDiverged[i];
        which.add(seeds.get(i));
      }
    String div = total == 0 ? "none" : total + (total == 1 ? " fold" : " folds") + " (" + seedList(which) + ")";
    Statistics.Summary l = Statistics.summarize(tl);
    b.row(model, k + " CV training", est(l), est(Statistics.summarize(ta)), paper(model, 0, 0), paper(model, 0, 1), null, null, null,
        (long) l.n(), div);
    Statistics.Summary v = Statistics.summarize(vl);
    b.row(model, k + " CV validation", est(v), est(Statistics.summarize(va)), paper(model, 1, 0), paper(model, 1, 1), null, null, null,
        (long) v.n(), div);
  }

  private static void addFinalRows(Table.Builder b, String model, double[] trainLoss, double[] trainAcc, List<StepRow> test, List<Long> diverged) {
    String div = diverged.isEmpty() ? "none" : seedList(diverged);
    Statistics.Summary l = Statistics.summarize(trainLoss);
    b.row(model, "final training", est(l), est(Statistics.summarize(trainAcc)), paper(model, 2, 0), paper(model, 2, 1), null, null, null,
        (long) l.n(), div);
    double[] loss = new double[test.size()];
    double[] acc = new double[test.size()];
    double[] tmed = new double[test.size()];
    double[] tmin = new double[test.size()];
    double[] tmax = new double[test.size()];
    for (int i = 0; i < loss.length; i++) {
      StepRow s = test.get(i);
      loss[i] = s == null ? Double.NaN : s.loss();
      acc[i] = s == null ? Double.NaN : s.accuracy();
      tmed[i] = s == null ? Double.NaN : s.timeMedianMs();
      tmin[i] = s == null ? Double.NaN : s.timeMinMs();
      tmax[i] = s == null ? Double.NaN : s.timeMaxMs();
    }
    Statistics.Summary tl = Statistics.summarize(loss);
    b.row(model, "final test", est(tl), est(Statistics.summarize(acc)), paper(model, 3, 0), paper(model, 3, 1), median(tmed), min(tmin),
        max(tmax), (long) tl.n(), div);
  }

  // ------------------------------------------------------------------------------------------------ Table 2

  /**
   * Table 2: the MLP pruned step by step with the main distinctiveness criterion, metrics per step.
   *
   * @param r the study result
   * @return the table, or null without MLP pruning results
   */
  public static Table mlpPruning(StudyResult r) {
    List<Map<String, List<StepRow>>> pr = StudyNumbers.mlpPruning(r);
    String key = StudyNumbers.mainCriterion(pr);
    if (key == null) return null;
    Table.Builder b = Table.builder("table2-mlp-pruning", "Table 2: MLP pruning by " + key)
        .caption("Test metrics of the final MLP after each pruning step (macro averages over the classes): hidden units removed and left, the "
            + "pairs of the first seed (kept → removed unit), and the time to classify the test set (median over seeds).")
        .column("step", "Step").column("units_removed", "Removed").column("hidden_left", "Units left")
        .column("pairs", "Pairs (seed " + r.mlp().get(0).seed() + ")")
        .column("loss", "Loss", LOSS).column("accuracy", "Accuracy (%)", PCT).column("precision", "Precision", METRIC)
        .column("recall", "Recall", METRIC).column("f1", "F1", METRIC).column("specificity", "Specificity", METRIC)
        .column("time_median", "Time (ms)", MS).column("parameters", "Parameters").column("min_angle", "Min. angle (°)", DEG)
        .column("beyond", "Beyond threshold");
    for (int st : StudyNumbers.steps(pr, key)) {
      StepRow first = StudyNumbers.row(pr.get(0), key, st);
      StepRow typical = typical(pr, key, st);
      int n = 0;
      int k = 0;
      for (int i = 0; i < pr.size(); i++) {
        StepRow s = StudyNumbers.row(pr.get(i), key, st);
        if (s != null) {
          n++;
          if (s.beyondThreshold()) k++;
        }
      }
      b.row((long) st, (long) typical.unitsRemoved(), (long) typical.hiddenUnits(), first == null ? "–" : arrows(first.pairs()),
          est(Statistics.summarize(StudyNumbers.metric(pr, key, st, "loss"))),
          est(Statistics.summarize(StudyNumbers.metric(pr, key, st, "accuracy"))),
          est(Statistics.summarize(StudyNumbers.metric(pr, key, st, "precision"))),
          est(Statistics.summarize(StudyNumbers.metric(pr, key, st, "recall"))),
          est(Statistics.summarize(StudyNumbers.metric(pr, key, st, "f1"))),
          est(Statistics.summarize(StudyNumbers.metric(pr, key, st, "specificity"))),
          median(StudyNumbers.metric(pr, key, st, "time")), (long) typical.parameters(),
          est(Statistics.summarize(StudyNumbers.metric(pr, key, st, "minAngle"))), k + " of " + n);
    }
    unitsNote(b, pr, key);
    b.note(CI_NOTE);
    b.note("'Beyond threshold' counts the seeds whose step merged or removed a pair that was neither similar nor complementary by the thresholds "
        + "(forced step); such pairs are marked * in the pairs column.");
    return b.build();
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
  static void unitsNote(Table.Builder b, List<Map<String, List<StepRow>>> pr, String key) {
    List<String> varied = new ArrayList<>();
    for (int st : StudyNumbers.steps(pr, key)) {
      String range = StudyNumbers.unitsRange(pr, key, st);
      if (range != null) varied.add("step " + st + " (" + range + ")");
    }
    if (!varied.isEmpty())
      b.note("Seeds are compared step by step. At " + String.join(", ", varied) + " the seeds of " + key + " had removed different numbers "
          + "of units (a merged pair removes one unit, a complementary pair two); 'Removed' shows the most common count.");
  }

  /**
   * Table 2, continued: each pruning step against the unpruned model of the same seed (paired tests).
   *
   * @param r the study result
   * @return the table, or null without MLP pruning results
   */
  public static Table mlpPruningPaired(StudyResult r) {
    List<Map<String, List<StepRow>>> pr = StudyNumbers.mlpPruning(r);
    String key = StudyNumbers.mainCriterion(pr);
    if (key == null) return null;
    Table.Builder b = pairedColumns(Table.builder("table2-paired", "Table 2 (continued): did pruning by " + key + " change the MLP?")
        .caption("Each step compared with the unpruned model of the same seed: mean difference (pruned − unpruned) with its 95 % interval, "
            + "paired t-test and Wilcoxon signed-rank p-values. A change is only called when both tests give p < 0.05.")
        .column("step", "Step").column("units_removed", "Removed"));
    for (int st : StudyNumbers.steps(pr, key)) {
      if (st == 0) continue;
      Statistics.Paired a = Statistics.paired(StudyNumbers.metric(pr, key, st, "accuracy"), StudyNumbers.metric(pr, key, 0, "accuracy"));
      Statistics.Paired f = Statistics.paired(StudyNumbers.metric(pr, key, st, "f1"), StudyNumbers.metric(pr, key, 0, "f1"));
      b.row(pairedRow(List.of((long) st, (long) StudyNumbers.units(pr, key, st)), a, f));
    }
    pairedNotes(b, pr.size());
    return b.build();
  }

  private static Table.Builder pairedColumns(Table.Builder b) {
    return b.column("seeds", "Seeds").column("d_accuracy", "Δ accuracy (points)", POINTS).column("t_accuracy", "t-test p", P)
        .column("w_accuracy", "Wilcoxon p", P).column("v_accuracy", "Accuracy verdict").column("d_f1", "Δ F1", DMETRIC)
        .column("t_f1", "t-test p (F1)", P).column("w_f1", "Wilcoxon p (F1)", P).column("v_f1", "F1 verdict");
  }

  private static Object[] pairedRow(List<Object> lead, Statistics.Paired a, Statistics.Paired f) {
    List<Object> row = new ArrayList<>(lead);
    row.add((long) a.n());
    row.add(diff(a, POINTS));
    row.add(p(a.tTestP()));
    row.add(p(a.wilcoxonP()));
    row.add(a.verdict());
    row.add(diff(f, DMETRIC));
    row.add(p(f.tTestP()));
    row.add(p(f.wilcoxonP()));
    row.add(f.verdict());
    return row.toArray();
  }

  private static void pairedNotes(Table.Builder b, int seeds) {
    b.note("Δ is pruned − unpruned: negative means pruning lowered the metric. Verdicts use α = 0.05 and require both tests to agree.");
    if (seeds < 6)
      b.note("With fewer than 6 seeds the exact two-sided Wilcoxon test cannot reach p < 0.05, so no change can be called; run more seeds.");
  }

  // ------------------------------------------------------------------------------------------------ Table 3

  /**
   * Table 3: RNN pruning per mode and step, with the paired comparison against the unpruned RNN of the same seed.
   *
   * @param r the study result
   * @return the table, or null when RNN pruning was not run (no mode other than "unpruned")
   */
  public static Table rnnPruning(StudyResult r) {
    List<Map<String, List<StepRow>>> pr = StudyNumbers.rnnPruning(r);
    List<String> modes = new ArrayList<>(StudyNumbers.keys(pr));
    modes.remove("unpruned");
    if (modes.isEmpty()) return null;
    Table.Builder b = Table.builder("table3-rnn-pruning", "Table 3: RNN pruning per mode")
        .caption("Test metrics of the final RNN after each pruning step, per mode, and the paired comparison of each step with the "
            + "unpruned RNN of the same seed (pruned − unpruned; verdict from the paired t-test and the Wilcoxon test, both at p < 0.05).")
        .column("mode", "Mode").column("step", "Step").column("units_removed", "Removed").column("pairs", "Pairs (seed " + r.rnn().get(0).seed() + ")")
        .column("loss", "Loss", LOSS).column("accuracy", "Accuracy (%)", PCT).column("precision", "Precision", METRIC).column("f1", "F1", METRIC)
        .column("time_median", "Time (ms)", MS).column("min_angle", "Min. angle (°)", DEG)
        .column("seeds", "Seeds").column("d_accuracy", "Δ accuracy (points)", POINTS).column("t_accuracy", "t-test p", P)
        .column("w_accuracy", "Wilcoxon p", P).column("v_accuracy", "Accuracy verdict").column("d_f1", "Δ F1", DMETRIC);
    for (String m : modes)
      for (int st : StudyNumbers.steps(pr, m)) {
        StepRow first = StudyNumbers.row(pr.get(0), m, st);
        List<Object> lead = List.of(m, (long) st, (long) StudyNumbers.units(pr, m, st), first == null ? "–" : arrows(first.pairs()),
            est(Statistics.summarize(StudyNumbers.metric(pr, m, st, "loss"))),
            est(Statistics.summarize(StudyNumbers.metric(pr, m, st, "accuracy"))),
            est(Statistics.summarize(StudyNumbers.metric(pr, m, st, "precision"))),
            est(Statistics.summarize(StudyNumbers.metric(pr, m, st, "f1"))),
            median(StudyNumbers.metric(pr, m, st, "time")),
            est(Statistics.summarize(StudyNumbers.metric(pr, m, st, "minAngle"))));
        Statistics.Paired a = Statistics.paired(StudyNumbers.metric(pr, m, st, "accuracy"), StudyNumbers.metric(pr, m, 0, "accuracy"));
        List<Object> row = new ArrayList<>(lead);
        if (st == 0) {
          for (int i = 0; i < 6; i++) row.add(null);
        } else {
          Statistics.Paired f = Statistics.paired(StudyNumbers.metric(pr, m, st, "f1"), StudyNumbers.metric(pr, m, 0, "f1"));
          row.add((long) a.n());
          row.add(diff(a, POINTS));
          row.add(p(a.tTestP()));
          row.add(p(a.wilcoxonP()));
          row.add(a.verdict());
          row.add(diff(f, DMETRIC));
        }
        b.row(row.toArray());
      }
    b.note(CI_NOTE);
    pairedNotes(b, pr.size());
    for (String m : modes) unitsNote(b, pr, m);
    return b.build();
  }

  // ------------------------------------------------------------------------------------------------ criteria

  /**
   * Criteria comparison: accuracy and F1 of every criterion at each number of removed units, and the paired
   * difference against the main distinctiveness criterion of the same seed.
   *
   * @param r the study result
   * @return the table, or null without MLP pruning results
   */
  public static Table criteria(StudyResult r) {
    List<Map<String, List<StepRow>>> pr = StudyNumbers.mlpPruning(r);
    String ref = StudyNumbers.mainCriterion(pr);
    if (ref == null) return null;
    Table.Builder b = Table.builder("criteria", "Each criterion against " + ref + ", step by step")
        .caption("Test accuracy and F1 of the MLP pruned by each other criterion, and the difference to " + ref + " at the same pruning step "
            + "(same seed, same unpruned model): Δ is criterion − " + ref + ", and the verdicts say whether the criterion is higher or lower than "
            + ref + ". At step 0 all criteria share the unpruned model (Table 2).")
        .column("criterion", "Criterion").column("step", "Step").column("units_removed", "Removed").column("accuracy", "Accuracy (%)", PCT).column("f1", "F1", METRIC)
        .column("d_accuracy", "Δ accuracy (points)", POINTS).column("t", "t-test p", P).column("w", "Wilcoxon p", P)
        .column("verdict", "Accuracy verdict").column("d_f1", "Δ F1", DMETRIC).column("w_f1", "Wilcoxon p (F1)", P)
        .column("v_f1", "F1 verdict");
    for (String c : StudyNumbers.keys(pr))
      for (int st : StudyNumbers.steps(pr, c)) {
        if (st == 0) continue;
        long u = StudyNumbers.units(pr, c, st);
        double[] acc = StudyNumbers.metric(pr, c, st, "accuracy");
        double[] f1 = StudyNumbers.metric(pr, c, st, "f1");
        if (c.equals(ref)) continue; // the reference itself is in Table 2 and the overview table
        Statistics.Paired a = Statistics.paired(acc, StudyNumbers.metric(pr, ref, st, "accuracy"));
        Statistics.Paired f = Statistics.paired(f1, StudyNumbers.metric(pr, ref, st, "f1"));
        b.row(c, (long) st, u, est(Statistics.summarize(acc)), est(Statistics.summarize(f1)), diff(a, POINTS), p(a.tTestP()), p(a.wilcoxonP()),
            versus(a.verdict()), diff(f, DMETRIC), p(f.wilcoxonP()), versus(f.verdict()));
      }
    b.note(CI_NOTE);
    b.note("Δ is criterion − " + ref + ". 'higher'/'lower' only when the paired t-test and the Wilcoxon test both give p < 0.05.");
    if (pr.size() < 6) b.note("With fewer than 6 seeds the exact two-sided Wilcoxon test cannot reach p < 0.05, so no difference can be called.");
    return b.build();
  }

  /** @return pairs text with arrows, e.g. {@code (5→12) (6→9)} */
  static String arrows(String pairs) {
    return pairs.replace("->", "→");
  }

  /**
   * Criteria at a glance: test accuracy of every criterion at every step, one column per criterion.
   *
   * @param r the study result
   * @return the table, or null without MLP pruning results
   */
  public static Table criteriaAccuracy(StudyResult r) {
    List<Map<String, List<StepRow>>> pr = StudyNumbers.mlpPruning(r);
    String ref = StudyNumbers.mainCriterion(pr);
    if (ref == null) return null;
    List<String> keys = StudyNumbers.keys(pr);
    Table.Builder b = Table.builder("criteria-accuracy", "Test accuracy (%) of every criterion per pruning step")
        .caption("Mean ± 95 % interval over seeds; step 0 is the unpruned model, shared by all criteria. Whether a difference between two "
            + "criteria is real is tested in the next table.")
        .column("step", "Step").column("units_removed", "Removed");
    for (String k : keys) b.column(k.replaceAll("[^A-Za-z0-9_]", "_"), k, PCT);
    java.util.TreeSet<Integer> steps = new java.util.TreeSet<>();
    for (String k : keys) steps.addAll(StudyNumbers.mainSteps(pr, k));
    for (int st : steps) {
      List<Object> row = new ArrayList<>();
      row.add((long) st);
      int u = StudyNumbers.units(pr, ref, st);
      row.add(u < 0 ? null : (long) u);
      for (String k : keys) {
        Statistics.Summary sm = Statistics.summarize(StudyNumbers.metric(pr, k, st, "accuracy"));
        row.add(sm.n() == 0 ? null : est(sm));
      }
      b.row(row.toArray());
    }
    b.note("'Removed' is the (most common) number of units " + ref + " had removed at that step; the other criteria remove " + r.config().pruning().step()
        + " units per step.");
    return b.build();
  }

  static String versus(String verdict) {
    return switch (verdict) {
      case "higher" -> "higher";
      case "lower" -> "lower";
      case "no significant change" -> "not significant";
      default -> verdict;
    };
  }

  // ------------------------------------------------------------------------------------------------ leakage

  /**
   * Leakage check: random row split against participant-grouped split.
   *
   * @param r the study result
   * @return the table, or null when the check was off or gave no numbers
   */
  public static Table leakage(StudyResult r) {
    if (r.mlp().isEmpty()) return null;
    double[] rAcc = StudyNumbers.mlp(r.mlp(), MlpRun::randomSplitTestAccuracy);
    double[] rLoss = StudyNumbers.mlp(r.mlp(), MlpRun::randomSplitTestLoss);
    if (Statistics.summarize(rAcc).n() == 0) return null;
    double[] gAcc = StudyNumbers.mlp(r.mlp(), m -> m.baseline() == null ? Double.NaN : m.baseline().accuracy());
    double[] gLoss = StudyNumbers.mlp(r.mlp(), m -> m.baseline() == null ? Double.NaN : m.baseline().loss());
    Statistics.Paired da = Statistics.paired(rAcc, gAcc);
    Statistics.Paired dl = Statistics.paired(rLoss, gLoss);
    Table.Builder b = Table.builder("leakage", "Leakage check: random row split vs participant-grouped split")
        .caption("The same MLP settings tested on held-out participants (grouped split, as in Table 1) and on randomly held-out rows, where "
            + "the same participants appear in training and test data. The difference is paired by seed.")
        .column("split", "Split").column("accuracy", "Test accuracy (%)", PCT).column("loss", "Test loss", LOSS).column("seeds", "Seeds")
        .column("t", "t-test p (accuracy)", P).column("w", "Wilcoxon p (accuracy)", P).column("verdict", "Accuracy with random split");
    Statistics.Summary g = Statistics.summarize(gAcc);
    Statistics.Summary rs = Statistics.summarize(rAcc);
    b.row("participant-grouped (held-out participants)", est(g), est(Statistics.summarize(gLoss)), (long) g.n(), null, null, null);
    b.row("random rows", est(rs), est(Statistics.summarize(rLoss)), (long) rs.n(), null, null, null);
    b.row("difference: random − grouped", diff(da, POINTS), diff(dl, Format.decimals(3).withSign()), (long) da.n(), p(da.tTestP()), p(da.wilcoxonP()),
        da.verdict());
    b.note(CI_NOTE);
    b.note("The accuracy difference is in percentage points.");
    return b.build();
  }

  // ------------------------------------------------------------------------------------------------ grid

  /**
   * @param r the study result
   * @return the grid results, or null without a grid
   */
  public static Table grid(StudyResult r) {
    if (r.grid() == null || r.grid().isEmpty()) return null;
    Table.Builder b = Table.builder("grid", "Hyper-parameter grid (MLP)")
        .caption("Cross-validated validation accuracy and loss of every combination (mean over " + r.config().mlp().gridSeeds()
            + " seeds of the fold means). The best mean accuracy is marked; overlapping intervals mean the data cannot tell the combinations apart.")
        .column("values", "Combination").column("accuracy", "Validation accuracy (%)", PCT).column("loss", "Validation loss", LOSS)
        .column("seeds", "Seeds").column("best", "Best");
    double best = Double.NEGATIVE_INFINITY;
    for (StudyResult.GridPoint p : r.grid()) best = Math.max(best, meanFinite(p.validationAccuracy()));
    for (StudyResult.GridPoint p : r.grid()) {
      StringBuilder sb = new StringBuilder();
      p.values().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(" = ").append(v));
      Statistics.Summary a = Statistics.summarize(p.validationAccuracy());
      b.row(sb.toString(), est(a), est(Statistics.summarize(p.validationLoss())), (long) a.n(), a.mean() == best ? "best" : "");
    }
    b.note(CI_NOTE);
    return b.build();
  }

  /**
   * @param runs the runs
   * @param f a per-run value
   * @return mean summary
   */
  static Statistics.Summary summarizeMlp(List<MlpRun> runs, ToDoubleFunction<MlpRun> f) {
    return Statistics.summarize(StudyNumbers.mlp(runs, f));
  }
}
