package org.distinct.family;

import java.util.List;
import java.util.function.Supplier;
import org.distinct.BadInputException;
import org.distinct.train.OptimizerConfig;

/** Shared checks for turning {@link TrainSettings} into a family's configuration. */
final class Settings {
  private Settings() {}

  /**
   * Refuses a setting a family cannot use.
   *
   * @param value the setting (null = not given)
   * @param option the option that sets it, e.g. {@code --clip}
   * @param family the family's kind
   * @param why what the family does instead
   */
  static void refuse(Object value, String option, String family, String why) {
    if (value != null) throw new BadInputException(option + ": not available for the '" + family + "' family (" + why + ")");
  }

  /**
   * @param hidden sizes given, or null
   * @param defaults the default sizes
   * @return the sizes as an array
   */
  static int[] hidden(List<Integer> hidden, int[] defaults) {
    if (hidden == null) return defaults;
    if (hidden.isEmpty()) throw new BadInputException("--hidden: give at least one hidden layer size");
    int[] h = new int[hidden.size()];
    for (int i = 0; i < h.length; i++) {
      Integer v = hidden.get(i);
      if (v == null || v < 1) throw new BadInputException("--hidden: layer sizes must be at least 1, got " + hidden);
      h[i] = v;
    }
    return h;
  }

  /**
   * The optimizer settings: kind, learning rate and momentum over a default.
   *
   * @param s the user's settings
   * @param defaults the family's default optimizer
   * @return the optimizer configuration
   */
  static OptimizerConfig optimizer(TrainSettings s, OptimizerConfig defaults) {
    OptimizerConfig.Kind kind = s.optimizer() == null ? defaults.kind() : parse("--optimizer", () -> OptimizerConfig.Kind.parse(s.optimizer()));
    double lr = s.learningRate() == null ? defaults.learningRate() : s.learningRate();
    if (!(lr > 0) || Double.isInfinite(lr)) throw new BadInputException("--lr: the learning rate must be positive and finite, got " + lr);
    if (kind == OptimizerConfig.Kind.SGD) {
      double mu = s.momentum() == null ? 0.9 : s.momentum();
      return parse("--momentum", () -> OptimizerConfig.sgd(lr, mu));
    }
    if (s.momentum() != null) throw new BadInputException("--momentum: only SGD uses momentum (add --optimizer sgd)");
    return kind == defaults.kind() ? defaults.withLearningRate(lr) : OptimizerConfig.adam(lr);
  }

  /**
   * @param option the option, for the message
   * @param s builds a value and may throw {@link IllegalArgumentException}
   * @param <T> the value type
   * @return the value
   * @throws BadInputException naming the option instead of the illegal argument
   */
  static <T> T parse(String option, Supplier<T> s) {
    try {
      return s.get();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(option + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param v given value or null
   * @param d default
   * @return {@code v} or {@code d}
   */
  static int or(Integer v, int d) {
    return v == null ? d : v;
  }

  /**
   * @param v given value or null
   * @param d default
   * @return {@code v} or {@code d}
   */
  static double or(Double v, double d) {
    return v == null ? d : v;
  }
}
