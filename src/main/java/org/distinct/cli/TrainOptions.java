package org.distinct.cli;

import java.util.List;
import org.distinct.BadInputException;
import org.distinct.model.Activation;
import org.distinct.train.MlpTrainConfig;
import org.distinct.train.OptimizerConfig;
import picocli.CommandLine.Option;

/** MLP training options (a picocli mixin); defaults are the paper's. */
public final class TrainOptions {
  @Option(names = "--hidden", split = ",", paramLabel = "SIZES", defaultValue = "30",
      description = "Hidden layer sizes, e.g. 30 or 40,20 (default: ${DEFAULT-VALUE}).")
  List<Integer> hidden;

  @Option(names = "--activation", defaultValue = "sigmoid", description = "sigmoid, tanh or relu (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (SGD with momentum) (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--lr", defaultValue = "0.01", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
  double momentum;

  @Option(names = "--batch", defaultValue = "32", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--epochs", defaultValue = "1500", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--patience", defaultValue = "0",
      description = "Early stopping patience in epochs on the validation fold, 0 = off (default: ${DEFAULT-VALUE}).")
  int patience;

  /** @return the training configuration these options describe */
  MlpTrainConfig config() {
    try {
      int[] h = hidden.stream().mapToInt(Integer::intValue).toArray();
      OptimizerConfig.Kind kind = OptimizerConfig.Kind.parse(optimizer);
      OptimizerConfig opt = kind == OptimizerConfig.Kind.SGD
          ? OptimizerConfig.sgd(learningRate, momentum)
          : OptimizerConfig.adam(learningRate);
      return new MlpTrainConfig(h, Activation.parse(activation), opt, batch, epochs, true, patience, true);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("training options: " + e.getMessage(), e);
    }
  }
}
