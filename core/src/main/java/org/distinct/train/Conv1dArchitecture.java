package org.distinct.train;

import java.util.SplittableRandom;
import org.distinct.model.Conv1d;
import org.distinct.tensor.Conv1dKernels;
import org.distinct.tensor.Conv1dKernelsProvider;

/**
 * The Conv1D for {@link SequenceTrainer}: PyTorch's initialisation ({@link Conv1d#initialize}) of the given kernel
 * sizes, strides, paddings, activation and pooling, with the hidden sizes of the training configuration as the
 * channels of each layer, and the float engine {@link Conv1dBatchEngine} on the chosen kernels. The engine takes the
 * architecture of the model it is built for, so fine-tuning a pruned model trains its own (smaller) channels.
 *
 * @param kernels the kernels the engine runs on (tests compare implementations)
 * @param spec kernel sizes, strides, paddings, activation and pooling of a new model
 */
public record Conv1dArchitecture(Conv1dKernels kernels, Conv1d.Spec spec) implements SequenceArchitecture<Conv1d> {

  /** Checks the arguments. */
  public Conv1dArchitecture {
    if (kernels == null) throw new IllegalArgumentException("kernels are required");
    if (spec == null) throw new IllegalArgumentException("the spec is required");
  }

  /**
   * @param spec kernel sizes, strides, paddings, activation and pooling
   */
  public Conv1dArchitecture(Conv1d.Spec spec) {
    this(Conv1dKernelsProvider.get(), spec);
  }

  /**
   * @throws IllegalArgumentException when the number of hidden sizes is not the spec's number of layers
   */
  @Override
  public Conv1d initialize(int inputSize, int[] hidden, int numClasses, SplittableRandom rng) {
    if (hidden.length != spec.layers())
      throw new IllegalArgumentException(hidden.length + " channel counts for " + spec.layers() + " convolutional layers");
    return Conv1d.initialize(inputSize, hidden, numClasses, spec, rng);
  }

  /** The truncation of the size is ignored (a convolutional network has no recurrence to truncate). */
  @Override
  public Conv1dBatchEngine engine(Conv1d shape, EngineSize size) {
    return new Conv1dBatchEngine(kernels, shape, size.maxSteps(), size.maxBatch(), size.threads());
  }
}
