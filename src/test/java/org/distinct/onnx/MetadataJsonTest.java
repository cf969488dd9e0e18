package org.distinct.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distinct.family.Conv1dConfig;
import org.distinct.train.MlpTrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written metadata JSON ({@link MetadataJson}) against Jackson, which wrote and read the metadata before: on
 * random plain values (nested maps and lists, strings with quotes, escapes, control and non-ASCII characters, integers
 * of every size, doubles from tiny to huge with -0.0 and NaN, booleans, nulls, double arrays) and on the training
 * configurations distinct writes, it writes Jackson's bytes and reads Jackson's values (same types: Integer, Long,
 * BigInteger, Double); text that is not JSON is refused where Jackson refuses it.
 */
class MetadataJsonTest {
  static final ObjectMapper JACKSON = new ObjectMapper();
  static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** A random plain JSON value. */
  static Object value(SplittableRandom rng, int depth) {
    int kind = rng.nextInt(depth > 3 ? 7 : 10);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return rng.nextBoolean();
      case 2:
        return rng.nextInt();
      case 3:
        return rng.nextBoolean() ? rng.nextLong() : (long) rng.nextInt(1000);
      case 4: {
        double[] special = {0.0, -0.0, 1e-300, 1.5e300, 1.0 / 3, -2.5, 1e-8, 123456789.0, Double.NaN, 0.1};
        return rng.nextBoolean() ? special[rng.nextInt(special.length)] : rng.nextGaussian() * Math.pow(10, rng.nextInt(-12, 12));
      }
      case 5:
      case 6:
        return string(rng);
      case 7: {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = rng.nextInt(5);
        for (int i = 0; i < n; i++) m.put(string(rng), value(rng, depth + 1));
        return m;
      }
      case 8: {
        List<Object> l = new ArrayList<>();
        int n = rng.nextInt(5);
        for (int i = 0; i < n; i++) l.add(value(rng, depth + 1));
        return l;
      }
      default: {
        double[] a = new double[rng.nextInt(4)];
        for (int i = 0; i < a.length; i++) a[i] = rng.nextGaussian();
        return a;
      }
    }
  }

  static String string(SplittableRandom rng) {
    String alphabet = "ab Z9\"\\/\n\t\r\b\f\u0001\u001f\u007fé€\u2028😀";
    StringBuilder b = new StringBuilder();
    int n = rng.nextInt(8);
    for (int i = 0; i < n; i++) {
      int at = rng.nextInt(alphabet.length());
      if (Character.isSurrogate(alphabet.charAt(at))) at = alphabet.indexOf("😀");
      b.append(alphabet.charAt(at));
      if (Character.isHighSurrogate(alphabet.charAt(at))) b.append(alphabet.charAt(at + 1));
    }
    return b.toString();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void writesAndReadsWhatJacksonWritesAndReads(long seed) throws Exception {
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < 40; i++) {
      Map<String, Object> root = new LinkedHashMap<>();
      for (int k = 0; k < 4; k++) root.put("k" + k, value(rng, 0));
      String jackson = JACKSON.writeValueAsString(root);
      assertThat(MetadataJson.write(root)).isEqualTo(jackson);
      assertThat(MetadataJson.read(jackson)).isEqualTo(JACKSON.readValue(jackson, Object.class));
      String spaced = JACKSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
      assertThat(MetadataJson.read(spaced)).isEqualTo(JACKSON.readValue(spaced, Object.class));
    }
  }

  @Test
  void theTrainingConfigurationsDistinctWritesAreWrittenAsJacksonWritesThem() throws Exception {
    List<Map<String, Object>> configs = List.of(MlpTrainConfig.defaults().toMap(), Conv1dConfig.defaults().train().toMap(),
        Conv1dConfig.defaults().toMap());
    for (Map<String, Object> c : configs) {
      assertThat(MetadataJson.write(c)).isEqualTo(JACKSON.writeValueAsString(c));
      assertThat(MetadataJson.read(MetadataJson.write(c))).isEqualTo(JACKSON.readValue(JACKSON.writeValueAsString(c), Object.class));
    }
  }

  @Test
  void numbersKeepJacksonsTypes() {
    assertThat(MetadataJson.read("[1, -2147483648, 2147483648, -9223372036854775808, 9223372036854775808, 1.0, 1e2, -0]"))
        .isEqualTo(List.of(1, Integer.MIN_VALUE, 2147483648L, Long.MIN_VALUE, new java.math.BigInteger("9223372036854775808"), 1.0, 100.0, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "{", "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\":}", "{a:1}", "01", "1.", "-", ".5", "1e", "\"abc",
      "\"a\\x\"", "\"\\u12\"", "nul", "truth", "[1] x", "\"tab\there\"", "{\"a\":1,}", "[", "]"})
  void textThatIsNotJsonIsRefusedAsJacksonRefusesIt(String text) {
    if (!text.isBlank()) assertThatThrownBy(() -> STRICT.readValue(text, Object.class)).isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> MetadataJson.read(text)).isInstanceOf(MetadataJson.Invalid.class).hasMessageContaining("at character");
  }
}
