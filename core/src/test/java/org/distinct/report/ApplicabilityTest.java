package org.distinct.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distinct.family.DataKind;
import org.distinct.study.StepRow;
import org.junit.jupiter.api.Test;

/**
 * The applicability rules on hand-made sweeps: where the first significant drop is, what "≥" means, which step a
 * fraction takes, which baseline is best, and what the summary says.
 */
class ApplicabilityTest {
  private static StepRow row(int step, int removed, int units, double accuracy) {
    return new StepRow(step, removed, "", 1.0, accuracy, accuracy, accuracy, accuracy, accuracy, 1, 1, 1, 100, units - removed, 30, false);
  }

  /**
   * Sweeps of one criterion over {@code seeds} seeds: step s removes {@code 2s} of {@code units} units; the accuracy of
   * each seed at step s is its base accuracy plus {@code change[s]} plus a tiny seed-specific jitter (so tests see
   * differences that are not all equal).
   */
  private static List<Map<String, List<StepRow>>> sweeps(String key, int seeds, int units, double[] change, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Map<String, List<StepRow>>> out = new ArrayList<>();
    for (int s = 0; s < seeds; s++) {
      double base = 0.5 + 0.3 * rng.nextDouble();
      List<StepRow> rows = new ArrayList<>();
      for (int st = 0; st < change.length; st++) rows.add(row(st, 2 * st, units, base + change[st] + (st == 0 ? 0 : 1e-3 * rng.nextDouble())));
      out.add(Map.of(key, rows));
    }
    return out;
  }

  @Test
  void theFirstSignificantDropEndsTheSafeFraction() {
    // 8 seeds, 20 units: steps remove 2, 4, 6, 8 units; step 3 loses 10 points in every seed
    Applicability.Criterion c = Applicability.criterion(sweeps("distinctiveness", 8, 20, new double[] {0, 0, 0, -0.1, 0}, 1), "distinctiveness", 20);
    assertThat(c.toEnd()).isFalse();
    assertThat(c.safeFraction()).isEqualTo(4 / 20.0); // step 2, the last before the drop
    assertThat(c.safeText()).isEqualTo("20 %");
    assertThat(c.fraction()).containsExactly(0, 0.1, 0.2, 0.3, 0.4);
    // 10 % is step 1 (2 units), 25 % the first step with ≥ 5 units (step 3, 6 units), 50 % is never reached (8 of 20)
    assertThat(c.at().get(0).units()).isEqualTo(2);
    assertThat(c.at().get(1).units()).isEqualTo(6);
    assertThat(c.at().get(1).change().meanDifference()).isBetween(-0.1, -0.099);
    assertThat(c.at().get(2).change()).isNull();
  }

  @Test
  void noDropMakesTheFractionALowerBoundAndTooFewSeedsNeverDrop() {
    Applicability.Criterion c = Applicability.criterion(sweeps("random", 8, 10, new double[] {0, 0.001, 0.002}, 2), "random", 10);
    assertThat(c.toEnd()).isTrue();
    assertThat(c.safeText()).isEqualTo("≥ 40 %");
    // with 5 seeds the exact Wilcoxon test cannot reach p < 0.05: even a 30-point loss is no significant drop
    Applicability.Criterion few = Applicability.criterion(sweeps("random", 5, 10, new double[] {0, -0.3}, 3), "random", 10);
    assertThat(few.toEnd()).isTrue();
    assertThat(few.safeFraction()).isEqualTo(0.2);
  }

  @Test
  void theBestBaselinePrunesFurthestAndTheSummarySaysWhoWins() {
    Applicability.Criterion dist = Applicability.criterion(sweeps("distinctiveness", 8, 20, new double[] {0, 0, 0, 0, -0.2}, 4), "distinctiveness", 20);
    Applicability.Criterion rand = Applicability.criterion(sweeps("random", 8, 20, new double[] {0, -0.2, -0.2, -0.2, -0.2}, 5), "random", 20);
    Applicability.Criterion mag = Applicability.criterion(sweeps("magnitude-in", 8, 20, new double[] {0, 0, -0.2, -0.2, -0.2}, 6), "magnitude-in", 20);
    FamilyRuns mlp = new FamilyRuns("mlp", "MLP", DataKind.TABLE, null, List.of());
    Applicability.Row good = new Applicability.Row(mlp, 0, "MLP", 20, null, List.of(dist, rand, mag));
    assertThat(good.main()).isSameAs(dist);
    assertThat(good.bestBaseline()).isSameAs(mag);
    Applicability.Row bad = new Applicability.Row(mlp, 1, "MLP layer 1", 20, null, List.of(rand, mag));
    assertThat(bad.main()).isNull();
    FamilyRuns rnn = new FamilyRuns("rnn", "RNN", DataKind.SERIES, null, List.of());
    Applicability.Row worse = new Applicability.Row(rnn, 0, "RNN", 20, null, List.of(rand.criterion().equals("random") ? renamed(rand) : rand, mag));
    String s = Applicability.summary(List.of(good, bad, worse));
    assertThat(s).startsWith("Applicability: distinctiveness prunes MLP (30 % of 20 units removed with no significant drop, magnitude-in 10 %)")
        .contains("but RNN (0 % of 20 units removed with no significant drop, magnitude-in 10 %) less far than the best baseline");
  }

  private static Applicability.Criterion renamed(Applicability.Criterion c) {
    return new Applicability.Criterion("distinctiveness", c.safeFraction(), c.toEnd(), c.at(), c.fraction(), c.accuracy());
  }
}
