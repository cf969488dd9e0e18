package org.distinct.tensor;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RnnKernels} on the Vector API ({@code jdk.incubator.vector}), preferred species (512 bits on
 * AVX-512: 16 floats or 8 doubles per vector). The hidden size is padded to a multiple of the vector length;
 * matrix-vector products keep up to four output vectors in registers, broadcast one element of the other
 * operand and fuse multiply-add over it; the gradient product {@code Σ_t δ_t h_{t−1}ᵀ} is a register-tiled
 * (4 rows × 4 vectors) matrix product over time. tanh is {@link VectorTanh} (exact IEEE operations only,
 * so results do not depend on whether the JIT has compiled a method). The two-sequence variants run two
 * independent dependency chains in lockstep and share every weight load.
 *
 * <p>Loaded only by {@link RnnKernelsProvider} after it has checked that the module is present; no other
 * class refers to this one, so distinct runs without {@code --add-modules jdk.incubator.vector}.
 */
final class VectorRnnKernels implements RnnKernels {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int FL = F.length();
  private static final int DL = D.length();

  VectorRnnKernels() {}

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

  // ---------------------------------------------------------------- double forward (inference)

  @Override
  public int forward(
      double[] wIhT, double[] wHhT, double[] b, int in, int hidden, int hp,
      double[] x, int xOff, int from, int to, double[] s, boolean keepAll) {
    if (from == 1) Arrays.fill(s, 0, hp, 0.0);
    int cur = 0;
    for (int t = from, end = to + 1; t < end; t++) {
      int prev = (keepAll ? t - 1 : (t - 1) & 1) * hp;
      cur = (keepAll ? t : t & 1) * hp;
      int xo = xOff + (t - 1) * in;
      int v = 0;
      for (; v + 4 * DL <= hp; v += 4 * DL) {
        DoubleVector a0 = DoubleVector.fromArray(D, b, v);
        DoubleVector a1 = DoubleVector.fromArray(D, b, v + DL);
        DoubleVector a2 = DoubleVector.fromArray(D, b, v + 2 * DL);
        DoubleVector a3 = DoubleVector.fromArray(D, b, v + 3 * DL);
        for (int k = 0; k < in; k++) {
          DoubleVector xk = DoubleVector.broadcast(D, x[xo + k]);
          int o = k * hp + v;
          a0 = DoubleVector.fromArray(D, wIhT, o).fma(xk, a0);
          a1 = DoubleVector.fromArray(D, wIhT, o + DL).fma(xk, a1);
          a2 = DoubleVector.fromArray(D, wIhT, o + 2 * DL).fma(xk, a2);
          a3 = DoubleVector.fromArray(D, wIhT, o + 3 * DL).fma(xk, a3);
        }
        for (int j = 0; j < hidden; j++) {
          DoubleVector hj = DoubleVector.broadcast(D, s[prev + j]);
          int o = j * hp + v;
          a0 = DoubleVector.fromArray(D, wHhT, o).fma(hj, a0);
          a1 = DoubleVector.fromArray(D, wHhT, o + DL).fma(hj, a1);
          a2 = DoubleVector.fromArray(D, wHhT, o + 2 * DL).fma(hj, a2);
          a3 = DoubleVector.fromArray(D, wHhT, o + 3 * DL).fma(hj, a3);
        }
        a0.intoArray(s, cur + v);
        a1.intoArray(s, cur + v + DL);
        a2.intoArray(s, cur + v + 2 * DL);
        a3.intoArray(s, cur + v + 3 * DL);
      }
      for (; v < hp; v += DL) {
        DoubleVector a0 = DoubleVector.fromArray(D, b, v);
        for (int k = 0; k < in; k++)
          a0 = DoubleVector.fromArray(D, wIhT, k * hp + v).fma(DoubleVector.broadcast(D, x[xo + k]), a0);
        for (int j = 0; j < hidden; j++)
          a0 = DoubleVector.fromArray(D, wHhT, j * hp + v).fma(DoubleVector.broadcast(D, s[prev + j]), a0);
        a0.intoArray(s, cur + v);
      }
      VectorTanh.tanh(s, cur, cur + hp);
    }
    return cur / hp;
  }

  @Override
  public int forward2(
      double[] wIhT, double[] wHhT, double[] b, int in, int hidden, int hp,
      double[] xa, int xaOff, double[] sa, double[] xb, int xbOff, double[] sb, int from, int to, boolean keepAll) {
    if (from == 1) {
      Arrays.fill(sa, 0, hp, 0.0);
      Arrays.fill(sb, 0, hp, 0.0);
    }
    int cur = 0;
    for (int t = from, end = to + 1; t < end; t++) {
      int prev = (keepAll ? t - 1 : (t - 1) & 1) * hp;
      cur = (keepAll ? t : t & 1) * hp;
      int xao = xaOff + (t - 1) * in;
      int xbo = xbOff + (t - 1) * in;
      int v = 0;
      for (; v + 4 * DL <= hp; v += 4 * DL) {
        DoubleVector a0 = DoubleVector.fromArray(D, b, v);
        DoubleVector a1 = DoubleVector.fromArray(D, b, v + DL);
        DoubleVector a2 = DoubleVector.fromArray(D, b, v + 2 * DL);
        DoubleVector a3 = DoubleVector.fromArray(D, b, v + 3 * DL);
        DoubleVector c0 = a0, c1 = a1, c2 = a2, c3 = a3;
        for (int k = 0; k < in; k++) {
          DoubleVector xka = DoubleVector.broadcast(D, xa[xao + k]);
          DoubleVector xkb = DoubleVector.broadcast(D, xb[xbo + k]);
          int o = k * hp + v;
          DoubleVector w0 = DoubleVector.fromArray(D, wIhT, o);
          DoubleVector w1 = DoubleVector.fromArray(D, wIhT, o + DL);
          DoubleVector w2 = DoubleVector.fromArray(D, wIhT, o + 2 * DL);
          DoubleVector w3 = DoubleVector.fromArray(D, wIhT, o + 3 * DL);
          a0 = w0.fma(xka, a0);
          a1 = w1.fma(xka, a1);
          a2 = w2.fma(xka, a2);
          a3 = w3.fma(xka, a3);
          c0 = w0.fma(xkb, c0);
          c1 = w1.fma(xkb, c1);
          c2 = w2.fma(xkb, c2);
          c3 = w3.fma(xkb, c3);
        }
        for (int j = 0; j < hidden; j++) {
          DoubleVector ha = DoubleVector.broadcast(D, sa[prev + j]);
          DoubleVector hb = DoubleVector.broadcast(D, sb[prev + j]);
          int o = j * hp + v;
          DoubleVector w0 = DoubleVector.fromArray(D, wHhT, o);
          DoubleVector w1 = DoubleVector.fromArray(D, wHhT, o + DL);
          DoubleVector w2 = DoubleVector.fromArray(D, wHhT, o + 2 * DL);
          DoubleVector w3 = DoubleVector.fromArray(D, wHhT, o + 3 * DL);
          a0 = w0.fma(ha, a0);
          a1 = w1.fma(ha, a1);
          a2 = w2.fma(ha, a2);
          a3 = w3.fma(ha, a3);
          c0 = w0.fma(hb, c0);
          c1 = w1.fma(hb, c1);
          c2 = w2.fma(hb, c2);
          c3 = w3.fma(hb, c3);
        }
        a0.intoArray(sa, cur + v);
        a1.intoArray(sa, cur + v + DL);
        a2.intoArray(sa, cur + v + 2 * DL);
        a3.intoArray(sa, cur + v + 3 * DL);
        c0.intoArray(sb, cur + v);
        c1.intoArray(sb, cur + v + DL);
        c2.intoArray(sb, cur + v + 2 * DL);
        c3.intoArray(sb, cur + v + 3 * DL);
      }
      for (; v < hp; v += DL) {
        DoubleVector a0 = DoubleVector.fromArray(D, b, v);
        DoubleVector c0 = a0;
        for (int k = 0; k < in; k++) {
          DoubleVector w0 = DoubleVector.fromArray(D, wIhT, k * hp + v);
          a0 = w0.fma(DoubleVector.broadcast(D, xa[xao + k]), a0);
          c0 = w0.fma(DoubleVector.broadcast(D, xb[xbo + k]), c0);
        }
        for (int j = 0; j < hidden; j++) {
          DoubleVector w0 = DoubleVector.fromArray(D, wHhT, j * hp + v);
          a0 = w0.fma(DoubleVector.broadcast(D, sa[prev + j]), a0);
          c0 = w0.fma(DoubleVector.broadcast(D, sb[prev + j]), c0);
        }
        a0.intoArray(sa, cur + v);
        c0.intoArray(sb, cur + v);
      }
      VectorTanh.tanh(sa, cur, cur + hp);
      VectorTanh.tanh(sb, cur, cur + hp);
    }
    return cur / hp;
  }

  // ---------------------------------------------------------------- float forward (training)

  @Override
  public void forward(
      float[] wIhT, float[] wHhT, float[] b, int in, int hidden, int hp,
      float[] x, int xOff, int from, int to, float[] s) {
    if (from == 1) Arrays.fill(s, 0, hp, 0f);
    for (int t = from, end = to + 1; t < end; t++) {
      int prev = (t - 1) * hp;
      int cur = t * hp;
      int xo = xOff + (t - 1) * in;
      int v = 0;
      for (; v + 4 * FL <= hp; v += 4 * FL) {
        FloatVector a0 = FloatVector.fromArray(F, b, v);
        FloatVector a1 = FloatVector.fromArray(F, b, v + FL);
        FloatVector a2 = FloatVector.fromArray(F, b, v + 2 * FL);
        FloatVector a3 = FloatVector.fromArray(F, b, v + 3 * FL);
        for (int k = 0; k < in; k++) {
          FloatVector xk = FloatVector.broadcast(F, x[xo + k]);
          int o = k * hp + v;
          a0 = FloatVector.fromArray(F, wIhT, o).fma(xk, a0);
          a1 = FloatVector.fromArray(F, wIhT, o + FL).fma(xk, a1);
          a2 = FloatVector.fromArray(F, wIhT, o + 2 * FL).fma(xk, a2);
          a3 = FloatVector.fromArray(F, wIhT, o + 3 * FL).fma(xk, a3);
        }
        for (int j = 0; j < hidden; j++) {
          FloatVector hj = FloatVector.broadcast(F, s[prev + j]);
          int o = j * hp + v;
          a0 = FloatVector.fromArray(F, wHhT, o).fma(hj, a0);
          a1 = FloatVector.fromArray(F, wHhT, o + FL).fma(hj, a1);
          a2 = FloatVector.fromArray(F, wHhT, o + 2 * FL).fma(hj, a2);
          a3 = FloatVector.fromArray(F, wHhT, o + 3 * FL).fma(hj, a3);
        }
        a0.intoArray(s, cur + v);
        a1.intoArray(s, cur + v + FL);
        a2.intoArray(s, cur + v + 2 * FL);
        a3.intoArray(s, cur + v + 3 * FL);
      }
      for (; v < hp; v += FL) {
        FloatVector a0 = FloatVector.fromArray(F, b, v);
        for (int k = 0; k < in; k++)
          a0 = FloatVector.fromArray(F, wIhT, k * hp + v).fma(FloatVector.broadcast(F, x[xo + k]), a0);
        for (int j = 0; j < hidden; j++)
          a0 = FloatVector.fromArray(F, wHhT, j * hp + v).fma(FloatVector.broadcast(F, s[prev + j]), a0);
        a0.intoArray(s, cur + v);
      }
      VectorTanh.tanh(s, cur, cur + hp);
    }
  }

  @Override
  public void forward2(
      float[] wIhT, float[] wHhT, float[] b, int in, int hidden, int hp,
      float[] xa, int xaOff, float[] sa, float[] xb, int xbOff, float[] sb, int from, int to) {
    if (from == 1) {
      Arrays.fill(sa, 0, hp, 0f);
      Arrays.fill(sb, 0, hp, 0f);
    }
    for (int t = from, end = to + 1; t < end; t++) {
      int prev = (t - 1) * hp;
      int cur = t * hp;
      int xao = xaOff + (t - 1) * in;
      int xbo = xbOff + (t - 1) * in;
      int v = 0;
      for (; v + 4 * FL <= hp; v += 4 * FL) {
        FloatVector a0 = FloatVector.fromArray(F, b, v);
        FloatVector a1 = FloatVector.fromArray(F, b, v + FL);
        FloatVector a2 = FloatVector.fromArray(F, b, v + 2 * FL);
        FloatVector a3 = FloatVector.fromArray(F, b, v + 3 * FL);
        FloatVector c0 = a0, c1 = a1, c2 = a2, c3 = a3;
        for (int k = 0; k < in; k++) {
          FloatVector xka = FloatVector.broadcast(F, xa[xao + k]);
          FloatVector xkb = FloatVector.broadcast(F, xb[xbo + k]);
          int o = k * hp + v;
          FloatVector w0 = FloatVector.fromArray(F, wIhT, o);
          FloatVector w1 = FloatVector.fromArray(F, wIhT, o + FL);
          FloatVector w2 = FloatVector.fromArray(F, wIhT, o + 2 * FL);
          FloatVector w3 = FloatVector.fromArray(F, wIhT, o + 3 * FL);
          a0 = w0.fma(xka, a0);
          a1 = w1.fma(xka, a1);
          a2 = w2.fma(xka, a2);
          a3 = w3.fma(xka, a3);
          c0 = w0.fma(xkb, c0);
          c1 = w1.fma(xkb, c1);
          c2 = w2.fma(xkb, c2);
          c3 = w3.fma(xkb, c3);
        }
        for (int j = 0; j < hidden; j++) {
          FloatVector ha = FloatVector.broadcast(F, sa[prev + j]);
          FloatVector hb = FloatVector.broadcast(F, sb[prev + j]);
          int o = j * hp + v;
          FloatVector w0 = FloatVector.fromArray(F, wHhT, o);
          FloatVector w1 = FloatVector.fromArray(F, wHhT, o + FL);
          FloatVector w2 = FloatVector.fromArray(F, wHhT, o + 2 * FL);
          FloatVector w3 = FloatVector.fromArray(F, wHhT, o + 3 * FL);
          a0 = w0.fma(ha, a0);
          a1 = w1.fma(ha, a1);
          a2 = w2.fma(ha, a2);
          a3 = w3.fma(ha, a3);
          c0 = w0.fma(hb, c0);
          c1 = w1.fma(hb, c1);
          c2 = w2.fma(hb, c2);
          c3 = w3.fma(hb, c3);
        }
        a0.intoArray(sa, cur + v);
        a1.intoArray(sa, cur + v + FL);
        a2.intoArray(sa, cur + v + 2 * FL);
        a3.intoArray(sa, cur + v + 3 * FL);
        c0.intoArray(sb, cur + v);
        c1.intoArray(sb, cur + v + FL);
        c2.intoArray(sb, cur + v + 2 * FL);
        c3.intoArray(sb, cur + v + 3 * FL);
      }
      for (; v < hp; v += FL) {
        FloatVector a0 = FloatVector.fromArray(F, b, v);
        FloatVector c0 = a0;
        for (int k = 0; k < in; k++) {
          FloatVector w0 = FloatVector.fromArray(F, wIhT, k * hp + v);
          a0 = w0.fma(FloatVector.broadcast(F, xa[xao + k]), a0);
          c0 = w0.fma(FloatVector.broadcast(F, xb[xbo + k]), c0);
        }
        for (int j = 0; j < hidden; j++) {
          FloatVector w0 = FloatVector.fromArray(F, wHhT, j * hp + v);
          a0 = w0.fma(FloatVector.broadcast(F, sa[prev + j]), a0);
          c0 = w0.fma(FloatVector.broadcast(F, sb[prev + j]), c0);
        }
        a0.intoArray(sa, cur + v);
        c0.intoArray(sb, cur + v);
      }
      VectorTanh.tanh(sa, cur, cur + hp);
      VectorTanh.tanh(sb, cur, cur + hp);
    }
  }

  // ---------------------------------------------------------------- float backward

  @Override
  public void backward(float[] wHh, int hidden, int hp, float[] s, float[] g, float[] d, int hi, int lo) {
    FloatVector one = FloatVector.broadcast(F, 1f);
    for (int t = hi, stop = lo - 1; t > stop; t--) {
      int cur = t * hp;
      for (int v = 0; v < hp; v += FL) {
        FloatVector h = FloatVector.fromArray(F, s, cur + v);
        FloatVector.fromArray(F, g, v).mul(one.sub(h.mul(h))).intoArray(d, cur + v);
      }
      int v = 0;
      for (; v + 4 * FL <= hp; v += 4 * FL) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        for (int i = 0; i < hidden; i++) {
          FloatVector di = FloatVector.broadcast(F, d[cur + i]);
          int o = i * hp + v;
          a0 = FloatVector.fromArray(F, wHh, o).fma(di, a0);
          a1 = FloatVector.fromArray(F, wHh, o + FL).fma(di, a1);
          a2 = FloatVector.fromArray(F, wHh, o + 2 * FL).fma(di, a2);
          a3 = FloatVector.fromArray(F, wHh, o + 3 * FL).fma(di, a3);
        }
        a0.intoArray(g, v);
        a1.intoArray(g, v + FL);
        a2.intoArray(g, v + 2 * FL);
        a3.intoArray(g, v + 3 * FL);
      }
      for (; v < hp; v += FL) {
        FloatVector a0 = FloatVector.zero(F);
        for (int i = 0; i < hidden; i++)
          a0 = FloatVector.fromArray(F, wHh, i * hp + v).fma(FloatVector.broadcast(F, d[cur + i]), a0);
        a0.intoArray(g, v);
      }
    }
  }

  @Override
  public void backward2(
      float[] wHh, int hidden, int hp, float[] sa, float[] ga, float[] da, int hiA,
      float[] sb, float[] gb, float[] db, int hiB, int count) {
    FloatVector one = FloatVector.broadcast(F, 1f);
    for (int u = 0; u < count; u++) {
      int curA = (hiA - u) * hp;
      int curB = (hiB - u) * hp;
      for (int v = 0; v < hp; v += FL) {
        FloatVector h = FloatVector.fromArray(F, sa, curA + v);
        FloatVector.fromArray(F, ga, v).mul(one.sub(h.mul(h))).intoArray(da, curA + v);
        FloatVector k = FloatVector.fromArray(F, sb, curB + v);
        FloatVector.fromArray(F, gb, v).mul(one.sub(k.mul(k))).intoArray(db, curB + v);
      }
      int v = 0;
      for (; v + 4 * FL <= hp; v += 4 * FL) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        FloatVector c0 = a0, c1 = a0, c2 = a0, c3 = a0;
        for (int i = 0; i < hidden; i++) {
          FloatVector dia = FloatVector.broadcast(F, da[curA + i]);
          FloatVector dib = FloatVector.broadcast(F, db[curB + i]);
          int o = i * hp + v;
          FloatVector w0 = FloatVector.fromArray(F, wHh, o);
          FloatVector w1 = FloatVector.fromArray(F, wHh, o + FL);
          FloatVector w2 = FloatVector.fromArray(F, wHh, o + 2 * FL);
          FloatVector w3 = FloatVector.fromArray(F, wHh, o + 3 * FL);
          a0 = w0.fma(dia, a0);
          a1 = w1.fma(dia, a1);
          a2 = w2.fma(dia, a2);
          a3 = w3.fma(dia, a3);
          c0 = w0.fma(dib, c0);
          c1 = w1.fma(dib, c1);
          c2 = w2.fma(dib, c2);
          c3 = w3.fma(dib, c3);
        }
        a0.intoArray(ga, v);
        a1.intoArray(ga, v + FL);
        a2.intoArray(ga, v + 2 * FL);
        a3.intoArray(ga, v + 3 * FL);
        c0.intoArray(gb, v);
        c1.intoArray(gb, v + FL);
        c2.intoArray(gb, v + 2 * FL);
        c3.intoArray(gb, v + 3 * FL);
      }
      for (; v < hp; v += FL) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector c0 = a0;
        for (int i = 0; i < hidden; i++) {
          FloatVector w0 = FloatVector.fromArray(F, wHh, i * hp + v);
          a0 = w0.fma(FloatVector.broadcast(F, da[curA + i]), a0);
          c0 = w0.fma(FloatVector.broadcast(F, db[curB + i]), c0);
        }
        a0.intoArray(ga, v);
        c0.intoArray(gb, v);
      }
    }
  }

  // ---------------------------------------------------------------- float gradient accumulation

  @Override
  public void accumulateGradients(
      float[] s, float[] d, float[] x, int xOff, int in, int hidden, int hp, int from, int steps,
      float[] gWihT, float[] gWhhT, float[] gb) {
    // bias and input weights: one vector of lanes i at a time, summed over t
    for (int v = 0; v < hp; v += FL) {
      for (int t = from, end = steps + 1; t < end; t++)
        FloatVector.fromArray(F, gb, v).add(FloatVector.fromArray(F, d, t * hp + v)).intoArray(gb, v);
      for (int k = 0; k < in; k++) {
        int o = k * hp + v;
        for (int t = from, end = steps + 1; t < end; t++)
          FloatVector.fromArray(F, d, t * hp + v).fma(FloatVector.broadcast(F, x[xOff + (t - 1) * in + k]),
              FloatVector.fromArray(F, gWihT, o)).intoArray(gWihT, o);
      }
    }
    // recurrent weights: gWhhT[j][i] += Σ_t h_{t-1}[j] δ_t[i], tiles of 4 rows j × 4 vectors of i
    int v = 0;
    for (; v + 4 * FL <= hp; v += 4 * FL) {
      int j = 0;
      for (; j + 4 <= hidden; j += 4) tile4x4(s, d, hp, from, steps, gWhhT, j, v);
      for (; j < hidden; j++) tile1x4(s, d, hp, from, steps, gWhhT, j, v);
    }
    for (; v < hp; v += FL) {
      int j = 0;
      for (; j + 4 <= hidden; j += 4) tile4x1(s, d, hp, from, steps, gWhhT, j, v);
      for (; j < hidden; j++) {
        int o = j * hp + v;
        for (int t = from, end = steps + 1; t < end; t++)
          FloatVector.fromArray(F, d, t * hp + v).fma(FloatVector.broadcast(F, s[(t - 1) * hp + j]),
              FloatVector.fromArray(F, gWhhT, o)).intoArray(gWhhT, o);
      }
    }
  }

  private static void tile4x4(float[] s, float[] d, int hp, int from, int steps, float[] g, int j, int v) {
    int r0 = j * hp + v;
    int r1 = r0 + hp;
    int r2 = r1 + hp;
    int r3 = r2 + hp;
    FloatVector c00 = FloatVector.fromArray(F, g, r0), c01 = FloatVector.fromArray(F, g, r0 + FL);
    FloatVector c02 = FloatVector.fromArray(F, g, r0 + 2 * FL), c03 = FloatVector.fromArray(F, g, r0 + 3 * FL);
    FloatVector c10 = FloatVector.fromArray(F, g, r1), c11 = FloatVector.fromArray(F, g, r1 + FL);
    FloatVector c12 = FloatVector.fromArray(F, g, r1 + 2 * FL), c13 = FloatVector.fromArray(F, g, r1 + 3 * FL);
    FloatVector c20 = FloatVector.fromArray(F, g, r2), c21 = FloatVector.fromArray(F, g, r2 + FL);
    FloatVector c22 = FloatVector.fromArray(F, g, r2 + 2 * FL), c23 = FloatVector.fromArray(F, g, r2 + 3 * FL);
    FloatVector c30 = FloatVector.fromArray(F, g, r3), c31 = FloatVector.fromArray(F, g, r3 + FL);
    FloatVector c32 = FloatVector.fromArray(F, g, r3 + 2 * FL), c33 = FloatVector.fromArray(F, g, r3 + 3 * FL);
    for (int t = from, end = steps + 1; t < end; t++) {
      int dof = t * hp + v;
      FloatVector d0 = FloatVector.fromArray(F, d, dof);
      FloatVector d1 = FloatVector.fromArray(F, d, dof + FL);
      FloatVector d2 = FloatVector.fromArray(F, d, dof + 2 * FL);
      FloatVector d3 = FloatVector.fromArray(F, d, dof + 3 * FL);
      int hof = (t - 1) * hp + j;
      FloatVector h = FloatVector.broadcast(F, s[hof]);
      c00 = d0.fma(h, c00);
      c01 = d1.fma(h, c01);
      c02 = d2.fma(h, c02);
      c03 = d3.fma(h, c03);
      h = FloatVector.broadcast(F, s[hof + 1]);
      c10 = d0.fma(h, c10);
      c11 = d1.fma(h, c11);
      c12 = d2.fma(h, c12);
      c13 = d3.fma(h, c13);
      h = FloatVector.broadcast(F, s[hof + 2]);
      c20 = d0.fma(h, c20);
      c21 = d1.fma(h, c21);
      c22 = d2.fma(h, c22);
      c23 = d3.fma(h, c23);
      h = FloatVector.broadcast(F, s[hof + 3]);
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

  private static void tile1x4(float[] s, float[] d, int hp, int from, int steps, float[] g, int j, int v) {
    int r0 = j * hp + v;
    FloatVector c0 = FloatVector.fromArray(F, g, r0);
    FloatVector c1 = FloatVector.fromArray(F, g, r0 + FL);
    FloatVector c2 = FloatVector.fromArray(F, g, r0 + 2 * FL);
    FloatVector c3 = FloatVector.fromArray(F, g, r0 + 3 * FL);
    for (int t = from, end = steps + 1; t < end; t++) {
      int dof = t * hp + v;
      FloatVector h = FloatVector.broadcast(F, s[(t - 1) * hp + j]);
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

  private static void tile4x1(float[] s, float[] d, int hp, int from, int steps, float[] g, int j, int v) {
    int r0 = j * hp + v;
    FloatVector c0 = FloatVector.fromArray(F, g, r0);
    FloatVector c1 = FloatVector.fromArray(F, g, r0 + hp);
    FloatVector c2 = FloatVector.fromArray(F, g, r0 + 2 * hp);
    FloatVector c3 = FloatVector.fromArray(F, g, r0 + 3 * hp);
    for (int t = from, end = steps + 1; t < end; t++) {
      FloatVector dv = FloatVector.fromArray(F, d, t * hp + v);
      int hof = (t - 1) * hp + j;
      c0 = dv.fma(FloatVector.broadcast(F, s[hof]), c0);
      c1 = dv.fma(FloatVector.broadcast(F, s[hof + 1]), c1);
      c2 = dv.fma(FloatVector.broadcast(F, s[hof + 2]), c2);
      c3 = dv.fma(FloatVector.broadcast(F, s[hof + 3]), c3);
    }
    c0.intoArray(g, r0);
    c1.intoArray(g, r0 + hp);
    c2.intoArray(g, r0 + 2 * hp);
    c3.intoArray(g, r0 + 3 * hp);
  }
}
