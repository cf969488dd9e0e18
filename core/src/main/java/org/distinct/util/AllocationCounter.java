package org.distinct.util;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

/**
 * HotSpot's per-thread allocation counter ({@link ThreadMXBean#getCurrentThreadAllocatedBytes()}), looked up once: the
 * bytes the current thread has allocated on the heap so far, exact (it includes the thread's current allocation
 * buffer). Work that allocated nothing between two readings created no object, which is how the warm-ups tell compiled
 * vector code (vectors in registers) from boxed vector code, and how the execution timer tells allocating work.
 */
public final class AllocationCounter {
  private AllocationCounter() {}

  /**
   * The bean, looked up at the first reading, not when the class is initialised: {@link #nothingBetween} (which
   * a race decided by timing alone still calls) must not load {@code java.management} (20-40 ms in a fresh JVM).
   */
  private static final class Bean {
    static final ThreadMXBean BEAN = bean();
  }

  /**
   * @return the bytes the current thread has allocated so far, or -1 where the JVM does not count them (not HotSpot,
   *     counting disabled, or a runtime image without {@code jdk.management})
   */
  public static long currentThreadBytes() {
    ThreadMXBean b = Bean.BEAN;
    return b == null ? -1 : b.getCurrentThreadAllocatedBytes();
  }

  /**
   * @param before a reading of {@link #currentThreadBytes()} before some work
   * @param after a reading after it, on the same thread
   * @return whether the work allocated nothing (true when either reading is unknown)
   */
  public static boolean nothingBetween(long before, long after) {
    return before < 0 || after < 0 || after == before;
  }

  private static ThreadMXBean bean() {
    try {
      return ManagementFactory.getThreadMXBean() instanceof ThreadMXBean b && b.isThreadAllocatedMemorySupported()
          && b.isThreadAllocatedMemoryEnabled() ? b : null;
    } catch (LinkageError | RuntimeException e) {
      return null; // a runtime image without java.management or jdk.management
    }
  }
}
