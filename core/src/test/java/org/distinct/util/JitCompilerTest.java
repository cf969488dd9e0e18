package org.distinct.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Telling a JVM without C2 from one with it: from its properties, and in child JVMs run each way. */
class JitCompilerTest {

  /** Prints {@link JitCompiler#c2Absent()}; run in a child JVM. */
  public static final class Probe {
    /** @param args ignored */
    public static void main(String[] args) {
      System.out.println(JitCompiler.c2Absent());
    }
  }

  private static String probe(String... options) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(List.of(options));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
    Process p = new ProcessBuilder(cmd).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void theAnswerFollowsTheModeAndTheTieredLevel() {
    assertThat(JitCompiler.c2Absent("interpreted mode, sharing", -1)).isTrue();
    assertThat(JitCompiler.c2Absent("mixed mode, sharing", 1)).isTrue();
    assertThat(JitCompiler.c2Absent("mixed mode, sharing", 3)).isTrue();
    assertThat(JitCompiler.c2Absent("mixed mode, sharing", 4)).isFalse();
    assertThat(JitCompiler.c2Absent("mixed mode", -1)).isFalse(); // cannot tell: assume C2
  }

  @Test
  void childJvmsWithAndWithoutC2() throws Exception {
    assertThat(probe()).isEqualTo("false");
    assertThat(probe("-XX:TieredStopAtLevel=1")).isEqualTo("true");
    assertThat(probe("-Xint")).isEqualTo("true");
  }
}
