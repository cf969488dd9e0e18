package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.distinct.data.Dataset;
import org.distinct.data.DemoData;
import org.distinct.data.split.GroupKFold;
import org.junit.jupiter.api.Test;

class MlpCrossValidatorTest {
  private static final Dataset DATA = DemoData.features(new DemoData.FeatureSpec(12, 12, 64, 1, 2, 1.0), 5);
  private static final MlpTrainer TRAINER = new MlpTrainer(MlpTrainConfig.defaults().withHidden(8).withEpochs(15));

  @Test
  void parallelFoldsGiveExactlyTheSequentialResults() {
    MlpCrossValidator cv = new MlpCrossValidator(TRAINER, new GroupKFold(4));
    MlpCrossValidator.Result seq = cv.run(DATA, 11, 1, null);
    MlpCrossValidator.Result par = cv.run(DATA, 11, 3, null);
    assertThat(par.folds()).hasSameSizeAs(seq.folds());
    for (int f = 0; f < seq.folds().size(); f++) {
      assertThat(par.folds().get(f).training().model()).isEqualTo(seq.folds().get(f).training().model());
      assertThat(par.folds().get(f).validation().loss()).isEqualTo(seq.folds().get(f).validation().loss());
      assertThat(par.folds().get(f).seed()).isEqualTo(seq.folds().get(f).seed());
    }
    MlpCrossValidator.Result other = cv.run(DATA, 12, 1, null);
    assertThat(other.folds().get(0).training().model()).isNotEqualTo(seq.folds().get(0).training().model());
  }

  @Test
  void foldsAreParticipantDisjointAndScaledOnTrainingRowsOnly() {
    MlpCrossValidator.Result r = new MlpCrossValidator(TRAINER, new GroupKFold(3)).run(DATA, 3, 2, null);
    for (MlpCrossValidator.FoldResult f : r.folds()) {
      Set<Integer> trainGroups = new HashSet<>();
      for (int i : f.trainRows()) trainGroups.add(DATA.groups()[i]);
      for (int i : f.validationRows()) assertThat(trainGroups).doesNotContain(DATA.groups()[i]);
      // the scaler's minima are exactly the minima over the fold's training rows
      for (int c = 0; c < DATA.cols(); c++) {
        final int col = c;
        double min = Arrays.stream(f.trainRows()).mapToDouble(i -> DATA.get(i, col)).min().orElseThrow();
        double max = Arrays.stream(f.trainRows()).mapToDouble(i -> DATA.get(i, col)).max().orElseThrow();
        assertThat(f.scaler().min()[c]).isEqualTo(min);
        assertThat(f.scaler().max()[c]).isEqualTo(max);
      }
      assertThat(f.validation().n()).isEqualTo(f.validationRows().length);
    }
  }
}
