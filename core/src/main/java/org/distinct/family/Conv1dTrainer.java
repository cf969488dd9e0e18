package org.distinct.family;

import java.util.Map;
import org.distinct.data.SequenceDataset;
import org.distinct.model.Conv1d;
import org.distinct.train.Conv1dArchitecture;
import org.distinct.train.EpochListener;
import org.distinct.train.SequenceTrainer;
import org.distinct.train.TrainResult;
import org.distinct.train.Trainer;

/**
 * The Conv1D family's trainer: {@link SequenceTrainer} on {@link Conv1dArchitecture}, after checking that every
 * training and validation sequence is long enough for the convolutions, so that a sequence that is too short (e.g.
 * after strong downsampling) is refused in one line naming the data, its song and its participant.
 */
final class Conv1dTrainer implements Trainer<Conv1d, SequenceDataset> {
  private final Conv1dConfig config;
  private final SequenceTrainer<Conv1d> inner;

  /** @param config the configuration */
  Conv1dTrainer(Conv1dConfig config) {
    this.config = config;
    this.inner = new SequenceTrainer<>(config.train(), new Conv1dArchitecture(config.spec()));
  }

  @Override
  public TrainResult<Conv1d> train(SequenceDataset train, SequenceDataset validation, long seed, EpochListener listener) {
    check(config.spec(), train);
    if (validation != null) check(config.spec(), validation);
    return inner.train(train, validation, seed, listener);
  }

  @Override
  public TrainResult<Conv1d> fineTune(Conv1d initial, SequenceDataset train, SequenceDataset validation, long seed, EpochListener listener) {
    check(initial.spec(), train);
    if (validation != null) check(initial.spec(), validation);
    return inner.fineTune(initial, train, validation, seed, listener);
  }

  /**
   * @throws org.distinct.BadInputException {@code SOURCE: the sequence of song S, participant P has T time step(s),
   *     fewer than …}
   */
  private static void check(Conv1d.Spec spec, SequenceDataset data) {
    int min = spec.minLength();
    for (int s = 0; s < data.size(); s++)
      if (data.length(s) < min)
        throw org.distinct.BadInputException.at(data.source(), 0, null,
            spec.tooShort("the sequence of song " + data.songs().get(s) + ", participant " + data.groups()[s], data.length(s)).getMessage());
  }

  @Override
  public Trainer<Conv1d, SequenceDataset> withEpochs(int epochs) {
    return new Conv1dTrainer(new Conv1dConfig(config.train().withEpochs(epochs), config.kernels(), config.strides(), config.paddings(),
        config.activation(), config.pool()));
  }

  @Override
  public Map<String, Object> describe() {
    return config.toMap();
  }
}
