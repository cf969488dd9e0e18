package org.distinct.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distinct.prune.PruneGoldenTest.assertClose;
import static org.distinct.prune.PruneGoldenTest.doubles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.distinct.data.SequenceDataset;
import org.distinct.model.GatedCell;
import org.distinct.model.GatedLayer;
import org.distinct.model.GatedRnn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LSTM/GRU hidden states, angles, state gradients (autograd), Taylor scores and structural / mask surgery against
 * {@code src/test/python/gated_prune_golden.py} (PyTorch {@code nn.LSTM}/{@code nn.GRU}, float64; the surgery
 * rules re-implemented there in numpy).
 */
class GatedPruneGoldenTest {

  private static JsonNode load(String name) throws IOException {
    try (InputStream in = GatedPruneGoldenTest.class.getResourceAsStream("/golden/gated_prune_" + name + ".json")) {
      if (in == null) throw new IOException("missing golden file gated_prune_" + name + ".json");
      return new ObjectMapper().readTree(in);
    }
  }

  private static GatedRnn model(GatedCell cell, int[] sizes, JsonNode p) {
    List<GatedLayer> ls = new ArrayList<>();
    for (int l = 0; l < sizes.length - 2; l++) {
      JsonNode q = p.get("layers").get(l);
      ls.add(new GatedLayer(cell, sizes[l], sizes[l + 1], doubles(q.get("w_ih")), doubles(q.get("w_hh")), doubles(q.get("b_ih")),
          doubles(q.get("b_hh"))));
    }
    return GatedRnn.create(cell, ls, doubles(p.get("w_out")), doubles(p.get("b_out")));
  }

  /** Every parameter of {@code m} against a golden parameter object, entry for entry. */
  private static void assertParams(GatedRnn m, JsonNode p, double tol, String what) {
    assertThat(m.layerCount()).isEqualTo(p.get("layers").size());
    for (int l = 0; l < m.layerCount(); l++) {
      JsonNode q = p.get("layers").get(l);
      GatedLayer g = m.layer(l);
      assertClose(g.wIh(), doubles(q.get("w_ih")), tol, what + " layer " + l + " w_ih");
      assertClose(g.wHh(), doubles(q.get("w_hh")), tol, what + " layer " + l + " w_hh");
      assertClose(g.bIh(), doubles(q.get("b_ih")), tol, what + " layer " + l + " b_ih");
      assertClose(g.bHh(), doubles(q.get("b_hh")), tol, what + " layer " + l + " b_hh");
    }
    assertClose(m.wOut(), doubles(p.get("w_out")), tol, what + " w_out");
    assertClose(m.bOut(), doubles(p.get("b_out")), tol, what + " b_out");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "gru"})
  void matchesPyTorch(String name) throws IOException {
    JsonNode g = load(name);
    GatedCell cell = GatedCell.valueOf(g.get("cell").asText().toUpperCase(Locale.ROOT));
    int[] sizes = new int[g.get("sizes").size()];
    for (int i = 0; i < sizes.length; i++) sizes[i] = g.get("sizes").get(i).asInt();
    GatedRnn m = model(cell, sizes, g.get("params"));
    GatedRnn before = m.copy();
    List<double[]> xs = new ArrayList<>();
    for (JsonNode s : g.get("sequences")) xs.add(doubles(s));
    int n = xs.size();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = g.get("labels").get(i).asInt();
    List<String> classes = new ArrayList<>();
    for (int q = 0; q < sizes[sizes.length - 1]; q++) classes.add("c" + q);
    SequenceDataset d = new SequenceDataset(name, xs, sizes[0], y, new int[n], Collections.nCopies(n, "S1"), classes);
    int src = g.get("clone").get(0).asInt();
    int dst = g.get("clone").get(1).asInt();
    int pi = g.get("pair").get(0).asInt();
    int pj = g.get("pair").get(1).asInt();
    int drop = g.get("drop").asInt();

    assertClose(m.logits(d), doubles(g.get("logits")), 1e-13, "logits");
    double[][] means = new double[2][];
    for (int l = 0; l < 2; l++) {
      GatedTarget t = new GatedTarget(l);
      int h = sizes[l + 1];
      double[] a = t.activations(m, d);
      assertClose(a, doubles(g.get("states_" + l)), 1e-13, "states of layer " + l);
      AngleResult ang = ActivationAngles.compute(a, a.length / h, h, t.activation(m), AngleConfig.defaults());
      assertClose(ang.anglesDeg(), doubles(g.get("angles_" + l)), 1e-9, "angles of layer " + l);
      assertClose(ang.means(), doubles(g.get("means_" + l)), 1e-13, "means of layer " + l);
      means[l] = ang.means();
      assertClose(t.lossGradients(m, d), doubles(g.get("grads_" + l)), 1e-12, "state gradients of layer " + l);
      assertClose(Criteria.taylor(false).scores(t, m, d, a, null), doubles(g.get("taylor_" + l)), 1e-12, "taylor of layer " + l);
      if (l == 0) assertThat(ang.angle(src, dst)).isLessThanOrEqualTo(1e-6);
      else assertThat(ang.angle(pi, pj)).isGreaterThanOrEqualTo(180 - 1e-6);
    }

    JsonNode merged = g.get("merged");
    GatedRnn mm = GatedSurgery.merge(m, 0, src, dst, 1.0, 0.0);
    assertParams(mm, merged, 1e-15, "merged");
    assertClose(mm.logits(d), doubles(merged.get("logits")), 1e-13, "merged logits");
    for (int l = 0; l < 2; l++)
      assertClose(mm.hiddenStates(xs, l, false), doubles(merged.get("states").get(l)), 1e-13, "merged states of layer " + l);
    assertClose(mm.logits(d), doubles(g.get("logits")), 1e-12, "the clone merge leaves the logits unchanged");

    JsonNode removed = g.get("removed");
    GatedRnn rm = GatedSurgery.removeToBias(m, 1, new int[] {pi, pj}, new double[] {means[1][pi], means[1][pj]});
    assertParams(rm, removed, 1e-13, "removed");
    assertClose(rm.logits(d), doubles(removed.get("logits")), 1e-13, "removed logits");
    assertClose(rm.logits(d), doubles(g.get("logits")), 1e-12, "the pair removal leaves the logits unchanged");

    JsonNode folded = g.get("folded");
    GatedRnn fm = GatedSurgery.removeToBias(m, 0, new int[] {drop}, new double[] {means[0][drop]});
    assertParams(fm, folded, 1e-13, "folded");
    assertClose(fm.logits(d), doubles(folded.get("logits")), 1e-13, "folded logits");

    GatedRnn km = GatedSurgery.mask(GatedSurgery.mask(m, 0, new int[] {dst}), 1, new int[] {pi});
    assertClose(km.logits(d), doubles(g.get("masked_logits")), 1e-13, "masked logits");
    assertThat(m).isEqualTo(before);
  }
}
