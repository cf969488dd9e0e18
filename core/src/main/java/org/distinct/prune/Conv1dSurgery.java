package org.distinct.prune;

import java.util.ArrayList;
import java.util.List;
import org.distinct.model.Conv1d;
import org.distinct.model.Conv1dLayer;
import org.distinct.util.Indices;

/**
 * Structural removal of output channels ("units") from one convolutional layer l of a {@link Conv1d}
 * ({@code docs/pruning-conv1d.md}).
 *
 * <p><b>What leaves channel u of layer l</b> is its activation sequence {@code a_u[t]}, read by exactly one consumer:
 * the next convolutional layer, through its input slice {@code w_{l+1}[:, u, :]} (every output channel o, every tap
 * j), or, for the last layer, the pooling and then column u of {@code W_out}. The bias it feeds is {@code b_{l+1}} or
 * {@code b_out}.
 *
 * <p>A {@link UnitFold} {@code (r, k, α, β)} is applied, in order, to copies of these arrays:
 *
 * <pre>
 *   w_{l+1}[o, k, j] += α·w_{l+1}[o, r, j]   (every o, j)      b_{l+1}[o] += β·Σ_j w_{l+1}[o, r, j]
 *   W_out[c, k]      += α·W_out[c, r]        (last layer)     b_out[c]   += β·W_out[c, r]
 * </pre>
 *
 * (the α parts only when k ≥ 0); then channel r's filter ({@code w_l[r, :, :]}) and bias {@code b_l[r]} and its input
 * slice of the consumer are deleted for every removed channel: layer l has {@code out − |removed|} channels, layer
 * {@code l + 1} as many inputs. Layer l's other channels are untouched, so their activations do not change.
 *
 * <p><b>Where the fold is exact.</b> Suppose {@code a_r[t] = α·a_k[t] + β} at every position t of every sequence.
 *
 * <ul>
 *   <li>Next convolutional layer, position q: the removed channel contributed {@code Σ_j w[o, r, j]·ã_r[q·s + j − p]},
 *       where {@code ã} is 0 on the zero padding. At an <em>interior</em> position (all taps inside the sequence) this
 *       is {@code α·Σ_j w[o, r, j]·a_k[…] + β·Σ_j w[o, r, j]}: the α part moves into k's slice and the β part is the
 *       bias fold, exactly. At a <em>border</em> position whose taps reach the padding, the padded taps contributed
 *       nothing, while the bias fold adds β times their weights too: the fold is then an approximation, off by
 *       {@code β·Σ_{padded j} w[o, r, j]} (nothing when β = 0, and nothing when the layer has no padding).
 *   <li>Last layer: average pooling is linear, so {@code p_r = α·p_k + β} and the read-out fold is exact; max pooling
 *       gives {@code max_t(α·a_k + β) = α·max_t a_k + β} for α ≥ 0 (exact), but {@code α·min_t a_k + β} for α &lt; 0
 *       (an approximation).
 * </ul>
 *
 * A clone (k's filter and bias copied to r) has {@code a_r = a_k} bit for bit, so the merge {@code (r, k, 1, 0)} — and
 * the mean-corrected merge, whose β is then exactly 0 — leaves every logit unchanged up to rounding, at every position
 * and for both poolings. The pooling of a constant is that constant, so a channel that is constant (β its value, α
 * unused) is removed exactly by {@code (r, −1, ·, β)} except for the padded border taps above; for a channel that is
 * not constant the mean fold is the usual approximation.
 *
 * <p>No method modifies its input model; results share no array with it.
 */
public final class Conv1dSurgery {
  private Conv1dSurgery() {}

  /**
   * Applies folds to the channels of one layer and deletes the removed channels.
   *
   * @param model the network (Not modified)
   * @param layer the layer, 0-based
   * @param folds applied in order; channel indices of layer {@code layer} in {@code model}
   * @return a new network whose layer has {@code folds.size()} fewer channels
   * @throws IllegalArgumentException for a layer or channel index out of range, a channel removed twice, a merge into
   *     a channel already removed, or when no channel would remain
   */
  public static Conv1d apply(Conv1d model, int layer, List<UnitFold> folds) {
    checkLayer(model, layer);
    Conv1dLayer c = model.layer(layer);
    int h = c.out();
    boolean last = layer == model.layerCount() - 1;
    Conv1dLayer next = last ? null : model.layer(layer + 1);
    int taps = last ? 1 : next.kernel();
    double[] wNext = last ? model.wOut().clone() : next.w().clone(); // [rows × h × taps]
    double[] bNext = last ? model.bOut().clone() : next.b().clone(); // [rows]
    boolean[] removed = new boolean[h];
    for (UnitFold f : folds) {
      int r = f.removed();
      int t = f.target();
      checkUnit(r, h, layer);
      if (t >= 0) checkUnit(t, h, layer);
      if (removed[r]) throw new IllegalArgumentException("channel " + r + " of layer " + layer + " is removed twice");
      if (t >= 0 && removed[t])
        throw new IllegalArgumentException("channel " + r + " is merged into channel " + t + " of layer " + layer + ", already removed");
      fold(wNext, bNext, h, taps, f);
      removed[r] = true;
    }
    int[] keep = Indices.survivors(removed);
    if (keep.length == 0) throw new IllegalArgumentException("cannot remove all " + h + " channels of layer " + layer);
    int per = c.in() * c.kernel();
    List<Conv1dLayer> layers = new ArrayList<>();
    for (int l = 0; l < model.layerCount(); l++) {
      Conv1dLayer o = model.layer(l);
      if (l == layer) layers.add(o.with(rows(o.w(), per, keep), rows(o.b(), 1, keep), o.in(), keep.length));
      else if (l == layer + 1) layers.add(o.with(slices(wNext, h, taps, keep), bNext, keep.length, o.out()));
      else layers.add(o.copy());
    }
    double[] wOut = last ? slices(wNext, h, 1, keep) : model.wOut().clone();
    double[] bOut = last ? bNext : model.bOut().clone();
    return model.with(layers, wOut, bOut);
  }

  /** {@code w[o, k, :] += α·w[o, r, :]}, {@code b[o] += β·Σ_j w[o, r, j]} for {@code w [b.length × cols × taps]}. */
  private static void fold(double[] w, double[] b, int cols, int taps, UnitFold f) {
    int r = f.removed();
    int t = f.target();
    for (int o = 0; o < b.length; o++) {
      double sum = 0;
      for (int j = 0; j < taps; j++) {
        double v = w[(o * cols + r) * taps + j];
        sum += v;
        if (t >= 0) w[(o * cols + t) * taps + j] += f.alpha() * v;
      }
      b[o] += f.beta() * sum;
    }
  }

  /** Rows {@code keep} of a row-major matrix with {@code per} values per row. */
  private static double[] rows(double[] w, int per, int[] keep) {
    double[] out = new double[keep.length * per];
    for (int i = 0; i < keep.length; i++) System.arraycopy(w, keep[i] * per, out, i * per, per);
    return out;
  }

  /** The input slices {@code keep} of {@code w [rows × cols × taps]}: {@code [rows × keep.length × taps]}. */
  private static double[] slices(double[] w, int cols, int taps, int[] keep) {
    int rows = w.length / (cols * taps);
    int k = keep.length;
    double[] out = new double[rows * k * taps];
    for (int o = 0; o < rows; o++)
      for (int i = 0; i < k; i++) System.arraycopy(w, (o * cols + keep[i]) * taps, out, (o * k + i) * taps, taps);
    return out;
  }

  /**
   * Merges channel {@code removed} of a layer into channel {@code kept} and deletes it: {@link #apply} with the one
   * fold {@code (removed, kept, α, β)}. The paper's rule is α = 1, β = 0.
   *
   * @param model the network (Not modified)
   * @param layer the layer
   * @param kept channel kept
   * @param removed channel removed
   * @param alpha factor on the outgoing weights
   * @param beta factor folded into the consumer's biases
   * @return the smaller network
   */
  public static Conv1d merge(Conv1d model, int layer, int kept, int removed, double alpha, double beta) {
    return apply(model, layer, List.of(UnitFold.merge(kept, removed, alpha, beta)));
  }

  /**
   * Removes channels of a layer, folding each one's mean contribution into the consumer's biases ({@link #apply} with
   * folds {@code (u, −1, ·, mean(a_u))}).
   *
   * @param model the network (Not modified)
   * @param layer the layer
   * @param units the channels removed (Not modified)
   * @param means mean activation of each of those channels over the patterns, same order (Not modified)
   * @return the smaller network
   */
  public static Conv1d removeToBias(Conv1d model, int layer, int[] units, double[] means) {
    if (units.length != means.length) throw new IllegalArgumentException(units.length + " channels but " + means.length + " means");
    List<UnitFold> f = new ArrayList<>();
    for (int i = 0; i < units.length; i++) f.add(UnitFold.toBias(units[i], means[i]));
    return apply(model, layer, f);
  }

  private static void checkLayer(Conv1d model, int layer) {
    if (layer < 0 || layer >= model.layerCount())
      throw new IllegalArgumentException("layer " + layer + " does not exist (the Conv1D has " + model.layerCount() + " layer(s))");
  }

  private static void checkUnit(int u, int h, int layer) {
    if (u < 0 || u >= h) throw new IllegalArgumentException("channel " + u + " of layer " + layer + " does not exist (the layer has " + h + ")");
  }
}
