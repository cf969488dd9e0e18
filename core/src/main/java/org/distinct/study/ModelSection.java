package org.distinct.study;

import java.util.List;
import org.distinct.family.ModelFamily;
import org.distinct.family.PreprocessSettings;
import org.distinct.family.Protocol;
import org.distinct.family.TrainSettings;

/**
 * One model section of a study file: the runs of one architecture (keyed by its family's kind, or by a name of its own
 * with {@code kind:} saying the family, so that a study can hold two MLPs), with its seeds,
 * training settings, protocol and pruning sweeps. A family on a feature table has a {@link TableSection}, one on
 * sequences a {@link SeriesSection}. Keys left out take the family's defaults (resolved when the file is read, so the
 * recorded study names every value).
 */
public sealed interface ModelSection permits TableSection, SeriesSection {

  /** @return the kind of the section's family (after {@link #resolve}; the section's name may differ) */
  String kind();

  /** @return number of repeated runs (seeds) */
  Integer seeds();

  /** @return the training settings of the section, for {@link ModelFamily#configure} */
  TrainSettings trainSettings();

  /** @return folds, test fraction and split */
  Protocol protocol();

  /** @return the criteria this section sweeps, or null for the study's {@code pruning.criteria} */
  List<String> criteria();

  /** @return the hidden layers swept in turn, 0-based */
  List<Integer> layers();

  /**
   * @param study the study
   * @return the criteria this section sweeps: its own, or the study's
   */
  default List<String> sweptCriteria(StudyConfig study) {
    return criteria() != null ? criteria() : study.pruning().criteria();
  }

  /** @return the split as given, or null when it is left to the data ({@link ModelFamily#defaultSplit}) */
  String split();

  /**
   * @param split a split
   * @return a copy with that split
   */
  ModelSection withSplit(Protocol.Split split);

  /** @return the preprocessing options */
  PreprocessSettings preprocessing();

  /**
   * Fills every key left out with its default and validates the section.
   *
   * @param kind the section's key (for messages, e.g. {@code mlp.seeds})
   * @param family the section's family
   * @return the resolved section
   * @throws org.distinct.BadInputException naming the key of an invalid value
   */
  ModelSection resolve(String kind, ModelFamily<?, ?, ?, ?> family);

  /**
   * @param family the section's family
   * @return the type of section the family's study sections have
   */
  static Class<? extends ModelSection> typeFor(ModelFamily<?, ?, ?, ?> family) {
    return switch (family.dataKind()) {
      case TABLE -> TableSection.class;
      case SERIES -> SeriesSection.class;
    };
  }
}
