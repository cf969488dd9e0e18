package org.distinct.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SequenceScaling;
import org.distinct.data.SeriesPreprocessing;
import org.distinct.eval.ExecutionTimer;
import org.distinct.train.RnnTrainConfig;

/** One seed of the RNN part of a study: baseline (hold-out, cross-validation, final model) and pruning of every mode. */
public final class RnnStudy {
  /** Timing of RNN test classification: 15 warm-ups (the JIT compiles the double kernels), then 11 timed runs. */
  static final ExecutionTimer.Config TIMING = ExecutionTimer.Config.fixed(15, 11);

  private RnnStudy() {}

  /**
   * The training configuration a study section describes.
   *
   * @param s the RNN section
   * @param threads threads per batch
   * @return the trainer configuration
   */
  static RnnTrainConfig trainConfig(StudyConfig.RnnSection s, int threads) {
    return new RnnTrainConfig(s.hidden(), s.learningRate(), 0.9, 0.999, 1e-8, s.batchSize(), s.epochs(), 0, s.clipNorm(), true, threads);
  }

  /**
   * @param s the RNN section
   * @return its preprocessing
   */
  static SeriesPreprocessing preprocessing(StudyConfig.RnnSection s) {
    SequenceScaling.Mode mode = s.scaling().equals("global") ? SequenceScaling.Mode.GLOBAL : SequenceScaling.Mode.PER_SEQUENCE;
    return new SeriesPreprocessing(s.window(), mode, s.downsample());
  }

  /**
   * Runs one seed.
   *
   * @param data raw sequences (Not modified)
   * @param study the study
   * @param seed the seed
   * @param threads threads per batch
   * @param progress called once per completed training (folds and final) and pruning mode
   * @return the run's numbers
   */
  public static RnnRun run(SequenceDataset data, StudyConfig study, long seed, int threads, Consumer<String> progress) {
    StudyConfig.RnnSection s = study.rnn();
    RnnBaseline.Config bc = new RnnBaseline.Config(trainConfig(s, threads), preprocessing(s), s.split().equals("song"), 0.25, s.folds(), TIMING);
    RnnBaseline.Result b = new RnnBaseline(bc).run(data, seed, null, f -> progress.accept("RNN seed " + seed + " fold " + (f + 1)));
    FoldNumbers folds = new FoldNumbers(b.folds().size(), s.epochs());
    for (RnnBaseline.FoldResult fr : b.folds())
      folds.add(fr.fold(), fr.training().diverged(), fr.trainLoss(), fr.trainAccuracy(), fr.validationLoss(), fr.validationAccuracy(),
          fr.training().trainLoss(), fr.training().validationLoss());
    progress.accept("RNN seed " + seed + " final model");
    Map<String, List<StepRow>> pruning = new LinkedHashMap<>();
    Map<String, String> stops = new LinkedHashMap<>();
    boolean diverged = b.finalTraining().diverged();
    if (!diverged) RnnPruning.sweep(b, study, seed, pruning, stops, progress);
    return new RnnRun(seed, bc.describeSplit(), b.split().train().length, b.split().test().length, folds.trainLoss,
        folds.trainAccuracy, folds.validationLoss, folds.validationAccuracy, folds.diverged, b.finalTrain().loss(),
        b.finalTrain().accuracy(), diverged, b.test().confusion(), b.finalTraining().trainLoss(), folds.meanValidationCurve(),
        pruning, stops);
  }
}
