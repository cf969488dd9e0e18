package org.distinct.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.distinct.model.Lstm;
import org.distinct.model.SavedModel;
import org.distinct.onnx.OnnxExporter;
import org.distinct.onnx.OnnxImporter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ONNX import and export of a 50-unit LSTM (1 input per step, 50 units, 3 classes; 10,753 parameters): {@code export}
 * builds the ONNX bytes of the model, {@code importBytes} reads them back, {@code importFile} reads the file from disk.
 * The metadata makes the import parse JSON too. Two modes (see {@code bench/run-onnx.sh}): {@code SingleShotTime} in fresh JVMs (the first call after the JVM has
 * started: protobuf and Jackson classes loaded and run in the interpreter; the target is under 50 ms), and the steady
 * state after warm-up ({@code SampleTime}). Run: {@code java -cp ... org.openjdk.jmh.Main OnnxBenchmark}.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class OnnxBenchmark {
  /** The LSTM as a saved model (nothing of ONNX loaded yet). */
  @State(Scope.Thread)
  public static class ModelState {
    SavedModel model;

    /** Builds the model. */
    @Setup(Level.Trial)
    public void setUp() {
      model = model();
    }
  }

  /** The LSTM's ONNX bytes and file (made with the exporter, so its classes are loaded before an import is timed). */
  @State(Scope.Thread)
  public static class FileState {
    byte[] bytes;
    Path file;

    /** Exports the model to bytes and a file. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      bytes = OnnxExporter.toBytes(model());
      file = Files.createTempFile("distinct-bench", ".onnx");
      Files.write(file, bytes);
    }

    /** Removes the file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      Files.deleteIfExists(file);
    }
  }

  static SavedModel model() {
    Lstm lstm = Lstm.initialize(1, new int[] {50}, 3, new SplittableRandom(50));
    return SavedModel.of(lstm, List.of("F7"), List.of("classical", "instrumental", "pop"), null,
        Map.of("preprocessing", Map.of("medianWindow", 5, "scaling", "per-sequence", "downsample", 1)), 50);
  }

  /** @return the ONNX bytes of the LSTM */
  @Benchmark
  @BenchmarkMode({Mode.SingleShotTime, Mode.SampleTime})
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public byte[] export(ModelState s) {
    return OnnxExporter.toBytes(s.model);
  }

  /** @return the LSTM read from its ONNX bytes */
  @Benchmark
  @BenchmarkMode({Mode.SingleShotTime, Mode.SampleTime})
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public SavedModel importBytes(FileState s) {
    return OnnxImporter.read(s.bytes, "lstm.onnx");
  }

  /** @return the LSTM read from its ONNX file */
  @Benchmark
  @BenchmarkMode({Mode.SingleShotTime, Mode.SampleTime})
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public SavedModel importFile(FileState s) {
    return OnnxImporter.load(s.file);
  }
}
