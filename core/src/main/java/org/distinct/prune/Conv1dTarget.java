package org.distinct.prune;

import java.util.List;
import java.util.Locale;
import org.distinct.BadInputException;
import org.distinct.data.SequenceDataset;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.model.Conv1dLayer;
import org.distinct.train.Conv1dReference;

/**
 * {@link PruningTarget} for one convolutional layer of a {@link Conv1d} over a {@link SequenceDataset}: a unit is an
 * output channel of the layer, so that {@link DistinctivenessPruner}, {@link Criteria}, {@link CriterionPruner} and
 * {@link PruningSchedule} run on Conv1D networks unchanged ({@code docs/pruning-conv1d.md}). Structural removal only.
 *
 * <ul>
 *   <li>Activation vectors: the channel's output {@code a_u[t]} at every position t of the layer's output for every
 *       pattern sequence, sequence by sequence, one row per position ({@link Conv1d#activations}). Centring follows
 *       the layer's activation ({@link #activation}, {@link Centring#resolve}): tanh channels at 0, ReLU channels at
 *       the midpoint of their observed range.
 *   <li>Incoming weights of channel u: its filter {@code w_l[u, :, :]} ({@code in·kernel} values, input channel by
 *       input channel), bias excluded. Outgoing weights: its input slice of the next layer, {@code w_{l+1}[:, u, :]}
 *       ({@code out_{l+1}·kernel_{l+1}} values, output channel by output channel), or, for the last layer, column u of
 *       {@code W_out} ({@code C} values).
 *   <li>Removal: {@link Conv1dSurgery#apply} (folds into the kept channel's outgoing weights and into
 *       {@code b_{l+1}} or {@code b_out}; exact and approximate cases there). Layer l's remaining channels keep their
 *       activations, so the schedule restricts the angles instead of recomputing them
 *       ({@link #removalKeepsActivations}).
 *   <li>Loss gradients ({@link #lossGradients}, for the Taylor criterion): for the row of position t of sequence s,
 *       {@code ∂L_s/∂a_u[t]} in double ({@link Conv1dReference#activationGradients}), through the layers above, the
 *       pooling and the read-out. Hence {@code Σ_t a_u[t]·∂L_s/∂a_u[t]} is {@code dL_s/dγ} at γ = 1 for a gain γ on
 *       the channel's output at every position: the Taylor score is the first-order loss change when the channel is
 *       switched off.
 * </ul>
 *
 * @param layer the convolutional layer, 0-based
 */
public record Conv1dTarget(int layer) implements NetworkTarget<Conv1d, SequenceDataset> {

  /** Checks the layer index. */
  public Conv1dTarget {
    if (layer < 0) throw new IllegalArgumentException("layer index " + layer + " is negative");
  }

  @Override
  public int layerIndex() {
    return layer;
  }

  /**
   * @throws BadInputException when the model has no such layer, or the data have no sequence, another number of
   *     values per step than the model's inputs, a label the model cannot output or a sequence too short for the
   *     convolutions
   */
  @Override
  public void check(Conv1d model, SequenceDataset data) {
    if (layer >= model.layerCount())
      throw new BadInputException("convolutional layer " + layer + " does not exist (the Conv1D " + model + " has " + model.layerCount()
          + " layer(s), numbered from 0)");
    if (data.size() == 0) throw BadInputException.at(data.source(), 0, null, "has no sequences");
    if (data.inputSize() != model.inputSize())
      throw BadInputException.at(data.source(), 0, null,
          "has " + data.inputSize() + " value(s) per time step but the Conv1D expects " + model.inputSize());
    int min = model.minLength();
    for (int s = 0; s < data.size(); s++) {
      if (data.labels()[s] >= model.numClasses())
        throw BadInputException.at(data.source(), 0, null,
            "sequence " + (s + 1) + " has class " + data.labels()[s] + " but the Conv1D has only " + model.numClasses() + " classes");
      if (data.length(s) < min) throw BadInputException.at(data.source(), 0, null, model.tooShort("sequence " + (s + 1), data.length(s)).getMessage());
    }
  }

  @Override
  public int units(Conv1d model) {
    return model.layer(layer).out();
  }

  @Override
  public boolean physical() {
    return true;
  }

  /** @return true: folds change only the next layer (or the read-out), never the pruned layer's other channels */
  @Override
  public boolean removalKeepsActivations() {
    return true;
  }

  /** @return the layer's activation: {@link Activation#TANH} (centre 0) or {@link Activation#RELU} (range midpoint) */
  @Override
  public Activation activation(Conv1d model) {
    return model.layer(layer).activation();
  }

  @Override
  public double[] activations(Conv1d model, SequenceDataset patterns) {
    return model.activations(layer, patterns.series());
  }

  @Override
  public double[] lossGradients(Conv1d model, SequenceDataset patterns) {
    return Conv1dReference.activationGradients(model, patterns.series(), patterns.labels(), layer);
  }

  @Override
  public double[] incomingWeights(Conv1d model, int unit) {
    Conv1dLayer c = model.layer(layer);
    int per = c.in() * c.kernel();
    double[] r = new double[per];
    System.arraycopy(c.w(), unit * per, r, 0, per);
    return r;
  }

  @Override
  public double[] outgoingWeights(Conv1d model, int unit) {
    int h = model.layer(layer).out();
    if (layer == model.layerCount() - 1) {
      double[] r = new double[model.numClasses()];
      for (int c = 0; c < r.length; c++) r[c] = model.wOut()[c * h + unit];
      return r;
    }
    Conv1dLayer next = model.layer(layer + 1);
    int k = next.kernel();
    double[] r = new double[next.out() * k];
    for (int o = 0; o < next.out(); o++) System.arraycopy(next.w(), (o * h + unit) * k, r, o * k, k);
    return r;
  }

  @Override
  public Conv1d apply(Conv1d model, List<UnitFold> folds) {
    return Conv1dSurgery.apply(model, layer, folds);
  }

  @Override
  public int[] hiddenSizes(Conv1d model) {
    return model.channels();
  }

  @Override
  public String describe(Conv1d model) {
    Conv1dLayer c = model.layer(layer);
    return "Conv1D layer " + layer + " of " + model.layerCount() + " (" + c.out() + " " + c.activation().name().toLowerCase(Locale.ROOT)
        + " channels, kernel " + c.kernel() + ", structural removal, every position)";
  }
}
