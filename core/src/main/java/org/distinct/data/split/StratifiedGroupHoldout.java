package org.distinct.data.split;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Participant-grouped hold-out that also keeps the class mix of the test part close to that of the data.
 * Target: {@code testFraction × m_c} test rows of every class {@code c} (with {@code m_c} rows in all). The
 * distinct group ids are shuffled with the seed; then, greedily, the group whose addition brings the test
 * part's class counts closest to the target (squared Euclidean distance; ties to the earlier group in the
 * shuffled order) is moved to the test part, until no remaining group reduces the distance. At least one
 * group goes to test and at least one stays in training. Whole groups only, so no participant is on both
 * sides.
 *
 * @param testFraction wanted share of rows (of each class) in the test part, in (0, 1)
 */
public record StratifiedGroupHoldout(double testFraction) implements Splitter {

  /** Checks {@code 0 < testFraction < 1}. */
  public StratifiedGroupHoldout {
    Splits.checkFraction(testFraction);
  }

  /** {@inheritDoc} Returns one fold. Labels (non-negative) and groups (at least two distinct) are required. */
  @Override
  public List<Fold> split(int n, int[] labels, int[] groups, long seed) {
    Splits.checkN(n);
    Splits.requireArray("labels", labels, n);
    Splits.requireArray("groups", groups, n);
    Splits.checkLabels(labels);
    int[] ids = Splits.distinct(groups);
    int g = ids.length;
    if (g < 2) throw new IllegalArgumentException("a grouped hold-out needs at least 2 participants, got " + g);
    int[] classes = Splits.distinct(labels);
    int c = classes.length;
    int[] gi = Splits.groupIndex(groups, ids);
    double[][] gc = new double[g][c]; // class counts per group
    double[] target = new double[c];
    for (int i = 0; i < n; i++) {
      int ci = Arrays.binarySearch(classes, labels[i]);
      gc[gi[i]][ci]++;
      target[ci] += testFraction;
    }
    int[] order = Splits.range(g);
    Splits.shuffle(order, new SplittableRandom(seed));
    boolean[] testGroup = new boolean[g];
    double[] have = new double[c];
    double current = dist(have, null, target);
    for (int taken = 0; taken < g - 1; taken++) {
      int best = -1;
      double bestDist = Double.POSITIVE_INFINITY;
      for (int v : order) {
        if (testGroup[v]) continue;
        double d = dist(have, gc[v], target);
        if (d < bestDist) {
          bestDist = d;
          best = v;
        }
      }
      if (taken > 0 && !(bestDist < current)) break;
      testGroup[best] = true;
      for (int k = 0; k < c; k++) have[k] += gc[best][k];
      current = bestDist;
    }
    boolean[] mask = new boolean[n];
    for (int i = 0; i < n; i++) mask[i] = testGroup[gi[i]];
    return List.of(Fold.fromMask(n, mask));
  }

  private static double dist(double[] have, double[] add, double[] target) {
    double s = 0;
    for (int k = 0; k < have.length; k++) {
      double d = have[k] + (add == null ? 0 : add[k]) - target[k];
      s += d * d;
    }
    return s;
  }

  @Override
  public String describe() {
    return "participant-grouped stratified hold-out, " + Math.round(testFraction * 1000) / 10.0
        + " % of rows for testing";
  }
}
