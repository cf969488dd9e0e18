package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.distinct.data.Dataset;
import org.distinct.model.Activation;
import org.distinct.model.DenseLayer;
import org.distinct.model.Mlp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Logits, loss, gradients and optimiser trajectories against PyTorch (float64), from the JSON files written
 * by {@code src/test/python/mlp_golden.py}.
 */
class MlpGoldenTest {
  private static final double FORWARD_TOL = 1e-12;
  private static final double STEP_TOL = 1e-10;

  private static JsonNode load(String name) throws IOException {
    try (InputStream in = MlpGoldenTest.class.getResourceAsStream("/golden/mlp_" + name + ".json")) {
      assertThat(in).as("golden file for " + name).isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }

  private static double[] doubles(JsonNode a) {
    double[] d = new double[a.size()];
    for (int i = 0; i < d.length; i++) d[i] = a.get(i).doubleValue();
    return d;
  }

  private static int[] ints(JsonNode a) {
    int[] d = new int[a.size()];
    for (int i = 0; i < d.length; i++) d[i] = a.get(i).intValue();
    return d;
  }

  private static Mlp model(JsonNode g, JsonNode layers) {
    int[] sizes = ints(g.get("sizes"));
    Activation act = Activation.parse(g.get("activation").asText());
    List<DenseLayer> ls = new ArrayList<>();
    for (int l = 0; l < sizes.length - 1; l++) {
      JsonNode ln = layers.get(l);
      ls.add(new DenseLayer(sizes[l], sizes[l + 1], doubles(ln.get("w")), doubles(ln.get("b")),
          l == sizes.length - 2 ? Activation.IDENTITY : act));
    }
    return new Mlp(ls);
  }

  /**
   * Asserts element-wise {@code |a − e| ≤ tol · max(|e|, 1e-3 · max|e|)}: relative, with a floor at a thousandth
   * of the array's largest magnitude so that entries that cancel to nearly zero are not judged on their last bits.
   */
  private static void assertClose(String what, double[] actual, double[] expected, double tol) {
    assertThat(actual).as(what + " length").hasSize(expected.length);
    double scale = 0;
    for (double e : expected) scale = Math.max(scale, Math.abs(e));
    double worst = 0;
    int at = -1;
    for (int i = 0; i < expected.length; i++) {
      double rel = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1e-3 * scale);
      if (rel > worst) {
        worst = rel;
        at = i;
      }
    }
    assertThat(worst).as("%s: worst relative error at %d", what, at).isLessThanOrEqualTo(tol);
  }

  private static void assertLayers(String what, Mlp m, JsonNode layers, double tol) {
    for (int l = 0; l < m.layerCount(); l++) {
      assertClose(what + " w" + l, m.layer(l).w(), doubles(layers.get(l).get("w")), tol);
      assertClose(what + " b" + l, m.layer(l).b(), doubles(layers.get(l).get("b")), tol);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sigmoid_25_30_3", "tanh_6_7_5_3", "relu_5_9_4"})
  void forwardLossAndGradients(String name) throws IOException {
    JsonNode g = load(name);
    Mlp m = model(g, g.get("layers"));
    int n = g.get("n").intValue();
    double[] x = doubles(g.get("x"));
    int[] y = ints(g.get("labels"));
    int c = m.numClasses();
    assertClose("Mlp.logits", m.logits(x, n), doubles(g.get("logits")), FORWARD_TOL);
    MlpWorkspace ws = new MlpWorkspace(m, n);
    double[] logits = ws.forward(x, 0, n);
    assertClose("workspace logits", logits, doubles(g.get("logits")), FORWARD_TOL);
    assertClose("meanLoss", new double[] {SoftmaxCrossEntropy.meanLoss(logits, y, n, c)},
        new double[] {g.get("loss").doubleValue()}, FORWARD_TOL);
    double loss = ws.lossAndBackward(y);
    assertClose("loss", new double[] {loss}, new double[] {g.get("loss").doubleValue()}, FORWARD_TOL);
    double[] grads = ws.gradients();
    for (int l = 0; l < m.layerCount(); l++) {
      int w0 = ws.weightOffset(l);
      int b0 = ws.biasOffset(l);
      int out = m.layer(l).out();
      assertClose("grad w" + l, Arrays.copyOfRange(grads, w0, b0), doubles(g.get("grads").get(l).get("w")), FORWARD_TOL);
      assertClose("grad b" + l, Arrays.copyOfRange(grads, b0, b0 + out), doubles(g.get("grads").get(l).get("b")), FORWARD_TOL);
    }
  }

  /** Three optimiser steps over batches taken in row order (the full batch when batch = n). */
  private static Mlp steps(JsonNode g, OptimizerConfig oc, int batch) {
    Mlp m = model(g, g.get("layers"));
    int n = g.get("n").intValue();
    double[] x = doubles(g.get("x"));
    int[] y = ints(g.get("labels"));
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    MlpWorkspace ws = new MlpWorkspace(m, batch);
    Optimizer opt = oc.create();
    int start = 0;
    for (int k = 0; k < g.get("steps").intValue(); k++) {
      if (start >= n) start = 0;
      int nb = Math.min(batch, n - start);
      ws.gather(x, y, order, start, nb);
      ws.forwardGathered(nb);
      ws.lossAndBackward();
      opt.step(ws.parameters(), ws.gradients());
      ws.parametersChanged();
      start += nb;
    }
    return ws.toMlp();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sigmoid_25_30_3", "tanh_6_7_5_3", "relu_5_9_4"})
  void adamSteps(String name) throws IOException {
    JsonNode g = load(name);
    JsonNode a = g.get("adam");
    OptimizerConfig oc = new OptimizerConfig(OptimizerConfig.Kind.ADAM, a.get("learningRate").doubleValue(),
        a.get("beta1").doubleValue(), a.get("beta2").doubleValue(), a.get("epsilon").doubleValue(), 0, 0, false);
    int n = g.get("n").intValue();
    assertLayers("adam full batch", steps(g, oc, n), a.get("fullBatch"), STEP_TOL);
    assertLayers("adam mini-batch", steps(g, oc, g.get("batchSize").intValue()), a.get("miniBatch"), STEP_TOL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sigmoid_25_30_3", "tanh_6_7_5_3", "relu_5_9_4"})
  void sgdMomentumSteps(String name) throws IOException {
    JsonNode g = load(name);
    JsonNode s = g.get("sgd");
    OptimizerConfig oc = OptimizerConfig.sgd(s.get("learningRate").doubleValue(), s.get("momentum").doubleValue());
    int n = g.get("n").intValue();
    assertLayers("sgd full batch", steps(g, oc, n), s.get("fullBatch"), STEP_TOL);
    assertLayers("sgd mini-batch", steps(g, oc, g.get("batchSize").intValue()), s.get("miniBatch"), STEP_TOL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sigmoid_25_30_3", "tanh_6_7_5_3", "relu_5_9_4"})
  void weightDecayAndNesterov(String name) throws IOException {
    JsonNode g = load(name);
    JsonNode a = g.get("adamWeightDecay");
    OptimizerConfig adam = new OptimizerConfig(OptimizerConfig.Kind.ADAM, a.get("learningRate").doubleValue(),
        0.9, 0.999, 1e-8, 0, a.get("weightDecay").doubleValue(), false);
    int batch = g.get("batchSize").intValue();
    assertLayers("adam weight decay", steps(g, adam, batch), a.get("miniBatch"), STEP_TOL);
    JsonNode s = g.get("sgdNesterovWeightDecay");
    OptimizerConfig sgd = new OptimizerConfig(OptimizerConfig.Kind.SGD, s.get("learningRate").doubleValue(),
        0.9, 0.999, 1e-8, s.get("momentum").doubleValue(), s.get("weightDecay").doubleValue(), true);
    assertLayers("sgd nesterov weight decay", steps(g, sgd, batch), s.get("miniBatch"), STEP_TOL);
  }

  /** The trainer itself (fine-tuning path, no shuffling) against a PyTorch training loop. */
  @ParameterizedTest
  @ValueSource(strings = {"sigmoid_25_30_3", "tanh_6_7_5_3", "relu_5_9_4"})
  void trainerEpochs(String name) throws IOException {
    JsonNode g = load(name);
    JsonNode t = g.get("trainer");
    Mlp initial = model(g, g.get("layers"));
    int n = g.get("n").intValue();
    int cols = initial.inputSize();
    List<String> features = new ArrayList<>();
    for (int j = 0; j < cols; j++) features.add("f" + j);
    List<String> classes = new ArrayList<>();
    for (int k = 0; k < initial.numClasses(); k++) classes.add("c" + k);
    Dataset d = new Dataset(name, doubles(g.get("x")), n, cols, ints(g.get("labels")), new int[n], features, classes);
    MlpTrainConfig cfg = MlpTrainConfig.defaults()
        .withOptimizer(OptimizerConfig.adam(t.get("learningRate").doubleValue()))
        .withBatchSize(g.get("batchSize").intValue())
        .withEpochs(t.get("epochs").intValue())
        .withShuffle(false);
    TrainResult<Mlp> r = new MlpTrainer(cfg).fineTune(initial, d, null, 1);
    assertClose("train loss per epoch", r.trainLoss(), doubles(t.get("trainLoss")), STEP_TOL);
    assertLayers("trainer", r.model(), t.get("layers"), STEP_TOL);
  }
}
