package org.distinct.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.distinct.tensor.Conv1dPacking.DoubleLayer;
import org.distinct.tensor.Conv1dPacking.FloatLayer;

/**
 * {@link Conv1dKernels} on the Vector API ({@code jdk.incubator.vector}), preferred species (512 bits on AVX-512: 16
 * floats or 8 doubles per vector). Output channels are padded to a multiple of the vector length.
 *
 * <ul>
 *   <li>Forward: a register tile of 4 output positions × up to 2 channel vectors; each window element is broadcast
 *       and fused-multiply-added into the tile, each weight row is loaded once for the 4 positions.
 *   <li>Weight gradients: {@code Σ_q windowᵀ·dz} as a register tile of 8 (or 4, or 1) window elements × one channel
 *       vector, accumulated over all positions before one read-modify-write of the gradient.
 *   <li>Input gradients: two positions at a time, vectorised over the window (4 vectors per block), broadcasting
 *       each channel's gradient; every input gradient receives the positions' sums in position order, so the bits
 *       do not depend on the vector length.
 * </ul>
 *
 * tanh is {@link VectorTanh} (exact IEEE operations only, so results do not depend on whether the JIT has compiled a
 * method). Loaded only by {@link Conv1dKernelsProvider} after it has checked that the module is present; no other
 * class refers to this one.
 */
final class VectorConv1dKernels implements Conv1dKernels {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int FL = F.length();
  private static final int DL = D.length();

  VectorConv1dKernels() {}

  @Override
  public String name() {
    return "vector-" + F.vectorBitSize();
  }

  @Override
  public int paddedChannels(int channels, boolean doublePrecision) {
    if (channels <= 0) throw new IllegalArgumentException("channels must be positive: " + channels);
    int l = doublePrecision ? DL : FL;
    return (channels + l - 1) / l * l;
  }

  // ---------------------------------------------------------------- double forward (inference)

  @Override
  public void forward(DoubleLayer layer, double[] x, int xOff, int positions, double[] out, int outOff) {
    int os = layer.g().outStride();
    boolean relu = layer.f() == Nonlinearity.RELU;
    int v = 0;
    for (; v + 2 * DL <= os; v += 2 * DL) forwardDouble(layer, x, xOff, positions, out, outOff, v, 2, relu);
    for (; v < os; v += DL) forwardDouble(layer, x, xOff, positions, out, outOff, v, 1, relu);
    if (!relu) VectorTanh.tanh(out, outOff, outOff + positions * os);
  }

  /** Output channels {@code [v, v + vectors·DL)} of every position (vectors 1 or 2); ReLU applied, tanh not yet. */
  private static void forwardDouble(DoubleLayer layer, double[] x, int xOff, int positions, double[] out, int outOff, int v, int vectors,
      boolean relu) {
    int window = layer.g().window();
    int step = layer.g().step();
    int os = layer.g().outStride();
    double[] w = layer.w();
    DoubleVector b0 = DoubleVector.fromArray(D, layer.b(), v);
    DoubleVector b1 = vectors == 2 ? DoubleVector.fromArray(D, layer.b(), v + DL) : b0;
    double lo = relu ? 0.0 : Double.NEGATIVE_INFINITY;
    int q = 0;
    for (; q + 4 <= positions; q += 4) {
      DoubleVector a0 = b0, a1 = b0, a2 = b0, a3 = b0;
      DoubleVector c0 = b1, c1 = b1, c2 = b1, c3 = b1;
      int x0 = xOff + q * step;
      for (int m = 0; m < window; m++) {
        int wo = m * os + v;
        DoubleVector w0 = DoubleVector.fromArray(D, w, wo);
        DoubleVector e0 = DoubleVector.broadcast(D, x[x0 + m]);
        DoubleVector e1 = DoubleVector.broadcast(D, x[x0 + step + m]);
        DoubleVector e2 = DoubleVector.broadcast(D, x[x0 + 2 * step + m]);
        DoubleVector e3 = DoubleVector.broadcast(D, x[x0 + 3 * step + m]);
        a0 = w0.fma(e0, a0);
        a1 = w0.fma(e1, a1);
        a2 = w0.fma(e2, a2);
        a3 = w0.fma(e3, a3);
        if (vectors == 2) {
          DoubleVector w1 = DoubleVector.fromArray(D, w, wo + DL);
          c0 = w1.fma(e0, c0);
          c1 = w1.fma(e1, c1);
          c2 = w1.fma(e2, c2);
          c3 = w1.fma(e3, c3);
        }
      }
      int r = outOff + q * os + v;
      a0.max(lo).intoArray(out, r);
      a1.max(lo).intoArray(out, r + os);
      a2.max(lo).intoArray(out, r + 2 * os);
      a3.max(lo).intoArray(out, r + 3 * os);
      if (vectors == 2) {
        c0.max(lo).intoArray(out, r + DL);
        c1.max(lo).intoArray(out, r + os + DL);
        c2.max(lo).intoArray(out, r + 2 * os + DL);
        c3.max(lo).intoArray(out, r + 3 * os + DL);
      }
    }
    for (; q < positions; q++) {
      int x0 = xOff + q * step;
      for (int k = 0; k < vectors; k++) {
        DoubleVector a = DoubleVector.fromArray(D, layer.b(), v + k * DL);
        for (int m = 0; m < window; m++) a = DoubleVector.fromArray(D, w, m * os + v + k * DL).fma(DoubleVector.broadcast(D, x[x0 + m]), a);
        a.max(lo).intoArray(out, outOff + q * os + v + k * DL);
      }
    }
  }

  // ---------------------------------------------------------------- float forward (training)

  @Override
  public void forward(FloatLayer layer, float[] x, int xOff, int positions, float[] out, int outOff) {
    int os = layer.g().outStride();
    boolean relu = layer.f() == Nonlinearity.RELU;
    int v = 0;
    for (; v + 2 * FL <= os; v += 2 * FL) forwardFloat(layer, x, xOff, positions, out, outOff, v, 2, relu);
    for (; v < os; v += FL) forwardFloat(layer, x, xOff, positions, out, outOff, v, 1, relu);
    if (!relu) VectorTanh.tanh(out, outOff, outOff + positions * os);
  }

  /** Output channels {@code [v, v + vectors·FL)} of every position (vectors 1 or 2); ReLU applied, tanh not yet. */
  private static void forwardFloat(FloatLayer layer, float[] x, int xOff, int positions, float[] out, int outOff, int v, int vectors,
      boolean relu) {
    int window = layer.g().window();
    int step = layer.g().step();
    int os = layer.g().outStride();
    float[] w = layer.w();
    FloatVector b0 = FloatVector.fromArray(F, layer.b(), v);
    FloatVector b1 = vectors == 2 ? FloatVector.fromArray(F, layer.b(), v + FL) : b0;
    float lo = relu ? 0f : Float.NEGATIVE_INFINITY;
    int q = 0;
    for (; q + 4 <= positions; q += 4) {
      FloatVector a0 = b0, a1 = b0, a2 = b0, a3 = b0;
      FloatVector c0 = b1, c1 = b1, c2 = b1, c3 = b1;
      int x0 = xOff + q * step;
      for (int m = 0; m < window; m++) {
        int wo = m * os + v;
        FloatVector w0 = FloatVector.fromArray(F, w, wo);
        FloatVector e0 = FloatVector.broadcast(F, x[x0 + m]);
        FloatVector e1 = FloatVector.broadcast(F, x[x0 + step + m]);
        FloatVector e2 = FloatVector.broadcast(F, x[x0 + 2 * step + m]);
        FloatVector e3 = FloatVector.broadcast(F, x[x0 + 3 * step + m]);
        a0 = w0.fma(e0, a0);
        a1 = w0.fma(e1, a1);
        a2 = w0.fma(e2, a2);
        a3 = w0.fma(e3, a3);
        if (vectors == 2) {
          FloatVector w1 = FloatVector.fromArray(F, w, wo + FL);
          c0 = w1.fma(e0, c0);
          c1 = w1.fma(e1, c1);
          c2 = w1.fma(e2, c2);
          c3 = w1.fma(e3, c3);
        }
      }
      int r = outOff + q * os + v;
      a0.max(lo).intoArray(out, r);
      a1.max(lo).intoArray(out, r + os);
      a2.max(lo).intoArray(out, r + 2 * os);
      a3.max(lo).intoArray(out, r + 3 * os);
      if (vectors == 2) {
        c0.max(lo).intoArray(out, r + FL);
        c1.max(lo).intoArray(out, r + os + FL);
        c2.max(lo).intoArray(out, r + 2 * os + FL);
        c3.max(lo).intoArray(out, r + 3 * os + FL);
      }
    }
    for (; q < positions; q++) {
      int x0 = xOff + q * step;
      for (int k = 0; k < vectors; k++) {
        FloatVector a = FloatVector.fromArray(F, layer.b(), v + k * FL);
        for (int m = 0; m < window; m++) a = FloatVector.fromArray(F, w, m * os + v + k * FL).fma(FloatVector.broadcast(F, x[x0 + m]), a);
        a.max(lo).intoArray(out, outOff + q * os + v + k * FL);
      }
    }
  }

  // ---------------------------------------------------------------- gradients (training)

  @Override
  public void weightGradients(FloatLayer layer, float[] x, int xOff, float[] dz, int dzOff, int positions, float[] grad, int gOff) {
    int window = layer.g().window();
    int os = layer.g().outStride();
    int gb = gOff + window * os;
    for (int v = 0; v < os; v += FL) {
      FloatVector s = FloatVector.zero(F);
      for (int q = 0; q < positions; q++) s = s.add(FloatVector.fromArray(F, dz, dzOff + q * os + v));
      FloatVector.fromArray(F, grad, gb + v).add(s).intoArray(grad, gb + v);
      int m = 0;
      for (; m + 8 <= window; m += 8) tile8(layer, x, xOff, dz, dzOff, positions, grad, gOff, m, v);
      for (; m + 4 <= window; m += 4) tile4(layer, x, xOff, dz, dzOff, positions, grad, gOff, m, v);
      for (; m < window; m++) {
        int step = layer.g().step();
        FloatVector a = FloatVector.zero(F);
        for (int q = 0; q < positions; q++)
          a = FloatVector.broadcast(F, x[xOff + q * step + m]).fma(FloatVector.fromArray(F, dz, dzOff + q * os + v), a);
        addInto(grad, gOff + m * os + v, a);
      }
    }
  }

  private static void addInto(float[] a, int off, FloatVector v) {
    FloatVector.fromArray(F, a, off).add(v).intoArray(a, off);
  }

  /** Gradient rows {@code m .. m+7}, channels {@code [v, v + FL)}. */
  private static void tile8(FloatLayer layer, float[] x, int xOff, float[] dz, int dzOff, int positions, float[] grad, int gOff, int m, int v) {
    int step = layer.g().step();
    int os = layer.g().outStride();
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
    for (int q = 0; q < positions; q++) {
      FloatVector d = FloatVector.fromArray(F, dz, dzOff + q * os + v);
      int xo = xOff + q * step + m;
      a0 = FloatVector.broadcast(F, x[xo]).fma(d, a0);
      a1 = FloatVector.broadcast(F, x[xo + 1]).fma(d, a1);
      a2 = FloatVector.broadcast(F, x[xo + 2]).fma(d, a2);
      a3 = FloatVector.broadcast(F, x[xo + 3]).fma(d, a3);
      a4 = FloatVector.broadcast(F, x[xo + 4]).fma(d, a4);
      a5 = FloatVector.broadcast(F, x[xo + 5]).fma(d, a5);
      a6 = FloatVector.broadcast(F, x[xo + 6]).fma(d, a6);
      a7 = FloatVector.broadcast(F, x[xo + 7]).fma(d, a7);
    }
    int g = gOff + m * os + v;
    addInto(grad, g, a0);
    addInto(grad, g + os, a1);
    addInto(grad, g + 2 * os, a2);
    addInto(grad, g + 3 * os, a3);
    addInto(grad, g + 4 * os, a4);
    addInto(grad, g + 5 * os, a5);
    addInto(grad, g + 6 * os, a6);
    addInto(grad, g + 7 * os, a7);
  }

  /** Gradient rows {@code m .. m+3}, channels {@code [v, v + FL)}. */
  private static void tile4(FloatLayer layer, float[] x, int xOff, float[] dz, int dzOff, int positions, float[] grad, int gOff, int m, int v) {
    int step = layer.g().step();
    int os = layer.g().outStride();
    FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
    for (int q = 0; q < positions; q++) {
      FloatVector d = FloatVector.fromArray(F, dz, dzOff + q * os + v);
      int xo = xOff + q * step + m;
      a0 = FloatVector.broadcast(F, x[xo]).fma(d, a0);
      a1 = FloatVector.broadcast(F, x[xo + 1]).fma(d, a1);
      a2 = FloatVector.broadcast(F, x[xo + 2]).fma(d, a2);
      a3 = FloatVector.broadcast(F, x[xo + 3]).fma(d, a3);
    }
    int g = gOff + m * os + v;
    addInto(grad, g, a0);
    addInto(grad, g + os, a1);
    addInto(grad, g + 2 * os, a2);
    addInto(grad, g + 3 * os, a3);
  }

  @Override
  public void inputGradients(FloatLayer layer, float[] dz, int dzOff, int positions, float[] dx, int dxOff) {
    int step = layer.g().step();
    int os = layer.g().outStride();
    int q = 0;
    for (; q + 2 <= positions; q += 2) inputPair(layer, dz, dzOff + q * os, dx, dxOff + q * step);
    if (q < positions) inputOne(layer, dz, dzOff + q * os, dx, dxOff + q * step, 0);
  }

  /**
   * Two consecutive positions q and q + 1: the rest of each window alone (q's first), then the window blocks of 4
   * vectors for both, from the last block to the first. The windows overlap (by {@code window − step} values), and
   * each input gradient must receive q's sum before q + 1's whatever the vector length: q's share of an element lies
   * {@code step} further into q's window than q + 1's share does into q + 1's, so in the same block, or in a later
   * one, or in the rest; going through the rest and then the blocks backwards meets q's share first in every case.
   * (Until 2026-12-02 the blocks went forwards after each other and the rest came last, so the order of the two float
   * additions depended on where the blocks ended: 512-bit vectors trained another last bit than 256- and 128-bit ones.)
   */
  private static void inputPair(FloatLayer layer, float[] dz, int d, float[] dx, int xo) {
    int window = layer.g().window();
    int step = layer.g().step();
    int os = layer.g().outStride();
    int out = layer.g().out();
    float[] wt = layer.wt();
    int blocks = window / (4 * FL) * (4 * FL);
    if (blocks < window) {
      inputOne(layer, dz, d, dx, xo, blocks);
      inputOne(layer, dz, d + os, dx, xo + step, blocks);
    }
    for (int m = blocks - 4 * FL; m >= 0; m -= 4 * FL) {
      FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
      FloatVector c0 = a0, c1 = a0, c2 = a0, c3 = a0;
      for (int o = 0; o < out; o++) {
        FloatVector ga = FloatVector.broadcast(F, dz[d + o]);
        FloatVector gb = FloatVector.broadcast(F, dz[d + os + o]);
        int wo = o * window + m;
        FloatVector w0 = FloatVector.fromArray(F, wt, wo);
        FloatVector w1 = FloatVector.fromArray(F, wt, wo + FL);
        FloatVector w2 = FloatVector.fromArray(F, wt, wo + 2 * FL);
        FloatVector w3 = FloatVector.fromArray(F, wt, wo + 3 * FL);
        a0 = w0.fma(ga, a0);
        a1 = w1.fma(ga, a1);
        a2 = w2.fma(ga, a2);
        a3 = w3.fma(ga, a3);
        c0 = w0.fma(gb, c0);
        c1 = w1.fma(gb, c1);
        c2 = w2.fma(gb, c2);
        c3 = w3.fma(gb, c3);
      }
      int r = xo + m;
      addInto(dx, r, a0);
      addInto(dx, r + FL, a1);
      addInto(dx, r + 2 * FL, a2);
      addInto(dx, r + 3 * FL, a3);
      r += step;
      addInto(dx, r, c0);
      addInto(dx, r + FL, c1);
      addInto(dx, r + 2 * FL, c2);
      addInto(dx, r + 3 * FL, c3);
    }
  }

  /** One position, window elements {@code [from, window)}: blocks of 4 vectors, single vectors, then scalars. */
  private static void inputOne(FloatLayer layer, float[] dz, int d, float[] dx, int xo, int from) {
    int window = layer.g().window();
    int out = layer.g().out();
    float[] wt = layer.wt();
    int m = from;
    for (; m + 4 * FL <= window; m += 4 * FL) {
      FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
      for (int o = 0; o < out; o++) {
        FloatVector g = FloatVector.broadcast(F, dz[d + o]);
        int wo = o * window + m;
        a0 = FloatVector.fromArray(F, wt, wo).fma(g, a0);
        a1 = FloatVector.fromArray(F, wt, wo + FL).fma(g, a1);
        a2 = FloatVector.fromArray(F, wt, wo + 2 * FL).fma(g, a2);
        a3 = FloatVector.fromArray(F, wt, wo + 3 * FL).fma(g, a3);
      }
      addInto(dx, xo + m, a0);
      addInto(dx, xo + m + FL, a1);
      addInto(dx, xo + m + 2 * FL, a2);
      addInto(dx, xo + m + 3 * FL, a3);
    }
    for (; m + FL <= window; m += FL) {
      FloatVector a = FloatVector.zero(F);
      for (int o = 0; o < out; o++) a = FloatVector.fromArray(F, wt, o * window + m).fma(FloatVector.broadcast(F, dz[d + o]), a);
      addInto(dx, xo + m, a);
    }
    for (; m < window; m++) {
      float s = 0f;
      for (int o = 0; o < out; o++) s = Math.fma(wt[o * window + m], dz[d + o], s);
      dx[xo + m] += s;
    }
  }

  @Override
  public void multiplyByDerivative(Nonlinearity f, float[] a, int aOff, float[] d, int dOff, int n) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(F, 1f);
    for (; i + FL <= n; i += FL) {
      FloatVector av = FloatVector.fromArray(F, a, aOff + i);
      FloatVector dv = FloatVector.fromArray(F, d, dOff + i);
      if (f == Nonlinearity.RELU) dv = FloatVector.zero(F).blend(dv, av.compare(VectorOperators.GT, 0f));
      else dv = dv.mul(one.sub(av.mul(av)));
      dv.intoArray(d, dOff + i);
    }
    for (; i < n; i++) {
      float v = a[aOff + i];
      if (f == Nonlinearity.RELU) d[dOff + i] = v > 0 ? d[dOff + i] : 0f;
      else d[dOff + i] *= 1f - v * v;
    }
  }
}
