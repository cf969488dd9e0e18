package org.distinct.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Hand-worked optimizer steps (the PyTorch golden tests cover longer runs). */
class OptimizerTest {

  @Test
  void adamFirstStepMovesByLearningRateTimesSign() {
    // t=1: m = 0.1 g, v = 0.001 g², m̂ = g, v̂ = g²  =>  p -= lr · g / (|g| + eps)
    double[][] p = {{1.0, -2.0, 0.5}};
    double[][] g = {{0.3, -4.0, 0.0}};
    Adam adam = new Adam(OptimizerConfig.adam(0.01));
    adam.step(p, g);
    assertThat(p[0][0]).isCloseTo(1.0 - 0.01 * 0.3 / (0.3 + 1e-8), org.assertj.core.data.Offset.offset(1e-15));
    assertThat(p[0][1]).isCloseTo(-2.0 + 0.01 * 4.0 / (4.0 + 1e-8), org.assertj.core.data.Offset.offset(1e-15));
    assertThat(p[0][2]).isEqualTo(0.5);
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
    double[][] ps = {{1.0}};
    Adam adam = new Adam(OptimizerConfig.adam(lr));
    adam.step(ps, new double[][] {{g1}});
    adam.step(ps, new double[][] {{g2}});
    assertThat(ps[0][0]).isCloseTo(p, org.assertj.core.data.Offset.offset(1e-14));
    adam.reset();
    assertThat(adam.steps()).isZero();
  }

  @Test
  void sgdMomentumHandWorked() {
    // buf1 = g1 = 1; p1 = 1 - 0.1·1 = 0.9; buf2 = 0.5·1 + 2 = 2.5; p2 = 0.9 - 0.25 = 0.65
    double[][] p = {{1.0}};
    SgdMomentum sgd = new SgdMomentum(OptimizerConfig.sgd(0.1, 0.5));
    sgd.step(p, new double[][] {{1.0}});
    assertThat(p[0][0]).isEqualTo(0.9);
    sgd.step(p, new double[][] {{2.0}});
    assertThat(p[0][0]).isCloseTo(0.65, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void sgdNesterovAndWeightDecay() {
    // wd 0.1: g1 = 1 + 0.1·2 = 1.2, buf = 1.2, d = 1.2 + 0.5·1.2 = 1.8, p = 2 - 0.1·1.8 = 1.82
    OptimizerConfig c = new OptimizerConfig(OptimizerConfig.Kind.SGD, 0.1, 0.9, 0.999, 1e-8, 0.5, 0.1, true);
    double[][] p = {{2.0}};
    c.create().step(p, new double[][] {{1.0}});
    assertThat(p[0][0]).isCloseTo(1.82, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void plainSgdWithoutMomentum() {
    double[][] p = {{1.0, 2.0}};
    Optimizer o = OptimizerConfig.sgd(0.5, 0.0).create();
    o.step(p, new double[][] {{1.0, -1.0}});
    o.step(p, new double[][] {{1.0, -1.0}});
    assertThat(p[0]).containsExactly(0.0, 3.0);
  }

  @Test
  void shapesMustStayTheSame() {
    Optimizer o = OptimizerConfig.defaults().create();
    o.step(new double[][] {{1, 2}}, new double[][] {{1, 2}});
    assertThatThrownBy(() -> o.step(new double[][] {{1, 2, 3}}, new double[][] {{1, 2, 3}}))
        .isInstanceOf(IllegalArgumentException.class);
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
