package org.distinct.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
