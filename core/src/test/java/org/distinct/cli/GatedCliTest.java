package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distinct.data.DemoData;
import org.distinct.data.MedianFilter;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SequenceScaling;
import org.distinct.data.SeriesLoader;
import org.distinct.data.SeriesOptions;
import org.distinct.data.SongMapping;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.model.GatedRnn;
import org.distinct.model.ModelFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LSTM and GRU families through every command: train (one and two stacked layers), evaluate with the recorded
 * preprocessing (the same loss as an independent preparation), angles per layer and per step, prune in both modes,
 * and the refusals: a file of another family's data, a layer that does not exist, fine-tuning with the mask.
 */
class GatedCliTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path series;
  static Path mapping;

  @BeforeAll
  static void setUp() throws IOException {
    series = dir.resolve("series");
    DemoData.writeSeries(null, series, new DemoData.SeriesSpec(6, 3, 2, 16, 24, 1.0), 5);
    mapping = Files.writeString(dir.resolve("song-classes.csv"), "song,class\nS1,classical\nS2,instrumental\nS3,pop\n");
  }

  private static String[] concat(String[] a, String... b) {
    List<String> l = new ArrayList<>(List.of(a));
    l.addAll(List.of(b));
    return l.toArray(String[]::new);
  }

  private static JsonNode json(String... args) throws IOException {
    return JSON.readTree(CliTest.ok(args).out());
  }

  private static Path train(String kind, String hidden) {
    Path file = dir.resolve(kind + "-" + hidden.replace(',', '-') + ".json");
    CliTest.ok("train", "--model", kind, "--series", series.toString(), "--song-mapping", mapping.toString(), "--epochs", "2", "--folds", "0",
        "--hidden", hidden, "--save", file.toString(), "-q");
    return file;
  }

  @Test
  void lstmAndGruTrainEvaluatePruneAndGiveAngles() throws IOException {
    SequenceDataset raw = SeriesLoader.load(series, SeriesOptions.defaults().withMapping(SongMapping.parse(mapping)));
    SequenceDataset pre = SequenceScaling.applyPerSequence(MedianFilter.apply(raw, 5));
    for (String kind : List.of("lstm", "gru")) {
      Path file = train(kind, "5,4");
      GatedRnn net = (GatedRnn) ModelFile.load(file).network();
      assertThat(net.kind()).isEqualTo(kind);
      assertThat(net.sizes()).containsExactly(1, 5, 4, 3);
      ClassificationMetrics expected = ClassificationMetrics.fromLogits(net.logits(pre), pre.labels(), pre.size(), 3);
      String[] src = {"--model", file.toString(), "--series", series.toString(), "--song-mapping", mapping.toString(), "--json"};
      JsonNode e = json(concat(new String[] {"evaluate"}, src));
      assertThat(e.get("kind").asText()).isEqualTo(kind);
      assertThat(e.get("architecture").asText()).isEqualTo(kind.toUpperCase() + " 1-5-4-3");
      assertThat(e.get("metrics").get("loss").asDouble()).isEqualTo(expected.loss());
      int steps = 0;
      for (double[] x : pre.series()) steps += x.length;
      assertThat(json(concat(new String[] {"angles", "--layer", "1"}, src)).get("units")).hasSize(4);
      assertThat(json(concat(new String[] {"angles", "--layer", "0"}, src)).get("patterns").asInt()).isEqualTo(steps);
      assertThat(json(concat(new String[] {"angles", "--last-step"}, src)).get("patterns").asInt()).isEqualTo(pre.size());
      for (String mode : List.of("structural", "mask")) {
        Path out = dir.resolve(kind + "-prune-" + mode);
        JsonNode result = json(concat(new String[] {"prune", "--mode", mode, "--layer", "0", "--step", "1", "--remove", "2", "--force",
            "--out", out.toString()}, src));
        JsonNode rows = result.get("steps");
        JsonNode first = rows.get(0);
        JsonNode end = rows.get(rows.size() - 1);
        int removed = end.get("unitsRemoved").asInt();
        assertThat(removed).as(result.toString()).isBetween(1, 2); // fewer when the rest is near-constant (no angle, no pair)
        GatedRnn pruned = (GatedRnn) ModelFile.load(out.resolve("pruned.json")).network();
        assertThat(pruned.kind()).isEqualTo(kind);
        if (mode.equals("structural")) {
          assertThat(pruned.sizes()).containsExactly(1, 5 - removed, 4, 3);
          assertThat(end.get("parameters").asInt()).isLessThan(first.get("parameters").asInt());
        } else {
          assertThat(pruned.sizes()).containsExactly(1, 5, 4, 3);
          assertThat(end.get("parameters").asInt()).isEqualTo(first.get("parameters").asInt());
        }
      }
    }
  }

  @Test
  void refusalsNameTheFileAndWhatDoesNotFit() throws IOException {
    Path lstm = train("lstm", "4");
    CliTest.bad(List.of(lstm.toString(), "--layer 1", "recurrent layers 0 to 0"),
        "prune", "--model", lstm.toString(), "--series", series.toString(), "--song-mapping", mapping.toString(), "--layer", "1",
        "--out", dir.resolve("no-out").toString());
    assertThat(dir.resolve("no-out")).doesNotExist();
    CliTest.bad(List.of("--finetune-epochs with --mode mask"),
        "prune", "--model", lstm.toString(), "--series", series.toString(), "--mode", "mask", "--finetune-epochs", "2",
        "--out", dir.resolve("no-out").toString());
    Path features = DemoData.writeFeatures(dir.resolve("demo"), new DemoData.FeatureSpec(6, 8, 64, 2, 2, 1.0), 7).get(1);
    CliTest.bad(List.of("--data", "'lstm' model", "--series"), "evaluate", "--model", lstm.toString(), "--data", features.toString());
    CliTest.bad(List.of("--activation relu", "'gru' family uses tanh"),
        "train", "--model", "gru", "--series", series.toString(), "--activation", "relu", "--epochs", "1");
    String text = Files.readString(lstm).replace("\"kind\" : \"lstm\"", "\"kind\" : \"gru\"");
    Path mislabelled = Files.writeString(dir.resolve("mislabelled.json"), text);
    CliTest.bad(List.of(mislabelled.toString()), "evaluate", "--model", mislabelled.toString(), "--series", series.toString(),
        "--song-mapping", mapping.toString());
  }
}
