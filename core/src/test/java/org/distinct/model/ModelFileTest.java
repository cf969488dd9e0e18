package org.distinct.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distinct.BadInputException;
import org.distinct.Version;
import org.distinct.data.Dataset;
import org.distinct.data.MinMaxScaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  @TempDir Path dir;

  private static List<String> names(String prefix, int n) {
    List<String> l = new ArrayList<>();
    for (int i = 0; i < n; i++) l.add(prefix + i);
    return l;
  }

  /** Raw (unscaled) data and a model trained-looking enough: random weights, a fitted scaler. */
  private static SavedModel sample(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Mlp m = Mlp.initialize(5, new int[] {7, 4}, 3, Activation.TANH, rng.split());
    double[] x = new double[20 * 5];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble(-50, 50) / 7.0; // values with long expansions
    MinMaxScaler s = MinMaxScaler.fit(x, 20, 5);
    Map<String, Object> cfg = Map.of("epochs", 1500, "optimizer", Map.of("kind", "adam", "learningRate", 0.01), "hidden", List.of(7, 4));
    return new SavedModel(ModelFile.FORMAT, ModelFile.FORMAT_VERSION, Version.VERSION,
        Instant.parse("2026-11-23T22:00:00.123Z"), m, names("f", 5), List.of("classical", "instrumental", "pop"), s, cfg, seed);
  }

  private static Dataset rawData(long seed, int rows) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[rows * 5];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble(-60, 60) / 3.0;
    return new Dataset("raw.csv", x, rows, 5, new int[rows], new int[rows], names("f", 5), List.of("classical", "instrumental", "pop"));
  }

  @Test
  void roundTripGivesBitIdenticalModelAndPredictions() throws Exception {
    SavedModel saved = sample(1);
    Path p = dir.resolve("model.json");
    ModelFile.save(p, saved);
    SavedModel loaded = ModelFile.loadMlp(p);
    assertThat(loaded.mlp()).isEqualTo(saved.mlp());
    assertThat(loaded.scaler()).isEqualTo(saved.scaler());
    assertThat(loaded.featureNames()).isEqualTo(saved.featureNames());
    assertThat(loaded.classNames()).isEqualTo(saved.classNames());
    assertThat(loaded.seed()).isEqualTo(1);
    assertThat(loaded.created()).isEqualTo(saved.created());
    assertThat(loaded.softwareVersion()).isEqualTo(Version.VERSION);
    assertThat(loaded.kind()).isEqualTo("mlp");
    assertThat(loaded.trainingConfig()).containsEntry("epochs", 1500);
    assertThat(loaded.trainingConfig().get("optimizer")).isEqualTo(Map.of("kind", "adam", "learningRate", 0.01));
    Dataset raw = rawData(2, 40);
    Dataset a = saved.prepare(raw);
    Dataset b = loaded.prepare(raw);
    double[] la = saved.mlp().logits(a.x(), a.rows());
    double[] lb = loaded.mlp().logits(b.x(), b.rows());
    for (int i = 0; i < la.length; i++) assertThat(Double.doubleToRawLongBits(lb[i])).isEqualTo(Double.doubleToRawLongBits(la[i]));
    assertThat(loaded.mlp().predict(b.x(), b.rows())).containsExactly(saved.mlp().predict(a.x(), a.rows()));
    // saving the loaded model gives the same text
    assertThat(ModelFile.toJson(loaded)).isEqualTo(Files.readString(p));
    // no temporary files left behind
    try (var s = Files.list(dir)) {
      assertThat(s.map(x -> x.getFileName().toString()).toList()).containsExactly("model.json");
    }
  }

  @Test
  void prepareSelectsFeaturesByNameAndScales() {
    SavedModel m = sample(3);
    Dataset raw = rawData(4, 3);
    // reverse the columns of the data: prepare must put them back in the model's order
    double[] rx = new double[raw.x().length];
    List<String> rn = new ArrayList<>(raw.featureNames());
    Collections.reverse(rn);
    for (int r = 0; r < 3; r++) for (int j = 0; j < 5; j++) rx[r * 5 + j] = raw.x()[r * 5 + (4 - j)];
    Dataset reversed = raw.withFeatures(rx, rn);
    assertThat(m.prepare(reversed).x()).containsExactly(m.prepare(raw).x());
    assertThat(m.prepare(raw).x()).containsExactly(m.scaler().transform(raw.x(), 3));
    Dataset missing = raw.withFeatures(new double[12], names("g", 4));
    assertThatThrownBy(() -> m.prepare(missing)).isInstanceOf(BadInputException.class)
        .hasMessage("raw.csv: column 'f0': feature the model was trained on is missing");
  }

  private String json() {
    return ModelFile.toJson(sample(5));
  }

  private void assertBad(String text, String messagePart) throws Exception {
    Path p = dir.resolve("bad.json");
    Files.writeString(p, text);
    assertThatThrownBy(() -> ModelFile.load(p))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(p.toString() + ":")
        .hasMessageContaining(messagePart)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void truncatedFile() throws Exception {
    String j = json();
    assertBad(j.substring(0, j.length() / 2), "truncated JSON");
    assertBad("", "empty model file");
    assertBad("{\"format\": [1, 2", "truncated JSON");
    assertBad("{\"format\": nope}", "malformed JSON");
    assertBad(j + "{}", "malformed JSON");
    assertBad(j.replace("\"seed\" : 5,", "\"seed\" : 5, \"seed\" : 6,"), "malformed JSON: Duplicate field 'seed'");
  }

  @Test
  void otherFormatVersionKindOrFormat() throws Exception {
    String j = json();
    assertBad(j.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"),
        "field 'formatVersion': model format version 2 is not supported (this build reads version 1)");
    assertBad(j.replace("\"kind\" : \"mlp\"", "\"kind\" : \"transformer\""), "field 'kind': unknown model kind 'transformer' (this build reads mlp, rnn, lstm, gru, conv1d)");
    assertBad(j.replace("\"format\" : \"distinct-model\"", "\"format\" : \"keras\""), "field 'format': not a distinct model file");
    assertBad("[1, 2]", "not a distinct model file");
  }

  @Test
  void missingFields() throws Exception {
    String j = json();
    assertBad(j.replace("\"seed\" : 5,", ""), "field 'seed': missing");
    assertBad(j.replace("\"classNames\"", "\"classNamez\""), "field 'classNames': missing");
    assertBad(j.replaceFirst("\"w\" :", "\"weights\" :"), "field 'network.layers[0].w': missing");
    assertBad(j.replace("\"created\" : \"2026-11-23T22:00:00.123Z\"", "\"created\" : \"yesterday\""), "field 'created': not an ISO-8601");
  }

  @Test
  void shapesThatDoNotMatch() throws Exception {
    SavedModel s = sample(6);
    String j = ModelFile.toJson(s);
    // drop one weight of layer 1 (7 -> 4): 27 values instead of 28
    double w0 = s.mlp().layer(1).w()[0];
    String dropped = j.replace("\"w\" : [ " + w0 + ", ", "\"w\" : [ ");
    assertThat(dropped).isNotEqualTo(j);
    assertBad(dropped, "field 'network.layers[1].w': has 27 values, expected 28 (4 x 7)");
    assertBad(j.replace("\"sizes\" : [ 5, 7, 4, 3 ]", "\"sizes\" : [ 5, 8, 4, 3 ]"),
        "field 'network.layers[0]': shape 7 x 5 does not match sizes (expected 8 x 5)");
    assertBad(j.replace("\"classical\", ", ""), "field 'classNames': has 2 names, expected 3");
    assertBad(j.replace("\"f0\", ", ""), "field 'featureNames': has 4 names, expected 5");
    double mn0 = s.scaler().min()[0];
    assertBad(j.replace("\"min\" : [ " + mn0 + ", ", "\"min\" : [ "), "field 'scaler.min': has 4 values, expected 5");
    assertBad(j.replace("\"w\" : [ " + w0 + ", ", "\"w\" : [ \"x\", "), "field 'network.layers[1].w[0]': is not a number");
    assertBad(j.replace("\"activation\" : \"identity\"", "\"activation\" : \"tanh\""), "the output layer must be 'identity'");
  }

  @Test
  void missingOrUnreadableFile() {
    Path p = dir.resolve("nope.json");
    assertThatThrownBy(() -> ModelFile.load(p)).isInstanceOf(BadInputException.class).hasMessage(p + ": model file not found");
    assertThatThrownBy(() -> ModelFile.load(dir)).isInstanceOf(BadInputException.class).hasMessageStartingWith(dir + ": cannot read model file");
  }

  @Test
  void nonFiniteWeightsAreNotSaved() {
    Mlp m = new Mlp(List.of(new DenseLayer(1, 2, new double[] {Double.NaN, 1}, new double[2], Activation.IDENTITY)));
    SavedModel s = SavedModel.of(m, List.of("a"), List.of("x", "y"), null, Map.of(), 1);
    assertThatThrownBy(() -> ModelFile.save(dir.resolve("m.json"), s)).isInstanceOf(IllegalArgumentException.class);
    assertThat(dir.resolve("m.json")).doesNotExist();
  }

  @Test
  void networkKindWithoutCodecIsRefusedWhenSaving() {
    Network<Dataset> other = new Network<>() {
      @Override
      public int parameterCount() {
        return 0;
      }

      @Override
      public double[] logits(Dataset data) {
        return new double[2 * data.rows()];
      }

      @Override
      public String kind() {
        return "other";
      }

      @Override
      public int inputSize() {
        return 1;
      }

      @Override
      public int numClasses() {
        return 2;
      }
    };
    SavedModel s = SavedModel.of(other, List.of("a"), List.of("x", "y"), null, Map.of(), 1);
    assertThatThrownBy(() -> ModelFile.toJson(s)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'other'");
    assertThatThrownBy(s::mlp).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void modelWithoutScalerRoundTrips() throws Exception {
    Mlp m = Mlp.initialize(2, new int[0], 2, Activation.SIGMOID, new SplittableRandom(1));
    SavedModel s = SavedModel.of(m, List.of("a", "b"), List.of("x", "y"), null, Map.of(), -3);
    Path p = dir.resolve("m.json");
    ModelFile.save(p, s);
    SavedModel l = ModelFile.load(p);
    assertThat(l.scaler()).isNull();
    assertThat(l.mlp()).isEqualTo(m);
    assertThat(l.seed()).isEqualTo(-3);
  }
}
