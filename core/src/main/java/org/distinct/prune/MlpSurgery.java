package org.distinct.prune;

import java.util.ArrayList;
import java.util.List;
import org.distinct.model.DenseLayer;
import org.distinct.model.Mlp;
import org.distinct.util.Indices;

/**
 * Physical removal of hidden units from an {@link Mlp} (distinctiveness spec, "The two rules" and
 * "Removal means removal").
 *
 * <p>For hidden layer {@code l} with {@code H} units, the "outgoing" weights of unit h are column h of the
 * next layer's weight matrix {@code W_out = layer(l+1).w} ({@code [O × H]}), and {@code b_out =
 * layer(l+1).b}. A list of {@link UnitFold}s is applied in order to copies of {@code W_out, b_out}; then
 * row h of {@code layer(l).w}, entry h of {@code layer(l).b} and column h of {@code W_out} are deleted for
 * every removed unit. The result is a new, smaller model; the input model is never modified and shares no
 * array with the result.
 */
public final class MlpSurgery {
  private MlpSurgery() {}

  /**
   * Applies folds to hidden layer {@code layer} and deletes the removed units.
   *
   * @param model the network (Not modified)
   * @param layer 0-based hidden layer index ({@code < model.hiddenLayerCount()})
   * @param folds applied in order; indices in the numbering of {@code model}
   * @return a new model with {@code folds.size()} fewer units in that layer
   * @throws IllegalArgumentException for a bad layer, an index out of range, a unit removed twice, a merge
   *     into a unit already removed, or when no unit would remain
   */
  public static Mlp apply(Mlp model, int layer, List<UnitFold> folds) {
    if (layer < 0 || layer >= model.hiddenLayerCount())
      throw new IllegalArgumentException(
          "layer " + layer + " is not a hidden layer (the model has " + model.hiddenLayerCount() + ")");
    DenseLayer hid = model.layer(layer);
    DenseLayer next = model.layer(layer + 1);
    int h = hid.out();
    int o = next.out();
    double[] wn = next.w().clone(); // [o × h]
    double[] bn = next.b().clone(); // [o]
    boolean[] removed = new boolean[h];
    for (UnitFold f : folds) {
      int r = f.removed();
      int t = f.target();
      if (r >= h) throw new IllegalArgumentException("unit " + r + " does not exist (layer " + layer + " has " + h + " units)");
      if (t >= h) throw new IllegalArgumentException("unit " + t + " does not exist (layer " + layer + " has " + h + " units)");
      if (removed[r]) throw new IllegalArgumentException("unit " + r + " is removed twice");
      if (t >= 0 && removed[t]) throw new IllegalArgumentException("unit " + r + " is merged into unit " + t + ", already removed");
      double alpha = f.alpha();
      double beta = f.beta();
      for (int q = 0; q < o; q++) {
        double wr = wn[q * h + r];
        bn[q] += beta * wr;
        if (t >= 0) wn[q * h + t] += alpha * wr;
      }
      removed[r] = true;
    }
    int[] keep = Indices.survivors(removed);
    if (keep.length == 0) throw new IllegalArgumentException("cannot remove all " + h + " units of layer " + layer);
    int k = keep.length;
    int in = hid.in();
    double[] w = new double[k * in];
    double[] b = new double[k];
    double[] w2 = new double[o * k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(hid.w(), keep[i] * in, w, i * in, in);
      b[i] = hid.b()[keep[i]];
    }
    for (int q = 0; q < o; q++) for (int i = 0; i < k; i++) w2[q * k + i] = wn[q * h + keep[i]];
    List<DenseLayer> layers = new ArrayList<>(model.layerCount());
    for (int l = 0; l < model.layerCount(); l++) {
      if (l == layer) layers.add(new DenseLayer(in, k, w, b, hid.activation()));
      else if (l == layer + 1) layers.add(new DenseLayer(k, o, w2, bn, next.activation()));
      else layers.add(model.layer(l).copy());
    }
    return new Mlp(layers);
  }

  /**
   * Merges unit {@code removed} into unit {@code kept} of hidden layer {@code layer}:
   * {@code W_out[:,kept] += alpha·W_out[:,removed]}, {@code b_out += beta·W_out[:,removed]}, then deletes
   * {@code removed}. The paper's rule is {@code alpha = 1, beta = 0}.
   *
   * @param model the network (Not modified)
   * @param layer hidden layer index
   * @param kept unit kept
   * @param removed unit removed
   * @param alpha factor on the outgoing weights
   * @param beta factor folded into the next bias
   * @return the smaller model
   */
  public static Mlp merge(Mlp model, int layer, int kept, int removed, double alpha, double beta) {
    return apply(model, layer, List.of(UnitFold.merge(kept, removed, alpha, beta)));
  }

  /**
   * Removes units, folding each one's mean contribution into the next bias:
   * {@code b_out += W_out[:,h]·mean(a_h)} (a complementary pair, a near-constant unit, a criterion removal).
   *
   * @param model the network (Not modified)
   * @param layer hidden layer index
   * @param units the units removed (Not modified)
   * @param means mean activation of each of those units over the patterns, same order (Not modified)
   * @return the smaller model
   */
  public static Mlp removeToBias(Mlp model, int layer, int[] units, double[] means) {
    if (units.length != means.length)
      throw new IllegalArgumentException(units.length + " units but " + means.length + " means");
    List<UnitFold> f = new ArrayList<>();
    for (int i = 0; i < units.length; i++) f.add(UnitFold.toBias(units[i], means[i]));
    return apply(model, layer, f);
  }
}
