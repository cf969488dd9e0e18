package org.distinct.prune;

import java.util.List;
import org.distinct.BadInputException;
import org.distinct.data.SequenceDataset;
import org.distinct.model.Activation;
import org.distinct.model.GatedLayer;
import org.distinct.model.GatedRnn;
import org.distinct.train.GatedReference;

/**
 * {@link PruningTarget} for one recurrent layer of an LSTM or GRU ({@link GatedRnn}) over a
 * {@link SequenceDataset}, so that {@link DistinctivenessPruner}, {@link Criteria}, {@link CriterionPruner} and
 * {@link PruningSchedule} run on gated networks unchanged ({@code docs/pruning-gated.md}).
 *
 * <ul>
 *   <li>Activation vectors: the layer's hidden states {@code h_t} at every step t = 1..T of every pattern
 *       sequence, sequence by sequence, one row per step ({@link GatedRnn#hiddenStates}); or, with
 *       {@code lastStepOnly}, only {@code h_T} of each sequence. They lie in (−1, 1) and are centred at 0
 *       ({@link Activation#TANH}): the LSTM's {@code h = o ⊙ tanh(c)} and the GRU's convex combination of tanh
 *       values are odd-symmetric in the same way a tanh unit is.
 *   <li>Incoming weights of unit u: its rows of {@code W_ih} in every gate block (block order of the cell, each
 *       {@code [in]}), then its rows of {@code W_hh} in every gate block (each {@code [H]}); biases excluded.
 *       Outgoing weights: its recurrent column, column u of {@code W_hh} ({@code [G·H]}, row order), then its
 *       next column: column u of layer {@code l + 1}'s {@code W_ih} ({@code [G·H_{l+1}]}) or, for the last
 *       layer, of {@code W_out} ({@code [C]}).
 *   <li>Removal: {@link RnnTarget.Mode#STRUCTURAL} deletes units physically ({@link GatedSurgery#apply});
 *       {@link RnnTarget.Mode#MASK} is the paper's variant ({@link GatedSurgery#mask}: the unit's rows in every
 *       gate block zeroed, dimensions unchanged, the folds' α, β and targets ignored); masked units are
 *       {@linkplain #active inactive} and never chosen again. In mask mode the parameter count and sizes
 *       reported are those of the storage (they do not fall), as for {@link RnnTarget}.
 *   <li>Loss gradients ({@link #lossGradients}, for the Taylor criterion): for the row of step t of sequence
 *       s, {@code ∂L_s/∂h_t} of the layer, the total derivative through all later steps and the layers above
 *       ({@link GatedReference#stateGradients}, double precision). Since
 *       {@code Σ_t h_t[u]·∂L_s/∂h_t[u] = dL_s/dγ} at γ = 1 for a gain γ multiplying the unit's output at every
 *       step, the Taylor score {@code |(1/N) Σ_s Σ_t h_t[u]·∂L_s/∂h_t[u]|} (N rows) is the first-order loss
 *       change when the unit is switched off at all steps at once. With {@code lastStepOnly} the rows hold
 *       {@code ∂L_s/∂h_T}.
 * </ul>
 *
 * @param layer the recurrent layer, 0-based
 * @param mode structural (distinct's default) or mask
 * @param lastStepOnly use only the last hidden state of each sequence as activation rows
 */
public record GatedTarget(int layer, RnnTarget.Mode mode, boolean lastStepOnly) implements NetworkTarget<GatedRnn, SequenceDataset> {

  /** Checks the arguments. */
  public GatedTarget {
    if (layer < 0) throw new IllegalArgumentException("layer index " + layer + " is negative");
    if (mode == null) throw new IllegalArgumentException("mode is null");
  }

  /**
   * Structural removal over all time steps.
   *
   * @param layer the recurrent layer, 0-based
   */
  public GatedTarget(int layer) {
    this(layer, RnnTarget.Mode.STRUCTURAL, false);
  }

  @Override
  public int layerIndex() {
    return layer;
  }

  /**
   * @throws BadInputException when the model has no such layer, or the data have no sequence, another number of
   *     values per step than the model's inputs, or a label the model cannot output
   */
  @Override
  public void check(GatedRnn model, SequenceDataset data) {
    if (layer >= model.layerCount())
      throw new BadInputException("recurrent layer " + layer + " does not exist (the " + model.kind() + " " + model + " has "
          + model.layerCount() + " layer(s), numbered from 0)");
    if (data.size() == 0) throw BadInputException.at(data.source(), 0, null, "has no sequences");
    if (data.inputSize() != model.inputSize())
      throw BadInputException.at(data.source(), 0, null,
          "has " + data.inputSize() + " value(s) per time step but the " + model.kind() + " expects " + model.inputSize());
    for (int s = 0; s < data.size(); s++)
      if (data.labels()[s] >= model.numClasses())
        throw BadInputException.at(data.source(), 0, null,
            "sequence " + (s + 1) + " has class " + data.labels()[s] + " but the " + model.kind() + " has only " + model.numClasses() + " classes");
  }

  @Override
  public int units(GatedRnn model) {
    return model.layer(layer).hiddenSize();
  }

  /** @return false for a unit masked by mask-mode pruning ({@link GatedSurgery#masked}); always true in structural mode */
  @Override
  public boolean active(GatedRnn model, int unit) {
    return mode == RnnTarget.Mode.STRUCTURAL || !GatedSurgery.masked(model, layer, unit);
  }

  @Override
  public boolean physical() {
    return mode == RnnTarget.Mode.STRUCTURAL;
  }

  /** @return false: removing a recurrent unit changes the other units' states (angles are recomputed) */
  @Override
  public boolean removalKeepsActivations() {
    return false;
  }

  @Override
  public Activation activation(GatedRnn model) {
    return Activation.TANH;
  }

  @Override
  public double[] activations(GatedRnn model, SequenceDataset patterns) {
    return model.hiddenStates(patterns.series(), layer, lastStepOnly);
  }

  @Override
  public double[] lossGradients(GatedRnn model, SequenceDataset patterns) {
    return GatedReference.stateGradients(model, patterns.series(), patterns.labels(), layer, lastStepOnly);
  }

  @Override
  public double[] incomingWeights(GatedRnn model, int unit) {
    GatedLayer g = model.layer(layer);
    int h = g.hiddenSize();
    int in = g.inputSize();
    int gates = g.gates();
    double[] r = new double[gates * (in + h)];
    for (int blk = 0; blk < gates; blk++) {
      System.arraycopy(g.wIh(), (blk * h + unit) * in, r, blk * in, in);
      System.arraycopy(g.wHh(), (blk * h + unit) * h, r, gates * in + blk * h, h);
    }
    return r;
  }

  @Override
  public double[] outgoingWeights(GatedRnn model, int unit) {
    GatedLayer g = model.layer(layer);
    int h = g.hiddenSize();
    boolean last = layer == model.layerCount() - 1;
    double[] next = last ? model.wOut() : model.layer(layer + 1).wIh();
    int rec = g.wHh().length / h;
    int nxt = next.length / h;
    double[] r = new double[rec + nxt];
    for (int i = 0; i < rec; i++) r[i] = g.wHh()[i * h + unit];
    for (int i = 0; i < nxt; i++) r[rec + i] = next[i * h + unit];
    return r;
  }

  /**
   * Structural: {@link GatedSurgery#apply}. Mask: {@link GatedSurgery#mask} of every fold's removed unit (α, β
   * and the fold targets are ignored).
   */
  @Override
  public GatedRnn apply(GatedRnn model, List<UnitFold> folds) {
    if (mode == RnnTarget.Mode.STRUCTURAL) return GatedSurgery.apply(model, layer, folds);
    int[] units = new int[folds.size()];
    for (int i = 0; i < units.length; i++) units[i] = folds.get(i).removed();
    return GatedSurgery.mask(model, layer, units);
  }

  @Override
  public int[] hiddenSizes(GatedRnn model) {
    return model.hiddenSizes();
  }

  @Override
  public String describe(GatedRnn model) {
    String name = model.cell().name();
    int h = model.layer(layer).hiddenSize();
    String where = name + " layer " + layer + " of " + model.layerCount();
    String steps = lastStepOnly ? "last step only" : "all time steps";
    if (mode == RnnTarget.Mode.STRUCTURAL) return where + " (" + h + " units, structural removal, " + steps + ")";
    int masked = 0;
    for (int u = 0; u < h; u++) if (GatedSurgery.masked(model, layer, u)) masked++;
    return where + " (" + h + " units, " + masked + " masked; mask mode, the paper's variant, " + steps + ")";
  }
}
