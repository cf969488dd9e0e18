package org.distinct.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distinct.data.LabelledData;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.eval.ExecutionTimer;
import org.distinct.eval.TimingResult;
import org.distinct.family.DataKind;
import org.distinct.family.Families;
import org.distinct.family.ModelFamily;
import org.distinct.model.Network;
import org.distinct.model.SavedModel;
import org.distinct.onnx.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distinct evaluate --model M}: a saved model's loss, accuracy, per-class and macro precision, recall,
 * specificity and F1, confusion matrix, and the execution time of classifying all patterns (median of repeated timings
 * after warm-up), for any model family: the data are read and prepared as the model's family says ({@link ModelInput}).
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a saved model (MLP on a feature table, recurrent models on sequences).",
      "Prints loss, accuracy, per-class and macro precision, recall, specificity and F1, the confusion matrix, and the execution time of "
          + "classifying all rows (median of repeats). Feature tables: columns are matched to the model's inputs by name and scaled with the "
          + "scaler saved in the model file. Sequences: the series are preprocessed as recorded in the model file."
    },
    footer = {
      "",
      "Examples:",
      "  distinct train --save mlp.json && distinct evaluate --model mlp.json",
      "  distinct evaluate --model mlp.json --data music-eeg-features.xlsx",
      "  distinct evaluate --model mlp.json --data test.csv --json",
      "  distinct evaluate --model mlp.json --data test.csv --no-timing     (metrics only, no steady-state timing)",
      "  distinct train --model rnn --series S/ --save rnn.json",
      "  distinct evaluate --model rnn.json --series S/"
    })
public final class EvaluateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin ModelInput input;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "Saved model: a model file (JSON, from 'distinct train --save') or an ONNX file (.onnx, e.g. from torch.onnx.export).")
  Path model;

  @Option(names = "--timing", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Time the classification of all rows in the steady state (default). --no-timing skips it: the command then "
          + "does not wait until the JIT has compiled the kernels, which in a fresh JVM is most of its time (for scripts that "
          + "evaluate many models). The metrics are the same either way.")
  boolean timing;

  @Override
  public Integer call() {
    SavedModel m = Models.load(model);
    return run(Families.of(m), m);
  }

  private <M extends Network<D>, R extends LabelledData<R>, D extends LabelledData<D>> Integer run(ModelFamily<M, R, D, ?> f, SavedModel loaded) {
    SavedModel saved = input.bind(f, loaded);
    M net = f.network(saved);
    D d = input.evaluation(f, saved);
    ClassificationMetrics metrics = ClassificationMetrics.fromLogits(net.logits(d), d.labels(), d.size(), net.numClasses());
    String prep = f.describePreparation(saved);
    String data = input.describeData(f) + (prep.isEmpty() ? "" : " (" + prep + ")");
    Summary s = new Summary(saved, f.describe(net), net.parameterCount(), data, d.size(),
        f.dataKind() == DataKind.TABLE ? "rows" : "sequences", metrics);
    PrintWriter out = spec.commandLine().getOut();
    if (!common.json) {
      // the results first: the steady-state timing comes last, as it waits for the JIT in a fresh JVM (and the
      // formatting then runs while the kernels are still compiled in the background)
      printText(out, s);
      out.flush();
    }
    TimingResult time = timing ? new ExecutionTimer(f.timing()).time(() -> net.logits(d)) : null; // null: not measured
    if (common.json) {
      printJson(out, s, time);
    } else {
      out.println();
      out.println(time == null ? "execution time: not measured (--no-timing)"
          : String.format(Locale.ROOT, "execution time (classify all %d %s): median %.4f ms (min %.4f, max %.4f, %d repeats)",
              s.rows(), s.unit(), time.medianMillis(), time.minMillis(), time.maxMillis(), time.repeats()));
    }
    out.flush();
    return 0;
  }

  /** What the command reports apart from the timing. */
  private record Summary(SavedModel model, String architecture, int parameters, String data, int rows, String unit,
      ClassificationMetrics metrics) {}

  private void printJson(PrintWriter out, Summary s, TimingResult time) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("model", model.toString());
    j.put("kind", s.model().kind());
    j.put("architecture", s.architecture());
    j.put("parameters", s.parameters());
    j.put("data", s.data());
    j.put("rows", s.rows());
    j.put("classNames", s.model().classNames());
    if (input.describeSetup() != null) j.put("setup", input.imported.parts());
    j.put("metrics", s.metrics());
    if (time != null) j.put("executionTime", time);
    out.println(Json.write(j));
  }

  private void printText(PrintWriter out, Summary s) {
    SavedModel m = s.model();
    out.println("model: " + model + " (" + s.architecture() + ", " + s.parameters() + " parameters, trained with seed " + m.seed()
        + ", distinct " + m.softwareVersion() + ")");
    if (input.describeSetup() != null) out.println(input.describeSetup());
    out.println("data: " + s.data() + ", " + s.rows() + " " + s.unit() + ", classes " + m.classNames());
    out.println();
    Fmt.metrics(out, "Evaluation", s.metrics(), m.classNames());
  }
}
