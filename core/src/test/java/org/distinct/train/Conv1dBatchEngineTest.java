package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.BadInputException;
import org.distinct.data.SequenceDataset;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.tensor.Conv1dKernels;
import org.distinct.tensor.Conv1dKernelsProvider;
import org.junit.jupiter.api.Test;

/** The float Conv1D training path against the double reference, across kernels, architectures, batch layouts and threads. */
class Conv1dBatchEngineTest {
  private static final int[] LENGTHS = {30, 7, 45, 9, 18, 33, 12, 40};

  private static List<Conv1dKernels> kernels() {
    List<Conv1dKernels> ks = new ArrayList<>();
    ks.add(Conv1dKernelsProvider.plain());
    Conv1dKernelsProvider.vectorized().ifPresent(ks::add);
    assertThat(ks).hasSize(2); // tests run with the Vector API module
    return ks;
  }

  /** Architectures covering both activations, both poolings, strides, paddings, 1 and 3 inputs, 1 to 3 layers. */
  private static List<Object[]> architectures() {
    return List.of(
        new Object[] {1, new int[] {16, 16}, Conv1dTestData.spec(Activation.RELU, Conv1d.Pool.AVG, new int[] {5, 5}, new int[] {2, 2}, new int[] {2, 2})},
        new Object[] {3, new int[] {5, 20}, Conv1dTestData.spec(Activation.TANH, Conv1d.Pool.MAX, new int[] {3, 4}, new int[] {1, 2}, new int[] {1, 0})},
        new Object[] {2, new int[] {7, 33, 4}, Conv1dTestData.spec(Activation.TANH, Conv1d.Pool.AVG, new int[] {2, 3, 3}, new int[] {1, 1, 2},
            new int[] {0, 2, 1})},
        new Object[] {1, new int[] {9}, Conv1dTestData.spec(Activation.RELU, Conv1d.Pool.MAX, new int[] {6}, new int[] {3}, new int[] {2})});
  }

  /** A model whose double parameters are exactly representable in float. */
  static Conv1d floatExact(Conv1d m) {
    for (double[] p : Conv1dTestData.params(m)) for (int i = 0; i < p.length; i++) p[i] = (float) p[i];
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
    assertThat(a).as(what + " length").hasSameSizeAs(ref);
    for (int i = 0; i < ref.length; i++)
      assertThat(Math.abs(a[i] - ref[i])).as("%s[%d] %s vs %s", what, i, a[i], ref[i]).isLessThanOrEqualTo(rel * scale);
  }

  @Test
  void floatGradientsMatchTheDoubleReferenceOnAnUnequalBatch() {
    int seed = 0;
    for (Object[] arch : architectures()) {
      int in = (int) arch[0];
      Conv1d m = floatExact(Conv1dTestData.random(in, (int[]) arch[1], 3, (Conv1d.Spec) arch[2], 0.7, new SplittableRandom(++seed)));
      List<double[]> xs = floatExact(RnnTestData.sequences(LENGTHS, in, 100 + seed));
      int[] y = RnnTestData.labels(LENGTHS.length, 3, 200 + seed);
      Conv1dReference.Gradients ref = Conv1dReference.lossAndGradients(m, xs, y);
      List<double[]> rg = Conv1dTestData.grads(ref);
      for (Conv1dKernels k : kernels()) {
        try (Conv1dBatchEngine e = new Conv1dBatchEngine(k, m, 45, LENGTHS.length, 2)) {
          e.setModel(m);
          double loss = e.lossAndGradients(RnnBatchEngine.toFloat(xs), y, iota(xs.size()), 0, xs.size(), null);
          assertThat(Math.abs(loss - ref.loss())).isLessThan(1e-5 * ref.loss());
          List<double[]> g = e.gradientsByTensor();
          for (int p = 0; p < rg.size(); p++) assertRelClose(g.get(p), rg.get(p), 1e-4, k.name() + " " + m + " " + Conv1dTestData.names(m).get(p));
        }
      }
    }
  }

  @Test
  void floatPathStaysCloseToDoubleOverPaperLengthSequences() {
    // the family's default shape (1 input, 16 and 16 ReLU channels, kernel 5, stride 2, padding 2, average pooling)
    // at the paper's song lengths, PyTorch's initialisation
    Conv1d.Spec spec = Conv1dTestData.spec(Activation.RELU, Conv1d.Pool.AVG, new int[] {5, 5}, new int[] {2, 2}, new int[] {2, 2});
    Conv1d m = floatExact(Conv1d.initialize(1, new int[] {16, 16}, 3, spec, new SplittableRandom(21)));
    int[] lengths = {2197, 1608, 2000};
    List<double[]> xs = floatExact(RnnTestData.sequences(lengths, 1, 22));
    for (double[] x : xs) for (int i = 0; i < x.length; i++) x[i] = (float) ((x[i] + 1) / 2); // in [0, 1] like scaled series
    int[] y = {0, 1, 2};
    Conv1dReference.Gradients ref = Conv1dReference.lossAndGradients(m, xs, y);
    List<double[]> rg = Conv1dTestData.grads(ref);
    for (Conv1dKernels k : kernels()) {
      try (Conv1dBatchEngine e = new Conv1dBatchEngine(k, m, 2197, 3, 1)) {
        e.setModel(m);
        double loss = e.lossAndGradients(RnnBatchEngine.toFloat(xs), y, iota(3), 0, 3, null);
        assertThat(Math.abs(loss - ref.loss())).isLessThan(1e-5 * ref.loss());
        List<double[]> g = e.gradientsByTensor();
        for (int p = 0; p < rg.size(); p++) assertRelClose(g.get(p), rg.get(p), 1e-4, k.name() + " long sequences, " + Conv1dTestData.names(m).get(p));
      }
    }
  }

  @Test
  void aBatchOfUnequalLengthsEqualsItsSequencesOneByOne() {
    Object[] arch = architectures().get(1);
    Conv1d m = floatExact(Conv1dTestData.random(3, (int[]) arch[1], 3, (Conv1d.Spec) arch[2], 0.7, new SplittableRandom(3)));
    List<float[]> fx = RnnBatchEngine.toFloat(RnnTestData.sequences(LENGTHS, 3, 4));
    int[] y = RnnTestData.labels(LENGTHS.length, 3, 5);
    for (Conv1dKernels k : kernels()) {
      try (Conv1dBatchEngine e = new Conv1dBatchEngine(k, m, 45, LENGTHS.length, 1)) {
        e.setModel(m);
        double batchLoss = e.lossAndGradients(fx, y, iota(fx.size()), 0, fx.size(), null);
        List<double[]> batch = e.gradientsByTensor();
        List<double[]> sum = null;
        double loss = 0;
        for (int q = 0; q < fx.size(); q++) {
          loss += e.lossAndGradients(fx, y, new int[] {q}, 0, 1, null);
          List<double[]> g = e.gradientsByTensor();
          if (sum == null) sum = g;
          else for (int p = 0; p < g.size(); p++) for (int i = 0; i < g.get(p).length; i++) sum.get(p)[i] += g.get(p)[i];
        }
        assertThat(Math.abs(batchLoss - loss / fx.size())).isLessThan(1e-12);
        for (int p = 0; p < batch.size(); p++) {
          for (int i = 0; i < sum.get(p).length; i++) sum.get(p)[i] /= fx.size();
          assertRelClose(batch.get(p), sum.get(p), 1e-6, k.name() + " " + Conv1dTestData.names(m).get(p));
        }
      }
    }
  }

  @Test
  void resultsAreBitIdenticalForAnyNumberOfThreads() {
    for (Object[] arch : architectures()) {
      int in = (int) arch[0];
      Conv1d m = floatExact(Conv1dTestData.random(in, (int[]) arch[1], 3, (Conv1d.Spec) arch[2], 0.7, new SplittableRandom(9)));
      List<float[]> fx = RnnBatchEngine.toFloat(RnnTestData.sequences(LENGTHS, in, 10));
      int[] y = RnnTestData.labels(LENGTHS.length, 3, 11);
      int[] idx = {3, 0, 7, 5, 1, 6, 2, 4};
      List<double[]> first = null;
      double firstLoss = 0;
      for (int threads : new int[] {1, 2, 3, 8}) {
        try (Conv1dBatchEngine e = new Conv1dBatchEngine(Conv1dKernelsProvider.get(), m, 45, 8, threads)) {
          e.setModel(m);
          double loss = e.lossAndGradients(fx, y, idx, 0, 8, null);
          List<double[]> g = e.gradientsByTensor();
          if (first == null) {
            first = g;
            firstLoss = loss;
          } else {
            assertThat(loss).isEqualTo(firstLoss);
            for (int p = 0; p < g.size(); p++) assertThat(g.get(p)).as("%d threads", threads).containsExactly(first.get(p));
          }
        }
      }
    }
  }

  @Test
  void modelRoundTripsThroughTheFloatEngine() {
    for (Object[] arch : architectures()) {
      Conv1d m = floatExact(Conv1dTestData.random((int) arch[0], (int[]) arch[1], 4, (Conv1d.Spec) arch[2], 0.7, new SplittableRandom(12)));
      try (Conv1dBatchEngine e = new Conv1dBatchEngine(Conv1dKernelsProvider.get(), m, 10, 4, 1)) {
        e.setModel(m);
        assertThat(e.toModel()).isEqualTo(m);
      }
    }
  }

  @Test
  void paddingLanesOfTheFlatBufferNeverGetAGradient() {
    Object[] arch = architectures().get(1);
    Conv1d m = Conv1dTestData.random(3, (int[]) arch[1], 3, (Conv1d.Spec) arch[2], 0.7, new SplittableRandom(13));
    List<float[]> fx = RnnBatchEngine.toFloat(RnnTestData.sequences(LENGTHS, 3, 14));
    try (Conv1dBatchEngine e = new Conv1dBatchEngine(Conv1dKernelsProvider.get(), m, 45, 8, 1)) {
      e.setModel(m);
      e.lossAndGradients(fx, RnnTestData.labels(8, 3, 15), iota(8), 0, 8, null);
      double inTensors = 0;
      for (double[] g : e.gradientsByTensor()) for (double v : g) inTensors += v * v;
      assertThat(Math.sqrt(inTensors)).isGreaterThan(1e-3).isCloseTo(e.gradientNorm(), org.assertj.core.data.Offset.offset(1e-6 * e.gradientNorm()));
      int nonZero = 0;
      for (float v : e.parameters()) if (v != 0) nonZero++;
      assertThat(nonZero).as("only the model's own parameters are non-zero").isLessThanOrEqualTo(m.parameterCount());
    }
  }

  @Test
  void clippingScalesTheGradientToTheLimit() {
    Object[] arch = architectures().get(0);
    Conv1d m = Conv1dTestData.random(1, (int[]) arch[1], 3, (Conv1d.Spec) arch[2], 0.7, new SplittableRandom(16));
    List<float[]> fx = RnnBatchEngine.toFloat(RnnTestData.sequences(LENGTHS, 1, 17));
    try (Conv1dBatchEngine e = new Conv1dBatchEngine(Conv1dKernelsProvider.get(), m, 45, 8, 1)) {
      e.setModel(m);
      e.lossAndGradients(fx, RnnTestData.labels(8, 3, 18), iota(8), 0, 8, null);
      double before = e.gradientNorm();
      double limit = before / 4;
      assertThat(e.clipGradientNorm(limit)).isEqualTo(before);
      assertThat(e.gradientNorm()).isCloseTo(limit, org.assertj.core.data.Offset.offset(1e-5 * limit));
      assertThat(e.clipGradientNorm(10 * before)).isCloseTo(limit, org.assertj.core.data.Offset.offset(1e-5 * limit));
    }
  }

  @Test
  void aSequenceTooShortForTheKernelsIsOneClearError() {
    Conv1d.Spec spec = Conv1dTestData.spec(Activation.RELU, Conv1d.Pool.AVG, new int[] {5, 4}, new int[] {2, 1}, new int[] {1, 0});
    Conv1d m = Conv1dTestData.random(1, new int[] {4, 4}, 3, spec, 0.7, new SplittableRandom(19));
    int min = m.minLength();
    assertThat(min).isEqualTo(3 * 2 + 5 - 2);
    assertThat(m.outputLengths(min)[1]).isEqualTo(1);
    assertThat(m.outputLengths(min - 1)[1]).isZero();
    List<double[]> xs = RnnTestData.sequences(new int[] {20, min - 1}, 1, 20);
    try (Conv1dBatchEngine e = new Conv1dBatchEngine(Conv1dKernelsProvider.get(), m, 20, 2, 2)) {
      e.setModel(m);
      assertThatThrownBy(() -> e.lossAndGradients(RnnBatchEngine.toFloat(xs), new int[] {0, 1}, iota(2), 0, 2, null))
          .isInstanceOf(BadInputException.class).hasMessage("a training sequence has " + (min - 1) + " time step(s), fewer than the " + min
              + " the Conv1D's convolutions need (kernel 5 stride 2 padding 1; kernel 4 stride 1 padding 0): downsample less, or use smaller"
              + " kernels or strides or more padding");
    }
    SequenceDataset data = new SequenceDataset("short.csv", xs, 1, new int[] {0, 1}, new int[] {1, 2}, List.of("S1", "S2"), List.of("a", "b", "c"));
    assertThatThrownBy(() -> m.logits(data)).isInstanceOf(BadInputException.class).hasMessageStartingWith("short.csv: sequence 2 has ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void trainingLearnsAndGivesTheSameBitsWithOneOrTwoThreads() {
    SequenceDataset data = RnnTestData.learnable(36, 40, 70, 3, 30);
    Conv1d.Spec spec = Conv1dTestData.spec(Activation.RELU, Conv1d.Pool.AVG, new int[] {5, 3}, new int[] {2, 1}, new int[] {2, 1});
    Conv1d[] models = new Conv1d[2];
    double[] acc = new double[2];
    for (int t = 1; t <= 2; t++) {
      SequenceTrainConfig cfg = new SequenceTrainConfig(new int[] {8, 8}, OptimizerConfig.adam(0.01), 8, 40, 0, 0, true, t);
      TrainResult<Conv1d> r = new SequenceTrainer<>(cfg, new Conv1dArchitecture(spec)).train(data, null, 5);
      models[t - 1] = r.model();
      acc[t - 1] = SequenceTrainer.evaluate(r.model(), data)[1];
    }
    assertThat(models[1]).isEqualTo(models[0]);
    assertThat(acc[0]).as("training accuracy on a learnable task").isGreaterThan(0.8);
  }
}
