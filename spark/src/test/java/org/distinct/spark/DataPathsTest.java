package org.distinct.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.distinct.study.StudyConfig;
import org.distinct.study.StudyFile;
import org.junit.jupiter.api.Test;

/** The inputs a study reads, as executors see them: absolute, the demo data none. */
class DataPathsTest {
  @Test
  void relativePathsBecomeAbsoluteAndTheDemoDataIsNoInput() {
    StudyConfig demo = StudyFile.parse("mlp:\n  seeds: 1\nrnn:\n  seeds: 1\n", "demo.yaml");
    assertThat(DataPaths.inputs(demo)).isEmpty();
    StudyConfig own = StudyFile.parse("data:\n  features: some/f.csv\n  series: s\nmlp:\n  seeds: 1\n", "own.yaml");
    String abs = Path.of("some/f.csv").toAbsolutePath().normalize().toString();
    assertThat(DataPaths.inputs(own)).containsExactly(new DataPaths.Input("data.features", abs)); // no sequence model: series unread
    StudyConfig sent = DataPaths.forExecutors(own);
    assertThat(sent.data().features()).isEqualTo(abs);
    assertThat(sent.data().series()).isEqualTo(Path.of("s").toAbsolutePath().normalize().toString());
    assertThat(sent.models()).isEqualTo(own.models());
  }
}
