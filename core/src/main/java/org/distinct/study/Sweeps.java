package org.distinct.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distinct.data.LabelledData;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.eval.ExecutionTimer;
import org.distinct.eval.TimingResult;
import org.distinct.family.ModelFamily;
import org.distinct.family.TargetSpec;
import org.distinct.model.Network;
import org.distinct.prune.ActivationAngles;
import org.distinct.prune.AngleResult;
import org.distinct.prune.Criteria;
import org.distinct.prune.DistinctivenessPruner;
import org.distinct.prune.MergeRule;
import org.distinct.prune.PairOrder;
import org.distinct.prune.PatternSet;
import org.distinct.prune.PrunerConfig;
import org.distinct.prune.PruningMethod;
import org.distinct.prune.PruningSchedule;
import org.distinct.prune.PruningTarget;
import org.distinct.prune.RnnTarget;
import org.distinct.prune.ScheduleConfig;
import org.distinct.prune.ScheduleResult;
import org.distinct.prune.ScheduleStep;

/**
 * The pruning sweeps of one run's final model (the paper's Tables 2 and 3): progressive pruning of the model's first
 * hidden layer over the run's pattern set ({@code pruning.patterns}: the preprocessed training part by default),
 * evaluated and timed on the preprocessed test part, with the thresholds, mean correction and {@code force} of the
 * study's {@code pruning} section.
 *
 * <ul>
 *   <li>{@link #criteria}: one sweep per criterion of {@code pruning.criteria} (structural removal, the paper's order;
 *       {@code distinctiveness} with the paper's plain merge, {@code distinctiveness-regress} with the regression
 *       merge), down to {@code pruning.untilUnits} units;
 *   <li>{@link #modes}: distinctiveness in each removal mode of the section ({@code structural}: units deleted, the
 *       paper's order; {@code mask}: the paper's variant in its "gentle" fewest-partners order), {@code pruneSteps}
 *       steps of {@code pruning.step} units.
 * </ul>
 *
 * Before the first sweep the test-set inference is run once through the timer and discarded (JIT warm-up), so step 0
 * of every sweep is timed alike.
 *
 * @param <M> network type
 * @param <D> data type
 */
final class Sweeps<M extends Network<D>, D extends LabelledData<D>> {
  /** Timing of each pruning step on a feature table: warm, but short enough for hundreds of steps. */
  static final ExecutionTimer.Config TABLE_TIMING = new ExecutionTimer.Config(50, 21, 101, 10);
  /** Timing of each pruning step on sequences: 15 warm-ups (the JIT compiles the double kernels), 11 timed runs. */
  static final ExecutionTimer.Config SERIES_TIMING = ExecutionTimer.Config.fixed(15, 11);
  /** Timing of each criterion sweep's step on sequences: the comparison needs accuracies, not times (2 warm-ups, 3 runs). */
  static final ExecutionTimer.Config SERIES_CRITERIA_TIMING = ExecutionTimer.Config.fixed(2, 3);

  private final ModelFamily<M, ?, D, ?> family;
  private final M model;
  private final D patterns;
  private final D test;
  private final StudyConfig study;
  private final PrunerConfig base;

  Sweeps(ModelFamily<M, ?, D, ?> family, M model, D trainPrepared, D testPrepared, StudyConfig study) {
    this.family = family;
    this.model = model;
    this.test = testPrepared;
    this.study = study;
    StudyConfig.PruningSection p = study.pruning();
    this.patterns = PatternSet.parse(p.patterns()).select(trainPrepared, testPrepared);
    this.base = PrunerConfig.defaults().withThresholds(p.similar(), p.complementary()).withMeanCorrection(p.meanCorrection());
  }

  /**
   * One sweep per criterion of a hidden layer: structural removal, the paper's order, down to
   * {@code pruning.untilUnits} units.
   *
   * @param criteria the criteria, in order
   * @param layer the hidden layer, 0-based
   * @param seeds the seed of each criterion's schedule, in criterion order
   * @param timing how each step's test inference is timed
   * @return the steps and stop reasons keyed by {@link #key}, and the initial angles of the layer
   */
  Outcomes.Sweep criteria(List<String> criteria, int layer, long[] seeds, ExecutionTimer.Config timing) {
    StudyConfig.PruningSection p = study.pruning();
    PruningTarget<M, D> target = family.target(model, TargetSpec.defaults().withLayer(layer));
    int units = target.units(model);
    ScheduleConfig sc = new ScheduleConfig(p.step(), Math.min(p.untilUnits(), units - 1), Double.POSITIVE_INFINITY, p.force(), 0, timing);
    warmUp(timing);
    Map<String, List<StepRow>> pruning = new LinkedHashMap<>();
    Map<String, String> stops = new LinkedHashMap<>();
    for (int i = 0; i < criteria.size(); i++) {
      String criterion = criteria.get(i);
      PruningMethod method = switch (criterion) {
        case "distinctiveness" -> Criteria.method("distinctiveness", base.withMerge(MergeRule.PLAIN));
        case "distinctiveness-regress" -> Criteria.method("distinctiveness", base.withMerge(MergeRule.REGRESS));
        default -> Criteria.method(criterion, base);
      };
      ScheduleResult<M> r = new PruningSchedule(sc).run(target, method, model, patterns, test, null, null, seeds[i]);
      pruning.put(key(criterion, layer), rows(r));
      stops.put(key(criterion, layer), r.stopMessage());
    }
    return new Outcomes.Sweep(pruning, stops, angles(target));
  }

  /**
   * @param criterion a criterion
   * @param layer a hidden layer
   * @return the key of its sweep in a run's {@code pruning}: the criterion for layer 0, {@code criterion@L} for layer L
   */
  static String key(String criterion, int layer) {
    return layer == 0 ? criterion : criterion + "@" + layer;
  }

  /**
   * One distinctiveness sweep per removal mode.
   *
   * @param s the section (modes, steps)
   * @param seed the schedules' seed
   * @return the steps, stop reasons and initial angles
   */
  Outcomes.Sweep modes(SeriesSection s, long seed) {
    StudyConfig.PruningSection p = study.pruning();
    PruningTarget<M, D> structural = family.target(model, TargetSpec.defaults());
    int h = structural.units(model);
    int until = Math.max(1, h - s.pruneSteps() * p.step());
    warmUp(SERIES_TIMING);
    Map<String, List<StepRow>> pruning = new LinkedHashMap<>();
    Map<String, String> stops = new LinkedHashMap<>();
    String kind = family.kind();
    for (RnnTarget.Mode mode : s.pruneModes()) {
      PruningTarget<M, D> target = family.target(model, TargetSpec.defaults().withMode(mode));
      PairOrder order = mode == RnnTarget.Mode.STRUCTURAL ? PairOrder.PAPER : PairOrder.FEWEST_PARTNERS;
      PrunerConfig pc = base.withOrder(order);
      String how = mode == RnnTarget.Mode.STRUCTURAL
          ? "structural removal, paper order"
          : "mask (the paper's variant: incoming weights zeroed, dimensions unchanged), fewest-partners (\"gentle\") order";
      if (until >= h) {
        pruning.put(mode.label(), List.of(unpruned(target, pc)));
        stops.put(mode.label(), "no pruning steps requested (" + kind + ".pruneSteps = " + s.pruneSteps() + "); " + how);
        continue;
      }
      ScheduleConfig sc = new ScheduleConfig(p.step(), until, Double.POSITIVE_INFINITY, p.force(), 0, SERIES_TIMING);
      ScheduleResult<M> r = new PruningSchedule(sc).run(target, new DistinctivenessPruner(pc), model, patterns, test, null, null, seed);
      pruning.put(mode.label(), rows(r));
      stops.put(mode.label(), r.stopMessage() + "; " + how);
    }
    return new Outcomes.Sweep(pruning, stops, angles(structural));
  }

  private void warmUp(ExecutionTimer.Config timing) {
    new ExecutionTimer(timing).time(() -> model.predict(test));
  }

  private double[][] angles(PruningTarget<M, D> target) {
    return ActivationAngles.forTarget(target, model, patterns, base.angleConfig()).angleRows().toArray(new double[0][]);
  }

  private static <M> List<StepRow> rows(ScheduleResult<M> r) {
    List<StepRow> rows = new ArrayList<>();
    for (ScheduleStep<M> st : r.steps()) rows.add(StepRow.of(st));
    return rows;
  }

  /** Step 0 alone: the unpruned model evaluated and timed on the test part, as a schedule's first row. */
  private StepRow unpruned(PruningTarget<M, D> target, PrunerConfig pc) {
    ClassificationMetrics m = Baseline.metrics(model, test);
    TimingResult t = new ExecutionTimer(SERIES_TIMING).time(() -> model.predict(test));
    AngleResult ar = ActivationAngles.forTarget(target, model, patterns, pc.angleConfig());
    return new StepRow(0, 0, "none", m.loss(), m.accuracy(), m.macroPrecision(), m.macroRecall(), m.macroSpecificity(), m.macroF1(),
        t.medianMillis(), t.minMillis(), t.maxMillis(), target.parameterCount(model), target.units(model), ar.minAngleDeg(), false);
  }
}
