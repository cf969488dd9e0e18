package org.distinct.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.Dataset;
import org.distinct.model.Activation;
import org.distinct.model.DenseLayer;
import org.distinct.model.Mlp;
import org.junit.jupiter.api.Test;

/**
 * The generic machinery with a non-physical target (as an RNN mask variant would be): a test-only MLP target
 * that masks units (zero incoming row, bias and outgoing column after redistributing the outgoing weights)
 * instead of deleting them. The schedule must take the same decisions and reach the same outputs as with
 * physical removal.
 */
class MaskTargetTest {

  /** Hidden layer 0 of an MLP, pruned by masking. */
  static final class MaskMlpTarget implements PruningTarget<Mlp, Dataset> {
    private final MlpTarget plain = new MlpTarget(0);

    @Override
    public int layerIndex() {
      return 0;
    }

    @Override
    public void check(Mlp model, Dataset data) {
      plain.check(model, data);
    }

    @Override
    public int units(Mlp model) {
      return plain.units(model);
    }

    @Override
    public boolean active(Mlp model, int unit) {
      DenseLayer h = model.layer(0);
      if (h.b()[unit] != 0) return true;
      for (int i = 0; i < h.in(); i++) if (h.weight(unit, i) != 0) return true;
      return false;
    }

    @Override
    public boolean physical() {
      return false;
    }

    @Override
    public Activation activation(Mlp model) {
      return plain.activation(model);
    }

    @Override
    public double[] activations(Mlp model, Dataset patterns) {
      return plain.activations(model, patterns);
    }

    @Override
    public double[] lossGradients(Mlp model, Dataset patterns) {
      return plain.lossGradients(model, patterns);
    }

    @Override
    public double[] incomingWeights(Mlp model, int unit) {
      return plain.incomingWeights(model, unit);
    }

    @Override
    public double[] outgoingWeights(Mlp model, int unit) {
      return plain.outgoingWeights(model, unit);
    }

    @Override
    public Mlp apply(Mlp model, List<UnitFold> folds) {
      DenseLayer h = model.layer(0).copy();
      DenseLayer o = model.layer(1).copy();
      int n = h.out();
      for (UnitFold f : folds) {
        for (int q = 0; q < o.out(); q++) {
          double col = o.w()[q * n + f.removed()];
          o.b()[q] += f.beta() * col;
          if (f.target() >= 0) o.w()[q * n + f.target()] += f.alpha() * col;
          o.w()[q * n + f.removed()] = 0;
        }
        for (int i = 0; i < h.in(); i++) h.w()[f.removed() * h.in() + i] = 0;
        h.b()[f.removed()] = 0;
      }
      return new Mlp(List.of(h, o));
    }

    @Override
    public double[] logits(Mlp model, Dataset data) {
      return plain.logits(model, data);
    }

    @Override
    public int rows(Dataset data) {
      return data.rows();
    }

    @Override
    public int[] labels(Dataset data) {
      return data.labels();
    }

    @Override
    public int numClasses(Mlp model) {
      return model.numClasses();
    }

    @Override
    public int parameterCount(Mlp model) {
      int active = 0;
      for (int u = 0; u < units(model); u++) if (active(model, u)) active++;
      return active * (model.inputSize() + 1) + model.numClasses() * (active + 1);
    }

    @Override
    public int[] hiddenSizes(Mlp model) {
      return new int[] {units(model)};
    }

    @Override
    public String describe(Mlp model) {
      return "masked " + plain.describe(model);
    }
  }

  @Test
  void maskAndPhysicalRemovalGiveTheSameSchedule() {
    Mlp m = MlpSurgeryTest.trained(7, 12, 3, 181);
    SplittableRandom rng = new SplittableRandom(182);
    Dataset train = Nets.dataset("train", 90, 7, 3, rng);
    Dataset test = Nets.dataset("test", 30, 7, 3, rng);
    ScheduleConfig cfg = ScheduleConfig.defaults().withTiming(null).withForce(true).withUntilUnits(3);
    for (PruningMethod method : new PruningMethod[] {
        new DistinctivenessPruner(PrunerConfig.defaults().withFoldConstant(true)),
        new DistinctivenessPruner(PrunerConfig.defaults().withMerge(MergeRule.REGRESS)),
        new CriterionPruner(Criteria.variance())}) {
      ScheduleResult<Mlp> phys = new PruningSchedule(cfg).run(new MlpTarget(0), method, m, train, test, null, null, 4);
      ScheduleResult<Mlp> mask = new PruningSchedule(cfg).run(new MaskMlpTarget(), method, m, train, test, null, null, 4);
      assertThat(mask.steps()).hasSameSizeAs(phys.steps());
      for (int s = 0; s < phys.steps().size(); s++) {
        ScheduleStep<Mlp> p = phys.steps().get(s), q = mask.steps().get(s);
        assertThat(q.pairs()).as("%s step %d", method.name(), s).isEqualTo(p.pairs());
        assertThat(q.survivors()).isEqualTo(p.survivors());
        assertThat(q.parameterCount()).isEqualTo(p.parameterCount());
        assertThat(q.metrics().loss()).isCloseTo(p.metrics().loss(), within(1e-12));
        assertThat(q.minAngleDeg()).isCloseTo(p.minAngleDeg(), within(1e-9));
        assertThat(q.hiddenSizes()).containsExactly(12);
      }
      assertThat(phys.last().hiddenSizes()).containsExactly(3);
    }
  }
}
