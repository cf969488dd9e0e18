package org.distinct.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.distinct.data.SequenceDataset;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.eval.ExecutionTimer;
import org.distinct.eval.TimingResult;
import org.distinct.model.ElmanRnn;
import org.distinct.prune.ActivationAngles;
import org.distinct.prune.AngleResult;
import org.distinct.prune.DistinctivenessPruner;
import org.distinct.prune.PairOrder;
import org.distinct.prune.PrunerConfig;
import org.distinct.prune.PruningSchedule;
import org.distinct.prune.RnnTarget;
import org.distinct.prune.ScheduleConfig;
import org.distinct.prune.ScheduleResult;
import org.distinct.prune.ScheduleStep;

/**
 * Pruning sweeps of a trained RNN for the study, one per mode of {@code rnn.modes} (paper's Table 3 in both
 * variants): distinctiveness pruning of the final model's hidden units by {@link PruningSchedule} on a
 * {@link RnnTarget}, {@code rnn.pruneSteps} steps of {@code pruning.step} units each (the schedule stops at
 * {@code H − pruneSteps·step} active units, at least 1; {@code pruning.untilUnits} is the MLP's setting and
 * is not used here), activation vectors = hidden states at every time step of the pattern sequences
 * ({@code pruning.patterns}: the preprocessed training part by default), thresholds, mean correction and
 * {@code force} from the {@code pruning} section, evaluated and timed ({@link RnnStudy#TIMING}) on the
 * preprocessed test part.
 *
 * <ul>
 *   <li>{@code structural}: units deleted (outgoing recurrent and output columns merged into the kept unit),
 *       the paper's order (most similar partners first);
 *   <li>{@code mask}: the paper's variant (incoming weights zeroed, dimensions unchanged), in the paper's
 *       "gentle" order for the RNN, fewest similar partners first ({@link PairOrder#FEWEST_PARTNERS}).
 * </ul>
 *
 * Deterministic: distinctiveness pruning uses no randomness, and the schedule's seed is derived from the
 * run's seed; timings are the only numbers that differ between reruns. Before the first mode the test-set
 * inference is run once through the timer and discarded (JIT warm-up), so step 0 of every mode is timed alike.
 */
final class RnnPruning {
  private RnnPruning() {}

  /**
   * Runs every configured pruning mode on the baseline's final model.
   *
   * @param b the baseline
   * @param study the study
   * @param seed the run's seed
   * @param pruning receives the steps per mode, keyed by the mode's name ({@code structural}, {@code mask})
   *     (Modified)
   * @param stops receives why each mode stopped (Modified)
   * @param progress called once per mode
   */
  static void sweep(RnnBaseline.Result b, StudyConfig study, long seed, Map<String, List<StepRow>> pruning, Map<String, String> stops,
      Consumer<String> progress) {
    StudyConfig.RnnSection s = study.rnn();
    StudyConfig.PruningSection p = study.pruning();
    ElmanRnn model = b.finalTraining().model();
    SequenceDataset patterns = switch (p.patterns()) {
      case "test" -> b.testPrepared();
      case "all" -> b.trainPrepared().concat(b.testPrepared());
      default -> b.trainPrepared();
    };
    int h = model.hiddenSize();
    int until = Math.max(1, h - s.pruneSteps() * p.step());
    // Warm the inference code up once (result discarded) so that the first mode's step 0 is timed like the rest.
    new ExecutionTimer(RnnStudy.TIMING).time(() -> model.predict(b.testPrepared()));
    long scheduleSeed = new java.util.SplittableRandom(seed ^ 0x524e4e5052554e45L).nextLong(); // "RNNPRUNE"
    for (String modeName : s.modes()) {
      RnnTarget.Mode mode = RnnTarget.Mode.parse(modeName);
      RnnTarget target = new RnnTarget(mode);
      PairOrder order = mode == RnnTarget.Mode.STRUCTURAL ? PairOrder.PAPER : PairOrder.FEWEST_PARTNERS;
      PrunerConfig pc = PrunerConfig.defaults().withThresholds(p.similar(), p.complementary()).withMeanCorrection(p.meanCorrection())
          .withOrder(order);
      String how = mode == RnnTarget.Mode.STRUCTURAL
          ? "structural removal, paper order"
          : "mask (the paper's variant: incoming weights zeroed, dimensions unchanged), fewest-partners (\"gentle\") order";
      List<StepRow> rows = new ArrayList<>();
      String stop;
      if (until >= h) {
        rows.add(unpruned(target, model, patterns, b.testPrepared(), pc));
        stop = "no pruning steps requested (rnn.pruneSteps = " + s.pruneSteps() + "); " + how;
      } else {
        ScheduleConfig sc = new ScheduleConfig(p.step(), until, Double.POSITIVE_INFINITY, p.force(), 0, RnnStudy.TIMING);
        ScheduleResult<ElmanRnn> r = new PruningSchedule(sc)
            .run(target, new DistinctivenessPruner(pc), model, patterns, b.testPrepared(), null, null, scheduleSeed);
        for (ScheduleStep<ElmanRnn> st : r.steps()) rows.add(StepRow.of(st));
        stop = r.stopMessage() + "; " + how;
      }
      pruning.put(mode.label(), rows);
      stops.put(mode.label(), stop);
      progress.accept("RNN seed " + seed + " pruning (" + mode.label() + ")");
    }
  }

  /** Step 0 alone: the unpruned model evaluated and timed on the test part, as the schedule's first row. */
  private static StepRow unpruned(RnnTarget target, ElmanRnn model, SequenceDataset patterns, SequenceDataset test, PrunerConfig pc) {
    int n = test.size();
    int c = model.numClasses();
    ClassificationMetrics m = ClassificationMetrics.fromLogits(model.logits(test), test.labels(), n, c);
    TimingResult t = new ExecutionTimer(RnnStudy.TIMING).time(() -> model.predict(test));
    double[] a = target.activations(model, patterns);
    int h = model.hiddenSize();
    AngleResult ar = ActivationAngles.compute(patterns.source(), a, a.length / h, h, target.activation(model), pc.angleConfig());
    return new StepRow(0, 0, "none", m.loss(), m.accuracy(), m.macroPrecision(), m.macroRecall(), m.macroSpecificity(), m.macroF1(),
        t.medianMillis(), t.minMillis(), t.maxMillis(), model.parameterCount(), h, ar.minAngleDeg(), false);
  }
}
