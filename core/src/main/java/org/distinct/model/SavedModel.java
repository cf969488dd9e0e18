package org.distinct.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.distinct.BadInputException;
import org.distinct.Version;
import org.distinct.data.Dataset;
import org.distinct.data.MinMaxScaler;

/**
 * Everything a model file holds: the trained network, what its inputs and outputs mean, how inputs are
 * preprocessed, and how it was made. Written and read by {@link ModelFile}; the format is documented in
 * {@code docs/model-format.md}.
 *
 * @param format the format name, {@value ModelFile#FORMAT}
 * @param formatVersion the format version ({@value ModelFile#FORMAT_VERSION} for files this build writes)
 * @param softwareVersion the distinct version that wrote the file
 * @param created when the model was saved (UTC)
 * @param network the trained network (its {@link Network#kind()} is the file's kind)
 * @param featureNames names of the input features in input order (one per network input)
 * @param classNames names of the classes in output order (one per network output)
 * @param scaler min–max scaler fitted on the training rows, applied to raw inputs before the network (null
 *     if inputs are used as they are)
 * @param trainingConfig the training configuration as plain JSON values (maps, lists, strings, numbers,
 *     booleans); empty if unknown
 * @param seed the seed the model was trained with
 */
public record SavedModel(
    String format,
    int formatVersion,
    String softwareVersion,
    Instant created,
    Network<?> network,
    List<String> featureNames,
    List<String> classNames,
    MinMaxScaler scaler,
    Map<String, Object> trainingConfig,
    long seed) {

  /** Checks that names and scaler agree with the network's shape. */
  public SavedModel {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(softwareVersion, "softwareVersion");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(network, "network");
    featureNames = List.copyOf(featureNames);
    classNames = List.copyOf(classNames);
    trainingConfig = Collections.unmodifiableMap(new LinkedHashMap<>(trainingConfig));
    if (featureNames.size() != network.inputSize())
      throw new IllegalArgumentException(featureNames.size() + " feature names for " + network.inputSize() + " inputs");
    if (classNames.size() != network.numClasses())
      throw new IllegalArgumentException(classNames.size() + " class names for " + network.numClasses() + " classes");
    if (scaler != null && scaler.size() != network.inputSize())
      throw new IllegalArgumentException("scaler has " + scaler.size() + " features, network " + network.inputSize());
  }

  /**
   * A model to save now with this build's format and software version.
   *
   * @param network the trained network
   * @param featureNames input feature names
   * @param classNames class names
   * @param scaler the scaler fitted on the training rows, or null
   * @param trainingConfig the training configuration (e.g. {@code MlpTrainConfig.toMap()})
   * @param seed the training seed
   * @return the bundle, created now
   */
  public static SavedModel of(
      Network<?> network,
      List<String> featureNames,
      List<String> classNames,
      MinMaxScaler scaler,
      Map<String, Object> trainingConfig,
      long seed) {
    return new SavedModel(ModelFile.FORMAT, ModelFile.FORMAT_VERSION, Version.VERSION,
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), network, featureNames, classNames,
        scaler, trainingConfig, seed);
  }

  /** @return the kind of the network ({@code "mlp"}, ...) */
  public String kind() {
    return network.kind();
  }

  /**
   * @return the network as an MLP
   * @throws IllegalStateException if it is another kind (use {@link ModelFile#loadMlp} for a user-facing
   *     error)
   */
  public Mlp mlp() {
    if (network instanceof Mlp m) return m;
    throw new IllegalStateException("the model is a '" + kind() + "', not an MLP");
  }

  /**
   * @return the network as an Elman RNN
   * @throws IllegalStateException if it is another kind (use {@link ModelFile#loadRnn} for a user-facing
   *     error)
   */
  public ElmanRnn rnn() {
    if (network instanceof ElmanRnn r) return r;
    throw new IllegalStateException("the model is a '" + kind() + "', not an RNN");
  }

  /**
   * Picks the model's features, in the model's order, from a dataset of raw (unscaled) rows by name, and
   * applies the saved scaler.
   *
   * @param raw rows with at least the model's feature columns (Not modified)
   * @return a dataset with exactly {@link #featureNames()} as columns, scaled like the training rows
   * @throws BadInputException naming the data source and the first missing feature
   */
  public Dataset prepare(Dataset raw) {
    int[] idx = new int[featureNames.size()];
    List<String> have = raw.featureNames();
    for (int j = 0; j < idx.length; j++) {
      idx[j] = have.indexOf(featureNames.get(j));
      if (idx[j] < 0)
        throw BadInputException.at(raw.source(), 0, featureNames.get(j), "feature the model was trained on is missing");
    }
    double[] x = new double[raw.rows() * idx.length];
    for (int r = 0; r < raw.rows(); r++)
      for (int j = 0; j < idx.length; j++) x[r * idx.length + j] = raw.x()[r * raw.cols() + idx[j]];
    Dataset d = raw.withFeatures(x, new ArrayList<>(featureNames));
    return scaler == null ? d : scaler.transform(d);
  }
}
