package org.distinct.train;

import java.util.Map;
import org.distinct.data.LabelledData;
import org.distinct.model.Network;

/**
 * Trains one kind of network on one kind of data: the single trainer contract of every model family (Tribuo style:
 * a trainer turns data into a model). Implementations hold no mutable state, so one instance may train several folds
 * in parallel; the same seed and data give bit-identical results for any thread count.
 *
 * <p>Seeds: {@code root = new SplittableRandom(seed)}; the first {@code root.split()} initialises a fresh model (it
 * is split but unused when fine-tuning), the second is the stream of the epoch shuffles.
 *
 * @param <M> the network type
 * @param <D> the data type
 */
public interface Trainer<M extends Network<D>, D extends LabelledData<D>> {

  /**
   * Trains a freshly initialised model (the trainer's configuration says its architecture; as many outputs as the
   * training data have classes).
   *
   * @param train training patterns, already preprocessed (Not modified)
   * @param validation validation patterns for monitoring (and early stopping where supported), or null (Not modified)
   * @param seed seed of initialisation and shuffling
   * @param listener called after every epoch
   * @return the trained model and its curves
   */
  TrainResult<M> train(D train, D validation, long seed, EpochListener listener);

  /**
   * Continues training an existing model (fine-tuning, e.g. after pruning): its architecture is kept and the
   * optimizer starts from a fresh state.
   *
   * @param initial the starting model (Not modified)
   * @param train training patterns, already preprocessed (Not modified)
   * @param validation validation patterns, or null (Not modified)
   * @param seed seed of the shuffling (split as for {@link #train})
   * @param listener called after every epoch
   * @return the trained model (a new instance) and its curves
   */
  TrainResult<M> fineTune(M initial, D train, D validation, long seed, EpochListener listener);

  /**
   * {@link #train(LabelledData, LabelledData, long, EpochListener)} without a listener.
   *
   * @param train training patterns (Not modified)
   * @param validation validation patterns, or null (Not modified)
   * @param seed seed of initialisation and shuffling
   * @return the trained model and its curves
   */
  default TrainResult<M> train(D train, D validation, long seed) {
    return train(train, validation, seed, EpochListener.NONE);
  }

  /**
   * {@link #fineTune(Network, LabelledData, LabelledData, long, EpochListener)} without a listener.
   *
   * @param initial the starting model (Not modified)
   * @param train training patterns (Not modified)
   * @param validation validation patterns, or null (Not modified)
   * @param seed seed of the shuffling
   * @return the trained model and its curves
   */
  default TrainResult<M> fineTune(M initial, D train, D validation, long seed) {
    return fineTune(initial, train, validation, seed, EpochListener.NONE);
  }

  /**
   * @param epochs the new number of epochs
   * @return a trainer with the same settings but another number of epochs (fine-tuning runs a few)
   */
  Trainer<M, D> withEpochs(int epochs);

  /** @return the settings as plain JSON values (for model files and provenance) */
  Map<String, Object> describe();
}
