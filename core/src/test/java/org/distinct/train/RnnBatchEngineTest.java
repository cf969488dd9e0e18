package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.model.ElmanRnn;
import org.distinct.tensor.RnnKernels;
import org.distinct.tensor.RnnKernelsProvider;
import org.junit.jupiter.api.Test;

/** The float training path against the double reference, across kernels, batch layouts and threads. */
class RnnBatchEngineTest {
  private static final int[] LENGTHS = {30, 7, 45, 1, 18, 33, 2, 40};

  private static List<RnnKernels> kernels() {
    List<RnnKernels> ks = new ArrayList<>();
    ks.add(RnnKernelsProvider.plain());
    RnnKernelsProvider.vectorized().ifPresent(ks::add);
    assertThat(ks).hasSize(2); // tests run with the Vector API module
    return ks;
  }

  /** A model whose double weights are exactly representable in float. */
  private static ElmanRnn floatExactModel(int in, int h, int c, long seed) {
    ElmanRnn m = ElmanRnn.initialize(in, h, c, new SplittableRandom(seed));
    for (double[] p : new double[][] {m.wIh(), m.wHh(), m.b(), m.wOut(), m.bOut()})
      for (int i = 0; i < p.length; i++) p[i] = (float) (2 * p[i]);
    return m;
  }

  private static List<double[]> floatExact(List<double[]> xs) {
    for (double[] x : xs) for (int i = 0; i < x.length; i++) x[i] = (float) x[i];
    return xs;
  }

  private static int[] iota(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) a[i] = i;
    return a;
  }

  private static void assertRelClose(double[] a, double[] ref, double rel, String what) {
    double scale = 0;
    for (double v : ref) scale = Math.max(scale, Math.abs(v));
    assertThat(scale).as(what + " not trivially zero").isGreaterThan(1e-6);
    for (int i = 0; i < ref.length; i++)
      assertThat(Math.abs(a[i] - ref[i])).as("%s[%d] %s vs %s", what, i, a[i], ref[i]).isLessThanOrEqualTo(rel * scale);
  }

  @Test
  void floatGradientsMatchTheDoubleReferenceOnAnUnequalBatch() {
    for (int h : new int[] {5, 50}) {
      for (int trunc : new int[] {0, 10}) {
        ElmanRnn m = floatExactModel(2, h, 3, h + trunc);
        List<double[]> xs = floatExact(RnnTestData.sequences(LENGTHS, 2, 7));
        int[] y = RnnTestData.labels(LENGTHS.length, 3, 8);
        RnnReference.Gradients ref = RnnReference.lossAndGradients(m, xs, y, trunc);
        double[][] rg = {ref.wIh(), ref.wHh(), ref.b(), ref.wOut(), ref.bOut()};
        for (RnnKernels k : kernels()) {
          try (RnnBatchEngine e = new RnnBatchEngine(k, 2, h, 3, 45, LENGTHS.length, 2, trunc)) {
            e.setModel(m);
            double loss = e.lossAndGradients(RnnBatchEngine.toFloat(xs), y, iota(xs.size()), 0, xs.size(), null);
            assertThat(Math.abs(loss - ref.loss())).isLessThan(1e-5 * ref.loss());
            double[][] g = e.gradientsByTensor();
            for (int p = 0; p < 5; p++) assertRelClose(g[p], rg[p], 1e-4, k.name() + " h=" + h + " trunc=" + trunc + " param " + p);
          }
        }
      }
    }
  }

  @Test
  void floatPathStaysCloseToDoubleOverPaperLengthSequences() {
    // the paper's shape (1-50-3) and sequence lengths around 2,000 steps, PyTorch's initialisation
    ElmanRnn m = ElmanRnn.initialize(1, 50, 3, new SplittableRandom(21));
    for (double[] p : new double[][] {m.wIh(), m.wHh(), m.b(), m.wOut(), m.bOut()})
      for (int i = 0; i < p.length; i++) p[i] = (float) p[i];
    int[] lengths = {2197, 1608, 2000};
    List<double[]> xs = floatExact(RnnTestData.sequences(lengths, 1, 22));
    int[] y = {0, 1, 2};
    RnnReference.Gradients ref = RnnReference.lossAndGradients(m, xs, y, 0);
    double[][] rg = {ref.wIh(), ref.wHh(), ref.b(), ref.wOut(), ref.bOut()};
    for (RnnKernels k : kernels()) {
      try (RnnBatchEngine e = new RnnBatchEngine(k, 1, 50, 3, 2197, 3, 1, 0)) {
        e.setModel(m);
        double loss = e.lossAndGradients(RnnBatchEngine.toFloat(xs), y, iota(3), 0, 3, null);
        assertThat(Math.abs(loss - ref.loss())).isLessThan(1e-5 * ref.loss());
        double[][] g = e.gradientsByTensor();
        for (int p = 0; p < 5; p++) assertRelClose(g[p], rg[p], 1e-4, k.name() + " long sequences, param " + p);
      }
    }
  }

  @Test
  void aBatchOfUnequalLengthsEqualsItsSequencesOneByOne() {
    ElmanRnn m = floatExactModel(1, 20, 3, 3);
    List<double[]> xs = RnnTestData.sequences(LENGTHS, 1, 4);
    int[] y = RnnTestData.labels(LENGTHS.length, 3, 5);
    List<float[]> fx = RnnBatchEngine.toFloat(xs);
    for (RnnKernels k : kernels()) {
      try (RnnBatchEngine e = new RnnBatchEngine(k, 1, 20, 3, 45, LENGTHS.length, 1, 0)) {
        e.setModel(m);
        double batchLoss = e.lossAndGradients(fx, y, iota(xs.size()), 0, xs.size(), null);
        double[][] batch = e.gradientsByTensor();
        double[][] sum = new double[5][];
        double loss = 0;
        for (int q = 0; q < xs.size(); q++) {
          loss += e.lossAndGradients(fx, y, new int[] {q}, 0, 1, null);
          double[][] g = e.gradientsByTensor();
          for (int p = 0; p < 5; p++) {
            if (sum[p] == null) sum[p] = new double[g[p].length];
            for (int i = 0; i < g[p].length; i++) sum[p][i] += g[p][i];
          }
        }
        assertThat(Math.abs(batchLoss - loss / xs.size())).isLessThan(1e-12);
        for (int p = 0; p < 5; p++) {
          for (int i = 0; i < sum[p].length; i++) sum[p][i] /= xs.size();
          assertRelClose(batch[p], sum[p], 1e-6, k.name() + " param " + p);
        }
      }
    }
  }

  @Test
  void resultsAreBitIdenticalForAnyNumberOfThreads() {
    ElmanRnn m = floatExactModel(1, 50, 3, 9);
    List<float[]> fx = RnnBatchEngine.toFloat(RnnTestData.sequences(LENGTHS, 1, 10));
    int[] y = RnnTestData.labels(LENGTHS.length, 3, 11);
    int[] idx = {3, 0, 7, 5, 1, 6, 2, 4};
    double[][] first = null;
    double firstLoss = 0;
    for (int threads : new int[] {1, 2, 3, 8}) {
      try (RnnBatchEngine e = new RnnBatchEngine(RnnKernelsProvider.get(), 1, 50, 3, 45, 8, threads, 0)) {
        e.setModel(m);
        double loss = e.lossAndGradients(fx, y, idx, 0, 8, null);
        double[][] g = e.gradientsByTensor();
        if (first == null) {
          first = g;
          firstLoss = loss;
        } else {
          assertThat(loss).isEqualTo(firstLoss);
          for (int p = 0; p < 5; p++) assertThat(g[p]).containsExactly(first[p]);
        }
      }
    }
  }

  @Test
  void modelRoundTripsThroughTheFloatEngine() {
    ElmanRnn m = floatExactModel(2, 37, 4, 12);
    try (RnnBatchEngine e = new RnnBatchEngine(RnnKernelsProvider.get(), 2, 37, 4, 10, 4, 1, 0)) {
      e.setModel(m);
      assertThat(e.toModel()).isEqualTo(m);
    }
  }

  @Test
  void clippingScalesTheGradientToTheLimit() {
    ElmanRnn m = floatExactModel(1, 8, 3, 13);
    List<float[]> fx = RnnBatchEngine.toFloat(RnnTestData.sequences(LENGTHS, 1, 14));
    int[] y = RnnTestData.labels(LENGTHS.length, 3, 15);
    try (RnnBatchEngine e = new RnnBatchEngine(RnnKernelsProvider.get(), 1, 8, 3, 45, 8, 1, 0)) {
      e.setModel(m);
      e.lossAndGradients(fx, y, iota(8), 0, 8, null);
      double before = e.gradientNorm();
      double limit = before / 4;
      assertThat(e.clipGradientNorm(limit)).isEqualTo(before);
      assertThat(e.gradientNorm()).isCloseTo(limit, org.assertj.core.data.Offset.offset(1e-5 * limit));
      assertThat(e.clipGradientNorm(10 * before)).isCloseTo(limit, org.assertj.core.data.Offset.offset(1e-5 * limit));
      assertThat(e.gradientNorm()).isCloseTo(limit, org.assertj.core.data.Offset.offset(1e-5 * limit));
    }
  }
}
