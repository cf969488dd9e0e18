package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What {@link RnnKernelsProvider} chooses under each system property, in child JVMs with the Vector API module (the
 * choice is made once per JVM): the switching kernels by default, plain or vector when forced, vector from the start
 * without warm-ups; and the same logits, bit for bit, whichever it chose.
 */
class RnnKernelsProviderTest {

  /** @return the probe's output words: kernel name (may hold spaces), module present, logits */
  private static String run(String... props) throws Exception {
    return ChildJvm.run(ProviderProbe.class, props);
  }

  /** @return the logits part of a probe's output (after "true") */
  private static String logits(String out) {
    return out.substring(out.indexOf(" true ") + 6);
  }

  @Test
  void choosesByTheSystemPropertiesAndGivesTheSameBitsWhicheverItChose() throws Exception {
    String vectorName = RnnKernelsProvider.vectorized().orElseThrow().name();
    String byDefault = run();
    String plain = run("-Ddistinct.rnn.kernels=plain");
    String vector = run("-Ddistinct.rnn.kernels=vector");
    String noWarmup = run("-Ddistinct.warmup=false");
    assertThat(byDefault).startsWith(vectorName + " (plain until compiled) true ");
    assertThat(plain).startsWith("plain true ");
    assertThat(vector).startsWith(vectorName + " true ");
    assertThat(noWarmup).startsWith(vectorName + " true ");
    assertThat(logits(byDefault).split(" ")).hasSize(ProviderProbe.sequences().size() * 3);
    assertThat(logits(plain)).isEqualTo(logits(byDefault));
    assertThat(logits(vector)).isEqualTo(logits(byDefault));
    assertThat(logits(noWarmup)).isEqualTo(logits(byDefault));
  }

  @Test
  void withNarrowVectorsThePlainKernelsRunUnlessTheVectorOnesAreForced() throws Exception {
    String narrow = run("-XX:MaxVectorSize=16"); // 128-bit vectors: 4 floats
    String forced = run("-XX:MaxVectorSize=16", "-Ddistinct.rnn.kernels=vector");
    assertThat(narrow).startsWith("plain true ");
    assertThat(forced).startsWith("vector-128 true ");
    assertThat(logits(forced)).isEqualTo(logits(narrow));
  }
}
