package org.distinct.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The built-in demo data: a deterministic, seeded generator of data shaped like the music–EEG dataset as
 * distributed (see the project's data-format description), in both layouts, as xlsx and CSV, with the same
 * quirks. The same seed and sizes always give the same values (and byte-identical CSV files).
 *
 * <h2>Features table ({@value #FEATURES_NAME}.xlsx / .csv)</h2>
 * Row 1 is empty, the header is on row 2. Columns: {@code subject no.} (participants 1…P in contiguous
 * blocks), 25 statistical features of the F7 channel ({@link #FEATURE_NAMES}), {@code label} (1 = classical,
 * 2 = instrumental, 3 = pop). Each participant has rows of exactly two genres, half of its rows each; the
 * three genre pairs are dealt to the participants in turn (shuffled), so with P divisible by 3 every genre
 * has the same number of rows (192 each at full size).
 *
 * <p>Each row's features are computed from a simulated band-power segment {@code x[t] = s·exp(z[t])} of
 * {@code segmentLength} samples, where z is a stationary Gaussian AR(1) process with coefficient φ and
 * standard deviation σ. The participant sets s (log-uniform over 4 orders of magnitude, stratified so that
 * neighbouring participants are close), φ and σ; the genre shifts φ, σ and log s by small amounts (a shared
 * part plus a participant-specific part, both scaled by {@code genreEffect}); every row adds its own noise.
 * So scale features mostly identify the participant, and the weak genre signal lives in the shape features.
 *
 * <p>Quirks, as in the real workbook: {@code var_F7} occurs twice (the second is the variance of the first
 * differences); {@code p50_F7} is an exact copy of {@code median_F7} and {@code hjorth_activity_F7} of the
 * first {@code var_F7}; {@code sum_F7} spans about 0.3 to 7000; {@code krt_F7} (kurtosis, below 40 by
 * construction) holds the sentinel 65535 in {@code sentinelRows} rows; {@code min_F7} is exactly 0 in
 * {@code zeroRows} rows (one sample of those segments drops out to 0), otherwise positive.
 */
public final class DemoData {
  /** Base name of the features files. */
  public static final String FEATURES_NAME = "music-eeg-features";
  /** The sentinel value written into {@code krt_F7}. */
  public static final double SENTINEL = 65535;
  /** Genre names in label order 1, 2, 3. */
  public static final List<String> GENRES = List.of("classical", "instrumental", "pop");
  /** The 25 feature column names in file order (with {@code var_F7} twice). */
  public static final List<String> FEATURE_NAMES =
      List.of(
          "mean_F7", "max_F7", "min_F7", "std_F7", "iqr_F7", "var_F7", "sum_F7", "skw_F7", "krt_F7", "median_F7",
          "mean_first_diff_F7", "mean_second_diff_F7", "norm_first_diff_F7", "norm_second_diff_F7", "var_F7",
          "rms_F7", "range_F7", "autocorr_F7", "p50_F7", "mean_cross_F7", "hjorth_activity_F7",
          "hjorth_mobility_F7", "line_length_F7", "hjorth_F7", "hurst_F7");

  private DemoData() {}

  /**
   * Sizes and strength of the generated features table.
   *
   * @param participants number of participants P (at least 3; a multiple of 3 balances the genres)
   * @param rowsPerParticipant rows per participant (even, at least 2); half per genre
   * @param segmentLength samples of the simulated segment behind each row (at least 32)
   * @param sentinelRows rows whose {@code krt_F7} is the sentinel 65535 (at most a tenth of all rows)
   * @param zeroRows rows whose {@code min_F7} is exactly 0
   * @param genreEffect strength of the genre signal (0 = none; 1 = the default demo)
   */
  public record FeatureSpec(
      int participants, int rowsPerParticipant, int segmentLength, int sentinelRows, int zeroRows, double genreEffect) {

    /** Validates the sizes. */
    public FeatureSpec {
      if (participants < 3) throw new IllegalArgumentException("participants must be at least 3");
      if (rowsPerParticipant < 2 || rowsPerParticipant % 2 != 0)
        throw new IllegalArgumentException("rowsPerParticipant must be even and at least 2");
      if (segmentLength < 32) throw new IllegalArgumentException("segmentLength must be at least 32");
      int rows = participants * rowsPerParticipant;
      if (sentinelRows < 0 || sentinelRows * 10 > rows)
        throw new IllegalArgumentException("sentinelRows must be in [0, rows/10]");
      if (zeroRows < 0 || zeroRows + sentinelRows > rows / 2)
        throw new IllegalArgumentException("zeroRows + sentinelRows must be at most half the rows");
      if (!(genreEffect >= 0) || Double.isInfinite(genreEffect)) throw new IllegalArgumentException("genreEffect must be >= 0");
    }

    /** @return the full-size demo: 24 participants × 24 rows (576), segments of 256, 4 sentinels, 8 zeros */
    public static FeatureSpec defaults() {
      return new FeatureSpec(24, 24, 256, 4, 8, 1.0);
    }

    /** @return total number of rows */
    public int rows() {
      return participants * rowsPerParticipant;
    }
  }

  // ================================================================== features

  /**
   * Generates the features table in memory, exactly as the files hold it (row 1 empty, header on row 2).
   *
   * @param spec sizes
   * @param seed the seed
   * @return the table (source {@code demo:music-eeg-features})
   */
  public static Table featureTable(FeatureSpec spec, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom design = root.split();
    SplittableRandom traits = root.split();
    SplittableRandom rowsRng = root.split();
    int p = spec.participants();
    int rpp = spec.rowsPerParticipant();
    int n = spec.rows();
    // Genre pairs dealt in turn over a shuffled participant order.
    int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
    int[] order = permutation(p, design);
    int[][] genresOf = new int[p][];
    for (int i = 0; i < p; i++) genresOf[order[i]] = pairs[i % 3];
    // Rows with quirks.
    int[] pick = permutation(n, design);
    boolean[] sentinel = new boolean[n];
    boolean[] zero = new boolean[n];
    for (int i = 0; i < spec.sentinelRows(); i++) sentinel[pick[i]] = true;
    for (int i = 0; i < spec.zeroRows(); i++) zero[pick[spec.sentinelRows() + i]] = true;
    // Participant traits: stratified log-uniform scale over [0.001, 25].
    int[] scaleRank = permutation(p, traits);
    double lo = StrictMath.log(0.0015), hi = StrictMath.log(22);
    double[] logScale = new double[p];
    double[] phi = new double[p];
    double[] sigma = new double[p];
    double[][] phiShift = new double[p][3];
    double[][] sigShift = new double[p][3];
    double[][] scaleShift = new double[p][3];
    double e = spec.genreEffect();
    for (int i = 0; i < p; i++) {
      logScale[i] = lo + (scaleRank[i] + traits.nextDouble()) / p * (hi - lo);
      phi[i] = 0.55 + 0.3 * traits.nextDouble();
      sigma[i] = 0.35 + 0.2 * traits.nextDouble();
      for (int g = 0; g < 3; g++) {
        phiShift[i][g] = e * (GENRE_PHI[g] + 0.05 * gaussian(traits));
        sigShift[i][g] = e * (GENRE_SIGMA[g] + 0.068 * gaussian(traits));
        scaleShift[i][g] = e * (GENRE_SCALE[g] + 0.17 * gaussian(traits));
      }
    }
    List<String> header = new ArrayList<>();
    header.add("subject no.");
    header.addAll(FEATURE_NAMES);
    header.add("label");
    int m = header.size();
    String[] cells = new String[n * m];
    int[] rowNumbers = new int[n];
    double[] seg = new double[spec.segmentLength()];
    double[] f = new double[FEATURE_NAMES.size()];
    for (int r = 0; r < n; r++) {
      int part = r / rpp;
      int within = r % rpp;
      int g = genresOf[part][within < rpp / 2 ? 0 : 1];
      SplittableRandom rr = rowsRng.split();
      double rowPhi = clamp(phi[part] + phiShift[part][g] + 0.04 * gaussian(rr), 0.05, 0.97);
      double rowSigma = sigma[part] * StrictMath.exp(sigShift[part][g] + 0.06 * gaussian(rr));
      double rowScale = StrictMath.exp(logScale[part] + scaleShift[part][g] + 0.15 * gaussian(rr));
      int dropAt = zero[r] ? rr.nextInt(seg.length) : -1;
      do {
        simulateSegment(seg, rowPhi, rowSigma, rowScale, rr);
        if (dropAt >= 0) seg[dropAt] = 0.0;
        computeFeatures(seg, f);
      } while (f[KRT] >= 38.0);
      if (sentinel[r]) f[KRT] = SENTINEL;
      rowNumbers[r] = r + 3;
      cells[r * m] = Integer.toString(part + 1);
      for (int j = 0; j < f.length; j++) cells[r * m + 1 + j] = Double.toString(f[j]);
      cells[r * m + m - 1] = Integer.toString(g + 1);
    }
    return new Table("demo:" + FEATURES_NAME, header, 2, rowNumbers, cells, false);
  }

  /**
   * Generates the features as a dataset (what {@link FeatureTableLoader} gives for the files, with class
   * names {@code classical, instrumental, pop} and no column dropped).
   *
   * @param spec sizes
   * @param seed the seed
   * @return the dataset
   */
  public static Dataset features(FeatureSpec spec, long seed) {
    return FeatureTableLoader.load(featureTable(spec, seed), FeatureTableOptions.defaults().withClassNames(GENRES));
  }

  /**
   * Writes {@value #FEATURES_NAME}.xlsx and {@value #FEATURES_NAME}.csv into a folder (atomically each).
   *
   * @param dir the folder (created if missing)
   * @param spec sizes
   * @param seed the seed
   * @return the two files written, xlsx first
   * @throws UncheckedIOException if writing fails
   */
  public static List<Path> writeFeatures(Path dir, FeatureSpec spec, long seed) {
    Table t = featureTable(spec, seed);
    Path xlsx = dir.resolve(FEATURES_NAME + ".xlsx");
    Path csv = dir.resolve(FEATURES_NAME + ".csv");
    try {
      TableWriter.writeXlsx(t, xlsx, "features");
      TableWriter.writeCsv(t, csv);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return List.of(xlsx, csv);
  }

  // Genre shifts (classical, instrumental, pop) before scaling by genreEffect.
  private static final double[] GENRE_PHI = {0.10, -0.10, 0.0};
  private static final double[] GENRE_SIGMA = {-0.136, 0.0, 0.136};
  private static final double[] GENRE_SCALE = {0.0, 0.25, -0.25};
  private static final int KRT = 8;

  /**
   * Fills {@code seg} with {@code scale·exp(z)}, z a stationary AR(1) with coefficient phi and sd sigma.
   *
   * @param seg output (Modified)
   */
  static void simulateSegment(double[] seg, double phi, double sigma, double scale, SplittableRandom rng) {
    double innov = sigma * Math.sqrt(1 - phi * phi);
    double z = sigma * gaussian(rng);
    for (int t = 0; t < seg.length; t++) {
      if (t > 0) z = phi * z + innov * gaussian(rng);
      seg[t] = scale * StrictMath.exp(z);
    }
  }

  /**
   * Computes the 25 features of {@link #FEATURE_NAMES} of one segment.
   *
   * @param x the segment, length L ≥ 32 (Not modified)
   * @param f output {@code [25]} (Modified)
   */
  static void computeFeatures(double[] x, double[] f) {
    int n = x.length;
    double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sq = 0;
    for (double v : x) {
      sum += v;
      sq += v * v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    double mean = sum / n;
    double m2 = 0, m3 = 0, m4 = 0;
    for (double v : x) {
      double d = v - mean;
      double d2 = d * d;
      m2 += d2;
      m3 += d2 * d;
      m4 += d2 * d2;
    }
    double var = m2 / (n - 1);
    double std = Math.sqrt(var);
    double pm2 = m2 / n;
    double skew = (m3 / n) / StrictMath.pow(pm2, 1.5);
    double kurt = (m4 / n) / (pm2 * pm2);
    double[] s = x.clone();
    Arrays.sort(s);
    double median = quantile(s, 0.5);
    double iqr = quantile(s, 0.75) - quantile(s, 0.25);
    double d1abs = 0, d2abs = 0, d1sum = 0;
    for (int t = 1; t < n; t++) {
      double d = x[t] - x[t - 1];
      d1abs += Math.abs(d);
      d1sum += d;
    }
    for (int t = 2; t < n; t++) d2abs += Math.abs(x[t] - 2 * x[t - 1] + x[t - 2]);
    double d1mean = d1sum / (n - 1);
    double d1var = 0;
    for (int t = 1; t < n; t++) {
      double d = x[t] - x[t - 1] - d1mean;
      d1var += d * d;
    }
    d1var /= n - 2;
    double d2mean = 0;
    for (int t = 2; t < n; t++) d2mean += x[t] - 2 * x[t - 1] + x[t - 2];
    d2mean /= n - 2;
    double d2var = 0;
    for (int t = 2; t < n; t++) {
      double d = x[t] - 2 * x[t - 1] + x[t - 2] - d2mean;
      d2var += d * d;
    }
    d2var /= n - 3;
    double ac = 0;
    for (int t = 1; t < n; t++) ac += (x[t] - mean) * (x[t - 1] - mean);
    ac /= m2;
    int crossings = 0;
    for (int t = 1; t < n; t++) if ((x[t] - mean) * (x[t - 1] - mean) < 0) crossings++;
    double mobility = Math.sqrt(d1var / var);
    double mobility2 = Math.sqrt(d2var / d1var);
    f[0] = mean;
    f[1] = max;
    f[2] = min;
    f[3] = std;
    f[4] = iqr;
    f[5] = var;
    f[6] = sum;
    f[7] = skew;
    f[8] = kurt;
    f[9] = median;
    f[10] = d1abs / (n - 1);
    f[11] = d2abs / (n - 2);
    f[12] = d1abs / (n - 1) / std;
    f[13] = d2abs / (n - 2) / std;
    f[14] = d1var;
    f[15] = Math.sqrt(sq / n);
    f[16] = max - min;
    f[17] = ac;
    f[18] = median; // p50_F7: exact copy of median_F7
    f[19] = crossings / (double) (n - 1);
    f[20] = var; // hjorth_activity_F7: exact copy of var_F7
    f[21] = mobility;
    f[22] = d1abs;
    f[23] = mobility2 / mobility;
    f[24] = hurst(x);
  }

  /** Linear-interpolation quantile of sorted data (type 7). */
  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    double frac = pos - i;
    return i + 1 < sorted.length ? sorted[i] + frac * (sorted[i + 1] - sorted[i]) : sorted[i];
  }

  /** Hurst exponent by rescaled-range analysis over windows 8, 16, … ≤ n/2 (least-squares slope). */
  private static double hurst(double[] x) {
    int n = x.length;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int k = 0;
    for (int w = 8; w <= n / 2; w *= 2) {
      int blocks = n / w;
      double rs = 0;
      int used = 0;
      for (int b = 0; b < blocks; b++) {
        double mean = 0;
        for (int t = 0; t < w; t++) mean += x[b * w + t];
        mean /= w;
        double cum = 0, lo = 0, hi = 0, ss = 0;
        for (int t = 0; t < w; t++) {
          double d = x[b * w + t] - mean;
          cum += d;
          ss += d * d;
          if (cum < lo) lo = cum;
          if (cum > hi) hi = cum;
        }
        double sd = Math.sqrt(ss / w);
        if (sd > 0) {
          rs += (hi - lo) / sd;
          used++;
        }
      }
      if (used == 0) continue;
      double lx = StrictMath.log(w), ly = StrictMath.log(rs / used);
      sx += lx;
      sy += ly;
      sxx += lx * lx;
      sxy += lx * ly;
      k++;
    }
    if (k < 2) return 0.5;
    return (k * sxy - sx * sy) / (k * sxx - sx * sx);
  }

  // ================================================================== helpers

  /** Standard normal deviate by the Marsaglia polar method (fully specified, JDK-independent). */
  static double gaussian(SplittableRandom rng) {
    double u, v, s;
    do {
      u = 2 * rng.nextDouble() - 1;
      v = 2 * rng.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * StrictMath.log(s) / s);
  }

  /** Fisher–Yates permutation of 0…n-1. */
  static int[] permutation(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
