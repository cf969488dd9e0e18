package org.distinct.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.distinct.data.SequenceDataset;
import org.distinct.family.ElmanFamily;
import org.distinct.model.ElmanRnn;
import org.distinct.model.ModelFile;
import org.distinct.train.EpochListener;
import org.distinct.train.RnnTestData;
import org.junit.jupiter.api.Test;

/**
 * The study's pruning sweeps of a sequence section: both modes, the configured number of steps, reproducible numbers;
 * the criteria sweeps of every swept layer beside them.
 */
class SweepsTest {
  private static final String STUDY = """
      rnn:
        hidden: 8
        learningRate: 0.02
        batchSize: 8
        epochs: 6
        folds: 0
        window: 1
        downsample: 1
        clipNorm: 0
        pruneSteps: 2
        criteria: []
      pruning:
        untilUnits: 8
      """;

  private static final SequenceDataset DATA = RnnTestData.learnable(48, 8, 16, 3, 91);

  private static StudyContext context(String yaml) {
    return new StudyContext(StudyFile.parse(yaml, "s.yaml"), null, DATA);
  }

  /** The final model's test metrics, as the protocol measures them for the same run seed. */
  private static double testLoss(StudyContext ctx, long seed) {
    ModelSection s = ctx.config().section("rnn");
    ElmanFamily f = new ElmanFamily();
    Baseline<ElmanRnn, SequenceDataset, SequenceDataset, ?> b =
        new Baseline<>(new Baseline.Setup<>(f, f.configure(s.trainSettings()), s.protocol(), s.preprocessing(), SeedScheme.SERIES));
    SeedScheme.Seeds seeds = b.seeds(seed);
    return b.fin(b.split(DATA, seeds), seeds, EpochListener.NONE).test().loss();
  }

  @Test
  void bothModesRunTheConfiguredStepsAndRerunsReproduceEveryNumberButTimes() {
    StudyContext ctx = context(STUDY);
    SectionRun<?, ?, ?, ?> run = SectionRun.of(ctx, "rnn");
    Outcomes.Final fin = run.fin(7);
    Outcomes.Sweep sw = run.sweep(7, fin.model());
    assertThat(sw.pruning()).containsOnlyKeys("structural", "mask");
    assertThat(sw.stopReasons()).containsOnlyKeys("structural", "mask");
    assertThat(sw.stopReasons().get("mask")).contains("fewest-partners");
    List<StepRow> st = sw.pruning().get("structural");
    List<StepRow> mask = sw.pruning().get("mask");
    assertThat(st).hasSize(3);
    assertThat(mask).hasSize(3);
    int params = ModelFile.fromJson(fin.model(), "fin").network().parameterCount();
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
    // step 0 is the unpruned model on the test part, as the protocol measured it
    double loss = testLoss(ctx, 7);
    assertThat(st.get(0).loss()).isEqualTo(loss);
    assertThat(mask.get(0).loss()).isEqualTo(loss);
    assertThat(st.get(1).pairs()).isNotEqualTo("none");
    assertThat(sw.angles()).hasNumberOfRows(8);

    Outcomes.Sweep again = SectionRun.of(ctx, "rnn").sweep(7, fin.model());
    for (String mode : List.of("structural", "mask"))
      for (int i = 0; i < 3; i++) {
        StepRow x = sw.pruning().get(mode).get(i);
        StepRow y = again.pruning().get(mode).get(i);
        assertThat(y.pairs()).isEqualTo(x.pairs());
        assertThat(y.loss()).isEqualTo(x.loss());
        assertThat(y.f1()).isEqualTo(x.f1());
        assertThat(y.minAngle()).isEqualTo(x.minAngle());
        assertThat(y.parameters()).isEqualTo(x.parameters());
      }
  }

  @Test
  void criteriaAreSweptPerLayerBesideTheModesWithTheirOwnSeeds() {
    String yaml = STUDY.replace("  criteria: []\n", "  criteria: [distinctiveness, random]\n").replace("  untilUnits: 8", "  untilUnits: 6");
    StudyContext ctx = context(yaml);
    SectionRun<?, ?, ?, ?> run = SectionRun.of(ctx, "rnn");
    Outcomes.Final fin = run.fin(7);
    Outcomes.Sweep sw = run.sweep(7, fin.model());
    assertThat(sw.pruning()).containsOnlyKeys("structural", "mask", "distinctiveness", "random");
    // the criteria sweep goes down to pruning.untilUnits (6 of 8 units, 2 per step: one step), the modes do pruneSteps
    assertThat(sw.pruning().get("distinctiveness")).hasSize(2);
    assertThat(sw.pruning().get("distinctiveness").get(1).hiddenUnits()).isEqualTo(6);
    assertThat(sw.pruning().get("structural")).hasSize(3);
    // the same structural distinctiveness step: the first step of both sweeps removes the same units
    assertThat(sw.pruning().get("distinctiveness").get(1).pairs()).isEqualTo(sw.pruning().get("structural").get(1).pairs());
    assertThat(run.sweep(7, fin.model()).pruning().get("random")).usingRecursiveComparison()
        .ignoringFields("timeMedianMs", "timeMinMs", "timeMaxMs").isEqualTo(sw.pruning().get("random"));
  }

  @Test
  void zeroStepsGiveOnlyTheUnprunedRowPerMode() {
    StudyContext ctx = context(STUDY.replace("pruneSteps: 2", "pruneSteps: 0").replace("hidden: 8\n", "hidden: 8\n  modes: [mask]\n"));
    SectionRun<?, ?, ?, ?> run = SectionRun.of(ctx, "rnn");
    Outcomes.Sweep sw = run.sweep(7, run.fin(7).model());
    assertThat(sw.pruning()).containsOnlyKeys("mask");
    assertThat(sw.pruning().get("mask")).hasSize(1);
    assertThat(sw.pruning().get("mask").get(0).loss()).isEqualTo(testLoss(ctx, 7));
    assertThat(sw.stopReasons().get("mask")).contains("no pruning steps").contains("rnn.pruneSteps = 0");
  }
}
