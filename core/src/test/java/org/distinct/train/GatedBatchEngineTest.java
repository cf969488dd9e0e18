package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedRnn;
import org.distinct.tensor.GatedFloatWeights;
import org.distinct.tensor.GatedKernels;
import org.distinct.tensor.GatedKernelsProvider;
import org.distinct.tensor.GatedTape;
import org.junit.jupiter.api.Test;

/**
 * The float LSTM/GRU training path against central differences of the double textbook loss, across kernels,
 * layer stacks, truncation and threads; the flat buffer's layout and padding.
 */
class GatedBatchEngineTest {
  private static final int[] LENGTHS = {9, 3, 12, 1, 7};
  private static final GatedCell[] CELLS = {GatedCell.LSTM, GatedCell.GRU};

  private static List<GatedKernels> kernels() {
    List<GatedKernels> ks = new ArrayList<>();
    ks.add(GatedKernelsProvider.plain());
    GatedKernelsProvider.vectorized().ifPresent(ks::add);
    assertThat(ks).hasSize(2); // tests run with the Vector API module
    return ks;
  }

  private static int[] iota(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) a[i] = i;
    return a;
  }

  private static int maxLength(List<double[]> xs, int in) {
    int m = 1;
    for (double[] x : xs) m = Math.max(m, x.length / in);
    return m;
  }

  /**
   * Compares a gradient with a reference tensor by tensor (PyTorch parameters), each relative to its largest
   * reference entry.
   */
  private static void assertGradientClose(GatedRnn m, float[] g, double[] ref, double rel, String what) {
    assertThat(g).hasSize(ref.length);
    int pos = 0;
    int p = 0;
    for (double[] a : GatedEngineTestData.arrays(m)) {
      double scale = 0;
      for (int i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(ref[pos + i]));
      assertThat(scale).as("%s tensor %d is not trivially zero", what, p).isGreaterThan(1e-7);
      for (int i = 0; i < a.length; i++)
        assertThat(Math.abs(g[pos + i] - ref[pos + i])).as("%s tensor %d [%d]: %s vs %s", what, p, i, g[pos + i], ref[pos + i])
            .isLessThanOrEqualTo(rel * scale);
      pos += a.length;
      p++;
    }
  }

  /** One configuration: loss against the textbook loss, gradient against its central differences, every kernel. */
  private static void checkAgainstDifferences(GatedCell cell, int[] sizes, int truncation, long seed) {
    GatedRnn m = GatedEngineTestData.floatExactModel(cell, sizes, 2.0, seed);
    List<double[]> xs = RnnTestData.sequences(LENGTHS, sizes[0], seed + 1);
    for (double[] x : xs) for (int i = 0; i < x.length; i++) x[i] = (float) x[i];
    int[] y = RnnTestData.labels(xs.size(), sizes[sizes.length - 1], seed + 2);
    double refLoss = GatedEngineTestData.loss(m, m, xs, y, truncation);
    double[] fd = GatedEngineTestData.centralDifferences(m, xs, y, truncation, 1e-6);
    assertEngineMatches(m, xs, y, truncation, refLoss, fd);
  }

  /**
   * Runs the engine with both kernel sets, 2 threads, the whole list as one batch, and compares its loss (1e-5
   * relative) and gradient (1e-4 of each tensor's largest entry) with a reference: central differences here,
   * golden values from PyTorch in another test (the gradient in the flat PyTorch {@code parameters()} order).
   *
   * @param m the model, float-exact (Not modified)
   * @param xs sequences, float-exact (Not modified)
   * @param y labels (Not modified)
   * @param truncation 0 or N
   * @param refLoss the reference mean loss
   * @param refGrad the reference gradient (Not modified)
   */
  static void assertEngineMatches(GatedRnn m, List<double[]> xs, int[] y, int truncation, double refLoss, double[] refGrad) {
    int[] sizes = m.sizes();
    for (GatedKernels k : kernels()) {
      try (GatedBatchEngine e = new GatedBatchEngine(k, m.cell(), sizes, maxLength(xs, sizes[0]), xs.size(), 2, truncation)) {
        e.setModel(m);
        double loss = e.lossAndGradients(RnnBatchEngine.toFloat(xs), y, iota(xs.size()), 0, xs.size(), null);
        String what = k.name() + " " + m.cell() + Arrays.toString(sizes) + " trunc " + truncation;
        assertThat(Math.abs(loss - refLoss)).as(what).isLessThan(1e-5 * refLoss);
        assertGradientClose(m, e.gradients(), refGrad, 1e-4, what);
      }
    }
  }

  @Test
  void gradientsMatchCentralDifferencesOfTheTextbookLossOneLayer() {
    for (GatedCell cell : CELLS)
      for (int trunc : new int[] {0, 4}) checkAgainstDifferences(cell, new int[] {3, 5, 3}, trunc, 11 + trunc);
  }

  @Test
  void gradientsMatchCentralDifferencesOfTheTextbookLossTwoLayers() {
    for (GatedCell cell : CELLS)
      for (int trunc : new int[] {0, 5}) checkAgainstDifferences(cell, new int[] {3, 6, 4, 3}, trunc, 21 + trunc);
  }

  @Test
  void theTruncatedLossOfTheHelperIsTheModelsLossWithoutTruncation() {
    // ties the second textbook forward used for the differences to GatedRnn's own
    for (GatedCell cell : CELLS) {
      GatedRnn m = GatedEngineTestData.floatExactModel(cell, new int[] {3, 6, 4, 3}, 2.0, 5);
      List<double[]> xs = RnnTestData.sequences(LENGTHS, 3, 6);
      int[] y = RnnTestData.labels(xs.size(), 3, 7);
      double[] z = m.logits(xs);
      double loss = 0;
      for (int s = 0; s < xs.size(); s++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 3; c++) max = Math.max(max, z[s * 3 + c]);
        double e = 0;
        for (int c = 0; c < 3; c++) e += Math.exp(z[s * 3 + c] - max);
        loss += max + Math.log(e) - z[s * 3 + y[s]];
      }
      assertThat(GatedEngineTestData.loss(m, m, xs, y, 0)).isCloseTo(loss / xs.size(), Offset.offset(1e-12));
      GatedRnn other = GatedEngineTestData.floatExactModel(cell, new int[] {3, 6, 4, 3}, 2.0, 99);
      assertThat(GatedEngineTestData.loss(m, other, xs, y, 4)).isNotEqualTo(GatedEngineTestData.loss(m, m, xs, y, 4));
    }
  }

  @Test
  void floatPathStaysCloseToDoubleOverPaperLengthSequences() {
    int[] lengths = {2197, 1608, 2000};
    List<double[]> xs = GatedEngineTestData.unitSequences(lengths, 1, 31);
    int[] y = {0, 1, 2};
    for (GatedCell cell : CELLS) {
      GatedRnn m = GatedEngineTestData.floatExactModel(cell, new int[] {1, 50, 3}, 1.0, 32);
      double refLoss = meanLoss(m, xs, y);
      for (GatedKernels k : kernels()) {
        try (GatedBatchEngine e = new GatedBatchEngine(k, cell, new int[] {1, 50, 3}, 2197, 3, 2, 0)) {
          e.setModel(m);
          double loss = e.lossAndGradients(RnnBatchEngine.toFloat(xs), y, iota(3), 0, 3, null);
          assertThat(Math.abs(loss - refLoss)).as(k.name() + " " + cell).isLessThan(1e-5 * refLoss);
          checkProjections(m, e.gradients(), xs, y, k.name() + " " + cell);
        }
      }
    }
  }

  private static double meanLoss(GatedRnn m, List<double[]> xs, int[] y) {
    double[] z = m.logits(xs);
    int c = m.numClasses();
    double sum = 0;
    for (int s = 0; s < xs.size(); s++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < c; k++) max = Math.max(max, z[s * c + k]);
      double e = 0;
      for (int k = 0; k < c; k++) e += Math.exp(z[s * c + k] - max);
      sum += max + Math.log(e) - z[s * c + y[s]];
    }
    return sum / xs.size();
  }

  /**
   * Per parameter tensor: three random coordinates and one random direction of the float gradient against
   * central differences of the double loss (double kernels, tied to the textbook by GatedRnnInferenceTest),
   * within 1e-4 of the tensor's largest gradient entry (times the direction's norm).
   */
  private static void checkProjections(GatedRnn m, float[] g, List<double[]> xs, int[] y, String what) {
    SplittableRandom r = new SplittableRandom(77);
    GatedRnn work = m.copy();
    int pos = 0;
    int p = 0;
    double eps = 1e-5;
    for (double[] a : GatedEngineTestData.arrays(work)) {
      double scale = 0;
      for (int i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(g[pos + i]));
      for (int trial = 0; trial < 4; trial++) {
        double[] dir = new double[a.length];
        if (trial < 3) dir[r.nextInt(a.length)] = 1;
        else for (int i = 0; i < a.length; i++) dir[i] = r.nextDouble(-1, 1);
        double norm = 0;
        double proj = 0;
        for (int i = 0; i < a.length; i++) {
          norm += dir[i] * dir[i];
          proj += dir[i] * g[pos + i];
        }
        double[] saved = a.clone();
        for (int i = 0; i < a.length; i++) a[i] = saved[i] + eps * dir[i];
        double up = meanLoss(work, xs, y);
        for (int i = 0; i < a.length; i++) a[i] = saved[i] - eps * dir[i];
        double down = meanLoss(work, xs, y);
        System.arraycopy(saved, 0, a, 0, a.length);
        double fd = (up - down) / (2 * eps);
        assertThat(Math.abs(proj - fd)).as("%s tensor %d trial %d: %s vs %s", what, p, trial, proj, fd)
            .isLessThanOrEqualTo(1e-4 * scale * Math.sqrt(norm));
      }
      pos += a.length;
      p++;
    }
  }

  @Test
  void resultsAreBitIdenticalForAnyNumberOfThreads() {
    for (GatedKernels k : kernels())
      for (GatedCell cell : CELLS) {
        int[] sizes = {2, 20, 9, 3};
        GatedRnn m = GatedEngineTestData.floatExactModel(cell, sizes, 1.0, 41);
        int[] lengths = {30, 7, 45, 1, 18, 33, 2, 40};
        List<float[]> fx = RnnBatchEngine.toFloat(RnnTestData.sequences(lengths, 2, 42));
        int[] y = RnnTestData.labels(lengths.length, 3, 43);
        int[] idx = {3, 0, 7, 5, 1, 6, 2, 4};
        float[] first = null;
        double firstLoss = 0;
        int[] firstPred = null;
        for (int threads : new int[] {1, 2, 3}) {
          try (GatedBatchEngine e = new GatedBatchEngine(k, cell, sizes, 45, 8, threads, 0)) {
            e.setModel(m);
            int[] pred = new int[8];
            double loss = e.lossAndGradients(fx, y, idx, 0, 8, pred);
            if (first == null) {
              first = e.gradients().clone();
              firstLoss = loss;
              firstPred = pred;
            } else {
              assertThat(loss).isEqualTo(firstLoss);
              assertThat(pred).containsExactly(firstPred);
              assertThat(e.gradients()).containsExactly(first);
            }
          }
        }
      }
  }

  @Test
  void aBatchIsTheMeanOfItsSequencesOneByOne() {
    for (GatedCell cell : CELLS) {
      int[] sizes = {1, 12, 3};
      GatedRnn m = GatedEngineTestData.floatExactModel(cell, sizes, 1.0, 51);
      int[] lengths = {30, 7, 45, 1, 18};
      List<float[]> fx = RnnBatchEngine.toFloat(RnnTestData.sequences(lengths, 1, 52));
      int[] y = RnnTestData.labels(lengths.length, 3, 53);
      try (GatedBatchEngine e = new GatedBatchEngine(GatedKernelsProvider.get(), cell, sizes, 45, 5, 1, 0)) {
        e.setModel(m);
        double batchLoss = e.lossAndGradients(fx, y, iota(5), 0, 5, null);
        float[] batch = e.gradients().clone();
        double[] sum = new double[batch.length];
        double loss = 0;
        for (int q = 0; q < 5; q++) {
          loss += e.lossAndGradients(fx, y, new int[] {q}, 0, 1, null);
          for (int i = 0; i < sum.length; i++) sum[i] += e.gradients()[i] / 5.0;
        }
        assertThat(batchLoss).isCloseTo(loss / 5, Offset.offset(1e-12));
        double scale = 0;
        for (double v : sum) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < sum.length; i++) assertThat(Math.abs(batch[i] - sum[i])).isLessThanOrEqualTo(1e-6 * scale);
      }
    }
  }

  @Test
  void modelRoundTripsThroughTheFlatBuffer() {
    for (GatedCell cell : CELLS) {
      int[] sizes = {3, 7, 5, 4};
      GatedRnn m = GatedEngineTestData.floatExactModel(cell, sizes, 1.0, 61);
      try (GatedBatchEngine e = new GatedBatchEngine(GatedKernelsProvider.get(), cell, sizes, 10, 4, 1, 0)) {
        e.setModel(m);
        assertThat(e.parameters()).hasSize(m.parameterCount());
        // the flat buffer is PyTorch's parameters() order
        int pos = 0;
        for (double[] a : GatedEngineTestData.arrays(m))
          for (double v : a) assertThat((double) e.parameters()[pos++]).isEqualTo(v);
        assertThat(e.layerOffset(1)).isEqualTo(m.layer(0).parameterCount());
        assertThat(e.outputOffset()).isEqualTo(m.layer(0).parameterCount() + m.layer(1).parameterCount());
        assertThat(e.toModel()).isEqualTo(m);
        assertThat(e.toModel().cell()).isEqualTo(cell);
      }
    }
  }

  @Test
  void paddingStaysZeroUnderAdamSteps() {
    GatedKernels k = GatedKernelsProvider.get();
    for (GatedCell cell : CELLS) {
      int[] sizes = {2, 5, 3, 3}; // padded to the vector length: most lanes are padding
      GatedRnn m = GatedEngineTestData.floatExactModel(cell, sizes, 1.0, 71);
      int[] lengths = {12, 5, 9};
      List<float[]> fx = RnnBatchEngine.toFloat(RnnTestData.sequences(lengths, 2, 72));
      int[] y = RnnTestData.labels(3, 3, 73);
      try (GatedBatchEngine e = new GatedBatchEngine(k, cell, sizes, 12, 3, 1, 0)) {
        e.setModel(m);
        float[] p = e.parameters();
        Optimizer adam = Optimizer.create(OptimizerConfig.adam(0.003), e.updateScales());
        for (int step = 1; step <= 3; step++) {
          e.lossAndGradients(fx, y, iota(3), 0, 3, null);
          adam.step(p, e.gradients());
          e.parametersChanged();
        }
        e.lossAndGradients(fx, y, iota(3), 0, 3, null);
        for (int l = 0; l < 2; l++) assertPaddingZero(e.packed(l), e.tape(0, l), cell + " layer " + l);
        assertThat(e.toModel()).isNotEqualTo(m); // the steps moved the parameters
      }
    }
  }

  private static void assertPaddingZero(GatedFloatWeights w, GatedTape tape, String what) {
    assertThat(w.hp).as("the test needs padding").isGreaterThan(w.hidden);
    for (int i = 0; i < w.wIhT.length; i++) if (i % w.width % w.hp >= w.hidden) assertThat(w.wIhT[i]).as(what).isZero();
    for (int i = 0; i < w.bx.length; i++) if (i % w.hp >= w.hidden) assertThat(w.bx[i]).as(what).isZero();
    for (int j = 0; j < w.hidden; j++)
      for (int col = 0; col < w.recurrent; col++)
        if (col % w.hp >= w.hidden) assertThat(w.wHhT[w.recurrentIndex(j, col)]).as(what).isZero();
    for (int i = 0; i < w.wHh.length; i++)
      if (i / w.hp % w.hp >= w.hidden || i % w.hp >= w.hidden) assertThat(w.wHh[i]).as(what).isZero();
    for (int t = 0; t <= tape.steps(); t++)
      for (int u = w.hidden; u < w.hp; u++) assertThat(tape.h[t * w.hp + u]).as(what + " h_" + t).isZero();
  }

  @Test
  void clippingScalesTheGradientToTheLimit() {
    GatedRnn m = GatedEngineTestData.floatExactModel(GatedCell.LSTM, new int[] {1, 8, 3}, 1.0, 81);
    int[] lengths = {30, 7, 45, 1};
    List<float[]> fx = RnnBatchEngine.toFloat(RnnTestData.sequences(lengths, 1, 82));
    int[] y = RnnTestData.labels(4, 3, 83);
    try (GatedBatchEngine e = new GatedBatchEngine(GatedKernelsProvider.get(), GatedCell.LSTM, new int[] {1, 8, 3}, 45, 4, 1, 0)) {
      e.setModel(m);
      e.lossAndGradients(fx, y, iota(4), 0, 4, null);
      double sq = 0;
      for (float g : e.gradients()) sq += (double) g * g;
      double before = e.gradientNorm();
      assertThat(before).isEqualTo(Math.sqrt(sq)).isPositive();
      double limit = before / 4;
      assertThat(e.clipGradientNorm(limit)).isEqualTo(before);
      assertThat(e.gradientNorm()).isCloseTo(limit, Offset.offset(1e-5 * limit));
      assertThat(e.clipGradientNorm(10 * before)).isCloseTo(limit, Offset.offset(1e-5 * limit));
    }
  }
}
