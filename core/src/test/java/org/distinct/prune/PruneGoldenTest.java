package org.distinct.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.distinct.data.Dataset;
import org.distinct.model.Activation;
import org.distinct.model.DenseLayer;
import org.distinct.model.Mlp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Angles, gradients, criteria and surgery against {@code src/test/python/prune_golden.py} (PyTorch, float64). */
class PruneGoldenTest {

  static JsonNode load(String name) throws IOException {
    try (InputStream in = PruneGoldenTest.class.getResourceAsStream("/golden/prune_" + name + ".json")) {
      if (in == null) throw new IOException("missing golden file prune_" + name + ".json");
      return new ObjectMapper().readTree(in);
    }
  }

  static double[] doubles(JsonNode n) {
    double[] d = new double[n.size()];
    for (int i = 0; i < d.length; i++) d[i] = n.get(i).isNull() ? Double.NaN : n.get(i).asDouble();
    return d;
  }

  static void assertClose(double[] actual, double[] expected, double tol, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      if (Double.isNaN(expected[i])) {
        assertThat(actual[i]).as("%s[%d]", what, i).isNaN();
      } else {
        assertThat(actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], within(tol * Math.max(1, Math.abs(expected[i]))));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sigmoid_25_30_3", "tanh_6_9_5_3", "relu_5_10_3"})
  void matchesPyTorch(String name) throws IOException {
    JsonNode g = load(name);
    int[] sizes = new int[g.get("sizes").size()];
    for (int i = 0; i < sizes.length; i++) sizes[i] = g.get("sizes").get(i).asInt();
    Activation act = Activation.parse(g.get("activation").asText());
    List<DenseLayer> layers = new ArrayList<>();
    for (int l = 0; l + 1 < sizes.length; l++) {
      JsonNode ln = g.get("layers").get(l);
      layers.add(new DenseLayer(sizes[l], sizes[l + 1], doubles(ln.get("w")), doubles(ln.get("b")),
          l + 2 == sizes.length ? Activation.IDENTITY : act));
    }
    Mlp m = new Mlp(layers);
    int n = g.get("n").asInt();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = g.get("labels").get(i).asInt();
    List<String> f = new ArrayList<>();
    for (int c = 0; c < sizes[0]; c++) f.add("f" + c);
    List<String> cn = new ArrayList<>();
    for (int c = 0; c < sizes[sizes.length - 1]; c++) cn.add("c" + c);
    Dataset d = new Dataset(name, doubles(g.get("x")), n, sizes[0], y, new int[n], f, cn);
    int h = sizes[1];

    double[] a = m.activations(0, d.x(), n);
    assertClose(a, doubles(g.get("activations")), 1e-13, "activations");
    AngleResult ang = ActivationAngles.forLayer(m, 0, d, AngleConfig.defaults());
    assertClose(ang.centres(), doubles(g.get("centres")), 1e-13, "centres");
    for (int u = 0; u < h; u++) assertThat(ang.constant()[u]).isEqualTo(g.get("constant").get(u).asBoolean());
    assertClose(ang.anglesDeg(), doubles(g.get("angles")), 1e-9, "angles");

    MlpTarget t = new MlpTarget(0);
    assertClose(t.lossGradients(m, d), doubles(g.get("grads")), 1e-12, "grads");
    assertClose(Criteria.taylor(false).scores(t, m, d, a, null), doubles(g.get("taylor")), 1e-11, "taylor");
    assertClose(Criteria.taylor(true).scores(t, m, d, a, null), doubles(g.get("taylor_centred")), 1e-11, "taylor_centred");
    assertClose(Criteria.variance().scores(t, m, d, a, null), doubles(g.get("variance")), 1e-12, "variance");
    assertClose(Criteria.magnitudeIn().scores(t, m, d, a, null), doubles(g.get("magnitude_in")), 1e-14, "magnitude_in");
    assertClose(Criteria.magnitudeOut().scores(t, m, d, a, null), doubles(g.get("magnitude_out")), 1e-14, "magnitude_out");

    int k = g.get("fit_pair").get(0).asInt(), r = g.get("fit_pair").get(1).asInt();
    AffineFit fit = AffineFit.fit(a, n, h, k, r);
    assertThat(fit.alpha()).isCloseTo(g.get("fit").get(0).asDouble(), within(1e-10));
    assertThat(fit.beta()).isCloseTo(g.get("fit").get(1).asDouble(), within(1e-10));

    int src = g.get("clone").get(0).asInt(), dst = g.get("clone").get(1).asInt();
    int ns = g.get("negation").get(0).asInt(), nd = g.get("negation").get(1).asInt();
    assertClose(m.logits(d.x(), n), doubles(g.get("logits")), 1e-12, "logits");
    Mlp merged = MlpSurgery.merge(m, 0, src, dst, 1.0, 0.0);
    assertClose(merged.layer(1).w(), doubles(g.get("merged_w2")), 1e-15, "merged_w2");
    assertClose(merged.layer(1).b(), doubles(g.get("merged_b2")), 1e-15, "merged_b2");
    assertClose(merged.logits(d.x(), n), doubles(g.get("merged_logits")), 1e-12, "merged_logits");
    Mlp removed = MlpSurgery.apply(m, 0, List.of(
        UnitFold.merge(src, dst, 1.0, 0.0), UnitFold.toBias(ns, ang.means()[ns]), UnitFold.toBias(nd, ang.means()[nd])));
    assertClose(removed.layer(1).w(), doubles(g.get("removed_w2")), 1e-15, "removed_w2");
    assertClose(removed.layer(1).b(), doubles(g.get("removed_b2")), 1e-13, "removed_b2");
    assertClose(removed.logits(d.x(), n), doubles(g.get("removed_logits")), 1e-12, "removed_logits");

    if (act != Activation.RELU) {
      // the pruner finds both planted pairs and the result is exact
      PruneResult<Mlp> p = new DistinctivenessPruner(PrunerConfig.defaults().withThresholds(1e-3, 179.999)).prune(m, d, 3);
      assertThat(p.pairs()).containsExactlyInAnyOrder("(" + src + "->" + dst + ")", "(" + ns + "," + nd + ") complementary");
      assertClose(p.model().logits(d.x(), n), doubles(g.get("removed_logits")), 1e-12, "pruner logits");
      assertClose(p.model().logits(d.x(), n), doubles(g.get("logits")), 1e-12, "pruner logits vs unpruned");
    }
  }
}
