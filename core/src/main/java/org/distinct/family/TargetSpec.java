package org.distinct.family;

import org.distinct.prune.RnnTarget;

/**
 * Which units of a model to prune and how, as a user asks for it ({@code --layer}, {@code --mode},
 * {@code --last-step}); a family checks it against a model ({@link ModelFamily#target}).
 *
 * @param layer 0-based hidden layer
 * @param mode structural removal (a smaller network) or the paper's mask variant
 * @param lastStepOnly for sequence models: activation vectors from the last time step only
 */
public record TargetSpec(int layer, RnnTarget.Mode mode, boolean lastStepOnly) {
  /** Validates. */
  public TargetSpec {
    if (mode == null) throw new IllegalArgumentException("mode is null");
  }

  /** @return layer 0, structural, every time step */
  public static TargetSpec defaults() {
    return new TargetSpec(0, RnnTarget.Mode.STRUCTURAL, false);
  }

  /** @param m the mode @return a copy with that mode */
  public TargetSpec withMode(RnnTarget.Mode m) {
    return new TargetSpec(layer, m, lastStepOnly);
  }

  /** @param l the layer @return a copy with that layer */
  public TargetSpec withLayer(int l) {
    return new TargetSpec(l, mode, lastStepOnly);
  }
}
