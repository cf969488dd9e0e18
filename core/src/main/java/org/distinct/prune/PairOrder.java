package org.distinct.prune;

import java.util.Locale;

/**
 * The order in which redundant pairs are taken. A unit's <em>partners</em> are the other units it is
 * similar ({@code θ < similar}) or complementary ({@code θ > complementary}) to; the closeness of a pair is
 * {@code θ} for a similar and {@code 180° − θ} for a complementary pair. Units are ranked first by the number
 * of units they are <em>similar</em> to (the spec's rule, Gedeon &amp; Harris 1991), then by their number of
 * partners of either kind, so a unit with only complementary partners still takes its turn after them.
 */
public enum PairOrder {
  /**
   * The paper's MLP procedure: rank units by number of similar units, most first (ties: more partners of either
   * kind, closest partner, higher index); the top unit is removed and paired with its closest partner, which is
   * kept.
   * Ties favour keeping the lower index, as in all of the paper's Table 2 pairs.
   */
  PAPER,
  /** The closest pair first; within the pair the unit ranked first by {@link #PAPER} is removed. */
  SMALLEST_ANGLE,
  /**
   * The paper's "gentle" RNN order: units with the fewest (but at least one) similar units first, then units
   * with only complementary partners.
   */
  FEWEST_PARTNERS;

  /**
   * @param text {@code paper}, {@code smallest-angle} or {@code fewest-partners} (case-insensitive)
   * @return the order
   * @throws IllegalArgumentException for anything else
   */
  public static PairOrder parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (PairOrder o : values()) if (o.name().equals(t)) return o;
    throw new IllegalArgumentException("unknown order '" + text + "' (paper, smallest-angle, fewest-partners)");
  }
}
