package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.distinct.data.DemoData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same seed gives the same model on any vector width: a short training in child JVMs with this machine's vectors
 * and with narrower ones ({@code -XX:MaxVectorSize}: 128 bits, and 256 for the MLP, the Elman RNN and the Conv1D; the
 * vector kernels forced, since 128-bit vectors would otherwise get the plain kernels) prints the same JSON, bit for
 * bit. (The Conv1D's input gradients once added two positions' sums in an order that depended on the vector length.)
 */
class VectorWidthTest {
  @TempDir static Path dir;
  static Path series;
  static Path features;

  @BeforeAll
  static void setUp() throws IOException {
    series = dir.resolve("series");
    DemoData.writeSeries(null, series, new DemoData.SeriesSpec(6, 3, 2, 40, 60, 1.0), 5);
    features = DemoData.writeFeatures(dir.resolve("demo"), new DemoData.FeatureSpec(6, 8, 64, 2, 2, 1.0), 7).get(1);
  }

  private static String train(String model, String... jvmOptions) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector"));
    cmd.addAll(List.of(jvmOptions));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", "--model", model));
    if (model.equals("mlp")) cmd.addAll(List.of("--data", features.toString(), "--epochs", "20"));
    else cmd.addAll(List.of("--series", series.toString(), "--epochs", "2"));
    cmd.addAll(List.of("--folds", "0", "--no-timing", "--json"));
    Path log = Files.createTempFile(dir, model, ".err");
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "rnn", "lstm", "gru", "conv1d"})
  void narrowerVectorsTrainTheSameModel(String model) throws Exception {
    String family = switch (model) {
      case "mlp" -> "dense";
      case "lstm", "gru" -> "gated";
      default -> model;
    };
    String forced = "-Ddistinct." + family + ".kernels=vector";
    String here = train(model);
    assertThat(here).contains("\"accuracy\"");
    assertThat(train(model, "-XX:MaxVectorSize=16", forced)).isEqualTo(here);
    if (!family.equals("gated")) // (the gated kernels' slowest runs: one width is enough)
      assertThat(train(model, "-XX:MaxVectorSize=32", forced)).isEqualTo(here);
  }
}
