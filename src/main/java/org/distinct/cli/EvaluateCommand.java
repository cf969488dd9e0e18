package org.distinct.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distinct.data.Dataset;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.eval.ExecutionTimer;
import org.distinct.eval.TimingResult;
import org.distinct.model.Mlp;
import org.distinct.model.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code distinct evaluate --model M --data D}: a saved MLP's loss, accuracy, per-class and macro precision,
 * recall, specificity and F1, confusion matrix, and the execution time of classifying all rows (median of
 * repeated timings after warm-up, {@link ExecutionTimer.Config#steady()}).
 *
 * <p>The rows of {@code --data} are matched to the model's inputs by name and scaled with the model's saved
 * scaler ({@link ModelData}).
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a saved model on a labelled feature table: loss, accuracy, per-class and macro precision, recall,",
      "specificity and F1, the confusion matrix, and the execution time of classifying all rows (median of repeats).",
      "Columns are matched to the model's inputs by name and scaled with the scaler saved in the model file."
    },
    footer = {
      "",
      "Examples:",
      "  distinct train --save mlp.json && distinct evaluate --model mlp.json      (demo data)",
      "  distinct evaluate --model mlp.json --data music-eeg-features.xlsx",
      "  distinct evaluate --model mlp.json --data test.csv --json"
    })
public final class EvaluateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin ModelData modelData;

  @Override
  public Integer call() {
    SavedModel m = modelData.loadModel();
    Mlp mlp = m.mlp();
    Dataset d = modelData.evaluationRows(m);
    double[] logits = mlp.logits(d.x(), d.rows());
    ClassificationMetrics metrics = ClassificationMetrics.fromLogits(logits, d.labels(), d.rows(), mlp.numClasses());
    TimingResult time = new ExecutionTimer(ExecutionTimer.Config.steady()).time(() -> mlp.predict(d.x(), d.rows()));
    PrintWriter out = spec.commandLine().getOut();
    if (common.json) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("model", modelData.model.toString());
      j.put("architecture", ModelData.describe(mlp));
      j.put("parameters", mlp.parameterCount());
      j.put("data", modelData.describeData());
      j.put("rows", d.rows());
      j.put("classNames", m.classNames());
      j.put("metrics", metrics);
      j.put("executionTime", time);
      out.println(Json.write(j));
    } else {
      out.println("model: " + modelData.model + " (MLP " + ModelData.describe(mlp) + ", " + mlp.parameterCount()
          + " parameters, trained with seed " + m.seed() + ", distinct " + m.softwareVersion() + ")");
      out.println("data: " + modelData.describeData() + ", " + d.rows() + " rows, classes " + m.classNames());
      out.println(String.format(Locale.ROOT, "execution time (classify all %d rows): median %.4f ms (min %.4f, max %.4f, %d repeats)",
          d.rows(), time.medianMillis(), time.minMillis(), time.maxMillis(), time.repeats()));
      out.println();
      TrainCommand.printMetrics(out, "Evaluation", metrics, m.classNames());
    }
    out.flush();
    return 0;
  }
}
