package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Without {@code --add-modules jdk.incubator.vector} distinct loads and runs on the plain kernels. */
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
    for (int i = 0; i < here.length; i++) assertThat(Math.abs(Double.parseDouble(f[2 + i]) - here[i])).isLessThan(1e-12);
  }
}
