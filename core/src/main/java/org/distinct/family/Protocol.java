package org.distinct.family;

import java.util.Locale;
import org.distinct.BadInputException;

/**
 * The evaluation protocol of the paper's Table 1 for one architecture: hold out a test part, cross-validate on the
 * rest, train a final model on the whole training part.
 *
 * @param folds cross-validation folds (0 = none, else ≥ 2)
 * @param testFraction fraction held out for the final test, in (0, 1)
 * @param split how the test part is chosen
 */
public record Protocol(int folds, double testFraction, Split split) {

  /** How the test part (and the folds) are drawn. */
  public enum Split {
    /** Whole participants (groups) held out; folds grouped too (GroupKFold). */
    GROUPED,
    /** Class-stratified rows (folds stratified). */
    STRATIFIED,
    /** Random rows (folds random): leaks participants, shown to measure the leakage. */
    RANDOM,
    /** The paper's RNN split: a fraction of each song's sequences; folds participant-grouped. */
    SONG;

    /** @return the lower-case word used in options and study files */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a split name (case-insensitive)
     * @return the split
     * @throws IllegalArgumentException for another text
     */
    public static Split parse(String text) {
      for (Split s : values()) if (s.label().equals(text.trim().toLowerCase(Locale.ROOT))) return s;
      throw new IllegalArgumentException("unknown split '" + text + "' (grouped, stratified, random, song)");
    }
  }

  /** Validates. */
  public Protocol {
    if (folds != 0 && folds < 2) throw new BadInputException("--folds: must be 0 or at least 2, got " + folds);
    if (!(testFraction > 0 && testFraction < 1)) throw new BadInputException("--test-fraction: must be in (0, 1), got " + testFraction);
    if (split == null) throw new IllegalArgumentException("split is null");
  }

  /**
   * @param f folds, or null to keep
   * @param t test fraction, or null to keep
   * @param s split, or null to keep
   * @return a copy with the given fields replaced
   */
  public Protocol with(Integer f, Double t, Split s) {
    return new Protocol(f == null ? folds : f, t == null ? testFraction : t, s == null ? split : s);
  }
}
