package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@link DenseKernelsProvider} chooses, in child JVMs with the Vector API module (the choice is made once per
 * JVM): the switching kernels with this machine's vectors, the plain ones with 128-bit vectors unless the vector ones
 * are forced, and the same bits whichever it chose.
 */
class DenseKernelsProviderTest {

  /** @return the probe's output: the kernels' name, " |", the outputs */
  private static String run(String... options) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector"));
    cmd.addAll(List.of(options));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DenseProviderProbe.class.getName()));
    Process p = new ProcessBuilder(cmd).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
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
}
