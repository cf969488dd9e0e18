package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.distinct.model.Activation;
import org.distinct.model.Conv1d;
import org.distinct.model.Conv1dLayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares distinct's Conv1D with PyTorch float64 ({@code src/test/python/conv1d_golden.py}: {@code nn.Conv1d} layers
 * with stride and padding, ReLU and tanh, average and max pooling, one and three input channels, sequences of
 * different lengths including the shortest the layers accept): the fast and the textbook forward pass of
 * {@link Conv1d} and of {@link Conv1dReference} (every layer's activations, logits, loss), the reference's parameter
 * gradients and activation gradients, and three full-batch Adam steps through the project's {@link Optimizer}, all to
 * 1e-12.
 */
class Conv1dGoldenTest {
  private static final double TOL = 1e-12;

  private static JsonNode load(String name) throws IOException {
    try (InputStream in = Conv1dGoldenTest.class.getResourceAsStream("/golden/conv1d_" + name + ".json")) {
      assertThat(in).as("golden file for " + name).isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }

  private static double[] arr(JsonNode n) {
    double[] a = new double[n.size()];
    for (int i = 0; i < a.length; i++) a[i] = n.get(i).asDouble();
    return a;
  }

  private static int[] ints(JsonNode n) {
    int[] a = new int[n.size()];
    for (int i = 0; i < a.length; i++) a[i] = n.get(i).asInt();
    return a;
  }

  /** The model of a case's parameter object ({@code layers[]} with {@code w}, {@code b}; {@code w_out}, {@code b_out}). */
  static Conv1d model(JsonNode g, JsonNode params) {
    int[] ch = ints(g.get("channels"));
    int[] k = ints(g.get("kernels"));
    int[] s = ints(g.get("strides"));
    int[] p = ints(g.get("paddings"));
    Activation act = Activation.parse(g.get("activation").asText());
    List<Conv1dLayer> ls = new ArrayList<>();
    int in = g.get("inputs").asInt();
    for (int l = 0; l < ch.length; l++) {
      JsonNode pl = params.get("layers").get(l);
      ls.add(new Conv1dLayer(in, ch[l], k[l], s[l], p[l], act, arr(pl.get("w")), arr(pl.get("b"))));
      in = ch[l];
    }
    return new Conv1d(ls, Conv1d.Pool.parse(g.get("pool").asText()), arr(params.get("w_out")), arr(params.get("b_out")));
  }

  private static List<double[]> expected(JsonNode params) {
    List<double[]> out = new ArrayList<>();
    for (JsonNode l : params.get("layers")) {
      out.add(arr(l.get("w")));
      out.add(arr(l.get("b")));
    }
    out.add(arr(params.get("w_out")));
    out.add(arr(params.get("b_out")));
    return out;
  }

  private static List<double[]> xs(JsonNode g) {
    List<double[]> xs = new ArrayList<>();
    for (JsonNode s : g.get("x")) xs.add(arr(s));
    return xs;
  }

  private static void assertAbs(double[] actual, double[] expected, String what) {
    assertThat(actual).as(what + " length").hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++)
      assertThat(Math.abs(actual[i] - expected[i])).as("%s[%d]: %s vs %s", what, i, actual[i], expected[i]).isLessThanOrEqualTo(TOL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1_relu_avg", "1_tanh_max", "3_tanh_avg", "3_relu_max"})
  void forwardMatchesPyTorch(String name) throws IOException {
    JsonNode g = load(name);
    Conv1d m = model(g, g.get("params"));
    List<double[]> xs = xs(g);
    double[] logits = arr(g.get("logits"));
    assertThat(xs.get(0).length / m.inputSize()).as("the case holds a sequence of the shortest length").isEqualTo(m.minLength());
    assertAbs(m.logits(xs), logits, "fast logits");
    assertAbs(m.logits(xs, 1), logits, "fast logits, one thread");
    assertAbs(m.referenceLogits(xs), logits, "textbook logits");
    int c = m.numClasses();
    for (int l = 0; l < m.layerCount(); l++) {
      double[] acts = arr(g.get("activations").get(l));
      assertAbs(m.activations(l, xs), acts, "fast activations of layer " + l);
      assertAbs(m.referenceActivations(l, xs), acts, "textbook activations of layer " + l);
      int pos = 0;
      for (int s = 0; s < xs.size(); s++) {
        Conv1dReference.Trace tr = Conv1dReference.forward(m, xs.get(s));
        double[] a = tr.activations().get(l);
        assertAbs(a, Arrays.copyOfRange(acts, pos, pos + a.length), "reference activations of layer " + l + ", sequence " + s);
        assertAbs(tr.logits(), Arrays.copyOfRange(logits, s * c, (s + 1) * c), "reference logits " + s);
        pos += a.length;
      }
      assertThat(pos).isEqualTo(acts.length);
    }
    assertThat(Math.abs(Conv1dReference.loss(m, xs, ints(g.get("labels"))) - g.get("loss").asDouble())).isLessThanOrEqualTo(TOL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1_relu_avg", "1_tanh_max", "3_tanh_avg", "3_relu_max"})
  void gradientsMatchPyTorch(String name) throws IOException {
    JsonNode g = load(name);
    Conv1d m = model(g, g.get("params"));
    List<double[]> xs = xs(g);
    int[] y = ints(g.get("labels"));
    Conv1dReference.Gradients gr = Conv1dReference.lossAndGradients(m, xs, y);
    assertThat(Math.abs(gr.loss() - g.get("loss").asDouble())).isLessThanOrEqualTo(TOL);
    List<double[]> want = expected(g.get("grads"));
    List<double[]> got = Conv1dTestData.grads(gr);
    List<String> names = Conv1dTestData.names(m);
    for (int p = 0; p < want.size(); p++) assertAbs(got.get(p), want.get(p), "gradient of " + names.get(p));
    for (int l = 0; l < m.layerCount(); l++)
      assertAbs(Conv1dReference.activationGradients(m, xs, y, l), arr(g.get("activation_grads").get(l)), "activation gradients of layer " + l);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1_relu_avg", "1_tanh_max", "3_tanh_avg", "3_relu_max"})
  void adamStepsMatchPyTorch(String name) throws IOException {
    JsonNode g = load(name);
    Conv1d m = model(g, g.get("params"));
    Conv1d before = m.copy();
    List<double[]> xs = xs(g);
    int[] y = ints(g.get("labels"));
    JsonNode adam = g.get("adam");
    Conv1d after = threeAdamSteps(m, xs, y, adam.get("lr").asDouble());
    List<double[]> want = expected(adam.get("params"));
    List<double[]> got = Conv1dTestData.params(after);
    List<String> names = Conv1dTestData.names(m);
    for (int p = 0; p < want.size(); p++) assertAbs(got.get(p), want.get(p), "Adam " + names.get(p));
    assertThat(m).isEqualTo(before);
  }

  /** Three full-batch steps of the project's Adam (β 0.9, 0.999, ε 1e-8) on all parameters in one flat buffer. */
  private static Conv1d threeAdamSteps(Conv1d start, List<double[]> xs, int[] y, double lr) {
    Conv1d m = start.copy();
    List<double[]> ps = Conv1dTestData.params(m);
    double[] p = GatedGoldenTest.FlatAdam.flatten(ps);
    Optimizer opt = OptimizerConfig.adam(lr).create();
    for (int t = 1; t <= 3; t++) {
      GatedGoldenTest.FlatAdam.unflatten(p, ps);
      opt.step(p, GatedGoldenTest.FlatAdam.flatten(Conv1dTestData.grads(Conv1dReference.lossAndGradients(m, xs, y))));
    }
    GatedGoldenTest.FlatAdam.unflatten(p, ps);
    return m;
  }
}
