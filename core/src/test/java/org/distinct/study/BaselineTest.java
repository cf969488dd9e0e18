package org.distinct.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.distinct.data.Dataset;
import org.distinct.data.FeatureFrame;
import org.distinct.data.TableEncoder;
import org.distinct.data.DemoData;
import org.distinct.data.MinMaxScaler;
import org.distinct.data.split.Fold;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.family.MlpFamily;
import org.distinct.family.PreprocessSettings;
import org.distinct.family.Protocol;
import org.distinct.family.TrainSettings;
import org.distinct.model.Mlp;
import org.distinct.train.EpochListener;
import org.distinct.train.MlpTrainConfig;
import org.junit.jupiter.api.Test;

/** The Table 1 protocol on the MLP: folds in parallel equal folds in sequence, folds are participant-disjoint, scaling is fitted on training rows. */
class BaselineTest {
  private static final FeatureFrame DATA = DemoData.featureFrame(new DemoData.FeatureSpec(12, 12, 64, 1, 2, 1.0), 5);
  private static final MlpFamily MLP = new MlpFamily();

  private static Baseline<Mlp, FeatureFrame, Dataset, MlpTrainConfig> baseline(int folds) {
    MlpTrainConfig cfg = MLP.configure(new TrainSettings(List.of(8), null, null, null, null, null, 15, null, null, null, 1));
    return new Baseline<>(new Baseline.Setup<>(MLP, cfg, new Protocol(folds, 0.25, Protocol.Split.GROUPED), PreprocessSettings.defaults(),
        SeedScheme.TABLE));
  }

  @Test
  void parallelFoldsGiveExactlyTheSequentialResults() {
    Baseline<Mlp, FeatureFrame, Dataset, MlpTrainConfig> b = baseline(4);
    Baseline.Result<Mlp, FeatureFrame, Dataset> seq = b.run(DATA, 11, 1, EpochListener.NONE, null);
    Baseline.Result<Mlp, FeatureFrame, Dataset> par = b.run(DATA, 11, 3, EpochListener.NONE, null);
    assertThat(par.folds()).hasSameSizeAs(seq.folds()).hasSize(4);
    for (int f = 0; f < 4; f++) {
      assertThat(par.folds().get(f).training().model()).isEqualTo(seq.folds().get(f).training().model());
      assertThat(par.folds().get(f).validationLoss()).isEqualTo(seq.folds().get(f).validationLoss());
      assertThat(par.folds().get(f).seed()).isEqualTo(seq.folds().get(f).seed());
    }
    assertThat(par.fin().training().model()).isEqualTo(seq.fin().training().model());
    Baseline.Result<Mlp, FeatureFrame, Dataset> other = b.run(DATA, 12, 1, EpochListener.NONE, null);
    assertThat(other.folds().get(0).training().model()).isNotEqualTo(seq.folds().get(0).training().model());
  }

  @Test
  void foldsAreParticipantDisjointAndScaledOnTheirTrainingRowsOnly() {
    Baseline<Mlp, FeatureFrame, Dataset, MlpTrainConfig> b = baseline(3);
    SeedScheme.Seeds seeds = b.seeds(3);
    Baseline.Split<FeatureFrame> split = b.split(DATA, seeds);
    Set<Integer> testGroups = new HashSet<>();
    for (int g : split.test().groups()) testGroups.add(g);
    for (int g : split.train().groups()) assertThat(testGroups).doesNotContain(g);
    List<Fold> folds = b.folds(split, seeds);
    for (int f = 0; f < folds.size(); f++) {
      Fold fold = folds.get(f);
      Set<Integer> trainGroups = new HashSet<>();
      for (int i : fold.train()) trainGroups.add(split.train().groups()[i]);
      for (int i : fold.test()) assertThat(trainGroups).doesNotContain(split.train().groups()[i]);
      Baseline.FoldResult<Mlp> r = b.fold(split, fold, f, seeds, EpochListener.NONE);
      // the fold's numbers are those of its model on data scaled by the minima and maxima of its training rows alone
      Dataset tr = numeric(split.train().subset(fold.train()));
      Dataset va = numeric(split.train().subset(fold.test()));
      MinMaxScaler s = MinMaxScaler.fit(tr);
      Mlp m = r.training().model();
      Dataset vaS = s.transform(va);
      assertThat(r.trainLoss()).isEqualTo(ClassificationMetrics.fromLogits(m.logits(s.transform(tr)), tr.labels(), tr.size(), 3).loss());
      assertThat(r.validationLoss()).isEqualTo(ClassificationMetrics.fromLogits(m.logits(vaS), va.labels(), va.size(), 3).loss());
      assertThat(r.validationSize()).isEqualTo(fold.test().length);
      MinMaxScaler all = MinMaxScaler.fit(numeric(split.train()));
      assertThat(ClassificationMetrics.fromLogits(m.logits(all.transform(va)), va.labels(), va.size(), 3).loss()).isNotEqualTo(r.validationLoss());
    }
  }

  /** @return the rows as numbers (the demo's columns are all numeric, none missing: the encoding is the identity) */
  private static Dataset numeric(FeatureFrame f) {
    TableEncoder e = TableEncoder.fit(f, TableEncoder.EncoderOptions.defaults());
    assertThat(e.isIdentity()).isTrue();
    return e.apply(f);
  }
}
