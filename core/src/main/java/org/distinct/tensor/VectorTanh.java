package org.distinct.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * tanh on Vector API lanes built only from IEEE-exact operations (fused multiply-add, multiply, divide,
 * min/max, bit moves), so that a lane gets the same bits whether the JIT has compiled the code (C2
 * intrinsics) or not (the Vector API's Java fallback). The library's lane-wise {@code TANH} calls SVML when
 * compiled and {@link Math#tanh} otherwise, which differ in the last bit and would make training results
 * depend on JIT timing. Each vector method has a scalar twin doing the same operations in the same order
 * ({@link ScalarTanh}, which also holds the constants; tests check they agree bit for bit).
 *
 * <ul>
 *   <li>float: the rational minimax approximation of Eigen ({@code x·P(x²)/Q(x²)}, degrees 13/6, x clamped
 *       to ±7.90531110763549805): within 4 float ulps, absolute error below 3e-7.
 *   <li>double: {@code tanh|x| = E/(E + 2)} with {@code E = expm1(2|x|) = 2^k·expm1(r) + (2^k − 1)}, from
 *       the range reduction {@code 2|x| = k·ln 2 + r} (|r| ≤ ln 2 / 2) and {@code expm1(r)} as its degree-13
 *       Taylor polynomial {@code r + r²·q(r)}; no cancellation for small |x|; at most 4 double ulps from
 *       {@link StrictMath#tanh} over 5 million random arguments (the test allows 6).
 * </ul>
 */
final class VectorTanh {
  private VectorTanh() {}

  private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;

  // the constants of both approximations live in ScalarTanh (one source for the vector and the scalar twins)
  private static final float CLAMP = ScalarTanh.CLAMP;
  private static final float A1 = ScalarTanh.A1;
  private static final float A3 = ScalarTanh.A3;
  private static final float A5 = ScalarTanh.A5;
  private static final float A7 = ScalarTanh.A7;
  private static final float A9 = ScalarTanh.A9;
  private static final float A11 = ScalarTanh.A11;
  private static final float A13 = ScalarTanh.A13;
  private static final float B0 = ScalarTanh.B0;
  private static final float B2 = ScalarTanh.B2;
  private static final float B4 = ScalarTanh.B4;
  private static final float B6 = ScalarTanh.B6;
  private static final double YMAX = ScalarTanh.YMAX;
  private static final double LOG2E = ScalarTanh.LOG2E;
  private static final double LN2_HI = ScalarTanh.LN2_HI;
  private static final double LN2_LO = ScalarTanh.LN2_LO;
  private static final double MAGIC = ScalarTanh.MAGIC;
  private static final long MAGIC_BITS = ScalarTanh.MAGIC_BITS;
  private static final double[] INV_FACT = ScalarTanh.INV_FACT; // [14] 1/k!

  /**
   * tanh in place on {@code a[from..to)}, a whole number of vectors (array in, array out: no vector crosses
   * a call boundary, so nothing is boxed whatever the JIT inlines).
   *
   * @param a values (Modified)
   * @param from first index
   * @param to end index; {@code to − from} a multiple of the species length
   */
  static void tanh(float[] a, int from, int to) {
    for (int i = from; i < to; i += FS.length()) {
      FloatVector x = FloatVector.fromArray(FS, a, i).max(-CLAMP).min(CLAMP);
      FloatVector x2 = x.mul(x);
      FloatVector p = x2.fma(A13, A11);
      p = p.fma(x2, x2.broadcast(A9));
      p = p.fma(x2, x2.broadcast(A7));
      p = p.fma(x2, x2.broadcast(A5));
      p = p.fma(x2, x2.broadcast(A3));
      p = p.fma(x2, x2.broadcast(A1));
      p = p.mul(x);
      FloatVector q = x2.fma(B6, B4);
      q = q.fma(x2, x2.broadcast(B2));
      q = q.fma(x2, x2.broadcast(B0));
      p.div(q).intoArray(a, i);
    }
  }

  /**
   * @param v argument
   * @return tanh(v), the scalar twin ({@link ScalarTanh#tanh(float)})
   */
  static float tanh(float v) {
    return ScalarTanh.tanh(v);
  }

  /**
   * tanh in place on {@code a[from..to)}, a whole number of vectors.
   *
   * @param a values (Modified)
   * @param from first index
   * @param to end index; {@code to − from} a multiple of the species length
   */
  static void tanh(double[] a, int from, int to) {
    for (int i = from; i < to; i += DS.length()) {
      DoubleVector x = DoubleVector.fromArray(DS, a, i);
      DoubleVector ax = x.abs();
      // y = 2|x| = k·ln2 + r, |r| <= ln2/2 (about)
      DoubleVector y = ax.add(ax).min(YMAX);
      DoubleVector t = y.fma(LOG2E, MAGIC);
      DoubleVector k = t.sub(MAGIC);
      DoubleVector nk = k.neg();
      DoubleVector r = nk.fma(nk.broadcast(LN2_HI), y);
      r = nk.fma(nk.broadcast(LN2_LO), r);
      // expm1(r) = r + r²·q(r), q(r) = Σ_{i=0..11} r^i / (i+2)!
      DoubleVector q = r.fma(INV_FACT[13], INV_FACT[12]);
      q = q.fma(r, r.broadcast(INV_FACT[11]));
      q = q.fma(r, r.broadcast(INV_FACT[10]));
      q = q.fma(r, r.broadcast(INV_FACT[9]));
      q = q.fma(r, r.broadcast(INV_FACT[8]));
      q = q.fma(r, r.broadcast(INV_FACT[7]));
      q = q.fma(r, r.broadcast(INV_FACT[6]));
      q = q.fma(r, r.broadcast(INV_FACT[5]));
      q = q.fma(r, r.broadcast(INV_FACT[4]));
      q = q.fma(r, r.broadcast(INV_FACT[3]));
      q = q.fma(r, r.broadcast(INV_FACT[2]));
      DoubleVector em = r.mul(r).fma(q, r);
      // expm1(y) = 2^k·expm1(r) + (2^k − 1)
      LongVector kl = ((LongVector) t.reinterpretAsLongs()).sub(MAGIC_BITS);
      DoubleVector scale = (DoubleVector) kl.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
      DoubleVector e = scale.fma(em, scale.sub(1.0));
      DoubleVector th = e.div(e.add(2.0));
      th.blend(th.neg(), x.compare(VectorOperators.LT, 0.0)).intoArray(a, i);
    }
  }

  /**
   * @param x argument
   * @return tanh(x), the scalar twin ({@link ScalarTanh#tanh(double)})
   */
  static double tanh(double x) {
    return ScalarTanh.tanh(x);
  }
}
