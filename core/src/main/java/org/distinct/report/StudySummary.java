package org.distinct.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.distinct.family.DataKind;
import org.distinct.study.Metric;
import org.distinct.study.Run;
import org.distinct.study.Statistics;
import org.distinct.study.StepRow;
import org.distinct.study.StudyResult;

/**
 * The plain-language summary at the top of a study report, generated from the numbers. Every claim follows the
 * statistics: a change is only called when both paired tests give p &lt; 0.05 ({@link Statistics#paired});
 * otherwise the sentence says "no significant change".
 */
public final class StudySummary {
  private StudySummary() {}

  /** Pruning steps described one by one in the summary (the rest are in Table 2). */
  static final int STEPS_NAMED = 3;

  /**
   * @param r the study result
   * @return the summary paragraphs, in reading order
   */
  public static List<String> paragraphs(StudyResult r) {
    List<String> out = new ArrayList<>();
    List<String> few = new ArrayList<>();
    add(out, Applicability.summary(Applicability.rows(r)));
    for (FamilyRuns f : FamilyRuns.of(r)) {
      if (f.runs().isEmpty()) continue;
      if (f.sweepsCriteria()) {
        add(out, baseline(f));
        add(out, pruning(f));
        add(out, criteria(f));
        add(out, leakage(f));
      } else {
        add(out, modes(r, f));
        add(out, leakage(f));
      }
      int seeds = f.runs().size();
      if (seeds < 6)
        few.add("With only " + seeds + " " + f.name() + (seeds == 1 ? " seed" : " seeds") + " the exact Wilcoxon test cannot reach p < 0.05, so "
            + "this report cannot call any change significant; run more seeds (" + f.kind() + ".seeds) for a conclusive answer.");
    }
    add(out, diverged(r));
    out.addAll(few);
    return out;
  }

  private static void add(List<String> out, String paragraph) {
    if (paragraph != null) out.add(paragraph);
  }

  /**
   * @param fraction a fraction, e.g. 0.4023
   * @return a percentage with one decimal, e.g. "40.2 %"
   */
  static String pct(double fraction) {
    return num(fraction * 100, 1) + " %";
  }

  /**
   * @param fraction a difference of fractions
   * @return signed percentage points with one decimal and a typographic minus, e.g. "+0.4" or "−1.2"
   */
  static String points(double fraction) {
    return signed(fraction * 100, 1);
  }

  static String signed(double v, int decimals) {
    String s = num(v, decimals);
    if (s.startsWith("−")) return s;
    return s.matches("0(\\.0*)?") ? s : "+" + s;
  }

  static String num(double v, int decimals) {
    if (!Double.isFinite(v)) return "NaN";
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    if (s.matches("-0(\\.0*)?")) s = s.substring(1);
    return s.replace('-', '−');
  }

  /**
   * @param p a p-value
   * @return two significant digits, or "&lt; 0.001"
   */
  static String p(double p) {
    if (!Double.isFinite(p)) return "not computable";
    if (p < 0.001) return "< 0.001";
    return "= " + Format.significant(2, "").formatNumber(p);
  }

  static String ci(double low, double high, DoubleFunction<String> f) {
    if (!Double.isFinite(low) || !Double.isFinite(high)) return "no interval: fewer than " + Statistics.MIN_SEEDS + " seeds";
    return "95 % CI " + f.apply(low) + " to " + f.apply(high);
  }

  static String verdictWords(String verdict) {
    return switch (verdict) {
      case "higher" -> "a significant increase";
      case "lower" -> "a significant decrease";
      case "no significant change" -> "no significant change";
      default -> verdict;
    };
  }

  private static String baseline(FamilyRuns f) {
    Statistics.Summary s = Statistics.summarize(f.testAccuracy());
    if (s.n() == 0) return "Every " + f.name() + " run diverged: there are no test results.";
    List<long[][]> ms = new ArrayList<>();
    for (Run m : f.runs()) if (!m.diverged()) ms.add(m.confusion());
    long[][] sum = StudyNumbers.sum(ms);
    String majority = "";
    if (sum != null) {
      long total = 0;
      long best = 0;
      for (long[] row : sum) {
        long rs = 0;
        for (long v : row) rs += v;
        total += rs;
        best = Math.max(best, rs);
      }
      if (total > 0) majority = "; always predicting the most frequent test class would score " + pct((double) best / total);
    }
    String part = f.data() == DataKind.TABLE ? "held-out participants" : "its test sequences";
    return "Over " + s.n() + (s.n() == 1 ? " seed" : " seeds") + " the final " + f.name() + " reached a test accuracy of " + pct(s.mean()) + " ("
        + ci(s.low(), s.high(), StudySummary::pct) + ") on " + part + majority + ".";
  }

  private static String pruning(FamilyRuns f) {
    List<Map<String, List<StepRow>>> pr = f.pruning();
    String key = StudyNumbers.mainCriterion(pr);
    if (key == null) return null;
    double[] base = StudyNumbers.metric(pr, key, 0, Metric.ACCURACY);
    int seeds = Statistics.summarize(base).n();
    // steps reached by fewer than half of the seeds (a schedule can stop early or take an extra step) are left to Table 2
    List<Integer> steps = new ArrayList<>();
    int skipped = 0;
    for (int st : StudyNumbers.steps(pr, key)) {
      if (st == 0) continue;
      if (Statistics.paired(StudyNumbers.metric(pr, key, st, Metric.ACCURACY), base).n() >= Math.max(2, (seeds + 1) / 2)) steps.add(st);
      else skipped++;
    }
    if (steps.isEmpty()) return null;
    List<Integer> named = new ArrayList<>(steps.subList(0, Math.min(STEPS_NAMED, steps.size())));
    int last = steps.get(steps.size() - 1);
    if (!named.contains(last)) named.add(last);
    StringBuilder sb = new StringBuilder();
    int changed = 0;
    for (int st : steps) {
      Statistics.Paired p = Statistics.paired(StudyNumbers.metric(pr, key, st, Metric.ACCURACY), base);
      if (p.verdict().equals("higher") || p.verdict().equals("lower")) changed++;
    }
    for (int st : named) {
      Statistics.Paired p = Statistics.paired(StudyNumbers.metric(pr, key, st, Metric.ACCURACY), base);
      int u = StudyNumbers.units(pr, key, st);
      if (sb.length() > 0) sb.append(' ');
      sb.append("Pruning ").append(u).append(u == 1 ? " unit" : " units").append(" by ").append(key);
      if (StudyNumbers.unitsRange(pr, key, st) != null) sb.append(" (step ").append(st).append(", most seeds)");
      sb.append(" changed test accuracy by ").append(points(p.meanDifference())).append(" points (").append(ci(p.low(), p.high(), StudySummary::points))
          .append("; Wilcoxon p ").append(p(p.wilcoxonP()));
      if (p.n() < seeds) sb.append("; ").append(p.n()).append(" of ").append(seeds).append(" seeds");
      sb.append("): ").append(verdictWords(p.verdict())).append('.');
    }
    sb.append(" Over all ").append(steps.size()).append(steps.size() == 1 ? " step, " : " steps, ").append(changed == 0 ? "none" : changed)
        .append(changed == 1 ? " step changed" : changed == 0 ? " changed" : " steps changed")
        .append(" test accuracy significantly compared with the unpruned model of the same seed (Table 2")
        .append(skipped == 0 ? "" : skipped == 1 ? "; one further step reached by fewer than half of the seeds is only listed there"
            : "; " + skipped + " further steps reached by fewer than half of the seeds are only listed there")
        .append(").");
    return sb.toString();
  }

  private static String criteria(FamilyRuns f) {
    List<Map<String, List<StepRow>>> pr = f.pruning();
    String ref = StudyNumbers.mainCriterion(pr);
    List<String> keys = StudyNumbers.keys(pr);
    if (ref == null || keys.size() < 2) return null;
    List<String> parts = new ArrayList<>();
    List<String> same = new ArrayList<>();
    for (String c : keys) {
      if (c.equals(ref)) continue;
      int higher = 0;
      int lower = 0;
      int steps = 0;
      for (int st : StudyNumbers.mainSteps(pr, c)) {
        if (st == 0) continue;
        steps++;
        Statistics.Paired p = Statistics.paired(StudyNumbers.metric(pr, c, st, Metric.ACCURACY), StudyNumbers.metric(pr, ref, st, Metric.ACCURACY));
        if (p.verdict().equals("higher")) higher++;
        if (p.verdict().equals("lower")) lower++;
      }
      if (higher == 0 && lower == 0) same.add(c);
      else {
        List<String> hl = new ArrayList<>();
        if (lower > 0) hl.add("significantly lower at " + lower + " of " + steps + " steps");
        if (higher > 0) hl.add("significantly higher at " + higher + " of " + steps + " steps");
        parts.add(c + " was " + String.join(" and ", hl));
      }
    }
    if (same.size() == 1) parts.add(same.get(0) + " showed no significant difference at any step");
    else if (same.size() > 1)
      parts.add(String.join(", ", same.subList(0, same.size() - 1)) + " and " + same.get(same.size() - 1)
          + " showed no significant difference at any step");
    return "Compared with " + ref + " at the same pruning step (same seed), in test accuracy " + String.join("; ", parts)
        + " (criteria tables).";
  }

  /**
   * @param d the paired accuracy difference, leaky split − grouped split
   * @return what it means, in words; with the rule when the interval excludes 0 but the tests do not both call a
   *     difference (the bootstrap interval and the tests are different methods and can disagree)
   */
  static String leakageMeaning(Statistics.Paired d) {
    return switch (d.verdict()) {
      case "higher" -> "the leaky split overstates the accuracy, because the model meets the test participants during training (leakage)";
      case "lower" -> "the leaky split gave significantly lower accuracy";
      default -> d.low() > 0 || d.high() < 0
          ? "no significant difference was found (the interval excludes 0, but a difference is called only when the paired t-test and "
              + "the Wilcoxon test are both below " + Statistics.ALPHA + ")"
          : "no significant difference was found";
    };
  }

  private static String leakage(FamilyRuns f) {
    FamilyRuns.Leakage lk = f.leakage();
    if (lk == null || Statistics.summarize(lk.leaky()).n() == 0 || Statistics.summarize(lk.grouped()).n() == 0) return null;
    double[] rAcc = lk.leaky();
    double[] gAcc = lk.grouped();
    Statistics.Summary rs = Statistics.summarize(rAcc);
    Statistics.Summary gs = Statistics.summarize(gAcc);
    Statistics.Paired d = Statistics.paired(rAcc, gAcc);
    String meaning = leakageMeaning(d);
    return "Leakage check (" + f.name() + "): " + lk.leakyName() + " (the same participants in training and test data) gave a test accuracy of "
        + pct(rs.mean())
        + " against " + pct(gs.mean()) + " with held-out participants, a difference of " + points(d.meanDifference()) + " points ("
        + ci(d.low(), d.high(), StudySummary::points) + "; paired t-test p " + p(d.tTestP()) + ", Wilcoxon p " + p(d.wilcoxonP()) + "): "
        + meaning + ".";
  }

  private static String modes(StudyResult r, FamilyRuns f) {
    String n = f.name();
    Statistics.Summary s = Statistics.summarize(f.testAccuracy());
    StringBuilder sb = new StringBuilder();
    if (s.n() == 0) sb.append("Every ").append(n).append(" run diverged: there are no ").append(n).append(" test results.");
    else
      sb.append("The ").append(n).append(" reached a test accuracy of ").append(pct(s.mean())).append(" (")
          .append(ci(s.low(), s.high(), StudySummary::pct)).append(", ").append(s.n()).append(s.n() == 1 ? " seed" : " seeds").append(").");
    if (StudyTables.modesPruning(r, f) == null) {
      sb.append(" ").append(n).append(" pruning was not run, so its Table 3 has no rows.");
      return sb.toString();
    }
    List<Map<String, List<StepRow>>> pr = f.pruning();
    for (String mode : StudyNumbers.keys(pr)) {
      if (mode.equals("unpruned")) continue;
      List<Integer> steps = StudyNumbers.mainSteps(pr, mode);
      int last = steps.isEmpty() ? 0 : steps.get(steps.size() - 1);
      if (last == 0) continue;
      Statistics.Paired p = Statistics.paired(StudyNumbers.metric(pr, mode, last, Metric.ACCURACY), StudyNumbers.metric(pr, mode, 0, Metric.ACCURACY));
      int u = StudyNumbers.units(pr, mode, last);
      sb.append(" Pruning ").append(u).append(u == 1 ? " unit" : " units").append(" from the ").append(n).append(" (").append(mode).append(") changed its test accuracy by ")
          .append(points(p.meanDifference())).append(" points (").append(ci(p.low(), p.high(), StudySummary::points)).append("; Wilcoxon p ")
          .append(p(p.wilcoxonP())).append("): ").append(verdictWords(p.verdict())).append('.');
    }
    if (s.n() > 0 && s.n() < 6)
      sb.append(" With ").append(s.n()).append(" ").append(n).append(s.n() == 1 ? " seed" : " seeds").append(" no ").append(n)
          .append(" change can be called significant (Table 3).");
    return sb.toString();
  }

  private static String diverged(StudyResult r) {
    List<String> parts = new ArrayList<>();
    for (FamilyRuns f : FamilyRuns.of(r)) {
      List<Long> d = f.divergedSeeds();
      if (!d.isEmpty()) parts.add(f.name() + " " + StudyTables.seedList(d));
    }
    if (parts.isEmpty()) return null;
    return "Diverged runs (loss became NaN or infinite) are left out of every mean and listed in Table 1: " + String.join("; ", parts) + ".";
  }
}
