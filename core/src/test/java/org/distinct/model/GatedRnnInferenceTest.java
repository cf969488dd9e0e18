package org.distinct.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The kernel inference of LSTM and GRU against the textbook loop, and its independence of the thread count. */
class GatedRnnInferenceTest {
  private static final int[] LENGTHS = {40, 7, 1, 63, 25};

  private static List<double[]> sequences(int in, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<double[]> out = new ArrayList<>();
    for (int len : LENGTHS) {
      double[] x = new double[len * in];
      for (int i = 0; i < x.length; i++) x[i] = r.nextDouble();
      out.add(x);
    }
    return out;
  }

  private static List<GatedRnn> models() {
    List<GatedRnn> ms = new ArrayList<>();
    for (int[] hidden : new int[][] {{50}, {13, 6}}) {
      ms.add(Lstm.initialize(3, hidden, 3, new SplittableRandom(hidden.length)));
      ms.add(Gru.initialize(3, hidden, 3, new SplittableRandom(10 + hidden.length)));
    }
    // larger weights drive the gates into saturation, where sigmoid and tanh differ most
    GatedRnn big = Lstm.initialize(3, new int[] {9}, 4, new SplittableRandom(5));
    for (GatedLayer g : big.layers()) for (double[] a : new double[][] {g.wIh(), g.wHh(), g.bIh(), g.bHh()})
      for (int i = 0; i < a.length; i++) a[i] *= 8;
    ms.add(big);
    return ms;
  }

  /** Agreement relative to the largest reference value. */
  private static void assertRelClose(double[] a, double[] ref, String what) {
    assertThat(a).hasSize(ref.length);
    double scale = 0;
    for (double v : ref) scale = Math.max(scale, Math.abs(v));
    assertThat(scale).as(what + " not trivially zero").isGreaterThan(1e-3);
    for (int i = 0; i < ref.length; i++)
      assertThat(Math.abs(a[i] - ref[i])).as("%s[%d] %s vs %s", what, i, a[i], ref[i]).isLessThanOrEqualTo(1e-12 * scale);
  }

  @Test
  void kernelLogitsAndHiddenStatesAgreeWithTheTextbookLoop() {
    List<double[]> xs = sequences(3, 1);
    for (GatedRnn m : models()) {
      assertRelClose(m.logits(xs), m.textbookLogits(xs), m + " logits");
      for (int l = 0; l < m.layerCount(); l++) {
        assertRelClose(m.hiddenStates(xs, l, false), m.textbookHiddenStates(xs, l, false), m + " states of layer " + l);
        assertRelClose(m.hiddenStates(xs, l, true), m.textbookHiddenStates(xs, l, true), m + " last states of layer " + l);
      }
    }
  }

  @Test
  void logitsDoNotDependOnTheThreadCount() {
    List<double[]> xs = sequences(3, 2);
    for (GatedRnn m : models()) {
      double[] one = m.logits(xs, 1);
      for (int threads : new int[] {2, 3, 8}) assertThat(m.logits(xs, threads)).containsExactly(one);
    }
  }

  @Test
  void theTextbookLoopAndTheKernelsSeeEachSequenceFromZeroStates() {
    // a sequence's logits do not depend on its neighbours or its position in the list
    List<double[]> xs = sequences(3, 3);
    for (GatedRnn m : models()) {
      double[] all = m.logits(xs);
      for (int s = 0; s < xs.size(); s++) {
        double[] alone = m.logits(List.of(xs.get(s)));
        for (int c = 0; c < m.numClasses(); c++) assertThat(alone[c]).isEqualTo(all[s * m.numClasses() + c]);
      }
    }
  }
}
