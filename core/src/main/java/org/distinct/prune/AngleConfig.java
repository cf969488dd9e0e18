package org.distinct.prune;

import org.distinct.BadInputException;

/**
 * Settings of the angle analysis (distinctiveness spec): the two thresholds, the near-constant tolerance
 * and the centring.
 *
 * @param similarDeg pairs with an angle strictly below this (degrees) are similar; default 15
 * @param complementaryDeg pairs with an angle strictly above this (degrees) are complementary; default 165
 * @param epsilon a unit whose centred vector is shorter than {@code epsilon·√N} is near-constant; default 1e-3
 * @param centring how activations are centred; default {@link Centring#natural()}
 */
public record AngleConfig(double similarDeg, double complementaryDeg, double epsilon, Centring centring) {

  /**
   * Validates the settings.
   *
   * @throws BadInputException when a threshold is outside [0, 180], similar ≥ complementary, or epsilon is
   *     negative or not finite
   */
  public AngleConfig {
    if (!(similarDeg >= 0 && similarDeg <= 180))
      throw new BadInputException("similar-angle threshold " + similarDeg + " must lie in [0, 180] degrees");
    if (!(complementaryDeg >= 0 && complementaryDeg <= 180))
      throw new BadInputException("complementary-angle threshold " + complementaryDeg + " must lie in [0, 180] degrees");
    if (!(similarDeg < complementaryDeg))
      throw new BadInputException(
          "similar-angle threshold " + similarDeg + " must be below the complementary-angle threshold " + complementaryDeg);
    if (!(epsilon >= 0 && Double.isFinite(epsilon)))
      throw new BadInputException("near-constant tolerance epsilon " + epsilon + " must be a finite number >= 0");
    if (centring == null) throw new IllegalArgumentException("centring is null");
  }

  /** @return 15°, 165°, ε = 1e-3, natural centring */
  public static AngleConfig defaults() {
    return new AngleConfig(15.0, 165.0, 1e-3, Centring.natural());
  }

  /**
   * @param similar new similar threshold (degrees)
   * @param complementary new complementary threshold (degrees)
   * @return a copy with other thresholds
   */
  public AngleConfig withThresholds(double similar, double complementary) {
    return new AngleConfig(similar, complementary, epsilon, centring);
  }

  /**
   * @param c the centring
   * @return a copy with another centring
   */
  public AngleConfig withCentring(Centring c) {
    return new AngleConfig(similarDeg, complementaryDeg, epsilon, c);
  }
}
