package org.distinct.model;

/**
 * A trained network that a model file ({@link ModelFile}) can hold. Each implementation has a kind name
 * ({@code "mlp"}; the RNN adds {@code "rnn"}) and a {@link NetworkCodec} registered in {@link ModelFile}.
 */
public interface Network {
  /** @return the kind written to model files, e.g. {@code "mlp"} */
  String kind();

  /** @return the number of input features per pattern (or per time step) */
  int inputSize();

  /** @return the number of classes (outputs) */
  int numClasses();
}
