package org.distinct.family;

import java.util.Map;
import org.distinct.data.LabelledData;
import org.distinct.data.MinMaxScaler;

/**
 * Preprocessing fitted on training data only and applied to every part (training, validation, test): min–max
 * scaling of a feature table, median filter / downsampling / scaling of sequences.
 *
 * @param <D> the data type
 */
public interface Preprocessor<D extends LabelledData<D>> {

  /**
   * @param train the training part (Not modified)
   * @return the preprocessing fitted on it
   */
  Fitted<D> fit(D train);

  /** @return a short description, e.g. {@code min–max scaling to [0, 1]} */
  String describe();

  /**
   * A preprocessing fitted on training data.
   *
   * @param <D> the data type
   */
  interface Fitted<D> {
    /**
     * @param data raw data of the same shape (Not modified)
     * @return the preprocessed data (new)
     */
    D apply(D data);

    /** @return the scaler to record in a model file's {@code scaler} field, or null */
    MinMaxScaler scaler();

    /** @return what a model file records under {@code training.preprocessing} (empty if nothing) */
    Map<String, Object> record();
  }
}
