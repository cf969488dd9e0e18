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
import org.distinct.data.GeneratedTables;
import org.distinct.data.SequenceDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's own data through every command (issue 9): tables without a group column, with text columns and
 * missing cells, with 2 and 10 classes; the series folder as distributed (with a README and a PDF); sequences in the
 * long and UCR layouts. Every refusal is one line naming the file and what is wrong, exit 2, nothing written.
 */
class OwnDataCliTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String[] QUICK = {"--epochs", "40", "--hidden", "6", "--folds", "3", "--threads", "1"};

  @TempDir static Path dir;
  static Path iris; // 3 classes, 4 numeric columns, no group column
  static Path mixed; // a text column and missing cells

  @BeforeAll
  static void setUp() throws IOException {
    iris = GeneratedTables.writeCsv(dir, "iris.csv", GeneratedTables.Spec.plain(), 1);
    mixed = GeneratedTables.writeCsv(dir, "mixed.csv", GeneratedTables.Spec.plain().withColorAndMissing(7), 2);
  }

  private static String[] args(String... a) {
    List<String> l = new ArrayList<>(List.of(a));
    l.addAll(List.of(QUICK));
    return l.toArray(String[]::new);
  }

  private static JsonNode json(String... a) throws IOException {
    Cli.Result r = CliTest.ok(a);
    return JSON.readTree(r.out());
  }

  @Test
  void aTableWithoutGroupsTrainsStratifiedUnlessAskedOtherwise() throws IOException {
    Cli.Result r = CliTest.ok(args("train", "--data", iris.toString()));
    assertThat(r.out()).contains("groups: none (every row is its own group)", "stratified hold-out: 20 % of the rows",
        "Cross-validation: stratified");
    JsonNode j = json(args("train", "--data", iris.toString(), "--split", "random", "--json"));
    assertThat(j.get("split").asText()).isEqualTo("random");
    assertThat(j.get("testPatterns").asInt()).isEqualTo(12);
    assertThat(j.get("test").get("accuracy").asDouble()).isGreaterThan(0.5); // three separated blobs: far above chance (1/3)
    CliTest.bad(List.of(iris.toString(), "grouped split needs a group (participant) column", "--group-column NAME", "--split stratified"),
        args("train", "--data", iris.toString(), "--split", "grouped"));
  }

  @Test
  void twoAndTenClasses() throws IOException {
    for (int k : new int[] {2, 10}) {
      Path f = GeneratedTables.writeCsv(dir, "k" + k + ".csv", GeneratedTables.Spec.plain().withClasses(k), 3);
      JsonNode j = json(args("train", "--data", f.toString(), "--json"));
      assertThat(j.get("classNames")).hasSize(k);
      assertThat(j.get("test").get("confusion")).hasSize(k);
      assertThat(j.get("model").asText()).endsWith("-" + k + " sigmoid, adam lr 0.01, batch 32, 40 epochs").startsWith("MLP 4-6-");
    }
  }

  @Test
  void missingCellsAreRefusedByRowAndColumnOrImputedOnTrainingRowsOnly() throws IOException {
    CliTest.bad(List.of(mixed.toString(), "row 8", "column 'x1'", "missing value", "--impute"), args("train", "--data", mixed.toString()));
    Path model = dir.resolve("mixed.json");
    Cli.Result r = CliTest.ok(args("train", "--data", mixed.toString(), "--impute", "median", "--save", model.toString()));
    assertThat(r.out()).contains("preprocessing: missing cells imputed with the median, text columns one-hot encoded");
    JsonNode saved = JSON.readTree(Files.readString(model));
    assertThat(saved.get("featureNames").toString()).contains("\"color=blue\"", "\"color=green\"", "\"color=red\"");
    assertThat(saved.get("training").get("preprocessing").get("encoder").get("impute").asText()).isEqualTo("median");
    // evaluate reads the encoding from the model file: the same rows give the same prepared inputs
    JsonNode e = json("evaluate", "--model", model.toString(), "--data", mixed.toString(), "--json");
    assertThat(e.get("rows").asInt()).isEqualTo(60);
    assertThat(e.get("metrics").get("accuracy").asDouble()).isGreaterThan(0.5);
  }

  @Test
  void anUnseenCategoryIsAnErrorNamingRowAndColumnOrZerosWhenIgnored() throws IOException {
    Path model = dir.resolve("colors.json");
    CliTest.ok(args("train", "--data", mixed.toString(), "--impute", "mean", "--save", model.toString()));
    String text = Files.readString(mixed);
    int third = text.indexOf('\n', text.indexOf('\n', text.indexOf('\n') + 1) + 1); // end of data row 2
    String row3 = text.substring(third + 1, text.indexOf('\n', third + 1));
    String purple = row3.replaceFirst("(red|green|blue)", "purple");
    Path unseen = Files.writeString(dir.resolve("unseen.csv"), text.replace(row3, purple));
    CliTest.bad(List.of(unseen.toString(), "row 4", "column 'color'", "category 'purple'", "--unknown-categories ignore"),
        "evaluate", "--model", model.toString(), "--data", unseen.toString());
    JsonNode e = json("evaluate", "--model", model.toString(), "--data", unseen.toString(), "--unknown-categories", "ignore", "--json");
    assertThat(e.get("rows").asInt()).isEqualTo(60);
  }

  @Test
  void aTableWithOneGroupOrOneClassIsOneLine() throws IOException {
    Path one = GeneratedTables.writeCsv(dir, "one-group.csv", GeneratedTables.Spec.plain().withGroups(1), 4);
    CliTest.bad(List.of(one.toString(), "subject no."), args("train", "--data", one.toString()));
    Path oneClass = GeneratedTables.writeCsv(dir, "one-class.csv", GeneratedTables.Spec.plain().withClasses(1), 4);
    CliTest.bad(List.of(oneClass.toString(), "label"), args("train", "--data", oneClass.toString()));
  }

  @Test
  void theSeriesFolderAsDistributedRunsEveryCommand() throws IOException {
    Path folder = dir.resolve("series-as-shipped");
    DemoData.SeriesSpec spec = new DemoData.SeriesSpec(8, 12, 6, 16, 24, 1.0); // 4 participants per song: one of them is held out
    DemoData.writeSeries(folder, null, spec, 5);
    Files.writeString(folder.resolve("README.txt"), "Music-EEG time series. S1-S4 classical, S5-S8 instrumental, S9-S12 pop.\n");
    Files.write(folder.resolve("Rahman2020.pdf"), new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '4', '\n', 0, 1, 2});
    Path model = dir.resolve("rnn-shipped.json");
    Cli.Result t = CliTest.ok("train", "--model", "rnn", "--series", folder.toString(), "--epochs", "2", "--hidden", "4", "--folds", "0",
        "--save", model.toString());
    assertThat(t.out()).contains("ignored 2 files that are not song workbooks: README.txt, Rahman2020.pdf", "the paper's split");
    assertThat(CliTest.ok("evaluate", "--model", model.toString(), "--series", folder.toString()).out()).contains("README.txt");
    assertThat(CliTest.ok("inspect", folder.toString()).out()).contains("12 song(s)", "ignored 2 files");
    Path out = dir.resolve("prune-shipped");
    CliTest.ok("prune", "--model", model.toString(), "--series", folder.toString(), "--out", out.toString(), "--quiet");
    assertThat(out.resolve("pruned.json")).exists();
    Path few = dir.resolve("one-per-song");
    DemoData.writeSeries(few, null, new DemoData.SeriesSpec(6, 12, 2, 16, 24, 1.0), 5); // one participant per song
    CliTest.bad(List.of(few.toString(), "leaves no test patterns of 12", "--test-fraction"),
        "train", "--model", "rnn", "--series", few.toString(), "--epochs", "1", "--folds", "0");
  }

  @Test
  void longAndUcrSequencesTrainEvaluateAndInspect() throws IOException {
    SequenceDataset two = GeneratedTables.sequences(36, 2, 8);
    Path longCsv = GeneratedTables.writeLong(two, dir.resolve("steps.csv"), true);
    Path model = dir.resolve("rnn-long.json");
    Cli.Result t = CliTest.ok("train", "--model", "rnn", "--series", longCsv.toString(), "--epochs", "3", "--hidden", "4", "--folds", "0",
        "--window", "1", "--save", model.toString());
    assertThat(t.out()).contains("layout: long", "participant-grouped hold-out", "RNN 2-4-3");
    assertThat(CliTest.ok("evaluate", "--model", model.toString(), "--series", longCsv.toString()).out()).contains("36 sequences");
    assertThat(CliTest.ok("inspect", longCsv.toString()).out()).contains("long sequence layout, 36 sequences of 2 channels", "groups: 4 groups");

    SequenceDataset one = GeneratedTables.sequences(30, 1, 9);
    Path ucr = GeneratedTables.writeUcr(one, dir.resolve("GEN_TRAIN.tsv"));
    Cli.Result u = CliTest.ok("train", "--model", "rnn", "--series", ucr.toString(), "--epochs", "3", "--hidden", "4", "--folds", "2",
        "--window", "1");
    assertThat(u.out()).contains("layout: ucr", "stratified hold-out");
    CliTest.bad(List.of(ucr.toString(), "per-song split needs the per-song folder layout"),
        "train", "--model", "rnn", "--series", ucr.toString(), "--split", "song", "--epochs", "1", "--window", "1");
    CliTest.bad(List.of(ucr.toString(), "grouped split needs a group"),
        "train", "--model", "rnn", "--series", ucr.toString(), "--split", "grouped", "--epochs", "1", "--window", "1");
    assertThat(CliTest.ok("inspect", ucr.toString()).out()).contains("UCR sequence layout, 30 sequences of 1 channel", "groups: none");
  }
}
