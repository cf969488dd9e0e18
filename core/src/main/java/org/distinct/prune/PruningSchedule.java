package org.distinct.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.distinct.BadInputException;
import org.distinct.data.Dataset;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.eval.ExecutionTimer;
import org.distinct.eval.TimingResult;
import org.distinct.model.Mlp;
import org.distinct.util.Rows;
import org.distinct.util.Indices;

/**
 * Progressive pruning (the paper's procedure, distinctiveness spec "Order and schedule"): step 0 evaluates
 * the unpruned model; every following step removes up to {@code step} units with a {@link PruningMethod},
 * optionally fine-tunes, recomputes the angles over the pattern set (for a feed-forward layer without
 * fine-tuning by restricting the previous analysis to the survivors, which is bitwise identical, see
 * {@link PruningTarget#removalKeepsActivations()}) and evaluates on the evaluation data
 * (metrics, timing of classifying the whole evaluation set, parameter count, minimum angle among the
 * remaining units).
 *
 * <p>It stops when the layer has {@code untilUnits} units, when the method removes nothing (for
 * distinctiveness: no pair passes the thresholds and force is off), or before a step whose validation loss
 * exceeds the unpruned model's by more than {@code maxLossIncrease} (that step is dropped).
 *
 * <p>Randomness: {@code root = new SplittableRandom(seed)}; step s uses the s-th {@code root.split()}
 * (given to the method, and its {@code nextLong()} seeds fine-tuning). The same seed gives the same run.
 * The minimum angle is measured with the distinctiveness pruner's angle settings, or
 * {@link AngleConfig#defaults()} for other methods.
 */
public final class PruningSchedule {
  private final ScheduleConfig config;

  /** @param config the settings */
  public PruningSchedule(ScheduleConfig config) {
    if (config == null) throw new IllegalArgumentException("config is null");
    this.config = config;
  }

  /** @return the settings */
  public ScheduleConfig config() {
    return config;
  }

  /**
   * Runs the schedule on hidden layer {@code layer} of an MLP.
   *
   * @param method distinctiveness or a baseline
   * @param model the trained model (Not modified)
   * @param layer the hidden layer to prune
   * @param patterns pattern set for angles and statistics (Not modified)
   * @param evaluation evaluation (test) data (Not modified)
   * @param validation validation data for {@code maxLossIncrease}, or null (Not modified)
   * @param finetuner fine-tuning, or null when {@code finetuneEpochs} is 0
   * @param seed seed of the run
   * @return the steps
   */
  public ScheduleResult<Mlp> run(
      PruningMethod method, Mlp model, int layer, Dataset patterns, Dataset evaluation, Dataset validation,
      Finetuner<Mlp> finetuner, long seed) {
    MlpTarget.checkLayer(model, layer);
    return run(new MlpTarget(layer), method, model, patterns, evaluation, validation, finetuner, seed);
  }

  /**
   * Runs the schedule on any target.
   *
   * @param <M> model type
   * @param <D> data type
   * @param target the layer to prune
   * @param method distinctiveness or a baseline
   * @param model the trained model (Not modified)
   * @param patterns pattern set for angles and statistics (Not modified)
   * @param evaluation evaluation (test) data (Not modified)
   * @param validation validation data for {@code maxLossIncrease}, or null (Not modified)
   * @param finetuner fine-tuning, or null when {@code finetuneEpochs} is 0
   * @param seed seed of the run
   * @return the steps, step 0 first
   * @throws BadInputException for data that do not fit the model, too few patterns, {@code untilUnits} not
   *     below the layer's unit count, or a loss limit without validation data
   */
  public <M, D> ScheduleResult<M> run(
      PruningTarget<M, D> target, PruningMethod method, M model, D patterns, D evaluation, D validation,
      Finetuner<M> finetuner, long seed) {
    check(target, model, patterns, evaluation, validation, finetuner != null);
    int units;
    DistinctivenessPruner dp = method instanceof DistinctivenessPruner d ? d : null;
    AngleConfig angleConfig = dp != null ? dp.config().angleConfig() : AngleConfig.defaults();
    ExecutionTimer timer = config.timing() == null ? null : new ExecutionTimer(config.timing());
    SplittableRandom root = new SplittableRandom(seed);
    String methodName = method.name();
    String targetName = target.describe(model);

    int[] origin = Indices.identity(target.units(model));
    AngleResult angles = angles(target, model, patterns, angleConfig);
    AngleResult initial = angles;
    double baseVal = validation == null ? Double.NaN : validationLoss(target, model, validation);
    List<ScheduleStep<M>> steps = new ArrayList<>();
    steps.add(evaluate(target, 0, 0, List.of(), model, origin, angles, evaluation, baseVal, timer));
    int removed = 0;
    ScheduleResult.StopReason stop;
    String message;
    while (true) {
      units = activeUnits(target, model);
      if (units <= config.untilUnits()) {
        stop = ScheduleResult.StopReason.UNTIL_UNITS;
        message = "reached " + units + " unit(s)";
        break;
      }
      SplittableRandom rng = root.split();
      int max = Math.min(config.step(), units - config.untilUnits());
      PruneResult<M> r = dp != null
          ? dp.step(target, model, angles, max, config.force(), origin)
          : method.step(target, model, patterns, max, config.force(), origin, rng);
      if (r.actions().isEmpty()) {
        stop = dp != null ? ScheduleResult.StopReason.NO_PAIR : ScheduleResult.StopReason.NOTHING_LEFT;
        message = dp != null ? "no pair passes the thresholds (similar < " + angleConfig.similarDeg() + "°, complementary > "
            + angleConfig.complementaryDeg() + "°)" : "nothing left to remove";
        break;
      }
      M next = r.model();
      if (config.finetuneEpochs() > 0) next = finetuner.finetune(next, config.finetuneEpochs(), rng.nextLong());
      AngleResult nextAngles = config.finetuneEpochs() == 0 && target.removalKeepsActivations() && target.physical()
          ? angles.restrict(currentIndices(origin, r.survivors()))
          : angles(target, next, patterns, angleConfig);
      double val = validation == null ? Double.NaN : validationLoss(target, next, validation);
      if (validation != null && val - baseVal > config.maxLossIncrease()) {
        stop = ScheduleResult.StopReason.LOSS_LIMIT;
        message = String.format(
            Locale.ROOT, "step %d would raise the validation loss by %.6g > %.6g; stopped before it",
            steps.size(), val - baseVal, config.maxLossIncrease());
        break;
      }
      removed += r.unitsRemoved();
      steps.add(evaluate(target, steps.size(), removed, r.actions(), next, r.survivors(), nextAngles, evaluation, val, timer));
      model = next;
      origin = r.survivors();
      angles = nextAngles;
    }
    return new ScheduleResult<>(methodName, targetName, steps, stop, message, initial);
  }

  /** Refuses data the target cannot use and settings the run cannot honour, before any step. */
  private <M, D> void check(PruningTarget<M, D> target, M model, D patterns, D evaluation, D validation, boolean finetuner) {
    target.check(model, patterns);
    target.check(model, evaluation);
    if (validation != null) target.check(model, validation);
    if (Double.isFinite(config.maxLossIncrease()) && validation == null)
      throw new BadInputException("max-loss-increase " + config.maxLossIncrease() + " needs a validation set");
    if (config.finetuneEpochs() > 0 && !finetuner)
      throw new IllegalArgumentException("finetuneEpochs is " + config.finetuneEpochs() + " but no finetuner was given");
    int units = activeUnits(target, model);
    if (config.untilUnits() >= units)
      throw new BadInputException(
          "cannot prune " + target.describe(model) + " down to " + config.untilUnits() + " units: it has only " + units + " active units");
  }

  /** Positions in {@code origin} of the given original indices (both ascending). */
  static int[] currentIndices(int[] origin, int[] survivors) {
    int[] idx = new int[survivors.length];
    int pos = 0;
    for (int s = 0; s < survivors.length; s++) {
      while (origin[pos] != survivors[s]) pos++;
      idx[s] = pos;
    }
    return idx;
  }

  private static <M, D> int activeUnits(PruningTarget<M, D> target, M model) {
    int c = 0;
    for (int u = 0; u < target.units(model); u++) if (target.active(model, u)) c++;
    return c;
  }

  private static <M, D> AngleResult angles(PruningTarget<M, D> target, M model, D patterns, AngleConfig cfg) {
    return ActivationAngles.forTarget(target, model, patterns, cfg);
  }

  private static <M, D> double validationLoss(PruningTarget<M, D> target, M model, D data) {
    int n = target.rows(data);
    return ClassificationMetrics.fromLogits(target.logits(model, data), target.labels(data), n, target.numClasses(model)).loss();
  }

  /** Minimum angle among pairs of active, non-constant units. */
  static <M, D> double minAngle(PruningTarget<M, D> target, M model, AngleResult a) {
    double min = Double.NaN;
    int h = a.units();
    for (int i = 0; i < h; i++) {
      if (a.constant()[i] || !target.active(model, i)) continue;
      for (int j = i + 1; j < h; j++) {
        if (a.constant()[j] || !target.active(model, j)) continue;
        double t = a.angle(i, j);
        if (Double.isNaN(min) || t < min) min = t;
      }
    }
    return min;
  }

  private <M, D> ScheduleStep<M> evaluate(
      PruningTarget<M, D> target, int step, int removed, List<PruneAction> actions, M model, int[] survivors,
      AngleResult angles, D evaluation, double valLoss, ExecutionTimer timer) {
    int n = target.rows(evaluation);
    int c = target.numClasses(model);
    ClassificationMetrics metrics =
        ClassificationMetrics.fromLogits(target.logits(model, evaluation), target.labels(evaluation), n, c);
    TimingResult timing = timer == null ? null : timer.time(() -> Rows.argmax(target.logits(model, evaluation), n, c));
    List<String> pairs = new ArrayList<>();
    boolean beyond = false;
    for (PruneAction a : actions) {
      pairs.add(a.label());
      beyond |= a.beyondThreshold();
    }
    int active = activeUnits(target, model);
    int[] remaining = new int[active];
    for (int u = 0, k = 0; u < survivors.length; u++) if (target.active(model, u)) remaining[k++] = survivors[u];
    return new ScheduleStep<>(
        step, removed, pairs, actions, metrics, timing, target.parameterCount(model), target.hiddenSizes(model), remaining,
        minAngle(target, model, angles), beyond, valLoss, model);
  }
}
