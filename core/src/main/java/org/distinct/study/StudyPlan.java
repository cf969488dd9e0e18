package org.distinct.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distinct.family.Families;

/**
 * A study's work as lists of independent units, and how their results combine into runs, in a fixed order. Per model
 * section: first the training units of every seed (each fold, the final model, the leakage check),
 * then the pruning sweep of every seed whose final model did not diverge (it reads that model), then the grid.
 *
 * <p>Seeds: run {@code i} of the section of kind K has seed {@code study.seed + offset(K) + i} with
 * {@code offset(K) = 1000 × (K's position in the family registry)} (so {@code mlp} 0, {@code rnn} 1000, as in the
 * first studies).
 */
public final class StudyPlan {
  private StudyPlan() {}

  /**
   * The seed offset of a section: 1000 × the registry index of its kind for a section named after its kind (mlp 0,
   * rnn 1000, lstm 2000, gru 3000, conv1d 4000), and 1000 × (number of kinds + its position in the study) for a section
   * named otherwise, so that no two sections share seeds.
   *
   * @param study the study
   * @param name a section's name
   * @return its seed offset
   */
  public static long seedOffset(StudyConfig study, String name) {
    int kind = Families.kinds().indexOf(name);
    if (kind >= 0) return 1000L * kind;
    return 1000L * (Families.kinds().size() + new ArrayList<>(study.models().keySet()).indexOf(name));
  }

  /**
   * @param study the study
   * @param kind a section's kind
   * @return the run seeds of the section, in run order
   */
  public static List<Long> seeds(StudyConfig study, String kind) {
    List<Long> seeds = new ArrayList<>();
    for (int i = 0; i < study.section(kind).seeds(); i++) seeds.add(study.seed() + seedOffset(study, kind) + i);
    return seeds;
  }

  /**
   * @param study the study
   * @param kind a section's kind
   * @return per seed: its folds, its final model and (feature tables, leakage on) its leakage check
   */
  public static List<WorkUnit<?>> training(StudyConfig study, String kind) {
    List<WorkUnit<?>> units = new ArrayList<>();
    int folds = study.section(kind).protocol().folds();
    for (long seed : seeds(study, kind)) {
      for (int f = 0; f < folds; f++) units.add(new WorkUnit.FoldUnit(kind, seed, f));
      units.add(new WorkUnit.FinalUnit(kind, seed));
      if (study.leakage()) units.add(new WorkUnit.LeakageUnit(kind, seed));
    }
    return units;
  }

  /**
   * @param kind a section's kind
   * @param finals the final-model outcomes by seed
   * @return one sweep per seed whose final model did not diverge, in seed order
   */
  public static List<WorkUnit<?>> sweeps(String kind, Map<Long, Outcomes.Final> finals) {
    List<WorkUnit<?>> units = new ArrayList<>();
    for (Map.Entry<Long, Outcomes.Final> e : finals.entrySet())
      if (!e.getValue().diverged()) units.add(new WorkUnit.SweepUnit(kind, e.getKey(), e.getValue().model()));
    return units;
  }

  /**
   * @param study the study
   * @param kind a section's kind
   * @return one unit per point of the section's grid (none without a grid)
   */
  public static List<WorkUnit<?>> grid(StudyConfig study, String kind) {
    List<WorkUnit<?>> units = new ArrayList<>();
    if (!(study.section(kind) instanceof TableSection t) || t.grid() == null) return units;
    List<Map<String, Object>> points = points(t.grid());
    for (int g = 0; g < points.size(); g++) units.add(new WorkUnit.GridUnit(kind, g, points.get(g)));
    return units;
  }

  /** Every combination of a grid, the first key varying slowest. */
  private static List<Map<String, Object>> points(Map<String, List<Object>> grid) {
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> p : points)
        for (Object v : e.getValue()) {
          Map<String, Object> q = new LinkedHashMap<>(p);
          q.put(e.getKey(), v);
          next.add(q);
        }
      points = next;
    }
    return points;
  }

  /**
   * @param study the study
   * @return the number of units the whole study runs (for progress)
   */
  public static long size(StudyConfig study) {
    long n = 0;
    for (String kind : study.models().keySet()) {
      n += training(study, kind).size() + study.section(kind).seeds() + grid(study, kind).size();
    }
    return n;
  }

  /**
   * Combines the outcomes of one seed into its run.
   *
   * @param seed the run's seed
   * @param folds its fold outcomes in fold order
   * @param fin its final model
   * @param leakage its leakage check, or null
   * @param sweep its pruning sweeps, or null (diverged final model)
   * @param epochs epochs of a complete training (for the mean fold curves)
   * @return the run
   */
  public static Run combine(long seed, List<Outcomes.Fold> folds, Outcomes.Final fin, Outcomes.Leakage leakage, Outcomes.Sweep sweep,
      int epochs) {
    FoldNumbers fn = new FoldNumbers(folds.size(), epochs);
    for (Outcomes.Fold f : folds)
      fn.add(f.fold(), f.diverged(), f.trainLoss(), f.trainAccuracy(), f.validationLoss(), f.validationAccuracy(), f.trainCurve(),
          f.validationCurve());
    return new Run(seed, fin.split(), fin.trainRows(), fin.testRows(), fn.trainLoss, fn.trainAccuracy, fn.validationLoss,
        fn.validationAccuracy, fn.diverged, fin.trainLoss(), fin.trainAccuracy(), fin.diverged(), fin.confusion(), fin.trainCurve(),
        fn.meanTrainCurve(), fn.meanValidationCurve(), leakage == null ? null : leakage.split(),
        leakage == null ? Double.NaN : leakage.testAccuracy(), leakage == null ? Double.NaN : leakage.testLoss(), sweep == null ? new LinkedHashMap<>() : sweep.pruning(),
        sweep == null ? new LinkedHashMap<>() : sweep.stopReasons(), sweep == null ? new double[0][] : sweep.angles());
  }
}
