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
 * ONNX import and export of a 50-unit LSTM (1 input per step, 50 units, 3 classes; 10,603 parameters): {@code export}
 * builds the ONNX bytes of the model, {@code importBytes} reads them back, {@code importFile} reads the file from disk.
 * Two modes (see {@code bench/run-onnx.sh}): {@code SingleShotTime} in fresh JVMs (the first call after the JVM has
 * started: protobuf and Jackson classes loaded and run in the interpreter; the target is under 50 ms), and the steady
 * state after warm-up ({@code SampleTime}). Run: {@code java -cp ... org.openjdk.jmh.Main OnnxBenchmark}.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class OnnxBenchmark {
  SavedModel model;
  byte[] bytes;
  Path file;

  /** Builds the model, its bytes and the file. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Lstm lstm = Lstm.initialize(1, new int[] {50}, 3, new SplittableRandom(50));
    model = SavedModel.of(lstm, List.of("F7"), List.of("classical", "instrumental", "pop"), null,
        Map.of("preprocessing", Map.of("medianWindow", 5, "scaling", "per-sequence", "downsample", 1)), 50);
    bytes = OnnxExporter.toBytes(model);
    file = Files.createTempFile("distinct-bench", ".onnx");
    Files.write(file, bytes);
  }

  /** Removes the file. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  /** @return the ONNX bytes of the LSTM */
  @Benchmark
  @BenchmarkMode({Mode.SingleShotTime, Mode.SampleTime})
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public byte[] export() {
    return OnnxExporter.toBytes(model);
  }

  /** @return the LSTM read from its ONNX bytes */
  @Benchmark
  @BenchmarkMode({Mode.SingleShotTime, Mode.SampleTime})
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public SavedModel importBytes() {
    return OnnxImporter.read(bytes, "lstm.onnx");
  }

  /** @return the LSTM read from its ONNX file */
  @Benchmark
  @BenchmarkMode({Mode.SingleShotTime, Mode.SampleTime})
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public SavedModel importFile() {
    return OnnxImporter.load(file);
  }
}
