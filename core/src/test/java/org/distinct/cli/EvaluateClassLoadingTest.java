package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.distinct.data.Dataset;
import org.distinct.data.DemoData;
import org.distinct.data.FeatureTableLoader;
import org.distinct.data.FeatureTableOptions;
import org.distinct.data.MinMaxScaler;
import org.distinct.model.Activation;
import org.distinct.model.Mlp;
import org.distinct.model.ModelFile;
import org.distinct.model.SavedModel;
import org.distinct.train.MlpTrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up (Issue 10): {@code evaluate} of an MLP model file in a child JVM creates no Jackson ObjectMapper (about
 * 0.2 s of a fresh JVM): the model file goes through jackson-core's streaming API, the ONNX and {@code --json} mappers
 * stay unloaded. The JVM's class-loading log says which classes were loaded; {@code --json} is the control that
 * loads a mapper.
 */
class EvaluateClassLoadingTest {
  private static final String OBJECT_MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";
  @TempDir Path dir;

  /** @return the names of the classes the child loaded running {@code distinct ARGS} */
  private List<String> classesLoaded(String name, String... args) throws Exception {
    Path log = dir.resolve(name + ".classes");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-XX:+UseSerialGC",
        "-Ddistinct.warmup=false", "-Xlog:class+load=info:file=" + log + ":none", "-cp", System.getProperty("java.class.path"), "org.distinct.cli.Main"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve(name + ".out"))).isZero();
    return Files.readAllLines(log).stream().map(l -> l.split(" ", 2)[0]).toList();
  }

  @Test
  void evaluatingAnMlpModelFileCreatesNoObjectMapper() throws Exception {
    List<Path> files = DemoData.writeFeatures(dir.resolve("demo"), new DemoData.FeatureSpec(6, 8, 64, 2, 2, 1.0), 7);
    Dataset raw = FeatureTableLoader.load(files.get(1), FeatureTableOptions.defaults());
    Mlp m = Mlp.initialize(raw.featureNames().size(), new int[] {4}, raw.numClasses(), Activation.SIGMOID, new SplittableRandom(1));
    Path model = dir.resolve("m.json");
    ModelFile.save(model, SavedModel.of(m, raw.featureNames(), raw.classNames(), MinMaxScaler.fit(raw), MlpTrainConfig.defaults().toMap(), 1));
    String[] evaluate = {"evaluate", "--model", model.toString(), "--data", files.get(0).toString()};

    List<String> plain = classesLoaded("plain", evaluate);
    assertThat(plain).contains("org.distinct.model.ModelFile", "org.distinct.cli.Main");
    assertThat(plain).doesNotContain(OBJECT_MAPPER, "org.distinct.onnx.OnnxFormat", "org.distinct.onnx.OnnxFormat$Json", "org.distinct.cli.Json");

    List<String> json = classesLoaded("json", concat(evaluate, "--json"));
    assertThat(json).contains(OBJECT_MAPPER, "org.distinct.model.ModelFile");
  }

  private static String[] concat(String[] a, String b) {
    String[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }
}
