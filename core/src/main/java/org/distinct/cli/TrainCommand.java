package org.distinct.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distinct.data.FeatureFrame;
import org.distinct.data.LabelledData;
import org.distinct.data.SeriesLoader;
import org.distinct.data.SeriesOptions;
import org.distinct.family.DataKind;
import org.distinct.family.Families;
import org.distinct.family.ModelFamily;
import org.distinct.family.Protocol;
import org.distinct.model.ModelFile;
import org.distinct.model.Network;
import org.distinct.study.Baseline;
import org.distinct.study.SeedScheme;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code distinct train}: k-fold cross-validation, final model and test metrics (the paper's Table 1) of any model family. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Cross-validate a model, train the final model on the training part and test it on held-out data. "
          + "Prints per-fold and mean ± sd training/validation loss and accuracy, then the final model's metrics "
          + "(the paper's Table 1 rows: --model mlp on a feature table, --model rnn on the raw series)."
    },
    footer = {
      "",
      "Examples:",
      "  distinct train                                       the demo data, paper settings",
      "  distinct train --data music-eeg-features.xlsx --class-names classical,instrumental,pop",
      "  distinct train --folds 5 --epochs 300 --hidden 40,20 --activation tanh --save mlp.json",
      "  distinct train --split random --json                 (leaky random split, machine-readable)",
      "  distinct train --data iris.csv --folds 5             (no group column: stratified split)",
      "  distinct train --data survey.xlsx --sheet 2 --impute median --group-column site",
      "  distinct train --model rnn --series S/ --save rnn.json",
      "  distinct train --model rnn --series ECG200_TRAIN.tsv   (a UCR file; --layout long for one row per time step)"
    })
public final class TrainCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin TableSource table;
  @Mixin SeriesInput series;
  @Mixin TrainOptions trainOptions;
  @Mixin PreprocessOptions preprocessing;
  @Mixin ReadLimitOptions limits;

  @Option(names = "--model", paramLabel = "KIND", converter = FamilyOption.Converter.class, completionCandidates = FamilyOption.Kinds.class,
      description = "Model family: ${COMPLETION-CANDIDATES} (default: mlp). mlp reads a feature table (--data), the others sequences (--series).")
  ModelFamily<?, ?, ?, ?> family;

  @Option(names = "--folds", description = "Cross-validation folds, 0 = skip (default: the family's, 10 for the MLP, 5 for the RNN).")
  Integer folds;

  @Option(names = "--split", paramLabel = "SPLIT", converter = Words.SplitConverter.class, completionCandidates = Words.SplitWords.class,
      description = "Test hold-out and folds: ${COMPLETION-CANDIDATES} (default: grouped by participant for the MLP, "
          + "song (the paper's 25 %% of each song; folds participant-grouped) for song workbooks; "
          + "data without groups: stratified).")
  Protocol.Split split;

  @Option(names = "--test-fraction",
      description = "Fraction held out for the final test (whole participants when grouped) (default: 0.2 for the MLP, 0.25 for the RNN).")
  Double testFraction;

  @Option(names = "--timing", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Time the final model's classification of the test part in the steady state, for Table 1 (default). "
          + "--no-timing skips it: the command then does not wait until the JIT has compiled the kernels, which for a short run "
          + "in a fresh JVM is most of its time. Models and metrics are the same either way.")
  boolean timing;

  @Option(names = "--save", paramLabel = "FILE", description = "Save the final model (JSON) to FILE.")
  Path save;

  @Override
  public Integer call() throws IOException {
    ModelFamily<?, ?, ?, ?> f = family == null ? Families.get("mlp") : family;
    return run(f);
  }

  private <M extends Network<D>, R extends LabelledData<R>, D extends LabelledData<D>, C> Integer run(ModelFamily<M, R, D, C> f)
      throws IOException {
    C cfg = f.configure(trainOptions.settings(common.threadCount()));
    Input<R> in = read(f);
    Protocol protocol = f.protocol().with(folds, testFraction, split == null ? f.defaultSplit(in.data()) : split);
    f.holdout(protocol, in.data()); // refuses a split the data cannot have before any training
    Baseline<M, R, D, C> timed = new Baseline<>(new Baseline.Setup<>(f, cfg, protocol, preprocessing.settings(), SeedScheme.of(f.dataKind())));
    Baseline<M, R, D, C> b = timing ? timed : timed.untimed();
    int epochs = epochs(f, cfg);
    Baseline.Result<M, R, D> r;
    try (ProgressBar bar = new ProgressBar("training " + f.displayName(), (long) (protocol.folds() + 1) * epochs, common.quiet)) {
      r = b.run(in.data(), common.seed, common.threadCount(), e -> bar.step(null), null);
    }
    if (save != null) ModelFile.save(save, f.save(r.fin().training().model(), r.fin().preprocessing(), r.fin().trainPrepared(), cfg, common.seed));
    PrintWriter out = spec.commandLine().getOut();
    Run<M, R, D, C> run = new Run<>(f, cfg, protocol, in, r);
    if (common.json) out.println(Json.write(toJson(run)));
    else print(out, run);
    out.flush();
    return 0;
  }

  /**
   * The data as read and what to say about them.
   *
   * @param <R> data type as read
   * @param data the data
   * @param source where they came from
   * @param notes lines for the printed setup (groups used, files ignored)
   */
  private record Input<R>(R data, String source, List<String> notes) {}

  /** One training run and what it was run on, for printing. */
  private record Run<M extends Network<D>, R extends LabelledData<R>, D extends LabelledData<D>, C>(
      ModelFamily<M, R, D, C> family, C config, Protocol protocol, Input<R> input, Baseline.Result<M, R, D> result) {}

  @SuppressWarnings("unchecked")
  private <R extends LabelledData<R>> Input<R> read(ModelFamily<?, R, ?, ?> f) {
    if (f.dataKind() == DataKind.TABLE) {
      FeatureFrame frame = table.load(limits.limits());
      return new Input<>((R) frame, table.describe(), List.of(frame.groupNote())); // TABLE families read FeatureFrame
    }
    SeriesLoader.Loaded l = series.load(table.demoSeed, preprocessing.settings().series().medianWindow(), table.columns, limits.limits());
    List<String> notes = new ArrayList<>();
    if (l.layout() != SeriesOptions.Layout.FOLDER) notes.add("layout: " + Words.word(l.layout()));
    if (!l.ignored().isEmpty()) notes.add(l.note());
    return new Input<>((R) l.data(), series.describe(table.demoSeed), notes); // SERIES families read SequenceDataset
  }

  private static <C> int epochs(ModelFamily<?, ?, ?, C> f, C cfg) {
    return f.settings(cfg).epochs();
  }

  private <M extends Network<D>, R extends LabelledData<R>, D extends LabelledData<D>, C> void print(PrintWriter out, Run<M, R, D, C> run) {
    ModelFamily<M, R, D, C> f = run.family();
    Baseline.Result<M, R, D> r = run.result();
    R data = run.input().data();
    out.println(f.describe(run.config(), r.fin().training().model().inputSize(), data.numClasses()));
    out.println("data: " + run.input().source() + ", " + data.size() + (f.dataKind() == DataKind.TABLE ? " rows" : " sequences") + ", classes "
        + data.classNames() + ", seed " + common.seed);
    for (String note : run.input().notes()) out.println(note);
    out.println("preprocessing: " + f.preprocessor(preprocessing.settings()).describe());
    out.println("test hold-out: " + r.split().fold().test().length + " (" + f.describeSplit(run.protocol()) + "), training part "
        + r.split().fold().train().length);
    List<List<String>> t1 = new ArrayList<>();
    if (!r.folds().isEmpty()) {
      out.println();
      out.println("Cross-validation: " + f.folds(run.protocol(), data).describe() + " on the training part");
      out.print(foldTable(r.folds()));
      FoldStats s = FoldStats.of(r.folds());
      t1.add(List.of(r.folds().size() + "-fold training (mean ± sd)", Fmt.meanSd(s.trainLoss[0], s.trainLoss[1], 4),
          Fmt.pctSd(s.trainAcc[0], s.trainAcc[1]), "not applicable"));
      t1.add(List.of(r.folds().size() + "-fold validation (mean ± sd)", Fmt.meanSd(s.valLoss[0], s.valLoss[1], 4),
          Fmt.pctSd(s.valAcc[0], s.valAcc[1]), "not applicable"));
    }
    t1.add(List.of("Final model training", Fmt.num(r.fin().train().loss(), 4), Fmt.pct(r.fin().train().accuracy()), "not applicable"));
    t1.add(List.of("Final model test", Fmt.num(r.fin().test().loss(), 4), Fmt.pct(r.fin().test().accuracy()),
        r.testTime() == null ? "not measured (--no-timing)"
            : String.format(Locale.ROOT, "%.4f ms (min %.4f, max %.4f)", r.testTime().medianMillis(), r.testTime().minMillis(), r.testTime().maxMillis())));
    out.println();
    out.println("Table 1 (" + f.displayName() + ")");
    out.print(Fmt.table(List.of("", "loss", "accuracy", "execution time (median)"), t1));
    out.println();
    Fmt.metrics(out, "Final model on the test part", r.fin().test(), data.classNames());
    if (save != null) out.println("saved model: " + save);
  }

  private static String foldTable(List<? extends Baseline.FoldResult<?>> folds) {
    List<List<String>> rows = new ArrayList<>();
    for (Baseline.FoldResult<?> fr : folds)
      rows.add(List.of(String.valueOf(fr.fold() + 1), String.valueOf(fr.validationSize()), Fmt.num(fr.trainLoss(), 4),
          Fmt.pct(fr.trainAccuracy()), Fmt.num(fr.validationLoss(), 4), Fmt.pct(fr.validationAccuracy()),
          fr.training().diverged() ? "diverged" : ""));
    return Fmt.table(List.of("fold", "val size", "train loss", "train acc", "val loss", "val acc", ""), rows);
  }

  private <M extends Network<D>, R extends LabelledData<R>, D extends LabelledData<D>, C> Map<String, Object> toJson(Run<M, R, D, C> run) {
    ModelFamily<M, R, D, C> f = run.family();
    Baseline.Result<M, R, D> r = run.result();
    R data = run.input().data();
    Protocol p = run.protocol();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", f.kind());
    m.put("model", f.describe(run.config(), r.fin().training().model().inputSize(), data.numClasses()));
    m.put("config", f.record(run.config()));
    m.put("data", run.input().source());
    m.put("notes", run.input().notes());
    m.put("patterns", data.size());
    m.put("classNames", data.classNames());
    m.put("seed", common.seed);
    m.put("split", p.split().label());
    m.put("testSplit", f.describeSplit(p));
    m.put("testPatterns", r.split().fold().test().length);
    if (!r.folds().isEmpty()) {
      List<Map<String, Object>> folds = new ArrayList<>();
      for (Baseline.FoldResult<M> fr : r.folds()) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("fold", fr.fold() + 1);
        fm.put("seed", fr.seed());
        fm.put("validationPatterns", fr.validationSize());
        fm.put("trainLoss", fr.trainLoss());
        fm.put("trainAccuracy", fr.trainAccuracy());
        fm.put("validationLoss", fr.validationLoss());
        fm.put("validationAccuracy", fr.validationAccuracy());
        fm.put("diverged", fr.training().diverged());
        folds.add(fm);
      }
      m.put("crossValidation", Map.of("splitter", f.folds(p, data).describe(), "folds", folds, "summary", FoldStats.of(r.folds())));
    }
    m.put("finalTrain", r.fin().train());
    m.put("test", r.fin().test());
    if (r.testTime() != null) m.put("testTime", r.testTime());
    return m;
  }

  /** Mean and sample sd ({@code [mean, sd]}) over the folds that did not diverge. */
  record FoldStats(double[] trainLoss, double[] trainAcc, double[] valLoss, double[] valAcc, int diverged) {
    static FoldStats of(List<? extends Baseline.FoldResult<?>> folds) {
      List<? extends Baseline.FoldResult<?>> ok = folds.stream().filter(f -> !f.training().diverged()).toList();
      double[] tl = ok.stream().mapToDouble(Baseline.FoldResult::trainLoss).toArray();
      double[] ta = ok.stream().mapToDouble(Baseline.FoldResult::trainAccuracy).toArray();
      double[] vl = ok.stream().mapToDouble(Baseline.FoldResult::validationLoss).toArray();
      double[] va = ok.stream().mapToDouble(Baseline.FoldResult::validationAccuracy).toArray();
      return new FoldStats(ms(tl), ms(ta), ms(vl), ms(va), folds.size() - ok.size());
    }

    private static double[] ms(double[] v) {
      return new double[] {Fmt.mean(v), Fmt.sd(v)};
    }
  }
}
