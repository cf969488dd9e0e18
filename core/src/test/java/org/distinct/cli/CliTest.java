package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.distinct.data.Dataset;
import org.distinct.data.DemoData;
import org.distinct.data.FeatureTableLoader;
import org.distinct.data.FeatureTableOptions;
import org.distinct.data.MedianFilter;
import org.distinct.data.MinMaxScaler;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SequenceScaling;
import org.distinct.data.SeriesLoader;
import org.distinct.data.SeriesOptions;
import org.distinct.data.SongMapping;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.model.DenseLayer;
import org.distinct.model.ElmanRnn;
import org.distinct.model.Mlp;
import org.distinct.model.ModelFile;
import org.distinct.model.SavedModel;
import org.distinct.train.MlpTrainConfig;
import org.distinct.train.MlpTrainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End-to-end tests of the {@code distinct} commands run in-process ({@link Cli}) on small demo data generated
 * into a temporary folder: happy paths (text and {@code --json}), help texts, and every kind of bad input of
 * issues 2, 3 and 4, which must give exit code 2, exactly one line on standard error naming the file (and
 * row/column where there is one), no stack trace, and no output file.
 */
class CliTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path features; // demo features CSV, 48 rows
  static Path featuresXlsx;
  static Path model; // 25-6-3 sigmoid MLP with unit 5 a clone of unit 0
  static Path modelNoHidden; // 25-3 softmax regression
  static Path series; // demo series CSV folder, 3 songs
  static Path mapping; // S1 classical, S2 instrumental, S3 pop
  static Dataset prepared; // the rows of `features` prepared for `model`
  static Mlp mlp;

  @BeforeAll
  static void setUp() throws IOException {
    List<Path> f = DemoData.writeFeatures(dir.resolve("demo"), new DemoData.FeatureSpec(6, 8, 64, 2, 2, 1.0), 7);
    featuresXlsx = f.get(0);
    features = f.get(1);
    Dataset raw = FeatureTableLoader.load(features, FeatureTableOptions.defaults());
    MinMaxScaler scaler = MinMaxScaler.fit(raw);
    prepared = scaler.transform(raw);
    MlpTrainConfig cfg = MlpTrainConfig.defaults().withHidden(6).withEpochs(40);
    Mlp trained = new MlpTrainer(cfg).train(prepared, null, 3).model();
    mlp = withClone(trained, 0, 5);
    model = dir.resolve("mlp.json");
    ModelFile.save(model, SavedModel.of(mlp, raw.featureNames(), raw.classNames(), scaler, cfg.toMap(), 3));
    MlpTrainConfig lin = MlpTrainConfig.defaults().withHidden().withEpochs(5);
    Mlp softmax = new MlpTrainer(lin).train(prepared, null, 3).model();
    modelNoHidden = dir.resolve("softmax.json");
    ModelFile.save(modelNoHidden, SavedModel.of(softmax, raw.featureNames(), raw.classNames(), scaler, lin.toMap(), 3));
    series = dir.resolve("series");
    DemoData.writeSeries(null, series, new DemoData.SeriesSpec(6, 3, 2, 16, 24, 1.0), 5);
    mapping = write("song-classes.csv", "song,class\nS1,classical\nS2,instrumental\nS3,pop\n");
  }

  /** Makes hidden unit {@code clone} of layer 0 an exact copy of unit {@code of} (incoming weights and bias). */
  static Mlp withClone(Mlp m, int of, int clone) {
    DenseLayer h = m.layer(0).copy();
    System.arraycopy(h.w(), of * h.in(), h.w(), clone * h.in(), h.in());
    h.b()[clone] = h.b()[of];
    List<DenseLayer> layers = new ArrayList<>(m.layers());
    layers.set(0, h);
    return new Mlp(layers);
  }

  static Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  /** The demo feature CSV with one cell replaced (data row {@code row} 0-based, column by name). */
  static Path featuresWith(String name, int row, String column, String value) throws IOException {
    List<String> lines = Files.readAllLines(features);
    int header = 0;
    while (lines.get(header).replace(",", "").isBlank()) header++;
    List<String> cols = List.of(lines.get(header).split(",", -1));
    int c = cols.indexOf(column);
    assertThat(c).as("column " + column).isGreaterThanOrEqualTo(0);
    String[] cells = lines.get(header + 1 + row).split(",", -1);
    cells[c] = value;
    lines.set(header + 1 + row, String.join(",", cells));
    return write(name, String.join("\n", lines) + "\n");
  }

  static JsonNode json(Cli.Result r) throws IOException {
    assertThat(r.code()).as(r.toString()).isZero();
    return JSON.readTree(r.out());
  }

  static Cli.Result ok(String... args) {
    Cli.Result r = Cli.run(args);
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).as(r.toString()).isEmpty();
    return r;
  }

  /** Runs a command that must fail with bad input: exit 2, one stderr line with every fragment, no stack trace. */
  static Cli.Result bad(List<String> fragments, String... args) {
    Cli.Result r = Cli.run(args);
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).as(r.toString()).hasSize(1);
    assertThat(r.err()).as(r.toString()).startsWith("distinct: error: ").doesNotContain("Exception").doesNotContain("\tat ");
    for (String f : fragments) assertThat(r.err()).as(r.toString()).contains(f);
    assertThat(r.out()).as(r.toString()).isEmpty();
    return r;
  }

  /**
   * A bad data file must be refused the same way by {@code inspect --check}, {@code evaluate} and
   * {@code prune}, and prune must leave no output folder behind.
   */
  static void badData(Path file, String... fragments) throws IOException {
    List<String> f = new ArrayList<>(List.of(fragments));
    f.add(0, file.toString());
    bad(f, "inspect", file.toString(), "--check");
    bad(f, "evaluate", "--model", model.toString(), "--data", file.toString());
    Path outParent = dir.resolve("bad-out");
    bad(f, "prune", "--model", model.toString(), "--data", file.toString(), "--out", outParent.resolve("p").toString());
    assertThat(outParent).doesNotExist();
  }

  /** Prune with bad options or data: the error and no output folder. */
  static Cli.Result badPrune(List<String> fragments, String... extra) {
    Path out = dir.resolve("bad-prune-out");
    List<String> args = new ArrayList<>(List.of("prune", "--out", out.toString()));
    args.addAll(List.of(extra));
    Cli.Result r = bad(fragments, args.toArray(String[]::new));
    assertThat(out).doesNotExist();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".bad-prune-out"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return r;
  }

  // ================================================================== help

  @ParameterizedTest
  @ValueSource(strings = {"inspect", "generate", "angles", "prune", "evaluate", "train"})
  void everyCommandHasHelpWithExamples(String command) {
    Cli.Result r = ok(command, "--help");
    assertThat(r.out()).contains("Usage: distinct " + command).contains("Examples:").contains("distinct " + command);
  }

  @Test
  void rootHelpListsTheCommands() {
    Cli.Result r = ok("--help");
    assertThat(r.out()).contains("inspect", "generate", "angles", "prune", "evaluate", "train", "Examples:");
  }

  // ================================================================== generate

  @Test
  void generateWritesTheDemoAndRefusesANonEmptyFolder() throws IOException {
    Path out = dir.resolve("gen");
    JsonNode j = json(Cli.run("generate", "--out", out.toString(), "--seed", "42", "--json"));
    List<String> listed = new ArrayList<>();
    j.get("files").forEach(n -> listed.add(n.get("path").asText()));
    List<Path> onDisk;
    try (Stream<Path> s = Files.walk(out)) {
      onDisk = s.filter(Files::isRegularFile).toList();
    }
    assertThat(listed).hasSize(onDisk.size()).hasSizeGreaterThan(20);
    for (Path p : onDisk) assertThat(listed).contains(p.toString());
    assertThat(out.resolve("music-eeg-features.xlsx")).isRegularFile();
    assertThat(out.resolve("music-eeg-features.csv")).isRegularFile();
    assertThat(out.resolve("series").resolve("S12.xlsx")).isRegularFile();
    assertThat(out.resolve("series-csv").resolve("S1.csv")).isRegularFile();
    assertThat(out.resolve("song-classes.csv")).isRegularFile();
    // the same seed gives the same bytes as the library's built-in demo
    assertThat(Files.readString(out.resolve("music-eeg-features.csv"))).isEqualTo(csvOf(DemoData.featureTable(DemoData.FeatureSpec.defaults(), 42)));
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".gen"));
    }
    bad(List.of(out.toString(), "not empty", "--force"), "generate", "--out", out.toString());
    Cli.Result forced = ok("generate", "--out", out.toString(), "--force");
    assertThat(forced.out()).contains("music-eeg-features.xlsx");
  }

  private static String csvOf(org.distinct.data.Table t) throws IOException {
    Path p = dir.resolve("ref").resolve("features.csv");
    org.distinct.data.TableWriter.writeCsv(t, p);
    return Files.readString(p);
  }

  @Test
  void generateRefusesAFileAsFolder() throws IOException {
    Path f = write("plain.txt", "x");
    bad(List.of(f.toString(), "not a folder"), "generate", "--out", f.toString());
  }

  // ================================================================== inspect

  @Test
  void inspectFeatureTableFlagsTheQuirks() throws IOException {
    for (Path p : List.of(features, featuresXlsx)) {
      Cli.Result r = ok("inspect", p.toString());
      assertThat(r.out()).contains("48 data rows", "header on row 2", "duplicate column names", "var_F7#2",
          "exact copy: column 'p50_F7' repeats column 'median_F7'", "sentinel-like values in column 'krt_F7'", "65535 at row",
          "exact zeros in column 'min_F7'");
      JsonNode j = json(Cli.run("inspect", p.toString(), "--json"));
      assertThat(j.get("layout").asText()).isEqualTo("features");
      assertThat(j.get("report").get("rows").asInt()).isEqualTo(48);
      JsonNode krt = null;
      for (JsonNode c : j.get("report").get("columns")) if (c.get("name").asText().equals("krt_F7")) krt = c;
      assertThat(krt).isNotNull();
      assertThat(krt.get("sentinelRows")).hasSize(2);
      assertThat(krt.get("flags").toString()).contains("SENTINEL");
    }
  }

  @Test
  void inspectListsBadCellsWithRowAndColumnAndCheckRefusesThem() throws IOException {
    Path p = featuresWith("badcell.csv", 4, "mean_F7", "abc");
    Cli.Result r = ok("inspect", p.toString());
    assertThat(r.out()).contains("row 7, column 'mean_F7': not a number: 'abc'");
    badData(p, "row 7", "mean_F7");
  }

  @Test
  void inspectFlagsConstantColumnsAndTextColumns() throws IOException {
    Path p = write("constant.csv", "subject no.,label,c,x,genre\n1,1,3,0.5,pop\n1,2,3,0.7,rock\n2,1,3,0.1,pop\n2,2,3,0.2,rock\n");
    Cli.Result r = ok("inspect", p.toString());
    assertThat(r.out()).contains("constant columns: c (= 3)", "text columns (no numbers): genre");
    JsonNode j = json(Cli.run("inspect", p.toString(), "--json", "--check", "--label-column", "genre", "--class-names", "a,b"));
    assertThat(j.get("check").get("classes").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(j.get("check").get("features").asInt()).isEqualTo(3);
  }

  @Test
  void inspectDetectsSemicolonAndTabDelimiters() throws IOException {
    Path semi = write("semi.csv", "subject no.;label;a;b\n1;1;0,5;2\n1;2;0,25;3\n2;1;1;4\n2;2;2;5\n");
    Path tab = write("tab.tsv", "subject no.\tlabel\ta\tb\n1\t1\t0.5\t2\n1\t2\t0.25\t3\n2\t1\t1\t4\n2\t2\t2\t5\n");
    for (Path p : List.of(semi, tab)) {
      JsonNode j = json(Cli.run("inspect", p.toString(), "--json", "--check"));
      assertThat(j.get("report").get("columns")).hasSize(4);
      assertThat(j.get("check").get("features").asInt()).isEqualTo(2);
    }
    JsonNode j = json(Cli.run("inspect", semi.toString(), "--json"));
    assertThat(j.get("report").get("columns").get(2).get("min").asDouble()).isEqualTo(0.25);
    JsonNode forced = json(Cli.run("inspect", semi.toString(), "--json", "--delimiter", ";"));
    assertThat(forced.get("report").get("columns")).hasSize(4);
    bad(List.of("--delimiter", "'ab'"), "inspect", semi.toString(), "--delimiter", "ab");
    Path ambiguous = write("ambiguous.csv", "a;b,c\n1;2,3\n4,5;6\n");
    Cli.Result r = bad(List.of(ambiguous.toString()), "inspect", ambiguous.toString());
    assertThat(r.err().toLowerCase(Locale.ROOT)).contains("delimiter");
  }

  @Test
  void inspectSeriesFolderAndOneWorkbook() throws IOException {
    Cli.Result r = ok("inspect", series.toString(), "--check", "--song-mapping", mapping.toString());
    assertThat(r.out()).contains("per-song series layout, 3 song(s), 12 series, 6 participant(s)", "Scale per participant", "P06",
        "check: loads as 12 labelled sequences");
    JsonNode j = json(Cli.run("inspect", series.toString(), "--json"));
    assertThat(j.get("layout").asText()).isEqualTo("series");
    assertThat(j.get("report").get("songs")).hasSize(3);
    assertThat(j.get("report").get("scales")).hasSize(6);
    JsonNode one = json(Cli.run("inspect", series.resolve("S2.csv").toString(), "--json"));
    assertThat(one.get("layout").asText()).isEqualTo("series");
    assertThat(one.get("report").get("songs").get(0).get("song").asText()).isEqualTo("S2");
    assertThat(one.get("report").get("songs").get(0).get("columns")).hasSize(4);
  }

  // ================================================================== angles

  @Test
  void anglesOfAnActivationFile() throws IOException {
    StringBuilder sb = new StringBuilder("a,b,c,d,e\n");
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < 30; i++) {
      double x = rng.nextDouble(), y = rng.nextDouble();
      sb.append(x).append(',').append(x).append(',').append(1 - x).append(",0.5,").append(y).append('\n');
    }
    Path p = write("act.csv", sb.toString());
    Cli.Result r = ok("angles", "--activations", p.toString());
    assertThat(r.out()).contains("centred at 0.5", "Similar pairs (1):", "a & b: 0.00°", "Complementary pairs (2):", "a & c: 180.00°",
        "Near-constant units (1):", "d: mean 0.5", "Minimum angle: 0.0000°");
    JsonNode j = json(Cli.run("angles", "--activations", p.toString(), "--json"));
    assertThat(j.get("units")).hasSize(5);
    assertThat(j.get("anglesDeg").get(0).get(1).asDouble()).isEqualTo(0.0);
    assertThat(j.get("anglesDeg").get(0).get(2).asDouble()).isEqualTo(180.0);
    assertThat(j.get("anglesDeg").get(3).get(0).isNull()).isTrue();
    assertThat(j.get("similar").get(0).get("i").asText()).isEqualTo("a");
    // centring 0 instead of 0.5: the clone stays at 0°, but 1-x is no longer a negation of x
    JsonNode z = json(Cli.run("angles", "--activations", p.toString(), "--center", "0", "--json"));
    assertThat(z.get("anglesDeg").get(0).get(1).asDouble()).isEqualTo(0.0);
    assertThat(z.get("anglesDeg").get(0).get(2).asDouble()).isLessThan(165.0);
    assertThat(z.get("centring").get("value").asDouble()).isEqualTo(0.0);
  }

  @Test
  void anglesOfASavedModelAgreeWithThePruner() throws IOException {
    JsonNode a = json(Cli.run("angles", "--model", model.toString(), "--data", features.toString(), "--json"));
    assertThat(a.get("units")).hasSize(6);
    assertThat(a.get("centring").get("value").asDouble()).isEqualTo(0.5);
    assertThat(a.get("anglesDeg").get(0).get(5).asDouble()).isEqualTo(0.0);
    assertThat(a.get("similar").get(0).get("iIndex").asInt()).isEqualTo(0);
    assertThat(a.get("similar").get(0).get("jIndex").asInt()).isEqualTo(5);
    Path out = dir.resolve("prune-angles");
    JsonNode p = json(Cli.run("prune", "--model", model.toString(), "--data", features.toString(), "--out", out.toString(),
        "--remove", "1", "--step", "1", "--json", "-q"));
    // step 0's minimum angle is the minimum over all pairs of the unpruned layer: what angles reports
    assertThat(p.get("steps").get(0).get("minAngleDeg").asDouble()).isEqualTo(a.get("minAngleDeg").asDouble());
  }

  @Test
  void anglesPatternSets() throws IOException {
    String[] base = {"angles", "--model", model.toString(), "--data", features.toString(), "--train-data", featuresXlsx.toString(), "--json"};
    assertThat(json(Cli.run(concat(base, "--patterns", "all"))).get("patterns").asInt()).isEqualTo(96);
    assertThat(json(Cli.run(concat(base, "--patterns", "test"))).get("patterns").asInt()).isEqualTo(48);
    JsonNode train = json(Cli.run(concat(base, "--patterns", "train")));
    assertThat(train.get("patterns").asInt()).isEqualTo(48);
    assertThat(train.get("source").asText()).contains(featuresXlsx.toString());
    bad(List.of("--patterns", "'some' is not one of train, test, all"), concat(base, "--patterns", "some"));
  }

  // ================================================================== evaluate

  @Test
  void evaluateMatchesTheLibrary() throws IOException {
    ClassificationMetrics expected =
        ClassificationMetrics.fromLogits(mlp.logits(prepared.x(), prepared.rows()), prepared.labels(), prepared.rows(), 3);
    JsonNode j = json(Cli.run("evaluate", "--model", model.toString(), "--data", features.toString(), "--json"));
    assertThat(j.get("rows").asInt()).isEqualTo(48);
    assertThat(j.get("metrics").get("loss").asDouble()).isEqualTo(expected.loss());
    assertThat(j.get("metrics").get("accuracy").asDouble()).isEqualTo(expected.accuracy());
    assertThat(j.get("metrics").get("macroF1").asDouble()).isEqualTo(expected.macroF1());
    assertThat(j.get("metrics").get("confusion").get(1).get(2).asLong()).isEqualTo(expected.confusion()[1][2]);
    assertThat(j.get("executionTime").get("medianMillis").asDouble()).isPositive();
    Cli.Result r = ok("evaluate", "--model", model.toString(), "--data", featuresXlsx.toString());
    assertThat(r.out()).contains("MLP 25-6-3 sigmoid", "48 rows", "execution time", "true \\ predicted", "specificity",
        Fmt.pct(expected.accuracy()));
  }

  @Test
  void evaluateWithoutTimingGivesTheSameMetricsAndSaysItDidNotTime() throws IOException {
    JsonNode timed = json(Cli.run("evaluate", "--model", model.toString(), "--data", features.toString(), "--json"));
    JsonNode untimed = json(Cli.run("evaluate", "--model", model.toString(), "--data", features.toString(), "--json", "--no-timing"));
    assertThat(untimed.get("metrics")).isEqualTo(timed.get("metrics"));
    assertThat(untimed.has("executionTime")).isFalse();
    assertThat(timed.has("executionTime")).isTrue();
    Cli.Result r = ok("evaluate", "--model", model.toString(), "--data", features.toString(), "--no-timing");
    assertThat(r.out()).contains("execution time: not measured (--no-timing)", "true \\ predicted");
    assertThat(r.out()).doesNotContain("repeats");
  }

  @Test
  void trainWithoutTimingGivesTheSameRunAndSaysItDidNotTime() throws IOException {
    String[] args = {"train", "--data", features.toString(), "--epochs", "3", "--folds", "3", "-q", "--json"};
    JsonNode timed = json(Cli.run(args));
    JsonNode untimed = json(Cli.run(concat(args, "--no-timing")));
    assertThat(timed.has("testTime")).isTrue();
    assertThat(untimed.has("testTime")).isFalse();
    ((ObjectNode) timed).remove("testTime");
    assertThat(untimed).isEqualTo(timed); // same folds, final model and test metrics, bit for bit
    Cli.Result r = ok("train", "--data", features.toString(), "--epochs", "3", "--folds", "3", "-q", "--no-timing");
    assertThat(r.out()).contains("Final model test", "not measured (--no-timing)");
  }

  @Test
  void pruneWithoutTimingGivesTheSameStepsAndModelsWithoutTimes() throws IOException {
    String[] args = {"prune", "--model", model.toString(), "--data", features.toString(), "--remove", "2", "--step", "1", "--json", "-q"};
    Path timedOut = dir.resolve("prune-timed");
    Path untimedOut = dir.resolve("prune-untimed");
    JsonNode timed = json(Cli.run(concat(args, "--out", timedOut.toString())));
    JsonNode untimed = json(Cli.run(concat(args, "--out", untimedOut.toString(), "--no-timing")));
    assertThat(untimed.get("steps")).hasSize(timed.get("steps").size());
    for (int i = 0; i < timed.get("steps").size(); i++) {
      ObjectNode t = (ObjectNode) timed.get("steps").get(i).deepCopy();
      ObjectNode u = (ObjectNode) untimed.get("steps").get(i).deepCopy();
      assertThat(t.get("executionTime").isNull()).isFalse();
      assertThat(u.get("executionTime") == null || u.get("executionTime").isNull()).as(u.toString()).isTrue();
      t.remove("executionTime");
      u.remove("executionTime");
      assertThat(u).isEqualTo(t); // same pairs, metrics and angles, bit for bit
    }
    assertThat(Files.readString(untimedOut.resolve("pruned.json")).replaceAll("\"created\" : \"[^\"]*\"", ""))
        .isEqualTo(Files.readString(timedOut.resolve("pruned.json")).replaceAll("\"created\" : \"[^\"]*\"", ""));
    Cli.Result r = ok("prune", "--model", model.toString(), "--data", features.toString(), "--remove", "2", "--step", "1",
        "--out", dir.resolve("prune-untimed-text").toString(), "--no-timing");
    assertThat(r.out()).contains("n/a");
  }

  @Test
  void trainSaveThenEvaluateAndPruneOnTheBuiltInDemo() throws IOException {
    Path m = dir.resolve("trained.json");
    ok("train", "--epochs", "20", "--folds", "0", "--save", m.toString(), "-q");
    JsonNode e = json(Cli.run("evaluate", "--model", m.toString(), "--json"));
    assertThat(e.get("rows").asInt()).isEqualTo(DemoData.FeatureSpec.defaults().rows());
    assertThat(e.get("classNames").toString()).contains("classical", "instrumental", "pop");
    Path out = dir.resolve("prune-demo");
    Cli.Result r = ok("prune", "--model", m.toString(), "--out", out.toString(), "--remove", "2", "--force");
    assertThat(r.out()).contains("MLP 25-30-3 sigmoid", "Table 2 (distinctiveness)", "stopped: reached 28 unit(s)");
    assertThat(ModelFile.loadMlp(out.resolve("pruned.json")).mlp().layer(0).out()).isEqualTo(28);
  }

  @Test
  void rnnModelsEvaluateAndGiveAngles() throws IOException {
    Path rnnFile = dir.resolve("rnn.json");
    ok("train", "--model", "rnn", "--series", series.toString(), "--song-mapping", mapping.toString(), "--epochs", "2", "--folds", "0",
        "--hidden", "6", "--save", rnnFile.toString(), "-q");
    // independent preprocessing: load, median filter (window 5), per-sequence min-max scaling
    SequenceDataset raw = SeriesLoader.load(series, SeriesOptions.defaults().withMapping(SongMapping.parse(mapping)));
    SequenceDataset pre = SequenceScaling.applyPerSequence(MedianFilter.apply(raw, 5));
    ElmanRnn rnn = (ElmanRnn) ModelFile.load(rnnFile).network();
    ClassificationMetrics expected = ClassificationMetrics.fromLogits(rnn.logits(pre), pre.labels(), pre.size(), 3);
    String[] src = {"--model", rnnFile.toString(), "--series", series.toString(), "--song-mapping", mapping.toString(), "--json"};
    JsonNode e = json(Cli.run(concat(new String[] {"evaluate"}, src)));
    assertThat(e.get("kind").asText()).isEqualTo("rnn");
    assertThat(e.get("rows").asInt()).isEqualTo(12);
    assertThat(e.get("metrics").get("loss").asDouble()).isEqualTo(expected.loss());
    assertThat(e.get("metrics").get("accuracy").asDouble()).isEqualTo(expected.accuracy());
    int steps = 0;
    for (double[] x : pre.series()) steps += x.length;
    JsonNode all = json(Cli.run(concat(new String[] {"angles"}, src)));
    assertThat(all.get("patterns").asInt()).isEqualTo(steps);
    assertThat(all.get("units")).hasSize(6);
    assertThat(all.get("centring").get("value").asDouble()).isEqualTo(0.0);
    JsonNode last = json(Cli.run(concat(new String[] {"angles", "--last-step"}, src)));
    assertThat(last.get("patterns").asInt()).isEqualTo(12);
    // Table 3: structural pruning makes the RNN smaller, mask mode keeps its dimensions (the paper's variant)
    for (String mode : List.of("structural", "mask")) {
      Path out = dir.resolve("rnn-prune-" + mode);
      JsonNode p = json(Cli.run(concat(new String[] {"prune", "--mode", mode, "--step", "1", "--remove", "2", "--force", "--out",
          out.toString()}, src)));
      JsonNode rows = p.get("steps");
      assertThat(rows.size()).isGreaterThanOrEqualTo(2);
      JsonNode first = rows.get(0);
      JsonNode end = rows.get(rows.size() - 1);
      int removed = end.get("unitsRemoved").asInt();
      assertThat(removed).isPositive();
      if (mode.equals("structural")) {
        assertThat(end.get("hiddenSizes").get(0).asInt()).isEqualTo(first.get("hiddenSizes").get(0).asInt() - removed);
        assertThat(end.get("parameters").asInt()).isLessThan(first.get("parameters").asInt());
      } else {
        assertThat(end.get("hiddenSizes").get(0).asInt()).isEqualTo(first.get("hiddenSizes").get(0).asInt());
        assertThat(end.get("parameters").asInt()).isEqualTo(first.get("parameters").asInt());
      }
      assertThat(out.resolve("table3.csv")).exists();
      assertThat(ModelFile.load(out.resolve("pruned.json")).network()).isInstanceOf(ElmanRnn.class);
    }
    Path other = write("other-order.csv", "song,class\nS1,pop\nS2,instrumental\nS3,classical\n");
    bad(List.of(series.toString(), "[pop, instrumental, classical]", "[classical, instrumental, pop]"), "evaluate", "--model",
        rnnFile.toString(), "--series", series.toString(), "--song-mapping", other.toString());
  }

  // ================================================================== prune

  @Test
  void pruneMergesThePlantedCloneExactlyAndWritesTable2() throws IOException {
    Path out = dir.resolve("prune-out");
    Cli.Result r = ok("prune", "--model", model.toString(), "--data", features.toString(), "--out", out.toString(), "--step", "1",
        "--force", "--until-units", "3", "--save-every-step");
    assertThat(r.out()).contains("Table 2 (distinctiveness)", "(0->5)", "pruned units", "min angle", "stopped: reached 3 unit(s)");
    JsonNode j = JSON.readTree(out.resolve("table2.json").toFile());
    JsonNode steps = j.get("steps");
    assertThat(steps).hasSize(4);
    assertThat(steps.get(1).get("pairs").get(0).asText()).isEqualTo("(0->5)");
    assertThat(steps.get(1).get("beyondThreshold").asBoolean()).isFalse();
    // merging an exact clone (same mean: the mean correction is zero) leaves every output unchanged
    assertThat(steps.get(1).get("loss").asDouble()).isCloseTo(steps.get(0).get("loss").asDouble(), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(steps.get(1).get("accuracy").asDouble()).isEqualTo(steps.get(0).get("accuracy").asDouble());
    int params0 = steps.get(0).get("parameters").asInt();
    for (int s = 1; s < 4; s++) {
      assertThat(steps.get(s).get("hiddenSizes").get(0).asInt()).isEqualTo(6 - s);
      assertThat(steps.get(s).get("parameters").asInt()).isEqualTo(params0 - s * (25 + 1 + 3));
      Path m = out.resolve("pruned-step-" + s + ".json");
      SavedModel sm = ModelFile.loadMlp(m);
      assertThat(sm.mlp().layer(0).out()).isEqualTo(6 - s);
      // the saved pruned model evaluates to the row of Table 2
      JsonNode e = json(Cli.run("evaluate", "--model", m.toString(), "--data", features.toString(), "--json"));
      assertThat(e.get("metrics").get("loss").asDouble()).isEqualTo(steps.get(s).get("loss").asDouble());
      assertThat(e.get("metrics").get("accuracy").asDouble()).isEqualTo(steps.get(s).get("accuracy").asDouble());
    }
    List<String> csv = Files.readAllLines(out.resolve("table2.csv"));
    assertThat(csv).hasSize(5);
    assertThat(csv.get(0)).startsWith("step,pruned units,pairs,hidden,loss,accuracy,precision,recall,F1,specificity");
    assertThat(csv.get(2)).startsWith("1,1,(0->5),5,");
    assertThat(out.resolve(PruneCommand.MARKER)).exists();
    // a previous prune folder may be reused
    ok("prune", "--model", model.toString(), "--data", features.toString(), "--out", out.toString(), "--remove", "1", "-q");
    assertThat(out.resolve("pruned.json")).exists();
  }

  @Test
  void pruneWithABaselineCriterionAndJson() throws IOException {
    Path out = dir.resolve("prune-magnitude");
    JsonNode j = json(Cli.run("prune", "--model", model.toString(), "--data", features.toString(), "--out", out.toString(),
        "--criterion", "magnitude-out", "--remove", "4", "--json"));
    assertThat(j.get("method").asText()).isEqualTo("magnitude-out");
    assertThat(j.get("steps")).hasSize(3);
    assertThat(j.get("steps").get(2).get("unitsRemoved").asInt()).isEqualTo(4);
    assertThat(ModelFile.loadMlp(out.resolve("pruned.json")).mlp().layer(0).out()).isEqualTo(2);
  }

  @Test
  void pruneOptionsReachTheSchedule() throws IOException {
    String[] base = {"prune", "--model", model.toString(), "--data", features.toString(), "--step", "1", "--remove", "1", "--json"};
    JsonNode plain = json(Cli.run(concat(base, "--out", dir.resolve("p-plain").toString())));
    JsonNode regress = json(Cli.run(concat(base, "--out", dir.resolve("p-regress").toString(), "--merge", "regress",
        "--no-mean-correction", "--order", "smallest-angle")));
    assertThat(regress.get("config").get("merge").asText()).isEqualTo("regress");
    assertThat(regress.get("config").get("meanCorrection").asBoolean()).isFalse();
    assertThat(regress.get("config").get("order").asText()).isEqualTo("smallest_angle");
    assertThat(plain.get("steps").get(1).get("actions").get(0).get("kind").asText()).isEqualTo("SIMILAR_MERGE");
    assertThat(regress.get("steps").get(1).get("actions").get(0).get("kind").asText()).isEqualTo("REGRESS_MERGE");
    JsonNode tuned = json(Cli.run(concat(base, "--out", dir.resolve("p-tuned").toString(), "--finetune-epochs", "3")));
    assertThat(tuned.get("config").get("finetuneEpochs").asInt()).isEqualTo(3);
    assertThat(tuned.get("steps").get(1).get("pairs").get(0).asText()).isEqualTo("(0->5)");
    assertThat(tuned.get("steps").get(1).get("loss").asDouble()).isNotEqualTo(plain.get("steps").get(1).get("loss").asDouble());
    bad(List.of("--merge", "'glue' is not one of add, regress"), concat(base, "--merge", "glue"));
    bad(List.of("--criterion", "unknown criterion 'size'"), concat(base, "--criterion", "size"));
  }

  @Test
  void pruneRefusesAForeignNonEmptyFolder() throws IOException {
    Path out = dir.resolve("foreign");
    Files.createDirectories(out);
    Files.writeString(out.resolve("keep.txt"), "mine");
    bad(List.of(out.toString(), "not a prune output", "--overwrite"), "prune", "--model", model.toString(), "--data", features.toString(),
        "--out", out.toString());
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.toList()).containsExactly(out.resolve("keep.txt"));
    }
  }

  @Test
  void pruneStopsAtTheLossLimitOnValidationRows() throws IOException {
    bad(List.of("Missing required argument", "--validation-fraction"), "prune", "--model", model.toString(), "--data", features.toString(),
        "--max-loss-increase", "0.01", "--out", dir.resolve("never").toString());
    assertThat(dir.resolve("never")).doesNotExist();
    JsonNode j = json(Cli.run("prune", "--model", model.toString(), "--data", features.toString(), "--out",
        dir.resolve("limit").toString(), "--validation-fraction", "0.34", "--max-loss-increase", "0", "--force", "--step", "1", "--json"));
    assertThat(j.get("validationRows").asInt()).isPositive();
    assertThat(j.get("evaluationRows").asInt() + j.get("validationRows").asInt()).isEqualTo(48);
    double base = j.get("steps").get(0).get("validationLoss").asDouble();
    for (JsonNode s : j.get("steps")) assertThat(s.get("validationLoss").asDouble()).isLessThanOrEqualTo(base);
    assertThat(j.get("stop").asText()).isIn("loss_limit", "until_units");
  }

  // ================================================================== bad input: data files (issue 2)

  @Test
  void emptyFile() throws IOException {
    badData(write("empty.csv", ""), "empty");
  }

  @Test
  void headerOnly() throws IOException {
    badData(write("header-only.csv", Files.readAllLines(features).get(1) + "\n"), "no data rows");
  }

  @Test
  void raggedRows() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(features));
    lines.set(5, lines.get(5) + ",1,2");
    badData(write("ragged.csv", String.join("\n", lines) + "\n"), "row 6");
  }

  @Test
  void nonNumericCell() throws IOException {
    badData(featuresWith("text-cell.csv", 10, "std_F7", "n/a?"), "row 13", "std_F7");
  }

  @Test
  void nanAndInfinityCells() throws IOException {
    badData(featuresWith("nan.csv", 0, "rms_F7", "NaN"), "row 3", "rms_F7", "missing value", "--impute");
    badData(featuresWith("inf.csv", 2, "hurst_F7", "Infinity"), "row 5", "hurst_F7");
  }

  @Test
  void labelColumnWithOneClass() throws IOException {
    List<String> lines = Files.readAllLines(features);
    StringBuilder sb = new StringBuilder(lines.get(0)).append('\n').append(lines.get(1)).append('\n');
    int label = List.of(lines.get(1).split(",", -1)).indexOf("label");
    for (String l : lines.subList(2, lines.size())) {
      String[] c = l.split(",", -1);
      c[label] = "2";
      sb.append(String.join(",", c)).append('\n');
    }
    badData(write("one-class.csv", sb.toString()), "label", "one class");
  }

  @Test
  void moreClassesThanRows() throws IOException {
    List<String> lines = Files.readAllLines(features);
    StringBuilder sb = new StringBuilder(lines.get(0)).append('\n').append(lines.get(1)).append('\n');
    int label = List.of(lines.get(1).split(",", -1)).indexOf("label");
    for (int i = 2; i < 8; i++) {
      String[] c = lines.get(i).split(",", -1);
      c[label] = "class" + i;
      sb.append(String.join(",", c)).append('\n');
    }
    badData(write("many-classes.csv", sb.toString()), "label");
  }

  @Test
  void namedGroupColumnMissing() throws IOException {
    Path file = write("no-participant.csv", Files.readString(features).replace("subject no.", "person"));
    for (String option : List.of("--group-column", "--participant-column"))
      bad(List.of(file.toString(), "subject no."), "train", "--data", file.toString(), option, "subject no.", "--epochs", "1");
    bad(List.of(file.toString(), "subject no."), "evaluate", "--model", model.toString(), "--data", file.toString(), "--group-column", "subject no.");
  }

  @Test
  void xlsxThatIsNotAZipOrHasNoSheet() throws IOException {
    badData(write("not-a-zip.xlsx", "subject no.,label\n1,1\n"), "xlsx");
    Path p = dir.resolve("nosheet.xlsx");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
      z.putNextEntry(new ZipEntry("[Content_Types].xml"));
      z.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
              + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>")
          .getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry("xl/workbook.xml"));
      z.write(("<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>")
          .getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry("xl/_rels/workbook.xml.rels"));
      z.write(("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>")
          .getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    badData(p, "no sheet");
  }

  @Test
  void unreadablePaths() throws IOException {
    Path missing = dir.resolve("does-not-exist.csv");
    badData(missing, "not found");
    bad(List.of(dir.resolve("nope").toString(), "not found"), "inspect", dir.resolve("nope").toString());
    bad(List.of(dir.toString(), "folder"), "evaluate", "--model", model.toString(), "--data", dir.toString());
    bad(List.of(dir.toString()), "evaluate", "--model", dir.toString(), "--data", features.toString());
  }

  @Test
  void permissionDenied() throws IOException {
    Path p = Files.copy(features, dir.resolve("secret.csv"));
    try {
      Files.setPosixFilePermissions(p, Set.of());
    } catch (UnsupportedOperationException e) {
      org.junit.jupiter.api.Assumptions.abort("no POSIX permissions here");
    }
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(p), "running as root: every file is readable");
    badData(p, "cannot be read");
  }

  @Test
  void stackTraceOnlyWithVerbose() throws IOException {
    Path missing = dir.resolve("missing.csv");
    Cli.Result r = Cli.run("inspect", missing.toString(), "--verbose");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("distinct: error: " + missing).contains("\tat ");
  }

  // ================================================================== bad input: model files (issue 2)

  @Test
  void truncatedModelFile() throws IOException {
    String text = Files.readString(model);
    Path p = write("truncated.json", text.substring(0, text.length() / 2));
    bad(List.of(p.toString(), "truncated"), "evaluate", "--model", p.toString(), "--data", features.toString());
    badPrune(List.of(p.toString(), "truncated"), "--model", p.toString(), "--data", features.toString());
  }

  @Test
  void modelFileOfAnotherVersion() throws IOException {
    Path p = write("v99.json", Files.readString(model).replaceFirst("\"formatVersion\"\\s*:\\s*1", "\"formatVersion\" : 99"));
    bad(List.of(p.toString(), "formatVersion", "99"), "evaluate", "--model", p.toString(), "--data", features.toString());
  }

  @Test
  void modelFileWhoseShapesDoNotMatch() throws IOException {
    JsonNode root = JSON.readTree(model.toFile());
    ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("featureNames")).remove(0);
    Path p = dir.resolve("shapes.json");
    JSON.writeValue(p.toFile(), root);
    bad(List.of(p.toString(), "featureNames"), "evaluate", "--model", p.toString(), "--data", features.toString());
    badPrune(List.of(p.toString(), "featureNames"), "--model", p.toString(), "--data", features.toString());
  }

  // ================================================================== bad input: prune (issue 3)

  @Test
  void thresholdsOutOfRange() {
    String[] base = {"--model", model.toString(), "--data", features.toString()};
    badPrune(List.of("similar-angle threshold 20.0 must be below the complementary-angle threshold 10.0"),
        concat(base, "--similar", "20", "--complementary", "10"));
    badPrune(List.of("similar-angle threshold -1.0 must lie in [0, 180]"), concat(base, "--similar", "-1"));
    badPrune(List.of("complementary-angle threshold 200.0 must lie in [0, 180]"), concat(base, "--complementary", "200"));
    bad(List.of("similar-angle threshold 90.0 must be below"), "angles", "--activations", features.toString(), "--similar", "90",
        "--complementary", "80");
  }

  static String[] concat(String[] a, String... b) {
    String[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  @Test
  void modelWithoutHiddenLayers() {
    badPrune(List.of(modelNoHidden.toString(), "no hidden layer"), "--model", modelNoHidden.toString(), "--data", features.toString());
    bad(List.of(modelNoHidden.toString(), "no hidden layer"), "angles", "--model", modelNoHidden.toString(), "--data", features.toString());
  }

  @Test
  void fewerThanTwoPatterns() throws IOException {
    Path one = write("one-row.csv", "u1,u2,u3\n0.1,0.2,0.3\n");
    bad(List.of(one.toString(), "1 pattern row(s)", "at least 2"), "angles", "--activations", one.toString());
  }

  @Test
  void pruningMoreUnitsThanExist() {
    badPrune(List.of(model.toString(), "cannot remove 6 units", "only 6"), "--model", model.toString(), "--data", features.toString(),
        "--remove", "6");
    badPrune(List.of(model.toString(), "--until-units 9", "only 6"), "--model", model.toString(), "--data", features.toString(),
        "--until-units", "9");
    badPrune(List.of("--layer 1"), "--model", model.toString(), "--data", features.toString(), "--layer", "1");
  }

  @Test
  void columnsThatDoNotMatchTheModel() throws IOException {
    Path p = write("renamed.csv", Files.readString(features).replace("hurst_F7", "hurst_Fz").replace("rms_F7", "rms_Fz"));
    badPrune(List.of(p.toString(), "missing 'rms_F7', 'hurst_F7'", "extra 'rms_Fz', 'hurst_Fz'"), "--model", model.toString(), "--data",
        p.toString());
    bad(List.of(p.toString(), "missing 'rms_F7', 'hurst_F7'"), "evaluate", "--model", model.toString(), "--data", p.toString());
    List<String> lines = Files.readAllLines(features);
    StringBuilder sb = new StringBuilder(lines.get(0)).append(",\n").append(lines.get(1)).append(",bonus\n");
    for (String l : lines.subList(2, lines.size())) sb.append(l).append(",1\n");
    Path extra = write("extra.csv", sb.toString());
    badPrune(List.of(extra.toString(), "extra 'bonus'", "--ignore-extra-columns"), "--model", model.toString(), "--data", extra.toString());
    JsonNode j = json(Cli.run("evaluate", "--model", model.toString(), "--data", extra.toString(), "--ignore-extra-columns", "--json"));
    assertThat(j.get("rows").asInt()).isEqualTo(48);
  }

  // ================================================================== bad input: series (issue 4)

  static Path seriesFolder(String name, String... files) throws IOException {
    Path d = dir.resolve(name);
    Files.createDirectories(d);
    for (int i = 0; i < files.length; i += 2) Files.writeString(d.resolve(files[i]), files[i + 1]);
    return d;
  }

  static String seriesCsv(int rows, int... lengths) {
    StringBuilder sb = new StringBuilder("Time");
    for (int p = 0; p < lengths.length; p++) sb.append(String.format(Locale.ROOT, ",P%02d", p + 1));
    sb.append('\n');
    for (int r = 0; r < rows; r++) {
      sb.append(r / 8 + 1);
      for (int len : lengths) sb.append(',').append(r < len ? String.valueOf(1.0 + 0.01 * ((r * 7 + len) % 13)) : "");
      sb.append('\n');
    }
    return sb.toString();
  }

  /** A bad series folder must be refused by {@code inspect --check} and by {@code train --model rnn}. */
  static void badSeries(List<String> fragments, Path folder, String... extra) {
    bad(fragments, concat(new String[] {"inspect", folder.toString(), "--check"}, extra));
    bad(fragments, concat(new String[] {"train", "--model", "rnn", "--series", folder.toString(), "--epochs", "1", "--folds", "0"}, extra));
  }

  @Test
  void emptySeriesFolder() throws IOException {
    Path d = seriesFolder("series-empty");
    bad(List.of(d.toString(), "no workbooks"), "inspect", d.toString());
    badSeries(List.of(d.toString(), "no workbooks"), d);
  }

  @Test
  void songMissingFromTheMapping() throws IOException {
    Path m = write("two-songs.csv", "song,class\nS1,classical\nS2,pop\n");
    badSeries(List.of("S3", "missing from the song mapping"), series, "--song-mapping", m.toString());
    Path unknown = write("unknown-song.csv", "song,class\nS1,classical\nS2,pop\nS3,pop\nS9,pop\n");
    badSeries(List.of(unknown.toString(), "S9"), series, "--song-mapping", unknown.toString());
  }

  @Test
  void emptyParticipantColumn() throws IOException {
    Path d = seriesFolder("series-empty-column", "S1.csv", seriesCsv(40, 40, 0, 40));
    Cli.Result r = ok("inspect", d.toString());
    assertThat(r.out()).contains("column 'P02' is entirely empty");
    badSeries(List.of("S1.csv", "P02", "entirely empty"), d);
  }

  @Test
  void seriesShorterThanTheFilterWindow() throws IOException {
    Path d = seriesFolder("series-short", "S1.csv", seriesCsv(4, 4, 4));
    badSeries(List.of("S1.csv", "P01", "shorter than the minimum 5"), d, "--window", "5");
  }

  @Test
  void unequalColumnLengths() throws IOException {
    Path d = seriesFolder("series-unequal", "S1.csv", seriesCsv(40, 40, 31, 40));
    Cli.Result r = ok("inspect", d.toString());
    assertThat(r.out()).contains("S1: column lengths P01=40 P02=31 P03=40");
    badSeries(List.of("S1.csv", "P02", "unequal column lengths"), d);
    ok("inspect", d.toString(), "--check", "--pad-unequal");
  }
}
