package org.distinct.prune;

import java.util.Arrays;
import java.util.List;
import org.distinct.model.ElmanRnn;
import org.distinct.util.Indices;

/**
 * Removal of hidden units from an {@link ElmanRnn} {@code h_t = tanh(W_ih x_t + W_hh h_{t−1} + b)},
 * {@code logits = W_out h_T + b_out} (distinctiveness spec, "Recurrent networks"), in two variants.
 *
 * <p><b>Structural</b> ({@link #apply}, distinct's default): what leaves hidden unit h is column h of
 * {@code W_hh} (into every hidden unit at the next step) and column h of {@code W_out}; the biases those
 * weights feed are {@code b} and {@code b_out}. A {@link UnitFold} {@code (r, k, α, β)} is applied, in order,
 * to copies of these arrays:
 *
 * <pre>
 *   W_hh[:,k] += α·W_hh[:,r]    W_out[:,k] += α·W_out[:,r]      (only when k ≥ 0)
 *   b         += β·W_hh[:,r]    b_out      += β·W_out[:,r]
 * </pre>
 *
 * then row r of {@code W_ih}, {@code W_hh} and {@code b} and column r of {@code W_hh} and {@code W_out} are
 * deleted for every removed unit: the result is a physically smaller RNN. This is exact whenever
 * {@code h_r(t) = α·h_k(t) + β} at every step t ≥ 1 of every sequence (a clone: α = 1, β = 0; a negation:
 * α = −1, β = 0), because every remaining unit then receives exactly the same pre-activation at every step,
 * so by induction over t all remaining states and the logits are unchanged. A complementary pair
 * {@code (i, j)} is the two folds {@code (i, −1, ·, mean(h_i))}, {@code (j, −1, ·, mean(h_j))}: exact when
 * the two outgoing columns are equal and {@code h_j = −h_i} (the joint contribution is then 0 and so is the
 * fold). Note that a bias fold with β ≠ 0 also acts at t = 1, where the removed unit contributed nothing
 * through {@code W_hh} ({@code h_0 = 0}); for the mean folds this is part of the approximation.
 *
 * <p><b>Mask</b> ({@link #mask}, the paper's variant, Table 3): row r of {@code W_ih} and of {@code W_hh} and
 * {@code b[r]} are set to 0 and nothing else changes; unit r then outputs {@code tanh(0) = 0} at every step,
 * so it no longer influences anything, but the dimensions (and the execution time) stay the same. The
 * removed unit's outgoing weights are not moved to a partner (the paper did not).
 *
 * <p>No method modifies its input model; results share no array with it.
 */
public final class RnnSurgery {
  private RnnSurgery() {}

  /**
   * Applies folds and deletes the removed units (structural variant).
   *
   * @param model the RNN (Not modified)
   * @param folds applied in order; indices in the numbering of {@code model}
   * @return a new RNN with {@code folds.size()} fewer hidden units
   * @throws IllegalArgumentException for an index out of range, a unit removed twice, a merge into a unit
   *     already removed, or when no unit would remain
   */
  public static ElmanRnn apply(ElmanRnn model, List<UnitFold> folds) {
    int h = model.hiddenSize();
    int in = model.inputSize();
    int c = model.numClasses();
    double[] whh = model.wHh().clone(); // [h × h]
    double[] wout = model.wOut().clone(); // [c × h]
    double[] b = model.b().clone(); // [h]
    double[] bout = model.bOut().clone(); // [c]
    boolean[] removed = new boolean[h];
    for (UnitFold f : folds) {
      int r = f.removed();
      int t = f.target();
      checkUnit(r, h);
      if (t >= 0) checkUnit(t, h);
      if (removed[r]) throw new IllegalArgumentException("unit " + r + " is removed twice");
      if (t >= 0 && removed[t]) throw new IllegalArgumentException("unit " + r + " is merged into unit " + t + ", already removed");
      double alpha = f.alpha();
      double beta = f.beta();
      for (int i = 0; i < h; i++) {
        double w = whh[i * h + r];
        b[i] += beta * w;
        if (t >= 0) whh[i * h + t] += alpha * w;
      }
      for (int q = 0; q < c; q++) {
        double w = wout[q * h + r];
        bout[q] += beta * w;
        if (t >= 0) wout[q * h + t] += alpha * w;
      }
      removed[r] = true;
    }
    int[] keep = Indices.survivors(removed);
    int k = keep.length;
    if (k == 0) throw new IllegalArgumentException("cannot remove all " + h + " hidden units");
    double[] nwih = new double[k * in]; // [k × in]
    double[] nwhh = new double[k * k]; // [k × k]
    double[] nb = new double[k]; // [k]
    double[] nwout = new double[c * k]; // [c × k]
    for (int i = 0; i < k; i++) {
      int oi = keep[i];
      System.arraycopy(model.wIh(), oi * in, nwih, i * in, in);
      for (int j = 0; j < k; j++) nwhh[i * k + j] = whh[oi * h + keep[j]];
      nb[i] = b[oi];
    }
    for (int q = 0; q < c; q++) for (int j = 0; j < k; j++) nwout[q * k + j] = wout[q * h + keep[j]];
    return new ElmanRnn(in, k, c, nwih, nwhh, nb, nwout, bout);
  }

  /**
   * Merges unit {@code removed} into unit {@code kept} and deletes it (structural):
   * {@code W_hh[:,kept] += α·W_hh[:,removed]}, {@code W_out[:,kept] += α·W_out[:,removed]},
   * {@code b += β·W_hh[:,removed]}, {@code b_out += β·W_out[:,removed]}. The paper's rule is α = 1, β = 0.
   *
   * @param model the RNN (Not modified)
   * @param kept unit kept
   * @param removed unit removed
   * @param alpha factor on the outgoing weights
   * @param beta factor folded into the biases
   * @return the smaller RNN
   */
  public static ElmanRnn merge(ElmanRnn model, int kept, int removed, double alpha, double beta) {
    return apply(model, List.of(UnitFold.merge(kept, removed, alpha, beta)));
  }

  /**
   * Removes units (structural), folding each one's mean contribution into both biases:
   * {@code b += W_hh[:,u]·mean(h_u)}, {@code b_out += W_out[:,u]·mean(h_u)} (complementary pair, near-constant
   * unit, criterion removal).
   *
   * @param model the RNN (Not modified)
   * @param units the units removed (Not modified)
   * @param means mean hidden state of each of those units over the patterns, same order (Not modified)
   * @return the smaller RNN
   */
  public static ElmanRnn removeToBias(ElmanRnn model, int[] units, double[] means) {
    if (units.length != means.length) throw new IllegalArgumentException(units.length + " units but " + means.length + " means");
    UnitFold[] f = new UnitFold[units.length];
    for (int i = 0; i < units.length; i++) f[i] = UnitFold.toBias(units[i], means[i]);
    return apply(model, List.of(f));
  }

  /**
   * The paper's variant: zeroes row u of {@code W_ih} and {@code W_hh} and {@code b[u]} for every given unit;
   * dimensions and all other weights unchanged.
   *
   * @param model the RNN (Not modified)
   * @param units units to mask (Not modified)
   * @return a new RNN of the same size
   * @throws IllegalArgumentException for an index out of range, a unit given twice or already masked, or
   *     when no active unit would remain
   */
  public static ElmanRnn mask(ElmanRnn model, int[] units) {
    int h = model.hiddenSize();
    int in = model.inputSize();
    ElmanRnn m = model.copy();
    boolean[] seen = new boolean[h];
    for (int u : units) {
      checkUnit(u, h);
      if (seen[u]) throw new IllegalArgumentException("unit " + u + " is masked twice");
      if (masked(model, u)) throw new IllegalArgumentException("unit " + u + " is already masked");
      seen[u] = true;
      Arrays.fill(m.wIh(), u * in, (u + 1) * in, 0.0);
      Arrays.fill(m.wHh(), u * h, (u + 1) * h, 0.0);
      m.b()[u] = 0.0;
    }
    int active = 0;
    for (int u = 0; u < h; u++) if (!masked(m, u)) active++;
    if (active == 0) throw new IllegalArgumentException("cannot mask all " + h + " hidden units");
    return m;
  }

  /**
   * Whether a unit is masked: its row of {@code W_ih}, its row of {@code W_hh} and its bias are all zero
   * (then it outputs {@code tanh(0) = 0} at every step and influences nothing).
   *
   * @param model the RNN
   * @param unit the unit
   * @return true when every incoming weight and the bias are 0
   */
  public static boolean masked(ElmanRnn model, int unit) {
    int h = model.hiddenSize();
    int in = model.inputSize();
    checkUnit(unit, h);
    if (model.b()[unit] != 0.0) return false;
    for (int i = 0; i < in; i++) if (model.wIh()[unit * in + i] != 0.0) return false;
    for (int j = 0; j < h; j++) if (model.wHh()[unit * h + j] != 0.0) return false;
    return true;
  }

  /**
   * Parameters of the units not masked: {@code A·(I + A + 1) + C·A + C} for {@code A} active units (what a
   * structurally pruned RNN with the same units would have).
   *
   * @param model the RNN
   * @return the count
   */
  public static int activeParameterCount(ElmanRnn model) {
    int a = 0;
    for (int u = 0; u < model.hiddenSize(); u++) if (!masked(model, u)) a++;
    return a * (model.inputSize() + a + 1) + model.numClasses() * a + model.numClasses();
  }

  private static void checkUnit(int u, int h) {
    if (u < 0 || u >= h) throw new IllegalArgumentException("hidden unit " + u + " does not exist (the RNN has " + h + ")");
  }
}
