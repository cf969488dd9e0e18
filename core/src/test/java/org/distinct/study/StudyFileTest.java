package org.distinct.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.distinct.BadInputException;
import org.junit.jupiter.api.Test;

class StudyFileTest {

  @Test
  void builtInStudyHasThePaperSettings() {
    StudyConfig c = StudyFile.defaults();
    assertThat(((TableSection) c.section("mlp")).hidden()).containsExactly(30);
    assertThat(((TableSection) c.section("mlp")).learningRate()).isEqualTo(0.01);
    assertThat(((TableSection) c.section("mlp")).epochs()).isEqualTo(1500);
    assertThat(((TableSection) c.section("mlp")).folds()).isEqualTo(10);
    assertThat(c.pruning().step()).isEqualTo(2);
    assertThat(((SeriesSection) c.section("rnn")).hidden()).containsExactly(50);
    assertThat(((SeriesSection) c.section("rnn")).learningRate()).isEqualTo(0.003);
  }

  @Test
  void everyBuiltInStudyReadsAndStatesItsProtocol() {
    for (String name : StudyFile.BUILT_IN) {
      StudyConfig c = StudyFile.builtIn(name);
      assertThat(StudyFile.parse(StudyFile.write(c), name + ".yaml")).isEqualTo(c);
      for (String k : c.models().keySet()) assertThat(c.section(k).seeds()).as(name + " " + k + " seeds").isGreaterThanOrEqualTo(6);
    }
    StudyConfig paper = StudyFile.builtIn("paper");
    assertThat(paper.models()).containsOnlyKeys("mlp", "rnn", "lstm", "gru", "conv1d");
    assertThat(paper.section("rnn").seeds()).isGreaterThanOrEqualTo(10);
    StudyConfig full = StudyFile.builtIn("paper-full");
    assertThat(full.models()).containsOnlyKeys("mlp", "rnn");
    assertThat(((SeriesSection) full.section("rnn")).downsample()).isEqualTo(1);
    assertThat(((SeriesSection) full.section("rnn")).folds()).isEqualTo(5);
    StudyConfig arch = StudyFile.builtIn("architectures");
    assertThat(arch.models()).containsOnlyKeys("mlp", "deep-mlp", "rnn", "lstm", "gru", "conv1d");
    assertThat(arch.section("deep-mlp").layers()).containsExactly(0, 1);
    for (String k : List.of("rnn", "lstm", "gru", "conv1d")) {
      SeriesSection s = (SeriesSection) arch.section(k);
      assertThat(s.downsample()).as(k).isEqualTo(1);
      assertThat(s.epochs()).as(k).isEqualTo(200);
      assertThat(s.sweptCriteria(arch)).as(k).hasSize(7);
    }
  }

  @Test
  void writtenStudyReadsBackEqual() {
    StudyConfig c = StudyFile.parse("mlp:\n  seeds: 3\n  epochs: 20\nrnn:\n  epochs: 7\n", "s.yaml");
    assertThat(StudyFile.parse(StudyFile.write(c), "again.yaml")).isEqualTo(c);
    assertThat(c.section("mlp").seeds()).isEqualTo(3);
    assertThat(((TableSection) c.section("mlp")).batchSize()).isEqualTo(32);
  }

  @Test
  void unknownKeyNamesFileLineAndKey() {
    assertThatThrownBy(() -> StudyFile.parse("mlp:\n  seeds: 3\n  epocs: 20\n", "s.yaml"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("s.yaml: line 3: unknown key 'epocs'");
  }

  @Test
  void wrongTypeNamesLineAndKey() {
    assertThatThrownBy(() -> StudyFile.parse("name: x\nmlp:\n  epochs: many\n", "s.yaml"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("s.yaml: line 3")
        .hasMessageContaining("mlp.epochs");
  }

  @Test
  void invalidValuesAndEmptyGridsAreErrorsWithLines() {
    assertThatThrownBy(() -> StudyFile.parse("mlp:\n  seeds: 0\n", "s.yaml"))
        .hasMessageContaining("s.yaml: line").hasMessageContaining("mlp.seeds must be at least 1");
    assertThatThrownBy(() -> StudyFile.parse("mlp:\n  grid:\n    batchSize: []\n", "s.yaml"))
        .hasMessageContaining("mlp.grid.batchSize: the list is empty");
    assertThatThrownBy(() -> StudyFile.parse("seed: -4\nmlp: {}\n", "s.yaml")).hasMessageContaining("seed must be positive");
    assertThatThrownBy(() -> StudyFile.parse("pruning:\n  similar: 170\nmlp: {}\n", "s.yaml"))
        .hasMessageContaining("similar < complementary");
    assertThatThrownBy(() -> StudyFile.parse("", "s.yaml")).hasMessage("s.yaml: the study file is empty");
  }

  @Test
  void unknownSectionsKindsAndCriteriaNameTheFileTheKeyAndWhatExists() {
    assertThatThrownBy(() -> StudyFile.parse("seed: 1\ntransformer:\n  seeds: 2\n", "s.yaml"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("s.yaml: line 2: unknown key 'transformer'")
        .hasMessageContaining("kind: mlp|rnn|lstm|gru|conv1d");
    assertThatThrownBy(() -> StudyFile.parse("big:\n  kind: transformer\n  seeds: 2\n", "s.yaml"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("s.yaml: line")
        .hasMessageContaining("big.kind: unknown model kind 'transformer' (known: mlp, rnn, lstm, gru, conv1d)");
    for (String kind : List.of("mlp", "rnn", "lstm", "gru", "conv1d"))
      assertThatThrownBy(() -> StudyFile.parse(kind + ":\n  criteria: [distinctiveness, bogus]\n", "s.yaml"))
          .as(kind)
          .isInstanceOf(BadInputException.class)
          .hasMessageStartingWith("s.yaml: line")
          .hasMessageContaining(kind + ".criteria: unknown criterion 'bogus' (known: distinctiveness,");
  }
}
