package org.distinct.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllocationCounterTest {
  private static volatile Object sink;

  @Test
  void countsTheBytesThisThreadAllocates() {
    long a0 = AllocationCounter.currentThreadBytes();
    sink = new byte[100_000];
    long a1 = AllocationCounter.currentThreadBytes();
    assertThat(a0).as("HotSpot counts per thread").isNotNegative();
    assertThat(a1 - a0).isGreaterThanOrEqualTo(100_000);
    assertThat(AllocationCounter.nothingBetween(a0, a1)).isFalse();
  }

  @Test
  void workThatCreatesNoObjectAllocatedNothing() {
    int[] a = new int[64];
    long x = 0;
    for (int warm = 0; warm < 3; warm++) { // the first rounds may load classes or fill the counter's own state
      long a0 = AllocationCounter.currentThreadBytes();
      for (int i = 0; i < a.length; i++) x += a[i] + i;
      long a1 = AllocationCounter.currentThreadBytes();
      if (warm == 2) assertThat(AllocationCounter.nothingBetween(a0, a1)).as("allocated %d bytes", a1 - a0).isTrue();
    }
    assertThat(x).isEqualTo(3 * (64 * 63 / 2));
  }

  @Test
  void anUnknownReadingCountsAsNothingAllocated() {
    assertThat(AllocationCounter.nothingBetween(-1, 500)).isTrue();
    assertThat(AllocationCounter.nothingBetween(500, -1)).isTrue();
    assertThat(AllocationCounter.nothingBetween(500, 500)).isTrue();
    assertThat(AllocationCounter.nothingBetween(500, 596)).isFalse();
  }

  /** A child JVM's main: compares two readings, or takes one too if asked ("read"). */
  public static final class Child {
    public static void main(String[] args) {
      if (args.length > 0 && args[0].equals("read")) AllocationCounter.currentThreadBytes();
      System.exit(AllocationCounter.nothingBetween(1, 2) ? 1 : 0);
    }
  }

  @Test
  void comparingReadingsDoesNotLoadTheManagementClasses(@TempDir Path dir) throws Exception {
    // a warm-up race decided by timing alone compares two unknown readings on its thread in the middle of a
    // command's start: that must not load java.management (20-40 ms in a fresh JVM); a real reading does
    assertThat(classesLoaded(dir, "compare")).contains(Child.class.getName()).doesNotContain(MANAGEMENT);
    assertThat(classesLoaded(dir, "read")).contains(MANAGEMENT);
  }

  private static final String MANAGEMENT = "java.lang.management.ManagementFactory";

  private static List<String> classesLoaded(Path dir, String mode) throws Exception {
    Path log = dir.resolve(mode + ".classes");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xshare:auto", "-XX:+UseSerialGC", "-Xlog:class+load=info:file=" + log + ":none",
        "-cp", System.getProperty("java.class.path"), Child.class.getName(), mode).redirectErrorStream(true)
        .redirectOutput(dir.resolve(mode + ".out").toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve(mode + ".out"))).isZero();
    return Files.readAllLines(log).stream().map(l -> l.split(" ", 2)[0]).toList();
  }
}
