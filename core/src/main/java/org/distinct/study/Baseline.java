package org.distinct.study;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import org.distinct.BadInputException;
import org.distinct.data.LabelledData;
import org.distinct.data.split.Fold;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.eval.ExecutionTimer;
import org.distinct.eval.TimingResult;
import org.distinct.family.ModelFamily;
import org.distinct.family.PreprocessSettings;
import org.distinct.family.Preprocessor;
import org.distinct.family.Protocol;
import org.distinct.model.Network;
import org.distinct.train.EpochListener;
import org.distinct.train.TrainResult;
import org.distinct.train.Trainer;
import org.distinct.util.OrderedParallel;

/**
 * The paper's Table 1 protocol for any model family: hold out a test part, cross-validate on the rest (preprocessing
 * fitted on each fold's training part only), train a final model on the whole training part and evaluate it on both
 * parts. Its pieces ({@link #split}, {@link #fold}, {@link #fin}) are independent given the seeds, so a study runs
 * them as separate work units; {@link #run} runs them all (the {@code train} command).
 *
 * @param <M> the network type
 * @param <R> the data as read (what the splits divide)
 * @param <D> the prepared data (what the network reads)
 * @param <C> the family's training configuration
 */
public final class Baseline<M extends Network<D>, R extends LabelledData<R>, D extends LabelledData<D>, C> {

  /**
   * What to run.
   *
   * @param <M> network type
   * @param <R> data type as read
   * @param <D> prepared data type
   * @param <C> configuration type
   * @param family the model family
   * @param config its training configuration
   * @param protocol folds, test fraction, split
   * @param preprocessing preprocessing options
   * @param scheme how seeds are derived and fold losses computed
   */
  public record Setup<M extends Network<D>, R extends LabelledData<R>, D extends LabelledData<D>, C>(
      ModelFamily<M, R, D, C> family, C config, Protocol protocol, PreprocessSettings preprocessing, SeedScheme scheme) {}

  /**
   * The test hold-out.
   *
   * @param <R> data type as read
   * @param fold indices of the training part ({@code train}) and test part ({@code test}) in the data
   * @param train the training part as read
   * @param test the test part as read
   */
  public record Split<R>(Fold fold, R train, R test) {}

  /**
   * One cross-validation fold.
   *
   * @param <M> network type
   * @param fold 0-based fold
   * @param seed the fold's training seed
   * @param training the training result
   * @param trainLoss loss on the fold's (preprocessed) training part after training
   * @param trainAccuracy accuracy there
   * @param validationLoss loss on the fold's validation part
   * @param validationAccuracy accuracy there
   * @param validationSize patterns in the validation part
   */
  public record FoldResult<M>(int fold, long seed, TrainResult<M> training, double trainLoss, double trainAccuracy,
      double validationLoss, double validationAccuracy, int validationSize) {}

  /**
   * The final model.
   *
   * @param <M> network type
   * @param <R> data type as read
   * @param <D> prepared data type
   * @param training its training
   * @param preprocessing the preprocessing fitted on the whole training part (what a model file records)
   * @param trainPrepared the preprocessed training part (the pattern set of pruning)
   * @param testPrepared the preprocessed test part
   * @param train its metrics on the training part
   * @param test its metrics on the test part
   */
  public record Final<M, R, D>(TrainResult<M> training, Preprocessor.Fitted<R, D> preprocessing, D trainPrepared, D testPrepared,
      ClassificationMetrics train, ClassificationMetrics test) {}

  /**
   * Everything {@link #run} produced.
   *
   * @param <M> network type
   * @param <R> data type as read
   * @param <D> prepared data type
   * @param split the hold-out
   * @param folds the folds in order (empty without cross-validation)
   * @param fin the final model
   * @param testTime time to classify the test part, or null when the run was not timed ({@link #untimed()})
   */
  public record Result<M, R, D>(Split<R> split, List<FoldResult<M>> folds, Final<M, R, D> fin, TimingResult testTime) {}

  private final Setup<M, R, D, C> setup;
  private final Trainer<M, D> trainer;
  private final boolean timed;

  /** @param setup what to run */
  public Baseline(Setup<M, R, D, C> setup) {
    this(setup, true);
  }

  private Baseline(Setup<M, R, D, C> setup, boolean timed) {
    this.setup = setup;
    this.trainer = setup.family().trainer(setup.config());
    this.timed = timed;
  }

  /**
   * @return the same run without the steady-state timing of the final model ({@link Result#testTime()} null): the
   *     same models and metrics, without waiting until the JIT has compiled the kernels
   */
  public Baseline<M, R, D, C> untimed() {
    return new Baseline<>(setup, false);
  }

  /** @return the setup */
  public Setup<M, R, D, C> setup() {
    return setup;
  }

  /**
   * @param master the run's master seed
   * @return the seeds of the run's parts
   */
  public SeedScheme.Seeds seeds(long master) {
    return setup.scheme().seeds(master, setup.protocol().folds());
  }

  /**
   * @param data data as read (Not modified)
   * @param seeds the run's seeds
   * @return the test hold-out
   */
  public Split<R> split(R data, SeedScheme.Seeds seeds) {
    Fold f = setup.family().holdout(setup.protocol(), data).split(data.size(), data.labels(), data.groups(), seeds.holdout()).get(0);
    if (f.test().length == 0 || f.train().length == 0)
      throw BadInputException.at(data.source(), 0, null, "the " + setup.family().describeSplit(setup.protocol()) + " leaves "
          + (f.test().length == 0 ? "no test patterns" : "no training patterns") + " of " + data.size()
          + ": give more data or another test fraction (--test-fraction)");
    return new Split<>(f, data.subset(f.train()), data.subset(f.test()));
  }

  /**
   * @param split the hold-out
   * @param seeds the run's seeds
   * @return the folds of the training part (train = fold training patterns, test = validation patterns)
   */
  public List<Fold> folds(Split<R> split, SeedScheme.Seeds seeds) {
    R t = split.train();
    return setup.family().folds(setup.protocol(), t).split(t.size(), t.labels(), t.groups(), seeds.foldAssignment());
  }

  /**
   * Trains and evaluates one fold.
   *
   * @param split the hold-out
   * @param fold the fold (indices into the training part)
   * @param f its 0-based number
   * @param seeds the run's seeds
   * @param listener per-epoch progress
   * @return the fold's result
   */
  public FoldResult<M> fold(Split<R> split, Fold fold, int f, SeedScheme.Seeds seeds, EpochListener listener) {
    R tr = split.train().subset(fold.train());
    R va = split.train().subset(fold.test());
    Preprocessor.Fitted<R, D> pp = setup.family().preprocessor(setup.preprocessing()).fit(tr);
    D trP = pp.apply(tr);
    D vaP = pp.apply(va);
    long seed = seeds.folds()[f];
    TrainResult<M> r = trainer.train(trP, vaP, seed, listener);
    double[] te = setup.scheme().evaluate(r.model(), trP);
    double[] ve = setup.scheme().evaluate(r.model(), vaP);
    return new FoldResult<>(f, seed, r, te[0], te[1], ve[0], ve[1], vaP.size());
  }

  /**
   * Trains the final model on the whole training part and evaluates it on both parts.
   *
   * @param split the hold-out
   * @param seeds the run's seeds
   * @param listener per-epoch progress
   * @return the final model's result
   */
  public Final<M, R, D> fin(Split<R> split, SeedScheme.Seeds seeds, EpochListener listener) {
    Preprocessor.Fitted<R, D> pp = setup.family().preprocessor(setup.preprocessing()).fit(split.train());
    D trP = pp.apply(split.train());
    D teP = pp.apply(split.test());
    TrainResult<M> fin = trainer.train(trP, null, seeds.fin(), listener);
    return new Final<>(fin, pp, trP, teP, metrics(fin.model(), trP), metrics(fin.model(), teP));
  }

  /**
   * @param <M> network type
   * @param <D> data type
   * @param m a model
   * @param d prepared data (Not modified)
   * @return all metrics of the model on the data
   */
  public static <M extends Network<D>, D extends LabelledData<D>> ClassificationMetrics metrics(M m, D d) {
    return ClassificationMetrics.fromLogits(m.logits(d), d.labels(), d.size(), d.numClasses());
  }

  /**
   * Runs the whole protocol: folds (in parallel when one training is single-threaded), final model, timing.
   *
   * @param data data as read (Not modified)
   * @param master the run's master seed
   * @param threads worker threads
   * @param listener per-epoch progress of every training (may be called from several threads)
   * @param onFoldDone called with the fold number when a fold completes, or null
   * @return the results
   */
  public Result<M, R, D> run(R data, long master, int threads, EpochListener listener, IntConsumer onFoldDone) {
    SeedScheme.Seeds seeds = seeds(master);
    Split<R> split = split(data, seeds);
    List<FoldResult<M>> folds = new ArrayList<>();
    if (setup.protocol().folds() > 0) {
      List<Fold> fs = folds(split, seeds);
      List<Callable<FoldResult<M>>> tasks = new ArrayList<>();
      for (int f = 0; f < fs.size(); f++) {
        int fi = f;
        tasks.add(() -> {
          FoldResult<M> r = fold(split, fs.get(fi), fi, seeds, listener);
          if (onFoldDone != null) onFoldDone.accept(fi);
          return r;
        });
      }
      folds = OrderedParallel.run(tasks, setup.family().trainsInParallel() ? 1 : threads);
    }
    Final<M, R, D> fin = fin(split, seeds, listener);
    D test = fin.testPrepared();
    M model = fin.training().model();
    TimingResult time = timed ? new ExecutionTimer(setup.family().timing()).time(() -> model.predict(test)) : null;
    return new Result<>(split, folds, fin, time);
  }
}
