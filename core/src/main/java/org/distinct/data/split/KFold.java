package org.distinct.data.split;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Plain random k-fold: the rows are shuffled with the seed and dealt round-robin into {@code k} test parts,
 * whose sizes differ by at most one. Ignores labels and groups (so a participant's rows land on both sides:
 * use it only to show the leakage this causes).
 *
 * @param k number of folds, at least 2
 */
public record KFold(int k) implements Splitter {

  /** Checks {@code k >= 2}. */
  public KFold {
    Splits.checkK(k);
  }

  /** {@inheritDoc} Labels and groups may be {@code null}. */
  @Override
  public List<Fold> split(int n, int[] labels, int[] groups, long seed) {
    Splits.checkN(n);
    if (k > n) throw new IllegalArgumentException("cannot make " + k + " folds from " + n + " rows");
    int[] perm = Splits.range(n);
    Splits.shuffle(perm, new SplittableRandom(seed));
    int[] foldOf = new int[n];
    for (int p = 0; p < n; p++) foldOf[perm[p]] = p % k;
    return Splits.foldsFromAssignment(foldOf, k);
  }

  @Override
  public String describe() {
    return "random (not grouped) " + k + "-fold";
  }
}
