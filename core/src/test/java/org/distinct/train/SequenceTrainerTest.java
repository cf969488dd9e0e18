package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.SequenceDataset;
import org.distinct.model.ElmanRnn;
import org.distinct.tensor.RnnKernelsProvider;
import org.junit.jupiter.api.Test;

class SequenceTrainerTest {
  private static SequenceTrainConfig small(int epochs, int threads) {
    return RnnTestData.config(12, 0.01, 8, epochs, 0, threads);
  }

  private static SequenceTrainer<ElmanRnn> trainer(SequenceTrainConfig c) {
    return RnnTestData.trainer(c);
  }

  @Test
  void learnsASignalAndReportsCurves() {
    SequenceDataset train = RnnTestData.learnable(48, 20, 40, 3, 1);
    SequenceDataset val = RnnTestData.learnable(24, 20, 40, 3, 2);
    List<Integer> seen = new ArrayList<>();
    TrainResult<ElmanRnn> r = trainer(small(40, 2)).train(train, val, 3, e -> seen.add(e.epoch()));
    assertThat(r.diverged()).isFalse();
    assertThat(r.epochsRun()).isEqualTo(40);
    assertThat(seen).hasSize(40).startsWith(1, 2).endsWith(40);
    assertThat(r.trainLoss()[39]).isLessThan(0.7 * r.trainLoss()[0]);
    assertThat(r.validationAccuracy()[39]).isGreaterThan(0.6);
    double[] ev = SequenceTrainer.evaluate(r.model(), val);
    assertThat(ev[0]).isEqualTo(r.validationLoss()[39]);
    assertThat(r.model().hiddenSize()).isEqualTo(12);
  }

  @Test
  void sameSeedSameBitsForAnyThreadCount() {
    SequenceDataset train = RnnTestData.learnable(21, 5, 30, 3, 4);
    TrainResult<ElmanRnn> a = trainer(small(3, 1)).train(train, null, 5);
    TrainResult<ElmanRnn> b = trainer(small(3, 2)).train(train, null, 5);
    TrainResult<ElmanRnn> c = trainer(small(3, 3)).train(train, null, 5);
    assertThat(b.model()).isEqualTo(a.model());
    assertThat(c.model()).isEqualTo(a.model());
    assertThat(b.trainLoss()).containsExactly(a.trainLoss());
    assertThat(a.validationLoss()).isEmpty();
    assertThat(trainer(small(3, 1)).train(train, null, 6).model()).isNotEqualTo(a.model());
  }

  @Test
  void plainAndVectorKernelsTrainToTheSameModelWithinFloatTolerance() {
    SequenceDataset train = RnnTestData.learnable(16, 5, 25, 3, 7);
    TrainResult<ElmanRnn> p = new SequenceTrainer<>(small(2, 1), new ElmanArchitecture(RnnKernelsProvider.plain())).train(train, null, 8);
    TrainResult<ElmanRnn> v = new SequenceTrainer<>(small(2, 1), new ElmanArchitecture(RnnKernelsProvider.vectorized().orElseThrow())).train(train, null, 8);
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
    TrainResult<ElmanRnn> r = trainer(small(5, 1)).train(train.withSeries(bad, 1), null, 1);
    assertThat(r.diverged()).isTrue();
    assertThat(r.epochsRun()).isZero();
    for (double w : r.model().wHh()) assertThat(Double.isFinite(w)).isTrue();
  }

  @Test
  void configValidatesItself() {
    SequenceTrainConfig d = small(1, 1);
    assertThatThrownBy(() -> d.withHidden(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hidden");
    assertThatThrownBy(() -> d.withHidden()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hidden layer");
    assertThatThrownBy(() -> new SequenceTrainConfig(new int[] {5}, OptimizerConfig.adam(0.1), 32, 1, -1, 0, true, 1))
        .hasMessageContaining("truncation");
    assertThatThrownBy(() -> new SequenceTrainConfig(new int[] {5}, OptimizerConfig.adam(0.1), 32, 1, 0, -1, true, 1))
        .hasMessageContaining("clipNorm");
    assertThatThrownBy(() -> new SequenceTrainConfig(new int[] {5}, OptimizerConfig.adam(0.1), 0, 1, 0, 0, true, 1))
        .hasMessageContaining("batchSize");
    assertThatThrownBy(() -> d.withThreads(0)).hasMessageContaining("threads");
    assertThatThrownBy(() -> new ElmanArchitecture().initialize(1, new int[] {3, 4}, 2, new SplittableRandom(1)))
        .hasMessageContaining("one hidden layer");
  }

  @Test
  void fineTuningKeepsTheShapeAndUsesTheSecondSplitForShuffling() {
    SequenceDataset train = RnnTestData.learnable(16, 5, 12, 3, 11);
    TrainResult<ElmanRnn> fresh = trainer(small(2, 1)).train(train, null, 21);
    TrainResult<ElmanRnn> tuned = trainer(small(2, 1)).fineTune(fresh.model(), train, null, 22);
    assertThat(tuned.model().hiddenSize()).isEqualTo(12);
    assertThat(tuned.model()).isNotEqualTo(fresh.model());
    assertThat(trainer(small(2, 2)).fineTune(fresh.model(), train, null, 22).model()).isEqualTo(tuned.model());
  }
}
