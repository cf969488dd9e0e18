package org.distinct.tensor;

/**
 * The scalar twins of {@link VectorTanh}, in a class that does not touch the Vector API (so that plain-Java kernels
 * can use them in a JVM without {@code jdk.incubator.vector}): the same constants and the same IEEE operations in the
 * same order as the vector lanes, hence the same bits lane for lane ({@code VectorTanhTest} checks it). The constants
 * live here and {@link VectorTanh} reads them, so the two cannot drift apart.
 *
 * <ul>
 *   <li>float: the rational minimax approximation of Eigen ({@code x·P(x²)/Q(x²)}, degrees 13/6, x clamped to
 *       ±{@link #CLAMP}): within 4 float ulps, absolute error below 3e-7.
 *   <li>double: {@code tanh|x| = E/(E + 2)} with {@code E = expm1(2|x|) = 2^k·expm1(r) + (2^k − 1)}, from the range
 *       reduction {@code 2|x| = k·ln 2 + r} and {@code expm1(r)} as its degree-13 Taylor polynomial.
 * </ul>
 */
final class ScalarTanh {
  private ScalarTanh() {}

  // float: Eigen's generic_fast_tanh_float coefficients
  static final float CLAMP = 7.90531110763549805f;
  static final float A1 = 4.89352455891786e-03f;
  static final float A3 = 6.37261928875436e-04f;
  static final float A5 = 1.48572235717979e-05f;
  static final float A7 = 5.12229709037114e-08f;
  static final float A9 = -8.60467152213735e-11f;
  static final float A11 = 2.00018790482477e-13f;
  static final float A13 = -2.76076847742355e-16f;
  static final float B0 = 4.89352518554385e-03f;
  static final float B2 = 2.26843463243900e-03f;
  static final float B4 = 1.18534705686654e-04f;
  static final float B6 = 1.19825839466702e-06f;

  // double: tanh|x| = E/(E + 2), E = expm1(2|x|) by range reduction
  static final double YMAX = 40; // tanh(20) rounds to 1
  static final double LOG2E = 1.4426950408889634;
  static final double LN2_HI = 6.93147180369123816490e-01;
  static final double LN2_LO = 1.90821492927058770002e-10;
  static final double MAGIC = 0x1.8p52; // adding it rounds to an integer held in the low bits
  static final long MAGIC_BITS = Double.doubleToRawLongBits(MAGIC);
  /** 1/k! for k = 0..13 (read only: the vector twin reads it too). */
  static final double[] INV_FACT = invFact(); // [14]

  private static double[] invFact() {
    double[] a = new double[14];
    double f = 1;
    for (int k = 0; k < a.length; k++) {
      if (k > 0) f *= k;
      a[k] = 1.0 / f;
    }
    return a;
  }

  /**
   * @param v argument
   * @return tanh(v), the bits of a lane of {@link VectorTanh#tanh(float[], int, int)}
   */
  static float tanh(float v) {
    float x = Math.min(Math.max(v, -CLAMP), CLAMP);
    float x2 = x * x;
    float p = Math.fma(x2, A13, A11);
    p = Math.fma(p, x2, A9);
    p = Math.fma(p, x2, A7);
    p = Math.fma(p, x2, A5);
    p = Math.fma(p, x2, A3);
    p = Math.fma(p, x2, A1);
    p = p * x;
    float q = Math.fma(x2, B6, B4);
    q = Math.fma(q, x2, B2);
    q = Math.fma(q, x2, B0);
    return p / q;
  }

  /**
   * @param x argument
   * @return tanh(x), the bits of a lane of {@link VectorTanh#tanh(double[], int, int)}
   */
  static double tanh(double x) {
    double ax = Math.abs(x);
    double y = Math.min(ax + ax, YMAX);
    double t = Math.fma(y, LOG2E, MAGIC);
    double k = t - MAGIC;
    double nk = -k;
    double r = Math.fma(nk, LN2_HI, y);
    r = Math.fma(nk, LN2_LO, r);
    double q = Math.fma(r, INV_FACT[13], INV_FACT[12]);
    for (int i = 11; i >= 2; i--) q = Math.fma(q, r, INV_FACT[i]);
    double em = Math.fma(r * r, q, r);
    long kl = Double.doubleToRawLongBits(t) - MAGIC_BITS;
    double scale = Double.longBitsToDouble((kl + 1023L) << 52);
    double e = Math.fma(scale, em, scale - 1.0);
    double th = e / (e + 2.0);
    return x < 0.0 ? -th : th;
  }

  /**
   * tanh in place on {@code a[from..to)}, element by element.
   *
   * @param a values (Modified)
   * @param from first index
   * @param to end index
   */
  static void tanh(float[] a, int from, int to) {
    for (int i = from; i < to; i++) a[i] = tanh(a[i]);
  }

  /**
   * tanh in place on {@code a[from..to)}, element by element.
   *
   * @param a values (Modified)
   * @param from first index
   * @param to end index
   */
  static void tanh(double[] a, int from, int to) {
    for (int i = from; i < to; i++) a[i] = tanh(a[i]);
  }
}
