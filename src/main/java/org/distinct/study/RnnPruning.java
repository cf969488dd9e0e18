package org.distinct.study;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.distinct.eval.ClassificationMetrics;

/** Pruning sweeps of a trained RNN for the study, one per mode (structural, mask). */
final class RnnPruning {
  private RnnPruning() {}

  /**
   * Runs every configured pruning mode on the baseline's final model.
   *
   * @param b the baseline
   * @param study the study
   * @param seed the run's seed
   * @param pruning receives the steps per mode (Modified)
   * @param stops receives why each mode stopped (Modified)
   * @param progress called once per mode
   */
  static void sweep(RnnBaseline.Result b, StudyConfig study, long seed, Map<String, List<StepRow>> pruning, Map<String, String> stops,
      Consumer<String> progress) {
    ClassificationMetrics t = b.test();
    StepRow base = new StepRow(0, 0, "none", t.loss(), t.accuracy(), t.macroPrecision(), t.macroRecall(), t.macroSpecificity(),
        t.macroF1(), b.testTime().medianMillis(), b.testTime().minMillis(), b.testTime().maxMillis(),
        b.finalTraining().model().parameterCount(), b.finalTraining().model().hiddenSize(), Double.NaN, false);
    // RNN pruning (structural and mask modes) is added on top of prune.PruningTarget; until then only the
    // unpruned row is reported, and the report says so.
    pruning.put("unpruned", List.of(base));
    stops.put("unpruned", "RNN pruning not run");
    progress.accept("RNN seed " + seed + " pruning");
  }
}
