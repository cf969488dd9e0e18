package org.distinct.data.split;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Plain random hold-out: the rows are shuffled with the seed and the first
 * {@code round(testFraction × n)} (at least 1, at most {@code n - 1}) form the test part. Ignores labels and
 * groups, so participants land on both sides: this is the split used to show leakage.
 *
 * @param testFraction wanted share of rows in the test part, in (0, 1)
 */
public record RandomHoldout(double testFraction) implements Splitter {

  /** Checks {@code 0 < testFraction < 1}. */
  public RandomHoldout {
    Splits.checkFraction(testFraction);
  }

  /** {@inheritDoc} Returns one fold; needs {@code n >= 2}. Labels and groups may be {@code null}. */
  @Override
  public List<Fold> split(int n, int[] labels, int[] groups, long seed) {
    if (n < 2) throw new IllegalArgumentException("a hold-out split needs at least 2 rows, got " + n);
    int nTest = (int) Math.min(n - 1, Math.max(1, Math.round(testFraction * n)));
    int[] perm = Splits.range(n);
    Splits.shuffle(perm, new SplittableRandom(seed));
    boolean[] mask = new boolean[n];
    for (int p = 0; p < nTest; p++) mask[perm[p]] = true;
    return List.of(Fold.fromMask(n, mask));
  }

  @Override
  public String describe() {
    return "random (not grouped) hold-out, " + Math.round(testFraction * 1000) / 10.0 + " % of rows for testing";
  }
}
