package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distinct.data.Dataset;
import org.distinct.data.DemoData;
import org.distinct.data.FeatureTableLoader;
import org.distinct.data.FeatureTableOptions;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.model.ElmanRnn;
import org.distinct.model.Gru;
import org.distinct.model.Lstm;
import org.distinct.model.ModelFile;
import org.distinct.model.Network;
import org.distinct.model.SavedModel;
import org.distinct.onnx.Fixtures;
import org.distinct.onnx.ModelOrigin;
import org.distinct.onnx.OnnxExporter;
import org.distinct.onnx.OnnxImporter;
import org.distinct.onnx.OrtRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commands that take {@code --model} read {@code .onnx} files of every family (MLP, RNN, LSTM, GRU, Conv1D):
 * {@code evaluate} gives the model file's numbers, {@code angles} the model file's angles, whether the graph carries
 * distinct's metadata or comes from another framework (preprocessing then from options); {@code convert} goes both ways;
 * {@code prune} of an ONNX model also writes {@code pruned.onnx}, which runs in ONNX Runtime with the pruned model's
 * logits (LSTM and GRU structurally, Conv1D channels, any layer); refused files give one line, exit 2 and write nothing.
 */
class OnnxCommandsTest {
  @TempDir static Path dir;
  static Path table;
  static Path wideTable;
  static Path mlpOnnx;
  static Path series; // demo series: 6 participants, 3 songs, 12 sequences of 40–60 steps
  static Path mapping; // S1 classical, S2 instrumental, S3 pop

  /** A labelled table with {@code features} columns f1.. (3 classes, 6 participants) from a seed. */
  static Path table(String name, int features, long seed) throws Exception {
    SplittableRandom rng = new SplittableRandom(seed);
    StringBuilder s = new StringBuilder("subject no.,label");
    for (int j = 1; j <= features; j++) s.append(",f").append(j);
    s.append('\n');
    for (int subject = 1; subject <= 6; subject++)
      for (int r = 0; r < 9; r++) {
        s.append(subject).append(',').append(1 + r % 3);
        for (int j = 0; j < features; j++) s.append(',').append(rng.nextDouble(-2, 2) + (r % 3) * 0.7 * (j % 2 == 0 ? 1 : -1));
        s.append('\n');
      }
    Path p = dir.resolve(name);
    Files.writeString(p, s.toString(), StandardCharsets.UTF_8);
    return p;
  }

  @BeforeAll
  static void files() throws Exception {
    table = table("t.csv", 4, 11);
    wideTable = table("wide.csv", 5, 12);
    mlpOnnx = Fixtures.copy("mlp_gemm_sigmoid.onnx", dir);
    series = dir.resolve("series");
    DemoData.writeSeries(null, series, new DemoData.SeriesSpec(6, 3, 2, 40, 60, 1.0), 5);
    mapping = dir.resolve("song-classes.csv");
    Files.writeString(mapping, "song,class\nS1,classical\nS2,instrumental\nS3,pop\n", StandardCharsets.UTF_8);
  }

  static JsonNode json(Cli.Result r) throws Exception {
    assertThat(r.code()).as(r.toString()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void evaluateTakesTheColumnsInOrderAndSaysWhatWasAssumed() throws Exception {
    Cli.Result r = Cli.run("evaluate", "--model", mlpOnnx.toString(), "--data", table.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("setup (mlp imported from ONNX written by pytorch 1.13.0, opset 13, input rows): "
        + "features: the 4 columns of " + table + " in their order (the file names none); classes: sorted label order [1, 2, 3] "
        + "(the file names none); preprocessing: none (the file records none; --fit-scaler train fits min–max scaling)");
    // the accuracy is the imported network's on the rows in column order, unscaled
    Dataset d = FeatureTableLoader.load(table, FeatureTableOptions.defaults());
    SavedModel m = OnnxImporter.load(mlpOnnx);
    int[] pred = ((Network<Dataset>) m.network()).predict(d);
    int right = 0;
    for (int i = 0; i < pred.length; i++) if (pred[i] == d.labels()[i]) right++;
    JsonNode j = json(Cli.run("evaluate", "--model", mlpOnnx.toString(), "--data", table.toString(), "--json"));
    assertThat(j.path("metrics").path("accuracy").doubleValue()).isEqualTo((double) right / pred.length);
    assertThat(j.path("setup")).hasSize(3);
  }

  @Test
  void fitScalerTrainScalesAndIsReported() throws Exception {
    Cli.Result r = Cli.run("evaluate", "--model", mlpOnnx.toString(), "--data", table.toString(), "--fit-scaler", "train");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("preprocessing: min–max scaling fitted on the 54 rows of " + table + " (--fit-scaler train; the file records none)");
    assertThat(Cli.run("evaluate", "--model", mlpOnnx.toString(), "--data", table.toString(), "--fit-scaler", "test").errLines())
        .containsExactly("distinct: error: --fit-scaler test: only 'train' is supported (the rows of --train-data, else of --data)");
  }

  @Test
  void aColumnCountThatDoesNotMatchIsOneLine() {
    Cli.Result r = Cli.run("evaluate", "--model", mlpOnnx.toString(), "--data", wideTable.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0)).contains("has 5 feature columns but the model reads 4 inputs");
  }

  @Test
  void preprocessingOptionsAreRefusedForModelFilesThatRecordTheirs() throws Exception {
    assertThat(Cli.run("evaluate", "--model", mlpOnnx.toString(), "--data", table.toString(), "--window", "3").errLines())
        .containsExactly("distinct: error: --window: for sequence models; a model on a feature table takes --fit-scaler train");
    Cli.Result own = Cli.run("train", "--epochs", "2", "--save", dir.resolve("own.json").toString(), "--quiet");
    assertThat(own.code()).as(own.toString()).isZero();
    assertThat(Cli.run("evaluate", "--model", dir.resolve("own.json").toString(), "--fit-scaler", "train").errLines())
        .containsExactly("distinct: error: --fit-scaler: the model file records its preprocessing; this option is for ONNX models without it");
  }

  @Test
  void convertGoesBothWaysAndKeepsTheNetwork() throws Exception {
    Path json = dir.resolve("conv.json");
    Path onnx = dir.resolve("conv.onnx");
    Path back = dir.resolve("back.json");
    Cli.Result r = Cli.run("convert", mlpOnnx.toString(), json.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("not in " + mlpOnnx + ": classNames, featureNames, preprocessing");
    assertThat(Cli.run("convert", json.toString(), onnx.toString()).code()).isZero();
    assertThat(Cli.run("convert", onnx.toString(), back.toString()).code()).isZero();
    SavedModel a = ModelFile.load(json);
    SavedModel b = ModelFile.load(back);
    assertThat(b.network()).isEqualTo(a.network());
    assertThat(b.network()).isEqualTo(OnnxImporter.load(mlpOnnx).network());
    assertThat(ModelOrigin.of(b).assumed()).isEqualTo(ModelOrigin.of(a).assumed());
  }

  @Test
  void pruneOfAnOnnxModelWritesPrunedOnnxThatRunsInOnnxRuntime() throws Exception {
    Path out = dir.resolve("pruned-out");
    Cli.Result r = Cli.run("prune", "--model", mlpOnnx.toString(), "--data", table.toString(), "--fit-scaler", "train", "--force",
        "--step", "1", "--remove", "2", "--save-every-step", "--out", out.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("setup (mlp imported from ONNX");
    assertThat(out.resolve("pruned-step-1.onnx")).isRegularFile();
    SavedModel pruned = ModelFile.load(out.resolve("pruned-step-2.json"));
    byte[] onnx = Files.readAllBytes(out.resolve("pruned-step-2.onnx"));
    assertThat(OnnxImporter.read(onnx, "p.onnx").network().toString()).isEqualTo(pruned.network().toString()); // sizes; weights now float32
    assertThat(OnnxImporter.read(onnx, "p.onnx").scaler()).isEqualTo(pruned.scaler()).isNotNull();
    Dataset d = FeatureTableLoader.load(table, FeatureTableOptions.defaults());
    Dataset scaled = pruned.scaler().transform(d);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < scaled.rows(); i++) rows.add(Arrays.copyOfRange(scaled.x(), i * 4, i * 4 + 4));
    double[] want = Fixtures.logits(pruned.network(), rows);
    double[] got = OrtRunner.run(onnx, rows, 4, false);
    assertThat(pruned.network().parameterCount()).isLessThan(OnnxImporter.load(mlpOnnx).network().parameterCount());
    for (int i = 0; i < want.length; i++) assertThat(got[i]).isCloseTo(want[i], within(1e-5));
  }

  /** An Elman RNN on the demo series (1 value per step) as another framework would export it: no metadata. */
  static Path foreignRnn() throws Exception {
    SplittableRandom rng = new SplittableRandom(4);
    double[][] p = new double[5][];
    int[] len = {6, 36, 6, 18, 3};
    for (int k = 0; k < p.length; k++) {
      p[k] = new double[len[k]];
      for (int i = 0; i < len[k]; i++) p[k][i] = (float) rng.nextDouble(-0.9, 0.9);
    }
    Network<?> rnn = new ElmanRnn(1, 6, 3, p[0], p[1], p[2], p[3], p[4]);
    SavedModel m = SavedModel.of(rnn, List.of("F7"), List.of("classical", "instrumental", "pop"), null,
        Map.of("preprocessing", Map.of("medianWindow", 5, "scaling", "per-sequence", "downsample", 1)), 1);
    ModelFile.save(dir.resolve("rnn.json"), m);
    Path onnx = dir.resolve("rnn.onnx");
    Files.write(onnx, Fixtures.withoutMetadata(OnnxExporter.toBytes(m)));
    return onnx;
  }

  @Test
  void sequenceModelsTakePreprocessingFromOptionsOnly() throws Exception {
    Path onnx = foreignRnn();
    Cli.Result plain = Cli.run("evaluate", "--model", onnx.toString());
    assertThat(plain.code()).as(plain.toString()).isZero();
    assertThat(plain.out()).contains("preprocessing: median window 1, none scaling, no downsampling (the file records none; options --window, "
        + "--scaling, --downsample)");
    JsonNode viaOptions = json(Cli.run("evaluate", "--model", onnx.toString(), "--window", "5", "--scaling", "per-sequence", "--json"));
    JsonNode recorded = json(Cli.run("evaluate", "--model", dir.resolve("rnn.json").toString(), "--json"));
    assertThat(viaOptions.path("metrics").path("loss").doubleValue()).isEqualTo(recorded.path("metrics").path("loss").doubleValue());
    assertThat(viaOptions.path("setup").get(2).asText()).contains("(from options; the file records none)");
    assertThat(Cli.run("evaluate", "--model", onnx.toString(), "--fit-scaler", "train").code()).isEqualTo(2);
  }

  @Test
  void refusedFilesGiveOneLineExitTwoAndWriteNothing() throws Exception {
    Path bad = dir.resolve("bad");
    Files.createDirectories(bad);
    Files.write(bad.resolve("elu.onnx"), Fixtures.resource("refuse_elu.onnx"));
    Files.write(bad.resolve("bilstm.onnx"), Fixtures.resource("refuse_bilstm.onnx"));
    byte[] lstm = Fixtures.resource("lstm_1.onnx");
    Files.write(bad.resolve("truncated.onnx"), Arrays.copyOf(lstm, lstm.length - 40));
    Files.writeString(bad.resolve("text.onnx"), "name,value\na,1\n");
    Files.write(bad.resolve("peephole.onnx"), Fixtures.edited("lstm_1", "LSTM", n -> {
      while (n.getInputCount() < 7) n.addInput("");
      return n.addInput("onnx::LSTM_111");
    }));
    Map<String, String> expected = Map.of(
        "elu.onnx", "node '/seq/seq.1/Elu' (Elu): operator not supported; supported: ",
        "bilstm.onnx", "node '/rnns.0/LSTM' (LSTM): direction = bidirectional is not supported",
        "truncated.onnx", "truncated ONNX file",
        "text.onnx", "not an ONNX model",
        "peephole.onnx", "node '/rnns.0/LSTM' (LSTM): peephole weights P (input 7) are not supported");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Path in = bad.resolve(e.getKey());
      for (String[] args : List.of(new String[] {"convert", in.toString(), dir.resolve("never.json").toString()},
          new String[] {"prune", "--model", in.toString(), "--data", table.toString(), "--out", dir.resolve("never").toString()},
          new String[] {"evaluate", "--model", in.toString(), "--data", table.toString()})) {
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(e.getKey() + " " + args[0] + "\n" + r).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("distinct: error: " + in + ": ").contains(e.getValue());
      }
    }
    assertThat(dir.resolve("never.json")).doesNotExist();
    assertThat(dir.resolve("never")).doesNotExist();
  }

  // ------------------------------------------------------------------ LSTM, GRU and Conv1D models as ONNX files

  static final List<String> CLASSES = List.of("classical", "instrumental", "pop");

  /** A network of the kind on 1 value per step and 3 classes from a seed, its weights float32 (an ONNX round trip). */
  static Network<?> sequenceNetwork(String kind, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Network<?> n = switch (kind) {
      case "lstm" -> Lstm.initialize(1, new int[] {6, 5}, 3, rng);
      case "gru" -> Gru.initialize(1, new int[] {7}, 3, rng);
      case "conv1d" -> Conv1d.initialize(1, new int[] {6, 5}, 3,
          new Conv1d.Spec(new int[] {3, 5}, new int[] {1, 2}, new int[] {1, 2}, Activation.RELU, Conv1d.Pool.AVG), rng);
      default -> throw new IllegalArgumentException(kind);
    };
    return OnnxImporter.read(OnnxExporter.toBytes(SavedModel.of(n, List.of("F7"), CLASSES, null, Map.of(), 0)), "round.onnx").network();
  }

  /** The model file of a sequence network (median window 5, per-sequence scaling) and the same graph as another framework writes it. */
  record SequenceFiles(Path json, Path foreignOnnx) {}

  static SequenceFiles sequenceFiles(String kind) throws Exception {
    SavedModel m = SavedModel.of(sequenceNetwork(kind, 31), List.of("F7"), CLASSES, null,
        Map.of("preprocessing", Map.of("medianWindow", 5, "scaling", "per-sequence", "downsample", 1)), 1);
    Path json = dir.resolve(kind + "-model.json");
    ModelFile.save(json, m);
    Path onnx = dir.resolve(kind + "-foreign.onnx");
    Files.write(onnx, Fixtures.withoutMetadata(OnnxExporter.toBytes(m)));
    return new SequenceFiles(json, onnx);
  }

  static String[] seriesArgs(String command, Path model, String... more) {
    List<String> a = new ArrayList<>(List.of(command, "--model", model.toString(), "--series", series.toString(), "--song-mapping",
        mapping.toString(), "--json"));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  static final String[] AS_RECORDED = {"--window", "5", "--scaling", "per-sequence"};

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "gru", "conv1d"})
  void evaluateOfAnOnnxSequenceModelGivesTheModelFilesNumbers(String kind) throws Exception {
    SequenceFiles f = sequenceFiles(kind);
    JsonNode recorded = json(Cli.run(seriesArgs("evaluate", f.json())));
    JsonNode foreign = json(Cli.run(seriesArgs("evaluate", f.foreignOnnx(), AS_RECORDED)));
    Path exported = dir.resolve(kind + "-distinct.onnx");
    assertThat(Cli.run("convert", f.json().toString(), exported.toString()).code()).isZero();
    JsonNode ours = json(Cli.run(seriesArgs("evaluate", exported)));
    for (JsonNode j : List.of(foreign, ours)) {
      assertThat(j.get("kind").asText()).isEqualTo(kind);
      for (String metric : List.of("loss", "accuracy", "macroF1", "confusion"))
        assertThat(j.path("metrics").get(metric)).as(metric).isNotNull().isEqualTo(recorded.path("metrics").get(metric));
    }
    assertThat(recorded.path("metrics").path("loss").doubleValue()).isPositive();
    assertThat(foreign.path("setup").get(2).asText()).contains("(from options; the file records none)");
    assertThat(ours.path("setup").get(2).asText()).startsWith("preprocessing: from the file");
    Cli.Result text = Cli.run("evaluate", "--model", f.foreignOnnx().toString(), "--series", series.toString(), "--song-mapping", mapping.toString());
    assertThat(text.out()).contains("setup (" + kind + " imported from ONNX written by other 1.0, opset 17, input batch-first)");
  }

  @ParameterizedTest
  @CsvSource({"lstm, 1", "gru, 0", "conv1d, 0", "conv1d, 1"})
  void anglesOfAnOnnxSequenceModelAreTheModelFilesAngles(String kind, int layer) throws Exception {
    SequenceFiles f = sequenceFiles(kind);
    JsonNode recorded = json(Cli.run(seriesArgs("angles", f.json(), "--layer", String.valueOf(layer))));
    JsonNode foreign = json(Cli.run(seriesArgs("angles", f.foreignOnnx(), CliTest.concat(AS_RECORDED, "--layer", String.valueOf(layer)))));
    assertThat(recorded.get("patterns").asInt()).isPositive();
    assertThat(recorded.get("minAngleDeg").isNumber()).isTrue();
    for (String field : List.of("patterns", "units", "centring", "anglesDeg", "similar", "complementary", "nearConstant", "minAngleDeg")) {
      assertThat(recorded.has(field)).as(field).isTrue();
      assertThat(foreign.get(field)).as(field).isEqualTo(recorded.get(field));
    }
  }

  @ParameterizedTest
  @CsvSource({"lstm, 0", "lstm, 1", "gru, 0", "conv1d, 0", "conv1d, 1"})
  void pruneOfAnOnnxSequenceModelWritesPrunedOnnxThatRunsInOnnxRuntime(String kind, int layer) throws Exception {
    SequenceFiles f = sequenceFiles(kind);
    Path out = dir.resolve("pruned-" + kind + "-" + layer);
    Cli.Result r = Cli.run(seriesArgs("prune", f.foreignOnnx(), CliTest.concat(AS_RECORDED, "--layer", String.valueOf(layer), "--step", "1",
        "--remove", "2", "--force", "--out", out.toString())));
    JsonNode p = json(r);
    JsonNode steps = p.get("steps");
    assertThat(steps.get(steps.size() - 1).get("unitsRemoved").asInt()).isEqualTo(2);
    SavedModel pruned = ModelFile.load(out.resolve("pruned.json"));
    Network<?> original = OnnxImporter.load(f.foreignOnnx()).network();
    assertThat(pruned.network().parameterCount()).isLessThan(original.parameterCount());
    byte[] onnx = Files.readAllBytes(out.resolve("pruned.onnx"));
    SavedModel back = OnnxImporter.read(onnx, "pruned.onnx");
    assertThat(back.network().toString()).isEqualTo(pruned.network().toString());
    assertThat(back.trainingConfig().get("preprocessing")).as("the options' preprocessing is part of the pruned model")
        .isEqualTo(pruned.trainingConfig().get("preprocessing"));
    List<double[]> in = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(layer + 17L);
    for (int s = 0; s < 4; s++) {
      double[] x = new double[23];
      for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextDouble();
      in.add(x);
    }
    double[] want = Fixtures.logits(pruned.network(), in);
    double[] got = OrtRunner.run(onnx, in, 1, true);
    assertThat(got).hasSameSizeAs(want);
    for (int i = 0; i < want.length; i++) assertThat(got[i]).as("logit %d", i).isCloseTo(want[i], within(1e-5));
  }
}
