package org.distinct.model;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A many-to-one long short-term memory network (PyTorch's {@code nn.LSTM} with
 * {@code batch_first=True}, then {@code nn.Linear} on the last layer's last hidden state): see {@link GatedRnn}
 * for the stacking and {@link GatedCell#LSTM} for the equations.
 */
public final class Lstm extends GatedRnn {
  /** The model-file kind. */
  public static final String KIND = "lstm";

  /**
   * @param layers LSTM layers, input side first (kept, not copied)
   * @param wOut output weights {@code [C × H_last]}
   * @param bOut output biases {@code [C]}
   */
  public Lstm(List<GatedLayer> layers, double[] wOut, double[] bOut) {
    super(GatedCell.LSTM, layers, wOut, bOut);
  }

  /**
   * A randomly initialised network, like PyTorch ({@link GatedLayer#initialize} per layer, then the read-out).
   *
   * @param inputSize values per time step
   * @param hidden hidden units of each layer
   * @param numClasses classes
   * @param rng randomness (Modified: advanced)
   * @return the new model
   */
  public static Lstm initialize(int inputSize, int[] hidden, int numClasses, SplittableRandom rng) {
    Parts p = initializeParts(GatedCell.LSTM, inputSize, hidden, numClasses, rng);
    return new Lstm(p.layers(), p.wOut(), p.bOut());
  }
}
