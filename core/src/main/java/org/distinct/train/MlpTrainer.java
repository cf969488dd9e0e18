package org.distinct.train;

import java.util.Map;
import java.util.SplittableRandom;
import org.distinct.data.Dataset;
import org.distinct.model.Mlp;
import org.distinct.util.Rows;

/**
 * Trains an {@link Mlp} with mini-batch gradient descent on the mean softmax cross-entropy
 * ({@link SoftmaxCrossEntropy}), using an {@link Optimizer} and an {@link MlpWorkspace} (no allocation per
 * batch).
 *
 * <p>Inputs are used as given (scale them first, e.g. with {@code MinMaxScaler} fitted on the training
 * rows). Randomness: {@code root = new SplittableRandom(seed)}; {@code root.split()} initialises the model
 * (skipped, but still split, when fine-tuning), {@code root.split()} is the shuffling stream, and epoch
 * {@code e} shuffles with its own {@code split()} of that stream (a fresh Fisher–Yates permutation of the
 * rows). The same seed and data give bit-identical results. The trainer holds no mutable state: one
 * instance may train several folds in parallel threads.
 */
public final class MlpTrainer implements Trainer<Mlp, Dataset> {
  private final MlpTrainConfig config;

  /** @param config training settings */
  public MlpTrainer(MlpTrainConfig config) {
    if (config == null) throw new IllegalArgumentException("config must not be null");
    this.config = config;
  }

  /** @return the settings */
  public MlpTrainConfig config() {
    return config;
  }

  @Override
  public MlpTrainer withEpochs(int epochs) {
    return new MlpTrainer(config.withEpochs(epochs));
  }

  @Override
  public Map<String, Object> describe() {
    return config.toMap();
  }

  /**
   * Trains a freshly initialised MLP ({@code Mlp.initialize} with the configured hidden sizes and
   * activation; as many outputs as the training set has classes).
   *
   * @param train training rows, already scaled (Not modified)
   * @param validation validation rows for monitoring and early stopping, or null (Not modified)
   * @param seed seed of initialisation and shuffling
   * @param listener called after every epoch
   * @return the trained model and its curves
   */
  @Override
  public TrainResult<Mlp> train(Dataset train, Dataset validation, long seed, EpochListener listener) {
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom initRng = root.split();
    Mlp initial = Mlp.initialize(train.cols(), config.hidden(), train.numClasses(), config.activation(), initRng);
    return run(initial, train, validation, root.split(), listener);
  }

  /**
   * Continues training an existing model (fine-tuning, e.g. after pruning); its architecture is used and
   * the configured hidden sizes and activation are ignored. The optimizer starts from a fresh state.
   *
   * @param initial the starting model (Not modified)
   * @param train training rows, already scaled (Not modified)
   * @param validation validation rows, or null (Not modified)
   * @param seed seed of the shuffling (split exactly as in {@link #train(Dataset, Dataset, long, EpochListener)})
   * @param listener called after every epoch
   * @return the trained model (a new instance) and its curves
   */
  @Override
  public TrainResult<Mlp> fineTune(Mlp initial, Dataset train, Dataset validation, long seed, EpochListener listener) {
    SplittableRandom root = new SplittableRandom(seed);
    root.split(); // the initialisation stream, unused when fine-tuning
    return run(initial, train, validation, root.split(), listener);
  }

  private TrainResult<Mlp> run(Mlp initial, Dataset train, Dataset val, SplittableRandom shuffleRoot, EpochListener listener) {
    check(initial, train, "training");
    if (val != null) check(initial, val, "validation");
    boolean hasVal = val != null && val.rows() > 0;
    boolean early = hasVal && config.patience() > 0;
    MlpWorkspace ws = new MlpWorkspace(initial, Math.min(config.batchSize(), train.rows()));
    double[] params = ws.parameters();
    double[] lastGood = params.clone();
    double[] best = hasVal ? params.clone() : null;
    double[] valLogits = hasVal ? new double[val.rows() * initial.numClasses()] : null;
    MlpEpoch epoch = new MlpEpoch(ws, config.optimizer().create(), train, config.shuffle());
    EpochCurves curves = new EpochCurves(config.epochs(), hasVal);
    int bestEpoch = -1;
    double bestLoss = Double.POSITIVE_INFINITY;
    boolean diverged = false;
    for (int e = 0; e < config.epochs(); e++) {
      if (!epoch.run(shuffleRoot.split())) {
        diverged = true;
        break;
      }
      double vLoss = hasVal ? evaluate(ws, val, valLogits) : Double.NaN;
      if (hasVal && !Double.isFinite(vLoss)) {
        diverged = true;
        break;
      }
      double vAcc = hasVal ? Rows.countCorrect(valLogits, val.labels(), val.rows(), initial.numClasses()) / (double) val.rows() : Double.NaN;
      System.arraycopy(params, 0, lastGood, 0, params.length);
      if (!hasVal) {
        bestEpoch = e;
      } else if (vLoss < bestLoss) {
        bestLoss = vLoss;
        bestEpoch = e;
        System.arraycopy(params, 0, best, 0, params.length);
      }
      curves.add(new EpochListener.Epoch(e + 1, epoch.loss(), epoch.accuracy(), vLoss, vAcc), listener);
      if (early && e - bestEpoch >= config.patience()) break;
    }
    double[] chosen = early && config.restoreBest() && bestEpoch >= 0 ? best : lastGood;
    System.arraycopy(chosen, 0, params, 0, params.length);
    ws.parametersChanged();
    return curves.result(ws.toMlp(), bestEpoch, diverged);
  }

  /** Forward pass over all rows of {@code d} in chunks; fills {@code logits} and returns the mean loss. */
  private static double evaluate(MlpWorkspace ws, Dataset d, double[] logits) {
    int c = ws.sizes()[ws.sizes().length - 1];
    int cap = ws.capacity();
    for (int start = 0; start < d.rows(); start += cap) {
      int nb = Math.min(cap, d.rows() - start);
      double[] out = ws.forward(d.x(), start, nb);
      System.arraycopy(out, 0, logits, start * c, nb * c);
    }
    return SoftmaxCrossEntropy.meanLoss(logits, d.labels(), d.rows(), c);
  }

  private static void check(Mlp m, Dataset d, String what) {
    if (d.rows() < 1 && what.equals("training")) throw new IllegalArgumentException("no training rows");
    if (d.cols() != m.inputSize())
      throw new IllegalArgumentException(what + " data has " + d.cols() + " features, model expects " + m.inputSize());
    if (d.numClasses() > m.numClasses())
      throw new IllegalArgumentException(what + " data has " + d.numClasses() + " classes, model has " + m.numClasses());
  }
}
