package org.distinct.prune;

import java.util.ArrayList;
import java.util.List;

/**
 * The angle analysis of one layer's activation vectors over a pattern set (see {@link ActivationAngles}).
 *
 * <p>Arrays are owned by this result and shared, not copied: treat them as read-only.
 *
 * @param units number of units {@code H}
 * @param patterns number of patterns (rows) {@code N}
 * @param activations the raw (uncentred) activations, row-major {@code [N × H]} (shared with the caller)
 * @param anglesDeg angle matrix in degrees, row-major {@code [H × H]}, symmetric; NaN in every row and
 *     column of a near-constant unit (undefined angle), 0 on the diagonal of the others
 * @param constant {@code [H]} true for near-constant units (centred length {@code < ε·√N})
 * @param centredNorms {@code [H]} Euclidean length of each centred vector
 * @param centres {@code [H]} the value subtracted from each unit's activations
 * @param means {@code [H]} mean raw activation over the patterns
 * @param variances {@code [H]} population variance of the raw activation over the patterns
 * @param centringUsed the centring actually applied (never {@link Centring.Kind#NATURAL})
 * @param centringNote one line saying which centring was used and why, for printing
 * @param similar pairs of non-constant units with angle {@code < similarDeg}, smallest angle first
 * @param complementary pairs of non-constant units with angle {@code > complementaryDeg}, largest angle first
 * @param minAngleDeg minimum angle among pairs of non-constant units (NaN if fewer than two)
 * @param config the settings used
 */
public record AngleResult(
    int units,
    int patterns,
    double[] activations,
    double[] anglesDeg,
    boolean[] constant,
    double[] centredNorms,
    double[] centres,
    double[] means,
    double[] variances,
    Centring centringUsed,
    String centringNote,
    List<UnitPair> similar,
    List<UnitPair> complementary,
    double minAngleDeg,
    AngleConfig config) {

  /** Copies the lists. */
  public AngleResult {
    similar = List.copyOf(similar);
    complementary = List.copyOf(complementary);
  }

  /**
   * @param i unit
   * @param j unit
   * @return the angle between units i and j in degrees (NaN when either is near-constant)
   */
  public double angle(int i, int j) {
    return anglesDeg[i * units + j];
  }

  /** @return the indices of the near-constant units, ascending */
  public int[] constantUnits() {
    int c = 0;
    for (boolean b : constant) if (b) c++;
    int[] r = new int[c];
    c = 0;
    for (int h = 0; h < units; h++) if (constant[h]) r[c++] = h;
    return r;
  }

  /**
   * Number of similar and complementary partners of each unit.
   *
   * @return {@code [H]} partner counts (0 for near-constant units)
   */
  public int[] partnerCounts() {
    int[] c = new int[units];
    for (UnitPair p : similar) {
      c[p.i()]++;
      c[p.j()]++;
    }
    for (UnitPair p : complementary) {
      c[p.i()]++;
      c[p.j()]++;
    }
    return c;
  }

  /**
   * The angle matrix as rows, for printing or serialising.
   *
   * @return {@code H} rows of {@code H} angles (copies)
   */
  public List<double[]> angleRows() {
    List<double[]> rows = new ArrayList<>(units);
    for (int i = 0; i < units; i++) {
      double[] r = new double[units];
      System.arraycopy(anglesDeg, i * units, r, 0, units);
      rows.add(r);
    }
    return rows;
  }
}
