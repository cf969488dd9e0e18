package org.distinct.data.split;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The paper's split for the raw series: within each song (more generally: each key, e.g. each length group),
 * {@code round(testFraction × m)} of its {@code m} sequences, chosen at random, are held out for testing (at
 * least 1 and at most {@code m - 1} when {@code m >= 2}; a song with one sequence stays in training). The
 * paper uses 25 %. Because every participant hears several songs, the same participant ends up on both sides:
 * this split is reported as such, and the participant-grouped splits are the leakage-free alternative.
 *
 * <p>Keys are processed in ascending string order, each with its own stream split from the seed, so the
 * result does not depend on the order of the rows.
 *
 * @param testFraction share of each song's sequences held out, in (0, 1)
 */
public record SongHoldout(double testFraction) {

  /** Checks {@code 0 < testFraction < 1}. */
  public SongHoldout {
    Splits.checkFraction(testFraction);
  }

  /** @return the paper's split: 25 % of each song's sequences for testing */
  public static SongHoldout paper() {
    return new SongHoldout(0.25);
  }

  /**
   * Splits the sequences.
   *
   * @param keys song (or other stratum) of each sequence {@code [n]}, non-null (Not modified)
   * @param seed the random seed
   * @return one fold over {@code 0..n-1}
   */
  public Fold split(String[] keys, long seed) {
    Objects.requireNonNull(keys, "keys");
    Splits.checkN(keys.length);
    int n = keys.length;
    TreeMap<String, Integer> byKey = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      if (keys[i] == null) throw new IllegalArgumentException("key of row " + i + " is null");
      byKey.merge(keys[i], 1, Integer::sum);
    }
    SplittableRandom root = new SplittableRandom(seed);
    boolean[] mask = new boolean[n];
    for (var e : byKey.entrySet()) {
      int m = e.getValue();
      int[] rows = new int[m];
      int c = 0;
      for (int i = 0; i < n; i++) if (keys[i].equals(e.getKey())) rows[c++] = i;
      SplittableRandom rnd = root.split();
      Splits.shuffle(rows, rnd);
      int nTest = m < 2 ? 0 : (int) Math.min(m - 1, Math.max(1, Math.round(testFraction * m)));
      for (int p = 0; p < nTest; p++) mask[rows[p]] = true;
    }
    return Fold.fromMask(n, mask);
  }

  /**
   * Adapts this split to the {@link Splitter} interface for the given keys (labels and groups are ignored).
   *
   * @param keys song of each sequence {@code [n]} (kept, not copied; Not modified)
   * @return a splitter returning one fold; it requires {@code n == keys.length}
   */
  public Splitter forKeys(String[] keys) {
    Objects.requireNonNull(keys, "keys");
    SongHoldout self = this;
    return new Splitter() {
      @Override
      public List<Fold> split(int n, int[] labels, int[] groups, long seed) {
        if (n != keys.length)
          throw new IllegalArgumentException("n=" + n + " but " + keys.length + " song keys were given");
        return List.of(self.split(keys, seed));
      }

      @Override
      public String describe() {
        return self.describe();
      }
    };
  }

  /** @return a short description for reports */
  public String describe() {
    return "per-song hold-out (" + Math.round(testFraction * 1000) / 10.0
        + " % of each song's sequences; participants on both sides)";
  }
}
