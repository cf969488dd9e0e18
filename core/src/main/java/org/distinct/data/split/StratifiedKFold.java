package org.distinct.data.split;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Stratified random k-fold: the rows of each class are shuffled and dealt round-robin into the {@code k} test
 * parts, each class starting at the fold after the one where the previous class stopped. Every test part
 * therefore holds {@code floor(m_c / k)} or {@code ceil(m_c / k)} rows of a class with {@code m_c} rows, and
 * the test part sizes differ by at most one. Ignores groups.
 *
 * @param k number of folds, at least 2
 */
public record StratifiedKFold(int k) implements Splitter {

  /** Checks {@code k >= 2}. */
  public StratifiedKFold {
    Splits.checkK(k);
  }

  /** {@inheritDoc} Labels are required (non-negative); groups may be {@code null}. */
  @Override
  public List<Fold> split(int n, int[] labels, int[] groups, long seed) {
    Splits.checkN(n);
    Splits.requireArray("labels", labels, n);
    Splits.checkLabels(labels);
    if (k > n) throw new IllegalArgumentException("cannot make " + k + " folds from " + n + " rows");
    int[] classes = Splits.distinct(labels);
    SplittableRandom root = new SplittableRandom(seed);
    int[] foldOf = new int[n];
    int next = 0;
    for (int c : classes) {
      SplittableRandom rnd = root.split(); // one stream per class, in ascending class order
      int m = 0;
      for (int l : labels) if (l == c) m++;
      int[] rows = new int[m];
      m = 0;
      for (int i = 0; i < n; i++) if (labels[i] == c) rows[m++] = i;
      Splits.shuffle(rows, rnd);
      for (int r : rows) {
        foldOf[r] = next;
        next = (next + 1) % k;
      }
    }
    return Splits.foldsFromAssignment(foldOf, k);
  }

  @Override
  public String describe() {
    return "stratified random (not grouped) " + k + "-fold";
  }
}
