package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.SequenceDataset;
import org.distinct.model.ElmanRnn;
import org.distinct.tensor.RnnKernels;
import org.distinct.tensor.RnnKernelsProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares distinct's RNN with PyTorch float64 ({@code src/test/python/rnn_golden.py}): the double path to
 * 1e-10, the float training path (both kernel implementations) to float tolerance.
 */
class RnnGoldenTest {
  private static final String[] P = {"w_ih", "w_hh", "b", "w_out", "b_out"};

  private static JsonNode load(String name) throws IOException {
    try (InputStream in = RnnGoldenTest.class.getResourceAsStream("/golden/rnn_" + name + ".json")) {
      assertThat(in).as("golden file for " + name).isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }

  private static double[] arr(JsonNode n) {
    double[] a = new double[n.size()];
    for (int i = 0; i < a.length; i++) a[i] = n.get(i).asDouble();
    return a;
  }

  private static ElmanRnn model(JsonNode g, JsonNode params) {
    return new ElmanRnn(g.get("input_size").asInt(), g.get("hidden").asInt(), g.get("classes").asInt(),
        arr(params.get("w_ih")), arr(params.get("w_hh")), arr(params.get("b")), arr(params.get("w_out")), arr(params.get("b_out")));
  }

  private static List<double[]> xs(JsonNode g) {
    List<double[]> xs = new ArrayList<>();
    for (JsonNode s : g.get("x")) xs.add(arr(s));
    return xs;
  }

  private static int[] labels(JsonNode g) {
    int[] y = new int[g.get("labels").size()];
    for (int i = 0; i < y.length; i++) y[i] = g.get("labels").get(i).asInt();
    return y;
  }

  private static double[][] params(ElmanRnn m) {
    return new double[][] {m.wIh(), m.wHh(), m.b(), m.wOut(), m.bOut()};
  }

  private static void assertAbs(double[] actual, double[] expected, double tol, String what) {
    assertThat(actual).as(what + " length").hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++)
      assertThat(Math.abs(actual[i] - expected[i])).as("%s[%d]: %s vs %s", what, i, actual[i], expected[i]).isLessThanOrEqualTo(tol);
  }

  private static void assertRel(double[] actual, double[] expected, double rel, String what) {
    double scale = 0;
    for (double v : expected) scale = Math.max(scale, Math.abs(v));
    assertAbs(actual, expected, rel * scale, what);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2_6_3", "1_50_3"})
  void doublePathMatchesPyTorch(String name) throws IOException {
    JsonNode g = load(name);
    ElmanRnn m = model(g, g.get("params"));
    List<double[]> xs = xs(g);
    int[] y = labels(g);
    assertAbs(m.logits(xs), arr(g.get("logits")), 1e-10, "logits");
    assertAbs(m.hiddenStates(xs, false), arr(g.get("hidden_states")), 1e-10, "hidden states");
    for (boolean truncated : new boolean[] {false, true}) {
      int k = truncated ? g.get("truncation").asInt() : 0;
      RnnReference.Gradients gr = RnnReference.lossAndGradients(m, xs, y, k);
      assertThat(Math.abs(gr.loss() - g.get(truncated ? "loss_truncated" : "loss").asDouble())).isLessThan(1e-10);
      JsonNode exp = g.get(truncated ? "grads_truncated" : "grads");
      double[][] got = {gr.wIh(), gr.wHh(), gr.b(), gr.wOut(), gr.bOut()};
      for (int p = 0; p < 5; p++) assertAbs(got[p], arr(exp.get(P[p])), 1e-10, (truncated ? "truncated " : "") + P[p]);
    }
    for (boolean clip : new boolean[] {false, true}) {
      JsonNode adam = g.get(clip ? "adam_clipped" : "adam");
      ElmanRnn after = doubleAdam(m, xs, y, adam.get("lr").asDouble(), clip ? adam.get("max_norm").asDouble() : 0);
      double[][] got = params(after);
      for (int p = 0; p < 5; p++) assertAbs(got[p], arr(adam.get("params").get(P[p])), 1e-10, (clip ? "clipped " : "") + "Adam " + P[p]);
    }
  }

  /** Three full-batch Adam steps on the double reference, with the b = b_ih + b_hh and clipping rules. */
  private static ElmanRnn doubleAdam(ElmanRnn start, List<double[]> xs, int[] y, double lr, double clip) {
    ElmanRnn m = start.copy();
    double[][] ps = params(m);
    Optimizer[] opt = new Optimizer[5];
    for (int p = 0; p < 5; p++)
      opt[p] = Optimizer.create(OptimizerConfig.adam(lr), p == 2 ? List.of(new UpdateScale(0, ps[p].length, 2)) : List.of());
    for (int t = 1; t <= 3; t++) {
      RnnReference.Gradients gr = RnnReference.lossAndGradients(m, xs, y, 0);
      double[][] gs = {gr.wIh(), gr.wHh(), gr.b(), gr.wOut(), gr.bOut()};
      if (clip > 0) {
        double s = 0;
        for (double[] a : gs) for (double v : a) s += v * v;
        for (double v : gr.b()) s += v * v; // b_ih and b_hh
        double coef = clip / (Math.sqrt(s) + 1e-6);
        if (coef < 1) for (double[] a : gs) for (int i = 0; i < a.length; i++) a[i] *= coef;
      }
      for (int p = 0; p < 5; p++) opt[p].step(ps[p], gs[p]);
    }
    return m;
  }

  @ParameterizedTest
  @ValueSource(strings = {"2_6_3", "1_50_3"})
  void floatPathMatchesPyTorchWithinFloatTolerance(String name) throws IOException {
    JsonNode g = load(name);
    ElmanRnn m = model(g, g.get("params"));
    List<double[]> xs = xs(g);
    int[] y = labels(g);
    int n = xs.size();
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    List<RnnKernels> kernels = new ArrayList<>(List.of(RnnKernelsProvider.plain()));
    RnnKernelsProvider.vectorized().ifPresent(kernels::add);
    for (RnnKernels k : kernels) {
      for (boolean truncated : new boolean[] {false, true}) {
        int trunc = truncated ? g.get("truncation").asInt() : 0;
        try (RnnBatchEngine e = new RnnBatchEngine(k, m.inputSize(), m.hiddenSize(), m.numClasses(), 60, n, 2, trunc)) {
          e.setModel(m);
          double loss = e.lossAndGradients(RnnBatchEngine.toFloat(xs), y, idx, 0, n, null);
          assertThat(Math.abs(loss - g.get(truncated ? "loss_truncated" : "loss").asDouble())).isLessThan(1e-5);
          double[][] got = e.gradientsByTensor();
          JsonNode exp = g.get(truncated ? "grads_truncated" : "grads");
          for (int p = 0; p < 5; p++) assertRel(got[p], arr(exp.get(P[p])), 2e-5, k.name() + " " + P[p]);
        }
      }
      // three Adam steps through the trainer: full batch, no shuffling
      SequenceDataset d = new SequenceDataset("golden", xs, m.inputSize(), y, new int[n], Collections.nCopies(n, "S1"),
          List.of("a", "b", "c"));
      for (boolean clip : new boolean[] {false, true}) {
        JsonNode adam = g.get(clip ? "adam_clipped" : "adam");
        SequenceTrainConfig cfg = new SequenceTrainConfig(new int[] {m.hiddenSize()}, OptimizerConfig.adam(adam.get("lr").asDouble()), n, 3, 0,
            clip ? adam.get("max_norm").asDouble() : 0, false, 2);
        ElmanRnn after = new SequenceTrainer<>(cfg, new ElmanArchitecture(k)).fineTune(m, d, null, 1).model();
        double[][] got = params(after);
        // float rounding can only flip an Adam step where a gradient entry is ~1e-7 of the rest
        for (int p = 0; p < 5; p++) assertAbs(got[p], arr(adam.get("params").get(P[p])), 2e-5, k.name() + (clip ? " clipped" : "") + " Adam " + P[p]);
      }
    }
  }
}
