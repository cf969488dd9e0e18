package org.distinct.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of an {@link Optimizer}, with PyTorch's meaning for every field.
 *
 * @param kind which optimizer ({@link Kind#ADAM} or {@link Kind#SGD})
 * @param learningRate step size {@code lr} (> 0)
 * @param beta1 Adam's first-moment decay, in [0, 1) (ignored by SGD)
 * @param beta2 Adam's second-moment decay, in [0, 1) (ignored by SGD)
 * @param epsilon Adam's denominator term (> 0; ignored by SGD)
 * @param momentum SGD momentum in [0, 1) (0 = plain SGD; ignored by Adam)
 * @param weightDecay L2 penalty added to the gradient, {@code g + weightDecay·p} (≥ 0; 0 = none)
 * @param nesterov Nesterov momentum for SGD (needs momentum > 0; must be false for Adam)
 */
public record OptimizerConfig(
    Kind kind,
    double learningRate,
    double beta1,
    double beta2,
    double epsilon,
    double momentum,
    double weightDecay,
    boolean nesterov) {

  /** The available optimizers. */
  public enum Kind {
    /** {@code torch.optim.Adam} (with bias correction, not AMSGrad). */
    ADAM,
    /** {@code torch.optim.SGD} with optional momentum (dampening 0). */
    SGD;

    /**
     * Parses {@code adam} or {@code sgd}, case-insensitively.
     *
     * @param name the name
     * @return the kind
     * @throws IllegalArgumentException for any other name
     */
    public static Kind parse(String name) {
      for (Kind k : values()) if (k.name().equalsIgnoreCase(name.trim())) return k;
      throw new IllegalArgumentException("unknown optimizer '" + name + "' (adam, sgd)");
    }
  }

  /** Validates every field. */
  public OptimizerConfig {
    if (kind == null) throw new IllegalArgumentException("optimizer kind is null");
    if (!(learningRate > 0) || !Double.isFinite(learningRate))
      throw new IllegalArgumentException("learning rate must be positive and finite: " + learningRate);
    if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0,1): " + beta1);
    if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0,1): " + beta2);
    if (!(epsilon > 0) || !Double.isFinite(epsilon))
      throw new IllegalArgumentException("epsilon must be positive and finite: " + epsilon);
    if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0,1): " + momentum);
    if (!(weightDecay >= 0) || !Double.isFinite(weightDecay))
      throw new IllegalArgumentException("weight decay must be >= 0 and finite: " + weightDecay);
    if (nesterov && (kind != Kind.SGD || momentum == 0))
      throw new IllegalArgumentException("nesterov needs SGD with momentum > 0");
  }

  /** @return Adam with learning rate 0.01 (the paper's MLP setting), betas 0.9/0.999, epsilon 1e-8 */
  public static OptimizerConfig defaults() {
    return adam(0.01);
  }

  /**
   * @param learningRate step size
   * @return Adam with PyTorch's default betas (0.9, 0.999) and epsilon 1e-8, no weight decay
   */
  public static OptimizerConfig adam(double learningRate) {
    return new OptimizerConfig(Kind.ADAM, learningRate, 0.9, 0.999, 1e-8, 0.0, 0.0, false);
  }

  /**
   * @param learningRate step size
   * @param momentum momentum in [0, 1)
   * @return SGD with momentum (no Nesterov, no weight decay); the Adam fields keep their defaults
   */
  public static OptimizerConfig sgd(double learningRate, double momentum) {
    return new OptimizerConfig(Kind.SGD, learningRate, 0.9, 0.999, 1e-8, momentum, 0.0, false);
  }

  /**
   * @param lr the new learning rate
   * @return this configuration with another learning rate
   */
  public OptimizerConfig withLearningRate(double lr) {
    return new OptimizerConfig(kind, lr, beta1, beta2, epsilon, momentum, weightDecay, nesterov);
  }

  /** @return a new optimizer with this configuration */
  public Optimizer create() {
    return Optimizer.create(this);
  }

  /** @return the fields as an ordered map (for model files and reports); kind in lower case */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind.name().toLowerCase(Locale.ROOT));
    m.put("learningRate", learningRate);
    m.put("beta1", beta1);
    m.put("beta2", beta2);
    m.put("epsilon", epsilon);
    m.put("momentum", momentum);
    m.put("weightDecay", weightDecay);
    m.put("nesterov", nesterov);
    return m;
  }
}
