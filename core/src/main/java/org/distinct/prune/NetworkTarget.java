package org.distinct.prune;

import org.distinct.data.LabelledData;
import org.distinct.model.Network;

/**
 * A pruning target whose model is a {@link Network} on its own kind of {@link LabelledData}: what the pruner asks of
 * the model and data (logits, sizes, labels, parameter count) comes from those contracts, so a target supplies only
 * what is particular to its units (activations, weights, surgery).
 *
 * @param <M> the network
 * @param <D> its data
 */
public interface NetworkTarget<M extends Network<D>, D extends LabelledData<D>> extends PruningTarget<M, D> {

  @Override
  default double[] logits(M model, D data) {
    return model.logits(data);
  }

  @Override
  default String source(D data) {
    return data.source();
  }

  @Override
  default int rows(D data) {
    return data.size();
  }

  @Override
  default int[] labels(D data) {
    return data.labels();
  }

  @Override
  default int numClasses(M model) {
    return model.numClasses();
  }

  /** @return the model's parameter count (in mask mode the masked zeros are still stored and counted) */
  @Override
  default int parameterCount(M model) {
    return model.parameterCount();
  }
}
