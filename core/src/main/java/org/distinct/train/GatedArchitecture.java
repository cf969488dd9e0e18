package org.distinct.train;

import java.util.SplittableRandom;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedRnn;
import org.distinct.model.Gru;
import org.distinct.model.Lstm;
import org.distinct.tensor.GatedKernels;
import org.distinct.tensor.GatedKernelsProvider;

/**
 * The LSTM or the GRU for {@link SequenceTrainer}: PyTorch's initialisation ({@link Lstm#initialize},
 * {@link Gru#initialize}) and the float engine {@link GatedBatchEngine} on the chosen kernels; any number of stacked
 * layers.
 *
 * @param cell LSTM or GRU
 * @param kernels the kernels the engine runs on (tests compare implementations)
 */
public record GatedArchitecture(GatedCell cell, GatedKernels kernels) implements SequenceArchitecture<GatedRnn> {

  /** Checks the arguments. */
  public GatedArchitecture {
    if (cell == null || kernels == null) throw new IllegalArgumentException("cell and kernels are required");
  }

  /**
   * @param cell LSTM or GRU
   * @return the architecture on the kernels of {@link GatedKernelsProvider#get()}
   */
  public static GatedArchitecture of(GatedCell cell) {
    return new GatedArchitecture(cell, GatedKernelsProvider.get());
  }

  @Override
  public GatedRnn initialize(int inputSize, int[] hidden, int numClasses, SplittableRandom rng) {
    return cell == GatedCell.LSTM ? Lstm.initialize(inputSize, hidden, numClasses, rng) : Gru.initialize(inputSize, hidden, numClasses, rng);
  }

  @Override
  public GatedBatchEngine engine(GatedRnn shape, EngineSize size) {
    if (shape.cell() != cell) throw new IllegalArgumentException("a " + shape.kind() + " model for the " + cell.kind() + " architecture");
    return new GatedBatchEngine(kernels, cell, shape.sizes(), size.maxSteps(), size.maxBatch(), size.threads(), size.truncation());
  }
}
