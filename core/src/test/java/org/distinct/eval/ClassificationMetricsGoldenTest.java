package org.distinct.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Compares with golden values from {@code src/test/python/metrics_golden.py} (PyTorch cross_entropy/argmax). */
class ClassificationMetricsGoldenTest {

  @Test
  void matchesPyTorchReference() throws Exception {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("/golden/metrics.json")) {
      assertThat(in).as("golden/metrics.json on the test class path").isNotNull();
      root = new ObjectMapper().readTree(in);
    }
    assertThat(root.get("cases")).hasSize(4);
    for (JsonNode c : root.get("cases")) {
      String name = c.get("name").asText();
      int n = c.get("n").asInt();
      int k = c.get("numClasses").asInt();
      double[] z = doubles(c.get("logits"));
      int[] y = new int[n];
      for (int i = 0; i < n; i++) y[i] = c.get("labels").get(i).asInt();
      ClassificationMetrics m = ClassificationMetrics.fromLogits(z, y, n, k);
      double loss = c.get("loss").asDouble();
      assertThat(m.loss()).as(name + " loss").isCloseTo(loss, within(1e-13 * Math.max(1, Math.abs(loss))));
      for (int t = 0; t < k; t++)
        for (int p = 0; p < k; p++)
          assertThat(m.confusion()[t][p]).as("%s confusion[%d][%d]", name, t, p)
              .isEqualTo(c.get("confusion").get(t).get(p).asLong());
      assertThat(m.accuracy()).as(name).isCloseTo(c.get("accuracy").asDouble(), within(1e-15));
      assertClose(name + " precision", m.precision(), doubles(c.get("precision")));
      assertClose(name + " recall", m.recall(), doubles(c.get("recall")));
      assertClose(name + " specificity", m.specificity(), doubles(c.get("specificity")));
      assertClose(name + " f1", m.f1(), doubles(c.get("f1")));
      assertThat(m.macroPrecision()).as(name).isCloseTo(c.get("macroPrecision").asDouble(), within(1e-15));
      assertThat(m.macroRecall()).as(name).isCloseTo(c.get("macroRecall").asDouble(), within(1e-15));
      assertThat(m.macroSpecificity()).as(name).isCloseTo(c.get("macroSpecificity").asDouble(), within(1e-15));
      assertThat(m.macroF1()).as(name).isCloseTo(c.get("macroF1").asDouble(), within(1e-15));
      if (name.equals("never_predicted_and_absent"))
        assertThat(m.warnings())
            .contains("class 2 was never predicted: precision 0", "class 3 has no true rows: recall 0");
    }
  }

  private static double[] doubles(JsonNode a) {
    double[] d = new double[a.size()];
    for (int i = 0; i < d.length; i++) d[i] = a.get(i).asDouble();
    return d;
  }

  private static void assertClose(String what, double[] actual, double[] expected) {
    assertThat(actual).as(what).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) assertThat(actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], within(1e-15));
  }
}
