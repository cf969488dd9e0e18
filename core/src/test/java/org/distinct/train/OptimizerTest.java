package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hand-worked optimizer steps (the PyTorch golden tests cover longer runs). */
class OptimizerTest {

  @Test
  void adamFirstStepMovesByLearningRateTimesSign() {
    // t=1: m = 0.1 g, v = 0.001 g², m̂ = g, v̂ = g²  =>  p -= lr · g / (|g| + eps)
    double[] p = {1.0, -2.0, 0.5};
    double[] g = {0.3, -4.0, 0.0};
    Adam adam = new Adam(OptimizerConfig.adam(0.01));
    adam.step(p, g);
    assertThat(p[0]).isCloseTo(1.0 - 0.01 * 0.3 / (0.3 + 1e-8), offset(1e-15));
    assertThat(p[1]).isCloseTo(-2.0 + 0.01 * 4.0 / (4.0 + 1e-8), offset(1e-15));
    assertThat(p[2]).isEqualTo(0.5);
    assertThat(adam.steps()).isEqualTo(1);
  }

  @Test
  void adamSecondStepHandWorked() {
    double lr = 0.1;
    double g1 = 2.0;
    double g2 = -1.0;
    double m = 0.1 * g1;
    double v = 0.001 * g1 * g1;
    double p = 1.0 - lr / (1 - 0.9) * m / (Math.sqrt(v) / Math.sqrt(1 - 0.999) + 1e-8);
    m = 0.9 * m + 0.1 * g2;
    v = 0.999 * v + 0.001 * g2 * g2;
    p = p - lr / (1 - 0.81) * m / (Math.sqrt(v) / Math.sqrt(1 - 0.999 * 0.999) + 1e-8);
    double[] ps = {1.0};
    Adam adam = new Adam(OptimizerConfig.adam(lr));
    adam.step(ps, new double[] {g1});
    adam.step(ps, new double[] {g2});
    assertThat(ps[0]).isCloseTo(p, offset(1e-14));
    adam.reset();
    assertThat(adam.steps()).isZero();
  }

  @Test
  void sgdMomentumHandWorked() {
    // buf1 = g1 = 1; p1 = 1 - 0.1·1 = 0.9; buf2 = 0.5·1 + 2 = 2.5; p2 = 0.9 - 0.25 = 0.65
    double[] p = {1.0};
    SgdMomentum sgd = new SgdMomentum(OptimizerConfig.sgd(0.1, 0.5));
    sgd.step(p, new double[] {1.0});
    assertThat(p[0]).isEqualTo(0.9);
    sgd.step(p, new double[] {2.0});
    assertThat(p[0]).isCloseTo(0.65, offset(1e-15));
  }

  @Test
  void sgdNesterovAndWeightDecay() {
    // wd 0.1: g1 = 1 + 0.1·2 = 1.2, buf = 1.2, d = 1.2 + 0.5·1.2 = 1.8, p = 2 - 0.1·1.8 = 1.82
    OptimizerConfig c = new OptimizerConfig(OptimizerConfig.Kind.SGD, 0.1, 0.9, 0.999, 1e-8, 0.5, 0.1, true);
    double[] p = {2.0};
    c.create().step(p, new double[] {1.0});
    assertThat(p[0]).isCloseTo(1.82, offset(1e-15));
  }

  @Test
  void plainSgdWithoutMomentum() {
    double[] p = {1.0, 2.0};
    Optimizer o = OptimizerConfig.sgd(0.5, 0.0).create();
    o.step(p, new double[] {1.0, -1.0});
    o.step(p, new double[] {1.0, -1.0});
    assertThat(p).containsExactly(0.0, 3.0);
  }

  @Test
  void shapesMustStayTheSame() {
    Optimizer o = OptimizerConfig.defaults().create();
    o.step(new double[] {1, 2}, new double[] {1, 2});
    assertThatThrownBy(() -> o.step(new double[] {1, 2, 3}, new double[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> o.step(new float[] {1, 2}, new float[] {1, 2})).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> OptimizerConfig.defaults().create().step(new double[] {1}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scaledRangeMovesByTheFactorTimesTheUpdate() {
    // Adam's first step moves every element by lr·sign(g) (|g| >> eps); the scaled range moves by 2·lr
    double[] plain = {1.0, 1.0, 1.0, 1.0};
    double[] scaled = plain.clone();
    double[] g = {0.5, -0.25, 2.0, -1.0};
    OptimizerConfig.adam(0.01).create().step(plain, g);
    Optimizer.create(OptimizerConfig.adam(0.01), List.of(new UpdateScale(1, 2, 2.0))).step(scaled, g);
    for (int i = 0; i < 4; i++) {
      double d = plain[i] - 1.0;
      assertThat(scaled[i] - 1.0).isCloseTo(i == 1 || i == 2 ? 2 * d : d, offset(1e-15));
    }
    assertThatThrownBy(() -> Optimizer.create(OptimizerConfig.adam(0.01), List.of(new UpdateScale(3, 2, 2.0))).step(plain, g))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Optimizer.create(OptimizerConfig.sgd(0.1, 0), List.of(new UpdateScale(0, 2, 2), new UpdateScale(1, 2, 3)))
        .step(plain, g)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void floatPathFollowsTheDoublePathToFloatRounding() {
    SplittableRandom rng = new SplittableRandom(5);
    for (OptimizerConfig c : List.of(OptimizerConfig.adam(0.003), OptimizerConfig.sgd(0.05, 0.9))) {
      double[] pd = new double[40];
      float[] pf = new float[40];
      for (int i = 0; i < 40; i++) pf[i] = (float) (pd[i] = rng.nextDouble(-1, 1));
      List<UpdateScale> scale = List.of(new UpdateScale(10, 5, 2.0));
      Optimizer od = Optimizer.create(c, scale);
      Optimizer of = Optimizer.create(c, scale);
      for (int t = 0; t < 20; t++) {
        double[] gd = new double[40];
        float[] gf = new float[40];
        for (int i = 0; i < 40; i++) gf[i] = (float) (gd[i] = Math.sin(pd[i] * 3 + t) + 0.1 * i);
        od.step(pd, gd);
        of.step(pf, gf);
      }
      for (int i = 0; i < 40; i++) assertThat((double) pf[i]).as("%s element %d", c.kind(), i).isCloseTo(pd[i], offset(1e-5));
      assertThat(of.steps()).isEqualTo(20);
    }
  }

  @Test
  void configValidation() {
    assertThat(OptimizerConfig.defaults().kind()).isEqualTo(OptimizerConfig.Kind.ADAM);
    assertThat(OptimizerConfig.defaults().learningRate()).isEqualTo(0.01);
    assertThatThrownBy(() -> OptimizerConfig.adam(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OptimizerConfig.adam(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OptimizerConfig.sgd(0.1, 1.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OptimizerConfig(OptimizerConfig.Kind.ADAM, 0.1, 1.0, 0.999, 1e-8, 0, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OptimizerConfig(OptimizerConfig.Kind.SGD, 0.1, 0.9, 0.999, 1e-8, 0, 0, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(OptimizerConfig.Kind.parse(" SGD ")).isEqualTo(OptimizerConfig.Kind.SGD);
    assertThat(OptimizerConfig.defaults().toMap()).containsEntry("kind", "adam").containsEntry("learningRate", 0.01);
  }
}
