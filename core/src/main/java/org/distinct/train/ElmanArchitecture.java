package org.distinct.train;

import java.util.SplittableRandom;
import org.distinct.model.ElmanRnn;
import org.distinct.tensor.RnnKernels;
import org.distinct.tensor.RnnKernelsProvider;

/**
 * The Elman RNN for {@link SequenceTrainer}: PyTorch's initialisation ({@link ElmanRnn#initialize}) and the float
 * engine {@link RnnBatchEngine} on the chosen kernels. One hidden layer.
 *
 * @param kernels the kernels the engine runs on (tests compare implementations)
 */
public record ElmanArchitecture(RnnKernels kernels) implements SequenceArchitecture<ElmanRnn> {

  /** Checks the kernels. */
  public ElmanArchitecture {
    if (kernels == null) throw new IllegalArgumentException("kernels are required");
  }

  /** The kernels of {@link RnnKernelsProvider#get()}. */
  public ElmanArchitecture() {
    this(RnnKernelsProvider.get());
  }

  @Override
  public ElmanRnn initialize(int inputSize, int[] hidden, int numClasses, SplittableRandom rng) {
    if (hidden.length != 1) throw new IllegalArgumentException("the Elman RNN has one hidden layer, got " + hidden.length);
    return ElmanRnn.initialize(inputSize, hidden[0], numClasses, rng);
  }

  @Override
  public RnnBatchEngine engine(ElmanRnn shape, EngineSize size) {
    return new RnnBatchEngine(kernels, shape.inputSize(), shape.hiddenSize(), shape.numClasses(), size.maxSteps(), size.maxBatch(),
        size.threads(), size.truncation());
  }
}
