package org.distinct.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Inference through the dense kernels equals the plain layer-by-layer definition bit for bit. */
class MlpInferenceTest {

  @Test
  void kernelInferenceEqualsLayerByLayerForward() {
    SplittableRandom rng = new SplittableRandom(2024);
    Activation[] acts = {Activation.SIGMOID, Activation.TANH, Activation.RELU};
    for (int trial = 0; trial < 60; trial++) {
      int in = 1 + rng.nextInt(30);
      int depth = 1 + rng.nextInt(3);
      int[] hidden = new int[depth];
      for (int l = 0; l < depth; l++) hidden[l] = 1 + rng.nextInt(20);
      int classes = 2 + rng.nextInt(4);
      Mlp m = Mlp.initialize(in, hidden, classes, acts[trial % 3], rng.split());
      int n = 1 + rng.nextInt(40);
      double[] x = new double[n * in];
      for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble(-3, 3);
      double[] cur = x;
      for (int l = 0; l < m.layerCount(); l++) {
        double[] next = new double[n * m.layer(l).out()];
        m.layer(l).forward(cur, n, next);
        cur = next;
        assertThat(m.activations(l, x, n)).as("trial %d layer %d", trial, l).containsExactly(next);
      }
      assertThat(m.logits(x, n)).containsExactly(cur);
    }
  }
}
