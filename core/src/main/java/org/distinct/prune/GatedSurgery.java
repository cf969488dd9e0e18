package org.distinct.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.distinct.model.GatedLayer;
import org.distinct.model.GatedRnn;
import org.distinct.util.Indices;

/**
 * Removal of hidden units from one layer l of an LSTM or GRU ({@link GatedRnn}; layout of {@link GatedLayer}:
 * G gate blocks of H rows, row {@code k·H + u} = unit u in gate block k), in two variants
 * ({@code docs/pruning-gated.md}).
 *
 * <p><b>What leaves unit u of layer l</b> is its hidden state {@code h_u}, read by two matrices: column u of
 * layer l's {@code W_hh} (every gate block, at the next step) and column u of the next consumer, which is layer
 * {@code l + 1}'s {@code W_ih} (every gate block, at the same step) or, for the last layer, {@code W_out}. The
 * biases those columns feed are layer l's {@code b_hh}, layer {@code l + 1}'s {@code b_ih}, and {@code b_out}.
 *
 * <p><b>Structural</b> ({@link #apply}): a {@link UnitFold} {@code (r, k, α, β)} is applied, in order, to
 * copies of these arrays, for every row i of each matrix:
 *
 * <pre>
 *   W_hh[i,k] += α·W_hh[i,r]      b_hh[i] += β·W_hh[i,r]            (layer l, all G·H rows)
 *   N[i,k]    += α·N[i,r]         c_N[i]  += β·N[i,r]               (N = W_ih of layer l+1 with c_N = its b_ih,
 *                                                                      or N = W_out with c_N = b_out)
 * </pre>
 *
 * (the α parts only when k ≥ 0); then unit r's rows in every gate block of layer l's {@code W_ih},
 * {@code W_hh}, {@code b_ih}, {@code b_hh} and its column in layer l's {@code W_hh} and in N are deleted for every
 * removed unit: the result is physically smaller (layer l has H − |removed| units, layer l + 1 as many inputs).
 * The recurrent fold goes into {@code b_hh}, not {@code b_ih}: for the GRU's n gate the recurrent term is
 * {@code r ⊙ (W_hn h + b_hn)}, so {@code β·W_hn[:,r]} replaces {@code W_hn[:,r]·h_r} inside the reset product
 * only if it is added to {@code b_hn}; for the other gates (and the LSTM) the two biases are summed anyway.
 *
 * <p><b>Exactness.</b> If {@code h_r(t) = α·h_k(t) + β} at every step t ≥ 1 of every sequence, every consumer
 * of {@code h_r} sees the same pre-activation after the fold, so by induction over t (and over the layers above)
 * every remaining state and the logits are unchanged. This holds with β = 0 for a clone (α = 1: identical rows in
 * every gate block of {@code W_ih}, {@code W_hh}, {@code b_ih}, {@code b_hh} give identical gates, cell states and
 * outputs, because the rows see the same input and state vectors) and for a negation (α = −1). The one exception
 * is the recurrent read at step 1, where {@code h_0 = 0} for every unit: a fold with β ≠ 0 adds
 * {@code β·W_hh[:,r]} to step 1 of layer l, where the removed unit contributed nothing; for the mean folds of
 * near-constant units, complementary pairs and criteria this is part of the approximation (as for the Elman RNN,
 * {@link RnnSurgery}). A complementary pair {@code (i, j)} with {@code h_j = −h_i} (LSTM: j's g-gate rows and
 * biases negated, the other blocks equal to i's; GRU: j's n-gate rows and biases negated) and equal outgoing
 * columns is removed exactly by {@code (i, −1, ·, mean h_i)}, {@code (j, −1, ·, mean h_j)}: the pair's joint
 * contribution {@code W[:,i]·(h_i + h_j)} is 0 and so are the two bias folds together.
 *
 * <p><b>Mask</b> ({@link #mask}, the paper's variant): unit u's rows in every gate block of {@code W_ih},
 * {@code W_hh}, {@code b_ih} and {@code b_hh} of layer l are set to 0; nothing else changes, dimensions stay.
 * Proof that the unit then outputs {@code h_u(t) = 0} at every step: all its gate pre-activations are 0 (a zero
 * row times any vector plus a zero bias). LSTM: {@code i = f = o = σ(0) = 1/2}, {@code g = tanh(0) = 0}, so
 * {@code c_t = c_{t−1}/2} and, from {@code c_0 = 0}, {@code c_t = 0} and {@code h_t = tanh(0)/2 = 0}. GRU:
 * {@code r = z = 1/2}, {@code n = tanh(0 + r·0) = 0}, so {@code h_t = h_{t−1}/2} and, from {@code h_0 = 0},
 * {@code h_t = 0}. (All of this is exact in floating point.) A zero state contributes nothing to any consumer, so
 * the masked unit no longer influences anything; its outgoing columns are left in place (the paper did not move
 * them).
 *
 * <p>No method modifies its input model; results share no array with it.
 */
public final class GatedSurgery {
  private GatedSurgery() {}

  /**
   * Applies folds to the units of one layer and deletes the removed units (structural variant).
   *
   * @param model the network (Not modified)
   * @param layer the layer, 0-based
   * @param folds applied in order; unit indices of layer {@code layer} in {@code model}
   * @return a new network whose layer has {@code folds.size()} fewer units
   * @throws IllegalArgumentException for a layer or unit index out of range, a unit removed twice, a merge into
   *     a unit already removed, or when no unit would remain
   */
  public static GatedRnn apply(GatedRnn model, int layer, List<UnitFold> folds) {
    checkLayer(model, layer);
    GatedLayer g = model.layer(layer);
    int h = g.hiddenSize();
    boolean last = layer == model.layerCount() - 1;
    double[] whh = g.wHh().clone(); // [G·H × H]
    double[] bhh = g.bHh().clone(); // [G·H]
    double[] wNext = last ? model.wOut().clone() : model.layer(layer + 1).wIh().clone(); // [rows × H]
    double[] bNext = last ? model.bOut().clone() : model.layer(layer + 1).bIh().clone(); // [rows]
    boolean[] removed = new boolean[h];
    for (UnitFold f : folds) {
      int r = f.removed();
      int t = f.target();
      checkUnit(r, h, layer);
      if (t >= 0) checkUnit(t, h, layer);
      if (removed[r]) throw new IllegalArgumentException("unit " + r + " of layer " + layer + " is removed twice");
      if (t >= 0 && removed[t])
        throw new IllegalArgumentException("unit " + r + " is merged into unit " + t + " of layer " + layer + ", already removed");
      fold(whh, bhh, h, f);
      fold(wNext, bNext, h, f);
      removed[r] = true;
    }
    int[] keep = Indices.survivors(removed);
    if (keep.length == 0) throw new IllegalArgumentException("cannot remove all " + h + " units of layer " + layer);
    int gates = g.gates();
    List<GatedLayer> layers = new ArrayList<>();
    for (int l = 0; l < model.layerCount(); l++) {
      GatedLayer o = model.layer(l);
      if (l == layer) {
        layers.add(new GatedLayer(g.cell(), g.inputSize(), keep.length, gateRows(g.wIh(), gates, h, g.inputSize(), keep),
            columns(gateRows(whh, gates, h, h, keep), h, keep), gateRows(g.bIh(), gates, h, 1, keep), gateRows(bhh, gates, h, 1, keep)));
      } else if (l == layer + 1) {
        layers.add(new GatedLayer(o.cell(), keep.length, o.hiddenSize(), columns(wNext, h, keep), o.wHh().clone(), bNext,
            o.bHh().clone()));
      } else {
        layers.add(o.copy());
      }
    }
    double[] wOut = last ? columns(wNext, h, keep) : model.wOut().clone();
    double[] bOut = last ? bNext : model.bOut().clone();
    return model.with(layers, wOut, bOut);
  }

  /** {@code w[:,k] += α·w[:,r]}, {@code b += β·w[:,r]} for {@code w [b.length × cols]}. */
  private static void fold(double[] w, double[] b, int cols, UnitFold f) {
    int r = f.removed();
    int t = f.target();
    for (int i = 0; i < b.length; i++) {
      double v = w[i * cols + r];
      b[i] += f.beta() * v;
      if (t >= 0) w[i * cols + t] += f.alpha() * v;
    }
  }

  /** Rows {@code blk·h + keep[i]} of a {@code [gates·h × cols]} matrix, block by block: {@code [gates·k × cols]}. */
  private static double[] gateRows(double[] w, int gates, int h, int cols, int[] keep) {
    int k = keep.length;
    double[] out = new double[gates * k * cols];
    for (int blk = 0; blk < gates; blk++)
      for (int i = 0; i < k; i++) System.arraycopy(w, (blk * h + keep[i]) * cols, out, (blk * k + i) * cols, cols);
    return out;
  }

  /** Columns {@code keep} of a row-major matrix with {@code cols} columns. */
  private static double[] columns(double[] w, int cols, int[] keep) {
    int rows = w.length / cols;
    int k = keep.length;
    double[] out = new double[rows * k];
    for (int i = 0; i < rows; i++) for (int j = 0; j < k; j++) out[i * k + j] = w[i * cols + keep[j]];
    return out;
  }

  /**
   * Merges unit {@code removed} of a layer into unit {@code kept} and deletes it (structural):
   * {@link #apply} with the one fold {@code (removed, kept, α, β)}. The paper's rule is α = 1, β = 0.
   *
   * @param model the network (Not modified)
   * @param layer the layer
   * @param kept unit kept
   * @param removed unit removed
   * @param alpha factor on the outgoing columns
   * @param beta factor folded into the biases
   * @return the smaller network
   */
  public static GatedRnn merge(GatedRnn model, int layer, int kept, int removed, double alpha, double beta) {
    return apply(model, layer, List.of(UnitFold.merge(kept, removed, alpha, beta)));
  }

  /**
   * Removes units of a layer (structural), folding each one's mean contribution into the biases its columns
   * feed ({@link #apply} with folds {@code (u, −1, ·, mean(h_u))}).
   *
   * @param model the network (Not modified)
   * @param layer the layer
   * @param units the units removed (Not modified)
   * @param means mean hidden state of each of those units over the patterns, same order (Not modified)
   * @return the smaller network
   */
  public static GatedRnn removeToBias(GatedRnn model, int layer, int[] units, double[] means) {
    if (units.length != means.length) throw new IllegalArgumentException(units.length + " units but " + means.length + " means");
    List<UnitFold> f = new ArrayList<>();
    for (int i = 0; i < units.length; i++) f.add(UnitFold.toBias(units[i], means[i]));
    return apply(model, layer, f);
  }

  /**
   * The paper's variant: zeroes every given unit's rows in every gate block of the layer's {@code W_ih},
   * {@code W_hh}, {@code b_ih} and {@code b_hh}; dimensions and all other parameters unchanged.
   *
   * @param model the network (Not modified)
   * @param layer the layer
   * @param units units to mask (Not modified)
   * @return a new network of the same sizes
   * @throws IllegalArgumentException for a layer or unit index out of range, a unit given twice or already
   *     masked, or when no active unit of the layer would remain
   */
  public static GatedRnn mask(GatedRnn model, int layer, int[] units) {
    checkLayer(model, layer);
    GatedRnn m = model.copy();
    GatedLayer g = m.layer(layer);
    int h = g.hiddenSize();
    int in = g.inputSize();
    boolean[] seen = new boolean[h];
    for (int u : units) {
      checkUnit(u, h, layer);
      if (seen[u]) throw new IllegalArgumentException("unit " + u + " of layer " + layer + " is masked twice");
      if (masked(model, layer, u)) throw new IllegalArgumentException("unit " + u + " of layer " + layer + " is already masked");
      seen[u] = true;
      for (int blk = 0; blk < g.gates(); blk++) {
        int row = blk * h + u;
        Arrays.fill(g.wIh(), row * in, (row + 1) * in, 0.0);
        Arrays.fill(g.wHh(), row * h, (row + 1) * h, 0.0);
        g.bIh()[row] = 0.0;
        g.bHh()[row] = 0.0;
      }
    }
    if (activeUnits(m, layer) == 0) throw new IllegalArgumentException("cannot mask all " + h + " units of layer " + layer);
    return m;
  }

  /**
   * Whether a unit is masked: its rows in every gate block of {@code W_ih}, {@code W_hh}, {@code b_ih} and
   * {@code b_hh} are all zero (then it outputs 0 at every step and influences nothing).
   *
   * @param model the network
   * @param layer the layer
   * @param unit the unit
   * @return true when every incoming weight and bias of the unit is 0
   */
  public static boolean masked(GatedRnn model, int layer, int unit) {
    checkLayer(model, layer);
    GatedLayer g = model.layer(layer);
    int h = g.hiddenSize();
    int in = g.inputSize();
    checkUnit(unit, h, layer);
    for (int blk = 0; blk < g.gates(); blk++) {
      int row = blk * h + unit;
      if (g.bIh()[row] != 0.0 || g.bHh()[row] != 0.0) return false;
      for (int i = 0; i < in; i++) if (g.wIh()[row * in + i] != 0.0) return false;
      for (int j = 0; j < h; j++) if (g.wHh()[row * h + j] != 0.0) return false;
    }
    return true;
  }

  /**
   * Parameters of the units not masked, in every layer: what a structurally pruned network with the same
   * active units would have, {@code Σ_l G·A_l·(A_{l−1} + A_l + 2) + C·A_L + C} with {@code A_l} the active units
   * of layer l and {@code A_{−1} = I}.
   *
   * @param model the network
   * @return the count
   */
  public static int activeParameterCount(GatedRnn model) {
    int prev = model.inputSize();
    int count = 0;
    for (int l = 0; l < model.layerCount(); l++) {
      int a = activeUnits(model, l);
      count += model.layer(l).gates() * a * (prev + a + 2);
      prev = a;
    }
    return count + model.numClasses() * prev + model.numClasses();
  }

  private static int activeUnits(GatedRnn model, int layer) {
    int a = 0;
    for (int u = 0; u < model.layer(layer).hiddenSize(); u++) if (!masked(model, layer, u)) a++;
    return a;
  }

  private static void checkLayer(GatedRnn model, int layer) {
    if (layer < 0 || layer >= model.layerCount())
      throw new IllegalArgumentException("layer " + layer + " does not exist (the " + model.kind() + " has " + model.layerCount() + " layer(s))");
  }

  private static void checkUnit(int u, int h, int layer) {
    if (u < 0 || u >= h) throw new IllegalArgumentException("unit " + u + " of layer " + layer + " does not exist (the layer has " + h + ")");
  }
}
