package org.distinct.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distinct.BadInputException;
import org.distinct.data.MinMaxScaler;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SeriesPreprocessing;
import org.distinct.model.ModelFile;
import org.distinct.model.SavedModel;
import org.distinct.eval.ExecutionTimer;
import org.distinct.study.RnnBaseline;
import org.distinct.train.RnnTrainConfig;

/** The RNN half of {@code distinct train --model rnn}: cross-validation, final model, test (Table 1, RNN rows). */
final class RnnTraining {
  private final TrainCommand c;

  RnnTraining(TrainCommand c) {
    this.c = c;
  }

  Integer call() {
    if (!c.split.equals("song") && !c.split.equals("grouped"))
      throw new BadInputException("--split: for the RNN expected song or grouped, got '" + c.split + "'");
    SequenceDataset data = c.seriesOptions.load(c.dataOptions.demoSeed);
    RnnTrainConfig cfg = c.trainOptions.rnnConfig(c.common.threadCount());
    RnnBaseline.Config bc = new RnnBaseline.Config(cfg, c.seriesOptions.preprocessing(), c.split.equals("song"), c.testFraction, c.folds,
        ExecutionTimer.Config.fixed(3, 7));
    int trainings = c.folds + 1;
    RnnBaseline.Result r;
    try (ProgressBar bar = new ProgressBar("training RNN", (long) trainings * cfg.epochs(), c.common.quiet)) {
      r = new RnnBaseline(bc).run(data, c.common.seed, (e, tl, ta, vl, va) -> bar.step(null));
    }
    if (c.save != null) {
      Map<String, Object> training = new LinkedHashMap<>(cfg.toMap());
      SeriesPreprocessing.Fitted pp = r.preprocessing();
      Map<String, Object> prep = new LinkedHashMap<>();
      prep.put("medianWindow", pp.config().medianWindow());
      prep.put("scaling", pp.config().scaling().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      prep.put("downsample", pp.config().downsample());
      training.put("preprocessing", prep);
      MinMaxScaler global = pp.globalMin() == null ? null : new MinMaxScaler(pp.globalMin(), pp.globalMax());
      try {
        ModelFile.save(c.save, SavedModel.of(r.finalTraining().model(), List.of("F7"), data.classNames(), global, training, c.common.seed));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    PrintWriter out = c.spec.commandLine().getOut();
    if (c.common.json) out.println(Json.write(toJson(data, cfg, bc, r)));
    else print(out, data, cfg, bc, r);
    out.flush();
    return 0;
  }

  private static String describe(RnnTrainConfig cfg, int classes) {
    return String.format(Locale.ROOT, "Elman RNN 1-%d-%d tanh, adam lr %s, batch %d, %d epochs%s%s", cfg.hidden(), classes,
        cfg.learningRate(), cfg.batchSize(), cfg.epochs(), cfg.clipNorm() > 0 ? ", clip " + cfg.clipNorm() : "",
        cfg.truncation() > 0 ? ", truncated BPTT " + cfg.truncation() : "");
  }

  private void print(PrintWriter out, SequenceDataset data, RnnTrainConfig cfg, RnnBaseline.Config bc, RnnBaseline.Result r) {
    out.println(describe(cfg, data.numClasses()));
    out.println("data: " + c.seriesOptions.describe(c.dataOptions.demoSeed) + ", " + data.size() + " sequences, classes " + data.classNames() + ", seed " + c.common.seed);
    out.println("preprocessing: " + bc.preprocessing());
    out.println("test split: " + bc.describeSplit() + "; " + r.split().test().length + " test, " + r.split().train().length + " training sequences");
    List<List<String>> t1 = new ArrayList<>();
    if (!r.folds().isEmpty()) {
      out.println();
      out.println("Cross-validation: participant-grouped " + r.folds().size() + "-fold on the training part");
      List<List<String>> rows = new ArrayList<>();
      for (RnnBaseline.FoldResult f : r.folds())
        rows.add(List.of(String.valueOf(f.fold() + 1), Fmt.num(f.trainLoss(), 4), Fmt.pct(f.trainAccuracy()), Fmt.num(f.validationLoss(), 4),
            Fmt.pct(f.validationAccuracy()), f.training().diverged() ? "diverged" : ""));
      out.print(Fmt.table(List.of("fold", "train loss", "train acc", "val loss", "val acc", ""), rows));
      double[] tl = r.folds().stream().filter(f -> !f.training().diverged()).mapToDouble(RnnBaseline.FoldResult::trainLoss).toArray();
      double[] ta = r.folds().stream().filter(f -> !f.training().diverged()).mapToDouble(RnnBaseline.FoldResult::trainAccuracy).toArray();
      double[] vl = r.folds().stream().filter(f -> !f.training().diverged()).mapToDouble(RnnBaseline.FoldResult::validationLoss).toArray();
      double[] va = r.folds().stream().filter(f -> !f.training().diverged()).mapToDouble(RnnBaseline.FoldResult::validationAccuracy).toArray();
      t1.add(List.of(r.folds().size() + "-fold training (mean ± sd)", Fmt.meanSd(Fmt.mean(tl), Fmt.sd(tl), 4), Fmt.pctSd(Fmt.mean(ta), Fmt.sd(ta)), "not applicable"));
      t1.add(List.of(r.folds().size() + "-fold validation (mean ± sd)", Fmt.meanSd(Fmt.mean(vl), Fmt.sd(vl), 4), Fmt.pctSd(Fmt.mean(va), Fmt.sd(va)), "not applicable"));
    }
    t1.add(List.of("Final model training", Fmt.num(r.finalTrain().loss(), 4), Fmt.pct(r.finalTrain().accuracy()), "not applicable"));
    t1.add(List.of("Final model test", Fmt.num(r.test().loss(), 4), Fmt.pct(r.test().accuracy()),
        String.format(Locale.ROOT, "%.2f ms (min %.2f, max %.2f)", r.testTime().medianMillis(), r.testTime().minMillis(), r.testTime().maxMillis())));
    out.println();
    out.println("Table 1 (RNN)");
    out.print(Fmt.table(List.of("", "loss", "accuracy", "execution time (median)"), t1));
    out.println();
    TrainCommand.printMetrics(out, "Final model on the test part", r.test(), data.classNames());
    if (c.save != null) out.println("saved model: " + c.save);
  }

  private Map<String, Object> toJson(SequenceDataset data, RnnTrainConfig cfg, RnnBaseline.Config bc, RnnBaseline.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", describe(cfg, data.numClasses()));
    m.put("config", cfg);
    m.put("preprocessing", bc.preprocessing().toString());
    m.put("data", c.seriesOptions.describe(c.dataOptions.demoSeed));
    m.put("sequences", data.size());
    m.put("classNames", data.classNames());
    m.put("seed", c.common.seed);
    m.put("testSplit", bc.describeSplit());
    List<Map<String, Object>> folds = new ArrayList<>();
    for (RnnBaseline.FoldResult f : r.folds()) {
      Map<String, Object> fm = new LinkedHashMap<>();
      fm.put("fold", f.fold() + 1);
      fm.put("seed", f.seed());
      fm.put("trainLoss", f.trainLoss());
      fm.put("trainAccuracy", f.trainAccuracy());
      fm.put("validationLoss", f.validationLoss());
      fm.put("validationAccuracy", f.validationAccuracy());
      fm.put("diverged", f.training().diverged());
      folds.add(fm);
    }
    m.put("folds", folds);
    m.put("finalTrain", r.finalTrain());
    m.put("test", r.test());
    m.put("testTime", r.testTime());
    return m;
  }
}
