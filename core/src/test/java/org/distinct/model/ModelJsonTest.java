package org.distinct.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.distinct.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ModelJson} (jackson-core streaming, no ObjectMapper) against the ObjectMapper path model files had before
 * ({@link LegacyModelJson}, and the golden files that path wrote): the same bytes, trees, plain values and messages.
 */
class ModelJsonTest {
  private static final String SOURCE = "m.json";

  static Stream<ModelFileSamples.Sample> samples() {
    return ModelFileSamples.all().stream();
  }

  private static Path golden(String name) throws URISyntaxException {
    return Path.of(ModelJsonTest.class.getResource("/golden/model-files/" + name).toURI());
  }

  @ParameterizedTest
  @MethodSource("samples")
  void writesTheGoldenFilesOfTheOldWriterByteForByte(ModelFileSamples.Sample s) throws Exception {
    byte[] old = Files.readAllBytes(golden(s.name()));
    assertThat(ModelFile.toJson(s.model()).getBytes(StandardCharsets.UTF_8)).isEqualTo(old);
    // and a file read back is written again byte for byte
    SavedModel loaded = ModelFile.load(golden(s.name()));
    assertThat(ModelFile.toJson(loaded).getBytes(StandardCharsets.UTF_8)).isEqualTo(old);
    assertThat(loaded.trainingConfig()).isEqualTo(LegacyModelJson.plain(LegacyModelJson.MAPPER.readTree(old).get("training")));
  }

  @Test
  void writesWhatObjectMapperWritesForRandomModels() throws Exception {
    for (long seed = 1; seed <= 5; seed++)
      for (ModelFileSamples.Sample s : ModelFileSamples.all(seed))
        assertThat(ModelFile.toJson(s.model())).as(s.name() + " seed " + seed).isEqualTo(LegacyModelJson.toJson(s.model()));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void readsTheTreeObjectMapperReads(ModelFileSamples.Sample s) throws Exception {
    String text = ModelFile.toJson(s.model());
    assertSameTree(ModelJson.read(text), LegacyModelJson.MAPPER.readTree(text), "$");
  }

  /** @return a JSON object of numbers at and around every boundary of the node kinds, and random doubles as text */
  private static String numbers(SplittableRandom rng) {
    List<String> v = new ArrayList<>(List.of("0", "-0", "0.0", "-0.0", "0e0", "1E400", "-1e400", "1e-400", "2.5E-324", "1.0", "1e2", "10E-1"));
    for (long b : new long[] {Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE}) {
      BigInteger x = BigInteger.valueOf(b);
      v.add(x.toString());
      v.add(x.add(BigInteger.valueOf(Long.signum(b))).toString());
    }
    v.add(BigInteger.TEN.pow(30).negate().toString());
    v.add(BigInteger.TEN.pow(30) + ".5");
    for (int i = 0; i < 200; i++) {
      double d = Double.longBitsToDouble(rng.nextLong());
      if (Double.isFinite(d)) v.add(Double.toString(d));
      StringBuilder digits = new StringBuilder(rng.nextBoolean() ? "-" : "").append(rng.nextInt(1, 10));
      for (int k = 0, n = rng.nextInt(1, 25); k < n; k++) digits.append(rng.nextInt(10));
      v.add(digits.toString());
      v.add(digits + "." + rng.nextInt(1000) + "e" + rng.nextInt(-330, 330));
    }
    return "{\"n\": [" + String.join(", ", v) + "], \"deep\": " + "[{\"a\": ".repeat(400) + "true" + "}]".repeat(400) + "}";
  }

  @Test
  void readsTheSameNodeKindsForNumbersAndDeepNesting() throws Exception {
    String text = numbers(new SplittableRandom(3));
    JsonNode mine = ModelJson.read(text);
    assertSameTree(mine, LegacyModelJson.MAPPER.readTree(text), "$");
    // the kinds the codecs test: int, long, big integer, double
    JsonNode n = mine.get("n");
    assertThat(n.get(0).isInt()).isTrue();
    assertThat(n.get(2).isDouble()).isTrue();
    assertThat(n.get(5).doubleValue()).isInfinite();
    assertThat(n.get(13).isLong()).isTrue();
    assertThat(n.get(16).isLong()).isTrue();
    assertThat(n.get(17).isBigInteger()).isTrue();
    assertThat(ModelJson.plain((ObjectNode) mine)).isEqualTo(LegacyModelJson.plain(mine));
  }

  @Test
  void trainingValuesBecomeTheTreeValueToTreeMade() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>(ModelFileSamples.awkward(new SplittableRandom(9)));
    m.put("float", List.of(0.1f, -0.0f, Float.MAX_VALUE, Float.MIN_VALUE, Float.NaN));
    m.put("big", List.of(BigInteger.TWO.pow(70), BigInteger.TWO.pow(70).negate()));
    assertSameTree(ModelJson.tree(m), LegacyModelJson.MAPPER.valueToTree(m), "$");
    assertThat(ModelJson.write(ModelJson.tree(m))).isEqualTo(LegacyModelJson.MAPPER.writeValueAsString(LegacyModelJson.MAPPER.valueToTree(m)));
  }

  @Test
  void valuesThatAreNotPlainJsonAreRefused() {
    assertThatThrownBy(() -> ModelJson.tree(Map.of("a", new int[] {1}))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[I");
    assertThatThrownBy(() -> ModelJson.tree(Map.of(1, "a"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a string");
    SavedModel s = ModelFileSamples.all().get(1).model();
    SavedModel odd = new SavedModel(s.format(), s.formatVersion(), s.softwareVersion(), s.created(), s.network(), s.featureNames(),
        s.classNames(), s.scaler(), Map.of("when", s.created()), s.seed());
    assertThatThrownBy(() -> ModelFile.toJson(odd)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.Instant");
  }

  /** @return texts the old reader refused before reading any field, made from a valid model file {@code j} */
  private static List<String> malformed(String j) {
    String w0 = j.substring(j.indexOf("\"w\" : [ ") + 8, j.indexOf(',', j.indexOf("\"w\" : [ ")));
    List<String> out = new ArrayList<>(List.of("", "  \n\t", "\uFEFF", "[1, 2]", "[]", "42", "\"s\"", "null", "true", "}", "{", "{\"a\"", "{\"a\":",
        "{\"a\":1", "{\"a\":1,", "{\"a\":\"b", "{\"a\" 1}", "{a: 1}", "{'a': 1}", "{\"a\": [1,]}", "{\"a\": [1 2]}", "{\"a\": 1,}",
        "{\"a\": \"\u0001\"}", "{\"a\": \"\\x\"}", "{\"a\": \"\\u12G4\"}", "{\"a\": 1} // c", "/* c */ {}", "{\"a\": tru}",
        "{\"a\": 1, \"a\": 1}", "{\"a\": {\"b\": 1, \"b\": 2}}"));
    for (String tail : List.of("{}", "[]", "x", "1", "]", "}", "\"s\"", "null", ",", " \n \n  true")) out.add(j + tail);
    for (String token : List.of("NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "-", "1e", "0x10", "1_0")) out.add(j.replace(w0, token));
    out.add(j.replace("\"seed\" :", "\"seed\" : 5, \"seed\" :"));
    out.add(j.replaceFirst("\"in\" :", "\"b\" : [ ], \"in\" :"));
    out.add(j.replaceFirst("\"shuffle\" :", "\"epochs\" : 3, \"shuffle\" :"));
    out.add("{\"training\": " + "[".repeat(1001) + "]".repeat(1001) + "}");
    out.add("{\"seed\": 1" + "0".repeat(1000) + "}");
    out.add("{\"seed\": 1." + "0".repeat(1000) + "}");
    return out;
  }

  @Test
  void refusesMalformedTextWithTheOldMessages() {
    String j = ModelFile.toJson(ModelFileSamples.all().get(0).model());
    List<String> texts = malformed(j);
    for (String text : texts) {
      String old = LegacyModelJson.parseError(text, SOURCE);
      assertThat(old).as("the old reader refuses %s", text).isNotNull();
      assertThatThrownBy(() -> ModelFile.fromJson(text, SOURCE)).as(text).isInstanceOf(BadInputException.class).hasMessage(old);
    }
  }

  @Test
  void refusesEveryTruncationWithTheOldMessage() {
    String j = ModelFile.toJson(ModelFileSamples.all().get(1).model());
    int refused = 0;
    for (int n = 0; n < j.length(); n++) {
      String text = j.substring(0, n);
      String old = LegacyModelJson.parseError(text, SOURCE);
      if (old == null) {
        assertThat(ModelFile.fromJson(text, SOURCE).network()).isNotNull(); // the whole object without its final newline
        continue;
      }
      refused++;
      assertThatThrownBy(() -> ModelFile.fromJson(text, SOURCE)).as(text).isInstanceOf(BadInputException.class).hasMessage(old);
    }
    assertThat(refused).isEqualTo(j.length() - 1);
  }

  /** Same node classes, field order, texts and number bits (JsonNode.equals takes 0.0 and -0.0 as equal). */
  private static void assertSameTree(JsonNode a, JsonNode b, String path) {
    assertThat(a.getClass()).as(path).isEqualTo(b.getClass());
    assertThat(a.size()).as(path).isEqualTo(b.size());
    if (a.isObject()) {
      Iterator<String> fa = a.fieldNames();
      Iterator<String> fb = b.fieldNames();
      while (fa.hasNext()) {
        String name = fa.next();
        assertThat(fb.next()).as(path).isEqualTo(name);
        assertSameTree(a.get(name), b.get(name), path + "." + name);
      }
    } else if (a.isArray()) {
      for (int i = 0; i < a.size(); i++) assertSameTree(a.get(i), b.get(i), path + "[" + i + "]");
    } else if (a.isNumber()) {
      assertThat(Double.doubleToRawLongBits(a.doubleValue())).as(path).isEqualTo(Double.doubleToRawLongBits(b.doubleValue()));
      if (a.isIntegralNumber()) assertThat(a.bigIntegerValue()).as(path).isEqualTo(b.bigIntegerValue());
    } else {
      assertThat(a).as(path).isEqualTo(b);
    }
  }
}
