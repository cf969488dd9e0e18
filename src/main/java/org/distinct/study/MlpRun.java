package org.distinct.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distinct.data.Dataset;
import org.distinct.data.split.GroupHoldout;
import org.distinct.data.split.GroupKFold;
import org.distinct.data.split.RandomHoldout;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.eval.ExecutionTimer;
import org.distinct.model.Activation;
import org.distinct.model.Mlp;
import org.distinct.prune.ActivationAngles;
import org.distinct.prune.AngleResult;
import org.distinct.prune.Criteria;
import org.distinct.prune.MergeRule;
import org.distinct.prune.PatternSet;
import org.distinct.prune.PrunerConfig;
import org.distinct.prune.PruningMethod;
import org.distinct.prune.PruningSchedule;
import org.distinct.prune.ScheduleConfig;
import org.distinct.prune.ScheduleResult;
import org.distinct.prune.ScheduleStep;
import org.distinct.train.MlpCrossValidator;
import org.distinct.train.MlpTrainConfig;
import org.distinct.train.OptimizerConfig;
import org.distinct.train.TrainResult;

/**
 * Everything one seed of the MLP part of a study produced, as numbers (cacheable as JSON for {@code --resume}).
 *
 * @param seed the run's seed
 * @param trainRows rows of the training part
 * @param testRows rows of the test part (held-out participants)
 * @param foldTrainLoss per-fold training loss
 * @param foldTrainAccuracy per-fold training accuracy
 * @param foldValidationLoss per-fold validation loss (NaN for a diverged fold)
 * @param foldValidationAccuracy per-fold validation accuracy
 * @param foldsDiverged folds whose training diverged
 * @param finalTrainLoss final model's loss on the training part
 * @param finalTrainAccuracy final model's accuracy on the training part
 * @param diverged the final model's training diverged (no test or pruning results then)
 * @param confusion the final model's test confusion matrix
 * @param trainCurve final model's training loss per epoch
 * @param foldTrainCurve mean over folds of the training loss per epoch
 * @param foldValidationCurve mean over folds of the validation loss per epoch
 * @param randomSplitTestAccuracy test accuracy of the same MLP with a random row split (leakage check), NaN if off
 * @param randomSplitTestLoss its test loss
 * @param pruning steps per criterion (step 0 = the unpruned final model on the test part)
 * @param stopReasons why each criterion's schedule stopped
 * @param angles angle matrix (degrees) of the unpruned final model's hidden units over the pattern set
 */
public record MlpRun(
    long seed,
    int trainRows,
    int testRows,
    double[] foldTrainLoss,
    double[] foldTrainAccuracy,
    double[] foldValidationLoss,
    double[] foldValidationAccuracy,
    int foldsDiverged,
    double finalTrainLoss,
    double finalTrainAccuracy,
    boolean diverged,
    long[][] confusion,
    double[] trainCurve,
    double[] foldTrainCurve,
    double[] foldValidationCurve,
    double randomSplitTestAccuracy,
    double randomSplitTestLoss,
    Map<String, List<StepRow>> pruning,
    Map<String, String> stopReasons,
    double[][] angles) {

  /** Timing of each pruning step: warm, but short enough for hundreds of steps. */
  static final ExecutionTimer.Config STEP_TIMING = new ExecutionTimer.Config(50, 21, 101, 10);

  /** @return the unpruned model's test row (step 0), or null if the run diverged */
  public StepRow baseline() {
    if (pruning.isEmpty()) return null;
    return pruning.values().iterator().next().get(0);
  }

  /**
   * The training configuration a study section describes.
   *
   * @param s the MLP section
   * @return the trainer configuration
   */
  static MlpTrainConfig trainConfig(StudyConfig.MlpSection s) {
    int[] hidden = s.hidden().stream().mapToInt(Integer::intValue).toArray();
    OptimizerConfig opt = s.optimizer().equalsIgnoreCase("sgd")
        ? OptimizerConfig.sgd(s.learningRate(), s.momentum())
        : OptimizerConfig.adam(s.learningRate());
    return new MlpTrainConfig(hidden, Activation.parse(s.activation()), opt, s.batchSize(), s.epochs(), true, 0, true);
  }

  /**
   * Runs one seed: baseline (hold-out, cross-validation, final model), leakage check and the pruning sweep of
   * every criterion. Single-threaded (the study parallelises over seeds).
   *
   * @param data unscaled feature table (Not modified)
   * @param study the study
   * @param seed the run's seed
   * @return the run's numbers
   */
  public static MlpRun run(Dataset data, StudyConfig study, long seed) {
    StudyConfig.MlpSection s = study.mlp();
    MlpTrainConfig cfg = trainConfig(s);
    SplittableRandom root = new SplittableRandom(seed);
    long baselineSeed = root.split().nextLong();
    long leakageSeed = root.split().nextLong();
    long pruneSeed = root.split().nextLong();
    MlpBaseline.Config bc = new MlpBaseline.Config(cfg, new GroupHoldout(s.testFraction()),
        s.folds() == 0 ? null : new GroupKFold(s.folds()), STEP_TIMING);
    MlpBaseline.Result b = new MlpBaseline(bc).run(data, baselineSeed, 1, null, null);

    int k = b.cv() == null ? 0 : b.cv().folds().size();
    FoldNumbers folds = new FoldNumbers(k, cfg.epochs());
    for (int f = 0; f < k; f++) {
      MlpCrossValidator.FoldResult fr = b.cv().folds().get(f);
      folds.add(f, fr.training().diverged(), fr.train().loss(), fr.train().accuracy(), fr.validation().loss(),
          fr.validation().accuracy(), fr.training().trainLoss(), fr.training().validationLoss());
    }

    double leakAcc = Double.NaN;
    double leakLoss = Double.NaN;
    if (study.leakage()) {
      MlpBaseline.Config lc = new MlpBaseline.Config(cfg, new RandomHoldout(s.testFraction()), null, STEP_TIMING);
      MlpBaseline.Result l = new MlpBaseline(lc).run(data, leakageSeed, 1, null, null);
      if (!l.finalTraining().diverged()) {
        leakAcc = l.test().accuracy();
        leakLoss = l.test().loss();
      }
    }

    TrainResult fin = b.finalTraining();
    boolean diverged = fin.diverged();
    Map<String, List<StepRow>> pruning = new LinkedHashMap<>();
    Map<String, String> stops = new LinkedHashMap<>();
    double[][] angles = new double[0][];
    if (!diverged) {
      StudyConfig.PruningSection p = study.pruning();
      Dataset patterns = PatternSet.parse(p.patterns()).select(b.trainScaled(), b.testScaled());
      PrunerConfig pc = PrunerConfig.defaults().withThresholds(p.similar(), p.complementary()).withMeanCorrection(p.meanCorrection());
      AngleResult ar = ActivationAngles.forLayer(fin.model(), 0, patterns, pc.angleConfig());
      angles = ar.angleRows().toArray(new double[0][]);
      int units = fin.model().layer(0).out();
      ScheduleConfig sc = new ScheduleConfig(p.step(), Math.min(p.untilUnits(), units - 1), Double.POSITIVE_INFINITY, p.force(), 0, STEP_TIMING);
      PruningSchedule schedule = new PruningSchedule(sc);
      SplittableRandom pr = new SplittableRandom(pruneSeed);
      for (String criterion : p.criteria()) {
        long critSeed = pr.split().nextLong();
        PruningMethod method = switch (criterion) {
          case "distinctiveness" -> Criteria.method("distinctiveness", pc.withMerge(MergeRule.PLAIN));
          case "distinctiveness-regress" -> Criteria.method("distinctiveness", pc.withMerge(MergeRule.REGRESS));
          default -> Criteria.method(criterion, pc);
        };
        ScheduleResult<Mlp> r = schedule.run(method, fin.model(), 0, patterns, b.testScaled(), null, null, critSeed);
        List<StepRow> rows = new ArrayList<>();
        for (ScheduleStep<Mlp> st : r.steps()) rows.add(StepRow.of(st));
        pruning.put(criterion, rows);
        stops.put(criterion, r.stopMessage());
      }
    }
    ClassificationMetrics t = b.test();
    return new MlpRun(seed, b.split().train().length, b.split().test().length, folds.trainLoss, folds.trainAccuracy,
        folds.validationLoss, folds.validationAccuracy, folds.diverged,
        diverged ? Double.NaN : b.finalTrain().loss(), diverged ? Double.NaN : b.finalTrain().accuracy(), diverged,
        t.confusion(), fin.trainLoss(), folds.meanTrainCurve(), folds.meanValidationCurve(), leakAcc, leakLoss, pruning, stops, angles);
  }
}
