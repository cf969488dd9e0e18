package org.distinct.cli;

import java.util.Locale;
import java.util.Map;
import org.distinct.BadInputException;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SequenceScaling;
import org.distinct.data.SeriesPreprocessing;
import org.distinct.model.ElmanRnn;
import org.distinct.model.SavedModel;
import picocli.CommandLine.Mixin;

/**
 * Options and loading for applying a saved RNN to raw per-song series (a picocli mixin), used by
 * {@code evaluate} and {@code angles} when the model file holds an Elman RNN.
 *
 * <p>The series are read like {@code distinct train --model rnn} reads them and preprocessed exactly as the
 * model's training data were: the median window, scaling mode and downsampling factor come from the model
 * file's {@code training.preprocessing} record and the global min/max (for global scaling) from its scaler.
 * The song-to-class mapping must give the model's classes in the model's order.
 */
public final class RnnData {
  @Mixin SeriesSource source;

  /**
   * @param m a saved RNN
   * @return the preprocessing recorded in the model file
   * @throws BadInputException when the record is missing or malformed
   */
  static SeriesPreprocessing.Fitted preprocessing(SavedModel m, String file) {
    Object p = m.trainingConfig().get("preprocessing");
    if (!(p instanceof Map<?, ?> map))
      throw BadInputException.at(file, 0, null, "field 'training.preprocessing' is missing: the RNN's series preprocessing is unknown");
    try {
      int window = ((Number) map.get("medianWindow")).intValue();
      String s = String.valueOf(map.get("scaling")).toUpperCase(Locale.ROOT).replace('-', '_');
      int down = ((Number) map.get("downsample")).intValue();
      SeriesPreprocessing cfg = new SeriesPreprocessing(window, SequenceScaling.Mode.valueOf(s), down);
      double[] min = m.scaler() == null ? null : m.scaler().min();
      double[] max = m.scaler() == null ? null : m.scaler().max();
      return new SeriesPreprocessing.Fitted(cfg, min, max);
    } catch (RuntimeException e) {
      throw new BadInputException(file + ": field 'training.preprocessing': not a valid preprocessing record (" + e.getMessage() + ")", e);
    }
  }

  /**
   * @param p preprocessing settings
   * @return e.g. {@code median window 5, per-sequence scaling, no downsampling}
   */
  static String describe(SeriesPreprocessing p) {
    return "median window " + p.medianWindow() + ", " + p.scaling().name().toLowerCase(Locale.ROOT).replace('_', '-') + " scaling, "
        + (p.downsample() == 1 ? "no downsampling" : "downsampled by " + p.downsample());
  }

  /** @return a description of the series source */
  String describe(long demoSeed) {
    return source.describe(demoSeed);
  }

  /**
   * Loads and preprocesses the series for a saved RNN.
   *
   * @param m the saved RNN
   * @param file the model file name (for messages)
   * @param demoSeed seed of the demo series (used without {@code --series})
   * @return the preprocessed sequences, labelled with the model's classes
   */
  SequenceDataset load(SavedModel m, String file, long demoSeed) {
    ElmanRnn rnn = (ElmanRnn) m.network();
    SeriesPreprocessing.Fitted pp = preprocessing(m, file);
    SequenceDataset raw = source.load(demoSeed, pp.config().medianWindow());
    if (!raw.classNames().equals(m.classNames()))
      throw BadInputException.at(raw.source(), 0, null,
          "the song mapping gives classes " + raw.classNames() + " but the model's classes are " + m.classNames()
              + " (give a --song-mapping with the model's classes in this order)");
    if (raw.inputSize() != rnn.inputSize())
      throw BadInputException.at(raw.source(), 0, null,
          "has " + raw.inputSize() + " values per time step but the model expects " + rnn.inputSize());
    return pp.apply(raw);
  }
}
