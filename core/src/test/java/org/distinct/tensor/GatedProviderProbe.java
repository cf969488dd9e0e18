package org.distinct.tensor;

import java.util.List;
import java.util.SplittableRandom;
import org.distinct.model.GatedRnn;
import org.distinct.model.Gru;
import org.distinct.model.Lstm;

/** Prints the chosen gated kernels and two models' logits; run in a JVM without the Vector API module by a test. */
public final class GatedProviderProbe {
  private GatedProviderProbe() {}

  /** @return the probe models: a one-layer LSTM and a two-layer GRU */
  static List<GatedRnn> models() {
    return List.of(Lstm.initialize(1, new int[] {50}, 3, new SplittableRandom(8)),
        Gru.initialize(1, new int[] {20, 9}, 3, new SplittableRandom(18)));
  }

  /** @return the probe sequences */
  static List<double[]> sequences() {
    return ProviderProbe.sequences();
  }

  /** @param args ignored */
  public static void main(String[] args) {
    StringBuilder sb = new StringBuilder(GatedKernelsProvider.get().name()).append(' ').append(RnnKernelsProvider.vectorModulePresent());
    for (GatedRnn m : models()) for (double v : m.logits(sequences())) sb.append(' ').append(v);
    System.out.println(sb);
  }
}
