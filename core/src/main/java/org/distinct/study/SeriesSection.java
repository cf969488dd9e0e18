package org.distinct.study;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.distinct.BadInputException;
import org.distinct.data.SequenceScaling;
import org.distinct.family.ModelFamily;
import org.distinct.family.PreprocessSettings;
import org.distinct.family.Protocol;
import org.distinct.family.TrainSettings;
import org.distinct.prune.RnnTarget;

/**
 * The study section of a family on sequences (Elman RNN, LSTM, GRU): the keys of the paper's RNN.
 *
 * @param kind the family's kind ({@code rnn}, {@code lstm}, …); written only for a section named otherwise
 * @param seeds number of repeated runs (default 3)
 * @param hidden hidden units: one number, or a list for stacked layers (written as a number when there is one layer)
 * @param learningRate Adam learning rate
 * @param batchSize sequences per mini-batch
 * @param epochs epochs
 * @param folds cross-validation folds (0 = none)
 * @param split test split: song (the paper's 25 % of each song), grouped (whole participants), stratified or random;
 *     left out: song for the per-song folder, else grouped when the sequences have groups, else stratified (resolved
 *     against the data before the study runs)
 * @param window median filter window (odd)
 * @param scaling per-sequence or global min–max scaling
 * @param downsample keep every block mean of this many samples (1 = none)
 * @param pruneSteps pruning steps per mode (default 3)
 * @param modes pruning modes compared: structural, mask (default both)
 * @param clipNorm gradient-norm clipping (0 = off)
 * @param criteria the criteria swept structurally on this section's models down to {@code pruning.untilUnits} (left out:
 *     the study's {@code pruning.criteria}; {@code []}: none, only the modes)
 * @param layers the hidden layers swept in turn, 0-based (default [0])
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kind", "seeds", "hidden", "learningRate", "batchSize", "epochs", "folds", "split", "window", "scaling", "downsample",
    "pruneSteps", "modes", "clipNorm", "criteria", "layers"})
public record SeriesSection(
    String kind,
    Integer seeds,
    @JsonFormat(with = {JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY, JsonFormat.Feature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED})
    List<Integer> hidden,
    Double learningRate,
    Integer batchSize,
    Integer epochs,
    Integer folds,
    String split,
    Integer window,
    String scaling,
    Integer downsample,
    Integer pruneSteps,
    List<String> modes,
    Double clipNorm,
    List<String> criteria,
    List<Integer> layers) implements ModelSection {

  /** The splits a sequence section can use. */
  static final List<String> SPLITS = List.of("song", "grouped", "stratified", "random");

  @Override
  public SeriesSection resolve(String kind, ModelFamily<?, ?, ?, ?> family) {
    TrainSettings d = defaults(family);
    Protocol p = family.protocol();
    PreprocessSettings pp = PreprocessSettings.defaults();
    List<String> allModes = family.modes().stream().map(RnnTarget.Mode::label).toList();
    SeriesSection r = new SeriesSection(family.kind(), seeds == null ? 3 : seeds, hidden == null ? d.hidden() : hidden,
        learningRate == null ? d.learningRate() : learningRate, batchSize == null ? d.batchSize() : batchSize,
        epochs == null ? d.epochs() : epochs, folds == null ? p.folds() : folds, split,
        window == null ? pp.series().medianWindow() : window, scaling == null ? "per-sequence" : scaling,
        downsample == null ? pp.series().downsample() : downsample, pruneSteps == null ? 3 : pruneSteps,
        modes == null ? allModes : modes, clipNorm == null ? d.clipNorm() : clipNorm, criteria, layers == null ? List.of(0) : layers);
    r.validate(kind, family, allModes);
    return r;
  }

  private static <C> TrainSettings defaults(ModelFamily<?, ?, ?, C> f) {
    return f.settings(f.defaults());
  }

  private void validate(String k, ModelFamily<?, ?, ?, ?> family, List<String> allModes) {
    if (!(clipNorm >= 0)) throw new BadInputException(k + ".clipNorm must be >= 0 (0 = off), got " + clipNorm);
    if (seeds < 1) throw new BadInputException(k + ".seeds must be at least 1, got " + seeds);
    for (Integer h : hidden) if (h == null || h < 2) throw new BadInputException(k + ".hidden must be at least 2, got " + hidden);
    if (hidden.isEmpty()) throw new BadInputException(k + ".hidden: at least one hidden layer is needed");
    if (!(learningRate > 0)) throw new BadInputException(k + ".learningRate must be positive, got " + learningRate);
    if (batchSize < 1) throw new BadInputException(k + ".batchSize must be at least 1, got " + batchSize);
    if (epochs < 1) throw new BadInputException(k + ".epochs must be at least 1, got " + epochs);
    if (folds != 0 && folds < 2) throw new BadInputException(k + ".folds must be 0 (none) or at least 2, got " + folds);
    if (split != null && !SPLITS.contains(split))
      throw new BadInputException(k + ".split: expected " + String.join(", ", SPLITS) + ", got '" + split + "'");
    if (window < 1 || window % 2 == 0) throw new BadInputException(k + ".window must be odd and positive, got " + window);
    if (!scaling.equals("per-sequence") && !scaling.equals("global"))
      throw new BadInputException(k + ".scaling: expected per-sequence or global, got '" + scaling + "'");
    if (downsample < 1) throw new BadInputException(k + ".downsample must be at least 1, got " + downsample);
    if (pruneSteps < 0) throw new BadInputException(k + ".pruneSteps must be >= 0, got " + pruneSteps);
    if (modes.isEmpty()) throw new BadInputException(k + ".modes: the list is empty");
    for (String m : modes)
      if (!allModes.contains(m))
        throw new BadInputException(k + ".modes: unknown mode '" + m + "' (" + String.join(", ", allModes) + ")");
    Sections.checkCriteria(k, criteria);
    Sections.checkLayers(k, layers, hidden.size());
    Sections.checkConfigures(k, family, trainSettings());
  }

  @Override
  public TrainSettings trainSettings() {
    return new TrainSettings(hidden, null, null, learningRate, null, batchSize, epochs, null, clipNorm, 0, 1);
  }

  /** @return folds, the test fraction 0.25 of the paper's RNN, and the split (the paper's per-song split while it is not resolved) */
  @Override
  public Protocol protocol() {
    return new Protocol(folds, 0.25, split == null ? Protocol.Split.SONG : Protocol.Split.parse(split));
  }

  @Override
  public SeriesSection withSplit(Protocol.Split s) {
    return new SeriesSection(kind, seeds, hidden, learningRate, batchSize, epochs, folds, s.label(), window, scaling, downsample, pruneSteps,
        modes, clipNorm, criteria, layers);
  }

  @Override
  public PreprocessSettings preprocessing() {
    SequenceScaling.Mode mode = scaling.equals("global") ? SequenceScaling.Mode.GLOBAL : SequenceScaling.Mode.PER_SEQUENCE;
    return PreprocessSettings.series(window, mode, downsample);
  }

  /** @return the pruning modes, in the order given */
  public List<RnnTarget.Mode> pruneModes() {
    return modes.stream().map(RnnTarget.Mode::parse).toList();
  }
}
