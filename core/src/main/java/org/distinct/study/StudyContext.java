package org.distinct.study;

import org.distinct.data.FeatureFrame;
import org.distinct.data.LabelledData;
import org.distinct.data.SequenceDataset;
import org.distinct.family.ModelFamily;

/**
 * What every work unit of a study reads: the study and its data, loaded once before planning.
 *
 * @param config the study
 * @param features the feature table as read (null when no section reads one)
 * @param series the sequences (null when no section reads them)
 */
public record StudyContext(StudyConfig config, FeatureFrame features, SequenceDataset series) {

  /**
   * @param <R> the family's data type as read
   * @param family a family of the study
   * @return the data it reads
   * @throws IllegalStateException when they were not loaded
   */
  @SuppressWarnings("unchecked")
  public <R extends LabelledData<R>> R data(ModelFamily<?, R, ?, ?> family) {
    LabelledData<?> d = switch (family.dataKind()) {
      case TABLE -> features;
      case SERIES -> series;
    };
    if (d == null) throw new IllegalStateException("no " + family.dataKind().description() + " loaded for '" + family.kind() + "'");
    return (R) d; // the data kind fixes the type: TABLE families read FeatureFrame, SERIES families SequenceDataset
  }
}
