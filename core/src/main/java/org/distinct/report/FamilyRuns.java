package org.distinct.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.distinct.family.DataKind;
import org.distinct.family.Families;
import org.distinct.family.ModelFamily;
import org.distinct.family.TrainSettings;
import org.distinct.study.ModelSection;
import org.distinct.study.Run;
import org.distinct.study.SeriesSection;
import org.distinct.study.StepRow;
import org.distinct.study.StudyConfig;
import org.distinct.study.StudyResult;
import org.distinct.study.TableSection;

/**
 * The runs of one model section of a study, as the report reads them: the family's names, the section's settings and
 * the runs in seed order. The report loops over these, one per section, in the study's order.
 *
 * @param kind the section's name: the family's kind ({@code mlp}, {@code rnn}, …) or a name of its own ({@link #familyKind})
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
      ModelFamily<?, ?, ?, ?> f = r.config().family(e.getKey());
      out.add(new FamilyRuns(e.getKey(), displayName(r.config(), e.getKey()), f.dataKind(), e.getValue(), r.runs(e.getKey())));
    }
    return out;
  }

  /**
   * @param study a study
   * @param name a section's name
   * @return the family's display name ({@code MLP}), followed by the section's name when it is not the family's kind
   *     ({@code MLP (deep-mlp)})
   */
  public static String displayName(StudyConfig study, String name) {
    ModelFamily<?, ?, ?, ?> f = study.family(name);
    return f.kind().equals(name) ? f.displayName() : f.displayName() + " (" + name + ")";
  }

  /** @return the kind of the section's family */
  public String familyKind() {
    return section.kind() == null ? kind : section.kind();
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

  /**
   * @return the pruning maps of the runs the section's own tables are about, in seed order: the criteria of the first
   *     swept layer for a feature-table section (Table 2), the removal modes for a sequence section (Table 3)
   */
  public List<Map<String, List<StepRow>>> pruning() {
    return sweepsCriteria() ? criteriaPruning(section.layers().get(0)) : modePruning();
  }

  /** @return the removal-mode sweeps of the runs (keys {@code structural}, {@code mask}), in seed order */
  public List<Map<String, List<StepRow>>> modePruning() {
    List<String> modes = series() == null ? List.of() : series().modes();
    List<Map<String, List<StepRow>>> out = new ArrayList<>();
    for (Run m : runs) {
      Map<String, List<StepRow>> p = new LinkedHashMap<>();
      for (Map.Entry<String, List<StepRow>> e : m.pruning().entrySet()) if (modes.contains(e.getKey())) p.put(e.getKey(), e.getValue());
      out.add(p);
    }
    return out;
  }

  /**
   * @param layer a swept hidden layer
   * @return the criteria sweeps of that layer, keyed by criterion, in seed order (empty maps when none were run)
   */
  public List<Map<String, List<StepRow>>> criteriaPruning(int layer) {
    List<String> modes = series() == null ? List.of() : series().modes();
    List<Map<String, List<StepRow>>> out = new ArrayList<>();
    for (Run m : runs) {
      Map<String, List<StepRow>> p = new LinkedHashMap<>();
      for (Map.Entry<String, List<StepRow>> e : m.pruning().entrySet()) {
        String k = e.getKey();
        int at = k.lastIndexOf('@');
        int l = at < 0 ? 0 : Integer.parseInt(k.substring(at + 1));
        String criterion = at < 0 ? k : k.substring(0, at);
        if (l == layer && !modes.contains(k)) p.put(criterion, e.getValue());
      }
      out.add(p);
    }
    return out;
  }

  /**
   * @param inputs values per pattern or time step
   * @param classes classes
   * @return the section's model in the family's words, e.g. {@code LSTM 1-20-3 tanh, adam lr 0.003, batch 32, 100 epochs}
   */
  public String describeModel(int inputs, int classes) {
    return describe(Families.get(familyKind()), section.trainSettings(), inputs, classes);
  }

  private static <C> String describe(ModelFamily<?, ?, ?, C> f, TrainSettings s, int inputs, int classes) {
    return f.describe(f.configure(s), inputs, classes);
  }

  /** @return the family's one-line description */
  public String description() {
    return Families.get(familyKind()).description();
  }

  /** @return the hidden layers the section swept */
  public List<Integer> layers() {
    return section.layers();
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
