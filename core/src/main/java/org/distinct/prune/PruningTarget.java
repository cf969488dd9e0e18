package org.distinct.prune;

import java.util.List;
import org.distinct.model.Activation;

/**
 * What the pruners and the schedule need to know about one prunable hidden layer of a model type
 * {@code M}, evaluated on data of type {@code D}. {@link MlpTarget} implements it for an {@code Mlp} hidden
 * layer over a {@code Dataset}; an Elman RNN implements it with {@code SequenceDataset} (structural or
 * mask variant), and then reuses {@link DistinctivenessPruner}, {@link Criteria}, {@link PruningSchedule}
 * and all records unchanged.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>Units are numbered {@code 0 … units(m) − 1} in the current model. {@link #physical()} says whether
 *       {@link #apply} deletes units (later indices shift down) or only masks them (indices stay; then
 *       {@link #active} must return false for masked units so they are never chosen again).
 *   <li>{@link #activations} returns one row per "pattern" (for an RNN: every time step of every sequence,
 *       or the last step only), {@code [rows × units]}; {@link #lossGradients} returns the same shape, row
 *       for row: {@code ∂L_p/∂a_h(p)} where {@code L_p} is the cross-entropy of the pattern (sequence) that
 *       row belongs to.
 *   <li>{@link #outgoingWeights} is everything that leaves unit h (for an MLP the column of the next layer;
 *       for an RNN the recurrent column and the output column). A {@link UnitFold} adds
 *       {@code α·outgoing(r)} to {@code outgoing(k)} and {@code β·outgoing(r)} to the biases those weights
 *       feed (next layer's bias; for an RNN both the recurrent bias and the output bias).
 *   <li>No method modifies its arguments; {@link #apply} returns a new model.
 * </ul>
 *
 * @param <M> the model type
 * @param <D> the data type (pattern sets and evaluation sets)
 */
public interface PruningTarget<M, D> {

  /** @return index of the pruned layer within its model (0 for a single hidden layer) */
  int layerIndex();

  /**
   * Checks that the data fit the model and that the layer can be pruned.
   *
   * @param model the model (Not modified)
   * @param data a pattern or evaluation set (Not modified)
   * @throws org.distinct.BadInputException with one line naming the source and the problem (no hidden layer,
   *     column count mismatch, ...)
   */
  void check(M model, D data);

  /** @return number of units of the pruned layer in {@code model} (including masked ones) */
  int units(M model);

  /**
   * @param model the model
   * @param unit a unit index
   * @return false when the unit was masked out by an earlier (mask-mode) pruning; default true
   */
  default boolean active(M model, int unit) {
    return true;
  }

  /** @return true if {@link #apply} deletes units physically, false if it only masks them */
  boolean physical();

  /**
   * Whether the remaining units' activations are unchanged by {@link #apply} (true for a feed-forward layer:
   * folds only change the layer above). Then the schedule restricts the angle analysis to the survivors
   * ({@link AngleResult#restrict}) instead of recomputing it, with bitwise identical results. Default false
   * (recompute; right for recurrent layers, where removing a unit changes the others' states).
   *
   * @return true if activations of surviving units stay the same
   */
  default boolean removalKeepsActivations() {
    return false;
  }

  /** @return the element-wise activation of the layer (resolves natural centring) */
  Activation activation(M model);

  /**
   * @param model the model (Not modified)
   * @param patterns the pattern set (Not modified)
   * @return raw activations of the layer, row-major {@code [rows × units(model)]} (a new array)
   */
  double[] activations(M model, D patterns);

  /**
   * Per-row gradient of the per-pattern cross-entropy with respect to the layer's activations.
   *
   * @param model the model (Not modified)
   * @param patterns the pattern set with labels (Not modified)
   * @return {@code [rows × units(model)]}, rows aligned with {@link #activations} (a new array)
   */
  double[] lossGradients(M model, D patterns);

  /**
   * @param model the model
   * @param unit unit index
   * @return the weights (without bias) entering the unit (a new array)
   */
  double[] incomingWeights(M model, int unit);

  /**
   * @param model the model
   * @param unit unit index
   * @return all weights leaving the unit, concatenated in a fixed order (a new array)
   */
  double[] outgoingWeights(M model, int unit);

  /**
   * Applies folds in order and removes (or masks) the removed units.
   *
   * @param model the model (Not modified)
   * @param folds folds, indices in the numbering of {@code model}
   * @return a new model
   */
  M apply(M model, List<UnitFold> folds);

  /**
   * @param model the model (Not modified)
   * @param data an evaluation set (Not modified)
   * @return logits, row-major {@code [rows(data) × numClasses(model)]}
   */
  double[] logits(M model, D data);

  /**
   * @param data a data set
   * @return where the data came from (file name), used in bad-input messages; default {@code patterns}
   */
  default String source(D data) {
    return "patterns";
  }

  /** @return number of labelled rows (patterns or sequences) of the data */
  int rows(D data);

  /** @return the class label of each labelled row (shared; do not modify) */
  int[] labels(D data);

  /** @return number of classes */
  int numClasses(M model);

  /** @return number of trainable parameters (for a mask target: parameters not masked to zero) */
  int parameterCount(M model);

  /** @return the sizes of all hidden layers */
  int[] hiddenSizes(M model);

  /** @return a short description, e.g. {@code MLP hidden layer 0 (30 sigmoid units)} */
  String describe(M model);
}
