package org.distinct.prune;

import java.util.ArrayList;
import java.util.Arrays;
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
   * The analysis of a subset of the units, as if computed from the activation columns {@code keep} alone.
   * Every per-unit and per-pair quantity depends only on that unit's or pair's columns, so the result is
   * bitwise identical to {@link ActivationAngles#compute} on the sub-matrix (the schedule uses this after
   * pruning a feed-forward layer, whose remaining units' activations do not change).
   *
   * @param keep unit indices to keep, ascending, at least one (Not modified)
   * @return the restricted analysis (new arrays)
   */
  public AngleResult restrict(int[] keep) {
    int k = keep.length;
    if (k == 0) throw new IllegalArgumentException("keep at least one unit");
    int[] newIndex = new int[units];
    Arrays.fill(newIndex, -1);
    for (int i = 0; i < k; i++) {
      if (keep[i] < 0 || keep[i] >= units || (i > 0 && keep[i] <= keep[i - 1]))
        throw new IllegalArgumentException("keep must be ascending unit indices below " + units);
      newIndex[keep[i]] = i;
    }
    double[] a = new double[patterns * k];
    for (int p = 0; p < patterns; p++) for (int i = 0; i < k; i++) a[p * k + i] = activations[p * units + keep[i]];
    double[] ang = new double[k * k];
    for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) ang[i * k + j] = anglesDeg[keep[i] * units + keep[j]];
    boolean[] con = new boolean[k];
    double[] nrm = new double[k];
    double[] cen = new double[k];
    double[] mu = new double[k];
    double[] var = new double[k];
    for (int i = 0; i < k; i++) {
      con[i] = constant[keep[i]];
      nrm[i] = centredNorms[keep[i]];
      cen[i] = centres[keep[i]];
      mu[i] = means[keep[i]];
      var[i] = variances[keep[i]];
    }
    List<UnitPair> sim = new ArrayList<>();
    for (UnitPair q : similar)
      if (newIndex[q.i()] >= 0 && newIndex[q.j()] >= 0) sim.add(new UnitPair(newIndex[q.i()], newIndex[q.j()], q.angleDeg()));
    List<UnitPair> comp = new ArrayList<>();
    for (UnitPair q : complementary)
      if (newIndex[q.i()] >= 0 && newIndex[q.j()] >= 0) comp.add(new UnitPair(newIndex[q.i()], newIndex[q.j()], q.angleDeg()));
    double min = Double.NaN;
    for (int i = 0; i < k; i++)
      for (int j = i + 1; j < k; j++) {
        double t = ang[i * k + j];
        if (!Double.isNaN(t) && (Double.isNaN(min) || t < min)) min = t;
      }
    return new AngleResult(k, patterns, a, ang, con, nrm, cen, mu, var, centringUsed, centringNote, sim, comp, min, config);
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
