package org.distinct.family;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distinct.BadInputException;
import org.distinct.data.MinMaxScaler;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SequenceScaling;
import org.distinct.data.SeriesPreprocessing;
import org.distinct.data.split.SongHoldout;
import org.distinct.data.split.Splitter;
import org.distinct.model.Network;
import org.distinct.model.SavedModel;

/**
 * What every family on sequences shares: the series preprocessing (median filter, downsampling, per-sequence or
 * global min–max scaling) fitted on the training sequences, recorded in the model file under
 * {@code training.preprocessing} (global minimum and maximum as its {@code scaler}), and applied again to new
 * sequences before a saved model sees them.
 *
 * @param <M> the network type
 * @param <C> the training configuration
 */
public abstract class SeriesFamily<M extends Network<SequenceDataset>, C> implements ModelFamily<M, SequenceDataset, SequenceDataset, C> {

  @Override
  public final DataKind dataKind() {
    return DataKind.SERIES;
  }

  /** The song split holds out a fraction of each song's sequences (the paper's RNN split). */
  @Override
  public Splitter holdout(Protocol p, SequenceDataset data) {
    requireSplit(p, data);
    if (p.split() == Protocol.Split.SONG) return new SongHoldout(p.testFraction()).forKeys(data.songs().toArray(new String[0]));
    return ModelFamily.super.holdout(p, data);
  }

  /** Also refuses the per-song split of sequences without songs (the long and UCR layouts). */
  @Override
  public void requireSplit(Protocol p, SequenceDataset data) {
    if (p.split() == Protocol.Split.SONG && !data.hasSongs())
      throw BadInputException.at(data.source(), 0, null, "the per-song split needs the per-song folder layout and these sequences are in the "
          + data.layout().name().toLowerCase(Locale.ROOT) + " layout: split " + (data.grouped() ? "grouped, " : "") + "stratified or random "
          + "(--split stratified)");
    ModelFamily.super.requireSplit(p, data);
  }

  /** @return the paper's per-song split for the folder layout, else grouped when the sequences have groups, else stratified */
  @Override
  public Protocol.Split defaultSplit(SequenceDataset data) {
    if (data.hasSongs()) return protocol().split();
    return data.grouped() ? Protocol.Split.GROUPED : Protocol.Split.STRATIFIED;
  }

  @Override
  public String describeSplit(Protocol p) {
    return switch (p.split()) {
      case SONG -> "the paper's split: " + Math.round(p.testFraction() * 100)
          + " % of each song's sequences held out (the same participant can be on both sides)";
      case GROUPED -> "participant-grouped hold-out: " + Math.round(p.testFraction() * 100) + " % of participants";
      default -> p.split().label() + " hold-out: " + Math.round(p.testFraction() * 100) + " % of the sequences";
    };
  }

  @Override
  public Preprocessor<SequenceDataset, SequenceDataset> preprocessor(PreprocessSettings settings) {
    SeriesPreprocessing p = settings.series();
    return new Preprocessor<>() {
      @Override
      public Fitted<SequenceDataset, SequenceDataset> fit(SequenceDataset train) {
        return fitted(p.fit(train));
      }

      @Override
      public String describe() {
        return SeriesFamily.describe(p);
      }
    };
  }

  /**
   * @param f a fitted series preprocessing
   * @return it as a {@link Preprocessor.Fitted}
   */
  static Preprocessor.Fitted<SequenceDataset, SequenceDataset> fitted(SeriesPreprocessing.Fitted f) {
    return new Preprocessor.Fitted<>() {
      @Override
      public SequenceDataset apply(SequenceDataset data) {
        return f.apply(data);
      }

      @Override
      public MinMaxScaler scaler() {
        return f.globalMin() == null ? null : new MinMaxScaler(f.globalMin(), f.globalMax());
      }

      @Override
      public Map<String, Object> record() {
        Map<String, Object> prep = new LinkedHashMap<>();
        prep.put("medianWindow", f.config().medianWindow());
        prep.put("scaling", f.config().scaling().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        prep.put("downsample", f.config().downsample());
        return prep;
      }
    };
  }

  /**
   * @param p preprocessing settings
   * @return e.g. {@code median window 5, per-sequence scaling, no downsampling}
   */
  public static String describe(SeriesPreprocessing p) {
    return "median window " + p.medianWindow() + ", " + p.scaling().name().toLowerCase(Locale.ROOT).replace('_', '-') + " scaling, "
        + (p.downsample() == 1 ? "no downsampling" : "downsampled by " + p.downsample());
  }

  /**
   * Names the values of one time step in model files: {@code F7} for the paper's single channel, else
   * {@code channel 1 … channel I}.
   *
   * @param inputs values per step
   * @return the names
   */
  static List<String> channelNames(int inputs) {
    if (inputs == 1) return List.of("F7");
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= inputs; i++) names.add("channel " + i);
    return names;
  }

  @Override
  public SavedModel save(M model, Preprocessor.Fitted<SequenceDataset, SequenceDataset> pre, SequenceDataset data, C config, long seed) {
    Map<String, Object> training = new LinkedHashMap<>(record(config));
    training.put("preprocessing", pre.record());
    return SavedModel.of(model, channelNames(model.inputSize()), data.classNames(), pre.scaler(), training, seed);
  }

  /**
   * Reads the preprocessing a model file recorded.
   *
   * @param m a saved sequence model
   * @return the fitted preprocessing
   * @throws BadInputException when the record is missing or malformed
   */
  public static SeriesPreprocessing.Fitted preprocessing(SavedModel m) {
    Object p = m.trainingConfig().get("preprocessing");
    if (!(p instanceof Map<?, ?> map))
      throw new BadInputException("field 'training.preprocessing' is missing: the series preprocessing of the model is unknown");
    try {
      int window = ((Number) map.get("medianWindow")).intValue();
      String s = String.valueOf(map.get("scaling")).toUpperCase(Locale.ROOT).replace('-', '_');
      int down = ((Number) map.get("downsample")).intValue();
      SeriesPreprocessing cfg = new SeriesPreprocessing(window, SequenceScaling.Mode.valueOf(s), down);
      double[] min = m.scaler() == null ? null : m.scaler().min();
      double[] max = m.scaler() == null ? null : m.scaler().max();
      return new SeriesPreprocessing.Fitted(cfg, min, max);
    } catch (RuntimeException e) {
      throw new BadInputException("field 'training.preprocessing': not a valid preprocessing record (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public String describePreparation(SavedModel saved) {
    return describe(preprocessing(saved).config());
  }

  /**
   * Checks that the sequences carry the model's classes in its order and its values per step, then applies the
   * recorded preprocessing.
   */
  @Override
  public SequenceDataset prepare(SavedModel saved, SequenceDataset raw, PrepareOptions options) {
    M model = network(saved);
    SeriesPreprocessing.Fitted pp = preprocessing(saved);
    if (!raw.classNames().equals(saved.classNames()))
      throw BadInputException.at(raw.source(), 0, null,
          "the song mapping gives classes " + raw.classNames() + " but the model's classes are " + saved.classNames()
              + " (give a --song-mapping with the model's classes in this order)");
    if (raw.inputSize() != model.inputSize())
      throw BadInputException.at(raw.source(), 0, null,
          "has " + raw.inputSize() + " values per time step but the model expects " + model.inputSize());
    return pp.apply(raw);
  }
}
