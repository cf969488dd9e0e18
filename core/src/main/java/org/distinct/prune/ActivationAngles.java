package org.distinct.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.distinct.BadInputException;
import org.distinct.data.Dataset;
import org.distinct.model.Activation;
import org.distinct.model.Mlp;
import org.distinct.tensor.GramKernels;
import org.distinct.tensor.GramKernelsProvider;

/**
 * Angles between the activation vectors of hidden units (Gedeon &amp; Harris 1991, "Network reduction
 * techniques"; distinctiveness spec).
 *
 * <p>Rule: the activation vector of unit h over N patterns is centred, {@code c_h = a_h − centre_h} (0.5
 * for sigmoid, 0 for tanh, the observed-range midpoint for ReLU/identity, see {@link Centring}), and
 * {@code θ_ij = degrees(acos(clamp(c_i·c_j / (|c_i| |c_j|), −1, 1)))}. All pairs come from one Gram matrix
 * {@code G = CᵀC} ({@code C} is the centred {@code [N × H]} matrix), accumulated in one pass over the
 * rows. Because {@code acos} loses half the significant digits near ±1, a pair whose cosine is within
 * {@code 1e-8} of ±1 is recomputed from the vectors with Kahan's formula
 * {@code θ = 2·atan2(|u/|u| − v/|v||, |u/|u| + v/|v||)}, which keeps clones at 0° and negations at 180°
 * to rounding. A unit with {@code |c_h| < ε·√N} (or {@code |c_h| = 0}) is near-constant: its angles are
 * NaN and it is never similar or complementary.
 */
public final class ActivationAngles {
  private static final double NEAR_ONE = 1e-8;

  private ActivationAngles() {}

  /**
   * Angle analysis of any activation matrix, e.g. activations exported from elsewhere.
   *
   * @param activations raw activations, row-major {@code [n × h]} (Not modified; kept in the result)
   * @param n number of patterns (rows), at least 2
   * @param h number of units (columns), at least 1
   * @param activation the units' activation (resolves {@link Centring.Kind#NATURAL}), or {@code null} if
   *     unknown (natural centring then falls back to the observed-range midpoint)
   * @param config thresholds, tolerance and centring
   * @return the analysis
   * @throws BadInputException when there are fewer than 2 patterns or a value is not finite
   */
  public static AngleResult compute(double[] activations, int n, int h, Activation activation, AngleConfig config) {
    return compute("activations", activations, n, h, activation, config);
  }

  /**
   * Angle analysis of an activation matrix read from a file: as {@link #compute(double[], int, int,
   * Activation, AngleConfig)}, with bad-input messages naming the file and the 1-based row (a header line
   * not counted) and unit.
   *
   * @param source file name used in messages
   * @param activations raw activations, row-major {@code [n × h]} (Not modified; kept in the result)
   * @param n number of patterns, at least 2
   * @param h number of units
   * @param activation the units' activation, or {@code null} if unknown
   * @param config settings
   * @return the analysis
   * @throws BadInputException for fewer than 2 rows or a value that is not finite
   */
  public static AngleResult compute(
      String source, double[] activations, int n, int h, Activation activation, AngleConfig config) {
    if (h < 1) throw new IllegalArgumentException("need at least one unit, got " + h);
    if (n < 2) throw BadInputException.at(source, 0, null, "has " + n + " row(s); angles need at least 2 patterns");
    if (activations.length != n * h)
      throw new IllegalArgumentException("activations have " + activations.length + " values, expected " + n + "x" + h);
    Ranges r = ranges(source, activations, n, h);
    Centring used = config.centring().resolve(activation);
    double[] centres = new double[h];
    for (int u = 0; u < h; u++) {
      switch (used.kind()) {
        case FIXED:
          centres[u] = used.value();
          break;
        case MIDRANGE:
          centres[u] = 0.5 * (r.min[u] + r.max[u]);
          break;
        default:
          centres[u] = 0.0;
      }
    }
    String note = centringNote(config.centring(), used, activation);

    // Second pass: variances and the Gram matrix of the centred values (centred on the fly, no N×H copy).
    double[] ss = new double[h];
    double[] g = gram(activations, centres, r.means, ss, n, h);
    double[] variances = new double[h];
    double[] norms = new double[h];
    boolean[] constant = new boolean[h];
    double tol = config.epsilon() * Math.sqrt(n);
    for (int u = 0; u < h; u++) {
      variances[u] = ss[u] / n;
      norms[u] = Math.sqrt(g[u * h + u]);
      constant[u] = norms[u] < tol || norms[u] == 0.0;
    }
    Pairs pairs = angles(new Units(activations, centres, n, h, g, norms, constant), config);
    return new AngleResult(h, n, activations, pairs.angles, constant, norms, centres, r.means, variances, used, note, pairs.similar,
        pairs.complementary, pairs.minAngle, config);
  }

  /** Per unit: the mean, smallest and largest activation. */
  private record Ranges(double[] means, double[] min, double[] max) {}

  /** First pass: per-unit means and ranges; a value that is not finite is refused naming its pattern and unit. */
  private static Ranges ranges(String source, double[] activations, int n, int h) {
    double[] sum = new double[h];
    double[] min = new double[h];
    double[] max = new double[h];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    GramKernels k = GramKernelsProvider.forSize(n, h);
    for (int p = 0; p < n; p++) {
      if (k.rangeRow(activations, p * h, h, sum, min, max)) continue;
      for (int u = 0; u < h; u++) {
        double a = activations[p * h + u];
        if (!Double.isFinite(a)) throw BadInputException.at(source, p + 1, "unit " + u, "activation " + a + " is not finite");
      }
    }
    double[] means = new double[h];
    for (int u = 0; u < h; u++) means[u] = sum[u] / n;
    return new Ranges(means, min, max);
  }

  /**
   * The centred activations of the units and what the angles are computed from.
   *
   * @param activations {@code [n × h]}
   * @param centres per unit
   * @param n patterns
   * @param h units
   * @param g Gram matrix of the centred activations {@code [h × h]}
   * @param norms per unit
   * @param constant per unit: near-constant (no angle)
   */
  private record Units(double[] activations, double[] centres, int n, int h, double[] g, double[] norms, boolean[] constant) {}

  /** Every pairwise angle, and the similar and complementary pairs sorted as {@link AngleResult} lists them. */
  private record Pairs(double[] angles, List<UnitPair> similar, List<UnitPair> complementary, double minAngle) {}

  private static Pairs angles(Units u, AngleConfig config) {
    int h = u.h();
    double[] g = u.g();
    double[] angles = new double[h * h];
    List<UnitPair> similar = new ArrayList<>();
    List<UnitPair> complementary = new ArrayList<>();
    double minAngle = Double.NaN;
    for (int i = 0; i < h; i++) {
      angles[i * h + i] = u.constant()[i] ? Double.NaN : 0.0;
      for (int j = i + 1; j < h; j++) {
        double theta;
        if (u.constant()[i] || u.constant()[j]) {
          theta = Double.NaN;
        } else {
          double den = Math.sqrt(g[i * h + i] * g[j * h + j]);
          if (!Double.isFinite(den) || den == 0.0) den = u.norms()[i] * u.norms()[j];
          double cos = g[i * h + j] / den;
          if (cos > 1.0) cos = 1.0;
          if (cos < -1.0) cos = -1.0;
          if (Math.abs(cos) > 1.0 - NEAR_ONE) theta = kahanAngle(u.activations(), u.centres(), u.n(), h, i, j, u.norms()[i], u.norms()[j]);
          else theta = Math.toDegrees(Math.acos(cos));
          if (theta < config.similarDeg()) similar.add(new UnitPair(i, j, theta));
          if (theta > config.complementaryDeg()) complementary.add(new UnitPair(i, j, theta));
          if (Double.isNaN(minAngle) || theta < minAngle) minAngle = theta;
        }
        angles[i * h + j] = theta;
        angles[j * h + i] = theta;
      }
    }
    similar.sort(Comparator.comparingDouble(UnitPair::angleDeg).thenComparingInt(UnitPair::i).thenComparingInt(UnitPair::j));
    complementary.sort(
        Comparator.comparingDouble((UnitPair p) -> -p.angleDeg()).thenComparingInt(UnitPair::i).thenComparingInt(UnitPair::j));
    return new Pairs(angles, similar, complementary, minAngle);
  }


  /**
   * Angle analysis of hidden layer {@code layer} of an MLP over a pattern set.
   *
   * @param model the network (Not modified)
   * @param layer 0-based hidden layer index
   * @param x patterns, row-major {@code [n × model.inputSize()]} (Not modified)
   * @param n number of patterns
   * @param config settings
   * @return the analysis (its activation matrix is newly computed)
   * @throws BadInputException when the model has no hidden layer, the layer does not exist or there are
   *     fewer than 2 patterns
   */
  public static AngleResult forLayer(Mlp model, int layer, double[] x, int n, AngleConfig config) {
    MlpTarget.checkLayer(model, layer);
    if (x.length != n * model.inputSize())
      throw new BadInputException(
          "the pattern set has " + (n == 0 ? x.length : x.length / n) + " columns but the model expects "
              + model.inputSize() + " inputs");
    if (n < 2) throw new BadInputException("the pattern set has " + n + " row(s); angles need at least 2 patterns");
    double[] a = model.activations(layer, x, n);
    return compute("patterns", a, n, model.layer(layer).out(), model.layer(layer).activation(), config);
  }

  /**
   * Angle analysis of hidden layer {@code layer} over the rows of a dataset.
   *
   * @param model the network (Not modified)
   * @param layer 0-based hidden layer index
   * @param patterns the pattern set (Not modified)
   * @param config settings
   * @return the analysis
   * @throws BadInputException when the dataset's columns do not match the model's inputs, the model has
   *     no hidden layer, or there are fewer than 2 rows
   */
  public static AngleResult forLayer(Mlp model, int layer, Dataset patterns, AngleConfig config) {
    MlpTarget.checkLayer(model, layer);
    MlpTarget.checkColumns(model, patterns);
    if (patterns.rows() < 2)
      throw BadInputException.at(patterns.source(), 0, null, "has " + patterns.rows() + " row(s); angles need at least 2 patterns");
    double[] a = model.activations(layer, patterns.x(), patterns.rows());
    return compute(patterns.source(), a, patterns.rows(), model.layer(layer).out(), model.layer(layer).activation(), config);
  }

  /**
   * Angle analysis of the layer a pruning target names, over a pattern set.
   *
   * @param <M> model type
   * @param <D> data type
   * @param target the layer
   * @param model the model (Not modified)
   * @param patterns the pattern set (Not modified)
   * @param config thresholds and centring
   * @return the angles of the layer's units
   */
  public static <M, D> AngleResult forTarget(PruningTarget<M, D> target, M model, D patterns, AngleConfig config) {
    int h = target.units(model);
    double[] a = target.activations(model, patterns);
    return compute(target.source(patterns), a, a.length / h, h, target.activation(model), config);
  }

  /**
   * Upper triangle of {@code CᵀC} with {@code C = A − centres}, rows taken four at a time (one update of each
   * Gram entry per four rows; the four centred rows are formed in a small buffer). Entry (i, j) depends only
   * on columns i and j and the row blocking, so equal columns give bitwise equal entries and any subset of
   * columns gives the same entries. Also accumulates {@code ss[u] += (a − mean_u)²}.
   */
  private static double[] gram(double[] act, double[] centres, double[] means, double[] ss, int n, int h) {
    double[] g = new double[h * h];
    double[] c = new double[4 * h]; // [4 × h] centred rows of the current block
    GramKernels k = GramKernelsProvider.forSize(n, h);
    int p = 0;
    while (p < n) {
      int rows = Math.min(4, n - p);
      for (int r = 0; r < rows; r++) k.centreRow(act, (p + r) * h, h, centres, means, c, r * h, ss);
      if (rows == 4) k.rank4(c, h, g);
      else for (int r = 0; r < rows; r++) k.rank1(c, r * h, h, g);
      p += rows;
    }
    return g;
  }

  /** Kahan's numerically stable angle between columns i and j of c, in degrees. */
  private static double kahanAngle(double[] a, double[] centres, int n, int h, int i, int j, double ni, double nj) {
    double diff = 0.0;
    double sum = 0.0;
    for (int p = 0; p < n; p++) {
      double u = (a[p * h + i] - centres[i]) / ni;
      double v = (a[p * h + j] - centres[j]) / nj;
      double d = u - v;
      double s = u + v;
      diff += d * d;
      sum += s * s;
    }
    return Math.toDegrees(2.0 * Math.atan2(Math.sqrt(diff), Math.sqrt(sum)));
  }

  private static String centringNote(Centring requested, Centring used, Activation activation) {
    String act = activation == null ? "unknown activation" : activation.name().toLowerCase(Locale.ROOT);
    if (requested.kind() == Centring.Kind.NATURAL) {
      if (used.kind() == Centring.Kind.FIXED) return "centred at " + used.value() + " (natural centre of " + act + ")";
      return "centred at the observed-range midpoint of each unit (" + act + " has no principled centre)";
    }
    switch (used.kind()) {
      case FIXED:
        return "centred at " + used.value() + " (fixed)";
      case NONE:
        return "not centred";
      default:
        return "centred at the observed-range midpoint of each unit";
    }
  }
}
