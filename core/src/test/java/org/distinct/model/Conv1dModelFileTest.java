package org.distinct.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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

/** Model files of kind {@code conv1d} ({@link Conv1dCodec}): round trip and every refusal. */
class Conv1dModelFileTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir Path dir;

  /** Two layers of unequal sizes, 2 inputs → 5 → 4 channels → 3 classes, kernels 3 and 4, strides 1 and 2, with a scaler. */
  private static SavedModel sample(Conv1d.Pool pool, Activation act) {
    Conv1d.Spec spec = new Conv1d.Spec(new int[] {3, 4}, new int[] {1, 2}, new int[] {1, 2}, act, pool);
    Conv1d m = Conv1d.initialize(2, new int[] {5, 4}, 3, spec, new SplittableRandom(4));
    MinMaxScaler s = new MinMaxScaler(new double[] {-1.5, 0.25}, new double[] {3.75, 9.0});
    return SavedModel.of(m, List.of("F7", "F8"), List.of("classical", "instrumental", "pop"), s, Map.of("hidden", List.of(5, 4)), 77);
  }

  private static SavedModel sample() {
    return sample(Conv1d.Pool.MAX, Activation.TANH);
  }

  @ParameterizedTest
  @EnumSource(Conv1d.Pool.class)
  void roundTripIsBitForBit(Conv1d.Pool pool) throws Exception {
    for (Activation act : new Activation[] {Activation.RELU, Activation.TANH}) {
      SavedModel saved = sample(pool, act);
      Path f = dir.resolve("conv1d-" + pool + act + ".json");
      ModelFile.save(f, saved);
      SavedModel back = ModelFile.load(f);
      assertThat(back.kind()).isEqualTo(Conv1d.KIND);
      Conv1d a = (Conv1d) saved.network();
      Conv1d b = (Conv1d) back.network();
      assertThat(b).isEqualTo(a).isNotSameAs(a);
      assertThat(b.sizes()).containsExactly(2, 5, 4, 3);
      assertThat(b.spec()).isEqualTo(a.spec());
      List<double[]> xs = RnnTestData.sequences(new int[] {12, 5, 30}, 2, 9);
      assertThat(b.logits(xs)).containsExactly(a.logits(xs));
      for (int l = 0; l < 2; l++) assertThat(b.activations(l, xs)).containsExactly(a.activations(l, xs));
      assertThat(ModelFile.toJson(back)).isEqualTo(ModelFile.toJson(saved));
      // the layout is the documented one: w[o, c, j] at (o·in + c)·kernel + j
      ObjectNode net = (ObjectNode) MAPPER.readTree(ModelFile.toJson(saved)).get("network");
      assertThat(net.get("pool").asText()).isEqualTo(pool.label());
      assertThat(net.get("layers").get(1).get("w")).hasSize(4 * 5 * 4);
      assertThat(net.get("layers").get(1).get("w").get((2 * 5 + 3) * 4 + 1).asDouble()).isEqualTo(a.layer(1).w()[(2 * 5 + 3) * 4 + 1]);
      assertThat(net.get("layers").get(1).get("stride").asInt()).isEqualTo(2);
      assertThat(net.get("layers").get(0).get("activation").asText()).isEqualTo(act.name().toLowerCase(Locale.ROOT));
      assertThat(net.get("wOut")).hasSize(3 * 4);
    }
  }

  @Test
  void kindsAreKeptApart() throws Exception {
    Path f = dir.resolve("conv1d.json");
    ModelFile.save(f, sample());
    assertThatThrownBy(() -> ModelFile.loadRnn(f)).isInstanceOf(BadInputException.class)
        .hasMessage(f + ": field 'kind': this is a 'conv1d' model, expected 'rnn'");
    assertThat(new Conv1dCodec().kind()).isEqualTo(Conv1d.KIND);
    assertThat(new Conv1dCodec().type()).isEqualTo(Conv1d.class);
  }

  /** One malformed field each: an edit of the saved JSON tree and the exact one-line message. */
  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal(n -> n.putArray("sizes").add(2).add(3), "field 'network.sizes': needs at least 3 entries (inputs, channels of each layer, classes), found 2"),
        refusal(n -> ((ArrayNode) n.get("sizes")).set(2, 0), "field 'network.sizes[2]': must be at least 1, found 0"),
        refusal(n -> n.remove("pool"), "field 'network.pool': missing"),
        refusal(n -> n.put("pool", "median"), "field 'network.pool': 'median' is not 'avg' or 'max'"),
        refusal(n -> n.remove("layers"), "field 'network.layers': missing"),
        refusal(n -> ((ArrayNode) n.get("layers")).remove(1), "field 'network.layers': has 1 layers, expected 2 for sizes [2, 5, 4, 3]"),
        refusal(n -> ((ArrayNode) n.get("layers")).set(0, 7), "field 'network.layers[0]': is not an object"),
        refusal(n -> layer(n, 0).remove("kernel"), "field 'network.layers[0].kernel': missing"),
        refusal(n -> layer(n, 0).put("kernel", 0), "field 'network.layers[0].kernel': must be at least 1, found 0"),
        refusal(n -> layer(n, 1).put("stride", 0), "field 'network.layers[1].stride': must be at least 1, found 0"),
        refusal(n -> layer(n, 1).put("padding", 4), "field 'network.layers[1].padding': must lie in 0..3 (kernel 4), found 4"),
        refusal(n -> layer(n, 1).put("padding", 1.5), "field 'network.layers[1].padding': is not an integer"),
        refusal(n -> layer(n, 0).put("activation", "sigmoid"), "field 'network.layers[0].activation': a Conv1D layer uses 'relu' or 'tanh', found 'sigmoid'"),
        refusal(n -> cut(n, 0, "w", 1), "field 'network.layers[0].w': has 29 values, expected 30 (5 x 2 x 3)"),
        refusal(n -> cut(n, 1, "b", 1), "field 'network.layers[1].b': has 3 values, expected 4"),
        refusal(n -> ((ArrayNode) layer(n, 1).get("w")).set(3, "x"), "field 'network.layers[1].w[3]': is not a number"),
        refusal(n -> layer(n, 1).put("kernel", 3), "field 'network.layers[1].w': has 80 values, expected 60 (4 x 5 x 3)"),
        refusal(n -> ((ArrayNode) n.get("sizes")).set(1, 6), "field 'network.layers[0].w': has 30 values, expected 36 (6 x 2 x 3)"),
        refusal(n -> ((ArrayNode) n.get("wOut")).remove(0), "field 'network.wOut': has 11 values, expected 12 (3 x 4)"),
        refusal(n -> ((ArrayNode) n.get("bOut")).remove(0), "field 'network.bOut': has 2 values, expected 3"));
  }

  private static Arguments refusal(Consumer<ObjectNode> edit, String message) {
    return Arguments.of(edit, message);
  }

  private static ObjectNode layer(ObjectNode net, int l) {
    return (ObjectNode) net.get("layers").get(l);
  }

  /** Drops the last {@code k} values of {@code layers[l].name}. */
  private static void cut(ObjectNode net, int l, String name, int k) {
    ArrayNode a = (ArrayNode) net.get("layers").get(l).get(name);
    for (int i = 0; i < k; i++) a.remove(a.size() - 1);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("refusals")
  void malformedFieldsAreOneLineErrorsNamingTheFileAndField(Consumer<ObjectNode> edit, String message) throws Exception {
    ObjectNode root = (ObjectNode) MAPPER.readTree(ModelFile.toJson(sample()));
    edit.accept((ObjectNode) root.get("network"));
    String text = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    assertThatThrownBy(() -> ModelFile.fromJson(text, "model.json")).isInstanceOf(BadInputException.class).hasMessage("model.json: " + message);
  }

  @Test
  void nonFiniteWeightsAreNotSaved() {
    Conv1d m = (Conv1d) sample().network();
    m.layer(1).b()[2] = Double.NaN;
    SavedModel s = SavedModel.of(m, List.of("F7", "F8"), List.of("a", "b", "c"), null, Map.of(), 1);
    assertThatThrownBy(() -> ModelFile.toJson(s)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Conv1D parameter b");
  }
}
