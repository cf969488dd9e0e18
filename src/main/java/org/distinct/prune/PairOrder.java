package org.distinct.prune;

/**
 * The order in which redundant pairs are taken. A unit's <em>partners</em> are the other units it is
 * similar ({@code θ < similar}) or complementary ({@code θ > complementary}) to; the closeness of a pair is
 * {@code θ} for a similar and {@code 180° − θ} for a complementary pair.
 */
public enum PairOrder {
  /**
   * The paper's MLP procedure: rank units by number of partners, most first (ties: closest partner first,
   * then higher index first); the top unit is removed and paired with its closest partner, which is kept.
   * Ties favour keeping the lower index, as in all of the paper's Table 2 pairs.
   */
  PAPER,
  /** The closest pair first; within the pair the unit ranked first by {@link #PAPER} is removed. */
  SMALLEST_ANGLE,
  /** The paper's "gentle" RNN order: units with the fewest (but at least one) partners first. */
  FEWEST_PARTNERS;

  /**
   * @param text {@code paper}, {@code smallest-angle} or {@code fewest-partners} (case-insensitive)
   * @return the order
   * @throws IllegalArgumentException for anything else
   */
  public static PairOrder parse(String text) {
    String t = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    for (PairOrder o : values()) if (o.name().equals(t)) return o;
    throw new IllegalArgumentException("unknown order '" + text + "' (paper, smallest-angle, fewest-partners)");
  }
}
