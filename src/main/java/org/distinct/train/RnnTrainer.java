package org.distinct.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.distinct.data.SequenceDataset;
import org.distinct.model.ElmanRnn;
import org.distinct.model.Mlp;
import org.distinct.tensor.RnnKernels;
import org.distinct.tensor.RnnKernelsProvider;
import org.distinct.util.Rows;

/**
 * Trains a many-to-one Elman RNN (the paper's RNN: tanh hidden units, softmax on the last step,
 * cross-entropy, Adam, mini-batches) by back-propagation through time, optionally truncated, with optional
 * gradient-norm clipping. Runs on the float kernels of {@link RnnBatchEngine} (which compute what
 * {@link RnnReference} defines); returns a new double {@link ElmanRnn}.
 *
 * <p>Determinism: the initial weights come from {@code seed} (first split), the epoch shuffles from a
 * second split; the same seed gives the same bits for any number of threads.
 */
public final class RnnTrainer {
  private final RnnTrainConfig config;
  private final RnnKernels kernels;

  /** Receives progress after every epoch. */
  @FunctionalInterface
  public interface EpochListener {
    /**
     * @param epoch 1-based epoch just completed
     * @param trainLoss mean training loss of the epoch
     * @param trainAccuracy training accuracy of the epoch
     * @param validationLoss validation loss at the end of the epoch (NaN without validation data)
     * @param validationAccuracy validation accuracy at the end of the epoch (NaN without validation data)
     */
    void epochDone(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy);
  }

  /** @param config the settings; kernels from {@link RnnKernelsProvider#get()} */
  public RnnTrainer(RnnTrainConfig config) {
    this(config, RnnKernelsProvider.get());
  }

  /**
   * @param config the settings
   * @param kernels the kernels to run on (tests compare implementations)
   */
  public RnnTrainer(RnnTrainConfig config, RnnKernels kernels) {
    if (config == null || kernels == null) throw new IllegalArgumentException("config and kernels are required");
    this.config = config;
    this.kernels = kernels;
  }

  /** @return the settings */
  public RnnTrainConfig config() {
    return config;
  }

  /**
   * Trains a freshly initialised RNN ({@link ElmanRnn#initialize}, PyTorch's initialisation).
   *
   * @param train training sequences (Not modified)
   * @param validation validation sequences, or null (Not modified)
   * @param seed seed of initialisation and shuffling
   * @return the trained model and per-epoch curves
   */
  public RnnTrainResult train(SequenceDataset train, SequenceDataset validation, long seed) {
    return train(train, validation, seed, null);
  }

  /**
   * Trains a freshly initialised RNN ({@link ElmanRnn#initialize}, PyTorch's initialisation).
   *
   * @param train training sequences (Not modified)
   * @param validation validation sequences, or null (Not modified)
   * @param seed seed of initialisation and shuffling
   * @param listener called after every epoch, or null
   * @return the trained model and per-epoch curves
   */
  public RnnTrainResult train(SequenceDataset train, SequenceDataset validation, long seed, EpochListener listener) {
    SplittableRandom rng = new SplittableRandom(seed);
    ElmanRnn initial = ElmanRnn.initialize(train.inputSize(), config.hidden(), train.numClasses(), rng.split());
    return train(initial, train, validation, rng.split(), listener);
  }

  /**
   * Trains starting from given weights (the config's hidden size is ignored; the model's is used).
   *
   * @param initial starting point (Not modified)
   * @param train training sequences (Not modified)
   * @param validation validation sequences, or null (Not modified)
   * @param shuffleRng source of the epoch shuffles (Modified: advanced)
   * @param listener called after every epoch, or null
   * @return the trained model and per-epoch curves
   */
  public RnnTrainResult train(
      ElmanRnn initial, SequenceDataset train, SequenceDataset validation, SplittableRandom shuffleRng, EpochListener listener) {
    if (train.size() == 0) throw new IllegalArgumentException("no training sequences");
    if (train.inputSize() != initial.inputSize())
      throw new IllegalArgumentException("training data have " + train.inputSize() + " values per step, the RNN expects " + initial.inputSize());
    if (train.numClasses() > initial.numClasses())
      throw new IllegalArgumentException("the data have " + train.numClasses() + " classes, the RNN " + initial.numClasses());
    int n = train.size();
    int maxSteps = 1;
    for (int s = 0; s < n; s++) maxSteps = Math.max(maxSteps, train.length(s));
    int batch = Math.min(config.batchSize(), n);
    int epochs = config.epochs();
    double[] trL = new double[epochs];
    double[] trA = new double[epochs];
    double[] vaL = new double[epochs];
    double[] vaA = new double[epochs];
    boolean diverged = false;
    int done = 0;
    try (RnnBatchEngine e = new RnnBatchEngine(
        kernels, initial.inputSize(), initial.hiddenSize(), initial.numClasses(), maxSteps, batch,
        Math.min(config.threads(), batch), config.truncation())) {
      e.setModel(initial);
      RnnEpoch epoch = new RnnEpoch(e, config, RnnBatchEngine.toFloat(train.series()), train.labels());
      for (int ep = 0; ep < epochs; ep++) {
        if (!epoch.run(shuffleRng)) {
          diverged = true;
          break;
        }
        trL[ep] = epoch.loss();
        trA[ep] = epoch.accuracy();
        vaL[ep] = Double.NaN;
        vaA[ep] = Double.NaN;
        if (validation != null && validation.size() > 0) {
          double[] ev = evaluate(e.toModel(), validation);
          vaL[ep] = ev[0];
          vaA[ep] = ev[1];
        }
        done = ep + 1;
        if (listener != null) listener.epochDone(ep + 1, trL[ep], trA[ep], vaL[ep], vaA[ep]);
      }
      return new RnnTrainResult(e.toModel(), Arrays.copyOf(trL, done), Arrays.copyOf(trA, done),
          Arrays.copyOf(vaL, done), Arrays.copyOf(vaA, done), diverged);
    }
  }

  /**
   * Mean cross-entropy and accuracy of a model on a dataset (double inference).
   *
   * @param m the model
   * @param data the sequences (Not modified)
   * @return {@code {loss, accuracy}}
   */
  public static double[] evaluate(ElmanRnn m, SequenceDataset data) {
    double[] z = m.logits(data);
    int c = m.numClasses();
    int[] p = Rows.argmax(z, data.size(), c);
    double loss = 0;
    int correct = 0;
    double[] row = new double[c];
    for (int s = 0; s < data.size(); s++) {
      System.arraycopy(z, s * c, row, 0, c);
      loss += RnnReference.crossEntropy(row, data.labels()[s]);
      if (p[s] == data.labels()[s]) correct++;
    }
    return new double[] {loss / data.size(), (double) correct / data.size()};
  }
}
