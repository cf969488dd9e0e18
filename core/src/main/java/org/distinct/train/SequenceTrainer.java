package org.distinct.train;

import java.util.Map;
import java.util.SplittableRandom;
import org.distinct.data.MemoryBudget;
import org.distinct.data.SequenceDataset;
import org.distinct.model.Network;
import org.distinct.util.Rows;

/**
 * Trains a sequence classifier (Elman, LSTM, GRU on the last step, or a convolutional network over all steps: softmax,
 * cross-entropy, mini-batches)
 * by back-propagation through time, optionally truncated, with optional gradient-norm clipping, on the float engine
 * of its {@link SequenceArchitecture}; returns a new double model.
 *
 * <p>Determinism: {@code root = new SplittableRandom(seed)}; the first split initialises the weights, the second is
 * the shuffle stream; the same seed gives the same bits for any number of threads. Per-epoch validation runs the
 * double model on the validation sequences.
 *
 * @param <M> the double model type
 */
public final class SequenceTrainer<M extends Network<SequenceDataset>> implements Trainer<M, SequenceDataset> {
  private final SequenceTrainConfig config;
  private final SequenceArchitecture<M> architecture;

  /**
   * @param config the settings
   * @param architecture initialisation and engine of the model type
   */
  public SequenceTrainer(SequenceTrainConfig config, SequenceArchitecture<M> architecture) {
    if (config == null || architecture == null) throw new IllegalArgumentException("config and architecture are required");
    this.config = config;
    this.architecture = architecture;
  }

  /** @return the settings */
  public SequenceTrainConfig config() {
    return config;
  }

  @Override
  public SequenceTrainer<M> withEpochs(int epochs) {
    return new SequenceTrainer<>(config.withEpochs(epochs), architecture);
  }

  @Override
  public Map<String, Object> describe() {
    return config.toMap();
  }

  @Override
  public TrainResult<M> train(SequenceDataset train, SequenceDataset validation, long seed, EpochListener listener) {
    SplittableRandom rng = new SplittableRandom(seed);
    M initial = architecture.initialize(train.inputSize(), config.hidden(), train.numClasses(), rng.split());
    return run(initial, train, validation, rng.split(), listener);
  }

  @Override
  public TrainResult<M> fineTune(M initial, SequenceDataset train, SequenceDataset validation, long seed, EpochListener listener) {
    SplittableRandom rng = new SplittableRandom(seed);
    rng.split(); // the initialisation stream, unused when fine-tuning
    return run(initial, train, validation, rng.split(), listener);
  }

  private TrainResult<M> run(M initial, SequenceDataset train, SequenceDataset validation, SplittableRandom shuffleRng,
      EpochListener listener) {
    check(initial, train);
    int n = train.size();
    int maxSteps = 1;
    for (int s = 0; s < n; s++) maxSteps = Math.max(maxSteps, train.length(s));
    int batch = Math.min(config.batchSize(), n);
    MemoryBudget.requireSequenceTraining(train.source(), maxSteps, config.hidden(), Math.min(config.threads(), batch), values(train));
    boolean hasVal = validation != null && validation.size() > 0;
    EpochCurves curves = new EpochCurves(config.epochs(), hasVal);
    boolean diverged = false;
    SequenceArchitecture.EngineSize size =
        new SequenceArchitecture.EngineSize(maxSteps, batch, Math.min(config.threads(), batch), config.truncation());
    try (SequenceEngine<M> e = architecture.engine(initial, size)) {
      e.setModel(initial);
      SequenceEpoch epoch = new SequenceEpoch(e, config, RnnBatchEngine.toFloat(train.series()), train.labels());
      for (int ep = 0; ep < config.epochs(); ep++) {
        if (!epoch.run(shuffleRng)) {
          diverged = true;
          break;
        }
        double[] ev = hasVal ? evaluate(e.toModel(), validation) : new double[] {Double.NaN, Double.NaN};
        curves.add(new EpochListener.Epoch(ep + 1, epoch.loss(), epoch.accuracy(), ev[0], ev[1]), listener);
      }
      return curves.result(e.toModel(), curves.done() - 1, diverged);
    }
  }

  /** @return steps × inputs over all sequences */
  private static long values(SequenceDataset d) {
    long v = 0;
    for (int s = 0; s < d.size(); s++) v += d.length(s);
    return v * d.inputSize();
  }

  private static <M extends Network<SequenceDataset>> void check(M initial, SequenceDataset train) {
    if (train.size() == 0) throw new IllegalArgumentException("no training sequences");
    if (train.inputSize() != initial.inputSize())
      throw new IllegalArgumentException(
          "training data have " + train.inputSize() + " values per step, the model expects " + initial.inputSize());
    if (train.numClasses() > initial.numClasses())
      throw new IllegalArgumentException("the data have " + train.numClasses() + " classes, the model " + initial.numClasses());
  }

  /**
   * Mean cross-entropy and accuracy of a model on a dataset (double inference).
   *
   * @param m the model
   * @param data the sequences (Not modified)
   * @return {@code {loss, accuracy}}
   */
  public static double[] evaluate(Network<SequenceDataset> m, SequenceDataset data) {
    double[] z = m.logits(data);
    int c = m.numClasses();
    double loss = SoftmaxCrossEntropy.meanLoss(z, data.labels(), data.size(), c);
    return new double[] {loss, (double) Rows.countCorrect(z, data.labels(), data.size(), c) / data.size()};
  }
}
