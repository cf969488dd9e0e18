package org.distinct.family;

import java.util.Map;
import org.distinct.data.LabelledData;
import org.distinct.data.MinMaxScaler;

/**
 * Preprocessing fitted on training data only and applied to every part (training, validation, test): encoding,
 * imputation and min–max scaling of a feature table, median filter / downsampling / scaling of sequences. It turns
 * the data as read ({@code R}) into the data a network reads ({@code D}).
 *
 * @param <R> the data as read (a feature frame, sequences)
 * @param <D> the prepared data (a numeric table, sequences)
 */
public interface Preprocessor<R extends LabelledData<R>, D extends LabelledData<D>> {

  /**
   * @param train the training part (Not modified)
   * @return the preprocessing fitted on it
   * @throws org.distinct.BadInputException when the training part cannot be prepared (a missing value nothing
   *     imputes, naming its row and column)
   */
  Fitted<R, D> fit(R train);

  /** @return a short description, e.g. {@code min–max scaling to [0, 1]} */
  String describe();

  /**
   * A preprocessing fitted on training data.
   *
   * @param <R> the data as read
   * @param <D> the prepared data
   */
  interface Fitted<R, D> {
    /**
     * @param data data as read, of the same columns or channels (Not modified)
     * @return the prepared data (new)
     * @throws org.distinct.BadInputException when a value cannot be prepared (an unseen category, a missing value)
     */
    D apply(R data);

    /** @return the scaler to record in a model file's {@code scaler} field, or null */
    MinMaxScaler scaler();

    /** @return what a model file records under {@code training.preprocessing} (empty if nothing) */
    Map<String, Object> record();
  }
}
