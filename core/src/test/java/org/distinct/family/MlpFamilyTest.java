package org.distinct.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.BadInputException;
import org.distinct.data.Dataset;
import org.distinct.data.FeatureFrame;
import org.distinct.data.FeatureTableLoader;
import org.distinct.data.FeatureTableOptions;
import org.distinct.data.GeneratedTables;
import org.distinct.data.TableEncoder;
import org.distinct.model.Activation;
import org.distinct.model.Mlp;
import org.distinct.model.ModelFile;
import org.distinct.model.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLP family on tables as people ship them: its preparation is fitted on training rows only, recorded in the
 * model file and repeated exactly for new rows; splits follow the data's groups.
 */
class MlpFamilyTest {
  private static final MlpFamily MLP = new MlpFamily();

  @TempDir static Path dir;

  private static FeatureFrame frame(GeneratedTables.Spec spec, long seed) {
    try {
      Path f = GeneratedTables.writeCsv(dir, "t" + seed + ".csv", spec, seed);
      return FeatureTableLoader.loadFrame(f, FeatureTableOptions.defaults());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) r[i] = from + i;
    return r;
  }

  @Test
  void aSavedModelPreparesNewRowsBitForBitAsTrainingDid() {
    FeatureFrame all = frame(GeneratedTables.Spec.plain().withColorAndMissing(5), 11);
    FeatureFrame train = all.subset(range(0, 40));
    FeatureFrame test = all.subset(range(40, 60));
    for (TableEncoder.Impute impute : List.of(TableEncoder.Impute.MEAN, TableEncoder.Impute.MEDIAN, TableEncoder.Impute.MOST_FREQUENT)) {
      PreprocessSettings ps = PreprocessSettings.defaults().withTable(new TableEncoder.EncoderOptions(impute, null));
      Preprocessor.Fitted<FeatureFrame, Dataset> fitted = MLP.preprocessor(ps).fit(train);
      Dataset trainP = fitted.apply(train);
      Mlp net = Mlp.initialize(trainP.cols(), new int[] {3}, 3, Activation.SIGMOID, new SplittableRandom(1));
      SavedModel saved = MLP.save(net, fitted, trainP, MLP.defaults(), 1);
      SavedModel back = ModelFile.fromJson(ModelFile.toJson(saved), "m.json");
      Dataset want = fitted.apply(test);
      Dataset got = MLP.prepare(back, test, PrepareOptions.strict());
      assertThat(got.featureNames()).isEqualTo(want.featureNames()).contains("color=blue", "color=green", "color=red");
      assertThat(got.x()).containsExactly(want.x());
      // the test rows' own statistics would give other numbers: the preparation is the training rows'
      Dataset own = MLP.preprocessor(ps).fit(test).apply(test);
      assertThat(own.x()).isNotEqualTo(want.x());
    }
  }

  @Test
  void aPlainNumericTableKeepsTheModelFileAsBefore() {
    FeatureFrame f = frame(GeneratedTables.Spec.plain(), 12);
    Preprocessor.Fitted<FeatureFrame, Dataset> fitted = MLP.preprocessor(PreprocessSettings.defaults()).fit(f);
    assertThat(fitted.record()).isEmpty();
    Dataset p = fitted.apply(f);
    Mlp net = Mlp.initialize(p.cols(), new int[] {3}, 3, Activation.SIGMOID, new SplittableRandom(1));
    SavedModel saved = MLP.save(net, fitted, p, MLP.defaults(), 1);
    assertThat(saved.trainingConfig()).doesNotContainKey("preprocessing").isEqualTo(MLP.record(MLP.defaults()));
    assertThat(saved.featureNames()).containsExactly("x1", "x2", "x3", "x4");
  }

  @Test
  void columnsThatDifferFromTheModelAreAllNamedOrLeftOutWhenAsked() {
    FeatureFrame f = frame(GeneratedTables.Spec.plain().withColorAndMissing(9), 13);
    PreprocessSettings ps = PreprocessSettings.defaults().withTable(new TableEncoder.EncoderOptions(TableEncoder.Impute.MEAN, null));
    Preprocessor.Fitted<FeatureFrame, Dataset> fitted = MLP.preprocessor(ps).fit(f);
    Dataset p = fitted.apply(f);
    SavedModel saved = MLP.save(Mlp.initialize(p.cols(), new int[] {3}, 3, Activation.SIGMOID, new SplittableRandom(1)), fitted, p, MLP.defaults(), 1);
    FeatureFrame other = frame(new GeneratedTables.Spec(20, 3, 5, false, 0, 0, false), 14);
    assertThatThrownBy(() -> MLP.prepare(saved, other, PrepareOptions.strict())).isInstanceOf(BadInputException.class)
        .hasMessageEndingWith("t14.csv: the feature columns do not match the model's 5 input columns: missing 'color'; extra 'x5' "
            + "(leave them out with --drop-columns or --ignore-extra-columns)");
    FeatureFrame extra = frame(new GeneratedTables.Spec(20, 3, 5, true, 9, 0, false), 13);
    assertThat(MLP.prepare(saved, extra, new PrepareOptions(true, null)).featureNames()).isEqualTo(p.featureNames());
  }

  @Test
  void splitsFollowTheGroupsOfTheData() {
    FeatureFrame none = frame(GeneratedTables.Spec.plain(), 15);
    FeatureFrame grouped = frame(GeneratedTables.Spec.plain().withGroups(6), 15);
    assertThat(none.grouped()).isFalse();
    assertThat(grouped.grouped()).isTrue();
    assertThat(grouped.groupNote()).isEqualTo("groups: column 'subject no.' (6 groups)");
    assertThat(MLP.defaultSplit(none)).isEqualTo(Protocol.Split.STRATIFIED);
    assertThat(MLP.defaultSplit(grouped)).isEqualTo(Protocol.Split.GROUPED);
    Protocol p = MLP.protocol();
    assertThatThrownBy(() -> MLP.holdout(p, none)).isInstanceOf(BadInputException.class).hasMessageContaining("--group-column NAME");
    assertThatThrownBy(() -> MLP.folds(p, none)).isInstanceOf(BadInputException.class);
    assertThat(MLP.holdout(p.with(null, null, Protocol.Split.STRATIFIED), none)).isNotNull();
    assertThat(MLP.holdout(p, grouped)).isNotNull();
  }
}
