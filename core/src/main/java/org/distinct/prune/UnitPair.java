package org.distinct.prune;

/**
 * Two units of one layer and the angle between their centred activation vectors.
 *
 * @param i the lower unit index (in the numbering of the analysed matrix)
 * @param j the higher unit index
 * @param angleDeg the angle in degrees, in [0, 180]
 */
public record UnitPair(int i, int j, double angleDeg) {

  /** Orders the indices. */
  public UnitPair {
    if (i == j) throw new IllegalArgumentException("a pair needs two different units, got " + i + " twice");
    if (i > j) {
      int t = i;
      i = j;
      j = t;
    }
  }
}
