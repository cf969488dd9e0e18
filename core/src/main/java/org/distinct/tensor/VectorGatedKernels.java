package org.distinct.tensor;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GatedKernels} on the Vector API ({@code jdk.incubator.vector}), preferred species (512 bits on
 * AVX-512: 16 floats or 8 doubles per vector). Hidden sizes are padded to a multiple of the vector length.
 *
 * <ul>
 *   <li>Forward: the input projection {@code b + W_ih x_t} of every step is written into the gate rows first (off
 *       the recurrence's critical path); then each step adds {@code W_hh h_{t−1}} with up to 8 output vectors
 *       kept in registers, broadcasting one {@code h_{t−1}[j]} at a time and fusing multiply-add over the row;
 *       activations are whole-row passes ({@link VectorTanh}, sigmoid as ½ + ½·tanh(a/2) from the halved forward
 *       weights). For H = 50 the recurrent weights (G·H × 64 floats, 38–51 KB) do not fit the 32 KB L1 cache,
 *       so the two-sequence variants, which load every weight vector once for both sequences, pay: about 25–30 %
 *       less CPU time per sequence in the forward and backward passes (measured, noisy shared machine).
 *   <li>Backward: {@code W_hhᵀ δ_t} with two accumulator sets (odd and even rows) per output vector, halving
 *       the dependency chains, in one flat loop over row pairs (C2 did not eliminate the vector boxes of a nested
 *       block/row loop: 77 KB allocated per step).
 *   <li>Weight gradients: register-tiled (4 rows × 4 vectors) products over time, in blocks of 64 steps; with
 *       an accumulator bound to the tape, each block right after the backward pass produced its deltas (still
 *       in cache).
 * </ul>
 *
 * tanh and the double sigmoid use only exact IEEE operations, so results do not depend on whether the JIT has
 * compiled a method. Loaded only by {@link GatedKernelsProvider} after it checked that the module is present.
 */
final class VectorGatedKernels implements GatedKernels {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int FL = F.length();
  private static final int DL = D.length();
  private static final int TIME_BLOCK = 64; // steps per block of the gradient products

  VectorGatedKernels() {}

  @Override
  public String name() {
    return "vector-" + F.vectorBitSize();
  }

  @Override
  public int paddedSize(int hidden, boolean doublePrecision) {
    if (hidden <= 0) throw new IllegalArgumentException("hidden must be positive: " + hidden);
    int l = doublePrecision ? DL : FL;
    return (hidden + l - 1) / l * l;
  }

  /** @return 8 vectors: the chunk of the forward product kept in registers */
  @Override
  public int panelWidth() {
    return 8 * FL;
  }

  // ---------------------------------------------------------------- float forward

  @Override
  public void forward(GatedFloatWeights w, GatedTape tp) {
    tp.check(w);
    start(w, tp);
    forwardSteps(w, tp, 1, tp.steps);
  }

  @Override
  public void forward2(GatedFloatWeights w, GatedTape a, GatedTape b) {
    a.check(w);
    b.check(w);
    start(w, a);
    start(w, b);
    int common = Math.min(a.steps, b.steps);
    int hp = w.hp, wd = w.width;
    for (int t = 1, end = common + 1; t < end; t++) {
      recur2(w.wHhT, w.hidden, w.recurrent, a.h, b.h, (t - 1) * hp, a.gates, b.gates, t * wd);
      cell(w, a, t);
      cell(w, b, t);
    }
    if (a.steps > common) forwardSteps(w, a, common + 1, a.steps);
    if (b.steps > common) forwardSteps(w, b, common + 1, b.steps);
  }

  /** Input projection of every step and zero initial states. */
  private static void start(GatedFloatWeights w, GatedTape tp) {
    project(w, tp.x, tp.xOff, tp.xStride, tp.steps, tp.gates);
    Arrays.fill(tp.h, 0, w.hp, 0f);
    if (w.lstm) Arrays.fill(tp.c, 0, w.hp, 0f);
  }

  private static void forwardSteps(GatedFloatWeights w, GatedTape tp, int from, int to) {
    int hp = w.hp, wd = w.width;
    for (int t = from, end = to + 1; t < end; t++) {
      recur(w.wHhT, w.hidden, w.recurrent, tp.h, (t - 1) * hp, tp.gates, t * wd);
      cell(w, tp, t);
    }
  }

  private static void cell(GatedFloatWeights w, GatedTape tp, int t) {
    if (w.lstm) lstmCell(tp, w.hp, t);
    else gruCell(tp, w.hp, t);
  }

  /** Gate rows 1..steps ← bx + W_ih x_t (4 vectors at a time; wd is a multiple of 4 vectors). */
  private static void project(GatedFloatWeights w, float[] x, int xOff, int xStride, int steps, float[] gt) {
    int wd = w.width, in = w.in;
    float[] wT = w.wIhT, b = w.bx;
    for (int t = 1, end = steps + 1; t < end; t++) {
      int xo = xOff + (t - 1) * xStride;
      int gr = t * wd;
      for (int c = 0; c < wd; c += 4 * FL) {
        FloatVector a0 = FloatVector.fromArray(F, b, c);
        FloatVector a1 = FloatVector.fromArray(F, b, c + FL);
        FloatVector a2 = FloatVector.fromArray(F, b, c + 2 * FL);
        FloatVector a3 = FloatVector.fromArray(F, b, c + 3 * FL);
        for (int k = 0; k < in; k++) {
          FloatVector xk = FloatVector.broadcast(F, x[xo + k]);
          int o = k * wd + c;
          a0 = FloatVector.fromArray(F, wT, o).fma(xk, a0);
          a1 = FloatVector.fromArray(F, wT, o + FL).fma(xk, a1);
          a2 = FloatVector.fromArray(F, wT, o + 2 * FL).fma(xk, a2);
          a3 = FloatVector.fromArray(F, wT, o + 3 * FL).fma(xk, a3);
        }
        a0.intoArray(gt, gr + c);
        a1.intoArray(gt, gr + c + FL);
        a2.intoArray(gt, gr + c + 2 * FL);
        a3.intoArray(gt, gr + c + 3 * FL);
      }
    }
  }

  /**
   * {@code gt[gr .. gr+rec) += Σ_j h[hPrev + j]·W[j][..]} with W in panels of 8 vectors ({@link
   * GatedFloatWeights#recurrentIndex}): chunks of 8 vectors in registers, then the narrower last panel in chunks of
   * 4 and 1.
   */
  private static void recur(float[] wT, int hidden, int rec, float[] h, int hPrev, float[] gt, int gr) {
    int c = 0;
    for (; c + 8 * FL <= rec; c += 8 * FL) {
      int o = gr + c;
      FloatVector a0 = FloatVector.fromArray(F, gt, o);
      FloatVector a1 = FloatVector.fromArray(F, gt, o + FL);
      FloatVector a2 = FloatVector.fromArray(F, gt, o + 2 * FL);
      FloatVector a3 = FloatVector.fromArray(F, gt, o + 3 * FL);
      FloatVector a4 = FloatVector.fromArray(F, gt, o + 4 * FL);
      FloatVector a5 = FloatVector.fromArray(F, gt, o + 5 * FL);
      FloatVector a6 = FloatVector.fromArray(F, gt, o + 6 * FL);
      FloatVector a7 = FloatVector.fromArray(F, gt, o + 7 * FL);
      for (int j = 0; j < hidden; j++) {
        FloatVector hj = FloatVector.broadcast(F, h[hPrev + j]);
        int wo = c * hidden + j * 8 * FL;
        a0 = FloatVector.fromArray(F, wT, wo).fma(hj, a0);
        a1 = FloatVector.fromArray(F, wT, wo + FL).fma(hj, a1);
        a2 = FloatVector.fromArray(F, wT, wo + 2 * FL).fma(hj, a2);
        a3 = FloatVector.fromArray(F, wT, wo + 3 * FL).fma(hj, a3);
        a4 = FloatVector.fromArray(F, wT, wo + 4 * FL).fma(hj, a4);
        a5 = FloatVector.fromArray(F, wT, wo + 5 * FL).fma(hj, a5);
        a6 = FloatVector.fromArray(F, wT, wo + 6 * FL).fma(hj, a6);
        a7 = FloatVector.fromArray(F, wT, wo + 7 * FL).fma(hj, a7);
      }
      a0.intoArray(gt, o);
      a1.intoArray(gt, o + FL);
      a2.intoArray(gt, o + 2 * FL);
      a3.intoArray(gt, o + 3 * FL);
      a4.intoArray(gt, o + 4 * FL);
      a5.intoArray(gt, o + 5 * FL);
      a6.intoArray(gt, o + 6 * FL);
      a7.intoArray(gt, o + 7 * FL);
    }
    int c0 = c; // the last panel: columns [c0, rec), row stride rec − c0
    int tw = rec - c0;
    for (; c + 4 * FL <= rec; c += 4 * FL) {
      int o = gr + c;
      FloatVector a0 = FloatVector.fromArray(F, gt, o);
      FloatVector a1 = FloatVector.fromArray(F, gt, o + FL);
      FloatVector a2 = FloatVector.fromArray(F, gt, o + 2 * FL);
      FloatVector a3 = FloatVector.fromArray(F, gt, o + 3 * FL);
      for (int j = 0; j < hidden; j++) {
        FloatVector hj = FloatVector.broadcast(F, h[hPrev + j]);
        int wo = c0 * hidden + j * tw + (c - c0);
        a0 = FloatVector.fromArray(F, wT, wo).fma(hj, a0);
        a1 = FloatVector.fromArray(F, wT, wo + FL).fma(hj, a1);
        a2 = FloatVector.fromArray(F, wT, wo + 2 * FL).fma(hj, a2);
        a3 = FloatVector.fromArray(F, wT, wo + 3 * FL).fma(hj, a3);
      }
      a0.intoArray(gt, o);
      a1.intoArray(gt, o + FL);
      a2.intoArray(gt, o + 2 * FL);
      a3.intoArray(gt, o + 3 * FL);
    }
    for (; c < rec; c += FL) {
      FloatVector a0 = FloatVector.fromArray(F, gt, gr + c);
      for (int j = 0; j < hidden; j++)
        a0 = FloatVector.fromArray(F, wT, c0 * hidden + j * tw + (c - c0)).fma(FloatVector.broadcast(F, h[hPrev + j]), a0);
      a0.intoArray(gt, gr + c);
    }
  }

  /**
   * {@link #recur} for two sequences sharing every weight load: chunks of 8 and 4 vectors of both in registers;
   * each output vector sums in the same order as in {@link #recur}, so the results are the same bits.
   */
  private static void recur2(float[] wT, int hidden, int rec, float[] ha, float[] hb, int hPrev, float[] ga, float[] gb, int gr) {
    int c = 0;
    for (; c + 8 * FL <= rec; c += 8 * FL) {
      int o = gr + c;
      FloatVector a0 = FloatVector.fromArray(F, ga, o), b0 = FloatVector.fromArray(F, gb, o);
      FloatVector a1 = FloatVector.fromArray(F, ga, o + FL), b1 = FloatVector.fromArray(F, gb, o + FL);
      FloatVector a2 = FloatVector.fromArray(F, ga, o + 2 * FL), b2 = FloatVector.fromArray(F, gb, o + 2 * FL);
      FloatVector a3 = FloatVector.fromArray(F, ga, o + 3 * FL), b3 = FloatVector.fromArray(F, gb, o + 3 * FL);
      FloatVector a4 = FloatVector.fromArray(F, ga, o + 4 * FL), b4 = FloatVector.fromArray(F, gb, o + 4 * FL);
      FloatVector a5 = FloatVector.fromArray(F, ga, o + 5 * FL), b5 = FloatVector.fromArray(F, gb, o + 5 * FL);
      FloatVector a6 = FloatVector.fromArray(F, ga, o + 6 * FL), b6 = FloatVector.fromArray(F, gb, o + 6 * FL);
      FloatVector a7 = FloatVector.fromArray(F, ga, o + 7 * FL), b7 = FloatVector.fromArray(F, gb, o + 7 * FL);
      for (int j = 0; j < hidden; j++) {
        FloatVector xa = FloatVector.broadcast(F, ha[hPrev + j]);
        FloatVector xb = FloatVector.broadcast(F, hb[hPrev + j]);
        int wo = c * hidden + j * 8 * FL;
        FloatVector w0 = FloatVector.fromArray(F, wT, wo);
        a0 = w0.fma(xa, a0);
        b0 = w0.fma(xb, b0);
        FloatVector w1 = FloatVector.fromArray(F, wT, wo + FL);
        a1 = w1.fma(xa, a1);
        b1 = w1.fma(xb, b1);
        FloatVector w2 = FloatVector.fromArray(F, wT, wo + 2 * FL);
        a2 = w2.fma(xa, a2);
        b2 = w2.fma(xb, b2);
        FloatVector w3 = FloatVector.fromArray(F, wT, wo + 3 * FL);
        a3 = w3.fma(xa, a3);
        b3 = w3.fma(xb, b3);
        FloatVector w4 = FloatVector.fromArray(F, wT, wo + 4 * FL);
        a4 = w4.fma(xa, a4);
        b4 = w4.fma(xb, b4);
        FloatVector w5 = FloatVector.fromArray(F, wT, wo + 5 * FL);
        a5 = w5.fma(xa, a5);
        b5 = w5.fma(xb, b5);
        FloatVector w6 = FloatVector.fromArray(F, wT, wo + 6 * FL);
        a6 = w6.fma(xa, a6);
        b6 = w6.fma(xb, b6);
        FloatVector w7 = FloatVector.fromArray(F, wT, wo + 7 * FL);
        a7 = w7.fma(xa, a7);
        b7 = w7.fma(xb, b7);
      }
      a0.intoArray(ga, o);
      a1.intoArray(ga, o + FL);
      a2.intoArray(ga, o + 2 * FL);
      a3.intoArray(ga, o + 3 * FL);
      a4.intoArray(ga, o + 4 * FL);
      a5.intoArray(ga, o + 5 * FL);
      a6.intoArray(ga, o + 6 * FL);
      a7.intoArray(ga, o + 7 * FL);
      b0.intoArray(gb, o);
      b1.intoArray(gb, o + FL);
      b2.intoArray(gb, o + 2 * FL);
      b3.intoArray(gb, o + 3 * FL);
      b4.intoArray(gb, o + 4 * FL);
      b5.intoArray(gb, o + 5 * FL);
      b6.intoArray(gb, o + 6 * FL);
      b7.intoArray(gb, o + 7 * FL);
    }
    if (c < rec) recur2Tail(wT, hidden, rec, ha, hb, hPrev, ga, gb, gr, c);
  }

  /** The columns from {@code c} of {@link #recur2}: chunks of 4 vectors of both, then single vectors. */
  private static void recur2Tail(float[] wT, int hidden, int rec, float[] ha, float[] hb, int hPrev, float[] ga, float[] gb, int gr, int c) {
    int c0 = c; // the last panel: columns [c0, rec), row stride rec − c0
    int tw = rec - c0;
    for (; c + 4 * FL <= rec; c += 4 * FL) {
      int o = gr + c;
      FloatVector a0 = FloatVector.fromArray(F, ga, o), b0 = FloatVector.fromArray(F, gb, o);
      FloatVector a1 = FloatVector.fromArray(F, ga, o + FL), b1 = FloatVector.fromArray(F, gb, o + FL);
      FloatVector a2 = FloatVector.fromArray(F, ga, o + 2 * FL), b2 = FloatVector.fromArray(F, gb, o + 2 * FL);
      FloatVector a3 = FloatVector.fromArray(F, ga, o + 3 * FL), b3 = FloatVector.fromArray(F, gb, o + 3 * FL);
      for (int j = 0; j < hidden; j++) {
        FloatVector xa = FloatVector.broadcast(F, ha[hPrev + j]);
        FloatVector xb = FloatVector.broadcast(F, hb[hPrev + j]);
        int wo = c0 * hidden + j * tw + (c - c0);
        FloatVector w0 = FloatVector.fromArray(F, wT, wo);
        a0 = w0.fma(xa, a0);
        b0 = w0.fma(xb, b0);
        FloatVector w1 = FloatVector.fromArray(F, wT, wo + FL);
        a1 = w1.fma(xa, a1);
        b1 = w1.fma(xb, b1);
        FloatVector w2 = FloatVector.fromArray(F, wT, wo + 2 * FL);
        a2 = w2.fma(xa, a2);
        b2 = w2.fma(xb, b2);
        FloatVector w3 = FloatVector.fromArray(F, wT, wo + 3 * FL);
        a3 = w3.fma(xa, a3);
        b3 = w3.fma(xb, b3);
      }
      a0.intoArray(ga, o);
      a1.intoArray(ga, o + FL);
      a2.intoArray(ga, o + 2 * FL);
      a3.intoArray(ga, o + 3 * FL);
      b0.intoArray(gb, o);
      b1.intoArray(gb, o + FL);
      b2.intoArray(gb, o + 2 * FL);
      b3.intoArray(gb, o + 3 * FL);
    }
    for (; c < rec; c += FL) {
      FloatVector a0 = FloatVector.fromArray(F, ga, gr + c);
      FloatVector b0 = FloatVector.fromArray(F, gb, gr + c);
      for (int j = 0; j < hidden; j++) {
        FloatVector w0 = FloatVector.fromArray(F, wT, c0 * hidden + j * tw + (c - c0));
        a0 = w0.fma(FloatVector.broadcast(F, ha[hPrev + j]), a0);
        b0 = w0.fma(FloatVector.broadcast(F, hb[hPrev + j]), b0);
      }
      a0.intoArray(ga, gr + c);
      b0.intoArray(gb, gr + c);
    }
  }

  private static void lstmCell(GatedTape tp, int hp, int t) {
    float[] gt = tp.gates;
    int gr = t * 4 * hp;
    int cur = t * hp;
    int prev = cur - hp;
    VectorTanh.tanh(gt, gr, gr + 4 * hp);
    FloatVector half = FloatVector.broadcast(F, 0.5f);
    for (int v = 0; v < hp; v += FL) {
      FloatVector i = FloatVector.fromArray(F, gt, gr + v).fma(half, half);
      FloatVector f = FloatVector.fromArray(F, gt, gr + hp + v).fma(half, half);
      FloatVector g = FloatVector.fromArray(F, gt, gr + 2 * hp + v);
      FloatVector o = FloatVector.fromArray(F, gt, gr + 3 * hp + v).fma(half, half);
      i.intoArray(gt, gr + v);
      f.intoArray(gt, gr + hp + v);
      o.intoArray(gt, gr + 3 * hp + v);
      FloatVector c = i.fma(g, f.mul(FloatVector.fromArray(F, tp.c, prev + v)));
      c.intoArray(tp.c, cur + v);
      c.intoArray(tp.tc, v);
    }
    VectorTanh.tanh(tp.tc, 0, hp);
    for (int v = 0; v < hp; v += FL)
      FloatVector.fromArray(F, gt, gr + 3 * hp + v).mul(FloatVector.fromArray(F, tp.tc, v)).intoArray(tp.h, cur + v);
  }

  private static void gruCell(GatedTape tp, int hp, int t) {
    float[] gt = tp.gates;
    int gr = t * 4 * hp;
    int cur = t * hp;
    VectorTanh.tanh(gt, gr, gr + 2 * hp);
    FloatVector half = FloatVector.broadcast(F, 0.5f);
    for (int v = 0; v < hp; v += FL) {
      FloatVector r = FloatVector.fromArray(F, gt, gr + v).fma(half, half);
      FloatVector.fromArray(F, gt, gr + hp + v).fma(half, half).intoArray(gt, gr + hp + v);
      r.intoArray(gt, gr + v);
      FloatVector hn = FloatVector.fromArray(F, gt, gr + 2 * hp + v);
      r.fma(hn, FloatVector.fromArray(F, gt, gr + 3 * hp + v)).intoArray(gt, gr + 3 * hp + v);
    }
    VectorTanh.tanh(gt, gr + 3 * hp, gr + 4 * hp);
    for (int v = 0; v < hp; v += FL) {
      FloatVector n = FloatVector.fromArray(F, gt, gr + 3 * hp + v);
      FloatVector z = FloatVector.fromArray(F, gt, gr + hp + v);
      FloatVector hPrev = FloatVector.fromArray(F, tp.h, cur - hp + v);
      z.fma(hPrev.sub(n), n).intoArray(tp.h, cur + v);
    }
  }

  // ---------------------------------------------------------------- float backward

  @Override
  public void backward(GatedFloatWeights w, GatedTape tp, int lo) {
    startBackward(tp, lo);
    backwardSteps(w, tp, tp.steps, lo);
  }

  @Override
  public void backward2(GatedFloatWeights w, GatedTape a, int loA, GatedTape b, int loB) {
    startBackward(a, loA);
    startBackward(b, loB);
    int na = a.steps - loA + 1;
    int nb = b.steps - loB + 1;
    int common = Math.min(na, nb);
    for (int s = 0; s < common; s++) {
      int ta = a.steps - s;
      int tb = b.steps - s;
      deltas(w, a, ta);
      deltas(w, b, tb);
      if (a.grad != null && (ta - loA) % TIME_BLOCK == 0) accumulateBlock(w, a, ta);
      if (b.grad != null && (tb - loB) % TIME_BLOCK == 0) accumulateBlock(w, b, tb);
      boolean moreA = ta > loA;
      boolean moreB = tb > loB;
      if (moreA && moreB) {
        recurBack2(w.wHh, w.hidden, w.gates, w.hp, a.gates, ta * w.width, a.g, b.gates, tb * w.width, b.g);
      } else {
        if (moreA) recurBack(w.wHh, w.hidden, w.gates, w.hp, a.gates, ta * w.width, a.g);
        if (moreB) recurBack(w.wHh, w.hidden, w.gates, w.hp, b.gates, tb * w.width, b.g);
      }
    }
    if (na > common) backwardSteps(w, a, a.steps - common, loA);
    if (nb > common) backwardSteps(w, b, b.steps - common, loB);
  }

  private static void startBackward(GatedTape tp, int lo) {
    if (lo < 1 || lo > tp.steps) throw new IllegalArgumentException("lo " + lo + " outside 1.." + tp.steps);
    Arrays.fill(tp.g, 0f);
    Arrays.fill(tp.dc, 0f);
  }

  /** Steps hi down to lo with the carried gradients of the tape; no product after step lo. */
  private static void backwardSteps(GatedFloatWeights w, GatedTape tp, int hi, int lo) {
    for (int t = hi, stop = lo - 1; t > stop; t--) {
      deltas(w, tp, t);
      if (tp.grad != null && (t - lo) % TIME_BLOCK == 0) accumulateBlock(w, tp, t);
      if (t == lo) break;
      recurBack(w.wHh, w.hidden, w.gates, w.hp, tp.gates, t * w.width, tp.g);
    }
  }

  private static void deltas(GatedFloatWeights w, GatedTape tp, int t) {
    if (w.lstm) lstmDeltas(tp, w.hp, t, tp.above, tp.aboveOffset(t));
    else gruDeltas(tp, w.hp, t, tp.above, tp.aboveOffset(t));
  }

  private static void lstmDeltas(GatedTape tp, int hp, int t, float[] above, int ao) {
    float[] gt = tp.gates;
    int gr = t * 4 * hp;
    int cur = t * hp;
    System.arraycopy(tp.c, cur, tp.tc, 0, hp);
    VectorTanh.tanh(tp.tc, 0, hp);
    FloatVector one = FloatVector.broadcast(F, 1f);
    FloatVector zero = FloatVector.zero(F);
    for (int v = 0; v < hp; v += FL) {
      FloatVector dh = FloatVector.fromArray(F, tp.g, v);
      if (ao >= 0) dh = dh.add(FloatVector.fromArray(F, above, ao + v));
      FloatVector i = FloatVector.fromArray(F, gt, gr + v);
      FloatVector f = FloatVector.fromArray(F, gt, gr + hp + v);
      FloatVector g = FloatVector.fromArray(F, gt, gr + 2 * hp + v);
      FloatVector o = FloatVector.fromArray(F, gt, gr + 3 * hp + v);
      FloatVector tc = FloatVector.fromArray(F, tp.tc, v);
      FloatVector dc = dh.mul(o).fma(one.sub(tc.mul(tc)), FloatVector.fromArray(F, tp.dc, v));
      dc.mul(g).mul(i.mul(one.sub(i))).intoArray(gt, gr + v);
      dc.mul(FloatVector.fromArray(F, tp.c, cur - hp + v)).mul(f.mul(one.sub(f))).intoArray(gt, gr + hp + v);
      dc.mul(i).mul(one.sub(g.mul(g))).intoArray(gt, gr + 2 * hp + v);
      dh.mul(tc).mul(o.mul(one.sub(o))).intoArray(gt, gr + 3 * hp + v);
      dc.mul(f).intoArray(tp.dc, v);
      zero.intoArray(tp.g, v);
    }
  }

  private static void gruDeltas(GatedTape tp, int hp, int t, float[] above, int ao) {
    float[] gt = tp.gates;
    int gr = t * 4 * hp;
    int prev = (t - 1) * hp;
    FloatVector one = FloatVector.broadcast(F, 1f);
    for (int v = 0; v < hp; v += FL) {
      FloatVector dh = FloatVector.fromArray(F, tp.g, v);
      if (ao >= 0) dh = dh.add(FloatVector.fromArray(F, above, ao + v));
      FloatVector r = FloatVector.fromArray(F, gt, gr + v);
      FloatVector z = FloatVector.fromArray(F, gt, gr + hp + v);
      FloatVector hn = FloatVector.fromArray(F, gt, gr + 2 * hp + v);
      FloatVector n = FloatVector.fromArray(F, gt, gr + 3 * hp + v);
      FloatVector hPrev = FloatVector.fromArray(F, tp.h, prev + v);
      FloatVector dan = dh.mul(one.sub(z)).mul(one.sub(n.mul(n)));
      dan.mul(hn).mul(r.mul(one.sub(r))).intoArray(gt, gr + v);
      dh.mul(hPrev.sub(n)).mul(z.mul(one.sub(z))).intoArray(gt, gr + hp + v);
      dan.mul(r).intoArray(gt, gr + 2 * hp + v);
      dan.intoArray(gt, gr + 3 * hp + v);
      dh.mul(z).intoArray(tp.g, v);
    }
  }

  /**
   * {@code g ← g + Σ_{blocks < gates} Σ_u d[gr + blk·hp + u]·wHh[(blk·hp + u)·hp ..]}, with odd and even
   * rows in separate accumulators. Rows up to H rounded up to even: the extra row is a zero padding row.
   */
  private static void recurBack(float[] wHh, int hidden, int gates, int hp, float[] d, int gr, float[] g) {
    int hEven = (hidden + 1) & ~1;
    int pairs = gates * (hEven >> 1); // one flat loop over row pairs (nested vector loops defeat C2's box elimination)
    int v = 0;
    for (; v + 4 * FL <= hp; v += 4 * FL) {
      FloatVector a0 = FloatVector.fromArray(F, g, v);
      FloatVector a1 = FloatVector.fromArray(F, g, v + FL);
      FloatVector a2 = FloatVector.fromArray(F, g, v + 2 * FL);
      FloatVector a3 = FloatVector.fromArray(F, g, v + 3 * FL);
      FloatVector b0 = FloatVector.zero(F);
      FloatVector b1 = FloatVector.zero(F);
      FloatVector b2 = FloatVector.zero(F);
      FloatVector b3 = FloatVector.zero(F);
      int row = 0;
      int u = 0;
      for (int q = 0; q < pairs; q++) {
        FloatVector d1 = FloatVector.broadcast(F, d[gr + row]);
        FloatVector d2 = FloatVector.broadcast(F, d[gr + row + 1]);
        int o1 = row * hp + v;
        int o2 = o1 + hp;
        a0 = FloatVector.fromArray(F, wHh, o1).fma(d1, a0);
        a1 = FloatVector.fromArray(F, wHh, o1 + FL).fma(d1, a1);
        a2 = FloatVector.fromArray(F, wHh, o1 + 2 * FL).fma(d1, a2);
        a3 = FloatVector.fromArray(F, wHh, o1 + 3 * FL).fma(d1, a3);
        b0 = FloatVector.fromArray(F, wHh, o2).fma(d2, b0);
        b1 = FloatVector.fromArray(F, wHh, o2 + FL).fma(d2, b1);
        b2 = FloatVector.fromArray(F, wHh, o2 + 2 * FL).fma(d2, b2);
        b3 = FloatVector.fromArray(F, wHh, o2 + 3 * FL).fma(d2, b3);
        u += 2;
        row += 2;
        if (u == hEven) {
          row += hp - hEven;
          u = 0;
        }
      }
      a0.add(b0).intoArray(g, v);
      a1.add(b1).intoArray(g, v + FL);
      a2.add(b2).intoArray(g, v + 2 * FL);
      a3.add(b3).intoArray(g, v + 3 * FL);
    }
    for (; v < hp; v += FL) recurBack1(wHh, pairs, hEven, hp, d, gr, g, v);
  }

  /**
   * {@link #recurBack} for two sequences sharing every weight load, with the same accumulators per sequence (so
   * the same bits).
   */
  private static void recurBack2(float[] wHh, int hidden, int gates, int hp, float[] da, int gra, float[] ga, float[] db, int grb, float[] gb) {
    int hEven = (hidden + 1) & ~1;
    int pairs = gates * (hEven >> 1);
    int v = 0;
    for (; v + 4 * FL <= hp; v += 4 * FL) {
      FloatVector a0 = FloatVector.fromArray(F, ga, v), c0 = FloatVector.fromArray(F, gb, v);
      FloatVector a1 = FloatVector.fromArray(F, ga, v + FL), c1 = FloatVector.fromArray(F, gb, v + FL);
      FloatVector a2 = FloatVector.fromArray(F, ga, v + 2 * FL), c2 = FloatVector.fromArray(F, gb, v + 2 * FL);
      FloatVector a3 = FloatVector.fromArray(F, ga, v + 3 * FL), c3 = FloatVector.fromArray(F, gb, v + 3 * FL);
      FloatVector b0 = FloatVector.zero(F), e0 = FloatVector.zero(F);
      FloatVector b1 = FloatVector.zero(F), e1 = FloatVector.zero(F);
      FloatVector b2 = FloatVector.zero(F), e2 = FloatVector.zero(F);
      FloatVector b3 = FloatVector.zero(F), e3 = FloatVector.zero(F);
      int row = 0;
      int u = 0;
      for (int q = 0; q < pairs; q++) {
        FloatVector x1 = FloatVector.broadcast(F, da[gra + row]);
        FloatVector y1 = FloatVector.broadcast(F, db[grb + row]);
        int o1 = row * hp + v;
        FloatVector w = FloatVector.fromArray(F, wHh, o1);
        a0 = w.fma(x1, a0);
        c0 = w.fma(y1, c0);
        w = FloatVector.fromArray(F, wHh, o1 + FL);
        a1 = w.fma(x1, a1);
        c1 = w.fma(y1, c1);
        w = FloatVector.fromArray(F, wHh, o1 + 2 * FL);
        a2 = w.fma(x1, a2);
        c2 = w.fma(y1, c2);
        w = FloatVector.fromArray(F, wHh, o1 + 3 * FL);
        a3 = w.fma(x1, a3);
        c3 = w.fma(y1, c3);
        FloatVector x2 = FloatVector.broadcast(F, da[gra + row + 1]);
        FloatVector y2 = FloatVector.broadcast(F, db[grb + row + 1]);
        int o2 = o1 + hp;
        w = FloatVector.fromArray(F, wHh, o2);
        b0 = w.fma(x2, b0);
        e0 = w.fma(y2, e0);
        w = FloatVector.fromArray(F, wHh, o2 + FL);
        b1 = w.fma(x2, b1);
        e1 = w.fma(y2, e1);
        w = FloatVector.fromArray(F, wHh, o2 + 2 * FL);
        b2 = w.fma(x2, b2);
        e2 = w.fma(y2, e2);
        w = FloatVector.fromArray(F, wHh, o2 + 3 * FL);
        b3 = w.fma(x2, b3);
        e3 = w.fma(y2, e3);
        u += 2;
        row += 2;
        if (u == hEven) {
          row += hp - hEven;
          u = 0;
        }
      }
      a0.add(b0).intoArray(ga, v);
      a1.add(b1).intoArray(ga, v + FL);
      a2.add(b2).intoArray(ga, v + 2 * FL);
      a3.add(b3).intoArray(ga, v + 3 * FL);
      c0.add(e0).intoArray(gb, v);
      c1.add(e1).intoArray(gb, v + FL);
      c2.add(e2).intoArray(gb, v + 2 * FL);
      c3.add(e3).intoArray(gb, v + 3 * FL);
    }
    for (; v < hp; v += FL) {
      recurBack1(wHh, pairs, hEven, hp, da, gra, ga, v);
      recurBack1(wHh, pairs, hEven, hp, db, grb, gb, v);
    }
  }

  /** One output vector of {@link #recurBack}. */
  private static void recurBack1(float[] wHh, int pairs, int hEven, int hp, float[] d, int gr, float[] g, int v) {
    FloatVector a0 = FloatVector.fromArray(F, g, v);
    FloatVector b0 = FloatVector.zero(F);
    int row = 0;
    int u = 0;
    for (int q = 0; q < pairs; q++) {
      int o1 = row * hp + v;
      a0 = FloatVector.fromArray(F, wHh, o1).fma(FloatVector.broadcast(F, d[gr + row]), a0);
      b0 = FloatVector.fromArray(F, wHh, o1 + hp).fma(FloatVector.broadcast(F, d[gr + row + 1]), b0);
      u += 2;
      row += 2;
      if (u == hEven) {
        row += hp - hEven;
        u = 0;
      }
    }
    a0.add(b0).intoArray(g, v);
  }

  // ---------------------------------------------------------------- float weight and input gradients

  @Override
  public void accumulateGradients(GatedFloatWeights w, GatedTape tp, int lo, float[] grad, int gOff) {
    float[] bound = tp.grad;
    int boundOff = tp.gOff;
    tp.gradient(grad, gOff);
    try {
      for (int t0 = lo; t0 <= tp.steps; t0 += TIME_BLOCK) accumulateBlock(w, tp, t0);
    } finally {
      tp.gradient(bound, boundOff);
    }
  }

  /** Adds the gradients of steps t0 .. min(t0 + TIME_BLOCK − 1, T) to the tape's bound accumulator. */
  private static void accumulateBlock(GatedFloatWeights w, GatedTape tp, int t0) {
    int wd = w.width, rec = w.recurrent;
    int n = Math.min(TIME_BLOCK, tp.steps - t0 + 1);
    float[] grad = tp.grad;
    int gOff = tp.gOff;
    int oH = gOff + w.in * wd;
    int oC = oH + w.hidden * rec;
    float[] d = tp.gates;
    for (int c = 0; c < wd; c += FL) {
      FloatVector s = FloatVector.fromArray(F, grad, oC + c);
      for (int t = t0; t < t0 + n; t++) s = s.add(FloatVector.fromArray(F, d, t * wd + c));
      s.intoArray(grad, oC + c);
    }
    outer(tp.x, tp.xOff + (t0 - 1) * tp.xStride, tp.xStride, w.in, d, t0 * wd, wd, n, wd, grad, gOff);
    outer(tp.h, (t0 - 1) * w.hp, w.hp, w.hidden, d, t0 * wd, wd, n, rec, grad, oH);
  }

  /**
   * {@code g[go + k·cols + c] += Σ_{s<n} src[sb + s·ss + k]·d[db + s·wd + c]} for k &lt; rows, c &lt; cols (a
   * multiple of the vector length): tiles of 4 rows × 4 vectors, then remainders.
   */
  private static void outer(float[] src, int sb, int ss, int rows, float[] d, int db, int wd, int n, int cols, float[] g, int go) {
    int c = 0;
    for (; c + 4 * FL <= cols; c += 4 * FL) {
      int k = 0;
      for (; k + 4 <= rows; k += 4) tile4x4(src, sb + k, ss, d, db + c, wd, n, g, go + k * cols + c, cols);
      for (; k < rows; k++) tile1x4(src, sb + k, ss, d, db + c, wd, n, g, go + k * cols + c);
    }
    for (; c < cols; c += FL)
      for (int k = 0; k < rows; k++) {
        int o = go + k * cols + c;
        FloatVector a = FloatVector.fromArray(F, g, o);
        for (int s = 0; s < n; s++)
          a = FloatVector.fromArray(F, d, db + c + s * wd).fma(FloatVector.broadcast(F, src[sb + k + s * ss]), a);
        a.intoArray(g, o);
      }
  }

  private static void tile4x4(float[] src, int sb, int ss, float[] d, int db, int wd, int n, float[] g, int r0, int gs) {
    int r1 = r0 + gs, r2 = r1 + gs, r3 = r2 + gs;
    FloatVector c00 = FloatVector.fromArray(F, g, r0), c01 = FloatVector.fromArray(F, g, r0 + FL);
    FloatVector c02 = FloatVector.fromArray(F, g, r0 + 2 * FL), c03 = FloatVector.fromArray(F, g, r0 + 3 * FL);
    FloatVector c10 = FloatVector.fromArray(F, g, r1), c11 = FloatVector.fromArray(F, g, r1 + FL);
    FloatVector c12 = FloatVector.fromArray(F, g, r1 + 2 * FL), c13 = FloatVector.fromArray(F, g, r1 + 3 * FL);
    FloatVector c20 = FloatVector.fromArray(F, g, r2), c21 = FloatVector.fromArray(F, g, r2 + FL);
    FloatVector c22 = FloatVector.fromArray(F, g, r2 + 2 * FL), c23 = FloatVector.fromArray(F, g, r2 + 3 * FL);
    FloatVector c30 = FloatVector.fromArray(F, g, r3), c31 = FloatVector.fromArray(F, g, r3 + FL);
    FloatVector c32 = FloatVector.fromArray(F, g, r3 + 2 * FL), c33 = FloatVector.fromArray(F, g, r3 + 3 * FL);
    for (int s = 0; s < n; s++) {
      int dof = db + s * wd;
      FloatVector d0 = FloatVector.fromArray(F, d, dof);
      FloatVector d1 = FloatVector.fromArray(F, d, dof + FL);
      FloatVector d2 = FloatVector.fromArray(F, d, dof + 2 * FL);
      FloatVector d3 = FloatVector.fromArray(F, d, dof + 3 * FL);
      int so = sb + s * ss;
      FloatVector h = FloatVector.broadcast(F, src[so]);
      c00 = d0.fma(h, c00);
      c01 = d1.fma(h, c01);
      c02 = d2.fma(h, c02);
      c03 = d3.fma(h, c03);
      h = FloatVector.broadcast(F, src[so + 1]);
      c10 = d0.fma(h, c10);
      c11 = d1.fma(h, c11);
      c12 = d2.fma(h, c12);
      c13 = d3.fma(h, c13);
      h = FloatVector.broadcast(F, src[so + 2]);
      c20 = d0.fma(h, c20);
      c21 = d1.fma(h, c21);
      c22 = d2.fma(h, c22);
      c23 = d3.fma(h, c23);
      h = FloatVector.broadcast(F, src[so + 3]);
      c30 = d0.fma(h, c30);
      c31 = d1.fma(h, c31);
      c32 = d2.fma(h, c32);
      c33 = d3.fma(h, c33);
    }
    c00.intoArray(g, r0);
    c01.intoArray(g, r0 + FL);
    c02.intoArray(g, r0 + 2 * FL);
    c03.intoArray(g, r0 + 3 * FL);
    c10.intoArray(g, r1);
    c11.intoArray(g, r1 + FL);
    c12.intoArray(g, r1 + 2 * FL);
    c13.intoArray(g, r1 + 3 * FL);
    c20.intoArray(g, r2);
    c21.intoArray(g, r2 + FL);
    c22.intoArray(g, r2 + 2 * FL);
    c23.intoArray(g, r2 + 3 * FL);
    c30.intoArray(g, r3);
    c31.intoArray(g, r3 + FL);
    c32.intoArray(g, r3 + 2 * FL);
    c33.intoArray(g, r3 + 3 * FL);
  }

  private static void tile1x4(float[] src, int sb, int ss, float[] d, int db, int wd, int n, float[] g, int r0) {
    FloatVector c0 = FloatVector.fromArray(F, g, r0);
    FloatVector c1 = FloatVector.fromArray(F, g, r0 + FL);
    FloatVector c2 = FloatVector.fromArray(F, g, r0 + 2 * FL);
    FloatVector c3 = FloatVector.fromArray(F, g, r0 + 3 * FL);
    for (int s = 0; s < n; s++) {
      int dof = db + s * wd;
      FloatVector h = FloatVector.broadcast(F, src[sb + s * ss]);
      c0 = FloatVector.fromArray(F, d, dof).fma(h, c0);
      c1 = FloatVector.fromArray(F, d, dof + FL).fma(h, c1);
      c2 = FloatVector.fromArray(F, d, dof + 2 * FL).fma(h, c2);
      c3 = FloatVector.fromArray(F, d, dof + 3 * FL).fma(h, c3);
    }
    c0.intoArray(g, r0);
    c1.intoArray(g, r0 + FL);
    c2.intoArray(g, r0 + 2 * FL);
    c3.intoArray(g, r0 + 3 * FL);
  }

  @Override
  public void inputGradients(GatedFloatWeights w, GatedTape tp, int lo, float[] dx) {
    int inP = w.inP, hp = w.hp, wd = w.width;
    if (inP == 0) throw new IllegalStateException("the layer was packed without input gradients (inP = 0)");
    int hEven = (w.hidden + 1) & ~1;
    int pairs = 4 * (hEven >> 1); // all four blocks: the GRU's block 2 rows of wIhRows are zero
    for (int t = lo, end = tp.steps + 1; t < end; t++)
      for (int v = 0; v < inP; v += FL) inputGradient1(w.wIhRows, inP, hp, hEven, pairs, tp.gates, t * wd, dx, t * inP + v, v);
  }

  /** One output vector of {@link #inputGradients}: {@code dx[o..) = Σ_rows wr[row·inP + v ..]·d[gr + row]}. */
  private static void inputGradient1(float[] wr, int inP, int hp, int hEven, int pairs, float[] d, int gr, float[] dx, int o, int v) {
    FloatVector a = FloatVector.zero(F);
    FloatVector b = FloatVector.zero(F);
    int row = 0;
    int u = 0;
    for (int q = 0; q < pairs; q++) {
      int r1 = row * inP + v;
      a = FloatVector.fromArray(F, wr, r1).fma(FloatVector.broadcast(F, d[gr + row]), a);
      b = FloatVector.fromArray(F, wr, r1 + inP).fma(FloatVector.broadcast(F, d[gr + row + 1]), b);
      u += 2;
      row += 2;
      if (u == hEven) {
        row += hp - hEven;
        u = 0;
      }
    }
    a.add(b).intoArray(dx, o);
  }

  // ---------------------------------------------------------------- double step (inference)

  @Override
  public void step(GatedDoubleWeights w, double[] x, int xOff, double[] h, double[] c, double[] row) {
    int hp = w.hp, wd = w.width;
    for (int col = 0; col < wd; col += 4 * DL) {
      DoubleVector a0 = DoubleVector.fromArray(D, w.bx, col);
      DoubleVector a1 = DoubleVector.fromArray(D, w.bx, col + DL);
      DoubleVector a2 = DoubleVector.fromArray(D, w.bx, col + 2 * DL);
      DoubleVector a3 = DoubleVector.fromArray(D, w.bx, col + 3 * DL);
      for (int k = 0; k < w.in; k++) {
        DoubleVector xk = DoubleVector.broadcast(D, x[xOff + k]);
        int o = k * wd + col;
        a0 = DoubleVector.fromArray(D, w.wIhT, o).fma(xk, a0);
        a1 = DoubleVector.fromArray(D, w.wIhT, o + DL).fma(xk, a1);
        a2 = DoubleVector.fromArray(D, w.wIhT, o + 2 * DL).fma(xk, a2);
        a3 = DoubleVector.fromArray(D, w.wIhT, o + 3 * DL).fma(xk, a3);
      }
      a0.intoArray(row, col);
      a1.intoArray(row, col + DL);
      a2.intoArray(row, col + 2 * DL);
      a3.intoArray(row, col + 3 * DL);
    }
    recurDouble(w.wHhT, w.hidden, w.recurrent, h, row);
    if (w.lstm) lstmStep(hp, h, c, row);
    else gruStep(hp, h, row);
  }

  /** {@code row[0..rec) += Σ_j h[j]·wT[j·rec ..]}: chunks of 8, 4 and 1 vectors in registers. */
  private static void recurDouble(double[] wT, int hidden, int rec, double[] h, double[] row) {
    int c = 0;
    for (; c + 8 * DL <= rec; c += 8 * DL) {
      DoubleVector a0 = DoubleVector.fromArray(D, row, c);
      DoubleVector a1 = DoubleVector.fromArray(D, row, c + DL);
      DoubleVector a2 = DoubleVector.fromArray(D, row, c + 2 * DL);
      DoubleVector a3 = DoubleVector.fromArray(D, row, c + 3 * DL);
      DoubleVector a4 = DoubleVector.fromArray(D, row, c + 4 * DL);
      DoubleVector a5 = DoubleVector.fromArray(D, row, c + 5 * DL);
      DoubleVector a6 = DoubleVector.fromArray(D, row, c + 6 * DL);
      DoubleVector a7 = DoubleVector.fromArray(D, row, c + 7 * DL);
      for (int j = 0; j < hidden; j++) {
        DoubleVector hj = DoubleVector.broadcast(D, h[j]);
        int wo = j * rec + c;
        a0 = DoubleVector.fromArray(D, wT, wo).fma(hj, a0);
        a1 = DoubleVector.fromArray(D, wT, wo + DL).fma(hj, a1);
        a2 = DoubleVector.fromArray(D, wT, wo + 2 * DL).fma(hj, a2);
        a3 = DoubleVector.fromArray(D, wT, wo + 3 * DL).fma(hj, a3);
        a4 = DoubleVector.fromArray(D, wT, wo + 4 * DL).fma(hj, a4);
        a5 = DoubleVector.fromArray(D, wT, wo + 5 * DL).fma(hj, a5);
        a6 = DoubleVector.fromArray(D, wT, wo + 6 * DL).fma(hj, a6);
        a7 = DoubleVector.fromArray(D, wT, wo + 7 * DL).fma(hj, a7);
      }
      a0.intoArray(row, c);
      a1.intoArray(row, c + DL);
      a2.intoArray(row, c + 2 * DL);
      a3.intoArray(row, c + 3 * DL);
      a4.intoArray(row, c + 4 * DL);
      a5.intoArray(row, c + 5 * DL);
      a6.intoArray(row, c + 6 * DL);
      a7.intoArray(row, c + 7 * DL);
    }
    for (; c + 4 * DL <= rec; c += 4 * DL) {
      DoubleVector a0 = DoubleVector.fromArray(D, row, c);
      DoubleVector a1 = DoubleVector.fromArray(D, row, c + DL);
      DoubleVector a2 = DoubleVector.fromArray(D, row, c + 2 * DL);
      DoubleVector a3 = DoubleVector.fromArray(D, row, c + 3 * DL);
      for (int j = 0; j < hidden; j++) {
        DoubleVector hj = DoubleVector.broadcast(D, h[j]);
        int wo = j * rec + c;
        a0 = DoubleVector.fromArray(D, wT, wo).fma(hj, a0);
        a1 = DoubleVector.fromArray(D, wT, wo + DL).fma(hj, a1);
        a2 = DoubleVector.fromArray(D, wT, wo + 2 * DL).fma(hj, a2);
        a3 = DoubleVector.fromArray(D, wT, wo + 3 * DL).fma(hj, a3);
      }
      a0.intoArray(row, c);
      a1.intoArray(row, c + DL);
      a2.intoArray(row, c + 2 * DL);
      a3.intoArray(row, c + 3 * DL);
    }
    for (; c < rec; c += DL) {
      DoubleVector a0 = DoubleVector.fromArray(D, row, c);
      for (int j = 0; j < hidden; j++)
        a0 = DoubleVector.fromArray(D, wT, j * rec + c).fma(DoubleVector.broadcast(D, h[j]), a0);
      a0.intoArray(row, c);
    }
  }

  private static void lstmStep(int hp, double[] h, double[] c, double[] row) {
    sigmoid(row, 0, 2 * hp);
    VectorTanh.tanh(row, 2 * hp, 3 * hp);
    sigmoid(row, 3 * hp, 4 * hp);
    for (int v = 0; v < hp; v += DL) {
      DoubleVector i = DoubleVector.fromArray(D, row, v);
      DoubleVector f = DoubleVector.fromArray(D, row, hp + v);
      DoubleVector g = DoubleVector.fromArray(D, row, 2 * hp + v);
      DoubleVector cn = i.fma(g, f.mul(DoubleVector.fromArray(D, c, v)));
      cn.intoArray(c, v);
      cn.intoArray(row, 2 * hp + v);
    }
    VectorTanh.tanh(row, 2 * hp, 3 * hp);
    for (int v = 0; v < hp; v += DL)
      DoubleVector.fromArray(D, row, 3 * hp + v).mul(DoubleVector.fromArray(D, row, 2 * hp + v)).intoArray(h, v);
  }

  private static void gruStep(int hp, double[] h, double[] row) {
    sigmoid(row, 0, 2 * hp);
    for (int v = 0; v < hp; v += DL) {
      DoubleVector r = DoubleVector.fromArray(D, row, v);
      r.fma(DoubleVector.fromArray(D, row, 2 * hp + v), DoubleVector.fromArray(D, row, 3 * hp + v)).intoArray(row, 3 * hp + v);
    }
    VectorTanh.tanh(row, 3 * hp, 4 * hp);
    for (int v = 0; v < hp; v += DL) {
      DoubleVector n = DoubleVector.fromArray(D, row, 3 * hp + v);
      DoubleVector z = DoubleVector.fromArray(D, row, hp + v);
      z.fma(DoubleVector.fromArray(D, h, v).sub(n), n).intoArray(h, v);
    }
  }

  /** Lane-wise {@link FastMath#sigmoid} in place on {@code a[from..to)} (a whole number of vectors). */
  private static void sigmoid(double[] a, int from, int to) {
    DoubleVector one = DoubleVector.broadcast(D, 1.0);
    for (int i = from; i < to; i += DL) {
      DoubleVector v = DoubleVector.fromArray(D, a, i);
      DoubleVector e = VectorDenseKernels.expNonPositive(v.lanewise(VectorOperators.ABS).neg());
      VectorMask<Double> negative = v.compare(VectorOperators.LT, 0.0);
      one.blend(e, negative).div(e.add(1.0)).intoArray(a, i);
    }
  }
}
