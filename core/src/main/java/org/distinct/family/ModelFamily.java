package org.distinct.family;

import java.util.List;
import java.util.Map;
import org.distinct.BadInputException;
import org.distinct.data.LabelledData;
import org.distinct.data.split.GroupHoldout;
import org.distinct.data.split.GroupKFold;
import org.distinct.data.split.KFold;
import org.distinct.data.split.RandomHoldout;
import org.distinct.data.split.Splitter;
import org.distinct.data.split.StratifiedKFold;
import org.distinct.eval.ExecutionTimer;
import org.distinct.model.Network;
import org.distinct.model.SavedModel;
import org.distinct.prune.PruningTarget;
import org.distinct.prune.RnnTarget;
import org.distinct.train.Trainer;

/**
 * One architecture as a plug-in: everything the command line, the study and the report need to train, evaluate,
 * save, load and prune its networks without knowing the concrete network class. Register new families in
 * {@link Families}; their networks' model-file codec ({@link org.distinct.model.NetworkCodec}) in
 * {@code ModelFile.CODECS} (the model layer reads files without knowing families).
 *
 * <p>Data come in two forms: as read ({@code R}: what splits divide, what a model file's user hands in) and as the
 * network reads them ({@code D}), made by the {@link #preprocessor} fitted on training data only. For feature tables
 * these differ (a frame of numeric and text columns with missing cells becomes a scaled numeric table); for
 * sequences they are the same type.
 *
 * @param <M> the network type
 * @param <R> the data as read
 * @param <D> the data the network reads
 * @param <C> its training configuration record
 */
public interface ModelFamily<M extends Network<D>, R extends LabelledData<R>, D extends LabelledData<D>, C> {

  /** @return the kind name of model files, {@code --model KIND} and study sections, e.g. {@code mlp} */
  String kind();

  /** @return the name in tables and headings, e.g. {@code MLP} */
  String displayName();

  /** @return one line: what the architecture is */
  String description();

  /** @return the data the family reads */
  DataKind dataKind();

  /** @return the network class (model files of this kind hold instances of it) */
  Class<M> modelType();

  /** @return the paper's training settings for this architecture (the one place they are written) */
  C defaults();

  /**
   * Applies user settings to the defaults.
   *
   * @param settings options or study keys; null fields keep the default
   * @return the configuration
   * @throws BadInputException naming the setting that is invalid or that this family cannot use
   */
  C configure(TrainSettings settings);

  /**
   * The inverse of {@link #configure}: a configuration as the settings that give it (every setting the family uses
   * filled in), so that study files can show resolved defaults.
   *
   * @param config a configuration
   * @return its settings
   */
  TrainSettings settings(C config);

  /**
   * @param config a configuration
   * @return a trainer for it
   */
  Trainer<M, D> trainer(C config);

  /**
   * @param config a configuration
   * @param inputs inputs per pattern or time step
   * @param classes classes
   * @return e.g. {@code MLP 25-30-3 sigmoid, adam lr 0.01, batch 32, 1500 epochs}
   */
  String describe(C config, int inputs, int classes);

  /**
   * @param model a network of this family
   * @return e.g. {@code MLP 25-30-3 sigmoid}
   */
  String describe(M model);

  /** @return the paper's evaluation protocol for this architecture (folds, test fraction, split) */
  Protocol protocol();

  /**
   * The test hold-out of a protocol.
   *
   * @param p the protocol
   * @param data the data to split (Not modified)
   * @return a splitter whose single fold is (training part, test part)
   * @throws BadInputException when the split needs what the data lack (groups, songs)
   */
  default Splitter holdout(Protocol p, R data) {
    requireSplit(p, data);
    return switch (p.split()) {
      case GROUPED -> new GroupHoldout(p.testFraction());
      case RANDOM, STRATIFIED -> new RandomHoldout(p.testFraction());
      case SONG -> throw new BadInputException("--split song: only sequences of songs can be split per song; use grouped, stratified or random");
    };
  }

  /**
   * The cross-validation folds of a protocol (on the training part).
   *
   * @param p the protocol (folds ≥ 2)
   * @param data the data whose training part is divided (Not modified; only checked)
   * @return the k-fold splitter: participant-grouped for the grouped and song splits
   * @throws BadInputException when a grouped split is asked of data without groups
   */
  default Splitter folds(Protocol p, R data) {
    requireSplit(p, data);
    return switch (p.split()) {
      case GROUPED, SONG -> new GroupKFold(p.folds());
      case STRATIFIED -> new StratifiedKFold(p.folds());
      case RANDOM -> new KFold(p.folds());
    };
  }

  /**
   * The split used when the user names none: the protocol's, unless the data cannot have it (no groups, no songs).
   *
   * @param data the data as read (Not modified)
   * @return the split
   */
  default Protocol.Split defaultSplit(R data) {
    return protocol().split();
  }

  /**
   * Refuses a participant-grouped split of data without groups.
   *
   * @param p the protocol
   * @param data the data (Not modified)
   * @throws BadInputException saying how to name the groups or which split to use instead
   */
  default void requireSplit(Protocol p, R data) {
    if (p.split() == Protocol.Split.GROUPED && !data.grouped())
      throw BadInputException.at(data.source(), 0, null, "the grouped split needs a group (participant) column and these "
          + (dataKind() == DataKind.TABLE ? "rows have" : "sequences have") + " none: name it (--group-column NAME; in a study data.groupColumn) or split "
          + "stratified or random (--split stratified)");
  }

  /**
   * @param p a protocol
   * @return how its test part is chosen, in words (reports and the printed setup)
   */
  default String describeSplit(Protocol p) {
    return p.split() == Protocol.Split.GROUPED
        ? "participant-grouped hold-out: " + Math.round(p.testFraction() * 100) + " % of participants"
        : p.split().label() + " hold-out: " + Math.round(p.testFraction() * 100) + " % of the rows";
  }

  /**
   * @return whether one training already runs on several threads (then a protocol trains its folds one after the
   *     other instead of in parallel)
   */
  default boolean trainsInParallel() {
    return false;
  }

  /**
   * @param settings preprocessing options (only the fields of this family's data kind are used)
   * @return the preprocessing fitted on each training part
   */
  Preprocessor<R, D> preprocessor(PreprocessSettings settings);

  /** @return how classifying a test set is timed on the command line (warm-ups and repeats suited to its cost) */
  ExecutionTimer.Config timing();

  /** @return the pruning modes this family supports (structural always) */
  List<RnnTarget.Mode> modes();

  /**
   * The pruning target a user asks for, checked against the model.
   *
   * @param model the model (Not modified)
   * @param spec layer, mode, time steps
   * @return the target
   * @throws BadInputException naming the option when the layer does not exist or the mode is not supported
   */
  PruningTarget<M, D> target(M model, TargetSpec spec);

  /**
   * Bundles a trained model for its model file.
   *
   * @param model the trained network
   * @param preprocessing the preprocessing fitted on its training data (recorded so that {@link #prepare} repeats it)
   * @param data the prepared training data (names of inputs and classes)
   * @param config its training configuration
   * @param seed the training seed
   * @return the saved-model bundle
   */
  SavedModel save(M model, Preprocessor.Fitted<R, D> preprocessing, D data, C config, long seed);

  /**
   * Prepares data as read for a saved model exactly as its training data were prepared (columns matched by name,
   * encoded, imputed and scaled, or sequences filtered and scaled as recorded).
   *
   * @param saved a model file of this family
   * @param raw data as read (Not modified)
   * @param options what to accept beyond the recorded preparation (extra columns, unseen categories)
   * @return the prepared data
   * @throws BadInputException when the data do not fit the model (naming the source and every column that differs)
   */
  D prepare(SavedModel saved, R raw, PrepareOptions options);

  /**
   * @param saved a model file of this family
   * @return how {@link #prepare} prepares data for it, in words (empty when there is nothing to say)
   */
  default String describePreparation(SavedModel saved) {
    return "";
  }

  /**
   * @param saved a model file
   * @return its network as this family's type
   * @throws BadInputException when the file holds another kind
   */
  default M network(SavedModel saved) {
    if (!modelType().isInstance(saved.network()) || !saved.kind().equals(kind()))
      throw new BadInputException("field 'kind': this is a '" + saved.kind() + "' model, expected '" + kind() + "'");
    return modelType().cast(saved.network());
  }

  /** @return the configuration as plain JSON values (model files, provenance) */
  Map<String, Object> record(C config);
}
