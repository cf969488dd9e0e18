package org.distinct.prune;

import java.util.List;
import org.distinct.util.Indices;

/**
 * One elementary surgery on a layer: remove unit {@code removed} after moving its outgoing weights
 * {@code W_out[:,removed]} elsewhere,
 *
 * <pre>
 *   W_out[:,target] += alpha · W_out[:,removed]   (only when target ≥ 0)
 *   b_out           += beta  · W_out[:,removed]
 * </pre>
 *
 * <p>Every rule of the distinctiveness spec is a fold or a pair of folds: the plain similar merge is
 * {@code (r, k, 1, 0)} (with the mean correction {@code β = mean(a_r) − mean(a_k)}), the regression merge
 * {@code (r, k, α, β)}, a near-constant unit or a criterion removal {@code (h, −1, ·, mean(a_h))}, a
 * complementary pair {@code (i, −1, ·, mean(a_i))} then {@code (j, −1, ·, mean(a_j))}. Folds of one call are
 * applied in order, each to the outgoing weights as left by the previous ones. Unit indices are those of
 * the model the folds are applied to.
 *
 * @param removed the unit removed
 * @param target the unit receiving {@code alpha · W_out[:,removed]}, or −1 for none
 * @param alpha factor on the removed unit's outgoing weights added to the target's (ignored if target −1)
 * @param beta factor on the removed unit's outgoing weights added to the next layer's bias
 */
public record UnitFold(int removed, int target, double alpha, double beta) {

  /** Checks indices and finiteness. */
  public UnitFold {
    if (removed < 0) throw new IllegalArgumentException("removed unit index " + removed + " is negative");
    if (target < -1) throw new IllegalArgumentException("target unit index " + target + " is invalid");
    if (target == removed) throw new IllegalArgumentException("unit " + removed + " cannot be merged into itself");
    if (target >= 0 && !Double.isFinite(alpha)) throw new IllegalArgumentException("alpha " + alpha + " is not finite");
    if (!Double.isFinite(beta)) throw new IllegalArgumentException("beta " + beta + " is not finite");
    if (target < 0) alpha = 0.0;
  }

  /**
   * Merge {@code removed} into {@code kept}: {@code W[:,kept] += alpha·W[:,removed]},
   * {@code b += beta·W[:,removed]}.
   *
   * @param kept the unit kept
   * @param removed the unit removed
   * @param alpha factor (1 for the paper's rule)
   * @param beta bias factor (0 for the paper's rule)
   * @return the fold
   */
  public static UnitFold merge(int kept, int removed, double alpha, double beta) {
    return new UnitFold(removed, kept, alpha, beta);
  }

  /**
   * Remove {@code unit} and fold its mean contribution into the bias: {@code b += mean·W[:,unit]}.
   *
   * @param unit the unit removed
   * @param mean its mean activation over the patterns
   * @return the fold
   */
  public static UnitFold toBias(int unit, double mean) {
    return new UnitFold(unit, -1, 0.0, mean);
  }

  /**
   * The units that survive a list of folds, in their order.
   *
   * @param units number of units before
   * @param folds the folds
   * @return the indices (old numbering) of the remaining units, ascending
   */
  public static int[] survivors(int units, List<UnitFold> folds) {
    boolean[] removed = new boolean[units];
    for (UnitFold f : folds) removed[f.removed()] = true;
    return Indices.survivors(removed);
  }
}
