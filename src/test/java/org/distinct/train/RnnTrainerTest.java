package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.distinct.data.SequenceDataset;
import org.distinct.tensor.RnnKernelsProvider;
import org.junit.jupiter.api.Test;

class RnnTrainerTest {
  private static RnnTrainConfig small(int epochs, int threads) {
    return new RnnTrainConfig(12, 0.01, 0.9, 0.999, 1e-8, 8, epochs, 0, 0, true, threads);
  }

  @Test
  void learnsASignalAndReportsCurves() {
    SequenceDataset train = RnnTestData.learnable(48, 20, 40, 3, 1);
    SequenceDataset val = RnnTestData.learnable(24, 20, 40, 3, 2);
    List<Integer> seen = new ArrayList<>();
    RnnTrainResult r = new RnnTrainer(small(40, 2)).train(train, val, 3, (ep, tl, ta, vl, va) -> seen.add(ep));
    assertThat(r.diverged()).isFalse();
    assertThat(r.epochsRun()).isEqualTo(40);
    assertThat(seen).hasSize(40).startsWith(1, 2).endsWith(40);
    assertThat(r.trainLoss()[39]).isLessThan(0.7 * r.trainLoss()[0]);
    assertThat(r.validationAccuracy()[39]).isGreaterThan(0.6);
    double[] ev = RnnTrainer.evaluate(r.model(), val);
    assertThat(ev[0]).isEqualTo(r.validationLoss()[39]);
    assertThat(r.model().hiddenSize()).isEqualTo(12);
  }

  @Test
  void sameSeedSameBitsForAnyThreadCount() {
    SequenceDataset train = RnnTestData.learnable(21, 5, 30, 3, 4);
    RnnTrainResult a = new RnnTrainer(small(3, 1)).train(train, null, 5);
    RnnTrainResult b = new RnnTrainer(small(3, 2)).train(train, null, 5);
    RnnTrainResult c = new RnnTrainer(small(3, 3)).train(train, null, 5);
    assertThat(b.model()).isEqualTo(a.model());
    assertThat(c.model()).isEqualTo(a.model());
    assertThat(b.trainLoss()).containsExactly(a.trainLoss());
    assertThat(Double.isNaN(a.validationLoss()[0])).isTrue();
    assertThat(new RnnTrainer(small(3, 1)).train(train, null, 6).model()).isNotEqualTo(a.model());
  }

  @Test
  void plainAndVectorKernelsTrainToTheSameModelWithinFloatTolerance() {
    SequenceDataset train = RnnTestData.learnable(16, 5, 25, 3, 7);
    RnnTrainResult p = new RnnTrainer(small(2, 1), RnnKernelsProvider.plain()).train(train, null, 8);
    RnnTrainResult v = new RnnTrainer(small(2, 1), RnnKernelsProvider.vectorized().orElseThrow()).train(train, null, 8);
    double[][] a = {p.model().wIh(), p.model().wHh(), p.model().b(), p.model().wOut(), p.model().bOut()};
    double[][] b = {v.model().wIh(), v.model().wHh(), v.model().b(), v.model().wOut(), v.model().bOut()};
    for (int k = 0; k < 5; k++)
      for (int i = 0; i < a[k].length; i++) assertThat(Math.abs(a[k][i] - b[k][i])).isLessThan(1e-4);
  }

  @Test
  void divergenceIsReportedNotThrown() {
    SequenceDataset train = RnnTestData.learnable(8, 5, 10, 3, 9);
    List<double[]> bad = new ArrayList<>(train.series());
    double[] nan = bad.get(3).clone();
    nan[2] = Double.NaN;
    bad.set(3, nan);
    RnnTrainResult r = new RnnTrainer(small(5, 1)).train(train.withSeries(bad, 1), null, 1);
    assertThat(r.diverged()).isTrue();
    assertThat(r.epochsRun()).isZero();
    for (double w : r.model().wHh()) assertThat(Double.isFinite(w)).isTrue();
  }

  @Test
  void configValidatesItself() {
    RnnTrainConfig d = RnnTrainConfig.defaults();
    assertThat(d.hidden()).isEqualTo(50);
    assertThat(d.learningRate()).isEqualTo(0.003);
    assertThat(d.batchSize()).isEqualTo(32);
    assertThat(d.epochs()).isEqualTo(200);
    assertThat(d.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThatThrownBy(() -> d.withHidden(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hidden");
    assertThatThrownBy(() -> new RnnTrainConfig(5, 0, 0.9, 0.999, 1e-8, 32, 1, 0, 0, true, 1))
        .hasMessageContaining("learningRate");
    assertThatThrownBy(() -> new RnnTrainConfig(5, 0.1, 1.0, 0.999, 1e-8, 32, 1, 0, 0, true, 1))
        .hasMessageContaining("beta1");
    assertThatThrownBy(() -> new RnnTrainConfig(5, 0.1, 0.9, 0.999, 1e-8, 32, 1, -1, 0, true, 1))
        .hasMessageContaining("truncation");
    assertThatThrownBy(() -> new RnnTrainConfig(5, 0.1, 0.9, 0.999, 1e-8, 32, 1, 0, -1, true, 1))
        .hasMessageContaining("clipNorm");
    assertThatThrownBy(() -> d.withThreads(0)).hasMessageContaining("threads");
  }
}
