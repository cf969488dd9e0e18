package org.distinct.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseKernels} with the Vector API ({@code jdk.incubator.vector}), loaded only through
 * {@link DenseKernelsProvider} when the module is present.
 *
 * <p>Each kernel keeps four independent accumulators in registers (four rows, or four output units, that
 * share one vector load), multiplies and adds lane-wise without fusing, and sums in the same order as
 * {@link PlainDenseKernels}, so both give identical bits. Row strides are multiples of
 * {@link DenseKernels#PAD}, a multiple of the species length.
 */
final class VectorDenseKernels implements DenseKernels {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  VectorDenseKernels() {
    if (PAD % L != 0) throw new IllegalStateException("vector length " + L + " does not divide " + PAD);
  }

  @Override
  public void affine(double[] x, int xOff, int xStride, int n, int in, double[] wt, double[] b, int outP, double[] y) {
    for (int c = 0; c < outP; c += L) {
      DoubleVector bv = DoubleVector.fromArray(S, b, c);
      int r = 0;
      for (; r + 4 <= n; r += 4) {
        int x0 = xOff + r * xStride;
        int x1 = x0 + xStride;
        int x2 = x1 + xStride;
        int x3 = x2 + xStride;
        DoubleVector a0 = bv, a1 = bv, a2 = bv, a3 = bv;
        for (int i = 0, wo = c; i < in; i++, wo += outP) {
          DoubleVector w = DoubleVector.fromArray(S, wt, wo);
          a0 = a0.add(w.mul(x[x0 + i]));
          a1 = a1.add(w.mul(x[x1 + i]));
          a2 = a2.add(w.mul(x[x2 + i]));
          a3 = a3.add(w.mul(x[x3 + i]));
        }
        int yo = r * outP + c;
        a0.intoArray(y, yo);
        a1.intoArray(y, yo + outP);
        a2.intoArray(y, yo + 2 * outP);
        a3.intoArray(y, yo + 3 * outP);
      }
      for (; r < n; r++) {
        int x0 = xOff + r * xStride;
        DoubleVector a0 = bv;
        for (int i = 0, wo = c; i < in; i++, wo += outP)
          a0 = a0.add(DoubleVector.fromArray(S, wt, wo).mul(x[x0 + i]));
        a0.intoArray(y, r * outP + c);
      }
    }
  }

  @Override
  public void outerGradients(double[] dy, int outP, int out, double[] x, int inP, int n, double[] dw, double[] db) {
    DoubleVector zero = DoubleVector.zero(S);
    for (int c = 0; c < inP; c += L) {
      int o = 0;
      for (; o + 4 <= out; o += 4) {
        DoubleVector a0 = zero, a1 = zero, a2 = zero, a3 = zero;
        for (int r = 0; r < n; r++) {
          DoubleVector xv = DoubleVector.fromArray(S, x, r * inP + c);
          int yo = r * outP + o;
          a0 = a0.add(xv.mul(dy[yo]));
          a1 = a1.add(xv.mul(dy[yo + 1]));
          a2 = a2.add(xv.mul(dy[yo + 2]));
          a3 = a3.add(xv.mul(dy[yo + 3]));
        }
        int wo = o * inP + c;
        a0.intoArray(dw, wo);
        a1.intoArray(dw, wo + inP);
        a2.intoArray(dw, wo + 2 * inP);
        a3.intoArray(dw, wo + 3 * inP);
      }
      for (; o < out; o++) {
        DoubleVector a0 = zero;
        for (int r = 0; r < n; r++) a0 = a0.add(DoubleVector.fromArray(S, x, r * inP + c).mul(dy[r * outP + o]));
        a0.intoArray(dw, o * inP + c);
      }
    }
    for (int c = 0; c < outP; c += L) {
      DoubleVector a0 = zero;
      for (int r = 0; r < n; r++) a0 = a0.add(DoubleVector.fromArray(S, dy, r * outP + c));
      a0.intoArray(db, c);
    }
  }

  @Override
  public void multiply(double[] dy, int outP, int out, double[] w, int inP, int n, double[] dx) {
    DoubleVector zero = DoubleVector.zero(S);
    for (int c = 0; c < inP; c += L) {
      int r = 0;
      for (; r + 4 <= n; r += 4) {
        int y0 = r * outP;
        DoubleVector a0 = zero, a1 = zero, a2 = zero, a3 = zero;
        for (int o = 0, wo = c; o < out; o++, wo += inP) {
          DoubleVector wv = DoubleVector.fromArray(S, w, wo);
          a0 = a0.add(wv.mul(dy[y0 + o]));
          a1 = a1.add(wv.mul(dy[y0 + outP + o]));
          a2 = a2.add(wv.mul(dy[y0 + 2 * outP + o]));
          a3 = a3.add(wv.mul(dy[y0 + 3 * outP + o]));
        }
        int xo = r * inP + c;
        a0.intoArray(dx, xo);
        a1.intoArray(dx, xo + inP);
        a2.intoArray(dx, xo + 2 * inP);
        a3.intoArray(dx, xo + 3 * inP);
      }
      for (; r < n; r++) {
        DoubleVector a0 = zero;
        for (int o = 0, wo = c; o < out; o++, wo += inP)
          a0 = a0.add(DoubleVector.fromArray(S, w, wo).mul(dy[r * outP + o]));
        a0.intoArray(dx, r * inP + c);
      }
    }
  }

  @Override
  public void sigmoid(double[] z, int len) {
    for (int i = 0; i < len; i += L) {
      DoubleVector v = DoubleVector.fromArray(S, z, i);
      DoubleVector e = expNonPositive(v.lanewise(VectorOperators.ABS).neg());
      VectorMask<Double> negative = v.compare(VectorOperators.LT, 0.0);
      DoubleVector num = DoubleVector.broadcast(S, 1.0).blend(e, negative);
      num.div(e.add(1.0)).intoArray(z, i);
    }
  }

  /** Lane-wise {@link FastMath#expNonPositive}, the same operations in the same order. */
  static DoubleVector expNonPositive(DoubleVector x) {
    DoubleVector xc = x.max(FastMath.MIN_ARG);
    DoubleVector t = xc.mul(FastMath.LOG2E).add(FastMath.SHIFTER);
    DoubleVector k = t.sub(FastMath.SHIFTER);
    LongVector kBits = ((LongVector) t.viewAsIntegralLanes()).sub(FastMath.SHIFTER_BITS);
    DoubleVector r = xc.sub(k.mul(FastMath.LN2_HI)).sub(k.mul(FastMath.LN2_LO));
    DoubleVector p = DoubleVector.broadcast(S, FastMath.C13);
    p = p.mul(r).add(FastMath.C12);
    p = p.mul(r).add(FastMath.C11);
    p = p.mul(r).add(FastMath.C10);
    p = p.mul(r).add(FastMath.C9);
    p = p.mul(r).add(FastMath.C8);
    p = p.mul(r).add(FastMath.C7);
    p = p.mul(r).add(FastMath.C6);
    p = p.mul(r).add(FastMath.C5);
    p = p.mul(r).add(FastMath.C4);
    p = p.mul(r).add(FastMath.C3);
    p = p.mul(r).add(FastMath.C2);
    p = p.mul(r).add(FastMath.C1);
    p = p.mul(r).add(FastMath.C0);
    DoubleVector scale = (DoubleVector) kBits.add(1023).lanewise(VectorOperators.LSHL, 52).viewAsFloatingLanes();
    DoubleVector e = p.mul(scale);
    return e.blend(0.0, x.compare(VectorOperators.LT, FastMath.MIN_ARG));
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
