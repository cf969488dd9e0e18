package org.distinct.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distinct.study.Metric;
import org.distinct.study.Statistics;
import org.distinct.study.StepRow;
import org.distinct.study.StudyResult;

/**
 * The paper's question answered across architectures: for every swept layer of every model section, how far each
 * criterion prunes before the test accuracy drops, compared on the same seeds.
 *
 * <p>Rules (all on the final models' test part, each pruning step against the unpruned model of the same seed):
 * <ul>
 *   <li><b>Largest fraction removed with no significant drop</b>: the steps are taken in order; the first step whose
 *       accuracy is significantly lower ({@link Statistics#paired}: paired t-test and Wilcoxon signed-rank test both at
 *       p &lt; 0.05, mean change negative) ends the run of safe steps, and the fraction is that of the step before it
 *       (0 when the first step already drops). When no step drops, the fraction is that of the last step swept, marked
 *       "≥" (the sweep stopped there, not the accuracy).
 *   <li><b>Change at 10 %, 25 % and 50 %</b>: the first step that removed at least that fraction of the layer's units
 *       (steps remove whole units, so the fraction reached is stated), as the paired mean change [95 % interval].
 *   <li>The steps used are those most seeds reached ({@link StudyNumbers#mainSteps}).
 * </ul>
 * Distinctiveness is {@code distinctiveness} (the paper's plain merge); every other criterion is a baseline, and the
 * best baseline of an architecture is the one with the largest safe fraction (then the higher mean accuracy over the
 * steps).
 */
final class Applicability {
  private Applicability() {}

  /** The fractions of units at which the accuracy change is reported. */
  static final double[] FRACTIONS = {0.10, 0.25, 0.50};

  /** The criterion whose applicability is asked about. */
  static final String MAIN = "distinctiveness";

  /**
   * A change at one fraction.
   *
   * @param fraction the fraction asked for
   * @param units units removed at the step used (-1 when no step removed that many)
   * @param change the paired change of accuracy there (null when not reached)
   */
  record At(double fraction, int units, Statistics.Paired change) {}

  /**
   * One criterion on one architecture.
   *
   * @param criterion the criterion
   * @param safeFraction largest fraction of units removed with no significant drop
   * @param toEnd no step dropped: the fraction is a lower bound (the sweep's end)
   * @param at the changes at {@link #FRACTIONS}
   * @param fraction per main step: fraction of units removed
   * @param accuracy per main step: the test accuracy over seeds
   */
  record Criterion(String criterion, double safeFraction, boolean toEnd, List<At> at, double[] fraction, List<Statistics.Summary> accuracy) {
    /** @return mean test accuracy over the steps (a tie-breaker between baselines) */
    double meanAccuracy() {
      double s = 0;
      for (Statistics.Summary a : accuracy) s += a.mean();
      return accuracy.isEmpty() ? Double.NaN : s / accuracy.size();
    }

    /** @return e.g. {@code 40 %} or {@code ≥ 93 %} */
    String safeText() {
      return (toEnd ? "≥ " : "") + String.format(Locale.ROOT, "%.0f %%", safeFraction * 100);
    }
  }

  /**
   * One architecture (one swept layer of one section).
   *
   * @param family the section's runs
   * @param layer the hidden layer
   * @param name e.g. {@code MLP} or {@code MLP layer 1}
   * @param units hidden units of the layer before pruning
   * @param baseline the unpruned test accuracy over seeds
   * @param criteria the criteria swept, in order
   */
  record Row(FamilyRuns family, int layer, String name, int units, Statistics.Summary baseline, List<Criterion> criteria) {
    /** @return distinctiveness, or null when it was not swept */
    Criterion main() {
      for (Criterion c : criteria) if (c.criterion().equals(MAIN)) return c;
      return null;
    }

    /** @return the baseline criterion that prunes furthest before a drop (then by mean accuracy), or null */
    Criterion bestBaseline() {
      Criterion best = null;
      for (Criterion c : criteria) {
        if (c.criterion().startsWith(MAIN)) continue;
        if (best == null || c.safeFraction() > best.safeFraction()
            || (c.safeFraction() == best.safeFraction() && c.meanAccuracy() > best.meanAccuracy()))
          best = c;
      }
      return best;
    }
  }

  /**
   * @param r the study result
   * @return a row per swept layer of every section that swept criteria, in the study's order
   */
  static List<Row> rows(StudyResult r) {
    List<Row> out = new ArrayList<>();
    for (FamilyRuns f : FamilyRuns.of(r)) {
      if (f.runs().isEmpty()) continue;
      for (int layer : f.layers()) {
        Row row = row(f, layer);
        if (row != null) out.add(row);
      }
    }
    return out;
  }

  private static Row row(FamilyRuns f, int layer) {
    List<Map<String, List<StepRow>>> pr = f.criteriaPruning(layer);
    List<String> keys = StudyNumbers.keys(pr);
    if (keys.isEmpty()) return null;
    StepRow first = StudyNumbers.firstRow(pr, keys.get(0), 0);
    if (first == null) return null;
    int units = first.hiddenUnits();
    List<Criterion> cs = new ArrayList<>();
    for (String k : keys) cs.add(criterion(pr, k, units));
    String name = f.layers().size() > 1 || layer > 0 ? f.name() + " layer " + layer : f.name();
    return new Row(f, layer, name, units, Statistics.summarize(StudyNumbers.metric(pr, keys.get(0), 0, Metric.ACCURACY)), cs);
  }

  static Criterion criterion(List<Map<String, List<StepRow>>> pr, String key, int units) {
    List<Integer> steps = StudyNumbers.mainSteps(pr, key);
    double[] base = StudyNumbers.metric(pr, key, 0, Metric.ACCURACY);
    double[] fraction = new double[steps.size()];
    List<Statistics.Summary> acc = new ArrayList<>();
    double safe = 0;
    boolean dropped = false;
    List<At> at = new ArrayList<>();
    for (double f : FRACTIONS) at.add(new At(f, -1, null));
    for (int i = 0; i < steps.size(); i++) {
      int st = steps.get(i);
      int removed = Math.max(0, StudyNumbers.units(pr, key, st));
      fraction[i] = removed / (double) units;
      double[] a = StudyNumbers.metric(pr, key, st, Metric.ACCURACY);
      acc.add(Statistics.summarize(a));
      if (st == 0) continue;
      Statistics.Paired p = Statistics.paired(a, base);
      if (!dropped && p.verdict().equals("lower")) dropped = true;
      if (!dropped) safe = fraction[i];
      for (int j = 0; j < FRACTIONS.length; j++)
        if (at.get(j).change() == null && fraction[i] >= FRACTIONS[j] - 1e-9) at.set(j, new At(FRACTIONS[j], removed, p));
    }
    return new Criterion(key, safe, !dropped, at, fraction, acc);
  }

  // ------------------------------------------------------------------------------------------------ table

  /**
   * One line of the table.
   *
   * @param architecture architecture (and layer)
   * @param units units of the layer
   * @param seeds runs
   * @param baseline unpruned test accuracy [95 % CI]
   * @param criterion the criterion
   * @param safe largest fraction removed with no significant drop
   * @param at10 change at 10 %
   * @param at25 change at 25 %
   * @param at50 change at 50 %
   * @param atUnits units removed at the steps of the three changes
   */
  private record Line(String architecture, long units, long seeds, Cell baseline, String criterion, String safe, Cell at10, Cell at25, Cell at50,
      String atUnits) {}

  /**
   * @param rows the analysis ({@link #rows})
   * @return the applicability table: a block of lines per architecture, one line per criterion, or null when no
   *     section swept criteria
   */
  static Table table(List<Row> rows) {
    if (rows.isEmpty()) return null;
    TypedTable<Line> t = TypedTable.<Line>of("applicability", "Applicability of pruning by distinctiveness")
        .caption("For every architecture (and swept hidden layer): the unpruned test accuracy, and for each criterion the largest "
            + "fraction of the layer's units removed before the test accuracy drops significantly (paired t-test and Wilcoxon test "
            + "against the unpruned model of the same seed, both p < 0.05; \"≥\": no step dropped, the sweep ended there), and the "
            + "accuracy change in points at the first step that removed at least 10 %, 25 % and 50 % of the units (the units removed "
            + "there in the last column).")
        .column("architecture", "Architecture", Line::architecture).column("units", "Units", Line::units).column("seeds", "Seeds", Line::seeds)
        .column("baseline_accuracy", "Unpruned test accuracy (%)", StudyTables.PCT, Line::baseline)
        .column("criterion", "Criterion", Line::criterion)
        .column("safe_fraction", "Removed with no significant drop", Line::safe)
        .column("d_accuracy_10", "Δ accuracy at 10 % (points)", StudyTables.POINTS, Line::at10)
        .column("d_accuracy_25", "Δ accuracy at 25 % (points)", StudyTables.POINTS, Line::at25)
        .column("d_accuracy_50", "Δ accuracy at 50 % (points)", StudyTables.POINTS, Line::at50)
        .column("units_at", "Units removed there (10 / 25 / 50 %)", Line::atUnits);
    for (Row r : rows)
      for (Criterion c : r.criteria())
        t.add(new Line(r.name(), r.units(), r.family().runs().size(), StudyTables.est(r.baseline()), c.criterion(), c.safeText(),
            change(c.at().get(0)), change(c.at().get(1)), change(c.at().get(2)), atUnits(c)));
    t.note("With fewer than 6 seeds the exact Wilcoxon test cannot reach p < 0.05, so no drop can be called and every fraction "
        + "is a lower bound.");
    return t.build();
  }

  private static Cell change(At a) {
    return a.change() == null ? Cell.text("not reached") : StudyTables.diff(a.change(), StudyTables.POINTS);
  }

  private static String atUnits(Criterion c) {
    List<String> u = new ArrayList<>();
    for (At a : c.at()) u.add(a.units() < 0 ? "–" : Integer.toString(a.units()));
    return String.join(" / ", u);
  }

  // ------------------------------------------------------------------------------------------------ figure

  /**
   * @param rows the analysis
   * @return test accuracy against the fraction of units removed, one colour per architecture, distinctiveness solid and
   *     the best baseline dashed, each with its 95 % band; null when nothing was swept
   */
  static StudyFigures.Figure figure(List<Row> rows) {
    List<Charts.Line> lines = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      Criterion main = r.main();
      Criterion best = r.bestBaseline();
      if (main != null) lines.add(new Charts.Line(series(r.name() + ": " + MAIN, main), i, false));
      if (best != null) lines.add(new Charts.Line(series(r.name() + ": " + best.criterion() + " (best baseline)", best), i, true));
    }
    if (lines.isEmpty()) return null;
    return new StudyFigures.Figure("applicability", "Test accuracy against the fraction of hidden units removed: for each architecture "
        + "pruning by distinctiveness (solid) and the baseline criterion that prunes furthest before a significant drop (dashed), "
        + "means over seeds with 95 % bands.", Charts.styledLines("Applicability of pruning by distinctiveness",
            "Fraction of hidden units removed (%)", "Test accuracy (%)", lines), Charts.WIDTH, Charts.HEIGHT);
  }

  private static Charts.Series series(String name, Criterion c) {
    int n = c.fraction().length;
    double[] x = new double[n];
    double[] y = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int i = 0; i < n; i++) {
      Statistics.Summary a = c.accuracy().get(i);
      x[i] = 100 * c.fraction()[i];
      y[i] = 100 * a.mean();
      lo[i] = Double.isNaN(a.low()) ? y[i] : 100 * a.low();
      hi[i] = Double.isNaN(a.high()) ? y[i] : 100 * a.high();
    }
    return Charts.Series.withBand(name, x, y, lo, hi);
  }

  // ------------------------------------------------------------------------------------------------ summary

  /**
   * @param rows the analysis
   * @return one paragraph saying, per architecture, whether distinctiveness prunes as well as or better than the best
   *     baseline, with the fractions; null when there is nothing to compare
   */
  static String summary(List<Row> rows) {
    List<String> asGood = new ArrayList<>();
    List<String> worse = new ArrayList<>();
    for (Row r : rows) {
      Criterion main = r.main();
      Criterion best = r.bestBaseline();
      if (main == null || best == null) continue;
      String numbers = r.name() + " (" + main.safeText() + " of " + r.units() + " units removed with no significant drop, " + best.criterion() + " "
          + best.safeText() + ")";
      if (main.safeFraction() >= best.safeFraction()) asGood.add(numbers);
      else worse.add(numbers);
    }
    if (asGood.isEmpty() && worse.isEmpty()) return null;
    StringBuilder sb = new StringBuilder("Applicability: ");
    if (!asGood.isEmpty())
      sb.append("distinctiveness prunes ").append(String.join("; ", asGood)).append(asGood.size() == 1 ? " as far as" : " each as far as")
          .append(" or further than the best baseline criterion");
    if (!asGood.isEmpty() && !worse.isEmpty()) sb.append(", but ");
    if (!worse.isEmpty())
      sb.append(asGood.isEmpty() ? "distinctiveness prunes " : "").append(String.join("; ", worse)).append(" less far than the best baseline");
    sb.append(". Fractions are how much of the pruned layer could go before the test accuracy dropped significantly "
        + "(both paired tests, same seeds); see the applicability table.");
    return sb.toString();
  }
}
