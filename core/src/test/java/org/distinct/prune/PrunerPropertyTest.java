package org.distinct.prune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.Dataset;
import org.distinct.model.Activation;
import org.distinct.model.Mlp;
import org.junit.jupiter.api.Test;

/**
 * Property: over 200 random networks and random pruner settings, the pruner's model equals the unpruned
 * model with the recorded actions applied as masks (outgoing columns redistributed as recorded, then
 * zeroed), computed here independently; recorded angles respect the thresholds unless forced.
 */
class PrunerPropertyTest {

  @Test
  void recordedActionsReproduceThePrunedModel() {
    SplittableRandom root = new SplittableRandom(777);
    Activation[] acts = {Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.IDENTITY};
    int actionsSeen = 0;
    int complementarySeen = 0;
    for (int trial = 0; trial < 200; trial++) {
      SplittableRandom rng = root.split();
      int depth = 1 + rng.nextInt(2);
      int[] sizes = new int[depth + 2];
      sizes[0] = 2 + rng.nextInt(4);
      for (int l = 1; l <= depth; l++) sizes[l] = 3 + rng.nextInt(10);
      sizes[depth + 1] = 2 + rng.nextInt(3);
      Mlp m = Nets.random(sizes, acts[rng.nextInt(4)], rng, 0.5 + 2 * rng.nextDouble());
      int layer = rng.nextInt(depth);
      int h = sizes[layer + 1];
      // plant some structure: clones, negations and affine copies
      for (int c = 0; c < 2; c++) {
        int src = rng.nextInt(h), dst = rng.nextInt(h);
        if (src != dst) m = Nets.plantRow(m, layer, src, dst, rng.nextBoolean() ? 1.0 : -1.0, 0.0);
      }
      int n = 2 + rng.nextInt(40);
      Dataset d = Nets.dataset("p", n, sizes[0], sizes[depth + 1], rng);
      PrunerConfig cfg = PrunerConfig.defaults()
          .withThresholds(5 + 20 * rng.nextDouble(), 150 + 25 * rng.nextDouble())
          .withMerge(rng.nextBoolean() ? MergeRule.PLAIN : MergeRule.REGRESS)
          .withMeanCorrection(rng.nextBoolean())
          .withOrder(PairOrder.values()[rng.nextInt(3)])
          .withLayer(layer);
      int max = 1 + rng.nextInt(h);
      boolean force = rng.nextBoolean();
      Mlp before = m.copy();
      PruneResult<Mlp> r = new DistinctivenessPruner(cfg).step(new MlpTarget(layer), m, d, max, force, null, null);
      assertThat(m).isEqualTo(before);
      assertThat(r.unitsRemoved()).isLessThanOrEqualTo(Math.min(max, h - 1));
      assertThat(r.model().layer(layer).out()).isEqualTo(h - r.unitsRemoved());

      // independent mask-based reconstruction
      double[] a = m.activations(layer, d.x(), n);
      double[] mean = new double[h];
      for (int p = 0; p < n; p++) for (int u = 0; u < h; u++) mean[u] += a[p * h + u] / n;
      List<double[]> ws = new ArrayList<>();
      List<double[]> bs = new ArrayList<>();
      List<Activation> as = new ArrayList<>();
      for (int l = 0; l < m.layerCount(); l++) {
        ws.add(m.layer(l).w().clone());
        bs.add(m.layer(l).b().clone());
        as.add(m.layer(l).activation());
      }
      double[] wn = ws.get(layer + 1);
      double[] bn = bs.get(layer + 1);
      int o = m.layer(layer + 1).out();
      boolean[] gone = new boolean[h];
      for (PruneAction act : r.actions()) {
        actionsSeen++;
        int[] rem = act.removed();
        switch (act.kind()) {
          case SIMILAR_MERGE:
          case REGRESS_MERGE:
            if (!act.beyondThreshold()) {
              if (act.complementaryPair()) assertThat(act.angleDeg()).isGreaterThan(cfg.complementaryDeg());
              else assertThat(act.angleDeg()).isLessThan(cfg.similarDeg());
            }
            if (act.kind() == PruneAction.Kind.SIMILAR_MERGE) {
              assertThat(act.alpha()).isEqualTo(1.0);
              assertThat(act.beta()).isCloseTo(cfg.meanCorrection() ? mean[rem[0]] - mean[act.kept()] : 0.0,
                  org.assertj.core.api.Assertions.within(1e-12));
            }
            for (int q = 0; q < o; q++) {
              double col = wn[q * h + rem[0]];
              wn[q * h + act.kept()] += act.alpha() * col;
              bn[q] += act.beta() * col;
              wn[q * h + rem[0]] = 0;
            }
            break;
          case COMPLEMENTARY_REMOVE:
            complementarySeen++;
            if (!act.beyondThreshold()) assertThat(act.angleDeg()).isGreaterThan(cfg.complementaryDeg());
            for (int u : rem)
              for (int q = 0; q < o; q++) {
                bn[q] += mean[u] * wn[q * h + u];
                wn[q * h + u] = 0;
              }
            break;
          case CONSTANT_FOLD:
            for (int q = 0; q < o; q++) {
              bn[q] += mean[rem[0]] * wn[q * h + rem[0]];
              wn[q * h + rem[0]] = 0;
            }
            break;
          default:
            throw new AssertionError("unexpected " + act);
        }
        for (int u : rem) {
          assertThat(gone[u]).isFalse();
          gone[u] = true;
        }
        if (act.kept() >= 0) assertThat(gone[act.kept()]).isFalse();
      }
      int[] expectedSurvivors = new int[h - r.unitsRemoved()];
      for (int u = 0, s = 0; u < h; u++) if (!gone[u]) expectedSurvivors[s++] = u;
      assertThat(r.survivors()).containsExactly(expectedSurvivors);
      double[] expected = Nets.forwardFrom(ws, bs, as, d.x(), n, sizes[0]);
      assertThat(Nets.maxRelDiff(r.model().logits(d.x(), n), expected))
          .as("trial %d sizes %s actions %s", trial, Arrays.toString(sizes), r.actions())
          .isLessThanOrEqualTo(1e-12);
    }
    assertThat(actionsSeen).isGreaterThan(200);
    assertThat(complementarySeen).isGreaterThan(5);
  }
}
