import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Classifies the rows of a feature table with an ONNX model in ONNX Runtime (README, "From PyTorch").
 *
 * <p>Usage: {@code java -cp onnxruntime-1.29.0.jar examples/onnx/RunOnnx.java MODEL.onnx TABLE.csv}. The features are the
 * table's columns except 'subject no.' and 'label', in order, unscaled; the accuracy counts the labels in sorted order.
 */
public class RunOnnx {
  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(args[1]));
    List<String> header = List.of(lines.get(0).split(","));
    int label = header.indexOf("label");
    List<Integer> feats = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) if (i != label && !header.get(i).equals("subject no.")) feats.add(i);
    List<String[]> rows = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) if (!l.isBlank()) rows.add(l.split(","));
    TreeSet<String> classes = new TreeSet<>();
    for (String[] r : rows) classes.add(r[label]);
    List<String> sorted = new ArrayList<>(classes);
    FloatBuffer x = FloatBuffer.allocate(rows.size() * feats.size());
    for (String[] r : rows) for (int i : feats) x.put(Float.parseFloat(r[i]));
    x.flip();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(args[0], new OrtSession.SessionOptions());
        OnnxTensor t = OnnxTensor.createTensor(env, x, new long[] {rows.size(), feats.size()});
        OrtSession.Result out = s.run(Map.of(s.getInputNames().iterator().next(), t))) {
      float[][] y = (float[][]) out.get(0).getValue();
      int right = 0;
      for (int n = 0; n < y.length; n++) {
        int best = 0;
        for (int c = 1; c < y[n].length; c++) if (y[n][c] > y[n][best]) best = c;
        if (sorted.get(best).equals(rows.get(n)[label])) right++;
      }
      System.out.printf("%s: %d inputs, %d classes, %d rows, accuracy %.3f (ONNX Runtime)%n", args[0], feats.size(), y[0].length, y.length,
          (double) right / y.length);
      System.out.println("metadata: " + s.getMetadata().getCustomMetadata().keySet());
    }
  }
}
