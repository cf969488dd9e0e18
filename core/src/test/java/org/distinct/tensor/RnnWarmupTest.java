package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The RNN warm-up's hidden sizes enter every loop of the kernels at any vector length. */
class RnnWarmupTest {

  @Test
  void theSizesEnterTheBlockAndTheRemainderLoopsAtEveryLaneCount() {
    for (int floatLanes = 1; floatLanes <= 64; floatLanes *= 2) {
      for (int doubleLanes = 1; doubleLanes <= 32; doubleLanes *= 2) {
        int[][] sizes = RnnWarmup.hiddenSizes(floatLanes, doubleLanes);
        assertThat(RnnWarmup.entersBothLoops(sizes[0], floatLanes)).as("float, %d lanes", floatLanes).isTrue();
        assertThat(RnnWarmup.entersBothLoops(sizes[1], doubleLanes)).as("double, %d lanes", doubleLanes).isTrue();
      }
    }
  }

  @Test
  void theSizesOfTheWideVectorsAreKept() {
    // AVX-512 (16 float, 8 double lanes): the sizes the warm-up was tuned with
    assertThat(RnnWarmup.hiddenSizes(16, 8)).isDeepEqualTo(new int[][] {{50, 13}, {32, 13}});
  }

  @Test
  void theOldDoubleSizesMissedTheRemainderLoopWithFourLanes() {
    // what made the double inference kernel of an AVX2 machine fall back to the interpreter on real rows
    assertThat(RnnWarmup.entersBothLoops(new int[] {32, 13}, 4)).isFalse();
    assertThat(RnnWarmup.hiddenSizes(8, 4)[1]).containsExactly(32, 5);
  }
}
