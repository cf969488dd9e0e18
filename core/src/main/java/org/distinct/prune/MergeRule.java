package org.distinct.prune;

import java.util.Locale;

/** How a similar pair is merged (distinctiveness spec). */
public enum MergeRule {
  /** The paper's rule {@code W_out[:,k] += W_out[:,r]} (plus the optional mean correction). */
  PLAIN,
  /**
   * Least-squares {@code a_r ≈ α a_k + β}: {@code W_out[:,k] += α W_out[:,r]}, {@code b_out += β W_out[:,r]}.
   * A complementary pair whose outgoing weights differ is merged this way (α &lt; 0) instead of removed.
   */
  REGRESS;

  /**
   * @param text {@code add}/{@code plain} or {@code regress} (case-insensitive)
   * @return the rule
   * @throws IllegalArgumentException for anything else
   */
  public static MergeRule parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("add") || t.equals("plain")) return PLAIN;
    if (t.equals("regress") || t.equals("regression")) return REGRESS;
    throw new IllegalArgumentException("unknown merge rule '" + text + "' (add, regress)");
  }
}
