package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without {@code --add-modules jdk.incubator.vector} distinct loads and runs on the plain kernels, and they give the bits
 * of the vector kernels.
 */
class RnnKernelsFallbackTest {

  @Test
  void aJvmWithoutTheVectorModuleUsesThePlainKernels() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ProviderProbe.class.getName())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.exitValue()).as(out).isZero();
    String[] f = out.split(" ");
    assertThat(f[0]).isEqualTo("plain");
    assertThat(f[1]).isEqualTo("false");
    double[] here = ProviderProbe.model().logits(List.of(ProviderProbe.sequences().toArray(new double[0][])));
    assertThat(f).hasSize(2 + here.length);
    // the plain kernels mirror the vector ones bit for bit, whatever the padding: the same logits exactly
    for (int i = 0; i < here.length; i++)
      assertThat(Double.doubleToRawLongBits(Double.parseDouble(f[2 + i]))).as("logit %d", i).isEqualTo(Double.doubleToRawLongBits(here[i]));
  }
}
