package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedLayer;
import org.distinct.model.GatedRnn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares distinct's LSTM and GRU with PyTorch float64 ({@code src/test/python/gated_golden.py}): the forward
 * pass of {@link GatedRnn} and of {@link GatedReference} (every layer's states, logits, loss), the reference's
 * gradients with full and truncated BPTT, and three full-batch Adam steps without and with gradient clipping,
 * all to 1e-12.
 */
class GatedGoldenTest {
  private static final double TOL = 1e-12;
  private static final String[] P = {"w_ih", "w_hh", "b_ih", "b_hh"};

  private static JsonNode load(String name) throws IOException {
    try (InputStream in = GatedGoldenTest.class.getResourceAsStream("/golden/" + name + ".json")) {
      assertThat(in).as("golden file for " + name).isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }

  private static double[] arr(JsonNode n) {
    double[] a = new double[n.size()];
    for (int i = 0; i < a.length; i++) a[i] = n.get(i).asDouble();
    return a;
  }

  /** The model of a case's parameter object ({@code layers[]} with PyTorch names, {@code w_out}, {@code b_out}). */
  private static GatedRnn model(JsonNode g, JsonNode params) {
    GatedCell cell = GatedCell.valueOf(g.get("cell").asText().toUpperCase(Locale.ROOT));
    JsonNode sizes = g.get("sizes");
    List<GatedLayer> ls = new ArrayList<>();
    for (int l = 0; l < sizes.size() - 2; l++) {
      JsonNode p = params.get("layers").get(l);
      ls.add(new GatedLayer(cell, sizes.get(l).asInt(), sizes.get(l + 1).asInt(), arr(p.get("w_ih")), arr(p.get("w_hh")),
          arr(p.get("b_ih")), arr(p.get("b_hh"))));
    }
    return GatedRnn.create(cell, ls, arr(params.get("w_out")), arr(params.get("b_out")));
  }

  /** Expected arrays in the order of {@link GatedTestData#params}. */
  private static List<double[]> expected(JsonNode params) {
    List<double[]> out = new ArrayList<>();
    for (JsonNode l : params.get("layers")) for (String p : P) out.add(arr(l.get(p)));
    out.add(arr(params.get("w_out")));
    out.add(arr(params.get("b_out")));
    return out;
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

  private static void assertAbs(double[] actual, double[] expected, String what) {
    assertThat(actual).as(what + " length").hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++)
      assertThat(Math.abs(actual[i] - expected[i])).as("%s[%d]: %s vs %s", what, i, actual[i], expected[i]).isLessThanOrEqualTo(TOL);
  }

  private static void assertAll(List<double[]> actual, List<double[]> expected, List<String> names, String what) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int p = 0; p < expected.size(); p++) assertAbs(actual.get(p), expected.get(p), what + " " + names.get(p));
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm_1_7_3", "lstm_3_5_4_3", "gru_1_7_3", "gru_3_5_4_3"})
  void forwardMatchesPyTorch(String name) throws IOException {
    JsonNode g = load(name);
    GatedRnn m = model(g, g.get("params"));
    List<double[]> xs = xs(g);
    assertAbs(m.logits(xs), arr(g.get("logits")), "GatedRnn logits");
    for (int l = 0; l < m.layerCount(); l++)
      assertAbs(m.hiddenStates(xs, l, false), arr(g.get("hidden_states").get(l)), "GatedRnn hidden states of layer " + l);
    // the reference, sequence by sequence: states (and LSTM cell states) of every layer, logits
    int c = m.numClasses();
    for (int l = 0; l < m.layerCount(); l++) {
      int h = m.layer(l).hiddenSize();
      double[] hs = arr(g.get("hidden_states").get(l));
      double[] cs = m.cell() == GatedCell.LSTM ? arr(g.get("cell_states").get(l)) : null;
      int pos = 0;
      for (int s = 0; s < xs.size(); s++) {
        GatedReference.Trace tr = GatedReference.forward(m, xs.get(s));
        GatedReference.LayerTrace lt = tr.layers().get(l);
        int steps = lt.steps();
        assertAbs(Arrays.copyOfRange(lt.h(), h, (steps + 1) * h), Arrays.copyOfRange(hs, pos, pos + steps * h),
            "reference h of layer " + l + ", sequence " + s);
        if (cs != null)
          assertAbs(Arrays.copyOfRange(lt.c(), h, (steps + 1) * h), Arrays.copyOfRange(cs, pos, pos + steps * h),
              "reference c of layer " + l + ", sequence " + s);
        pos += steps * h;
        assertAbs(tr.logits(), Arrays.copyOfRange(arr(g.get("logits")), s * c, (s + 1) * c), "reference logits " + s);
      }
      assertThat(pos).isEqualTo(hs.length);
    }
    assertThat(Math.abs(GatedReference.loss(m, xs, labels(g)) - g.get("loss").asDouble())).isLessThanOrEqualTo(TOL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm_1_7_3", "lstm_3_5_4_3", "gru_1_7_3", "gru_3_5_4_3"})
  void gradientsMatchPyTorchWithAndWithoutTruncation(String name) throws IOException {
    JsonNode g = load(name);
    GatedRnn m = model(g, g.get("params"));
    List<double[]> xs = xs(g);
    int[] y = labels(g);
    List<String> names = GatedTestData.names(m);
    for (boolean truncated : new boolean[] {false, true}) {
      int k = truncated ? g.get("truncation").asInt() : 0;
      GatedReference.Gradients gr = GatedReference.lossAndGradients(m, xs, y, k);
      assertThat(Math.abs(gr.loss() - g.get(truncated ? "loss_truncated" : "loss").asDouble())).isLessThanOrEqualTo(TOL);
      assertAll(GatedTestData.grads(gr), expected(g.get(truncated ? "grads_truncated" : "grads")), names,
          truncated ? "truncated gradient of" : "gradient of");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm_1_7_3", "lstm_3_5_4_3", "gru_1_7_3", "gru_3_5_4_3"})
  void adamStepsMatchPyTorchWithAndWithoutClipping(String name) throws IOException {
    JsonNode g = load(name);
    GatedRnn m = model(g, g.get("params"));
    GatedRnn before = m.copy();
    List<double[]> xs = xs(g);
    int[] y = labels(g);
    for (boolean clip : new boolean[] {false, true}) {
      JsonNode adam = g.get(clip ? "adam_clipped" : "adam");
      double maxNorm = clip ? adam.get("max_norm").asDouble() : 0;
      List<Double> norms = new ArrayList<>();
      GatedRnn after = FlatAdam.threeSteps(m, xs, y, adam.get("lr").asDouble(), maxNorm, norms);
      assertAll(GatedTestData.params(after), expected(adam.get("params")), GatedTestData.names(m), (clip ? "clipped " : "") + "Adam");
      if (clip)
        for (int t = 0; t < 3; t++)
          assertThat(Math.abs(norms.get(t) - adam.get("norms").get(t).asDouble())).as("norm before step %d", t + 1).isLessThanOrEqualTo(TOL);
    }
    assertThat(m).isEqualTo(before);
  }

  /**
   * A flat-buffer adapter for the project's {@link Optimizer} (Adam): every parameter of the model in one buffer (order of
   * {@link GatedTestData#params}), the gradient in another, full-batch steps on the double reference.
   */
  static final class FlatAdam {
    private FlatAdam() {}

    static double[] flatten(List<double[]> arrays) {
      int n = 0;
      for (double[] a : arrays) n += a.length;
      double[] f = new double[n];
      int pos = 0;
      for (double[] a : arrays) {
        System.arraycopy(a, 0, f, pos, a.length);
        pos += a.length;
      }
      return f;
    }

    static void unflatten(double[] f, List<double[]> arrays) {
      int pos = 0;
      for (double[] a : arrays) {
        System.arraycopy(f, pos, a, 0, a.length);
        pos += a.length;
      }
    }

    /**
     * Three Adam steps (β 0.9, 0.999, ε 1e-8); with {@code maxNorm > 0} the gradient is first clipped as
     * {@code clip_grad_norm_} does: the norm of the per-tensor norms, factor {@code maxNorm / (norm + 1e-6)}
     * clamped to 1.
     *
     * @param norms receives the norm before each clipped step (Modified)
     */
    static GatedRnn threeSteps(GatedRnn start, List<double[]> xs, int[] y, double lr, double maxNorm, List<Double> norms) {
      GatedRnn m = start.copy();
      List<double[]> ps = GatedTestData.params(m);
      double[] p = flatten(ps);
      Optimizer adam = OptimizerConfig.adam(lr).create();
      for (int t = 1; t <= 3; t++) {
        unflatten(p, ps);
        GatedReference.Gradients gr = GatedReference.lossAndGradients(m, xs, y, 0);
        double[] grad = flatten(GatedTestData.grads(gr));
        if (maxNorm > 0) {
          double total = 0;
          for (double[] a : GatedTestData.grads(gr)) {
            double s = 0;
            for (double v : a) s += v * v;
            total += s; // squared per-tensor norm
          }
          double norm = Math.sqrt(total);
          norms.add(norm);
          double coef = Math.min(1.0, maxNorm / (norm + 1e-6));
          for (int i = 0; i < grad.length; i++) grad[i] *= coef;
        }
        adam.step(p, grad);
      }
      unflatten(p, ps);
      return m;
    }
  }
}
