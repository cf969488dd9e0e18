package org.distinct.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distinct.BadInputException;
import org.distinct.data.MinMaxScaler;
import org.distinct.train.RnnTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RnnModelFileTest {
  @TempDir Path dir;

  private static SavedModel sample() {
    ElmanRnn m = ElmanRnn.initialize(2, 13, 3, new SplittableRandom(4));
    MinMaxScaler s = new MinMaxScaler(new double[] {-1.5, 0.25}, new double[] {3.75, 9.0});
    return SavedModel.of(m, List.of("F7", "F8"), List.of("classical", "instrumental", "pop"), s,
        RnnTestData.config(50, 0.003, 32, 200, 1.0, 1).toMap(), 77);
  }

  @Test
  void roundTripGivesBitIdenticalPredictions() throws Exception {
    SavedModel saved = sample();
    Path f = dir.resolve("rnn.json");
    ModelFile.save(f, saved);
    SavedModel back = ModelFile.loadRnn(f);
    ElmanRnn a = saved.rnn();
    ElmanRnn b = back.rnn();
    assertThat(b).isEqualTo(a).isNotSameAs(a);
    assertThat(back.kind()).isEqualTo("rnn");
    assertThat(back.featureNames()).containsExactly("F7", "F8");
    assertThat(back.seed()).isEqualTo(77);
    assertThat(back.trainingConfig()).containsEntry("hidden", List.of(50)).containsEntry("truncation", 0);
    List<double[]> xs = RnnTestData.sequences(new int[] {12, 5, 30}, 2, 9);
    assertThat(b.logits(xs)).containsExactly(a.logits(xs));
    assertThat(b.hiddenStates(xs, false)).containsExactly(a.hiddenStates(xs, false));
    assertThat(ModelFile.toJson(back)).isEqualTo(ModelFile.toJson(saved));
  }

  @Test
  void shapeMismatchesAreOneLineErrorsNamingTheField() throws Exception {
    String json = ModelFile.toJson(sample());
    Path f = dir.resolve("bad.json");
    // W_hh with one value too few
    String cut = json.replaceFirst("(\"wHh\" : \\[ )(-?[0-9.E-]+), ", "$1");
    Files.writeString(f, cut);
    assertThatThrownBy(() -> ModelFile.load(f)).isInstanceOf(BadInputException.class)
        .hasMessage(f + ": field 'network.wHh': has 168 values, expected 169 (13 x 13)");
    Files.writeString(f, json.replace("\"activation\" : \"tanh\"", "\"activation\" : \"relu\""));
    assertThatThrownBy(() -> ModelFile.load(f)).hasMessageContaining("field 'network.activation'");
    Files.writeString(f, json.replaceFirst("\"sizes\" : \\[ 2, 13, 3 \\]", "\"sizes\" : [ 2, 14, 3 ]"));
    assertThatThrownBy(() -> ModelFile.load(f)).hasMessageContaining("field 'network.wIh': has 26 values, expected 28 (14 x 2)");
    Files.writeString(f, json.replaceFirst("\"sizes\" : \\[ 2, 13, 3 \\]", "\"sizes\" : [ 1, 13, 3 ]"));
    assertThatThrownBy(() -> ModelFile.load(f)).hasMessageContaining("field 'network.wIh'");
  }

  @Test
  void kindsAreChecked() throws Exception {
    Path f = dir.resolve("rnn.json");
    ModelFile.save(f, sample());
    assertThatThrownBy(() -> ModelFile.loadMlp(f)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("this is a 'rnn' model, expected 'mlp'");
    Mlp mlp = Mlp.initialize(2, new int[] {3}, 3, Activation.SIGMOID, new SplittableRandom(1));
    Path g = dir.resolve("mlp.json");
    ModelFile.save(g, SavedModel.of(mlp, List.of("a", "b"), List.of("x", "y", "z"), null, Map.of(), 1));
    assertThatThrownBy(() -> ModelFile.loadRnn(g)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("this is a 'mlp' model, expected 'rnn'");
    assertThatThrownBy(() -> ModelFile.load(g).rnn()).isInstanceOf(IllegalStateException.class);
  }
}
