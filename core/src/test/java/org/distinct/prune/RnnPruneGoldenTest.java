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
import org.distinct.data.SequenceDataset;
import org.distinct.model.ElmanRnn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RNN hidden states, angles, BPTT loss gradients, Taylor scores and structural / mask surgery against
 * {@code src/test/python/rnn_prune_golden.py} (PyTorch {@code nn.RNN}, float64).
 */
class RnnPruneGoldenTest {

  private static JsonNode load(String name) throws IOException {
    try (InputStream in = RnnPruneGoldenTest.class.getResourceAsStream("/golden/rnn_prune_" + name + ".json")) {
      if (in == null) throw new IOException("missing golden file rnn_prune_" + name + ".json");
      return new ObjectMapper().readTree(in);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2_7_3", "1_9_3"})
  void matchesPyTorch(String name) throws IOException {
    JsonNode g = load(name);
    int in = g.get("sizes").get(0).asInt();
    int h = g.get("sizes").get(1).asInt();
    int c = g.get("sizes").get(2).asInt();
    ElmanRnn m = new ElmanRnn(in, h, c, doubles(g.get("w_ih")), doubles(g.get("w_hh")), doubles(g.get("b")), doubles(g.get("w_out")),
        doubles(g.get("b_out")));
    ElmanRnn before = m.copy();
    List<double[]> xs = new ArrayList<>();
    for (JsonNode s : g.get("sequences")) xs.add(doubles(s));
    int n = xs.size();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = g.get("labels").get(i).asInt();
    List<String> classes = new ArrayList<>();
    for (int q = 0; q < c; q++) classes.add("c" + q);
    SequenceDataset d = new SequenceDataset(name, xs, in, y, new int[n], Collections.nCopies(n, "S1"), classes);
    int src = g.get("clone").get(0).asInt();
    int dst = g.get("clone").get(1).asInt();
    int ni = g.get("negation").get(0).asInt();
    int nj = g.get("negation").get(1).asInt();

    RnnTarget t = new RnnTarget();
    double[] a = t.activations(m, d);
    assertClose(a, doubles(g.get("states")), 1e-13, "states");
    assertClose(m.logits(d), doubles(g.get("logits")), 1e-13, "logits");
    AngleResult ang = ActivationAngles.compute(a, a.length / h, h, t.activation(m), AngleConfig.defaults());
    assertClose(ang.anglesDeg(), doubles(g.get("angles")), 1e-9, "angles");
    assertClose(ang.means(), doubles(g.get("means")), 1e-13, "means");
    assertThat(ang.angle(src, dst)).isLessThanOrEqualTo(1e-6);
    assertThat(ang.angle(ni, nj)).isGreaterThanOrEqualTo(180 - 1e-6);
    double[] grads = t.lossGradients(m, d);
    assertClose(grads, doubles(g.get("grads")), 1e-12, "grads");
    assertClose(Criteria.taylor(false).scores(t, m, d, a, null), doubles(g.get("taylor")), 1e-12, "taylor");

    ElmanRnn merged = RnnSurgery.merge(m, src, dst, 1.0, 0.0);
    assertClose(merged.wIh(), doubles(g.get("merged_w_ih")), 0, "merged w_ih");
    assertClose(merged.wHh(), doubles(g.get("merged_w_hh")), 1e-15, "merged w_hh");
    assertClose(merged.b(), doubles(g.get("merged_b")), 0, "merged b");
    assertClose(merged.wOut(), doubles(g.get("merged_w_out")), 1e-15, "merged w_out");
    assertClose(merged.bOut(), doubles(g.get("merged_b_out")), 0, "merged b_out");
    assertClose(merged.hiddenStates(d, false), doubles(g.get("merged_states")), 1e-13, "merged states");
    assertClose(merged.logits(d), doubles(g.get("merged_logits")), 1e-13, "merged logits");
    assertClose(merged.logits(d), doubles(g.get("logits")), 1e-12, "merge leaves the logits unchanged");

    double[] mean = ang.means();
    ElmanRnn removed = RnnSurgery.apply(
        m, List.of(UnitFold.merge(src, dst, 1.0, 0.0), UnitFold.toBias(ni, mean[ni]), UnitFold.toBias(nj, mean[nj])));
    assertThat(removed.hiddenSize()).isEqualTo(h - 3);
    assertClose(removed.wHh(), doubles(g.get("removed_w_hh")), 1e-15, "removed w_hh");
    assertClose(removed.b(), doubles(g.get("removed_b")), 1e-13, "removed b");
    assertClose(removed.wOut(), doubles(g.get("removed_w_out")), 1e-15, "removed w_out");
    assertClose(removed.bOut(), doubles(g.get("removed_b_out")), 1e-13, "removed b_out");
    assertClose(removed.logits(d), doubles(g.get("removed_logits")), 1e-13, "removed logits");
    assertClose(removed.logits(d), doubles(g.get("logits")), 1e-12, "pair removal leaves the logits unchanged");

    ElmanRnn masked = new RnnTarget(RnnTarget.Mode.MASK)
        .apply(m, List.of(UnitFold.merge(src, dst, 1.0, 0.0), UnitFold.toBias(ni, 0), UnitFold.toBias(nj, 0)));
    assertClose(masked.logits(d), doubles(g.get("masked_logits")), 1e-13, "masked logits");
    assertThat(m).isEqualTo(before);
  }
}
