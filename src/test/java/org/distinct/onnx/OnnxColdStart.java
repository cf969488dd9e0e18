package org.distinct.onnx;

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
 * interpreter run on that thread, the JIT compilers on others).
 */
public final class OnnxColdStart {
  private OnnxColdStart() {}

  /**
   * @param args {@code export FILE} or {@code import FILE}
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
}
