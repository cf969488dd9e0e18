package org.distinct.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.Dataset;
import org.distinct.model.Mlp;
import org.distinct.util.Indices;

/**
 * Pruning by distinctiveness (T. Gedeon and D. Harris, "Network reduction techniques", 1991; the rule of
 * the distinctiveness spec), one step at a time.
 *
 * <p>A step computes the angles of the layer's centred activation vectors over the pattern set
 * ({@link ActivationAngles}) once and then, until {@code maxUnits} units are gone:
 *
 * <ol>
 *   <li>if {@link PrunerConfig#foldConstant()}, folds every near-constant unit into the next bias:
 *       {@code b_out += W_out[:,h]·mean(a_h)};
 *   <li>picks the next pair in the configured {@link PairOrder} among the units still present (a merge
 *       leaves the kept unit's activations unchanged, so the angles stay valid within the step);
 *   <li>similar pair (θ &lt; similar), kept k, removed r: plain rule {@code W_out[:,k] += W_out[:,r]}, plus
 *       {@code b_out += W_out[:,r]·(mean(a_r) − mean(a_k))} with the mean correction; or the regression
 *       merge {@code W_out[:,k] += α·W_out[:,r]}, {@code b_out += β·W_out[:,r]} with
 *       {@code a_r ≈ α·a_k + β} fitted by least squares ({@link AffineFit});
 *   <li>complementary pair (θ &gt; complementary): both removed, {@code b_out += W_out[:,i]·mean(a_i) +
 *       W_out[:,j]·mean(a_j)} — except with {@link MergeRule#REGRESS} when the two outgoing weight vectors
 *       differ (by more than {@code 1e-12} relative to the larger), where the pair is merged like a
 *       similar pair (α &lt; 0), removing one unit; the action records which happened;
 *   <li>when no pair passes the thresholds: stop, or with {@code force} take the closest pair (closeness
 *       {@code min(θ, 180° − θ)}, the higher index removed) and mark it beyond threshold.
 * </ol>
 *
 * A complementary removal takes two units; it is skipped in favour of the next candidate when only one unit
 * is left in the step's budget. At least one unit always remains. All surgery is applied at once through
 * {@link PruningTarget#apply} and yields a new model; the input is not modified.
 */
public final class DistinctivenessPruner implements PruningMethod {
  private static final double EQUAL_OUTGOING = 1e-12;
  private final PrunerConfig config;

  /** @param config the settings */
  public DistinctivenessPruner(PrunerConfig config) {
    if (config == null) throw new IllegalArgumentException("config is null");
    this.config = config;
  }

  /** @return the settings */
  public PrunerConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "distinctiveness";
  }

  /**
   * One step on hidden layer {@link PrunerConfig#layer()} of an MLP, original numbering = current numbering,
   * not forced.
   *
   * @param model the network (Not modified)
   * @param patterns the pattern set (Not modified)
   * @param maxUnits the most units to remove
   * @return the smaller model and the actions
   */
  public PruneResult<Mlp> prune(Mlp model, Dataset patterns, int maxUnits) {
    return step(new MlpTarget(config.layer()), model, patterns, maxUnits, false, null, null);
  }

  @Override
  public <M, D> PruneResult<M> step(
      PruningTarget<M, D> target, M model, D patterns, int maxUnits, boolean force, int[] origin, SplittableRandom rng) {
    target.check(model, patterns);
    int h = target.units(model);
    double[] a = target.activations(model, patterns);
    AngleResult ang =
        ActivationAngles.compute(target.source(patterns), a, a.length / h, h, target.activation(model), config.angleConfig());
    return step(target, model, ang, maxUnits, force, origin);
  }

  /**
   * One step from an angle analysis already computed for {@code model} (e.g. by the schedule after the
   * previous step) with this pruner's thresholds.
   *
   * @param <M> model type
   * @param target the layer
   * @param model the model (Not modified)
   * @param angles the analysis of {@code model}'s layer over the pattern set (Not modified)
   * @param maxUnits the most units to remove (≥ 1)
   * @param force take the closest pair beyond the thresholds when none passes
   * @param origin original index of each current unit, or null for the identity (Not modified)
   * @return the new model and the actions
   */
  public <M> PruneResult<M> step(
      PruningTarget<M, ?> target, M model, AngleResult angles, int maxUnits, boolean force, int[] origin) {
    int h = target.units(model);
    if (angles.units() != h)
      throw new IllegalArgumentException("the angle analysis has " + angles.units() + " units, the layer " + h);
    if (maxUnits < 1) throw new IllegalArgumentException("maxUnits must be >= 1, got " + maxUnits);
    int[] orig = origin == null ? Indices.identity(h) : origin;
    if (orig.length != h) throw new IllegalArgumentException("origin has " + orig.length + " entries, the layer " + h);
    Step st = new Step(target, model, angles, orig, maxUnits);
    if (config.foldConstant()) st.foldConstants();
    while (st.budget > 0) {
      Choice c = choose(angles, st.alive, st.budget, st.out, false);
      if (c == null && force && !anyPassing(angles, st.alive)) c = choose(angles, st.alive, st.budget, st.out, true);
      if (c == null) break;
      boolean regress = config.merge() == MergeRule.REGRESS;
      if (!c.complementary || (regress && !equalOutgoing(st.out[c.removed], st.out[c.kept]))) st.merge(c, regress);
      else st.removePair(c);
    }
    if (st.folds.isEmpty()) return new PruneResult<>(model, st.actions, orig, angles);
    M pruned = target.apply(model, st.folds);
    int[] survivors;
    if (target.physical()) {
      int[] keep = UnitFold.survivors(h, st.folds);
      survivors = new int[keep.length];
      for (int k = 0; k < keep.length; k++) survivors[k] = orig[keep[k]];
    } else {
      survivors = orig.clone();
    }
    return new PruneResult<>(pruned, st.actions, survivors, angles);
  }

  /** What one pruning step has decided so far: units still present, the budget left, folds and actions. */
  private final class Step {
    final AngleResult angles;
    final int[] orig;
    final boolean[] alive;
    final double[][] out; // outgoing weights per unit, updated by merges
    final int layer;
    final List<UnitFold> folds = new ArrayList<>();
    final List<PruneAction> actions = new ArrayList<>();
    int budget;

    <M> Step(PruningTarget<M, ?> target, M model, AngleResult angles, int[] orig, int maxUnits) {
      int h = target.units(model);
      this.angles = angles;
      this.orig = orig;
      this.layer = target.layerIndex();
      alive = new boolean[h];
      int aliveCount = 0;
      for (int u = 0; u < h; u++) {
        alive[u] = target.active(model, u);
        if (alive[u]) aliveCount++;
      }
      budget = Math.min(maxUnits, aliveCount - 1);
      out = new double[h][];
      for (int u = 0; u < h; u++) out[u] = target.outgoingWeights(model, u);
    }

    /** Near-constant units fold into the next layer's biases first. */
    void foldConstants() {
      double[] means = angles.means();
      for (int u = 0; u < alive.length && budget > 0; u++)
        if (alive[u] && angles.constant()[u]) {
          folds.add(UnitFold.toBias(u, means[u]));
          actions.add(new PruneAction(PruneAction.Kind.CONSTANT_FOLD, name(), layer, -1, new int[] {orig[u]}, Double.NaN, Double.NaN,
              means[u], false, false, Double.NaN));
          alive[u] = false;
          budget--;
        }
    }

    /** The removed unit's outgoing weights go to the kept one: plainly (with the mean correction) or regressed. */
    void merge(Choice c, boolean regress) {
      int r = c.removed;
      int k = c.kept;
      double alpha;
      double beta;
      PruneAction.Kind kind;
      if (regress) {
        AffineFit f = AffineFit.fit(angles.activations(), angles.patterns(), alive.length, k, r);
        alpha = f.alpha();
        beta = f.beta();
        kind = PruneAction.Kind.REGRESS_MERGE;
      } else {
        alpha = 1.0;
        beta = config.meanCorrection() ? angles.means()[r] - angles.means()[k] : 0.0;
        kind = PruneAction.Kind.SIMILAR_MERGE;
      }
      folds.add(UnitFold.merge(k, r, alpha, beta));
      double[] ok = out[k];
      double[] or = out[r];
      for (int q = 0; q < ok.length; q++) ok[q] += alpha * or[q];
      actions.add(new PruneAction(kind, name(), layer, orig[k], new int[] {orig[r]}, c.angle, alpha, beta, c.complementary, c.beyond,
          Double.NaN));
      alive[r] = false;
      budget--;
    }

    /** A complementary pair goes together, each unit's mean folded into the next layer's biases. */
    void removePair(Choice c) {
      int i = Math.min(c.removed, c.kept);
      int j = Math.max(c.removed, c.kept);
      double[] means = angles.means();
      folds.add(UnitFold.toBias(i, means[i]));
      folds.add(UnitFold.toBias(j, means[j]));
      actions.add(new PruneAction(PruneAction.Kind.COMPLEMENTARY_REMOVE, name(), layer, -1, new int[] {orig[i], orig[j]}, c.angle,
          Double.NaN, Double.NaN, true, c.beyond, Double.NaN));
      alive[i] = false;
      alive[j] = false;
      budget -= 2;
    }
  }


  /** The chosen pair: {@code removed} goes, {@code kept} stays (for a complementary removal both go). */
  private static final class Choice {
    final int removed;
    final int kept;
    final boolean complementary;
    final double angle;
    final boolean beyond;

    Choice(int removed, int kept, boolean complementary, double angle, boolean beyond) {
      this.removed = removed;
      this.kept = kept;
      this.complementary = complementary;
      this.angle = angle;
      this.beyond = beyond;
    }
  }

  private boolean passes(double theta) {
    return theta < config.similarDeg() || theta > config.complementaryDeg();
  }

  private boolean anyPassing(AngleResult ang, boolean[] alive) {
    int h = ang.units();
    for (int i = 0; i < h; i++) {
      if (!alive[i] || ang.constant()[i]) continue;
      for (int j = i + 1; j < h; j++) if (alive[j] && !ang.constant()[j] && passes(ang.angle(i, j))) return true;
    }
    return false;
  }

  private boolean eligible(boolean complementary, int r, int k, int budget, double[][] out) {
    if (!complementary) return true;
    if (config.merge() == MergeRule.REGRESS && !equalOutgoing(out[r], out[k])) return true;
    return budget >= 2;
  }

  /**
   * The next pair in the configured order among units present and not near-constant, or null. Package
   * visible for tests.
   */
  Choice choose(AngleResult ang, boolean[] alive, int budget, double[][] out, boolean forced) {
    int h = ang.units();
    boolean[] usable = new boolean[h];
    for (int u = 0; u < h; u++) usable[u] = alive[u] && !ang.constant()[u];
    if (forced) return closestPair(ang, usable, budget, out);
    Partners pt = partners(ang, usable);
    Comparator<Integer> paperRank = Comparator.comparingInt((Integer u) -> -pt.similar[u]).thenComparingInt(u -> -pt.count[u])
        .thenComparingDouble(u -> pt.best[u]).thenComparingInt(u -> -u);
    if (config.order() == PairOrder.SMALLEST_ANGLE) {
      pt.passing.sort(Comparator.comparingDouble((int[] p) -> closeness(ang.angle(p[0], p[1])))
          .thenComparingInt(p -> p[0]).thenComparingInt(p -> p[1]));
      for (int[] p : pt.passing) {
        int r = paperRank.compare(p[0], p[1]) <= 0 ? p[0] : p[1];
        int k = r == p[0] ? p[1] : p[0];
        double theta = ang.angle(r, k);
        boolean comp = theta > config.complementaryDeg();
        if (eligible(comp, r, k, budget, out)) return new Choice(r, k, comp, theta, false);
      }
      return null;
    }
    Comparator<Integer> order = config.order() == PairOrder.PAPER ? paperRank
        : Comparator.comparingInt((Integer u) -> pt.similar[u] == 0 ? 1 : 0).thenComparingInt(u -> pt.similar[u])
            .thenComparingInt(u -> pt.count[u]).thenComparingDouble(u -> pt.best[u]).thenComparingInt(u -> -u);
    return byUnitRank(ang, usable, budget, out, pt, order);
  }

  /**
   * The passing pairs among usable units and, per unit, how many partners it has (of either kind, and similar ones:
   * the spec's ranking key) and how close its closest partner is.
   *
   * @param count partners of either kind per unit
   * @param similar similar partners per unit
   * @param best closeness of the closest partner per unit
   * @param passing the passing pairs {@code (i, j)}, {@code i < j}, in row order
   */
  private record Partners(int[] count, int[] similar, double[] best, List<int[]> passing) {}

  private Partners partners(AngleResult ang, boolean[] usable) {
    int h = ang.units();
    int[] count = new int[h];
    int[] similar = new int[h];
    double[] best = new double[h];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    List<int[]> passing = new ArrayList<>();
    for (int i = 0; i < h; i++) {
      if (!usable[i]) continue;
      for (int j = i + 1; j < h; j++) {
        if (!usable[j]) continue;
        double theta = ang.angle(i, j);
        if (!passes(theta)) continue;
        double d = closeness(theta);
        count[i]++;
        count[j]++;
        if (theta < config.similarDeg()) {
          similar[i]++;
          similar[j]++;
        }
        best[i] = Math.min(best[i], d);
        best[j] = Math.min(best[j], d);
        passing.add(new int[] {i, j});
      }
    }
    return new Partners(count, similar, best, passing);
  }

  /** Units in rank order, each with its passing partners closest first: the first eligible pair. */
  private Choice byUnitRank(AngleResult ang, boolean[] usable, int budget, double[][] out, Partners pt, Comparator<Integer> order) {
    int h = ang.units();
    List<Integer> ranked = new ArrayList<>();
    for (int u = 0; u < h; u++) if (pt.count[u] > 0) ranked.add(u);
    ranked.sort(order);
    for (int r : ranked) {
      List<Integer> partners = new ArrayList<>();
      for (int k = 0; k < h; k++) if (k != r && usable[k] && passes(ang.angle(r, k))) partners.add(k);
      partners.sort(Comparator.comparingDouble((Integer k) -> closeness(ang.angle(r, k))).thenComparingInt(k -> k));
      for (int k : partners) {
        double theta = ang.angle(r, k);
        boolean comp = theta > config.complementaryDeg();
        if (eligible(comp, r, k, budget, out)) return new Choice(r, k, comp, theta, false);
      }
    }
    return null;
  }

  /** Beyond the thresholds ({@code force}): the closest usable pair of either kind that is eligible, or null. */
  private Choice closestPair(AngleResult ang, boolean[] usable, int budget, double[][] out) {
    int h = ang.units();
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < h; i++)
      if (usable[i]) for (int j = i + 1; j < h; j++) if (usable[j]) pairs.add(new int[] {i, j});
    pairs.sort(Comparator.comparingDouble((int[] p) -> closeness(ang.angle(p[0], p[1])))
        .thenComparingInt(p -> p[0]).thenComparingInt(p -> p[1]));
    for (int[] p : pairs) {
      double theta = ang.angle(p[0], p[1]);
      boolean comp = theta > 90.0;
      if (eligible(comp, p[1], p[0], budget, out)) return new Choice(p[1], p[0], comp, theta, true);
    }
    return null;
  }


  private static double closeness(double theta) {
    return Math.min(theta, 180.0 - theta);
  }

  /** True when two outgoing weight vectors are equal to {@code 1e-12} relative to the larger entry. */
  static boolean equalOutgoing(double[] x, double[] y) {
    double scale = 0;
    double diff = 0;
    for (int q = 0; q < x.length; q++) {
      scale = Math.max(scale, Math.max(Math.abs(x[q]), Math.abs(y[q])));
      diff = Math.max(diff, Math.abs(x[q] - y[q]));
    }
    return diff <= EQUAL_OUTGOING * scale;
  }
}
