package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distinct.data.Dataset;
import org.distinct.data.FeatureTableLoader;
import org.distinct.data.FeatureTableOptions;
import org.distinct.model.ElmanRnn;
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

/**
 * The commands that take {@code --model} read {@code .onnx} files (MLP and RNN graphs here: the LSTM and GRU families
 * are registered on another branch, their import is tested in {@code org.distinct.onnx}); {@code convert} goes both ways;
 * {@code prune} of an ONNX model also writes {@code pruned.onnx}, which runs in ONNX Runtime with the pruned model's
 * logits; refused files give one line, exit 2 and write nothing.
 */
class OnnxCommandsTest {
  @TempDir static Path dir;
  static Path table;
  static Path wideTable;
  static Path mlpOnnx;

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
    for (int i = 0; i < scaled.rows(); i++) rows.add(java.util.Arrays.copyOfRange(scaled.x(), i * 4, i * 4 + 4));
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
    Files.write(bad.resolve("truncated.onnx"), java.util.Arrays.copyOf(lstm, lstm.length - 40));
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
}
