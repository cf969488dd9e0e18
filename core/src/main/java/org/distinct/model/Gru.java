package org.distinct.model;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A many-to-one gated recurrent unit network (PyTorch's {@code nn.GRU} with
 * {@code batch_first=True}, then {@code nn.Linear} on the last layer's last hidden state): see {@link GatedRnn}
 * for the stacking and {@link GatedCell#GRU} for the equations.
 */
public final class Gru extends GatedRnn {
  /** The model-file kind. */
  public static final String KIND = "gru";

  /**
   * @param layers GRU layers, input side first (kept, not copied)
   * @param wOut output weights {@code [C × H_last]}
   * @param bOut output biases {@code [C]}
   */
  public Gru(List<GatedLayer> layers, double[] wOut, double[] bOut) {
    super(GatedCell.GRU, layers, wOut, bOut);
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
  public static Gru initialize(int inputSize, int[] hidden, int numClasses, SplittableRandom rng) {
    Parts p = initializeParts(GatedCell.GRU, inputSize, hidden, numClasses, rng);
    return new Gru(p.layers(), p.wOut(), p.bOut());
  }
}
