package org.distinct.model;

import org.distinct.data.LabelledData;
import org.distinct.util.Rows;

/**
 * A trained classifier that a model file ({@link ModelFile}) can hold: what evaluation, timing and metrics
 * need, whatever the architecture. Each implementation has a kind name ({@code "mlp"}, {@code "rnn"}, …) and a
 * {@link NetworkCodec} registered in {@link ModelFile}.
 *
 * <p>Implementations are immutable by convention: trainers and pruners return new instances.
 *
 * @param <D> the data the network classifies: rows of a feature table or sequences
 */
public interface Network<D extends LabelledData<D>> {
  /** @return the kind written to model files, e.g. {@code "mlp"} */
  String kind();

  /** @return the number of input features per pattern (or per time step) */
  int inputSize();

  /** @return the number of classes (outputs) */
  int numClasses();

  /** @return the number of trainable parameters (as stored) */
  int parameterCount();

  /**
   * Computes the logits of every pattern.
   *
   * @param data patterns with {@link #inputSize()} values per pattern or time step (Not modified)
   * @return row-major {@code [data.size() × numClasses()]}
   */
  double[] logits(D data);

  /**
   * Predicts the class of each pattern (arg-max of the logits; ties go to the lower index).
   *
   * @param data the patterns (Not modified)
   * @return class index per pattern
   */
  default int[] predict(D data) {
    return Rows.argmax(logits(data), data.size(), numClasses());
  }
}
