package org.distinct.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distinct.data.Dataset;
import org.distinct.data.split.GroupHoldout;
import org.distinct.data.split.GroupKFold;
import org.distinct.data.split.KFold;
import org.distinct.data.split.RandomHoldout;
import org.distinct.data.split.Splitter;
import org.distinct.data.split.StratifiedKFold;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.eval.ExecutionTimer;
import org.distinct.study.MlpBaseline;
import org.distinct.train.MlpCrossValidator;
import org.distinct.train.MlpTrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code distinct train}: k-fold cross-validation, final model and test metrics (the paper's Table 1). */
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
      "  distinct train --split random --json                 (leaky random split, machine-readable)"
    })
public final class TrainCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin DataOptions dataOptions;
  @Mixin TrainOptions trainOptions;
  @Mixin SeriesCliOptions seriesOptions;

  @Option(names = "--model", defaultValue = "mlp", description = "mlp (feature table) or rnn (raw series) (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--folds", description = "Cross-validation folds, 0 = skip (default: 10 for the MLP, 5 for the RNN).")
  Integer foldsOption;

  @Option(names = "--split",
      description = "MLP: grouped (by participant), stratified or random, for the test hold-out and the folds (default: grouped). "
          + "RNN: song (the paper's 25 %% of each song) or grouped (default: song; folds are always participant-grouped).")
  String split;

  @Option(names = "--test-fraction",
      description = "Fraction held out for the final test (whole participants when grouped) (default: 0.2 for the MLP, 0.25 for the RNN).")
  Double testFractionOption;

  int folds;
  double testFraction;

  @Option(names = "--save", paramLabel = "FILE", description = "Save the final model (JSON) to FILE.")
  java.nio.file.Path save;

  @Override
  public Integer call() throws java.io.IOException {
    boolean rnn = switch (model.toLowerCase()) {
      case "mlp" -> false;
      case "rnn" -> true;
      default -> throw new org.distinct.BadInputException("--model: expected mlp or rnn, got '" + model + "'");
    };
    folds = foldsOption != null ? foldsOption : rnn ? 5 : 10;
    testFraction = testFractionOption != null ? testFractionOption : rnn ? 0.25 : 0.2;
    if (split == null) split = rnn ? "song" : "grouped";
    if (folds != 0 && folds < 2) throw new org.distinct.BadInputException("--folds: must be 0 or at least 2, got " + folds);
    if (!(testFraction > 0 && testFraction < 1)) throw new org.distinct.BadInputException("--test-fraction: must be in (0, 1), got " + testFraction);
    if (rnn) return new RnnTraining(this).call();
    Dataset data = dataOptions.load();
    MlpTrainConfig cfg = trainOptions.mlpConfig();
    MlpBaseline.Config pc = new MlpBaseline.Config(cfg, holdout(), folds == 0 ? null : kfold(), ExecutionTimer.Config.steady());
    int threads = common.threadCount();
    int trainings = (folds == 0 ? 0 : folds) + 1;
    MlpBaseline.Result r;
    try (ProgressBar bar = new ProgressBar("training", (long) trainings * cfg.epochs(), common.quiet)) {
      r = new MlpBaseline(pc).run(data, common.seed, threads, (e, tl, vl) -> bar.step(null), null);
    }
    if (save != null)
      org.distinct.model.ModelFile.save(save, org.distinct.model.SavedModel.of(r.finalTraining().model(), data.featureNames(),
          data.classNames(), r.scaler(), cfg.toMap(), common.seed));
    PrintWriter out = spec.commandLine().getOut();
    if (common.json) out.println(Json.write(toJson(data, cfg, r)));
    else print(out, data, cfg, r);
    out.flush();
    return 0;
  }

  private Splitter holdout() {
    return switch (split.toLowerCase()) {
      case "grouped" -> new GroupHoldout(testFraction);
      case "random", "stratified" -> new RandomHoldout(testFraction);
      default -> throw new org.distinct.BadInputException("--split: expected grouped, stratified or random, got '" + split + "'");
    };
  }

  private Splitter kfold() {
    return switch (split.toLowerCase()) {
      case "grouped" -> new GroupKFold(folds);
      case "stratified" -> new StratifiedKFold(folds);
      case "random" -> new KFold(folds);
      default -> throw new org.distinct.BadInputException("--split: expected grouped, stratified or random, got '" + split + "'");
    };
  }

  static String describeModel(MlpTrainConfig cfg, int inputs, int classes) {
    StringBuilder s = new StringBuilder("MLP ").append(inputs);
    for (int h : cfg.hidden()) s.append('-').append(h);
    s.append('-').append(classes).append(' ').append(cfg.activation().name().toLowerCase());
    s.append(", ").append(cfg.optimizer().kind().name().toLowerCase()).append(" lr ").append(cfg.optimizer().learningRate());
    s.append(", batch ").append(cfg.batchSize()).append(", ").append(cfg.epochs()).append(" epochs");
    return s.toString();
  }

  private void print(PrintWriter out, Dataset data, MlpTrainConfig cfg, MlpBaseline.Result r) {
    out.println(describeModel(cfg, data.cols(), data.numClasses()));
    out.println("data: " + dataOptions.describe() + ", " + data.rows() + " rows, " + data.cols() + " features, classes "
        + data.classNames() + ", seed " + common.seed);
    out.println("test hold-out: " + r.split().test().length + " rows (" + holdout().describe() + "), training part "
        + r.split().train().length + " rows");
    if (r.cv() != null) {
      out.println();
      out.println("Cross-validation: " + r.cv().splitter() + " on the training part");
      List<List<String>> rows = new ArrayList<>();
      for (MlpCrossValidator.FoldResult f : r.cv().folds())
        rows.add(List.of(String.valueOf(f.fold() + 1), String.valueOf(f.validationRows().length),
            Fmt.num(f.train().loss(), 4), Fmt.pct(f.train().accuracy()),
            Fmt.num(f.validation().loss(), 4), Fmt.pct(f.validation().accuracy()),
            f.training().diverged() ? "diverged" : ""));
      out.print(Fmt.table(List.of("fold", "val rows", "train loss", "train acc", "val loss", "val acc", ""), rows));
    }
    out.println();
    out.println("Table 1 (MLP)");
    List<List<String>> t1 = new ArrayList<>();
    if (r.cv() != null) {
      Stats s = Stats.of(r.cv());
      t1.add(List.of(r.cv().folds().size() + "-fold training (mean ± sd)", Fmt.meanSd(s.trainLoss[0], s.trainLoss[1], 4),
          Fmt.pctSd(s.trainAcc[0], s.trainAcc[1]), "not applicable"));
      t1.add(List.of(r.cv().folds().size() + "-fold validation (mean ± sd)", Fmt.meanSd(s.valLoss[0], s.valLoss[1], 4),
          Fmt.pctSd(s.valAcc[0], s.valAcc[1]), "not applicable"));
    }
    t1.add(List.of("Final model training", Fmt.num(r.finalTrain().loss(), 4), Fmt.pct(r.finalTrain().accuracy()), "not applicable"));
    t1.add(List.of("Final model test", Fmt.num(r.test().loss(), 4), Fmt.pct(r.test().accuracy()),
        String.format(java.util.Locale.ROOT, "%.4f ms (min %.4f, max %.4f)", r.testTime().medianMillis(),
            r.testTime().minMillis(), r.testTime().maxMillis())));
    out.print(Fmt.table(List.of("", "loss", "accuracy", "execution time (median)"), t1));
    out.println();
    printMetrics(out, "Final model on the test part", r.test(), data.classNames());
    if (save != null) out.println("saved model: " + save);
  }

  static void printMetrics(PrintWriter out, String title, ClassificationMetrics m, List<String> classNames) {
    out.println(title + ": loss " + Fmt.num(m.loss(), 4) + ", accuracy " + Fmt.pct(m.accuracy()) + ", macro precision "
        + Fmt.num(m.macroPrecision(), 3) + ", recall " + Fmt.num(m.macroRecall(), 3) + ", specificity "
        + Fmt.num(m.macroSpecificity(), 3) + ", F1 " + Fmt.num(m.macroF1(), 3));
    List<List<String>> rows = new ArrayList<>();
    for (int c = 0; c < m.numClasses(); c++) {
      List<String> row = new ArrayList<>();
      row.add(classNames.get(c));
      for (int p = 0; p < m.numClasses(); p++) row.add(String.valueOf(m.confusion()[c][p]));
      row.add(Fmt.num(m.precision()[c], 3));
      row.add(Fmt.num(m.recall()[c], 3));
      row.add(Fmt.num(m.specificity()[c], 3));
      row.add(Fmt.num(m.f1()[c], 3));
      rows.add(row);
    }
    List<String> header = new ArrayList<>();
    header.add("true \\ predicted");
    header.addAll(classNames);
    header.addAll(List.of("precision", "recall", "specificity", "F1"));
    out.print(Fmt.table(header, rows));
    for (String w : m.warnings()) out.println("warning: " + w);
  }

  private Map<String, Object> toJson(Dataset data, MlpTrainConfig cfg, MlpBaseline.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", describeModel(cfg, data.cols(), data.numClasses()));
    m.put("config", cfg.toMap());
    m.put("data", dataOptions.describe());
    m.put("rows", data.rows());
    m.put("classNames", data.classNames());
    m.put("seed", common.seed);
    m.put("testRows", r.split().test().length);
    if (r.cv() != null) {
      List<Map<String, Object>> folds = new ArrayList<>();
      for (MlpCrossValidator.FoldResult f : r.cv().folds()) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("fold", f.fold() + 1);
        fm.put("seed", f.seed());
        fm.put("validationRows", f.validationRows().length);
        fm.put("trainLoss", f.train().loss());
        fm.put("trainAccuracy", f.train().accuracy());
        fm.put("validationLoss", f.validation().loss());
        fm.put("validationAccuracy", f.validation().accuracy());
        fm.put("diverged", f.training().diverged());
        folds.add(fm);
      }
      m.put("crossValidation", Map.of("splitter", r.cv().splitter(), "folds", folds, "summary", Stats.of(r.cv())));
    }
    m.put("finalTrain", r.finalTrain());
    m.put("test", r.test());
    m.put("testTime", r.testTime());
    return m;
  }

  /** Mean and sample sd ({@code [mean, sd]}) over the non-diverged folds. */
  record Stats(double[] trainLoss, double[] trainAcc, double[] valLoss, double[] valAcc, int diverged) {
    static Stats of(MlpCrossValidator.Result cv) {
      List<MlpCrossValidator.FoldResult> ok = cv.finiteFolds();
      double[] tl = ok.stream().mapToDouble(f -> f.train().loss()).toArray();
      double[] ta = ok.stream().mapToDouble(f -> f.train().accuracy()).toArray();
      double[] vl = ok.stream().mapToDouble(f -> f.validation().loss()).toArray();
      double[] va = ok.stream().mapToDouble(f -> f.validation().accuracy()).toArray();
      return new Stats(ms(tl), ms(ta), ms(vl), ms(va), cv.folds().size() - ok.size());
    }

    private static double[] ms(double[] v) {
      return new double[] {Fmt.mean(v), Fmt.sd(v)};
    }
  }
}
