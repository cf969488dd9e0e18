package org.distinct.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.distinct.util.AtomicFiles;

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
 * {@code zeroRows} rows (one sample of those segments drops out to 0), otherwise positive. At full size and
 * default strength a 25-30-3 sigmoid MLP reaches roughly 50–55% participant-grouped 6-fold accuracy (measured
 * with PyTorch on seeds 42 and 7: 0.55 and 0.49; chance is 0.33).
 *
 * <h2>Raw series (S1 … S12, xlsx / csv)</h2>
 * One table per song, header on row 1: {@code Time} (whole seconds from 1, each repeated 8 times) and one
 * column {@code Pxx} per participant of the song; see {@link #seriesTables} for the model. 16 participants per
 * song, 8 songs per participant, 1,600–2,200 rows per song, trailing zero padding in most columns.
 *
 * <h2>Files</h2>
 * {@link #writeAll} writes {@value #FEATURES_NAME}.xlsx/.csv, {@value #SERIES_DIR}/S1.xlsx …,
 * {@value #SERIES_CSV_DIR}/S1.csv … and {@value #MAPPING_FILE}. Every file is written atomically.
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
    int rpp = spec.rowsPerParticipant();
    int n = spec.rows();
    int[][] genresOf = dealGenrePairs(spec.participants(), design);
    QuirkRows quirks = QuirkRows.of(spec, design);
    FeatureTraits tr = FeatureTraits.of(spec, traits);
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
      tr.rowFeatures(part, g, quirks.zero()[r], rowsRng.split(), seg, f);
      if (quirks.sentinel()[r]) f[KRT] = SENTINEL;
      rowNumbers[r] = r + 3;
      cells[r * m] = Integer.toString(part + 1);
      for (int j = 0; j < f.length; j++) cells[r * m + 1 + j] = Double.toString(f[j]);
      cells[r * m + m - 1] = Integer.toString(g + 1);
    }
    return new Table("demo:" + FEATURES_NAME, header, 2, rowNumbers, cells, false);
  }

  /** @return the two genres of each participant: the three genre pairs dealt in turn over a shuffled participant order */
  private static int[][] dealGenrePairs(int p, SplittableRandom design) {
    int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
    int[] order = permutation(p, design);
    int[][] genresOf = new int[p][];
    for (int i = 0; i < p; i++) genresOf[order[i]] = pairs[i % 3];
    return genresOf;
  }

  /**
   * The rows with quirks, drawn from one permutation of the rows: the first {@code sentinelRows} get the
   * sentinel, the next {@code zeroRows} a zero.
   *
   * @param sentinel whether a row's {@code krt_F7} is the sentinel {@code [rows]}
   * @param zero whether one sample of a row's segment drops out to 0 {@code [rows]}
   */
  private record QuirkRows(boolean[] sentinel, boolean[] zero) {
    static QuirkRows of(FeatureSpec spec, SplittableRandom design) {
      int n = spec.rows();
      int[] pick = permutation(n, design);
      boolean[] sentinel = new boolean[n];
      boolean[] zero = new boolean[n];
      for (int i = 0; i < spec.sentinelRows(); i++) sentinel[pick[i]] = true;
      for (int i = 0; i < spec.zeroRows(); i++) zero[pick[spec.sentinelRows() + i]] = true;
      return new QuirkRows(sentinel, zero);
    }
  }

  /**
   * Participant traits of the features table.
   *
   * @param logScale log of the scale s, stratified log-uniform over [0.0015, 22] {@code [participants]}
   * @param phi AR(1) coefficient {@code [participants]}
   * @param sigma AR(1) standard deviation {@code [participants]}
   * @param phiShift genre shift of phi {@code [participants × 3]}
   * @param sigShift genre shift of log sigma {@code [participants × 3]}
   * @param scaleShift genre shift of log s {@code [participants × 3]}
   */
  private record FeatureTraits(
      double[] logScale, double[] phi, double[] sigma, double[][] phiShift, double[][] sigShift, double[][] scaleShift) {
    static FeatureTraits of(FeatureSpec spec, SplittableRandom traits) {
      int p = spec.participants();
      int[] scaleRank = permutation(p, traits);
      double lo = StrictMath.log(0.0015), hi = StrictMath.log(22);
      FeatureTraits t = new FeatureTraits(new double[p], new double[p], new double[p], new double[p][3], new double[p][3], new double[p][3]);
      double e = spec.genreEffect();
      for (int i = 0; i < p; i++) {
        t.logScale[i] = lo + (scaleRank[i] + traits.nextDouble()) / p * (hi - lo);
        t.phi[i] = 0.55 + 0.3 * traits.nextDouble();
        t.sigma[i] = 0.35 + 0.2 * traits.nextDouble();
        for (int g = 0; g < 3; g++) {
          t.phiShift[i][g] = e * (GENRE_PHI[g] + 0.05 * gaussian(traits));
          t.sigShift[i][g] = e * (GENRE_SIGMA[g] + 0.068 * gaussian(traits));
          t.scaleShift[i][g] = e * (GENRE_SCALE[g] + 0.17 * gaussian(traits));
        }
      }
      return t;
    }

    /**
     * The features of one row: its own noise on the participant's traits, then segments simulated until the
     * kurtosis is below 38.
     *
     * @param part the participant (0-based)
     * @param g the genre
     * @param drop whether one sample (drawn) of the segment drops out to 0
     * @param rr the row's randomness (Modified: advanced)
     * @param seg scratch segment (Modified)
     * @param f output {@code [25]} (Modified)
     */
    void rowFeatures(int part, int g, boolean drop, SplittableRandom rr, double[] seg, double[] f) {
      double rowPhi = clamp(phi[part] + phiShift[part][g] + 0.04 * gaussian(rr), 0.05, 0.97);
      double rowSigma = sigma[part] * StrictMath.exp(sigShift[part][g] + 0.06 * gaussian(rr));
      double rowScale = StrictMath.exp(logScale[part] + scaleShift[part][g] + 0.15 * gaussian(rr));
      int dropAt = drop ? rr.nextInt(seg.length) : -1;
      do {
        simulateSegment(seg, rowPhi, rowSigma, rowScale, rr);
        if (dropAt >= 0) seg[dropAt] = 0.0;
        computeFeatures(seg, f);
      } while (f[KRT] >= 38.0);
    }
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
   * The demo feature table as read, before encoding (as {@link #features}: groups from {@code subject no.}, the
   * genres as class names, no column dropped).
   *
   * @param spec sizes
   * @param seed the seed
   * @return the frame
   */
  public static FeatureFrame featureFrame(FeatureSpec spec, long seed) {
    return FeatureTableLoader.loadFrame(featureTable(spec, seed), FeatureTableOptions.defaults().withClassNames(GENRES));
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
    Moments mo = Moments.of(x);
    double var = mo.m2() / (n - 1);
    double std = Math.sqrt(var);
    double pm2 = mo.m2() / n;
    double[] s = x.clone();
    Arrays.sort(s);
    double median = quantile(s, 0.5);
    double d1abs = sumAbsFirstDifferences(x);
    double d1var = firstDifferenceVariance(x);
    double mobility = Math.sqrt(d1var / var);
    double mobility2 = Math.sqrt(secondDifferenceVariance(x) / d1var);
    f[0] = mo.mean();
    f[1] = mo.max();
    f[2] = mo.min();
    f[3] = std;
    f[4] = quantile(s, 0.75) - quantile(s, 0.25);
    f[5] = var;
    f[6] = mo.sum();
    f[7] = (mo.m3() / n) / StrictMath.pow(pm2, 1.5);
    f[8] = (mo.m4() / n) / (pm2 * pm2);
    f[9] = median;
    f[10] = d1abs / (n - 1);
    f[11] = sumAbsSecondDifferences(x) / (n - 2);
    f[12] = d1abs / (n - 1) / std;
    f[13] = f[11] / std;
    f[14] = d1var;
    f[15] = Math.sqrt(mo.sq() / n);
    f[16] = mo.max() - mo.min();
    f[17] = autocorrelation(x, mo.mean()) / mo.m2();
    f[18] = median; // p50_F7: exact copy of median_F7
    f[19] = meanCrossings(x, mo.mean()) / (double) (n - 1);
    f[20] = var; // hjorth_activity_F7: exact copy of var_F7
    f[21] = mobility;
    f[22] = d1abs;
    f[23] = mobility2 / mobility;
    f[24] = hurst(x);
  }

  /**
   * Sums of a segment, each accumulated in sample order.
   *
   * @param sum sum of the values
   * @param min smallest value
   * @param max largest value
   * @param sq sum of squares
   * @param mean {@code sum / n}
   * @param m2 sum of squared deviations from the mean
   * @param m3 sum of cubed deviations
   * @param m4 sum of fourth powers of the deviations
   */
  private record Moments(double sum, double min, double max, double sq, double mean, double m2, double m3, double m4) {
    static Moments of(double[] x) {
      double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sq = 0;
      for (double v : x) {
        sum += v;
        sq += v * v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      double mean = sum / x.length;
      double m2 = 0, m3 = 0, m4 = 0;
      for (double v : x) {
        double d = v - mean;
        double d2 = d * d;
        m2 += d2;
        m3 += d2 * d;
        m4 += d2 * d2;
      }
      return new Moments(sum, min, max, sq, mean, m2, m3, m4);
    }
  }

  /** @return the sum of {@code |x[t] − x[t−1]|} */
  private static double sumAbsFirstDifferences(double[] x) {
    double d1abs = 0;
    for (int t = 1; t < x.length; t++) d1abs += Math.abs(x[t] - x[t - 1]);
    return d1abs;
  }

  /** @return the sum of {@code |x[t] − 2x[t−1] + x[t−2]|} */
  private static double sumAbsSecondDifferences(double[] x) {
    double d2abs = 0;
    for (int t = 2; t < x.length; t++) d2abs += Math.abs(x[t] - 2 * x[t - 1] + x[t - 2]);
    return d2abs;
  }

  /** @return the variance of the first differences (divided by their number minus one) */
  private static double firstDifferenceVariance(double[] x) {
    int n = x.length;
    double d1sum = 0;
    for (int t = 1; t < n; t++) d1sum += x[t] - x[t - 1];
    double d1mean = d1sum / (n - 1);
    double d1var = 0;
    for (int t = 1; t < n; t++) {
      double d = x[t] - x[t - 1] - d1mean;
      d1var += d * d;
    }
    return d1var / (n - 2);
  }

  /** @return the variance of the second differences (divided by their number minus one) */
  private static double secondDifferenceVariance(double[] x) {
    int n = x.length;
    double d2mean = 0;
    for (int t = 2; t < n; t++) d2mean += x[t] - 2 * x[t - 1] + x[t - 2];
    d2mean /= n - 2;
    double d2var = 0;
    for (int t = 2; t < n; t++) {
      double d = x[t] - 2 * x[t - 1] + x[t - 2] - d2mean;
      d2var += d * d;
    }
    return d2var / (n - 3);
  }

  /** @return the lag-1 sum {@code Σ (x[t] − mean)(x[t−1] − mean)} */
  private static double autocorrelation(double[] x, double mean) {
    double ac = 0;
    for (int t = 1; t < x.length; t++) ac += (x[t] - mean) * (x[t - 1] - mean);
    return ac;
  }

  /** @return how often consecutive samples lie on opposite sides of the mean */
  private static int meanCrossings(double[] x, double mean) {
    int crossings = 0;
    for (int t = 1; t < x.length; t++) if ((x[t] - mean) * (x[t - 1] - mean) < 0) crossings++;
    return crossings;
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

  // ================================================================== raw series

  /** Folder (under the demo folder) of the per-song xlsx workbooks. */
  public static final String SERIES_DIR = "series";
  /** Folder (under the demo folder) of the same series as CSV files. */
  public static final String SERIES_CSV_DIR = "series-csv";
  /** The song → genre mapping file written next to the demo data. */
  public static final String MAPPING_FILE = "song-classes.csv";

  /**
   * Sizes and strength of the generated raw series.
   *
   * @param participants number of participants (P01 … )
   * @param songs number of songs S1 … (at least 3; songs are split into three contiguous genre blocks, song i
   *     (0-based) has genre {@code ⌊3i/songs⌋}: S1–S4 classical, S5–S8 instrumental, S9–S12 pop at 12 songs)
   * @param songsPerParticipant songs each participant listened to; {@code participants·songsPerParticipant}
   *     must be a multiple of {@code songs} (every song gets the same number of participants)
   * @param minLength shortest song in rows (at least 16)
   * @param maxLength longest song in rows
   * @param genreEffect strength of the genre signal (0 = none; 1 = the default demo)
   */
  public record SeriesSpec(int participants, int songs, int songsPerParticipant, int minLength, int maxLength, double genreEffect) {

    /** Validates the sizes. */
    public SeriesSpec {
      if (participants < 1 || participants > 99) throw new IllegalArgumentException("participants must be in [1, 99]");
      if (songs < 3) throw new IllegalArgumentException("songs must be at least 3");
      if (songsPerParticipant < 1 || songsPerParticipant > songs)
        throw new IllegalArgumentException("songsPerParticipant must be in [1, songs]");
      if (participants * songsPerParticipant % songs != 0)
        throw new IllegalArgumentException("participants x songsPerParticipant must be a multiple of songs");
      if (minLength < 16 || maxLength < minLength) throw new IllegalArgumentException("need 16 <= minLength <= maxLength");
      if (!(genreEffect >= 0) || Double.isInfinite(genreEffect)) throw new IllegalArgumentException("genreEffect must be >= 0");
    }

    /** @return the full-size demo: 24 participants, 12 songs, 8 songs each (16 per song), 1,600–2,200 rows */
    public static SeriesSpec defaults() {
      return new SeriesSpec(24, 12, 8, 1600, 2200, 1.0);
    }

    /** @return participants per song */
    public int participantsPerSong() {
      return participants * songsPerParticipant / songs;
    }

    /** @return the genre index (0 classical, 1 instrumental, 2 pop) of song {@code i} (0-based) */
    public int genreOfSong(int i) {
      return 3 * i / songs;
    }

    /** @return the song → genre mapping of these songs */
    public SongMapping mapping() {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < songs; i++) m.put("S" + (i + 1), GENRES.get(genreOfSong(i)));
      return new SongMapping(m, GENRES, songs == 12 ? "default" : "demo");
    }
  }

  /**
   * Generates the per-song tables in memory, exactly as the files hold them: header on row 1, {@code Time}
   * (whole seconds from 1, each repeated 8 times, the last second possibly shorter) then {@code P01}… for the
   * participants of the song, in increasing order.
   *
   * <p>Design: participants are dealt to songs in a fixed cyclic design over a shuffled song order
   * (participant p gets the {@code songsPerParticipant} consecutive song slots starting at
   * {@code p·songsPerParticipant mod songs}), so every song has the same number of participants and every
   * participant the same number of songs. A song's length is uniform in [minLength, maxLength]. Values are
   * band power {@code s·exp(z[t] + β·m[t])}, rounded to 6 significant digits (always {@code > 0}): s is the
   * participant's scale (log-uniform, stratified, 0.05 … 580, so some participants stay below 1 and some
   * reach about 2,600), z a stationary AR(1) process whose coefficient and spread depend on the participant
   * and weakly on the genre, m a slow song-specific modulation shared by the song's listeners with a
   * genre-dependent strength β. Padding: with probability 0.85 a column ends with 1–3 zeros (overwriting its
   * last values, so all columns of a song keep the same length).
   *
   * @param spec sizes
   * @param seed the seed
   * @return one table per song, S1 first (source {@code demo:S1} …)
   */
  public static List<Table> seriesTables(SeriesSpec spec, long seed) {
    SplittableRandom root = new SplittableRandom(seed ^ 0x5EC0DA7AL);
    SplittableRandom design = root.split();
    SplittableRandom traits = root.split();
    SplittableRandom songRng = root.split();
    boolean[][] listens = listeners(spec, design);
    SeriesTraits tr = SeriesTraits.of(spec, traits);
    List<Table> out = new ArrayList<>(spec.songs());
    for (int s = 0; s < spec.songs(); s++) out.add(songTable(spec, s, listens[s], tr, songRng.split()));
    return out;
  }

  /** @return whether each participant listens to each song {@code [songs × participants]}: the cyclic design over a shuffled song order */
  private static boolean[][] listeners(SeriesSpec spec, SplittableRandom design) {
    int songs = spec.songs();
    int parts = spec.participants();
    int k = spec.songsPerParticipant();
    int[] slotSong = permutation(songs, design);
    boolean[][] listens = new boolean[songs][parts];
    for (int p = 0; p < parts; p++)
      for (int j = 0; j < k; j++) listens[slotSong[(p * k + j) % songs]][p] = true;
    return listens;
  }

  /**
   * Participant traits of the raw series.
   *
   * @param scale the scale s, stratified log-uniform over [0.05, 580] {@code [participants]}
   * @param phi AR(1) coefficient {@code [participants]}
   * @param sigma AR(1) standard deviation {@code [participants]}
   * @param phiShift genre shift of phi {@code [participants × 3]}
   * @param sigShift genre shift of log sigma {@code [participants × 3]}
   */
  private record SeriesTraits(double[] scale, double[] phi, double[] sigma, double[][] phiShift, double[][] sigShift) {
    static SeriesTraits of(SeriesSpec spec, SplittableRandom traits) {
      int parts = spec.participants();
      int[] scaleRank = permutation(parts, traits);
      double lo = StrictMath.log(0.05), hi = StrictMath.log(580);
      SeriesTraits t = new SeriesTraits(new double[parts], new double[parts], new double[parts], new double[parts][3], new double[parts][3]);
      double e = spec.genreEffect();
      for (int p = 0; p < parts; p++) {
        t.scale[p] = StrictMath.exp(lo + (scaleRank[p] + traits.nextDouble()) / parts * (hi - lo));
        t.phi[p] = 0.80 + 0.15 * traits.nextDouble();
        t.sigma[p] = 0.30 + 0.2 * traits.nextDouble();
        for (int g = 0; g < 3; g++) {
          t.phiShift[p][g] = e * (SERIES_PHI[g] + 0.01 * gaussian(traits));
          t.sigShift[p][g] = e * (SERIES_SIGMA[g] + 0.05 * gaussian(traits));
        }
      }
      return t;
    }
  }

  /**
   * One song's table being filled.
   *
   * @param genre the song's genre
   * @param beta strength of the song modulation (scaled by genreEffect)
   * @param mod the song modulation {@code [length]}
   * @param cells row-major cells {@code [length × width]}
   * @param width columns: {@code Time} and one per listener
   */
  private record SongCells(int genre, double beta, double[] mod, String[] cells, int width) {}

  /**
   * Generates song {@code s}: its length and modulation, the {@code Time} column, then one column per listener.
   *
   * @param listens whether each participant listens to the song {@code [participants]} (Not modified)
   * @param sr the song's randomness (Modified: advanced)
   */
  private static Table songTable(SeriesSpec spec, int s, boolean[] listens, SeriesTraits tr, SplittableRandom sr) {
    int g = spec.genreOfSong(s);
    int len = spec.minLength() + sr.nextInt(spec.maxLength() - spec.minLength() + 1);
    double[] mod = songModulation(len, sr);
    List<Integer> who = new ArrayList<>();
    for (int p = 0; p < listens.length; p++) if (listens[p]) who.add(p);
    List<String> header = new ArrayList<>();
    header.add("Time");
    for (int p : who) header.add(String.format(Locale.ROOT, "P%02d", p + 1));
    int m = header.size();
    SongCells song = new SongCells(g, spec.genreEffect() * SERIES_BETA[g], mod, new String[len * m], m);
    int[] rows = new int[len];
    for (int t = 0; t < len; t++) {
      rows[t] = t + 2;
      song.cells()[t * m] = Integer.toString(t / 8 + 1);
    }
    for (int j = 0; j < who.size(); j++) writeListener(song, tr, who.get(j), j, sr.split());
    return new Table("demo:S" + (s + 1), header, 1, rows, song.cells(), false);
  }

  /** @return the song modulation: three slow sinusoids (periods 40–400 samples) with random phases {@code [len]} */
  private static double[] songModulation(int len, SplittableRandom sr) {
    double[] mod = new double[len];
    for (int q = 0; q < 3; q++) {
      double period = 40 + 360 * sr.nextDouble();
      double phase = 2 * Math.PI * sr.nextDouble();
      double amp = 0.5 + sr.nextDouble();
      for (int t = 0; t < len; t++) mod[t] += amp * StrictMath.sin(2 * Math.PI * t / period + phase) / 3;
    }
    return mod;
  }

  /**
   * Writes listener {@code j} (participant {@code p}) of a song into column {@code 1 + j}: the AR(1) band power
   * rounded to 6 digits, the last 1–3 values replaced by padding zeros with probability 0.85.
   *
   * @param song the song (Modified: its cells)
   * @param pr the column's randomness (Modified: advanced)
   */
  private static void writeListener(SongCells song, SeriesTraits tr, int p, int j, SplittableRandom pr) {
    int g = song.genre();
    int len = song.mod().length;
    int m = song.width();
    double ph = clamp(tr.phi()[p] + tr.phiShift()[p][g], 0.05, 0.99);
    double sg = tr.sigma()[p] * StrictMath.exp(tr.sigShift()[p][g]);
    double innov = sg * Math.sqrt(1 - ph * ph);
    double z = sg * gaussian(pr);
    int pad = pr.nextDouble() < 0.85 ? 1 + pr.nextInt(3) : 0;
    for (int t = 0; t < len; t++) {
      if (t > 0) z = ph * z + innov * gaussian(pr);
      double v = tr.scale()[p] * StrictMath.exp(z + song.beta() * song.mod()[t]);
      song.cells()[t * m + 1 + j] = t >= len - pad ? "0" : Double.toString(round6(v));
    }
  }

  // Genre effects on the raw series (classical, instrumental, pop), before scaling by genreEffect.
  private static final double[] SERIES_PHI = {0.03, 0.0, -0.03};
  private static final double[] SERIES_SIGMA = {-0.12, 0.0, 0.12};
  private static final double[] SERIES_BETA = {0.15, 0.35, 0.55};

  /**
   * Generates the raw series as a dataset: exactly what {@link SeriesLoader} gives for the written files
   * with {@code options} (padding trimmed by default).
   *
   * @param spec sizes
   * @param seed the seed
   * @param options loader options (the mapping is replaced by {@link SeriesSpec#mapping()})
   * @return the sequences
   */
  public static SequenceDataset series(SeriesSpec spec, long seed, SeriesOptions options) {
    List<Table> tables = seriesTables(spec, seed);
    List<String> songs = new ArrayList<>();
    for (int s = 0; s < spec.songs(); s++) songs.add("S" + (s + 1));
    return SeriesLoader.fromTables(tables, songs, "demo:series", options.withMapping(spec.mapping()));
  }

  /**
   * Generates the raw series with the default loader options (padding trimmed).
   *
   * @param spec sizes
   * @param seed the seed
   * @return the sequences
   */
  public static SequenceDataset series(SeriesSpec spec, long seed) {
    return series(spec, seed, SeriesOptions.defaults());
  }

  /**
   * Writes the per-song workbooks {@code S1 … Sn} (atomically each).
   *
   * @param xlsxDir folder for the {@code .xlsx} files, or null to skip them
   * @param csvDir folder for the {@code .csv} files, or null to skip them
   * @param spec sizes
   * @param seed the seed
   * @return the files written (xlsx first)
   * @throws UncheckedIOException if writing fails
   */
  public static List<Path> writeSeries(Path xlsxDir, Path csvDir, SeriesSpec spec, long seed) {
    List<Table> tables = seriesTables(spec, seed);
    List<Path> out = new ArrayList<>();
    try {
      if (xlsxDir != null)
        for (int s = 0; s < tables.size(); s++) {
          Path f = xlsxDir.resolve("S" + (s + 1) + ".xlsx");
          TableWriter.writeXlsx(tables.get(s), f, "S" + (s + 1));
          out.add(f);
        }
      if (csvDir != null)
        for (int s = 0; s < tables.size(); s++) {
          Path f = csvDir.resolve("S" + (s + 1) + ".csv");
          TableWriter.writeCsv(tables.get(s), f);
          out.add(f);
        }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out;
  }

  /**
   * Writes the full-size demo into a folder: {@value #FEATURES_NAME}.xlsx and .csv, the song workbooks in
   * {@value #SERIES_DIR}/ (xlsx) and {@value #SERIES_CSV_DIR}/ (CSV), and the mapping {@value #MAPPING_FILE}.
   *
   * @param dir the folder (created if missing)
   * @param seed the seed
   * @return every file written
   * @throws UncheckedIOException if writing fails
   */
  public static List<Path> writeAll(Path dir, long seed) {
    List<Path> out = new ArrayList<>(writeFeatures(dir, FeatureSpec.defaults(), seed));
    SeriesSpec spec = SeriesSpec.defaults();
    out.addAll(writeSeries(dir.resolve(SERIES_DIR), dir.resolve(SERIES_CSV_DIR), spec, seed));
    Path mapping = dir.resolve(MAPPING_FILE);
    StringBuilder sb = new StringBuilder("song,class\n");
    for (var e : spec.mapping().songToClass().entrySet()) sb.append(e.getKey()).append(',').append(e.getValue()).append('\n');
    try {
      AtomicFiles.write(mapping, o -> o.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    out.add(mapping);
    return out;
  }

  // ================================================================== helpers

  private static final double[] POW10 = new double[23];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10; // exact up to 1e22
  }

  /**
   * Rounds a positive value to about 6 significant digits: {@code round(v·10^k)/10^k} with
   * {@code k = 5 − ⌊log10 v⌋} (exact powers of ten, so the result prints as at most 6-7 digits).
   *
   * @param v a positive finite value
   * @return the rounded value (positive for any v ≥ 1e-17)
   */
  static double round6(double v) {
    int k = 5 - (int) Math.floor(StrictMath.log10(v));
    if (k >= 0 && k < POW10.length) return Math.round(v * POW10[k]) / POW10[k];
    if (k < 0 && -k < POW10.length) return Math.round(v / POW10[-k]) * POW10[-k];
    return v;
  }

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
