package org.distinct.tensor;

/**
 * An exponential written only with IEEE multiplications, additions and bit manipulation, so that the
 * scalar code here and the Vector API code in {@code VectorDenseKernels} give identical bits (the JDK's
 * {@code Math.exp} is an opaque intrinsic that vector code cannot reproduce).
 *
 * <p>Method (Cody–Waite): {@code k = rint(x / ln 2)} by adding and subtracting {@code 1.5·2⁵²},
 * {@code r = (x − k·ln2_hi) − k·ln2_lo} with {@code |r| ≤ ln2/2}, {@code e^r} by its Taylor polynomial of
 * degree 13 in Horner form (truncation error below 5e-18), times {@code 2^k} built from the exponent bits.
 * Accuracy: within 2 ulp of {@code Math.exp} (tested). Domain used by distinct: {@code x ≤ 0}; results
 * below {@code e^−708} (subnormal range) are returned as 0, and NaN stays NaN.
 */
public final class FastMath {
  private FastMath() {}

  /** {@code 1.5·2⁵²}: adding and subtracting it rounds a double of magnitude below 2⁵¹ to an integer. */
  static final double SHIFTER = 6755399441055744.0;
  /** Raw bits of {@link #SHIFTER}. */
  static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
  static final double LOG2E = 1.4426950408889634;
  static final double LN2_HI = 6.93147180369123816490e-01; // 0x3FE62E42FEE00000, exact with 32 low zero bits
  static final double LN2_LO = 1.90821492927058770002e-10;
  /** Below this argument the result is returned as 0. */
  static final double MIN_ARG = -708.0;
  /** Taylor coefficients 1/j! for j = 13 down to 0 (Horner order). */
  static final double[] C = {
    1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0,
    1.0 / 40320.0, 1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0, 1.0
  };
  static final double C13 = C[0], C12 = C[1], C11 = C[2], C10 = C[3], C9 = C[4], C8 = C[5], C7 = C[6];
  static final double C6 = C[7], C5 = C[8], C4 = C[9], C3 = C[10], C2 = C[11], C1 = C[12], C0 = C[13];

  /**
   * {@code e^x} for {@code x ≤ 0} (larger arguments are not supported: the result would overflow the
   * exponent construction above 709).
   *
   * @param x the argument, at most 0 (or NaN)
   * @return {@code e^x} within 2 ulp, 0 below {@code −708}, NaN for NaN
   */
  public static double expNonPositive(double x) {
    double xc = Math.max(x, MIN_ARG); // NaN stays NaN
    double t = xc * LOG2E + SHIFTER;
    double k = t - SHIFTER;
    long kBits = Double.doubleToRawLongBits(t) - SHIFTER_BITS;
    double r = (xc - k * LN2_HI) - k * LN2_LO;
    double p = C13;
    p = p * r + C12;
    p = p * r + C11;
    p = p * r + C10;
    p = p * r + C9;
    p = p * r + C8;
    p = p * r + C7;
    p = p * r + C6;
    p = p * r + C5;
    p = p * r + C4;
    p = p * r + C3;
    p = p * r + C2;
    p = p * r + C1;
    p = p * r + C0;
    double scale = Double.longBitsToDouble((kBits + 1023) << 52);
    double e = p * scale;
    return x < MIN_ARG ? 0.0 : e;
  }

  /**
   * Logistic sigmoid with {@link #expNonPositive}: {@code e = exp(−|z|)}, then {@code 1 / (1 + e)} for
   * {@code z ≥ 0} and {@code e / (1 + e)} for {@code z < 0} (never exponentiates a positive number).
   *
   * @param z the argument
   * @return {@code 1 / (1 + e^−z)}
   */
  public static double sigmoid(double z) {
    double e = expNonPositive(-Math.abs(z));
    return (z < 0 ? e : 1.0) / (1.0 + e);
  }
}
