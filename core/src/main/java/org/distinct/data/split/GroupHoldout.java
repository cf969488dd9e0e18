package org.distinct.data.split;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Participant-grouped hold-out: whole groups (participants) go to the test part until it holds about
 * {@code testFraction} of the rows. The distinct group ids are shuffled with the seed; the first always goes
 * to test, each following one is added only if that brings the test size strictly closer to
 * {@code testFraction × n}, and at least one group always stays in training. Example: 24 participants of 24
 * rows and fraction 0.2 give 5 participants (120 rows) for testing.
 *
 * @param testFraction wanted share of rows in the test part, in (0, 1)
 */
public record GroupHoldout(double testFraction) implements Splitter {

  /** Checks {@code 0 < testFraction < 1}. */
  public GroupHoldout {
    Splits.checkFraction(testFraction);
  }

  /** {@inheritDoc} Returns one fold. Groups are required (at least two distinct); labels may be null. */
  @Override
  public List<Fold> split(int n, int[] labels, int[] groups, long seed) {
    Splits.checkN(n);
    Splits.requireArray("groups", groups, n);
    int[] ids = Splits.distinct(groups);
    if (ids.length < 2)
      throw new IllegalArgumentException("a grouped hold-out needs at least 2 participants, got " + ids.length);
    int[] gi = Splits.groupIndex(groups, ids);
    int g = ids.length;
    int[] size = new int[g];
    for (int x : gi) size[x]++;
    int[] order = Splits.range(g);
    Splits.shuffle(order, new SplittableRandom(seed));
    double target = testFraction * n;
    boolean[] testGroup = new boolean[g];
    long inTest = 0;
    int groupsInTest = 0;
    for (int v : order) {
      if (groupsInTest == g - 1) break;
      long after = inTest + size[v];
      if (groupsInTest == 0 || Math.abs(after - target) < Math.abs(inTest - target)) {
        testGroup[v] = true;
        inTest = after;
        groupsInTest++;
      }
    }
    boolean[] mask = new boolean[n];
    for (int i = 0; i < n; i++) mask[i] = testGroup[gi[i]];
    return List.of(Fold.fromMask(n, mask));
  }

  @Override
  public String describe() {
    return "participant-grouped hold-out, " + Math.round(testFraction * 1000) / 10.0 + " % of rows for testing";
  }
}
