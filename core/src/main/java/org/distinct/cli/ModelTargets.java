package org.distinct.cli;

import java.nio.file.Path;
import org.distinct.BadInputException;
import org.distinct.data.LabelledData;
import org.distinct.family.ModelFamily;
import org.distinct.family.TargetSpec;
import org.distinct.model.Network;
import org.distinct.prune.PruningTarget;

/** The pruning target a command asks of a saved model, with the model file named in any refusal. */
final class ModelTargets {
  private ModelTargets() {}

  /**
   * @param <M> network type
   * @param <D> data type
   * @param f the model's family
   * @param model the network
   * @param spec layer, mode, time steps
   * @param file the model file (for messages)
   * @return the target
   * @throws BadInputException naming the file and what the model does not have
   */
  static <M extends Network<D>, D extends LabelledData<D>> PruningTarget<M, D> of(ModelFamily<M, ?, D, ?> f, M model, TargetSpec spec, Path file) {
    try {
      return f.target(model, spec);
    } catch (BadInputException e) {
      throw BadInputException.at(file.toString(), 0, null, e.getMessage());
    }
  }
}
