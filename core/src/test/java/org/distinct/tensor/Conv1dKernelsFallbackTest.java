package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without {@code --add-modules jdk.incubator.vector} distinct loads and runs the Conv1D on the plain kernels: double
 * inference gives the logits of the vector kernels to 1e-12, the float training engine the same batch loss to float
 * rounding.
 */
class Conv1dKernelsFallbackTest {

  @Test
  void aJvmWithoutTheVectorModuleUsesThePlainKernels() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Conv1dProviderProbe.class.getName())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.exitValue()).as(out).isZero();
    String[] f = out.split(" ");
    assertThat(f[0]).isEqualTo("plain");
    assertThat(f[1]).isEqualTo("false");
    assertThat(Conv1dKernelsProvider.get().name()).startsWith("vector-"); // this JVM: the other implementation
    double loss = Conv1dProviderProbe.engineLoss();
    assertThat(Math.abs(Double.parseDouble(f[2]) - loss)).isLessThan(1e-5 * loss);
    double[] here = Conv1dProviderProbe.model().logits(Conv1dProviderProbe.sequences());
    assertThat(f).hasSize(3 + here.length);
    for (int i = 0; i < here.length; i++) assertThat(Math.abs(Double.parseDouble(f[3 + i]) - here[i])).isLessThan(1e-12);
  }
}
