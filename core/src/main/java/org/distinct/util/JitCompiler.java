package org.distinct.util;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Whether this JVM has HotSpot's optimising compiler (C2), which the Vector API needs to be fast: without it
 * ({@code -Xint}, {@code -XX:TieredStopAtLevel=1..3}) vector code stays interpreted or C1-compiled, many times slower
 * than plain Java, and a warm-up waiting for it to win would wait for nothing. Asked only when a warm-up has gone on
 * for a while without a win: the answer loads {@code java.management} (20-40 ms in a fresh JVM), once.
 */
public final class JitCompiler {
  private JitCompiler() {}

  private static final class Answer {
    static final boolean C2_ABSENT = c2Absent(System.getProperty("java.vm.info", ""), tieredStopAtLevel());
  }

  /**
   * @return true only when this JVM certainly has no C2: interpreted mode, or tiered compilation stopped below level
   *     4 (false when it has C2 or cannot tell)
   */
  public static boolean c2Absent() {
    return Answer.C2_ABSENT;
  }

  /**
   * @param vmInfo the {@code java.vm.info} property ("mixed mode, sharing", "interpreted mode", ...)
   * @param tieredStopAtLevel the value of {@code -XX:TieredStopAtLevel}, or -1 if unknown
   * @return whether these describe a JVM without C2
   */
  static boolean c2Absent(String vmInfo, int tieredStopAtLevel) {
    return vmInfo.contains("interpreted mode") || tieredStopAtLevel >= 0 && tieredStopAtLevel < 4;
  }

  private static int tieredStopAtLevel() {
    try {
      HotSpotDiagnosticMXBean b = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return b == null ? -1 : Integer.parseInt(b.getVMOption("TieredStopAtLevel").getValue());
    } catch (LinkageError | RuntimeException e) {
      return -1; // not HotSpot, or a runtime image without jdk.management
    }
  }
}
