package org.distinct.study;

import java.util.Map;

/**
 * One independent, serialisable piece of a study's work: it names what to compute (family kind, run seed, fold, …),
 * and given the loaded data ({@link StudyContext}) computes it with no other input, so that any executor may run it
 * anywhere, in any order, any number of times, with the same result. The study plans its work as a list of units
 * ({@link StudyPlan}), runs them through a {@link StudyExecutor} and combines their results in a fixed order.
 *
 * @param <R> the result type (numbers only; cached as JSON)
 */
public sealed interface WorkUnit<R> {

  /** @return a file-safe identifier, unique within the study (the cache file name) */
  String id();

  /** @return what the unit is, for progress output, e.g. {@code MLP seed 3 fold 2} */
  String label();

  /** @return the result type (for reading a cached result) */
  Class<R> resultType();

  /**
   * Computes the unit.
   *
   * @param ctx the study and its loaded data
   * @return the result
   */
  R run(StudyContext ctx);

  /**
   * Training and evaluation of one cross-validation fold of one run.
   *
   * @param kind the section's kind
   * @param seed the run's seed
   * @param fold 0-based fold
   */
  record FoldUnit(String kind, long seed, int fold) implements WorkUnit<Outcomes.Fold> {
    @Override
    public String id() {
      return kind + "-seed-" + seed + "-fold-" + fold;
    }

    @Override
    public String label() {
      return kind + " seed " + seed + " fold " + (fold + 1);
    }

    @Override
    public Class<Outcomes.Fold> resultType() {
      return Outcomes.Fold.class;
    }

    @Override
    public Outcomes.Fold run(StudyContext ctx) {
      return SectionRun.of(ctx, kind).fold(seed, fold);
    }
  }

  /**
   * Training and evaluation of the final model of one run.
   *
   * @param kind the section's kind
   * @param seed the run's seed
   */
  record FinalUnit(String kind, long seed) implements WorkUnit<Outcomes.Final> {
    @Override
    public String id() {
      return kind + "-seed-" + seed + "-final";
    }

    @Override
    public String label() {
      return kind + " seed " + seed + " final model";
    }

    @Override
    public Class<Outcomes.Final> resultType() {
      return Outcomes.Final.class;
    }

    @Override
    public Outcomes.Final run(StudyContext ctx) {
      return SectionRun.of(ctx, kind).fin(seed);
    }
  }

  /**
   * The leakage check of one run: the same model trained and tested on a random split.
   *
   * @param kind the section's kind
   * @param seed the run's seed
   */
  record LeakageUnit(String kind, long seed) implements WorkUnit<Outcomes.Leakage> {
    @Override
    public String id() {
      return kind + "-seed-" + seed + "-leakage";
    }

    @Override
    public String label() {
      return kind + " seed " + seed + " leakage check";
    }

    @Override
    public Class<Outcomes.Leakage> resultType() {
      return Outcomes.Leakage.class;
    }

    @Override
    public Outcomes.Leakage run(StudyContext ctx) {
      return SectionRun.of(ctx, kind).leakage(seed);
    }
  }

  /**
   * The pruning sweeps of one run's final model.
   *
   * @param kind the section's kind
   * @param seed the run's seed
   * @param model the final model as model-file JSON
   */
  record SweepUnit(String kind, long seed, String model) implements WorkUnit<Outcomes.Sweep> {
    @Override
    public String id() {
      return kind + "-seed-" + seed + "-pruning";
    }

    @Override
    public String label() {
      return kind + " seed " + seed + " pruning";
    }

    @Override
    public Class<Outcomes.Sweep> resultType() {
      return Outcomes.Sweep.class;
    }

    @Override
    public Outcomes.Sweep run(StudyContext ctx) {
      return SectionRun.of(ctx, kind).sweep(seed, model);
    }
  }

  /**
   * The cross-validation of one point of a section's hyper-parameter grid over the grid's seeds.
   *
   * @param kind the section's kind
   * @param point 0-based point
   * @param values the point's settings, e.g. {@code {batchSize=16, learningRate=0.01}}
   */
  record GridUnit(String kind, int point, Map<String, Object> values) implements WorkUnit<StudyResult.GridPoint> {
    @Override
    public String id() {
      return kind + "-grid-" + point;
    }

    @Override
    public String label() {
      return kind + " grid " + values;
    }

    @Override
    public Class<StudyResult.GridPoint> resultType() {
      return StudyResult.GridPoint.class;
    }

    @Override
    public StudyResult.GridPoint run(StudyContext ctx) {
      return SectionRun.of(ctx, kind).grid(values);
    }
  }
}
