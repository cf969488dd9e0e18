package org.distinct.study;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SeriesPreprocessing;
import org.distinct.data.split.Fold;
import org.distinct.data.split.GroupHoldout;
import org.distinct.data.split.GroupKFold;
import org.distinct.data.split.SongHoldout;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.eval.ExecutionTimer;
import org.distinct.eval.TimingResult;
import org.distinct.train.RnnTrainConfig;
import org.distinct.train.RnnTrainResult;
import org.distinct.train.RnnTrainer;

/**
 * The paper's RNN baseline protocol (Table 1, RNN rows): hold out test sequences (the paper's 25 % of each
 * song, or whole participants), cross-validate on the rest (participant-grouped k-fold), train a final model
 * on the whole training part and evaluate and time it on the test part. Preprocessing (median filter,
 * downsampling, scaling) is fitted on each training part only.
 *
 * <p>Seeds: the master seed is split, in this order, into the hold-out seed, the cross-validation fold
 * assignment seed, one seed per fold, and the final model's seed.
 */
public final class RnnBaseline {

  /**
   * Settings of the protocol.
   *
   * @param train training configuration
   * @param preprocessing series preprocessing
   * @param songSplit true for the paper's per-song 75/25 split, false for a participant-grouped hold-out
   * @param testFraction fraction held out
   * @param folds cross-validation folds (0 = none), participant-grouped
   * @param timer how test classification is timed
   */
  public record Config(RnnTrainConfig train, SeriesPreprocessing preprocessing, boolean songSplit, double testFraction, int folds,
      ExecutionTimer.Config timer) {
    /** Validates. */
    public Config {
      if (train == null || preprocessing == null || timer == null) throw new IllegalArgumentException("train, preprocessing and timer are required");
      if (!(testFraction > 0 && testFraction < 1)) throw new IllegalArgumentException("testFraction must be in (0,1)");
      if (folds != 0 && folds < 2) throw new IllegalArgumentException("folds must be 0 or >= 2");
    }

    /** @return a description of the test split for reports */
    public String describeSplit() {
      return songSplit
          ? "the paper's split: " + Math.round(testFraction * 100) + " % of each song's sequences held out (the same participant can be on both sides)"
          : "participant-grouped hold-out: " + Math.round(testFraction * 100) + " % of participants";
    }
  }

  /**
   * One fold.
   *
   * @param fold 0-based fold
   * @param seed the fold's seed
   * @param training curves and model
   * @param trainLoss loss on the fold's training part after training
   * @param trainAccuracy accuracy there
   * @param validationLoss loss on the fold's validation part
   * @param validationAccuracy accuracy there
   */
  public record FoldResult(int fold, long seed, RnnTrainResult training, double trainLoss, double trainAccuracy,
      double validationLoss, double validationAccuracy) {}

  /**
   * Everything the baseline produced.
   *
   * @param seed master seed
   * @param split the hold-out (indices into the input sequences)
   * @param folds cross-validation folds (empty if none)
   * @param finalTraining the final model's training
   * @param finalTrain final model's metrics on the training part
   * @param test final model's metrics on the test part
   * @param testTime time to classify the test part
   * @param trainPrepared preprocessed training part (the pattern set for pruning)
   * @param testPrepared preprocessed test part
   * @param preprocessing the preprocessing fitted on the training part (what a model file records)
   */
  public record Result(long seed, Fold split, List<FoldResult> folds, RnnTrainResult finalTraining, ClassificationMetrics finalTrain,
      ClassificationMetrics test, TimingResult testTime, SequenceDataset trainPrepared, SequenceDataset testPrepared,
      SeriesPreprocessing.Fitted preprocessing) {}

  private final Config config;

  /** @param config protocol settings */
  public RnnBaseline(Config config) {
    this.config = config;
  }

  /**
   * Runs the protocol.
   *
   * @param data raw sequences (Not modified)
   * @param seed master seed
   * @param listener per-epoch callback of every training, or null
   * @return the results
   */
  public Result run(SequenceDataset data, long seed, RnnTrainer.EpochListener listener) {
    return run(data, seed, listener, null);
  }

  /**
   * Runs the protocol, reporting each completed cross-validation fold.
   *
   * @param data raw sequences (Not modified)
   * @param seed master seed
   * @param listener per-epoch callback of every training, or null
   * @param onFoldDone called with the fold index after each cross-validation fold, or null
   * @return the results
   */
  public Result run(SequenceDataset data, long seed, RnnTrainer.EpochListener listener, java.util.function.IntConsumer onFoldDone) {
    SplittableRandom master = new SplittableRandom(seed);
    long splitSeed = master.split().nextLong();
    long foldAssignSeed = master.split().nextLong();
    Fold split = config.songSplit()
        ? new SongHoldout(config.testFraction()).split(data.songs().toArray(new String[0]), splitSeed)
        : new GroupHoldout(config.testFraction()).split(data.size(), data.labels(), data.groups(), splitSeed).get(0);
    SequenceDataset trainPart = data.subset(split.train());
    SequenceDataset testPart = data.subset(split.test());
    RnnTrainer trainer = new RnnTrainer(config.train());
    List<FoldResult> folds = new ArrayList<>();
    if (config.folds() > 0) {
      List<Fold> fs = new GroupKFold(config.folds()).split(trainPart.size(), trainPart.labels(), trainPart.groups(), foldAssignSeed);
      for (int f = 0; f < fs.size(); f++) {
        long fseed = master.split().nextLong();
        SequenceDataset tr = trainPart.subset(fs.get(f).train());
        SequenceDataset va = trainPart.subset(fs.get(f).test());
        SeriesPreprocessing.Fitted pp = config.preprocessing().fit(tr);
        SequenceDataset trP = pp.apply(tr);
        SequenceDataset vaP = pp.apply(va);
        RnnTrainResult r = trainer.train(trP, vaP, fseed, listener);
        double[] te = RnnTrainer.evaluate(r.model(), trP);
        double[] ve = RnnTrainer.evaluate(r.model(), vaP);
        folds.add(new FoldResult(f, fseed, r, te[0], te[1], ve[0], ve[1]));
        if (onFoldDone != null) onFoldDone.accept(f);
      }
    }
    long finalSeed = master.split().nextLong();
    SeriesPreprocessing.Fitted pp = config.preprocessing().fit(trainPart);
    SequenceDataset trP = pp.apply(trainPart);
    SequenceDataset teP = pp.apply(testPart);
    RnnTrainResult fin = trainer.train(trP, null, finalSeed, listener);
    ClassificationMetrics finTrain = ClassificationMetrics.fromLogits(fin.model().logits(trP), trP.labels(), trP.size(), trP.numClasses());
    ClassificationMetrics test = ClassificationMetrics.fromLogits(fin.model().logits(teP), teP.labels(), teP.size(), teP.numClasses());
    TimingResult time = new ExecutionTimer(config.timer()).time(() -> fin.model().predict(teP));
    return new Result(seed, split, folds, fin, finTrain, test, time, trP, teP, pp);
  }
}
