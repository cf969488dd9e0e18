package org.distinct.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.distinct.BadInputException;
import org.distinct.data.GeneratedTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyRunnerTest {
  static final String TINY = """
      name: tiny
      mlp:
        seeds: 2
        hidden: [10]
        epochs: 12
        folds: 3
      pruning:
        untilUnits: 6
        criteria: [distinctiveness, distinctiveness-regress, random, taylor]
      rnn:
        seeds: 1
        hidden: 6
        epochs: 2
        folds: 0
        downsample: 32
        pruneSteps: 1
      """;

  @Test
  void sameStudyGivesBitIdenticalNumbersAndRerunSaysSo(@TempDir Path dir) throws Exception {
    StudyConfig c = StudyFile.parse(TINY, "tiny.yaml");
    StudyResult a = StudyRunner.run(c, new StudyRunner.Options(dir.resolve("a"), false, 2), StudyProgress.NONE);
    org.distinct.report.StudyReport.write(a, dir.resolve("a"));
    StudyResult b = StudyRunner.run(c, new StudyRunner.Options(dir.resolve("b"), false, 2), StudyProgress.NONE);
    StringWriter text = new StringWriter();
    boolean same = Rerun.compare(Rerun.read(dir.resolve("a/provenance.json")), b, new PrintWriter(text, true));
    assertThat(same).as(text.toString()).isTrue();
    assertThat(text.toString()).contains("reproduced bit for bit");
    assertThat(a.runs("mlp")).hasSize(2);
    assertThat(a.runs("mlp").get(0).pruning()).containsKeys("distinctiveness", "distinctiveness-regress", "random", "taylor");
    assertThat(a.runs("mlp").get(0).pruning().get("distinctiveness").get(0).hiddenUnits()).isEqualTo(10);
    assertThat(a.provenance().seeds()).containsExactly(1L, 2L, 1001L);
    assertThat(a.provenance().inputs()).allSatisfy(i -> assertThat(i.sha256()).hasSize(64));
  }

  @Test
  void aTableWithoutGroupsIsSplitStratifiedAndHasNoLeakageCheck(@TempDir Path dir) throws Exception {
    Path csv = GeneratedTables.writeCsv(dir, "iris.csv", GeneratedTables.Spec.plain(), 5);
    String yaml = "name: own\ndata:\n  features: " + csv + "\nmlp:\n  seeds: 1\n  hidden: [4]\n  epochs: 5\n  folds: 2\n"
        + "pruning:\n  untilUnits: 2\n  criteria: [distinctiveness]\n";
    StudyResult r = StudyRunner.run(StudyFile.parse(yaml, "own.yaml"), new StudyRunner.Options(dir.resolve("out"), false, 1), StudyProgress.NONE);
    assertThat(r.config().section("mlp").split()).isEqualTo("stratified");
    assertThat(r.provenance().studyYaml()).contains("split: stratified");
    assertThat(r.runs("mlp").get(0).leakageSplit()).isNull();
    assertThat(r.runs("mlp").get(0).split()).isEqualTo("stratified hold-out: 20 % of the rows");
    assertThat(r.features()).doesNotContainKey("participants").containsEntry("rows", 60);
    org.distinct.report.StudyReport.write(r, dir.resolve("out"));
    assertThat(Files.readString(dir.resolve("out/index.html"))).contains("no group column", "stratified (StratifiedKFold)");
    StudyConfig grouped = StudyFile.parse(yaml.replace("  folds: 2\n", "  folds: 2\n  split: grouped\n"), "g.yaml");
    assertThatThrownBy(() -> StudyRunner.run(grouped, new StudyRunner.Options(dir.resolve("g"), false, 1), StudyProgress.NONE))
        .isInstanceOf(BadInputException.class).hasMessageStartingWith("mlp.split grouped: " + csv).hasMessageContaining("data.groupColumn");
  }

  @Test
  void lstmAndGruSectionsRunReportAndRerunBitForBit(@TempDir Path dir) throws Exception {
    String yaml = "name: gated\n" + "lstm:\n  seeds: 1\n  hidden: [4, 3]\n  epochs: 2\n  folds: 2\n  downsample: 32\n  pruneSteps: 1\n  layers: [0, 1]\n"
        + "gru:\n  seeds: 1\n  hidden: 4\n  epochs: 2\n  folds: 0\n  downsample: 32\n  pruneSteps: 1\n  modes: [structural]\n";
    StudyConfig c = StudyFile.parse(yaml, "gated.yaml");
    StudyResult a = StudyRunner.run(c, new StudyRunner.Options(dir, false, 2), StudyProgress.NONE);
    assertThat(a.runs("lstm")).hasSize(1);
    assertThat(a.runs("gru")).hasSize(1);
    assertThat(a.runs("lstm").get(0).pruning()).containsKeys("structural", "mask", "distinctiveness", "taylor", "distinctiveness@1", "taylor@1");
    assertThat(a.runs("gru").get(0).pruning()).containsKeys("structural", "distinctiveness", "random").doesNotContainKey("mask");
    assertThat(a.provenance().seeds()).containsExactly(2001L, 3001L);
    org.distinct.report.StudyReport.write(a, dir);
    assertThat(Files.readString(dir.resolve("index.html"))).contains("LSTM", "GRU");
    StudyResult b = StudyRunner.run(c, new StudyRunner.Options(dir.resolve("again"), false, 1), StudyProgress.NONE);
    StringWriter text = new StringWriter();
    assertThat(Rerun.compare(Rerun.read(dir.resolve("provenance.json")), b, new PrintWriter(text, true))).as(text.toString()).isTrue();
  }

  @Test
  void aNamedSectionOfAKindSweepsEveryLayerOfADeepMlpWithSeedsOfItsOwn(@TempDir Path dir) throws Exception {
    String yaml = "name: deep\nmlp:\n  seeds: 1\n  hidden: [6]\n  epochs: 4\n  folds: 0\n"
        + "deep-mlp:\n  kind: mlp\n  seeds: 2\n  hidden: [6, 4]\n  epochs: 4\n  folds: 0\n  layers: [0, 1]\n"
        + "pruning:\n  untilUnits: 2\n  criteria: [distinctiveness, random]\n";
    StudyConfig c = StudyFile.parse(yaml, "deep.yaml");
    assertThat(c.family("deep-mlp").kind()).isEqualTo("mlp");
    String written = StudyFile.write(c);
    assertThat(written).containsOnlyOnce("kind: mlp");
    assertThat(StudyFile.parse(written, "again.yaml")).isEqualTo(c);
    StudyResult a = StudyRunner.run(c, new StudyRunner.Options(dir, false, 2), StudyProgress.NONE);
    assertThat(a.provenance().seeds()).containsExactly(1L, 6001L, 6002L); // 1000 × (5 kinds + position 1)
    assertThat(a.runs("deep-mlp").get(0).pruning()).containsOnlyKeys("distinctiveness", "random", "distinctiveness@1", "random@1");
    assertThat(a.runs("deep-mlp").get(0).pruning().get("random@1").get(0).hiddenUnits()).isEqualTo(4);
    org.distinct.report.StudyReport.write(a, dir);
    assertThat(Files.readString(dir.resolve("tables/applicability.csv"))).contains("MLP (deep-mlp) layer 0", "MLP (deep-mlp) layer 1");
    assertThatThrownBy(() -> StudyFile.parse("other:\n  seeds: 1\n", "x.yaml")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("'other'").hasMessageContaining("kind: mlp|rnn|lstm|gru|conv1d");
    assertThatThrownBy(() -> StudyFile.parse("other:\n  kind: cnn\n", "x.yaml")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("other.kind: unknown model kind 'cnn'");
    assertThatThrownBy(() -> StudyFile.parse("mlp:\n  kind: rnn\n", "x.yaml")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("mlp.kind");
    assertThatThrownBy(() -> StudyFile.parse("deep:\n  kind: mlp\n  hidden: [4, 4]\n  layers: [2]\n", "x.yaml"))
        .isInstanceOf(BadInputException.class).hasMessageContaining("deep.layers: layer 2 does not exist");
  }

  @Test
  void rerunReadsTheGroupColumnUnderItsEarlierName() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode old = m.readTree("{\"format\":\"distinct-study\",\"config\":{\"data\":{\"participantColumn\":\"subject no.\"}}}");
    com.fasterxml.jackson.databind.JsonNode up = Rerun.upgrade(old);
    assertThat(up.path("config").path("data").path("groupColumn").asText()).isEqualTo("subject no.");
    assertThat(up.path("config").path("data").has("participantColumn")).isFalse();
  }

  @Test
  void rerunReadsResultsOfTheFirstFormat(@TempDir Path dir) throws Exception {
    StudyConfig c = StudyFile.parse(TINY, "tiny.yaml");
    StudyResult a = StudyRunner.run(c, new StudyRunner.Options(dir, false, 2), StudyProgress.NONE);
    org.distinct.report.StudyReport.write(a, dir);
    // rewrite results.json as format version 1 wrote it: runs as top-level "mlp" and "rnn" arrays, the RNN's sizes named
    // trainSequences/testSequences, no format fields
    Path results = dir.resolve("results.json");
    com.fasterxml.jackson.databind.node.ObjectNode v2 =
        (com.fasterxml.jackson.databind.node.ObjectNode) org.distinct.report.StudyReport.json().readTree(results.toFile());
    com.fasterxml.jackson.databind.node.ObjectNode v1 = v2.deepCopy();
    v1.remove(List.of("format", "formatVersion", "runs"));
    v1.set("mlp", v2.at("/runs/mlp"));
    com.fasterxml.jackson.databind.node.ArrayNode rnn = (com.fasterxml.jackson.databind.node.ArrayNode) v2.at("/runs/rnn").deepCopy();
    for (com.fasterxml.jackson.databind.JsonNode run : rnn) {
      com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) run;
      o.set("trainSequences", o.remove("trainRows"));
      o.set("testSequences", o.remove("testRows"));
    }
    v1.set("rnn", rnn);
    Files.writeString(results, org.distinct.report.StudyReport.json().writeValueAsString(v1));
    StringWriter text = new StringWriter();
    assertThat(Rerun.compare(Rerun.read(dir.resolve("provenance.json")), a, new PrintWriter(text, true))).as(text.toString()).isTrue();
    // and a changed number in the old layout is still found
    ((com.fasterxml.jackson.databind.node.ObjectNode) v1.withArray("rnn").get(0)).put("testSequences", 9999);
    Files.writeString(results, org.distinct.report.StudyReport.json().writeValueAsString(v1));
    text = new StringWriter();
    assertThat(Rerun.compare(Rerun.read(dir.resolve("provenance.json")), a, new PrintWriter(text, true))).isFalse();
    assertThat(text.toString()).contains("runs.rnn[0].testRows");
  }

  @Test
  void rerunDetectsChangedNumbers(@TempDir Path dir) throws Exception {
    StudyConfig c = StudyFile.parse(TINY.replace("rnn:", "rnx:").replaceAll("(?s)rnx:.*", ""), "tiny.yaml");
    StudyResult a = StudyRunner.run(c, new StudyRunner.Options(dir, false, 1), StudyProgress.NONE);
    org.distinct.report.StudyReport.write(a, dir);
    Path results = dir.resolve("results.json");
    String json = Files.readString(results);
    String changed = json.replaceFirst("\"finalTrainLoss\" : ([0-9.]+)", "\"finalTrainLoss\" : 0.123456");
    assertThat(changed).isNotEqualTo(json);
    Files.writeString(results, changed);
    StringWriter text = new StringWriter();
    assertThat(Rerun.compare(Rerun.read(dir.resolve("provenance.json")), a, new PrintWriter(text, true))).isFalse();
    assertThat(text.toString()).contains("finalTrainLoss").contains("0.123456");
  }

  @Test
  void resumeReusesCompletedRunsAndRefusesAnotherStudy(@TempDir Path dir) throws Exception {
    String mlpOnly = TINY.replaceAll("(?s)rnn:.*", "");
    StudyConfig c = StudyFile.parse(mlpOnly, "tiny.yaml");
    StudyRunner.run(c, new StudyRunner.Options(dir, false, 1), StudyProgress.NONE);
    Path cached = dir.resolve(StudyRunner.CACHE_DIR).resolve("mlp-seed-2-final.json");
    assertThat(cached).exists();
    // Mark the cached run: a resumed study must take it from the cache, not recompute it. Edited by hand, the entry no
    // longer matches its checksum and is recomputed; sealed again (as distinct writes it), it is used.
    String original = Files.readString(cached);
    String marked = original.replaceFirst("\"trainAccuracy\" : [0-9.E-]+", "\"trainAccuracy\" : 0.987654");
    assertThat(marked).isNotEqualTo(original);
    Files.writeString(cached, marked);
    List<String> warnings = new CopyOnWriteArrayList<>();
    StudyProgress collect = new StudyProgress() {
      @Override
      public void start(long totalUnits) {}

      @Override
      public void done(String what) {}

      @Override
      public void warning(String line) {
        warnings.add(line);
      }
    };
    StudyResult recomputed = StudyRunner.run(c, new StudyRunner.Options(dir, true, 1), collect);
    assertThat(recomputed.runs("mlp").get(1).finalTrainAccuracy()).isNotEqualTo(0.987654);
    assertThat(warnings).singleElement().asString().contains(cached.toString(), "is torn", "recomputed");
    CacheEntryTest.reseal(cached, payload -> payload.replaceFirst("\"trainAccuracy\" : [0-9.E-]+", "\"trainAccuracy\" : 0.987654"));
    StudyResult resumed = StudyRunner.run(c, new StudyRunner.Options(dir, true, 1), StudyProgress.NONE);
    assertThat(resumed.runs("mlp").get(1).finalTrainAccuracy()).isEqualTo(0.987654);
    StudyResult fresh = StudyRunner.run(c, new StudyRunner.Options(dir, false, 1), StudyProgress.NONE);
    assertThat(fresh.runs("mlp").get(1).finalTrainAccuracy()).isNotEqualTo(0.987654);
    StudyConfig other = StudyFile.parse(mlpOnly.replace("epochs: 12", "epochs: 13"), "other.yaml");
    assertThatThrownBy(() -> StudyRunner.run(other, new StudyRunner.Options(dir, true, 1), StudyProgress.NONE))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("different study");
  }

  @Test
  void gridCrossValidatesEveryCombination(@TempDir Path dir) {
    StudyConfig c = StudyFile.parse("""
        mlp:
          seeds: 1
          hidden: [6]
          epochs: 5
          folds: 3
          gridSeeds: 2
          grid:
            batchSize: [16, 64]
            learningRate: [0.01, 0.1]
        pruning:
          untilUnits: 4
          criteria: [distinctiveness]
        leakage: false
        """, "grid.yaml");
    StudyResult r = StudyRunner.run(c, new StudyRunner.Options(dir, false, 2), StudyProgress.NONE);
    assertThat(r.grid()).hasSize(4);
    assertThat(r.grid().get(0).values()).containsEntry("batchSize", 16).containsEntry("learningRate", 0.01);
    assertThat(r.grid().get(3).values()).containsEntry("batchSize", 64).containsEntry("learningRate", 0.1);
    for (StudyResult.GridPoint g : r.grid()) {
      assertThat(g.validationAccuracy()).hasSize(2);
      for (double a : g.validationAccuracy()) assertThat(a).isBetween(0.0, 1.0);
    }
    // different settings give different models, hence (almost surely) different validation losses
    assertThat(r.grid().get(0).validationLoss()[0]).isNotEqualTo(r.grid().get(3).validationLoss()[0]);
  }

  @Test
  void rerunRefusesChangedInputs(@TempDir Path dir) throws Exception {
    String mlpOnly = TINY.replaceAll("(?s)rnn:.*", "");
    StudyConfig c = StudyFile.parse(mlpOnly, "tiny.yaml");
    StudyResult a = StudyRunner.run(c, new StudyRunner.Options(dir.resolve("a"), false, 1), StudyProgress.NONE);
    org.distinct.report.StudyReport.write(a, dir.resolve("a"));
    // the same study on other demo data: the recorded checksum no longer matches
    StudyConfig other = StudyFile.parse(mlpOnly + "data:\n  demoSeed: 43\n", "tiny.yaml");
    StudyResult b = StudyRunner.run(other, new StudyRunner.Options(dir.resolve("b"), false, 1), StudyProgress.NONE);
    StringWriter text = new StringWriter();
    assertThat(Rerun.compare(Rerun.read(dir.resolve("a/provenance.json")), b, new PrintWriter(text, true))).isFalse();
    assertThat(text.toString()).contains("is not the one the report was made from");
  }
}
