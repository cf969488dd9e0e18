package org.distinct.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distinct.BadInputException;
import org.distinct.data.Dataset;
import org.distinct.data.SequenceDataset;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.eval.ExecutionTimer;
import org.distinct.eval.TimingResult;
import org.distinct.model.ElmanRnn;
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
 * <p>MLP: the rows of {@code --data} are matched to the model's inputs by name and scaled with the model's
 * saved scaler ({@link ModelData}). RNN (a model file of kind {@code rnn}): the sequences of {@code --series}
 * are preprocessed as recorded in the model file ({@link RnnData}).
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a saved model (MLP on a feature table, RNN on per-song series).",
      "Prints loss, accuracy, per-class and macro precision, recall, specificity and F1, the confusion matrix, and the execution time of classifying all rows (median of repeats). MLP: columns are matched to the model's inputs by name and scaled with the scaler saved in the model file. RNN: the series are preprocessed as recorded in the model file."
    },
    footer = {
      "",
      "Examples:",
      "  distinct train --save mlp.json && distinct evaluate --model mlp.json",
      "  distinct evaluate --model mlp.json --data music-eeg-features.xlsx",
      "  distinct evaluate --model mlp.json --data test.csv --json",
      "  distinct train --model rnn --series S/ --save rnn.json",
      "  distinct evaluate --model rnn.json --series S/"
    })
public final class EvaluateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin ModelData modelData;
  @Mixin RnnData rnnData;

  @Override
  public Integer call() {
    SavedModel m = modelData.loadAnyModel();
    String file = modelData.modelPath().toString();
    if (m.network() instanceof ElmanRnn rnn) {
      SequenceDataset d = rnnData.load(m, file, modelData.demoSeed);
      int threads = common.threadCount();
      double[] logits = rnn.logits(d.series(), threads);
      ClassificationMetrics metrics = ClassificationMetrics.fromLogits(logits, d.labels(), d.size(), rnn.numClasses());
      TimingResult time = new ExecutionTimer(ExecutionTimer.Config.fixed(2, 7)).time(() -> rnn.logits(d.series(), threads));
      String arch = "RNN " + rnn.inputSize() + "-" + rnn.hiddenSize() + "-" + rnn.numClasses() + " tanh";
      report(m, arch, rnn.parameterCount(), rnnData.describe(modelData.demoSeed) + " (" + RnnData.describe(RnnData.preprocessing(m, file).config()) + ")",
          d.size(), "sequences", metrics, time);
      return 0;
    }
    if (!(m.network() instanceof Mlp mlp))
      throw BadInputException.at(file, 0, "kind", "cannot evaluate a '" + m.kind() + "' model");
    Dataset d = modelData.evaluationRows(m);
    double[] logits = mlp.logits(d.x(), d.rows());
    ClassificationMetrics metrics = ClassificationMetrics.fromLogits(logits, d.labels(), d.rows(), mlp.numClasses());
    TimingResult time = new ExecutionTimer(ExecutionTimer.Config.steady()).time(() -> mlp.predict(d.x(), d.rows()));
    report(m, "MLP " + ModelData.describe(mlp), mlp.parameterCount(), modelData.describeData(), d.rows(), "rows", metrics, time);
    return 0;
  }

  private void report(SavedModel m, String arch, int params, String data, int rows, String unit, ClassificationMetrics metrics,
      TimingResult time) {
    PrintWriter out = spec.commandLine().getOut();
    if (common.json) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("model", modelData.model.toString());
      j.put("kind", m.kind());
      j.put("architecture", arch);
      j.put("parameters", params);
      j.put("data", data);
      j.put("rows", rows);
      j.put("classNames", m.classNames());
      j.put("metrics", metrics);
      j.put("executionTime", time);
      out.println(Json.write(j));
    } else {
      out.println("model: " + modelData.model + " (" + arch + ", " + params + " parameters, trained with seed " + m.seed() + ", distinct "
          + m.softwareVersion() + ")");
      out.println("data: " + data + ", " + rows + " " + unit + ", classes " + m.classNames());
      out.println(String.format(Locale.ROOT, "execution time (classify all %d %s): median %.4f ms (min %.4f, max %.4f, %d repeats)",
          rows, unit, time.medianMillis(), time.minMillis(), time.maxMillis(), time.repeats()));
      out.println();
      TrainCommand.printMetrics(out, "Evaluation", metrics, m.classNames());
    }
    out.flush();
  }
}
