package org.distinct.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distinct.data.LabelledData;
import org.distinct.data.split.Fold;
import org.distinct.family.Families;
import org.distinct.family.ModelFamily;
import org.distinct.family.Protocol;
import org.distinct.family.TrainSettings;
import org.distinct.model.ModelFile;
import org.distinct.model.Network;
import org.distinct.train.EpochListener;

/**
 * The work of one model section of a study, typed by its family: what each {@link WorkUnit} computes. Everything is
 * derived from the run's seed through the section's {@link SeedScheme}, so any unit can run alone.
 *
 * <p>Seeds of run {@code s}: {@code root = SplittableRandom(s)}; for feature tables the protocol's master is
 * {@code root.split().nextLong()}, the leakage check's the next and the pruning sweeps' the third; for sequences the
 * protocol's master is {@code s} itself and the sweeps share {@code SplittableRandom(s ^ "RNNPRUNE").nextLong()}.
 *
 * @param <M> network type
 * @param <R> data type as read
 * @param <D> prepared data type
 * @param <C> configuration type
 */
final class SectionRun<M extends Network<D>, R extends LabelledData<R>, D extends LabelledData<D>, C> {
  private final ModelFamily<M, R, D, C> family;
  private final ModelSection section;
  private final StudyConfig study;
  private final R data;
  private final SeedScheme scheme;
  private final C config;
  private final Baseline<M, R, D, C> baseline;

  private SectionRun(ModelFamily<M, R, D, C> family, ModelSection section, StudyContext ctx) {
    this.family = family;
    this.section = section;
    this.study = ctx.config();
    this.data = ctx.data(family);
    this.scheme = SeedScheme.of(family.dataKind());
    this.config = family.configure(section.trainSettings());
    this.baseline = new Baseline<>(new Baseline.Setup<>(family, config, section.protocol(), section.preprocessing(), scheme));
  }

  /**
   * @param ctx the study and its data
   * @param kind a section's kind
   * @return the section's work
   */
  static SectionRun<?, ?, ?, ?> of(StudyContext ctx, String kind) {
    return create(ctx.config().family(kind), ctx.config().section(kind), ctx);
  }

  private static <M extends Network<D>, R extends LabelledData<R>, D extends LabelledData<D>, C> SectionRun<M, R, D, C> create(
      ModelFamily<M, R, D, C> f, ModelSection s, StudyContext ctx) {
    if (s == null) throw new IllegalArgumentException("the study has no '" + f.kind() + "' section");
    return new SectionRun<>(f, s, ctx);
  }

  /** @return the protocol's master seed of run {@code s} */
  private long master(long s) {
    return scheme == SeedScheme.TABLE ? new SplittableRandom(s).split().nextLong() : s;
  }

  Outcomes.Fold fold(long seed, int f) {
    SeedScheme.Seeds seeds = baseline.seeds(master(seed));
    Baseline.Split<R> split = baseline.split(data, seeds);
    Fold fold = baseline.folds(split, seeds).get(f);
    Baseline.FoldResult<M> r = baseline.fold(split, fold, f, seeds, EpochListener.NONE);
    return new Outcomes.Fold(f, r.training().diverged(), r.trainLoss(), r.trainAccuracy(), r.validationLoss(), r.validationAccuracy(),
        r.training().trainLoss(), r.training().validationLoss());
  }

  Outcomes.Final fin(long seed) {
    SeedScheme.Seeds seeds = baseline.seeds(master(seed));
    Baseline.Split<R> split = baseline.split(data, seeds);
    Baseline.Final<M, R, D> fin = baseline.fin(split, seeds, EpochListener.NONE);
    boolean div = fin.training().diverged();
    String json = div ? null
        : ModelFile.toJson(family.save(fin.training().model(), fin.preprocessing(), fin.trainPrepared(), config, seeds.fin()));
    return new Outcomes.Final(family.describeSplit(section.protocol()), split.fold().train().length, split.fold().test().length, div,
        div ? Double.NaN : fin.train().loss(), div ? Double.NaN : fin.train().accuracy(), fin.test().confusion(), fin.training().trainLoss(),
        json);
  }

  /**
   * The leakage check: the final model of the same settings with the other split: a participant-grouped protocol is
   * compared with the leaky one (random rows for feature tables, the paper's per-song split for sequences), a leaky
   * protocol with the participant-grouped one. Its master seed: feature tables the second {@code root.split()}, sequences
   * {@code SplittableRandom(s ^ "LEAKAGEE").nextLong()}.
   */
  Outcomes.Leakage leakage(long seed) {
    long leakMaster;
    if (scheme == SeedScheme.TABLE) {
      SplittableRandom root = new SplittableRandom(seed);
      root.split();
      leakMaster = root.split().nextLong();
    } else {
      leakMaster = new SplittableRandom(seed ^ 0x4C45414B41474545L).nextLong(); // "LEAKAGEE"
    }
    Protocol.Split other = leakageSplit(section.protocol().split());
    if (other == null) return new Outcomes.Leakage(null, Double.NaN, Double.NaN);
    Protocol p = section.protocol().with(0, null, other);
    Baseline<M, R, D, C> b = new Baseline<>(new Baseline.Setup<>(family, config, p, section.preprocessing(), scheme));
    SeedScheme.Seeds seeds = b.seeds(leakMaster);
    Baseline.Final<M, R, D> fin = b.fin(b.split(data, seeds), seeds, EpochListener.NONE);
    if (fin.training().diverged()) return new Outcomes.Leakage(other.label(), Double.NaN, Double.NaN);
    return new Outcomes.Leakage(other.label(), fin.test().accuracy(), fin.test().loss());
  }

  /**
   * @return the split a protocol's leakage check uses: grouped for a leaky split, else the family's leaky split (the
   *     per-song split of sequences that have songs, else random rows); null when the data have no groups to keep
   *     apart (then there is no leakage to check)
   */
  private Protocol.Split leakageSplit(Protocol.Split s) {
    if (!data.grouped()) return null;
    if (s != Protocol.Split.GROUPED) return Protocol.Split.GROUPED;
    return family.defaultSplit(data) == Protocol.Split.SONG ? Protocol.Split.SONG : Protocol.Split.RANDOM;
  }

  Outcomes.Sweep sweep(long seed, String modelJson) {
    M model = family.network(ModelFile.fromJson(modelJson, family.kind() + " seed " + seed + " (cached final model)"));
    SeedScheme.Seeds seeds = baseline.seeds(master(seed));
    Baseline.Split<R> split = baseline.split(data, seeds);
    var pp = family.preprocessor(section.preprocessing()).fit(split.train());
    D trainP = pp.apply(split.train());
    D testP = pp.apply(split.test());
    Sweeps<M, D> sweeps = new Sweeps<>(family, model, trainP, testP, study);
    List<String> criteria = section.sweptCriteria(study);
    List<Outcomes.Sweep> parts = new ArrayList<>();
    if (section instanceof SeriesSection s) {
      parts.add(sweeps.modes(s, new SplittableRandom(seed ^ 0x524e4e5052554e45L).nextLong())); // "RNNPRUNE"
      long[][] cs = pruneSeeds(new SplittableRandom(seed ^ 0x524e4e4352495453L), criteria.size(), s.layers()); // "RNNCRITS"
      for (int i = 0; i < s.layers().size() && !criteria.isEmpty(); i++)
        parts.add(sweeps.criteria(criteria, s.layers().get(i), cs[i], Sweeps.SERIES_CRITERIA_TIMING));
    } else {
      TableSection t = (TableSection) section;
      SplittableRandom root = new SplittableRandom(seed);
      root.split();
      root.split();
      long[][] cs = pruneSeeds(new SplittableRandom(root.split().nextLong()), criteria.size(), t.layers());
      for (int i = 0; i < t.layers().size() && !criteria.isEmpty(); i++)
        parts.add(sweeps.criteria(criteria, t.layers().get(i), cs[i], Sweeps.TABLE_TIMING));
    }
    return Outcomes.Sweep.merge(parts);
  }

  /**
   * The seed of every criterion's sweep of every layer: drawn in layer order, each layer's in the order of the
   * criteria (so the first layer's seeds are those of a study that sweeps one layer).
   */
  private static long[][] pruneSeeds(SplittableRandom pr, int criteria, List<Integer> layers) {
    long[][] s = new long[layers.size()][criteria];
    for (long[] layer : s) for (int i = 0; i < criteria; i++) layer[i] = pr.split().nextLong();
    return s;
  }

  StudyResult.GridPoint grid(Map<String, Object> values) {
    TableSection s = (TableSection) section;
    TrainSettings t = s.trainSettings();
    C cfg = family.configure(new TrainSettings(values.containsKey("hidden") ? List.of(((Number) values.get("hidden")).intValue()) : t.hidden(),
        t.activation(), t.optimizer(), values.containsKey("learningRate") ? ((Number) values.get("learningRate")).doubleValue() : t.learningRate(),
        t.momentum(), values.containsKey("batchSize") ? ((Number) values.get("batchSize")).intValue() : t.batchSize(),
        values.containsKey("epochs") ? ((Number) values.get("epochs")).intValue() : t.epochs(), null, null, null, 1));
    Protocol p = new Protocol(s.folds() == 0 ? 10 : s.folds(), s.testFraction(), s.protocol().split());
    Baseline<M, R, D, C> b = new Baseline<>(new Baseline.Setup<>(family, cfg, p, s.preprocessing(), scheme));
    double[] acc = new double[s.gridSeeds()];
    double[] loss = new double[s.gridSeeds()];
    for (int i = 0; i < acc.length; i++) {
      SeedScheme.Seeds seeds = scheme.crossValidationSeeds(study.seed() + i, p.folds());
      Baseline.Split<R> all = new Baseline.Split<>(null, data, null);
      List<Fold> folds = b.folds(all, seeds);
      List<Baseline.FoldResult<M>> ok = new ArrayList<>();
      for (int f = 0; f < folds.size(); f++) {
        Baseline.FoldResult<M> r = b.fold(all, folds.get(f), f, seeds, EpochListener.NONE);
        if (!r.training().diverged()) ok.add(r);
      }
      acc[i] = ok.stream().mapToDouble(Baseline.FoldResult::validationAccuracy).average().orElse(Double.NaN);
      loss[i] = ok.stream().mapToDouble(Baseline.FoldResult::validationLoss).average().orElse(Double.NaN);
    }
    return new StudyResult.GridPoint(values, acc, loss);
  }
}
