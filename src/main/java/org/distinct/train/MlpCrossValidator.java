package org.distinct.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.distinct.data.Dataset;
import org.distinct.data.MinMaxScaler;
import org.distinct.data.split.Fold;
import org.distinct.data.split.Splitter;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.util.OrderedParallel;

/**
 * k-fold cross-validation of an MLP: for every fold, fit min–max scaling on the fold's training rows only,
 * train a new model, and measure loss and accuracy on the fold's training and validation rows.
 *
 * <p>Folds run in parallel; each fold's seed is split off the master seed in fold order before any work
 * starts, so results are bit-identical to a sequential run.
 */
public final class MlpCrossValidator {
  private final MlpTrainer trainer;
  private final Splitter splitter;

  /**
   * One fold's outcome.
   *
   * @param fold 0-based fold number
   * @param seed the seed the fold's model was trained with
   * @param training the training result (model and curves)
   * @param scaler the scaler fitted on the fold's training rows
   * @param train metrics on the fold's training rows (after training)
   * @param validation metrics on the fold's validation rows
   * @param trainRows rows used for training (indices into the cross-validated dataset)
   * @param validationRows rows held out
   */
  public record FoldResult(
      int fold,
      long seed,
      TrainResult training,
      MinMaxScaler scaler,
      ClassificationMetrics train,
      ClassificationMetrics validation,
      int[] trainRows,
      int[] validationRows) {}

  /**
   * All folds of one cross-validation.
   *
   * @param splitter description of the split, e.g. "participant-grouped 10-fold"
   * @param seed the master seed
   * @param folds per-fold results in fold order
   */
  public record Result(String splitter, long seed, List<FoldResult> folds) {
    /** @return folds whose training did not diverge */
    public List<FoldResult> finiteFolds() {
      return folds.stream().filter(f -> !f.training().diverged()).toList();
    }
  }

  /**
   * @param trainer trains one model per fold
   * @param splitter divides the rows into folds (e.g. {@code GroupKFold(10)})
   */
  public MlpCrossValidator(MlpTrainer trainer, Splitter splitter) {
    this.trainer = trainer;
    this.splitter = splitter;
  }

  /**
   * Cross-validates.
   *
   * @param data unscaled rows (Not modified)
   * @param seed master seed: split into the fold assignment seed and one seed per fold
   * @param threads folds trained in parallel
   * @param onFoldDone called after each fold completes (any thread), may be null
   * @return the per-fold results
   */
  public Result run(Dataset data, long seed, int threads, java.util.function.IntConsumer onFoldDone) {
    SplittableRandom master = new SplittableRandom(seed);
    long splitSeed = master.split().nextLong();
    List<Fold> folds = splitter.split(data.rows(), data.labels(), data.groups(), splitSeed);
    List<Callable<FoldResult>> tasks = new ArrayList<>();
    for (int f = 0; f < folds.size(); f++) {
      final int fi = f;
      final long foldSeed = master.split().nextLong();
      final Fold fold = folds.get(f);
      tasks.add(() -> {
        FoldResult r = runFold(data, fi, fold, foldSeed);
        if (onFoldDone != null) onFoldDone.accept(fi);
        return r;
      });
    }
    return new Result(splitter.describe(), seed, OrderedParallel.run(tasks, threads));
  }

  private FoldResult runFold(Dataset data, int f, Fold fold, long foldSeed) {
    Dataset tr = data.subset(fold.train());
    Dataset va = data.subset(fold.test());
    MinMaxScaler scaler = MinMaxScaler.fit(tr);
    Dataset trS = scaler.transform(tr);
    Dataset vaS = scaler.transform(va);
    TrainResult res = trainer.train(trS, vaS, foldSeed);
    return new FoldResult(f, foldSeed, res, scaler, evaluate(res, trS), evaluate(res, vaS), fold.train(), fold.test());
  }

  private static ClassificationMetrics evaluate(TrainResult res, Dataset d) {
    double[] logits = res.model().logits(d.x(), d.rows());
    return ClassificationMetrics.fromLogits(logits, d.labels(), d.rows(), d.numClasses());
  }
}
