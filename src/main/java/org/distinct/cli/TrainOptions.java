package org.distinct.cli;

import java.util.List;
import org.distinct.BadInputException;
import org.distinct.model.Activation;
import org.distinct.train.MlpTrainConfig;
import org.distinct.train.OptimizerConfig;
import org.distinct.train.RnnTrainConfig;
import picocli.CommandLine.Option;

/**
 * Training options (a picocli mixin). Unset options take the paper's values for the chosen model: MLP 30 sigmoid
 * units, Adam lr 0.01, batch 32, 1500 epochs; RNN 50 tanh units, Adam lr 0.003, batch 32, 200 epochs.
 */
public final class TrainOptions {
  @Option(names = "--hidden", split = ",", paramLabel = "SIZES",
      description = "Hidden layer sizes, e.g. 30 or 40,20 (RNN: one size) (default: 30 for the MLP, 50 for the RNN).")
  List<Integer> hidden;

  @Option(names = "--activation", defaultValue = "sigmoid", description = "MLP hidden activation: sigmoid, tanh or relu (default: ${DEFAULT-VALUE}).")
  String activation;

  @Option(names = "--optimizer", defaultValue = "adam", description = "MLP optimizer: adam or sgd (SGD with momentum) (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(names = "--lr", description = "Learning rate (default: 0.01 for the MLP, 0.003 for the RNN).")
  Double learningRate;

  @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
  double momentum;

  @Option(names = "--batch", defaultValue = "32", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--epochs", description = "Epochs (default: 1500 for the MLP, 200 for the RNN).")
  Integer epochs;

  @Option(names = "--patience", defaultValue = "0",
      description = "MLP early stopping patience in epochs on the validation fold, 0 = off (default: ${DEFAULT-VALUE}).")
  int patience;

  @Option(names = "--clip", defaultValue = "0", description = "RNN gradient-norm clipping, 0 = off (default: ${DEFAULT-VALUE}).")
  double clip;

  @Option(names = "--truncation", defaultValue = "0",
      description = "RNN truncated back-propagation through time: last N steps, 0 = full BPTT (default: ${DEFAULT-VALUE}).")
  int truncation;

  /** @return the MLP training configuration these options describe */
  MlpTrainConfig mlpConfig() {
    try {
      int[] h = hidden == null ? new int[] {30} : hidden.stream().mapToInt(Integer::intValue).toArray();
      double lr = learningRate == null ? 0.01 : learningRate;
      OptimizerConfig.Kind kind = OptimizerConfig.Kind.parse(optimizer);
      OptimizerConfig opt = kind == OptimizerConfig.Kind.SGD ? OptimizerConfig.sgd(lr, momentum) : OptimizerConfig.adam(lr);
      return new MlpTrainConfig(h, Activation.parse(activation), opt, batch, epochs == null ? 1500 : epochs, true, patience, true);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("training options: " + e.getMessage(), e);
    }
  }

  /**
   * @param threads threads per batch
   * @return the RNN training configuration these options describe
   */
  RnnTrainConfig rnnConfig(int threads) {
    try {
      if (hidden != null && hidden.size() != 1) throw new IllegalArgumentException("the RNN has one hidden layer: give one --hidden size");
      int h = hidden == null ? 50 : hidden.get(0);
      return new RnnTrainConfig(h, learningRate == null ? 0.003 : learningRate, 0.9, 0.999, 1e-8, batch, epochs == null ? 200 : epochs,
          truncation, clip, true, threads);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("training options: " + e.getMessage(), e);
    }
  }
}
