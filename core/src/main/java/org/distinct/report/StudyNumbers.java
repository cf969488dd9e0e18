package org.distinct.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.distinct.study.Metric;
import org.distinct.study.StepRow;

/**
 * Gathers the per-seed numbers of a {@code StudyResult} that the report's tables, figures and sentences are made
 * of. Per-seed arrays are in seed order and hold NaN where a seed has no value (diverged run, missing step), so
 * {@link org.distinct.study.Statistics} leaves those seeds out and counts them. Pruning results are matched by
 * step number: step k of one seed is paired with step k of its unpruned model and of the other criteria.
 */
final class StudyNumbers {
  private StudyNumbers() {}

  /**
   * @param values values (Not modified)
   * @return the mean of the finite values, NaN if there are none
   */
  static double meanFinite(double[] values) {
    double s = 0;
    int n = 0;
    for (double v : values)
      if (Double.isFinite(v)) {
        s += v;
        n++;
      }
    return n == 0 ? Double.NaN : s / n;
  }

  /**
   * @param values values (Not modified)
   * @return the median of the finite values, NaN if there are none
   */
  static double median(double[] values) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (v.length == 0) return Double.NaN;
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /**
   * @param values values (Not modified)
   * @return the smallest finite value, NaN if there are none
   */
  static double min(double[] values) {
    return Arrays.stream(values).filter(Double::isFinite).min().orElse(Double.NaN);
  }

  /**
   * @param values values (Not modified)
   * @return the largest finite value, NaN if there are none
   */
  static double max(double[] values) {
    return Arrays.stream(values).filter(Double::isFinite).max().orElse(Double.NaN);
  }

  /**
   * @param pruning pruning maps of the runs
   * @return every key (criterion or mode) in first-seen order
   */
  static List<String> keys(List<Map<String, List<StepRow>>> pruning) {
    List<String> keys = new ArrayList<>();
    for (Map<String, List<StepRow>> p : pruning) for (String k : p.keySet()) if (!keys.contains(k)) keys.add(k);
    return keys;
  }

  /**
   * The criterion Table 2 is about: "distinctiveness" if present, else the first distinctiveness variant, else
   * the first criterion.
   *
   * @param pruning pruning maps of the runs
   * @return the key, or null if no run has pruning rows
   */
  static String mainCriterion(List<Map<String, List<StepRow>>> pruning) {
    List<String> keys = keys(pruning);
    if (keys.isEmpty()) return null;
    if (keys.contains("distinctiveness")) return "distinctiveness";
    for (String k : keys) if (k.startsWith("distinctiveness")) return k;
    return keys.get(0);
  }

  /**
   * @param pruning pruning maps of the runs
   * @param key criterion or mode
   * @return the step numbers of that key over all runs, ascending (0 = unpruned)
   */
  static List<Integer> steps(List<Map<String, List<StepRow>>> pruning, String key) {
    TreeSet<Integer> u = new TreeSet<>();
    for (Map<String, List<StepRow>> p : pruning) {
      List<StepRow> rows = p.get(key);
      if (rows != null) for (StepRow s : rows) u.add(s.step());
    }
    return new ArrayList<>(u);
  }

  /**
   * The steps most seeds reached: a schedule can stop early or, when a step removes fewer units, take one more
   * step in a few seeds; such tail steps hold too few seeds for a mean and are left out of figures and sentences.
   *
   * @param pruning pruning maps of the runs
   * @param key criterion or mode
   * @return the steps reached by at least half of the runs that have this key (and by at least one), ascending
   */
  static List<Integer> mainSteps(List<Map<String, List<StepRow>>> pruning, String key) {
    int runs = 0;
    for (Map<String, List<StepRow>> p : pruning) if (p.containsKey(key)) runs++;
    List<Integer> out = new ArrayList<>();
    for (int st : steps(pruning, key)) {
      int n = 0;
      for (Map<String, List<StepRow>> p : pruning) if (row(p, key, st) != null) n++;
      if (n >= Math.max(1, (runs + 1) / 2)) out.add(st);
    }
    return out;
  }

  /**
   * Units removed at a step: a step usually removes the same number of units in every run, but not always (a
   * merge removes one unit per pair, a complementary pair two), so this is the most common count.
   *
   * @param pruning pruning maps of the runs
   * @param key criterion or mode
   * @param step step number
   * @return the most common number of units removed at that step (the smaller one on ties), or -1 if no run has it
   */
  static int units(List<Map<String, List<StepRow>>> pruning, String key, int step) {
    Map<Integer, Integer> count = new TreeMap<>();
    for (Map<String, List<StepRow>> p : pruning) {
      StepRow s = row(p, key, step);
      if (s != null) count.merge(s.unitsRemoved(), 1, Integer::sum);
    }
    int best = -1;
    int n = 0;
    for (Map.Entry<Integer, Integer> e : count.entrySet())
      if (e.getValue() > n) {
        best = e.getKey();
        n = e.getValue();
      }
    return best;
  }

  /**
   * @param pruning pruning maps of the runs
   * @param key criterion or mode
   * @param step step number
   * @return "a–b" when runs removed different numbers of units at that step, else null
   */
  static String unitsRange(List<Map<String, List<StepRow>>> pruning, String key, int step) {
    int lo = Integer.MAX_VALUE;
    int hi = Integer.MIN_VALUE;
    for (Map<String, List<StepRow>> p : pruning) {
      StepRow s = row(p, key, step);
      if (s != null) {
        lo = Math.min(lo, s.unitsRemoved());
        hi = Math.max(hi, s.unitsRemoved());
      }
    }
    return lo < hi ? lo + "–" + hi : null;
  }

  /**
   * @param runPruning one run's pruning map
   * @param key criterion or mode
   * @param step step number
   * @return that run's row, or null
   */
  static StepRow row(Map<String, List<StepRow>> runPruning, String key, int step) {
    List<StepRow> rows = runPruning.get(key);
    if (rows == null) return null;
    for (StepRow s : rows) if (s.step() == step) return s;
    return null;
  }

  /**
   * @param pruning pruning maps of the runs
   * @param key criterion or mode
   * @param step step number
   * @param metric the metric
   * @return one value per run (NaN where the run has no such step)
   */
  static double[] metric(List<Map<String, List<StepRow>>> pruning, String key, int step, Metric metric) {
    double[] v = new double[pruning.size()];
    for (int i = 0; i < v.length; i++) {
      StepRow s = row(pruning.get(i), key, step);
      v[i] = s == null ? Double.NaN : metric.of(s);
    }
    return v;
  }

  /**
   * @param pruning pruning maps of the runs
   * @param key criterion or mode
   * @param step step number
   * @return the first run's row of that step, or null
   */
  static StepRow firstRow(List<Map<String, List<StepRow>>> pruning, String key, int step) {
    for (Map<String, List<StepRow>> p : pruning) {
      StepRow s = row(p, key, step);
      if (s != null) return s;
    }
    return null;
  }

  /**
   * Sums confusion matrices.
   *
   * @param matrices {@code [c][c]} each (Not modified); null or empty entries are skipped
   * @return the sum, or null if there is none
   */
  static long[][] sum(List<long[][]> matrices) {
    long[][] s = null;
    for (long[][] m : matrices) {
      if (m == null || m.length == 0) continue;
      if (s == null) s = new long[m.length][m.length];
      if (m.length != s.length) throw new IllegalArgumentException("confusion matrices of different sizes");
      for (int i = 0; i < m.length; i++) for (int j = 0; j < m.length; j++) s[i][j] += m[i][j];
    }
    return s;
  }

  /**
   * Means of curves of possibly different lengths, element by element over the finite values.
   *
   * @param curves one curve per run (Not modified); null or empty entries are skipped
   * @return the mean curve (as long as the longest curve; NaN where no run has a finite value)
   */
  static double[] meanCurve(List<double[]> curves) {
    int len = 0;
    for (double[] c : curves) if (c != null) len = Math.max(len, c.length);
    double[] out = new double[len];
    for (int e = 0; e < len; e++) {
      double s = 0;
      int n = 0;
      for (double[] c : curves)
        if (c != null && e < c.length && Double.isFinite(c[e])) {
          s += c[e];
          n++;
        }
      out[e] = n == 0 ? Double.NaN : s / n;
    }
    return out;
  }

  /**
   * @param values seeds' values (Not modified)
   * @param seeds the seeds, same order
   * @return the seeds whose value is not finite
   */
  static List<Long> nonFiniteSeeds(double[] values, List<Long> seeds) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) if (!Double.isFinite(values[i])) out.add(seeds.get(i));
    return out;
  }
}
