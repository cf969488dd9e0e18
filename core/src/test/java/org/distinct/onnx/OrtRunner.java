package org.distinct.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/** Runs exported models in ONNX Runtime (test scope only). */
public final class OrtRunner {
  /** The shared ONNX Runtime environment. */
  public static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  private OrtRunner() {}

  /**
   * Runs an ONNX model whose input is {@value OnnxFormat#INPUT} and output {@value OnnxFormat#OUTPUT}.
   *
   * @param onnx the model (Not modified)
   * @param inputs equal-length rows or sequences (Not modified)
   * @param features values per row or time step
   * @param sequences whether the input is {@code [batch × time × features]}
   * @return the logits, {@code [n × C]}
   * @throws OrtException if ONNX Runtime refuses the model or the input
   */
  public static double[] run(byte[] onnx, List<double[]> inputs, int features, boolean sequences) throws OrtException {
    int n = inputs.size();
    int len = inputs.get(0).length;
    FloatBuffer buf = FloatBuffer.allocate(n * len);
    for (double[] v : inputs) for (double x : v) buf.put((float) x);
    buf.flip();
    long[] shape = sequences ? new long[] {n, len / features, features} : new long[] {n, features};
    try (OrtSession s = ENV.createSession(onnx, new OrtSession.SessionOptions());
        OnnxTensor t = OnnxTensor.createTensor(ENV, buf, shape);
        OrtSession.Result r = s.run(Map.of(OnnxFormat.INPUT, t))) {
      float[][] y = (float[][]) r.get(OnnxFormat.OUTPUT).orElseThrow().getValue();
      double[] out = new double[n * y[0].length];
      for (int i = 0; i < n; i++) for (int c = 0; c < y[i].length; c++) out[i * y[i].length + c] = y[i][c];
      return out;
    }
  }
}
