package org.distinct.prune;

import org.distinct.BadInputException;

/**
 * Settings of {@link DistinctivenessPruner}.
 *
 * @param similarDeg similar if the angle is below this (degrees); default 15
 * @param complementaryDeg complementary if the angle is above this (degrees); default 165
 * @param epsilon near-constant tolerance (a centred vector shorter than {@code ε·√N}); default 1e-3
 * @param centring centring of the activation vectors; default natural
 * @param merge {@link MergeRule#PLAIN} (the paper's, default) or {@link MergeRule#REGRESS}
 * @param meanCorrection with the plain rule, also fold {@code W_out[:,r]·(mean(a_r) − mean(a_k))} into the
 *     next bias; default true (false reproduces the paper exactly)
 * @param order pair order; default {@link PairOrder#PAPER}
 * @param foldConstant fold near-constant units into the bias first (they count toward the step); default
 *     true
 * @param patterns which pattern set the caller passes (recorded for provenance; the caller selects the rows,
 *     e.g. with {@link PatternSet#select}); default TRAIN
 * @param layer the hidden layer pruned by the MLP convenience methods; default 0
 */
public record PrunerConfig(
    double similarDeg,
    double complementaryDeg,
    double epsilon,
    Centring centring,
    MergeRule merge,
    boolean meanCorrection,
    PairOrder order,
    boolean foldConstant,
    PatternSet patterns,
    int layer) {

  /**
   * Validates every field (thresholds as in {@link AngleConfig}).
   *
   * @throws BadInputException for thresholds or epsilon out of range, or a negative layer
   */
  public PrunerConfig {
    new AngleConfig(similarDeg, complementaryDeg, epsilon, centring);
    if (merge == null || order == null || patterns == null)
      throw new IllegalArgumentException("merge, order and patterns must not be null");
    if (layer < 0) throw new BadInputException("hidden layer index " + layer + " must be >= 0");
  }

  /** @return 15°, 165°, ε 1e-3, natural centring, plain merge with mean correction, paper order, fold constants, train, layer 0 */
  public static PrunerConfig defaults() {
    return new PrunerConfig(15, 165, 1e-3, Centring.natural(), MergeRule.PLAIN, true, PairOrder.PAPER, true, PatternSet.TRAIN, 0);
  }

  /** @return the paper's exact rule: {@link #defaults()} without the mean correction */
  public static PrunerConfig paper() {
    return defaults().withMeanCorrection(false);
  }

  /** @return the angle part of the settings */
  public AngleConfig angleConfig() {
    return new AngleConfig(similarDeg, complementaryDeg, epsilon, centring);
  }

  /**
   * @param s similar threshold
   * @param c complementary threshold
   * @return a copy with other thresholds
   */
  public PrunerConfig withThresholds(double s, double c) {
    return new PrunerConfig(s, c, epsilon, centring, merge, meanCorrection, order, foldConstant, patterns, layer);
  }

  /**
   * @param m merge rule
   * @return a copy
   */
  public PrunerConfig withMerge(MergeRule m) {
    return new PrunerConfig(similarDeg, complementaryDeg, epsilon, centring, m, meanCorrection, order, foldConstant, patterns, layer);
  }

  /**
   * @param on mean correction
   * @return a copy
   */
  public PrunerConfig withMeanCorrection(boolean on) {
    return new PrunerConfig(similarDeg, complementaryDeg, epsilon, centring, merge, on, order, foldConstant, patterns, layer);
  }

  /**
   * @param o order
   * @return a copy
   */
  public PrunerConfig withOrder(PairOrder o) {
    return new PrunerConfig(similarDeg, complementaryDeg, epsilon, centring, merge, meanCorrection, o, foldConstant, patterns, layer);
  }

  /**
   * @param on fold near-constant units
   * @return a copy
   */
  public PrunerConfig withFoldConstant(boolean on) {
    return new PrunerConfig(similarDeg, complementaryDeg, epsilon, centring, merge, meanCorrection, order, on, patterns, layer);
  }

  /**
   * @param c centring
   * @return a copy
   */
  public PrunerConfig withCentring(Centring c) {
    return new PrunerConfig(similarDeg, complementaryDeg, epsilon, c, merge, meanCorrection, order, foldConstant, patterns, layer);
  }

  /**
   * @param e epsilon
   * @return a copy
   */
  public PrunerConfig withEpsilon(double e) {
    return new PrunerConfig(similarDeg, complementaryDeg, e, centring, merge, meanCorrection, order, foldConstant, patterns, layer);
  }

  /**
   * @param p pattern set
   * @return a copy
   */
  public PrunerConfig withPatterns(PatternSet p) {
    return new PrunerConfig(similarDeg, complementaryDeg, epsilon, centring, merge, meanCorrection, order, foldConstant, p, layer);
  }

  /**
   * @param l hidden layer
   * @return a copy
   */
  public PrunerConfig withLayer(int l) {
    return new PrunerConfig(similarDeg, complementaryDeg, epsilon, centring, merge, meanCorrection, order, foldConstant, patterns, l);
  }
}
