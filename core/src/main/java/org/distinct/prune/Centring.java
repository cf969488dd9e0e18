package org.distinct.prune;

import java.util.Locale;
import org.distinct.model.Activation;

/**
 * How activation vectors are centred before angles are measured (distinctiveness spec, "Activation
 * vectors"): the value subtracted from every activation of a unit so that angles span 0°–180°.
 *
 * @param kind the rule
 * @param value the subtracted value for {@link Kind#FIXED}; ignored (NaN) otherwise
 */
public record Centring(Kind kind, double value) {

  /** The centring rules. */
  public enum Kind {
    /**
     * The activation's natural centre ({@link Activation#centre()}: 0.5 for sigmoid, 0 for tanh); for
     * activations without one (ReLU, identity) the observed-range midpoint of each unit is used instead.
     */
    NATURAL,
    /** A fixed value subtracted from every unit (e.g. 0.5 or 0). */
    FIXED,
    /** Nothing subtracted (angles of the raw activation vectors, 0°–90° for non-negative units). */
    NONE,
    /** Per unit, the midpoint {@code (min + max) / 2} of its observed activations over the patterns. */
    MIDRANGE
  }

  /** Checks that a fixed centre is finite. */
  public Centring {
    if (kind == null) throw new IllegalArgumentException("centring kind is null");
    if (kind == Kind.FIXED && !Double.isFinite(value))
      throw new IllegalArgumentException("a fixed centre must be finite, got " + value);
    if (kind != Kind.FIXED) value = Double.NaN;
  }

  /** @return the activation's natural centre (the spec's default) */
  public static Centring natural() {
    return new Centring(Kind.NATURAL, Double.NaN);
  }

  /**
   * @param value subtracted from every activation
   * @return a fixed centring
   */
  public static Centring fixed(double value) {
    return new Centring(Kind.FIXED, value);
  }

  /** @return no centring */
  public static Centring none() {
    return new Centring(Kind.NONE, Double.NaN);
  }

  /** @return the observed-range midpoint of each unit */
  public static Centring midrange() {
    return new Centring(Kind.MIDRANGE, Double.NaN);
  }

  /**
   * Resolves {@link Kind#NATURAL} for an activation: the fixed natural centre when the activation has one,
   * {@link #midrange()} otherwise (or when the activation is unknown, {@code null}).
   *
   * @param activation the activation of the units, or {@code null} when unknown (activations from a file)
   * @return the rule actually applied (never {@link Kind#NATURAL})
   */
  public Centring resolve(Activation activation) {
    if (kind != Kind.NATURAL) return this;
    if (activation != null && !Double.isNaN(activation.centre())) return fixed(activation.centre());
    return midrange();
  }

  /**
   * Parses {@code natural}, {@code none}, {@code midrange} or a number (a fixed centre).
   *
   * @param text the text
   * @return the centring
   * @throws IllegalArgumentException when the text is none of these
   */
  public static Centring parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "natural":
        return natural();
      case "none":
        return none();
      case "midrange":
      case "range-midpoint":
        return midrange();
      default:
        try {
          return fixed(Double.parseDouble(t));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("unknown centring '" + text + "' (natural, none, midrange or a number)");
        }
    }
  }

  /** @return a short description, e.g. {@code fixed 0.5} or {@code observed-range midpoint per unit} */
  public String describe() {
    switch (kind) {
      case FIXED:
        return "fixed " + value;
      case NONE:
        return "none";
      case MIDRANGE:
        return "observed-range midpoint per unit";
      default:
        return "natural centre of the activation";
    }
  }
}
