package org.distinct.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distinct.data.MinMaxScaler;
import org.distinct.train.MlpTrainConfig;
import org.distinct.train.RnnTestData;

/**
 * Sample model files of every network kind, built from seeds, with training records full of awkward JSON values
 * (doubles of every magnitude and sign, large and negative integers, nulls, empty lists and objects, strings with
 * control characters, quotes and non-ASCII text). {@link #main} wrote the files in {@code golden/model-files/} with
 * the ObjectMapper-based {@code ModelFile} of commit a7ab1b3 ({@code ModelFileBytesTest} checks that today's
 * writer gives the same bytes). Rerun (test classpath) only when the format is meant to change:
 * {@code java -cp target/classes:target/test-classes:DEPS org.distinct.model.ModelFileSamples src/test/resources/golden/model-files}.
 */
public final class ModelFileSamples {
  /** A file name and the model written to it. */
  public record Sample(String name, SavedModel model) {}

  private static final Instant CREATED = Instant.parse("2026-12-02T02:25:17.042Z");

  private ModelFileSamples() {}

  /** @return the samples of the golden files: {@link #all(long)} of seed 20261202 */
  public static List<Sample> all() {
    return all(20261202);
  }

  /**
   * @param seed the seed of weights, scalers and training records
   * @return one sample of every kind (MLP with and without scaler and hidden layers, RNN, LSTM, GRU, Conv1D)
   */
  public static List<Sample> all(long seed) {
    List<Sample> out = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(seed);
    Mlp mlp = Mlp.initialize(4, new int[] {6, 3}, 3, Activation.TANH, rng.split());
    Map<String, Object> mlpCfg = new LinkedHashMap<>(MlpTrainConfig.defaults().toMap());
    mlpCfg.put("preprocessing", awkward(rng.split()));
    out.add(new Sample("mlp.json", saved(mlp, scaler(4, rng.split()), mlpCfg, 42)));
    Mlp bare = Mlp.initialize(2, new int[0], 2, Activation.SIGMOID, rng.split());
    out.add(new Sample("mlp-bare.json", saved(bare, null, Map.of(), Long.MIN_VALUE)));
    Map<String, Object> seqCfg = RnnTestData.config(7, 0.003, 32, 200, 1.0, 1).toMap();
    out.add(new Sample("rnn.json", saved(ElmanRnn.initialize(3, 7, 3, rng.split()), scaler(3, rng.split()), seqCfg, -7)));
    out.add(new Sample("lstm.json", saved(Lstm.initialize(2, new int[] {5, 4}, 3, rng.split()), scaler(2, rng.split()), seqCfg, 1L << 40)));
    out.add(new Sample("gru.json", saved(Gru.initialize(2, new int[] {4}, 2, rng.split()), null, awkward(rng.split()), 0)));
    Conv1d.Spec spec = new Conv1d.Spec(new int[] {3, 4}, new int[] {1, 2}, new int[] {1, 2}, Activation.RELU, Conv1d.Pool.AVG);
    out.add(new Sample("conv1d.json", saved(Conv1d.initialize(2, new int[] {5, 4}, 3, spec, rng.split()), scaler(2, rng.split()), seqCfg, 77)));
    return out;
  }

  private static SavedModel saved(Network<?> n, MinMaxScaler s, Map<String, Object> cfg, long seed) {
    List<String> features = new ArrayList<>();
    for (int i = 0; i < n.inputSize(); i++) features.add(i == 1 ? "naïve \"F\"\t" + i : "F" + i);
    List<String> classes = new ArrayList<>();
    for (int i = 0; i < n.numClasses(); i++) classes.add("class " + (char) ('a' + i));
    return new SavedModel(ModelFile.FORMAT, ModelFile.FORMAT_VERSION, "0.1.0", CREATED, n, features, classes, s, cfg, seed);
  }

  private static MinMaxScaler scaler(int d, SplittableRandom rng) {
    double[] mn = new double[d];
    double[] mx = new double[d];
    for (int j = 0; j < d; j++) {
      mn[j] = rng.nextDouble(-100, 0) / 3.0;
      mx[j] = j == 0 ? mn[j] : mn[j] + rng.nextDouble(0.001, 1e6);
    }
    return new MinMaxScaler(mn, mx);
  }

  /** @return a training record with values of every JSON kind, from {@code rng} */
  static Map<String, Object> awkward(SplittableRandom rng) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> doubles = new ArrayList<>(List.of(0.0, -0.0, 1.0, 0.1, 1e7, 1e-3, 1e-4, 1e21, 1e22, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL));
    for (int i = 0; i < 24; i++) {
      double v = Double.longBitsToDouble(rng.nextLong());
      doubles.add(Double.isFinite(v) ? v : rng.nextDouble());
      doubles.add(rng.nextDouble(-1, 1) * Math.pow(10, rng.nextInt(-12, 12)));
    }
    m.put("doubles", doubles);
    m.put("nonFinite", List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    m.put("ints", List.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, rng.nextInt()));
    m.put("longs", List.of(Long.MAX_VALUE, Long.MIN_VALUE, 1L << 31, -(1L << 31) - 1, rng.nextLong()));
    m.put("booleans", List.of(true, false));
    StringBuilder control = new StringBuilder();
    for (char c = 0; c < 0x80; c++) control.append(c);
    m.put("text", List.of(control.toString(), "é中\u2028\u2029\uD83D\uDE00</script>", ""));
    m.put("none", null);
    m.put("emptyList", List.of());
    m.put("emptyMap", Map.of());
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("fill", null);
    nested.put("levels", List.of(List.of(), List.of(List.of(1, 2.5)), Map.of("k", "v")));
    nested.put("key with \"quotes\" and \\ and \n", 1);
    m.put("nested", nested);
    return m;
  }

  /**
   * Writes every sample into a folder.
   *
   * @param args the folder
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    for (Sample s : all()) Files.write(dir.resolve(s.name()), ModelFile.toJson(s.model()).getBytes(StandardCharsets.UTF_8));
  }
}
