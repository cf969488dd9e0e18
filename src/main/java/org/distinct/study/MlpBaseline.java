package org.distinct.study;

import java.util.SplittableRandom;
import org.distinct.data.Dataset;
import org.distinct.data.MinMaxScaler;
import org.distinct.data.split.Fold;
import org.distinct.data.split.Splitter;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.eval.ExecutionTimer;
import org.distinct.eval.TimingResult;
import org.distinct.train.MlpCrossValidator;
import org.distinct.train.MlpTrainConfig;
import org.distinct.train.MlpTrainer;
import org.distinct.train.TrainResult;
import org.distinct.train.TrainingListener;

/**
 * The paper's MLP baseline protocol (Table 1): hold out a test split, cross-validate on the rest, then train a
 * final model on the whole training part and evaluate it on the test part, timing its classification.
 *
 * <p>Seeds: the master seed is split, in this order, into the hold-out split seed, the cross-validation seed
 * and the final model's seed, so every part can be reproduced alone.
 */
public final class MlpBaseline {

  /**
   * Settings of the protocol.
   *
   * @param train training configuration of every model
   * @param testSplit hold-out split (one fold): e.g. participant-grouped 20 %
   * @param crossValidation k-fold splitter used on the training part, or null to skip cross-validation
   * @param timer how the test-set classification is timed
   */
  public record Config(MlpTrainConfig train, Splitter testSplit, Splitter crossValidation, ExecutionTimer.Config timer) {
    /** Validates that nothing is missing. */
    public Config {
      if (train == null || testSplit == null || timer == null)
        throw new IllegalArgumentException("train, testSplit and timer are required");
    }
  }

  /**
   * Everything the baseline produced.
   *
   * @param seed master seed
   * @param split the hold-out fold (train = training part, test = test part), indices into the input rows
   * @param cv cross-validation on the training part (null if skipped)
   * @param finalTraining the final model's training result
   * @param scaler scaler fitted on the whole training part
   * @param finalTrain metrics of the final model on the training part
   * @param test metrics of the final model on the test part
   * @param testTime time to classify the test part
   * @param trainScaled the scaled training part (for pruning: the pattern set)
   * @param testScaled the scaled test part
   */
  public record Result(
      long seed,
      Fold split,
      MlpCrossValidator.Result cv,
      TrainResult finalTraining,
      MinMaxScaler scaler,
      ClassificationMetrics finalTrain,
      ClassificationMetrics test,
      TimingResult testTime,
      Dataset trainScaled,
      Dataset testScaled) {}

  private final Config config;

  /** @param config protocol settings */
  public MlpBaseline(Config config) {
    this.config = config;
  }

  /**
   * Runs the protocol.
   *
   * @param data unscaled rows (Not modified)
   * @param seed master seed
   * @param threads cross-validation folds trained in parallel
   * @param listener per-epoch progress of every training (may be called from several threads)
   * @param onFoldDone called when a cross-validation fold completes (may be null)
   * @return the results
   */
  public Result run(Dataset data, long seed, int threads, TrainingListener listener, java.util.function.IntConsumer onFoldDone) {
    SplittableRandom master = new SplittableRandom(seed);
    long splitSeed = master.split().nextLong();
    long cvSeed = master.split().nextLong();
    long finalSeed = master.split().nextLong();
    Fold split = config.testSplit().split(data.rows(), data.labels(), data.groups(), splitSeed).get(0);
    Dataset trainPart = data.subset(split.train());
    Dataset testPart = data.subset(split.test());
    MlpTrainer trainer = new MlpTrainer(config.train(), listener == null ? TrainingListener.NONE : listener);
    MlpCrossValidator.Result cv = config.crossValidation() == null
        ? null
        : new MlpCrossValidator(trainer, config.crossValidation()).run(trainPart, cvSeed, threads, onFoldDone);
    MinMaxScaler scaler = MinMaxScaler.fit(trainPart);
    Dataset trS = scaler.transform(trainPart);
    Dataset teS = scaler.transform(testPart);
    TrainResult fin = trainer.train(trS, null, finalSeed);
    ClassificationMetrics finTrain = ClassificationMetrics.fromLogits(fin.model().logits(trS.x(), trS.rows()), trS.labels(), trS.rows(), trS.numClasses());
    ClassificationMetrics test = ClassificationMetrics.fromLogits(fin.model().logits(teS.x(), teS.rows()), teS.labels(), teS.rows(), teS.numClasses());
    TimingResult time = new ExecutionTimer(config.timer()).time(() -> fin.model().predict(teS.x(), teS.rows()));
    return new Result(seed, split, cv, fin, scaler, finTrain, test, time, trS, teS);
  }
}
