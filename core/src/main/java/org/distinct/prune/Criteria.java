package org.distinct.prune;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The baseline criteria the study compares with distinctiveness, each a {@link PruningCriterion} (lower
 * score = removed first; {@link CriterionPruner} does the removal with the mean fold). Scores, for unit h
 * of the layer, over the N rows of the pattern set:
 *
 * <ul>
 *   <li>{@code random}: a uniform number from the step's seeded stream (a random unit goes);
 *   <li>{@code magnitude-in}: {@code Σ_i |W_in[h,i]|}, the L1 norm of the incoming weights (bias excluded);
 *   <li>{@code magnitude-out}: {@code Σ_o |W_out[o,h]|}, the L1 norm of all outgoing weights;
 *   <li>{@code variance}: {@code (1/N) Σ_p (a_h(p) − ā_h)²}; after the mean fold a low-variance unit changes
 *       the outputs least;
 *   <li>{@code taylor}: the first-order Taylor estimate of the loss change when the unit is switched off
 *       (Molchanov et al. 2017, the modern form of Karnin's 1990 sensitivity, which instead sums weight
 *       changes during training and so cannot be computed after the fact):
 *       {@code |(1/N) Σ_p a_h(p)·∂L_p/∂a_h(p)|}, with {@code L_p} the pattern's cross-entropy and the
 *       gradient computed analytically by back-propagation ({@link PruningTarget#lossGradients});
 *   <li>{@code taylor-centred}: {@code |(1/N) Σ_p (a_h(p) − ā_h)·∂L_p/∂a_h(p)|}, the first-order change of
 *       the mean loss for exactly the surgery done (the unit replaced by its mean, folded into the bias).
 * </ul>
 */
public final class Criteria {
  private Criteria() {}

  /** The names accepted by {@link #parse}. */
  public static final List<String> NAMES =
      List.of("random", "magnitude-in", "magnitude-out", "variance", "taylor", "taylor-centred");

  /** @return the random criterion */
  public static PruningCriterion random() {
    return new PruningCriterion() {
      @Override
      public String name() {
        return "random";
      }

      @Override
      public <M, D> double[] scores(PruningTarget<M, D> t, M m, D d, double[] a, SplittableRandom rng) {
        double[] s = new double[t.units(m)];
        for (int u = 0; u < s.length; u++) s[u] = rng.nextDouble();
        return s;
      }
    };
  }

  /** @return L1 norm of the incoming weights */
  public static PruningCriterion magnitudeIn() {
    return new PruningCriterion() {
      @Override
      public String name() {
        return "magnitude-in";
      }

      @Override
      public <M, D> double[] scores(PruningTarget<M, D> t, M m, D d, double[] a, SplittableRandom rng) {
        double[] s = new double[t.units(m)];
        for (int u = 0; u < s.length; u++) s[u] = l1(t.incomingWeights(m, u));
        return s;
      }
    };
  }

  /** @return L1 norm of the outgoing weights */
  public static PruningCriterion magnitudeOut() {
    return new PruningCriterion() {
      @Override
      public String name() {
        return "magnitude-out";
      }

      @Override
      public <M, D> double[] scores(PruningTarget<M, D> t, M m, D d, double[] a, SplittableRandom rng) {
        double[] s = new double[t.units(m)];
        for (int u = 0; u < s.length; u++) s[u] = l1(t.outgoingWeights(m, u));
        return s;
      }
    };
  }

  /** @return activation variance over the patterns */
  public static PruningCriterion variance() {
    return new PruningCriterion() {
      @Override
      public String name() {
        return "variance";
      }

      @Override
      public <M, D> double[] scores(PruningTarget<M, D> t, M m, D d, double[] a, SplittableRandom rng) {
        int h = t.units(m);
        int n = a.length / h;
        double[] mean = means(a, n, h);
        double[] s = new double[h];
        for (int p = 0; p < n; p++)
          for (int u = 0; u < h; u++) {
            double x = a[p * h + u] - mean[u];
            s[u] += x * x;
          }
        for (int u = 0; u < h; u++) s[u] /= n;
        return s;
      }
    };
  }

  /**
   * @param centred false: {@code |mean(a·g)|} (switching the unit off); true: {@code |mean((a − ā)·g)|}
   *     (replacing it by its mean, the surgery actually done)
   * @return the first-order Taylor criterion
   */
  public static PruningCriterion taylor(boolean centred) {
    return new PruningCriterion() {
      @Override
      public String name() {
        return centred ? "taylor-centred" : "taylor";
      }

      @Override
      public <M, D> double[] scores(PruningTarget<M, D> t, M m, D d, double[] a, SplittableRandom rng) {
        int h = t.units(m);
        int n = a.length / h;
        double[] g = t.lossGradients(m, d);
        if (g.length != a.length)
          throw new IllegalStateException("gradients have " + g.length + " values, activations " + a.length);
        double[] mean = centred ? means(a, n, h) : new double[h];
        double[] s = new double[h];
        for (int p = 0; p < n; p++)
          for (int u = 0; u < h; u++) s[u] += (a[p * h + u] - mean[u]) * g[p * h + u];
        for (int u = 0; u < h; u++) s[u] = Math.abs(s[u] / n);
        return s;
      }
    };
  }

  /**
   * @param name one of {@link #NAMES} (case-insensitive)
   * @return the criterion
   * @throws IllegalArgumentException for an unknown name
   */
  public static PruningCriterion parse(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "random":
        return random();
      case "magnitude-in":
        return magnitudeIn();
      case "magnitude-out":
        return magnitudeOut();
      case "variance":
        return variance();
      case "taylor":
        return taylor(false);
      case "taylor-centred":
      case "taylor-centered":
        return taylor(true);
      default:
        throw new IllegalArgumentException("unknown criterion '" + name + "' (" + String.join(", ", NAMES) + ")");
    }
  }

  /**
   * @param name a criterion name or {@code distinctiveness}
   * @param config settings used when the name is {@code distinctiveness}
   * @return the pruning method
   */
  public static PruningMethod method(String name, PrunerConfig config) {
    if (name.trim().equalsIgnoreCase("distinctiveness")) return new DistinctivenessPruner(config);
    return new CriterionPruner(parse(name));
  }

  private static double l1(double[] v) {
    double s = 0;
    for (double x : v) s += Math.abs(x);
    return s;
  }

  private static double[] means(double[] a, int n, int h) {
    double[] m = new double[h];
    for (int p = 0; p < n; p++) for (int u = 0; u < h; u++) m[u] += a[p * h + u];
    for (int u = 0; u < h; u++) m[u] /= n;
    return m;
  }
}
