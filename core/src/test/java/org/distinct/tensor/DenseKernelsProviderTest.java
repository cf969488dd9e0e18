package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What {@link DenseKernelsProvider} chooses, in child JVMs with the Vector API module (the choice is made once per
 * JVM): the switching kernels with this machine's vectors, the plain ones with 128-bit vectors unless the vector ones
 * are forced, and the same bits whichever it chose.
 */
class DenseKernelsProviderTest {

  /** @return the probe's output: the kernels' name, " |", the outputs */
  private static String run(String... options) throws Exception {
    return ChildJvm.run(DenseProviderProbe.class, options);
  }

  private static String outputs(String out) {
    return out.substring(out.indexOf(" |") + 2);
  }

  @Test
  void withNarrowVectorsThePlainKernelsRunUnlessTheVectorOnesAreForced() throws Exception {
    int lanes = DenseKernelsProvider.vectorized().orElseThrow().lanes();
    String byDefault = run();
    String narrow = run("-XX:MaxVectorSize=16"); // 128-bit vectors: 2 doubles
    String forced = run("-XX:MaxVectorSize=16", "-Ddistinct.dense.kernels=vector");
    assertThat(byDefault).startsWith(lanes >= DenseKernelsProvider.MIN_LANES ? "vector, " + lanes + " lanes (plain until compiled) |" : "plain |");
    assertThat(narrow).startsWith("plain |");
    assertThat(forced).startsWith("vector, 2 lanes |");
    assertThat(outputs(byDefault).split(" ")).hasSize(7 * DenseKernels.pad(9) + 1);
    assertThat(outputs(narrow)).isEqualTo(outputs(byDefault));
    assertThat(outputs(forced)).isEqualTo(outputs(byDefault));
  }

  @Test
  void usingTheKernelsStartsNoWarmUpUntilTheirWorkPaysForOne() throws Exception {
    if (DenseKernelsProvider.vectorized().orElseThrow().lanes() < DenseKernelsProvider.MIN_LANES) return; // plain: no warm-ups
    // training: nothing at first use, nor just below the demand; the full warm-up once the plain kernels reach it
    assertThat(ChildJvm.run(DenseDemandProbe.class, "-Dprobe.mode=training").lines())
        .containsExactly("used:", "below:", "beyond:DENSE");
    // inference: nothing at first use or after a little work; a timing starts the inference warm-up
    assertThat(ChildJvm.run(DenseDemandProbe.class, "-Dprobe.mode=inference").lines())
        .containsExactly("used:", "below:", "timing:DENSE_INFERENCE");
    // without the switching kernels (forced) no warm-up starts at all
    assertThat(ChildJvm.run(DenseDemandProbe.class, "-Dprobe.mode=training", "-Ddistinct.dense.kernels=vector").lines())
        .containsExactly("used:", "below:", "beyond:");
  }
}
