package org.distinct.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.distinct.family.DataKind;
import org.distinct.study.Metric;
import org.distinct.study.Run;
import org.distinct.study.Statistics;
import org.distinct.study.StepRow;
import org.distinct.study.StudyResult;
import org.jfree.chart.JFreeChart;

/**
 * The figures of a study report, drawn with {@link Charts} from a {@link StudyResult}, per model section
 * ({@link FamilyRuns}). Means carry 95 % confidence intervals over seeds (error bars or shaded bands); diverged runs
 * are left out. Each method returns null when the section has no such part. Figures of the first feature-table
 * section keep the plain names ({@code fig4-metrics-per-step}, {@code angles}, …); later sections add their kind.
 */
public final class StudyFigures {
  private StudyFigures() {}

  /** Longest curve drawn point by point; longer training curves are subsampled evenly (last epoch kept). */
  public static final int MAX_CURVE_POINTS = 300;

  /**
   * A figure ready to be added to a report.
   *
   * @param name file base name
   * @param caption one or two sentences explaining it
   * @param chart the chart
   * @param width width in pixels
   * @param height height in pixels
   */
  public record Figure(String name, String caption, JFreeChart chart, int width, int height) {}

  /** @return a caption sentence when some step of these keys was reached by fewer than half of the seeds (not drawn), else "" */
  static String stepsNote(List<Map<String, List<StepRow>>> pr, List<String> keys) {
    for (String k : keys)
      if (StudyNumbers.mainSteps(pr, k).size() < StudyNumbers.steps(pr, k).size())
        return " Steps reached by fewer than half of the seeds are not drawn (they are listed in the tables).";
    return "";
  }

  /** Size of the training curves (two fit side by side on a laptop screen). */
  static final int CURVE_W = 620;
  static final int CURVE_H = 430;

  private static final Metric[] FIG4_METRICS = {Metric.ACCURACY, Metric.PRECISION, Metric.RECALL, Metric.F1};
  private static final String[] FIG4_NAMES = {"Accuracy", "Precision", "Recall", "F1"};

  /**
   * Fig. 4: accuracy, precision, recall and F1 per pruning step (main distinctiveness criterion).
   *
   * @param r the study result
   * @param f a criteria section
   * @return the figure, or null without pruning
   */
  public static Figure metricsPerStep(StudyResult r, FamilyRuns f) {
    List<Map<String, List<StepRow>>> pr = f.pruning();
    String key = StudyNumbers.mainCriterion(pr);
    if (key == null) return null;
    List<Integer> steps = StudyNumbers.mainSteps(pr, key);
    List<String> cats = new ArrayList<>();
    for (int st : steps) {
      String label = Integer.toString(StudyNumbers.units(pr, key, st));
      cats.add(cats.contains(label) ? label + " (step " + st + ")" : label);
    }
    double[][] v = new double[FIG4_METRICS.length][steps.size()];
    double[][] h = new double[FIG4_METRICS.length][steps.size()];
    for (int m = 0; m < FIG4_METRICS.length; m++)
      for (int k = 0; k < steps.size(); k++) {
        Statistics.Summary s = Statistics.summarize(StudyNumbers.metric(pr, key, steps.get(k), FIG4_METRICS[m]));
        v[m][k] = s.mean();
        h[m][k] = Double.isFinite(s.halfWidth()) ? s.halfWidth() : 0;
      }
    JFreeChart c = Charts.groupedBars(f.name() + " test metrics per pruning step (" + key + ")", "Hidden units removed",
        "Mean over seeds (macro average, 0–1)", cats, List.of(FIG4_NAMES), v, h);
    return new Figure(StudyTables.tableId(r, f, "fig4-metrics-per-step"), "Test accuracy, precision, recall and F1 (macro averages) after each pruning step by " + key
        + "; bars are means over seeds, error bars the 95 % confidence intervals (the paper's Fig. 4)." + stepsNote(pr, List.of(key)), c, Charts.WIDTH, Charts.HEIGHT);
  }

  /**
   * Fig. 5: minimum remaining angle against loss and accuracy per step.
   *
   * @param r the study result
   * @param f a criteria section
   * @return the figure, or null without pruning
   */
  public static Figure angleVsLoss(StudyResult r, FamilyRuns f) {
    List<Map<String, List<StepRow>>> pr = f.pruning();
    String key = StudyNumbers.mainCriterion(pr);
    if (key == null) return null;
    List<Integer> units = StudyNumbers.mainSteps(pr, key);
    // means only: three overlapping confidence bands on two axes are unreadable (the intervals are in Table 2)
    Charts.Series angle = noBand(meanSeries("Minimum angle (°)", pr, key, units, Metric.MIN_ANGLE, 1));
    Charts.Series loss = noBand(meanSeries("Test loss", pr, key, units, Metric.LOSS, 1));
    Charts.Series acc = noBand(meanSeries("Test accuracy (fraction)", pr, key, units, Metric.ACCURACY, 1));
    JFreeChart c = Charts.dualAxis("Minimum remaining angle vs loss and accuracy (" + key + ")", "Hidden units removed",
        "Minimum remaining angle (°)", List.of(angle), "Loss / accuracy", List.of(loss, acc));
    return new Figure(StudyTables.tableId(r, f, "fig5-angle-vs-loss"), "The smallest angle between the remaining hidden units (left axis) and the test loss and "
        + "accuracy (right axis) after each step: means over seeds (their 95 % confidence intervals are in Table 2; the paper's Fig. 5)." + stepsNote(pr, List.of(key)), c,
        Charts.WIDTH, Charts.HEIGHT);
  }

  /**
   * Fig. 6 (criteria sections) and Fig. 7 (modes sections): execution time per step, per criterion or mode.
   *
   * @param r the study result
   * @param f a section
   * @return the figure, or null without pruning
   */
  public static Figure time(StudyResult r, FamilyRuns f) {
    List<Map<String, List<StepRow>>> pr = f.pruning();
    List<String> keys;
    if (f.sweepsCriteria()) {
      String key = StudyNumbers.mainCriterion(pr);
      keys = key == null ? List.of() : List.of(key);
    } else {
      keys = new ArrayList<>(StudyNumbers.keys(pr));
      keys.remove("unpruned");
    }
    if (keys.isEmpty()) return null;
    List<Charts.Series> s = new ArrayList<>();
    for (String k : keys) s.add(timeSeries(k, pr, k));
    JFreeChart c = Charts.lines(f.name() + " time to classify the test set per pruning step", "Hidden units removed", "Time (ms)", s);
    if (f.sweepsCriteria())
      return new Figure("fig6-" + f.kind() + "-time", "Time to classify the whole test set with the pruned " + f.name() + ": median over seeds of "
          + "each seed's median timing, with the band from the fastest to the slowest seed (the paper's Fig. 6)." + stepsNote(pr, keys), c,
          Charts.WIDTH, Charts.HEIGHT);
    return new Figure("fig7-" + f.kind() + "-time", "Time to classify the whole test set with the pruned " + f.name() + ", per pruning mode: median "
        + "over seeds, band from the fastest to the slowest seed (the paper's Fig. 7)." + stepsNote(pr, keys), c, Charts.WIDTH, Charts.HEIGHT);
  }

  private static Charts.Series timeSeries(String name, List<Map<String, List<StepRow>>> pr, String key) {
    List<double[]> pts = new ArrayList<>();
    for (int st : StudyNumbers.mainSteps(pr, key)) {
      double[] t = StudyNumbers.metric(pr, key, st, Metric.TIME);
      double med = StudyNumbers.median(t);
      if (Double.isFinite(med)) pts.add(new double[] {StudyNumbers.units(pr, key, st), med, StudyNumbers.min(t), StudyNumbers.max(t)});
    }
    return band(name, pts);
  }

  /** Means per step with their 95 % intervals, at x = the step's (most common) number of units removed. */
  private static Charts.Series meanSeries(String name, List<Map<String, List<StepRow>>> pr, String key, List<Integer> steps, Metric metric,
      double scale) {
    List<double[]> pts = new ArrayList<>();
    for (int st : steps) {
      Statistics.Summary s = Statistics.summarize(StudyNumbers.metric(pr, key, st, metric));
      if (Double.isFinite(s.mean()))
        pts.add(new double[] {StudyNumbers.units(pr, key, st), s.mean() * scale, s.low() * scale, s.high() * scale});
    }
    return band(name, pts);
  }

  private static Charts.Series noBand(Charts.Series s) {
    return Charts.Series.of(s.name(), s.x(), s.y());
  }

  /** Builds a series from points {x, y, low, high}; a missing band edge collapses to y. */
  private static Charts.Series band(String name, List<double[]> pts) {
    int n = pts.size();
    double[] x = new double[n], y = new double[n], lo = new double[n], hi = new double[n];
    for (int i = 0; i < n; i++) {
      double[] p = pts.get(i);
      x[i] = p[0];
      y[i] = p[1];
      lo[i] = Double.isFinite(p[2]) ? p[2] : p[1];
      hi[i] = Double.isFinite(p[3]) ? p[3] : p[1];
    }
    return Charts.Series.withBand(name, x, y, lo, hi);
  }

  /**
   * Accuracy against units removed for every criterion, with 95 % confidence bands.
   *
   * @param r the study result
   * @param f a criteria section
   * @return the figure, or null without pruning
   */
  public static Figure criteria(StudyResult r, FamilyRuns f) {
    List<Map<String, List<StepRow>>> pr = f.pruning();
    List<String> keys = StudyNumbers.keys(pr);
    if (keys.isEmpty()) return null;
    List<Charts.Series> s = new ArrayList<>();
    for (String k : keys) s.add(meanSeries(k, pr, k, StudyNumbers.mainSteps(pr, k), Metric.ACCURACY, 100));
    JFreeChart c = Charts.lines(f.name() + " test accuracy per pruning criterion", "Hidden units removed", "Test accuracy (%)", s);
    // several overlapping bands: fainter shading keeps every line visible
    if (s.size() > 2 && c.getXYPlot().getRenderer() instanceof org.jfree.chart.renderer.xy.DeviationRenderer d) d.setAlpha(0.07f);
    return new Figure(StudyTables.tableId(r, f, "criteria-accuracy"), "Test accuracy of the " + f.name() + " pruned by each criterion against the number of hidden units removed: "
        + "means over seeds with 95 % confidence bands. Overlapping bands mean the criteria cannot be told apart at that step." + stepsNote(pr, keys), c, Charts.WIDTH,
        Charts.HEIGHT);
  }

  /**
   * Training and validation loss per epoch of a section's model.
   *
   * @param f a section
   * @return the figure, or null without runs
   */
  public static Figure curves(FamilyRuns f) {
    List<double[]> ft = new ArrayList<>(), fv = new ArrayList<>(), tr = new ArrayList<>();
    for (Run m : f.runs())
      if (!m.diverged()) {
        if (m.foldTrainCurve() != null) ft.add(m.foldTrainCurve());
        fv.add(m.foldValidationCurve());
        tr.add(m.trainCurve());
      }
    List<Charts.Series> s = new ArrayList<>();
    addCurve(s, "Cross-validation training loss (fold mean)", StudyNumbers.meanCurve(ft));
    addCurve(s, "Cross-validation validation loss (fold mean)", StudyNumbers.meanCurve(fv));
    addCurve(s, "Final model training loss", StudyNumbers.meanCurve(tr));
    if (s.isEmpty()) return null;
    JFreeChart c = curveChart(f.name() + " loss per epoch", s);
    String what = s.size() > 1 ? f.name() + " training and validation loss" : f.name() + " final-model training loss (no cross-validation was run)";
    return new Figure(f.kind() + "-curves", what + " per epoch, averaged over folds and over the seeds that did not diverge"
        + subsampleNote(f.epochs()) + ".", c, CURVE_W, CURVE_H);
  }

  /** A loss-per-epoch line chart; point markers only when there are few points. */
  private static JFreeChart curveChart(String title, List<Charts.Series> s) {
    JFreeChart c = Charts.lines(title, "Epoch", "Cross-entropy loss", s);
    int points = 0;
    for (Charts.Series x : s) points = Math.max(points, x.x().length);
    if (points > 60 && c.getXYPlot().getRenderer() instanceof org.jfree.chart.renderer.xy.XYLineAndShapeRenderer r)
      for (int i = 0; i < s.size(); i++) r.setSeriesShapesVisible(i, false);
    return c;
  }

  private static String subsampleNote(int epochs) {
    return epochs > MAX_CURVE_POINTS ? "; " + MAX_CURVE_POINTS + " evenly spaced epochs of " + epochs + " are drawn" : "";
  }

  private static void addCurve(List<Charts.Series> out, String name, double[] curve) {
    int len = curve.length;
    int stride = Math.max(1, (len + MAX_CURVE_POINTS - 1) / MAX_CURVE_POINTS);
    List<double[]> pts = new ArrayList<>();
    for (int e = 0; e < len; e += stride) if (Double.isFinite(curve[e])) pts.add(new double[] {e + 1, curve[e], curve[e], curve[e]});
    if (len > 0 && (len - 1) % stride != 0 && Double.isFinite(curve[len - 1]))
      pts.add(new double[] {len, curve[len - 1], curve[len - 1], curve[len - 1]});
    if (pts.isEmpty()) return;
    Charts.Series b = band(name, pts);
    out.add(Charts.Series.of(name, b.x(), b.y()));
  }

  /**
   * Confusion matrix of a section's final model on the test part, summed over seeds.
   *
   * @param r the study result
   * @param f a section
   * @return the figure, or null without a matrix
   */
  public static Figure confusion(StudyResult r, FamilyRuns f) {
    List<long[][]> ms = new ArrayList<>();
    for (Run m : f.runs()) if (!m.diverged()) ms.add(m.confusion());
    long[][] sum = StudyNumbers.sum(ms);
    if (sum == null) return null;
    String seeds = ms.size() + (ms.size() == 1 ? " seed" : " seeds");
    JFreeChart c = Charts.confusionMatrix(f.name() + " final model on the test part (" + (ms.size() == 1 ? seeds : seeds + " summed") + ")", sum,
        classNames(r, f.data() == DataKind.TABLE ? r.features() : r.series(), sum.length));
    String part = f.data() == DataKind.TABLE ? "the held-out test participants" : "its test sequences";
    return new Figure(f.kind() + "-confusion", "Confusion matrix of the final " + f.name() + " on " + part + ", counts summed over the "
        + seeds + " that did not diverge; rows are true classes, columns predicted classes.", c, 560, 460);
  }

  private static List<String> classNames(StudyResult r, Map<String, Object> description, int c) {
    List<String> names = new ArrayList<>();
    if (description != null && description.get("classes") instanceof List<?> l) for (Object o : l) names.add(String.valueOf(o));
    if (names.size() != c) {
      names = new ArrayList<>(r.config().data().classNames());
      if (names.size() != c) {
        names = new ArrayList<>();
        for (int i = 0; i < c; i++) names.add("class " + i);
      }
    }
    return names;
  }

  /**
   * The angle matrix of the first seed's unpruned hidden layer as a heat map.
   *
   * @param r the study result
   * @param f a section
   * @return the figure, or null without angles
   */
  public static Figure angles(StudyResult r, FamilyRuns f) {
    for (Run m : f.runs()) {
      double[][] a = m.angles();
      if (a == null || a.length < 2) continue;
      int h = a.length;
      double[] flat = new double[h * h];
      for (int i = 0; i < h; i++) for (int j = 0; j < h; j++) flat[i * h + j] = j < a[i].length ? a[i][j] : Double.NaN;
      JFreeChart c = Charts.heatMap("Angles between hidden units (seed " + m.seed() + ", unpruned)", flat, h, h, null, null, "Hidden unit",
          "Hidden unit", "angle (degrees)", 0, 180);
      return new Figure(StudyTables.tableId(r, f, "angles"), "Angle between the activation vectors of every pair of hidden units of the first seed's unpruned "
          + f.name() + " over the "
          + r.config().pruning().patterns() + " patterns: near 0° means similar units (merge), near 180° complementary units (remove both); "
          + "the thresholds are " + r.config().pruning().similar() + "° and " + r.config().pruning().complementary() + "°.", c, 760, 640);
    }
    return null;
  }
}
