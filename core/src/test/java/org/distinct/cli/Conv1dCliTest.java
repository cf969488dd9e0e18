package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distinct.cli.CliTest.bad;
import static org.distinct.cli.CliTest.json;
import static org.distinct.cli.CliTest.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distinct.data.DemoData;
import org.distinct.data.MedianFilter;
import org.distinct.data.SeriesLoader;
import org.distinct.data.SeriesOptions;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SequenceScaling;
import org.distinct.data.SongMapping;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.model.ModelFile;
import org.distinct.model.SavedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line with {@code --model conv1d}: train (options reach the model and its file), evaluate, angles and
 * prune a saved Conv1D on small demo series, a study section of kind {@code conv1d}, and every refusal of a
 * convolutional option as one line with exit code 2.
 */
class Conv1dCliTest {
  @TempDir static Path dir;
  static Path series; // demo series CSV folder: 3 songs, 12 sequences of 40–60 steps
  static Path mapping; // S1 classical, S2 instrumental, S3 pop
  static Path model; // a saved Conv1D: channels 6 and 5, kernel 3, strides 1 and 2, max pooling
  static String[] src;

  @BeforeAll
  static void setUp() throws IOException {
    series = dir.resolve("series");
    DemoData.writeSeries(null, series, new DemoData.SeriesSpec(6, 3, 2, 40, 60, 1.0), 5);
    mapping = dir.resolve("song-classes.csv");
    Files.writeString(mapping, "song,class\nS1,classical\nS2,instrumental\nS3,pop\n", StandardCharsets.UTF_8);
    model = dir.resolve("conv1d.json");
    ok("train", "--model", "conv1d", "--series", series.toString(), "--song-mapping", mapping.toString(), "--epochs", "3", "--folds", "0",
        "--hidden", "6,5", "--kernel", "3", "--stride", "1,2", "--pool", "max", "--save", model.toString(), "-q");
    src = new String[] {"--model", model.toString(), "--series", series.toString(), "--song-mapping", mapping.toString(), "--json"};
  }

  private static String[] with(String[] head, String... tail) {
    return CliTest.concat(head, tail);
  }

  @Test
  void trainOptionsReachTheSavedModelAndItsFile() throws IOException {
    SavedModel saved = ModelFile.load(model);
    assertThat(saved.kind()).isEqualTo("conv1d");
    Conv1d m = (Conv1d) saved.network();
    assertThat(m.channels()).containsExactly(6, 5);
    assertThat(m.spec()).isEqualTo(new Conv1d.Spec(new int[] {3, 3}, new int[] {1, 2}, new int[] {1, 1}, Activation.RELU, Conv1d.Pool.MAX));
    assertThat(saved.featureNames()).containsExactly("F7");
    assertThat(saved.trainingConfig().get("kernels")).isEqualTo(List.of(3, 3));
    assertThat(saved.trainingConfig().get("paddings")).isEqualTo(List.of(1, 1));
    assertThat(saved.trainingConfig().get("pool")).isEqualTo("max");
    assertThat(saved.trainingConfig()).containsKey("preprocessing").doesNotContainKey("truncation");
    JsonNode t = json(Cli.run("train", "--model", "conv1d", "--series", series.toString(), "--song-mapping", mapping.toString(), "--epochs", "2",
        "--folds", "2", "--activation", "tanh", "--padding", "0,1", "--json", "-q"));
    assertThat(t.get("kind").asText()).isEqualTo("conv1d");
    assertThat(t.get("model").asText()).isEqualTo("Conv1D 1-16-16-3 tanh (kernel 5/5, stride 2/2, padding 0/1, avg pool), adam lr 0.003, batch 32, 2 epochs");
    assertThat(t.get("config").get("activation").asText()).isEqualTo("tanh");
    assertThat(t.get("crossValidation").get("folds")).hasSize(2);
  }

  @Test
  void evaluateAnglesAndPruneASavedConv1d() throws IOException {
    SequenceDataset raw = SeriesLoader.load(series, SeriesOptions.defaults().withMapping(SongMapping.parse(mapping)));
    SequenceDataset pre = SequenceScaling.applyPerSequence(MedianFilter.apply(raw, 5));
    Conv1d m = (Conv1d) ModelFile.load(model).network();
    ClassificationMetrics expected = ClassificationMetrics.fromLogits(m.logits(pre), pre.labels(), pre.size(), 3);
    JsonNode e = json(Cli.run(with(new String[] {"evaluate"}, src)));
    assertThat(e.get("kind").asText()).isEqualTo("conv1d");
    assertThat(e.get("metrics").get("loss").asDouble()).isEqualTo(expected.loss());
    assertThat(e.get("metrics").get("accuracy").asDouble()).isEqualTo(expected.accuracy());
    // angles of layer 1: one pattern per output position of every sequence, ReLU centred at the range midpoint
    int positions = 0;
    for (int s = 0; s < pre.size(); s++) positions += m.outputLengths(pre.length(s))[1];
    JsonNode a = json(Cli.run(with(new String[] {"angles", "--layer", "1"}, src)));
    assertThat(a.get("patterns").asInt()).isEqualTo(positions);
    assertThat(a.get("units")).hasSize(5);
    assertThat(a.get("centring").get("kind").asText()).isEqualToIgnoringCase("midrange");
    for (int layer = 0; layer < 2; layer++) {
      Path out = dir.resolve("prune-" + layer);
      JsonNode p = json(Cli.run(with(new String[] {"prune", "--layer", String.valueOf(layer), "--step", "1", "--remove", "2", "--force",
          "--out", out.toString()}, src)));
      JsonNode rows = p.get("steps");
      JsonNode first = rows.get(0);
      JsonNode end = rows.get(rows.size() - 1);
      assertThat(end.get("unitsRemoved").asInt()).isEqualTo(2);
      assertThat(end.get("hiddenSizes").get(layer).asInt()).isEqualTo(first.get("hiddenSizes").get(layer).asInt() - 2);
      assertThat(end.get("hiddenSizes").get(1 - layer).asInt()).isEqualTo(first.get("hiddenSizes").get(1 - layer).asInt());
      assertThat(end.get("parameters").asInt()).isLessThan(first.get("parameters").asInt());
      assertThat(out.resolve("table3.csv")).exists();
      Conv1d pruned = (Conv1d) ModelFile.load(out.resolve("pruned.json")).network();
      assertThat(pruned.layer(layer).out()).isEqualTo(m.layer(layer).out() - 2);
    }
    Path crit = dir.resolve("prune-taylor");
    JsonNode c = json(Cli.run(with(new String[] {"prune", "--criterion", "taylor", "--remove", "3", "--out", crit.toString()}, src)));
    assertThat(c.get("steps").get(c.get("steps").size() - 1).get("unitsRemoved").asInt()).isEqualTo(3);
  }

  @Test
  void aStudySectionOfKindConv1dRunsAndReportsTable3(@TempDir Path tmp) throws IOException {
    Path study = tmp.resolve("s.yaml");
    Files.writeString(study, "seed: 3\ndata:\n  series: " + series + "\n  songMapping: " + mapping + "\nconv1d:\n  seeds: 1\n  hidden: [4, 4]\n"
        + "  epochs: 2\n  folds: 0\n  pruneSteps: 1\npruning:\n  untilUnits: 2\n  criteria: [distinctiveness, random]\nleakage: false\n");
    Path out = tmp.resolve("report");
    Cli.Result r = Cli.run("study", study.toString(), "--out", out.toString(), "--quiet");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(out.resolve("tables").resolve("table3-conv1d-pruning.csv")).exists();
    assertThat(Files.readString(out.resolve("index.html"))).contains("Conv1D");
  }

  @Test
  void convolutionalOptionsThatDoNotFitAreOneLineEach() {
    String[] train = {"train", "--model", "conv1d", "--series", series.toString(), "--song-mapping", mapping.toString(), "--epochs", "1",
        "--folds", "0"};
    bad(List.of("--kernel 3,3,3", "one value for every layer or one per layer (2 layers)"), with(train, "--kernel", "3,3,3"));
    bad(List.of("--stride 0", "at least 1"), with(train, "--stride", "0"));
    bad(List.of("padding of layer 1 must lie in 0..2 (kernel 3)"), with(train, "--kernel", "3", "--padding", "1,3"));
    bad(List.of("--pool", "unknown pooling 'median' (avg, max)"), with(train, "--pool", "median"));
    bad(List.of("--truncation", "'conv1d'", "no recurrence"), with(train, "--truncation", "4"));
    bad(List.of("--patience", "'conv1d'"), with(train, "--patience", "3"));
    bad(List.of("--activation sigmoid", "relu or tanh"), with(train, "--activation", "sigmoid"));
    bad(List.of("the sequence of song S", "participant", "fewer than the 13 the Conv1D's convolutions need", "downsample less"),
        with(train, "--padding", "0", "--downsample", "8"));
    bad(List.of("--kernel: not available for the 'mlp' family", "only the 'conv1d' family has convolutions"), "train", "--kernel", "3");
    bad(List.of("--pool: not available for the 'rnn' family"), "train", "--model", "rnn", "--pool", "max");
    bad(List.of("--stride: not available for the 'rnn' family"), "train", "--model", "rnn", "--stride", "2");
    String p = dir.resolve("refused").toString();
    bad(List.of(model.toString(), "--mode mask", "structurally only"), with(new String[] {"prune", "--mode", "mask", "--out", p}, src));
    bad(List.of(model.toString(), "--last-step", "no last step"), with(new String[] {"prune", "--last-step", "--out", p}, src));
    bad(List.of(model.toString(), "--layer 2", "has convolutional layers 0 to 1"), with(new String[] {"prune", "--layer", "2", "--out", p}, src));
    assertThat(Path.of(p)).doesNotExist();
  }
}
