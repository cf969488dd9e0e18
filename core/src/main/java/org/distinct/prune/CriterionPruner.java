package org.distinct.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.util.Indices;

/**
 * A baseline {@link PruningMethod}: scores the units once per step with a {@link PruningCriterion} and
 * removes the {@code maxUnits} lowest-scoring ones (ties: the higher index first), folding each one's mean
 * contribution into the next bias: {@code b_out += W_out[:,h]·mean_p(a_h(p))}. At least one unit remains.
 * Masked units ({@link PruningTarget#active} false) are never chosen.
 */
public final class CriterionPruner implements PruningMethod {
  private final PruningCriterion criterion;

  /** @param criterion the score */
  public CriterionPruner(PruningCriterion criterion) {
    if (criterion == null) throw new IllegalArgumentException("criterion is null");
    this.criterion = criterion;
  }

  /** @return the criterion */
  public PruningCriterion criterion() {
    return criterion;
  }

  @Override
  public String name() {
    return criterion.name();
  }

  @Override
  public <M, D> PruneResult<M> step(
      PruningTarget<M, D> target, M model, D patterns, int maxUnits, boolean force, int[] origin, SplittableRandom rng) {
    target.check(model, patterns);
    if (maxUnits < 1) throw new IllegalArgumentException("maxUnits must be >= 1, got " + maxUnits);
    int h = target.units(model);
    int[] orig = origin == null ? Indices.identity(h) : origin;
    if (orig.length != h) throw new IllegalArgumentException("origin has " + orig.length + " entries, the layer " + h);
    double[] a = target.activations(model, patterns);
    int n = a.length / h;
    if (n < 2)
      throw org.distinct.BadInputException.at(
          target.source(patterns), 0, null, "has " + n + " row(s); pruning needs at least 2 patterns");
    double[] score = criterion.scores(target, model, patterns, a, rng == null ? new SplittableRandom(0) : rng);
    double[] mean = new double[h];
    for (int p = 0; p < n; p++) for (int u = 0; u < h; u++) mean[u] += a[p * h + u];
    for (int u = 0; u < h; u++) mean[u] /= n;
    boolean[] alive = new boolean[h];
    int aliveCount = 0;
    for (int u = 0; u < h; u++) {
      alive[u] = target.active(model, u);
      if (alive[u]) aliveCount++;
    }
    int budget = Math.min(maxUnits, aliveCount - 1);
    List<UnitFold> folds = new ArrayList<>();
    List<PruneAction> actions = new ArrayList<>();
    for (int c = 0; c < budget; c++) {
      int worst = -1;
      for (int u = 0; u < h; u++)
        if (alive[u] && (worst < 0 || score[u] <= score[worst])) worst = u;
      alive[worst] = false;
      folds.add(UnitFold.toBias(worst, mean[worst]));
      actions.add(new PruneAction(
          PruneAction.Kind.CRITERION_REMOVE, name(), target.layerIndex(), -1, new int[] {orig[worst]}, Double.NaN,
          Double.NaN, mean[worst], false, false, score[worst]));
    }
    if (folds.isEmpty()) return new PruneResult<>(model, actions, orig, null);
    M pruned = target.apply(model, folds);
    int[] survivors;
    if (target.physical()) {
      int[] keep = UnitFold.survivors(h, folds);
      survivors = new int[keep.length];
      for (int s = 0; s < keep.length; s++) survivors[s] = orig[keep[s]];
    } else {
      survivors = orig.clone();
    }
    return new PruneResult<>(pruned, actions, survivors, null);
  }
}
