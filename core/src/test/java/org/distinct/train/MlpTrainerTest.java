package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.distinct.data.Dataset;
import org.distinct.model.Activation;
import org.distinct.model.DenseLayer;
import org.distinct.model.Mlp;
import org.distinct.util.Rows;
import org.junit.jupiter.api.Test;

class MlpTrainerTest {
  private static final Dataset TRAIN = TestData.blobs(150, 6, 3, 0.08, 1);
  private static final Dataset VAL = TestData.blobs(60, 6, 3, 0.08, 1, 2);

  private static MlpTrainConfig quick(int epochs) {
    return MlpTrainConfig.defaults().withHidden(8).withEpochs(epochs);
  }

  @Test
  void learnsSeparableBlobs() {
    TrainResult<Mlp> r = new MlpTrainer(quick(60)).train(TRAIN, null, 7);
    assertThat(r.epochsRun()).isEqualTo(60);
    assertThat(r.trainAccuracy()[59]).isGreaterThan(0.95);
    assertThat(r.trainLoss()[59]).isLessThan(r.trainLoss()[0]);
    assertThat(r.validationLoss()).isEmpty();
    assertThat(r.bestEpoch()).isEqualTo(59);
    assertThat(r.diverged()).isFalse();
    int[] pred = r.model().predict(TRAIN.x(), TRAIN.rows());
    int ok = 0;
    for (int i = 0; i < pred.length; i++) if (pred[i] == TRAIN.labels()[i]) ok++;
    assertThat(ok / (double) pred.length).isGreaterThan(0.95);
  }

  @Test
  void sameSeedSameBitsOtherSeedOtherBits() {
    MlpTrainer t = new MlpTrainer(quick(5).withBatchSize(16));
    TrainResult<Mlp> a = t.train(TRAIN, VAL, 42);
    TrainResult<Mlp> b = t.train(TRAIN, VAL, 42);
    TrainResult<Mlp> c = t.train(TRAIN, VAL, 43);
    assertThat(a).isEqualTo(b);
    assertThat(a.model()).isEqualTo(b.model());
    assertThat(a.model()).isNotEqualTo(c.model());
  }

  @Test
  void parallelRunsGiveTheSameBitsAsSequentialRuns() throws Exception {
    MlpTrainer t = new MlpTrainer(quick(4));
    List<TrainResult<Mlp>> seq = new ArrayList<>();
    for (int s = 0; s < 4; s++) seq.add(t.train(TRAIN, VAL, s));
    List<TrainResult<Mlp>> par = IntStream.range(0, 4).parallel()
        .mapToObj(s -> t.train(TRAIN, VAL, s)).toList();
    assertThat(par).isEqualTo(seq);
  }

  @Test
  void validationCurvesMatchEvaluatingTheReturnedModel() {
    TrainResult<Mlp> r = new MlpTrainer(quick(3)).train(TRAIN, VAL, 3);
    double[] logits = r.model().logits(VAL.x(), VAL.rows());
    double loss = SoftmaxCrossEntropy.meanLoss(logits, VAL.labels(), VAL.rows(), 3);
    assertThat(loss).isEqualTo(r.validationLoss()[2]);
    int[] p = Rows.argmax(logits, VAL.rows(), 3);
    int ok = 0;
    for (int i = 0; i < p.length; i++) if (p[i] == VAL.labels()[i]) ok++;
    assertThat(r.validationAccuracy()[2]).isEqualTo(ok / (double) VAL.rows());
  }

  @Test
  void earlyStoppingStopsAndRestoresTheBestEpoch() {
    // A validation set with flipped labels: the better the model fits, the worse validation gets.
    int[] flipped = VAL.labels().clone();
    for (int i = 0; i < flipped.length; i++) flipped[i] = (flipped[i] + 1) % 3;
    Dataset bad = new Dataset("bad", VAL.x(), VAL.rows(), VAL.cols(), flipped, VAL.groups(), VAL.featureNames(), VAL.classNames());
    MlpTrainConfig cfg = quick(200).withEarlyStopping(5, true);
    TrainResult<Mlp> r = new MlpTrainer(cfg).train(TRAIN, bad, 9);
    assertThat(r.epochsRun()).isLessThan(200);
    assertThat(r.epochsRun() - 1 - r.bestEpoch()).isEqualTo(5);
    double[] v = r.validationLoss();
    for (int e = 0; e < v.length; e++) assertThat(v[e]).isGreaterThanOrEqualTo(v[r.bestEpoch()]);
    double loss = SoftmaxCrossEntropy.meanLoss(r.model().logits(bad.x(), bad.rows()), bad.labels(), bad.rows(), 3);
    assertThat(loss).isEqualTo(v[r.bestEpoch()]);
    // without restore the last epoch's model is returned
    TrainResult<Mlp> last = new MlpTrainer(cfg.withEarlyStopping(5, false)).train(TRAIN, bad, 9);
    double lastLoss = SoftmaxCrossEntropy.meanLoss(last.model().logits(bad.x(), bad.rows()), bad.labels(), bad.rows(), 3);
    assertThat(lastLoss).isEqualTo(last.validationLoss()[last.epochsRun() - 1]);
  }

  @Test
  void divergenceIsReportedNotThrown() {
    MlpTrainConfig cfg = quick(20).withActivation(Activation.RELU).withOptimizer(OptimizerConfig.sgd(1e300, 0.9));
    TrainResult<Mlp> r = new MlpTrainer(cfg).train(TRAIN, VAL, 1);
    assertThat(r.diverged()).isTrue();
    assertThat(r.epochsRun()).isLessThan(20);
    assertThat(r.trainLoss()).hasSize(r.epochsRun());
  }

  @Test
  void listenerSeesEveryEpoch() {
    List<double[]> seen = new ArrayList<>();
    TrainResult<Mlp> r = new MlpTrainer(quick(4)).train(TRAIN, null, 2, e -> seen.add(new double[] {e.epoch(), e.trainLoss(), e.validationLoss()}));
    assertThat(seen).hasSize(4);
    assertThat(seen.get(3)[0]).isEqualTo(4);
    assertThat(seen.get(3)[1]).isEqualTo(r.trainLoss()[3]);
    assertThat(seen.get(3)[2]).isNaN();
  }

  @Test
  void fineTuningStartsFromTheGivenModelAndLeavesItUnchanged() {
    Mlp start = Mlp.initialize(6, new int[] {5, 4}, 3, Activation.TANH, new SplittableRandom(5));
    Mlp copy = start.copy();
    TrainResult<Mlp> r = new MlpTrainer(quick(3)).fineTune(start, TRAIN, null, 11);
    assertThat(start).isEqualTo(copy);
    assertThat(r.model().sizes()).containsExactly(6, 5, 4, 3);
    assertThat(r.model()).isNotEqualTo(start);
    // zero epochs of change: a learning rate so small that one epoch changes weights only slightly
    TrainResult<Mlp> tiny = new MlpTrainer(quick(1).withOptimizer(OptimizerConfig.sgd(1e-12, 0))).fineTune(start, TRAIN, null, 11);
    DenseLayer a = tiny.model().layer(0);
    for (int i = 0; i < a.w().length; i++) assertThat(a.w()[i]).isCloseTo(start.layer(0).w()[i], org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void workspaceForwardIsBitIdenticalToMlpLogits() {
    Mlp m = Mlp.initialize(6, new int[] {9, 7}, 3, Activation.SIGMOID, new SplittableRandom(8));
    MlpWorkspace ws = new MlpWorkspace(m, 200);
    assertThat(ws.forward(TRAIN.x(), 0, 150)).startsWith(m.logits(TRAIN.x(), 150));
    assertThat(ws.toMlp()).isEqualTo(m);
  }

  @Test
  void plainAndVectorKernelsTrainToTheSameBits() {
    Mlp m = Mlp.initialize(6, new int[] {9}, 3, Activation.SIGMOID, new SplittableRandom(8));
    var plain = new MlpWorkspace(m, 16, org.distinct.tensor.DenseKernelsProvider.plain());
    var vector = new MlpWorkspace(m, 16, org.distinct.tensor.DenseKernelsProvider.vectorized().orElseThrow());
    MlpEpoch ep = new MlpEpoch(plain, OptimizerConfig.defaults().create(), TRAIN, true);
    MlpEpoch ev = new MlpEpoch(vector, OptimizerConfig.defaults().create(), TRAIN, true);
    for (int e = 0; e < 5; e++) {
      ep.run(new SplittableRandom(e));
      ev.run(new SplittableRandom(e));
      assertThat(ev.loss()).isEqualTo(ep.loss());
    }
    assertThat(vector.toMlp()).isEqualTo(plain.toMlp());
  }

  @Test
  void configValidatesAndDefaults() {
    MlpTrainConfig d = MlpTrainConfig.defaults();
    assertThat(d.hidden()).containsExactly(30);
    assertThat(d.activation()).isEqualTo(Activation.SIGMOID);
    assertThat(d.batchSize()).isEqualTo(32);
    assertThat(d.epochs()).isEqualTo(1500);
    assertThat(d.optimizer()).isEqualTo(OptimizerConfig.adam(0.01));
    assertThat(d).isEqualTo(MlpTrainConfig.defaults());
    assertThatThrownBy(() -> d.withBatchSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withEpochs(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withHidden(30, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withActivation(Activation.IDENTITY)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withEarlyStopping(-1, true)).isInstanceOf(IllegalArgumentException.class);
    int[] h = {3};
    MlpTrainConfig c = d.withHidden(h);
    h[0] = 99;
    assertThat(c.hidden()).containsExactly(3);
    assertThat(d.toMap()).containsEntry("batchSize", 32).containsEntry("activation", "sigmoid");
  }

  @Test
  void mismatchedDataIsRejected() {
    Dataset other = TestData.blobs(30, 4, 3, 0.1, 2);
    assertThatThrownBy(() -> new MlpTrainer(quick(1)).train(TRAIN, other, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
