package org.distinct.train;

import java.util.List;

/**
 * The fast path of training a sequence classifier (Elman, LSTM, GRU, Conv1D): loss and mean gradient of a mini-batch
 * by back-propagation through time on float kernels, with every parameter in one flat float buffer. The
 * {@link SequenceTrainer} drives it: {@link #lossAndGradients} per batch, optional clipping, an optimizer step on
 * {@link #parameters()} from {@link #gradients()}, then {@link #parametersChanged()}.
 *
 * <p>Contract: the result of {@link #lossAndGradients} is bit-identical for any number of threads (each sequence
 * is computed on its own and the batch is reduced in a fixed order); nothing is allocated per time step.
 *
 * @param <M> the double model type the engine loads and returns
 */
public interface SequenceEngine<M> extends AutoCloseable {

  /**
   * Loads a model's parameters (rounded to float) into {@link #parameters()}.
   *
   * @param model the model; its sizes must match the engine's (Not modified)
   */
  void setModel(M model);

  /** @return the current parameters as a new double model */
  M toModel();

  /**
   * @return every trainable parameter in one flat buffer (live: the optimizer updates it in place, then
   *     {@link #parametersChanged()} must be called); its layout is the engine's own and documented there
   */
  float[] parameters();

  /** @return the batch gradient of the last {@link #lossAndGradients} call, same layout as {@link #parameters()} (live) */
  float[] gradients();

  /**
   * Ranges of {@link #parameters()} whose optimizer update must be multiplied by a factor (e.g. the Elman RNN's
   * single hidden bias stands for PyTorch's two biases {@code b_ih + b_hh}, which move by the same update each:
   * factor 2). Default: none.
   *
   * @return the scaled ranges (may be empty)
   */
  default List<UpdateScale> updateScales() {
    return List.of();
  }

  /** Refreshes derived layouts after {@link #parameters()} was changed in place. */
  void parametersChanged();

  /**
   * Loss and mean gradient of one mini-batch {@code idx[from..from+count)} at the current parameters; the gradient
   * is left in {@link #gradients()}.
   *
   * @param x all sequences as float, row-major {@code [T_s × I]} (Not modified)
   * @param labels class of each sequence (Not modified)
   * @param idx sequence indices (Not modified)
   * @param from first position in {@code idx}
   * @param count batch size, 1..maxBatch
   * @param predictions if not null, receives the predicted class of each batch member at {@code [0..count)}
   *     (Modified)
   * @return the mean cross-entropy of the batch (NaN/Inf if the parameters diverged)
   */
  double lossAndGradients(List<float[]> x, int[] labels, int[] idx, int from, int count, int[] predictions);

  /**
   * @return the global L2 norm of the batch gradient as PyTorch's {@code clip_grad_norm_} computes it for the
   *     equivalent PyTorch module (NaN/Inf if the gradient is not finite)
   */
  double gradientNorm();

  /**
   * Scales the batch gradient so that its global norm is at most {@code maxNorm} (PyTorch's
   * {@code clip_grad_norm_}: factor {@code maxNorm / (norm + 1e-6)} when below 1).
   *
   * @param maxNorm the limit (&gt; 0)
   * @return the norm before clipping
   */
  double clipGradientNorm(double maxNorm);

  /** Stops worker threads. */
  @Override
  void close();
}
