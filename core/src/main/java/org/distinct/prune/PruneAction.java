package org.distinct.prune;

import java.util.Arrays;
import java.util.Locale;

/**
 * One thing a pruning step did to one layer. Unit indices are in the <b>original</b> numbering of the
 * unpruned model (the schedule keeps the mapping), so pairs read like the paper's {@code (5->12)}.
 *
 * @param kind what was done
 * @param method name of the pruning method ({@code distinctiveness}, {@code magnitude-in}, ...)
 * @param layer index of the pruned layer ({@link PruningTarget#layerIndex()})
 * @param kept the unit that received the removed unit's outgoing weights, or −1 (folds into the bias)
 * @param removed the removed unit(s): one, or two for {@link Kind#COMPLEMENTARY_REMOVE} (ascending)
 * @param angleDeg the angle between the pair's activation vectors, NaN when no pair is involved
 * @param alpha merge factor {@code W_out[:,kept] += α·W_out[:,removed]}; NaN when not a merge
 * @param beta bias factor {@code b_out += β·W_out[:,removed]} of a merge, or the folded mean activation of
 *     a single removed unit ({@link Kind#CONSTANT_FOLD}, {@link Kind#CRITERION_REMOVE}); NaN otherwise
 * @param complementaryPair true when the pair was complementary (angle above the threshold, or above 90°
 *     when forced) — for a {@link Kind#REGRESS_MERGE} this says the pair was merged with α &lt; 0 instead
 *     of being removed
 * @param beyondThreshold true when the pair did not pass the thresholds and was taken because of
 *     {@code force}
 * @param score the criterion score of the removed unit ({@link Kind#CRITERION_REMOVE}); NaN otherwise
 */
public record PruneAction(
    Kind kind,
    String method,
    int layer,
    int kept,
    int[] removed,
    double angleDeg,
    double alpha,
    double beta,
    boolean complementaryPair,
    boolean beyondThreshold,
    double score) {

  /** What a pruning action did. */
  public enum Kind {
    /** Similar pair, paper's rule: {@code W[:,k] += W[:,r]} (optionally with the mean correction in β). */
    SIMILAR_MERGE,
    /** Regression merge {@code W[:,k] += α·W[:,r]}, {@code b += β·W[:,r]} (similar or complementary pair). */
    REGRESS_MERGE,
    /** Complementary pair: both removed, mean joint contribution folded into the next bias. */
    COMPLEMENTARY_REMOVE,
    /** Near-constant unit folded into the next bias. */
    CONSTANT_FOLD,
    /** Lowest-scoring unit of a baseline criterion, mean contribution folded into the next bias. */
    CRITERION_REMOVE
  }

  /** Checks and copies the removed indices. */
  public PruneAction {
    if (kind == null || method == null) throw new IllegalArgumentException("kind and method must not be null");
    removed = removed.clone();
    int expected = kind == Kind.COMPLEMENTARY_REMOVE ? 2 : 1;
    if (removed.length != expected)
      throw new IllegalArgumentException(kind + " removes " + expected + " unit(s), got " + removed.length);
    Arrays.sort(removed);
  }

  /** @return the removed unit indices (a copy) */
  @Override
  public int[] removed() {
    return removed.clone();
  }

  /** @return number of units this action removed */
  public int unitsRemoved() {
    return removed.length;
  }

  /**
   * The pair as printed in the paper's tables: {@code (kept->removed)} for merges, {@code (i,j)
   * complementary}, {@code (h) constant}, {@code (h) METHOD} for criteria. A forced pair gets a trailing
   * {@code *}.
   *
   * @return the label
   */
  public String label() {
    String s;
    switch (kind) {
      case SIMILAR_MERGE:
      case REGRESS_MERGE:
        s = "(" + kept + "->" + removed[0] + ")";
        break;
      case COMPLEMENTARY_REMOVE:
        s = "(" + removed[0] + "," + removed[1] + ") complementary";
        break;
      case CONSTANT_FOLD:
        s = "(" + removed[0] + ") constant";
        break;
      default:
        s = "(" + removed[0] + ") " + method;
    }
    return beyondThreshold ? s + "*" : s;
  }

  /** @return one line describing the action in words, e.g. {@code merged 12 into 5 (similar, 3.20°, α=1)} */
  public String describe() {
    switch (kind) {
      case SIMILAR_MERGE:
      case REGRESS_MERGE:
        return String.format(
            Locale.ROOT, "merged %d into %d (%s pair, %.2f°, α=%.6g, β=%.6g%s)", removed[0], kept,
            complementaryPair ? "complementary" : "similar", angleDeg, alpha, beta, beyondThreshold ? ", forced" : "");
      case COMPLEMENTARY_REMOVE:
        return String.format(
            Locale.ROOT, "removed complementary pair %d,%d (%.2f°), mean contribution folded into the bias%s",
            removed[0], removed[1], angleDeg, beyondThreshold ? ", forced" : "");
      case CONSTANT_FOLD:
        return String.format(Locale.ROOT, "folded near-constant unit %d (mean %.6g) into the bias", removed[0], beta);
      default:
        return String.format(
            Locale.ROOT, "removed unit %d (lowest %s score %.6g), mean %.6g folded into the bias", removed[0],
            method, score, beta);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PruneAction a
        && a.kind == kind
        && a.method.equals(method)
        && a.layer == layer
        && a.kept == kept
        && Arrays.equals(a.removed, removed)
        && Double.compare(a.angleDeg, angleDeg) == 0
        && Double.compare(a.alpha, alpha) == 0
        && Double.compare(a.beta, beta) == 0
        && a.complementaryPair == complementaryPair
        && a.beyondThreshold == beyondThreshold
        && Double.compare(a.score, score) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * kind.hashCode() + kept) + Arrays.hashCode(removed);
  }

  @Override
  public String toString() {
    return kind + " " + label();
  }
}
