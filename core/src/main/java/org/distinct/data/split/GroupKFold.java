package org.distinct.data.split;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Participant-grouped k-fold: all rows of a group (participant) go to the same test part, so no participant
 * is ever on both sides of a fold. The distinct group ids are shuffled with the seed, stably sorted by size
 * (largest first; equal sizes keep the shuffled order), and each is assigned greedily to the test part with
 * the fewest rows so far (ties to the lower fold index). With equal-size groups this gives parts whose group
 * counts differ by at most one.
 *
 * @param k number of folds, at least 2 and at most the number of groups
 */
public record GroupKFold(int k) implements Splitter {

  /** Checks {@code k >= 2}. */
  public GroupKFold {
    Splits.checkK(k);
  }

  /** {@inheritDoc} Groups are required; labels may be {@code null}. */
  @Override
  public List<Fold> split(int n, int[] labels, int[] groups, long seed) {
    Splits.checkN(n);
    Splits.requireArray("groups", groups, n);
    int[] ids = Splits.distinct(groups);
    if (k > ids.length)
      throw new IllegalArgumentException(
          "cannot make " + k + " participant-grouped folds from " + ids.length + " participants");
    int[] gi = Splits.groupIndex(groups, ids);
    int g = ids.length;
    int[] size = new int[g];
    for (int x : gi) size[x]++;
    int[] order = Splits.range(g);
    Splits.shuffle(order, new SplittableRandom(seed));
    // stable insertion sort by size, descending (g is small)
    for (int i = 1; i < g; i++) {
      int v = order[i];
      int j = i - 1;
      while (j >= 0 && size[order[j]] < size[v]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = v;
    }
    int[] foldOfGroup = new int[g];
    long[] load = new long[k];
    for (int v : order) {
      int best = 0;
      for (int f = 1; f < k; f++) if (load[f] < load[best]) best = f;
      foldOfGroup[v] = best;
      load[best] += size[v];
    }
    int[] foldOf = new int[n];
    for (int i = 0; i < n; i++) foldOf[i] = foldOfGroup[gi[i]];
    return Splits.foldsFromAssignment(foldOf, k);
  }

  @Override
  public String describe() {
    return "participant-grouped " + k + "-fold";
  }
}
