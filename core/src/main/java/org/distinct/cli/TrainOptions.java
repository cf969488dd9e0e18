package org.distinct.cli;

import java.util.List;
import java.util.Locale;
import org.distinct.family.TrainSettings;
import org.distinct.model.Activation;
import org.distinct.train.OptimizerConfig;
import picocli.CommandLine.Option;

/**
 * Training options (a picocli mixin). Every option left out takes the chosen family's default (the paper's values:
 * MLP 30 sigmoid units, Adam lr 0.01, batch 32, 1500 epochs; RNN 50 tanh units, Adam lr 0.003, batch 32, 200 epochs,
 * clipping at 1.0); an option a family cannot use is refused in one line.
 */
public final class TrainOptions {
  @Option(names = "--hidden", split = ",", paramLabel = "SIZES",
      description = "Hidden layer sizes, e.g. 30 or 40,20 (default: the family's, 30 for the MLP, 50 for the RNN).")
  List<Integer> hidden;

  @Option(names = "--activation", paramLabel = "F", converter = Words.ActivationConverter.class,
      completionCandidates = Words.ActivationWords.class,
      description = "MLP hidden activation: ${COMPLETION-CANDIDATES} (default: sigmoid); Conv1D: relu (default) or tanh.")
  Activation activation;

  @Option(names = "--optimizer", paramLabel = "OPT", converter = Words.OptimizerConverter.class,
      completionCandidates = Words.OptimizerWords.class, description = "Optimizer: ${COMPLETION-CANDIDATES} (SGD with momentum) (default: adam).")
  OptimizerConfig.Kind optimizer;

  @Option(names = "--lr", description = "Learning rate (default: the family's, 0.01 for the MLP, 0.003 for the RNN).")
  Double learningRate;

  @Option(names = "--momentum", description = "SGD momentum (default: 0.9).")
  Double momentum;

  @Option(names = "--batch", description = "Mini-batch size (default: 32).")
  Integer batch;

  @Option(names = "--epochs", description = "Epochs (default: the family's, 1500 for the MLP, 200 for the RNN).")
  Integer epochs;

  @Option(names = "--patience", description = "MLP early stopping patience in epochs on the validation fold, 0 = off (default: 0).")
  Integer patience;

  @Option(names = "--clip", description = "Recurrent models: gradient-norm clipping, 0 = off (default: 1.0).")
  Double clip;

  @Option(names = "--truncation",
      description = "Recurrent models: truncated back-propagation through time over the last N steps, 0 = full BPTT (default: 0).")
  Integer truncation;

  @Option(names = "--kernel", split = ",", paramLabel = "SIZES",
      description = "Conv1D: kernel size of every layer, or one per layer, e.g. 5 or 7,5 (default: 5).")
  List<Integer> kernel;

  @Option(names = "--stride", split = ",", paramLabel = "N", description = "Conv1D: stride of every layer, or one per layer (default: 2).")
  List<Integer> stride;

  @Option(names = "--padding", split = ",", paramLabel = "N",
      description = "Conv1D: zero padding on each side of every layer, or one per layer (default: half the kernel).")
  List<Integer> padding;

  @Option(names = "--pool", paramLabel = "POOL", description = "Conv1D: global pooling over the positions, avg or max (default: avg).")
  String pool;

  /**
   * @param threads worker threads inside one training
   * @return the settings these options give
   */
  TrainSettings settings(int threads) {
    return new TrainSettings(hidden, activation == null ? null : activation.name().toLowerCase(Locale.ROOT),
        optimizer == null ? null : optimizer.name().toLowerCase(Locale.ROOT), learningRate, momentum, batch, epochs, patience, clip,
        truncation, threads, kernel, stride, padding, pool);
  }
}
