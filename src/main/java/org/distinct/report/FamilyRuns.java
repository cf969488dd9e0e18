package org.distinct.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.distinct.family.DataKind;
import org.distinct.family.Families;
import org.distinct.family.ModelFamily;
import org.distinct.study.ModelSection;
import org.distinct.study.Run;
import org.distinct.study.SeriesSection;
import org.distinct.study.StepRow;
import org.distinct.study.StudyResult;
import org.distinct.study.TableSection;

/**
 * The runs of one model section of a study, as the report reads them: the family's names, the section's settings and
 * the runs in seed order. The report loops over these, one per section, in the study's order.
 *
 * @param kind the family's kind ({@code mlp}, {@code rnn}, …)
 * @param name the family's display name ({@code MLP}, {@code RNN}, …)
 * @param data the data the family reads
 * @param section the section as run
 * @param runs the runs, in seed order
 */
public record FamilyRuns(String kind, String name, DataKind data, ModelSection section, List<Run> runs) {

  /**
   * @param r a study result
   * @return one entry per model section, in the study's order
   */
  public static List<FamilyRuns> of(StudyResult r) {
    List<FamilyRuns> out = new ArrayList<>();
    for (Map.Entry<String, ModelSection> e : r.config().models().entrySet()) {
      ModelFamily<?, ?, ?, ?> f = Families.get(e.getKey());
      out.add(new FamilyRuns(e.getKey(), f.displayName(), f.dataKind(), e.getValue(), r.runs(e.getKey())));
    }
    return out;
  }

  /** @return whether the section sweeps pruning criteria (a feature-table section) rather than removal modes */
  public boolean sweepsCriteria() {
    return section instanceof TableSection;
  }

  /** @return the section as a table section (criteria sweeps, grid), or null */
  public TableSection table() {
    return section instanceof TableSection t ? t : null;
  }

  /** @return the section as a series section (modes), or null */
  public SeriesSection series() {
    return section instanceof SeriesSection s ? s : null;
  }

  /** @return the seeds, in run order */
  public List<Long> seeds() {
    return runs.stream().map(Run::seed).toList();
  }

  /** @return the pruning maps of the runs, in seed order */
  public List<Map<String, List<StepRow>>> pruning() {
    List<Map<String, List<StepRow>>> out = new ArrayList<>();
    for (Run m : runs) out.add(m.pruning());
    return out;
  }

  /**
   * @param f value of one run
   * @return one value per run
   */
  public double[] values(ToDoubleFunction<Run> f) {
    double[] v = new double[runs.size()];
    for (int i = 0; i < v.length; i++) v[i] = f.applyAsDouble(runs.get(i));
    return v;
  }

  /** @return the unpruned test accuracy per run (NaN where a run has none) */
  public double[] testAccuracy() {
    return values(m -> m.baseline() == null ? Double.NaN : m.baseline().accuracy());
  }

  /**
   * The two sides of the leakage check: the participant-grouped split and the leaky one (random rows of a table, the
   * paper's per-song split of sequences), whichever of them the protocol used and the check added.
   *
   * @param leakyName the leaky split in words
   * @param grouped test accuracy per run with the grouped split
   * @param groupedLoss test loss per run with the grouped split
   * @param leaky test accuracy per run with the leaky split
   * @param leakyLoss test loss per run with the leaky split
   */
  public record Leakage(String leakyName, double[] grouped, double[] groupedLoss, double[] leaky, double[] leakyLoss) {}

  /** @return the leakage check of the runs, or null when it was not run */
  public Leakage leakage() {
    if (runs.isEmpty() || runs.get(0).leakageSplit() == null) return null;
    double[] check = values(Run::leakageTestAccuracy);
    double[] checkLoss = values(Run::leakageTestLoss);
    double[] base = testAccuracy();
    double[] baseLoss = values(m -> m.baseline() == null ? Double.NaN : m.baseline().loss());
    String split = runs.get(0).leakageSplit();
    boolean checkIsGrouped = split.equals("grouped");
    String leaky = checkIsGrouped ? section.protocol().split().label() : split;
    String name = leaky.equals("song") ? "the paper's per-song split" : leaky.equals("random") ? "random rows" : leaky + " split";
    return checkIsGrouped ? new Leakage(name, check, checkLoss, base, baseLoss) : new Leakage(name, base, baseLoss, check, checkLoss);
  }

  /** @return the epochs of a complete training */
  public int epochs() {
    return section.trainSettings().epochs();
  }

  /** @return the cross-validation folds (0 = none) */
  public int folds() {
    return section.protocol().folds();
  }

  /** @return the seeds whose final training diverged */
  public List<Long> divergedSeeds() {
    List<Long> d = new ArrayList<>();
    for (Run m : runs) if (m.diverged()) d.add(m.seed());
    return d;
  }
}
