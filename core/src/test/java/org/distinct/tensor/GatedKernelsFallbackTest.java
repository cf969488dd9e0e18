package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.distinct.model.GatedRnn;
import org.junit.jupiter.api.Test;

/** Without {@code --add-modules jdk.incubator.vector} the gated models load and run on the plain kernels. */
class GatedKernelsFallbackTest {

  @Test
  void aJvmWithoutTheVectorModuleUsesThePlainGatedKernels() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), GatedProviderProbe.class.getName())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.exitValue()).as(out).isZero();
    String[] f = out.split(" ");
    assertThat(f[0]).isEqualTo("plain");
    assertThat(f[1]).isEqualTo("false");
    int i = 2;
    for (GatedRnn m : GatedProviderProbe.models()) {
      double[] here = m.logits(GatedProviderProbe.sequences()); // vector kernels in this JVM
      for (double v : here) assertThat(Math.abs(Double.parseDouble(f[i++]) - v)).isLessThan(1e-12);
    }
    assertThat(f).hasSize(i);
  }
}
