package org.distinct.study;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.inference.TTest;
import org.hipparchus.stat.inference.WilcoxonSignedRankTest;

/**
 * Honest statistics over repeated runs: means with 95 % confidence intervals and paired tests of a changed model
 * against its own baseline (same seed), via Hipparchus.
 *
 * <p>Intervals: the bias-corrected and accelerated (BCa) bootstrap of the mean over seeds ({@value #RESAMPLES}
 * resamples, Efron 1987). Every resampled mean is a mean of observed values, so an interval never leaves the range
 * of what it describes (an accuracy stays in [0, 1], an angle in [0°, 180°], a difference of accuracies in
 * [−1, 1]); Student's t interval, which this replaces, can. The resamples are drawn from a fixed seed, so the same
 * values always give the same interval. With fewer than {@value #MIN_SEEDS} values a bootstrap says nothing (three
 * seeds have only ten distinct resamples): then no interval is given ({@code low}, {@code high} NaN) and the report
 * says so.
 *
 * <p>Non-finite values (diverged runs) are left out and counted, never averaged in.
 */
public final class Statistics {
  /** Confidence level of every interval. */
  public static final double LEVEL = 0.95;

  /** Significance level used for the plain-language verdicts. */
  public static final double ALPHA = 0.05;

  /** Bootstrap resamples per interval. */
  public static final int RESAMPLES = 10_000;

  /** Fewest values (seeds) an interval is given for. */
  public static final int MIN_SEEDS = 5;

  /** The interval method, in words, for reports. */
  public static final String METHOD = "BCa bootstrap over seeds (" + RESAMPLES + " resamples)";

  private static final long BOOTSTRAP_SEED = 0x5EEDB007L;
  private static final NormalDistribution NORMAL = new NormalDistribution();

  private Statistics() {}

  /**
   * A mean with its 95 % confidence interval.
   *
   * @param n number of finite values used
   * @param excluded number of non-finite values left out (diverged runs)
   * @param mean the mean (NaN if n = 0)
   * @param sd sample standard deviation (0 if n = 1, NaN if n = 0)
   * @param low lower end of the 95 % interval (NaN with fewer than {@link #MIN_SEEDS} values)
   * @param high upper end of the 95 % interval (NaN with fewer than {@link #MIN_SEEDS} values)
   */
  public record Summary(int n, int excluded, double mean, double sd, double low, double high) {
    /** @return half the width of the interval */
    public double halfWidth() {
      return (high - low) / 2;
    }
  }

  /**
   * A paired comparison {@code changed − baseline} over runs that share seeds.
   *
   * @param n number of pairs with both values finite
   * @param meanDifference mean of {@code changed − baseline}
   * @param low lower end of the 95 % interval of the mean difference (NaN with fewer than {@link #MIN_SEEDS} pairs)
   * @param high upper end
   * @param tTestP two-sided p-value of the paired t-test (1 if every difference is 0)
   * @param wilcoxonP two-sided p-value of the Wilcoxon signed-rank test (exact for n ≤ 30; 1 if every
   *     difference is 0)
   * @param verdict plain words: "higher", "lower" or "no significant change" at {@link #ALPHA} (both tests
   *     must agree for a change to be called)
   */
  public record Paired(int n, double meanDifference, double low, double high, double tTestP, double wilcoxonP, String verdict) {}

  /**
   * Summarises values.
   *
   * @param values the values, e.g. one accuracy per seed (Not modified)
   * @return mean, sd and 95 % interval over the finite values
   */
  public static Summary summarize(double[] values) {
    double[] v = finite(values);
    int n = v.length;
    int excluded = values.length - n;
    if (n == 0) return new Summary(0, excluded, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    double mean = 0;
    for (double x : v) mean += x;
    mean /= n;
    if (n == 1) return new Summary(1, excluded, mean, 0, Double.NaN, Double.NaN);
    double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    double sd = Math.sqrt(ss / (n - 1));
    if (n < MIN_SEEDS) return new Summary(n, excluded, mean, sd, Double.NaN, Double.NaN);
    double[] ci = bca(v, mean);
    return new Summary(n, excluded, mean, sd, ci[0], ci[1]);
  }

  /**
   * The BCa bootstrap interval of the mean: resampled means {@code θ*}, bias correction
   * {@code z₀ = Φ⁻¹(#{θ* < θ̂} / B)} (ties counted half), acceleration {@code a} from the jackknife means, and the
   * {@code Φ(z₀ + (z₀ + z) / (1 − a(z₀ + z)))} quantiles of {@code θ*} for {@code z = ±z₀.₉₇₅}.
   *
   * @param v the values, at least 2 (Not modified)
   * @param mean their mean
   * @return {@code {low, high}}
   */
  static double[] bca(double[] v, double mean) {
    int n = v.length;
    double[] boot = new double[RESAMPLES];
    SplittableRandom rng = new SplittableRandom(BOOTSTRAP_SEED);
    double below = 0;
    for (int b = 0; b < RESAMPLES; b++) {
      double s = 0;
      for (int i = 0; i < n; i++) s += v[rng.nextInt(n)];
      boot[b] = s / n;
      if (boot[b] < mean) below++;
      else if (boot[b] == mean) below += 0.5;
    }
    Arrays.sort(boot);
    if (boot[0] == boot[RESAMPLES - 1]) return new double[] {boot[0], boot[0]}; // every value equal
    double z0 = NORMAL.inverseCumulativeProbability(clamp(below / RESAMPLES));
    double total = 0;
    for (double x : v) total += x;
    double num = 0;
    double den = 0;
    for (double x : v) {
      double d = (total - x) / (n - 1) - mean; // jackknife mean minus the mean
      den += d * d;
      num += d * d * d;
    }
    double a = den == 0 ? 0 : -num / (6 * Math.pow(den, 1.5));
    double z = NORMAL.inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
    return new double[] {quantile(boot, adjusted(z0, -z, a)), quantile(boot, adjusted(z0, z, a))};
  }

  private static double adjusted(double z0, double z, double a) {
    double w = z0 + z;
    return NORMAL.cumulativeProbability(z0 + w / (1 - a * w));
  }

  private static double clamp(double p) {
    return Math.min(1 - 0.5 / RESAMPLES, Math.max(0.5 / RESAMPLES, p));
  }

  /** The {@code p}-quantile of sorted values (the order statistic at {@code p·B}, clamped to the ends). */
  private static double quantile(double[] sorted, double p) {
    int k = (int) Math.floor(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, k))];
  }

  /**
   * Compares paired values (same seeds): pairs where either value is not finite are left out.
   *
   * @param changed e.g. accuracy after pruning, one per seed (Not modified)
   * @param baseline e.g. accuracy before pruning, same seeds in the same order (Not modified)
   * @return the paired comparison
   */
  public static Paired paired(double[] changed, double[] baseline) {
    if (changed.length != baseline.length) throw new IllegalArgumentException("paired arrays differ in length");
    int n = 0;
    for (int i = 0; i < changed.length; i++) if (Double.isFinite(changed[i]) && Double.isFinite(baseline[i])) n++;
    double[] a = new double[n];
    double[] b = new double[n];
    double[] d = new double[n];
    int k = 0;
    for (int i = 0; i < changed.length; i++)
      if (Double.isFinite(changed[i]) && Double.isFinite(baseline[i])) {
        a[k] = changed[i];
        b[k] = baseline[i];
        d[k] = a[k] - b[k];
        k++;
      }
    Summary s = summarize(d);
    if (n < 2) return new Paired(n, s.mean(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, "too few runs to test");
    boolean allZero = true;
    boolean allEqual = true;
    for (double x : d) {
      if (x != 0) allZero = false;
      if (x != d[0]) allEqual = false;
    }
    double tp;
    double wp;
    if (allZero) {
      tp = 1;
      wp = 1;
    } else {
      tp = allEqual ? 0 : new TTest().pairedTTest(a, b);
      wp = wilcoxon(a, b, d);
    }
    String verdict;
    if (tp < ALPHA && wp < ALPHA) verdict = s.mean() > 0 ? "higher" : "lower";
    else verdict = "no significant change";
    return new Paired(n, s.mean(), s.low(), s.high(), tp, wp, verdict);
  }

  private static double wilcoxon(double[] a, double[] b, double[] d) {
    // Hipparchus drops nothing: zero differences take part in the ranking with sign 0 contribution. The exact
    // distribution is available up to 30 pairs; beyond that the normal approximation is used.
    int nonZero = 0;
    for (double x : d) if (x != 0) nonZero++;
    if (nonZero == 0) return 1;
    // The two-sided p-value is twice a tail probability, which exceeds 1 when W sits at the centre of its
    // distribution (e.g. differences +x, -x, 0); a probability is at most 1.
    return Math.min(1.0, new WilcoxonSignedRankTest().wilcoxonSignedRankTest(a, b, d.length <= 30));
  }

  /**
   * @param df degrees of freedom (≥ 1)
   * @return the two-sided 95 % quantile of Student's t
   */
  public static double tQuantile(int df) {
    return new TDistribution(df).inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
  }

  private static double[] finite(double[] values) {
    return Arrays.stream(values).filter(Double::isFinite).toArray();
  }
}
