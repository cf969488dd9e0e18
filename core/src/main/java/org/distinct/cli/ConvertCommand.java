package org.distinct.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distinct.BadInputException;
import org.distinct.model.Network;
import org.distinct.model.SavedModel;
import org.distinct.onnx.ModelOrigin;
import org.distinct.onnx.Models;
import org.distinct.onnx.OnnxFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code distinct convert IN OUT}: converts between distinct model files ({@code .json}) and ONNX ({@code .onnx}) in either
 * direction, chosen by the file extensions ({@code docs/onnx.md}). The input is read and checked completely and the output
 * written atomically, so a refused input writes nothing.
 */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Convert a model between the distinct model file (.json) and ONNX (.onnx); the extensions choose the direction.",
      "ONNX files are written with standard operators (opset " + OnnxFormat.OPSET + ", IR " + OnnxFormat.IR_VERSION + "), input '"
          + OnnxFormat.INPUT + "', output '" + OnnxFormat.OUTPUT + "', and the feature names, class names, scaler and training "
          + "configuration as metadata. ONNX graphs from other frameworks (e.g. torch.onnx.export) carry none of these: the model "
          + "file then gets placeholder names, and the commands take the data's columns in order and the classes in sorted label order."
    },
    footer = {
      "",
      "Examples:",
      "  distinct train --save mlp.json && distinct convert mlp.json mlp.onnx",
      "  distinct convert model.onnx model.json      a PyTorch export as a distinct model file",
      "  distinct prune --model model.onnx --data table.csv   writes distinct-prune/pruned.onnx"
    })
public final class ConvertCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "IN", description = "The model to read (.json model file or .onnx).")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "The file to write (.json or .onnx); replaced if it exists.")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (!Models.isOnnx(out) && !Models.isJson(out))
      throw new BadInputException(out + ": unknown model format (the output name must end in .json or .onnx)");
    SavedModel m = Models.load(in);
    Models.save(out, m);
    Network<?> n = m.network();
    ModelOrigin o = ModelOrigin.of(m);
    List<String> assumed = o == null ? List.of() : new ArrayList<>(o.assumed());
    PrintWriter pw = spec.commandLine().getOut();
    if (common.json) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("in", in.toString());
      j.put("out", out.toString());
      j.put("kind", n.kind());
      j.put("inputs", n.inputSize());
      j.put("classes", n.numClasses());
      j.put("parameters", n.parameterCount());
      j.put("format", Models.isOnnx(out) ? "onnx" : "distinct-model");
      j.put("assumed", assumed);
      pw.println(Json.write(j));
    } else {
      pw.println("converted " + in + " (" + n.kind() + ", " + n.inputSize() + " inputs, " + n.numClasses() + " classes, " + n.parameterCount()
          + " parameters) to " + out + (Models.isOnnx(out) ? " (ONNX opset " + OnnxFormat.OPSET + ", IR " + OnnxFormat.IR_VERSION
          + ", input '" + OnnxFormat.INPUT + "', output '" + OnnxFormat.OUTPUT + "')" : " (distinct model file)"));
      if (!assumed.isEmpty())
        pw.println("not in " + in + ": " + String.join(", ", assumed) + " (the commands take the data's columns in order, classes in sorted "
            + "label order, and preprocessing only from options)");
    }
    pw.flush();
    return 0;
  }
}
