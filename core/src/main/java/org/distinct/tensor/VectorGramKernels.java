package org.distinct.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GramKernels} on the Vector API: the lanes are consecutive columns j of one row i of G, so each element gets
 * exactly the operations of {@link PlainGramKernels} (multiplications, then additions from left to right, then the
 * addition to G); the columns left over at the end of a row take the plain loop ({@link PlainGramKernels}). Loaded only by
 * {@link GramKernelsProvider} after it has checked that the module is present.
 */
final class VectorGramKernels implements GramKernels {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  VectorGramKernels() {}

  @Override
  public void rank4(double[] c, int h, double[] g) {
    int o1 = h;
    int o2 = 2 * h;
    int o3 = 3 * h;
    for (int i = 0; i < h; i++) {
      DoubleVector v0 = DoubleVector.broadcast(S, c[i]);
      DoubleVector v1 = DoubleVector.broadcast(S, c[o1 + i]);
      DoubleVector v2 = DoubleVector.broadcast(S, c[o2 + i]);
      DoubleVector v3 = DoubleVector.broadcast(S, c[o3 + i]);
      int gi = i * h;
      int j = i;
      for (; j + L <= h; j += L) {
        DoubleVector t = v0.mul(DoubleVector.fromArray(S, c, j))
            .add(v1.mul(DoubleVector.fromArray(S, c, o1 + j)))
            .add(v2.mul(DoubleVector.fromArray(S, c, o2 + j)))
            .add(v3.mul(DoubleVector.fromArray(S, c, o3 + j)));
        DoubleVector.fromArray(S, g, gi + j).add(t).intoArray(g, gi + j);
      }
      PlainGramKernels.rank4Row(c, h, g, i, j);
    }
  }

  @Override
  public void rank1(double[] c, int off, int h, double[] g) {
    for (int i = 0; i < h; i++) {
      DoubleVector vi = DoubleVector.broadcast(S, c[off + i]);
      int gi = i * h;
      int j = i;
      for (; j + L <= h; j += L) DoubleVector.fromArray(S, g, gi + j).add(vi.mul(DoubleVector.fromArray(S, c, off + j))).intoArray(g, gi + j);
      PlainGramKernels.rank1Row(c, off, h, g, i, j);
    }
  }

  @Override
  public boolean rangeRow(double[] a, int off, int h, double[] sum, double[] min, double[] max) {
    int u = 0;
    for (; u + L <= h; u += L) {
      DoubleVector v = DoubleVector.fromArray(S, a, off + u);
      if (!v.test(VectorOperators.IS_FINITE).allTrue()) return false;
      DoubleVector.fromArray(S, sum, u).add(v).intoArray(sum, u);
      DoubleVector lo = DoubleVector.fromArray(S, min, u);
      lo.blend(v, v.compare(VectorOperators.LT, lo)).intoArray(min, u);
      DoubleVector hi = DoubleVector.fromArray(S, max, u);
      hi.blend(v, v.compare(VectorOperators.GT, hi)).intoArray(max, u);
    }
    return PlainGramKernels.rangeRow(a, off, u, h, sum, min, max);
  }

  @Override
  public void centreRow(double[] a, int off, int h, double[] centres, double[] means, double[] c, int cOff, double[] ss) {
    int u = 0;
    for (; u + L <= h; u += L) {
      DoubleVector v = DoubleVector.fromArray(S, a, off + u);
      v.sub(DoubleVector.fromArray(S, centres, u)).intoArray(c, cOff + u);
      DoubleVector d = v.sub(DoubleVector.fromArray(S, means, u));
      DoubleVector.fromArray(S, ss, u).add(d.mul(d)).intoArray(ss, u);
    }
    PlainGramKernels.centreRow(a, off, u, h, centres, means, c, cOff, ss);
  }

  @Override
  public String name() {
    return "vector, " + L + " lanes";
  }

  @Override
  public int lanes() {
    return L;
  }
}
