package org.distinct.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Work units and their results as JSON (what a cluster executor receives and sends back): every unit of a small
 * study reads back equal, a result computed here reads back with the same bits, and text that is not a unit is
 * refused.
 */
class UnitJsonTest {
  static final String STUDY = """
      mlp:
        seeds: 2
        hidden: [5]
        epochs: 3
        folds: 2
        gridSeeds: 1
        grid:
          batchSize: [16, 64]
      pruning:
        untilUnits: 3
        criteria: [distinctiveness]
      """;

  @Test
  void everyUnitOfAStudyRoundTrips() {
    StudyConfig c = StudyFile.parse(STUDY, "s.yaml");
    List<WorkUnit<?>> units = new ArrayList<>(StudyPlan.training(c, "mlp"));
    units.addAll(StudyPlan.grid(c, "mlp"));
    units.add(new WorkUnit.SweepUnit("mlp", 2, "{}"));
    assertThat(units).extracting(u -> u.getClass().getSimpleName())
        .contains("FoldUnit", "FinalUnit", "LeakageUnit", "GridUnit", "SweepUnit");
    for (WorkUnit<?> u : units) {
      WorkUnit<?> back = UnitJson.unitFromJson(UnitJson.unitToJson(u));
      assertThat(back).isEqualTo(u);
      assertThat(back.id()).isEqualTo(u.id());
    }
  }

  @Test
  void aComputedResultReadsBackWithTheSameBits() {
    StudyContext ctx = StudyRunner.load(StudyFile.parse(STUDY, "s.yaml"));
    WorkUnit.FoldUnit unit = (WorkUnit.FoldUnit) StudyPlan.training(ctx.config(), "mlp").get(0);
    String json = UnitJson.run(UnitJson.unitToJson(unit), ctx);
    Outcomes.Fold direct = unit.run(ctx);
    Outcomes.Fold back = UnitJson.resultFromJson(unit, json);
    assertThat(Double.doubleToRawLongBits(back.trainLoss())).isEqualTo(Double.doubleToRawLongBits(direct.trainLoss()));
    assertThat(Double.doubleToRawLongBits(back.validationLoss())).isEqualTo(Double.doubleToRawLongBits(direct.validationLoss()));
    assertThat(UnitJson.resultToJson(back)).isEqualTo(json).isEqualTo(UnitJson.resultToJson(direct));
  }

  @Test
  void textThatIsNotAUnitIsRefused() {
    assertThatThrownBy(() -> UnitJson.unitFromJson("{\"type\":\"Oops\",\"unit\":{}}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Oops'");
    assertThatThrownBy(() -> UnitJson.unitFromJson("not json")).isInstanceOf(IllegalArgumentException.class);
    WorkUnit.FinalUnit f = new WorkUnit.FinalUnit("mlp", 1);
    assertThatThrownBy(() -> UnitJson.resultFromJson(f, "[1, 2]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mlp-seed-1-final");
  }
}
