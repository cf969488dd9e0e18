package org.distinct.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distinct.model.Lstm;
import org.distinct.model.SavedModel;

/**
 * The first ONNX call in a fresh JVM, timed with {@link System#nanoTime} around exactly one call (for
 * {@code bench/run-onnx.sh}, which starts one JVM per measurement and reports the median): {@code export FILE} builds
 * the 50-unit LSTM of {@code OnnxBenchmark} (1-50-3, with metadata), times {@link OnnxExporter#toBytes} and writes the
 * bytes to FILE; {@code import FILE} times {@link OnnxImporter#load} of that file in a JVM that has run nothing of ONNX
 * before (unlike JMH's single-shot import, whose setup exports the model in the same JVM). Prints the wall-clock
 * milliseconds and the calling thread's CPU milliseconds (which a loaded machine inflates less: class loading and the
 * interpreter run on that thread, the JIT compilers on others). {@code phases FILE} times the parts of a first import in
 * thread CPU: {@code ModelProto.parseFrom}, building the metadata {@code ObjectMapper}, the first {@code readValue}, and the
 * importer's own work once these are loaded.
 */
public final class OnnxColdStart {
  private OnnxColdStart() {}

  /**
   * @param args {@code export FILE}, {@code import FILE} or {@code phases FILE}
   * @throws Exception if the file cannot be written or read
   */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (args[0].equals("export")) {
      Lstm lstm = Lstm.initialize(1, new int[] {50}, 3, new SplittableRandom(50));
      SavedModel m = SavedModel.of(lstm, List.of("F7"), List.of("classical", "instrumental", "pop"), null,
          Map.of("preprocessing", Map.of("medianWindow", 5, "scaling", "per-sequence", "downsample", 1)), 50);
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      byte[] b = OnnxExporter.toBytes(m);
      long t1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      Files.write(file, b);
      System.out.println("export " + (t1 - t0) / 1e6 + " " + (c1 - c0) / 1e6);
    } else if (args[0].equals("phases")) {
      phases(file, threads);
    } else {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      SavedModel m = OnnxImporter.load(file);
      long t1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      if (m.network().parameterCount() != 10_753) throw new IllegalStateException("unexpected model " + m.network());
      System.out.println("import " + (t1 - t0) / 1e6 + " " + (c1 - c0) / 1e6);
    }
  }

  /** The parts of a first import, each timed once in order (thread CPU milliseconds): what the libraries cost. */
  private static void phases(Path file, ThreadMXBean threads) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    long c0 = threads.getCurrentThreadCpuTime();
    ModelProto m = ModelProto.parseFrom(bytes);
    long c1 = threads.getCurrentThreadCpuTime();
    ObjectMapper mapper = OnnxFormat.Json.MAPPER;
    long c2 = threads.getCurrentThreadCpuTime();
    Object training = null;
    for (StringStringEntryProto e : m.getMetadataPropsList())
      if (e.getKey().equals(OnnxFormat.KEY_TRAINING)) training = mapper.readValue(e.getValue(), Object.class);
    long c3 = threads.getCurrentThreadCpuTime();
    OnnxImporter.read(bytes, file.toString());
    long c4 = threads.getCurrentThreadCpuTime();
    if (training == null) throw new IllegalStateException("no training metadata in " + file);
    System.out.println("parseFrom " + (c1 - c0) / 1e6 + " ObjectMapper " + (c2 - c1) / 1e6 + " readValue " + (c3 - c2) / 1e6
        + " import-after-these " + (c4 - c3) / 1e6);
  }
}
