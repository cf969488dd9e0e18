package org.distinct.train;

import java.util.SplittableRandom;
import org.distinct.data.SequenceDataset;
import org.distinct.model.Network;

/**
 * What {@link SequenceTrainer} needs to know of one sequence architecture (Elman, LSTM, GRU, Conv1D): how to initialise a
 * fresh model and how to build the float engine that trains it.
 *
 * @param <M> the double model type
 */
public interface SequenceArchitecture<M extends Network<SequenceDataset>> {

  /**
   * Engine dimensions fixed for one training run.
   *
   * @param maxSteps the longest sequence that will be passed
   * @param maxBatch the largest batch
   * @param threads worker threads (≥ 1)
   * @param truncation recurrent networks: 0 for full BPTT, else the number of last steps back-propagated (others: 0)
   */
  record EngineSize(int maxSteps, int maxBatch, int threads, int truncation) {}

  /**
   * A randomly initialised model (PyTorch's initialisation).
   *
   * @param inputSize values per time step
   * @param hidden hidden units of each layer
   * @param numClasses classes
   * @param rng randomness (Modified: advanced)
   * @return the model
   * @throws IllegalArgumentException for a layer count the architecture cannot have
   */
  M initialize(int inputSize, int[] hidden, int numClasses, SplittableRandom rng);

  /**
   * @param shape the model whose sizes the engine takes (its parameters are not loaded)
   * @param size dimensions of the run
   * @return a new engine (close it after the run)
   */
  SequenceEngine<M> engine(M shape, EngineSize size);
}
