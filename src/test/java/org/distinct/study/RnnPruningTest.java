package org.distinct.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SequenceScaling;
import org.distinct.data.SeriesPreprocessing;
import org.distinct.train.RnnTestData;
import org.distinct.train.RnnTrainConfig;
import org.junit.jupiter.api.Test;

/** The study's RNN pruning sweep: both modes, the configured number of steps, reproducible numbers. */
class RnnPruningTest {
  private static final String STUDY = """
      rnn:
        hidden: 8
        pruneSteps: 2
      pruning:
        untilUnits: 8
      """;

  private static RnnBaseline.Result baseline() {
    SequenceDataset data = RnnTestData.learnable(48, 8, 16, 3, 91);
    RnnTrainConfig tc = new RnnTrainConfig(8, 0.02, 0.9, 0.999, 1e-8, 8, 6, 0, 0, true, 1);
    RnnBaseline.Config bc = new RnnBaseline.Config(
        tc, new SeriesPreprocessing(1, SequenceScaling.Mode.PER_SEQUENCE, 1), true, 0.25, 0, RnnStudy.TIMING);
    return new RnnBaseline(bc).run(data, 92, null);
  }

  @Test
  void bothModesRunTheConfiguredStepsAndRerunsReproduceEveryNumberButTimes() {
    StudyConfig study = StudyFile.parse(STUDY, "s.yaml");
    RnnBaseline.Result b = baseline();
    Map<String, List<StepRow>> pruning = new LinkedHashMap<>();
    Map<String, String> stops = new LinkedHashMap<>();
    List<String> progress = new java.util.ArrayList<>();
    RnnPruning.sweep(b, study, 7, pruning, stops, progress::add);
    assertThat(pruning).containsOnlyKeys("structural", "mask");
    assertThat(stops).containsOnlyKeys("structural", "mask");
    assertThat(stops.get("mask")).contains("fewest-partners");
    assertThat(progress).hasSize(2);
    List<StepRow> st = pruning.get("structural");
    List<StepRow> mask = pruning.get("mask");
    assertThat(st).hasSize(3);
    assertThat(mask).hasSize(3);
    int params = b.finalTraining().model().parameterCount();
    for (int i = 0; i < 3; i++) {
      assertThat(st.get(i).hiddenUnits()).isEqualTo(8 - 2 * i);
      assertThat(st.get(i).unitsRemoved()).isEqualTo(2 * i);
      assertThat(mask.get(i).hiddenUnits()).isEqualTo(8 - 2 * i); // active units; the storage keeps 8
      assertThat(mask.get(i).parameters()).isEqualTo(params);
      assertThat(mask.get(i).unitsRemoved()).isEqualTo(2 * i);
      assertThat(st.get(i).timeMedianMs()).isPositive();
    }
    assertThat(st.get(1).parameters()).isLessThan(st.get(0).parameters());
    assertThat(st.get(2).parameters()).isLessThan(st.get(1).parameters());
    // step 0 is the unpruned model on the test part, as the baseline measured it
    assertThat(st.get(0).loss()).isEqualTo(b.test().loss());
    assertThat(mask.get(0).loss()).isEqualTo(b.test().loss());
    assertThat(st.get(1).pairs()).isNotEqualTo("none");

    Map<String, List<StepRow>> again = new LinkedHashMap<>();
    RnnPruning.sweep(b, study, 7, again, new LinkedHashMap<>(), x -> {});
    for (String mode : List.of("structural", "mask"))
      for (int i = 0; i < 3; i++) {
        StepRow x = pruning.get(mode).get(i);
        StepRow y = again.get(mode).get(i);
        assertThat(y.pairs()).isEqualTo(x.pairs());
        assertThat(y.loss()).isEqualTo(x.loss());
        assertThat(y.f1()).isEqualTo(x.f1());
        assertThat(y.minAngle()).isEqualTo(x.minAngle());
        assertThat(y.parameters()).isEqualTo(x.parameters());
      }
  }

  @Test
  void zeroStepsGiveOnlyTheUnprunedRowPerMode() {
    StudyConfig study = StudyFile.parse(STUDY.replace("pruneSteps: 2", "pruneSteps: 0").replace("hidden: 8\n", "hidden: 8\n  modes: [mask]\n"),
        "s.yaml");
    RnnBaseline.Result b = baseline();
    Map<String, List<StepRow>> pruning = new LinkedHashMap<>();
    Map<String, String> stops = new LinkedHashMap<>();
    RnnPruning.sweep(b, study, 7, pruning, stops, x -> {});
    assertThat(pruning).containsOnlyKeys("mask");
    assertThat(pruning.get("mask")).hasSize(1);
    assertThat(pruning.get("mask").get(0).loss()).isEqualTo(b.test().loss());
    assertThat(stops.get("mask")).contains("no pruning steps");
  }
}
