package org.distinct.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diverging run is detected, kept with its seed, and left out of the averages. */
class DivergenceTest {

  @Test
  void divergedRunsAreMarkedAndExcluded(@TempDir Path dir) {
    // Adam moves every weight by about the learning rate per step: 1e307 overflows the logits within a few steps.
    StudyConfig c = StudyFile.parse("""
        mlp:
          seeds: 2
          hidden: [6]
          epochs: 5
          folds: 2
          learningRate: 1.0e307
        pruning:
          untilUnits: 4
          criteria: [distinctiveness]
        leakage: false
        """, "diverge.yaml");
    StudyResult r = StudyRunner.run(c, new StudyRunner.Options(dir, false, 1), StudyProgress.NONE);
    assertThat(r.runs("mlp")).hasSize(2);
    for (Run run : r.runs("mlp")) {
      assertThat(run.diverged()).isTrue();
      assertThat(run.foldsDiverged()).isEqualTo(2);
      assertThat(run.pruning()).isEmpty();
      assertThat(run.finalTrainLoss()).isNaN();
    }
    Statistics.Summary s = Statistics.summarize(r.runs("mlp").stream().mapToDouble(Run::finalTrainLoss).toArray());
    assertThat(s.n()).isZero();
    assertThat(s.excluded()).isEqualTo(2);
  }
}
