package org.distinct.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.distinct.BadInputException;
import org.distinct.data.MinMaxScaler;
import org.distinct.train.RnnTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Model files of kinds {@code lstm} and {@code gru} ({@link GatedCodec}): round trip and every refusal. */
class GatedModelFileTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir Path dir;

  /** A two-layer network of unequal sizes, 2 inputs → 5 → 4 → 3 classes, with a scaler. */
  private static SavedModel sample(GatedCell cell) {
    GatedRnn m = cell == GatedCell.LSTM
        ? Lstm.initialize(2, new int[] {5, 4}, 3, new SplittableRandom(4))
        : Gru.initialize(2, new int[] {5, 4}, 3, new SplittableRandom(4));
    MinMaxScaler s = new MinMaxScaler(new double[] {-1.5, 0.25}, new double[] {3.75, 9.0});
    return SavedModel.of(m, List.of("F7", "F8"), List.of("classical", "instrumental", "pop"), s, Map.of("hidden", List.of(5, 4)), 77);
  }

  @ParameterizedTest
  @EnumSource(GatedCell.class)
  void roundTripIsBitForBit(GatedCell cell) throws Exception {
    SavedModel saved = sample(cell);
    Path f = dir.resolve(cell.kind() + ".json");
    ModelFile.save(f, saved);
    SavedModel back = ModelFile.load(f);
    assertThat(back.kind()).isEqualTo(cell.kind());
    assertThat(back.network()).isInstanceOf(cell == GatedCell.LSTM ? Lstm.class : Gru.class);
    GatedRnn a = (GatedRnn) saved.network();
    GatedRnn b = (GatedRnn) back.network();
    assertThat(b).isEqualTo(a).isNotSameAs(a);
    assertThat(b.sizes()).containsExactly(2, 5, 4, 3);
    List<double[]> xs = RnnTestData.sequences(new int[] {12, 5, 30}, 2, 9);
    assertThat(b.logits(xs)).containsExactly(a.logits(xs));
    for (int l = 0; l < 2; l++) assertThat(b.hiddenStates(xs, l, false)).containsExactly(a.hiddenStates(xs, l, false));
    assertThat(back.scaler().min()).containsExactly(saved.scaler().min());
    assertThat(ModelFile.toJson(back)).isEqualTo(ModelFile.toJson(saved));
    // the layout is the documented one
    ObjectNode net = (ObjectNode) MAPPER.readTree(ModelFile.toJson(saved)).get("network");
    assertThat(net.get("layers").get(1).get("wHh")).hasSize(cell.gates() * 4 * 4);
    assertThat(net.get("layers").get(1).get("wIh").get(7).asDouble()).isEqualTo(a.layer(1).wIh()[7]);
    assertThat(net.get("wOut")).hasSize(3 * 4);
  }

  @Test
  void kindsAreKeptApart() throws Exception {
    Path f = dir.resolve("lstm.json");
    ModelFile.save(f, sample(GatedCell.LSTM));
    assertThatThrownBy(() -> ModelFile.loadRnn(f)).isInstanceOf(BadInputException.class)
        .hasMessage(f + ": field 'kind': this is a 'lstm' model, expected 'rnn'");
    assertThatThrownBy(() -> ModelFile.loadMlp(f)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("this is a 'lstm' model, expected 'mlp'");
    assertThat(GatedCodec.lstm().kind()).isEqualTo(Lstm.KIND);
    assertThat(GatedCodec.gru().kind()).isEqualTo(Gru.KIND);
  }

  /** One malformed field each: the cell, an edit of the saved JSON tree, and the exact one-line message. */
  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal(GatedCell.LSTM, n -> n.putArray("sizes").add(2).add(3),
            "field 'network.sizes': needs at least 3 entries (inputs, hidden units of each layer, classes), found 2"),
        refusal(GatedCell.LSTM, n -> ((ArrayNode) n.get("sizes")).set(2, 0), "field 'network.sizes[2]': must be at least 1, found 0"),
        refusal(GatedCell.GRU, n -> ((ArrayNode) n.get("sizes")).set(1, 2.5), "field 'network.sizes[1]': is not an integer"),
        refusal(GatedCell.GRU, n -> n.put("sizes", "2-5-4-3"), "field 'network.sizes': is not an array"),
        refusal(GatedCell.LSTM, n -> n.remove("layers"), "field 'network.layers': missing"),
        refusal(GatedCell.LSTM, n -> ((ArrayNode) n.get("layers")).remove(1),
            "field 'network.layers': has 1 layers, expected 2 for sizes [2, 5, 4, 3]"),
        refusal(GatedCell.GRU, n -> ((ArrayNode) n.get("layers")).set(1, 7), "field 'network.layers[1]': is not an object"),
        refusal(GatedCell.LSTM, n -> cut(n, 0, "wIh", 1), "field 'network.layers[0].wIh': has 39 values, expected 40 (4·5 x 2)"),
        refusal(GatedCell.LSTM, n -> cut(n, 1, "wHh", 4), "field 'network.layers[1].wHh': has 60 values, expected 64 (4·4 x 4)"),
        refusal(GatedCell.GRU, n -> cut(n, 1, "wIh", 2), "field 'network.layers[1].wIh': has 58 values, expected 60 (3·4 x 5)"),
        refusal(GatedCell.LSTM, n -> cut(n, 0, "bIh", 1), "field 'network.layers[0].bIh': has 19 values, expected 20 (4·5)"),
        refusal(GatedCell.GRU, n -> cut(n, 1, "bHh", 1), "field 'network.layers[1].bHh': has 11 values, expected 12 (3·4)"),
        refusal(GatedCell.GRU, n -> ((ObjectNode) n.get("layers").get(1)).remove("bHh"), "field 'network.layers[1].bHh': missing"),
        refusal(GatedCell.LSTM, n -> ((ArrayNode) n.get("layers").get(0).get("wHh")).set(3, "x"),
            "field 'network.layers[0].wHh[3]': is not a number"),
        refusal(GatedCell.LSTM, n -> ((ArrayNode) n.get("sizes")).set(1, 6),
            "field 'network.layers[0].wIh': has 40 values, expected 48 (4·6 x 2)"),
        refusal(GatedCell.GRU, n -> ((ArrayNode) n.get("wOut")).remove(0), "field 'network.wOut': has 11 values, expected 12 (3 x 4)"),
        refusal(GatedCell.LSTM, n -> ((ArrayNode) n.get("bOut")).remove(0), "field 'network.bOut': has 2 values, expected 3"),
        refusal(GatedCell.LSTM, n -> n.remove("wOut"), "field 'network.wOut': missing"));
  }

  private static Arguments refusal(GatedCell cell, Consumer<ObjectNode> edit, String message) {
    return Arguments.of(cell, edit, message);
  }

  /** Drops the last {@code k} values of {@code layers[l].name}. */
  private static void cut(ObjectNode net, int l, String name, int k) {
    ArrayNode a = (ArrayNode) net.get("layers").get(l).get(name);
    for (int i = 0; i < k; i++) a.remove(a.size() - 1);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("refusals")
  void malformedFieldsAreOneLineErrorsNamingTheFileAndField(GatedCell cell, Consumer<ObjectNode> edit, String message) throws Exception {
    ObjectNode root = (ObjectNode) MAPPER.readTree(ModelFile.toJson(sample(cell)));
    edit.accept((ObjectNode) root.get("network"));
    String text = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    assertThatThrownBy(() -> ModelFile.fromJson(text, "model.json")).isInstanceOf(BadInputException.class)
        .hasMessage("model.json: " + message);
  }

  @Test
  void aGruFileRelabelledAsAnLstmIsRefusedAtItsFirstGateBlock() throws Exception {
    ObjectNode root = (ObjectNode) MAPPER.readTree(ModelFile.toJson(sample(GatedCell.GRU)));
    root.put("kind", "lstm");
    String text = MAPPER.writeValueAsString(root);
    assertThatThrownBy(() -> ModelFile.fromJson(text, "model.json")).isInstanceOf(BadInputException.class)
        .hasMessage("model.json: field 'network.layers[0].wIh': has 30 values, expected 40 (4·5 x 2)");
  }

  @Test
  void nonFiniteWeightsAreNotSaved() {
    Lstm m = Lstm.initialize(1, new int[] {2}, 2, new SplittableRandom(5));
    m.layer(0).bHh()[3] = Double.NaN;
    SavedModel s = SavedModel.of(m, List.of("F7"), List.of("a", "b"), null, Map.of(), 1);
    assertThatThrownBy(() -> ModelFile.toJson(s)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lstm parameter bHh");
  }
}
