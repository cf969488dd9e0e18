package org.distinct.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.distinct.BadInputException;
import org.distinct.model.Activation;

/**
 * A study file: which data, models, training settings, splits, pruning schedules and criteria, how many seeds,
 * and optional hyper-parameter grids. Every section validates itself; omitted keys take the paper's values.
 *
 * @param name a short name of the study (used in the report title)
 * @param seed master seed: run {@code i} of every configuration uses the seed {@code seed + i}
 * @param data where the data come from
 * @param mlp the MLP part (null = skip)
 * @param pruning pruning settings shared by the MLP and RNN parts
 * @param leakage whether to compare a random row split against the participant-grouped split
 * @param rnn the RNN part (null = skip)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "seed", "data", "mlp", "pruning", "leakage", "rnn"})
public record StudyConfig(String name, Long seed, DataSection data, MlpSection mlp, PruningSection pruning, Boolean leakage, RnnSection rnn) {

  /** Applies defaults and validates. */
  public StudyConfig {
    if (name == null || name.isBlank()) name = "study";
    if (seed == null) seed = 1L;
    if (seed <= 0) throw new BadInputException("seed must be positive, got " + seed);
    if (data == null) data = new DataSection(null, null, null, null, null, null, null, null);
    if (pruning == null) pruning = new PruningSection(null, null, null, null, null, null, null, null);
    if (leakage == null) leakage = Boolean.TRUE;
    if (mlp == null && rnn == null) throw new BadInputException("the study has neither an 'mlp' nor an 'rnn' section");
  }

  /**
   * Data sources.
   *
   * @param features feature table (xlsx/csv), or "demo" for the built-in demo data
   * @param series folder of per-song series workbooks, or "demo"
   * @param demoSeed seed of the demo data
   * @param participantColumn participant column of the feature table
   * @param labelColumn label column of the feature table
   * @param classNames class names in label order
   * @param dropFlagged leave out constant and copied columns
   * @param songMapping optional song→class mapping file for the series (default S1–S4, S5–S8, S9–S12)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DataSection(
      String features,
      String series,
      Long demoSeed,
      String participantColumn,
      String labelColumn,
      List<String> classNames,
      Boolean dropFlagged,
      String songMapping) {
    /** Applies defaults. */
    public DataSection {
      if (features == null || features.isBlank()) features = "demo";
      if (series == null || series.isBlank()) series = "demo";
      if (demoSeed == null) demoSeed = 42L;
      if (participantColumn == null) participantColumn = "subject no.";
      if (labelColumn == null) labelColumn = "label";
      if (classNames == null) classNames = List.of("classical", "instrumental", "pop");
      if (dropFlagged == null) dropFlagged = false;
    }
  }

  /**
   * The MLP part.
   *
   * @param seeds number of repeated runs (seeds)
   * @param hidden hidden layer sizes
   * @param activation sigmoid, tanh or relu
   * @param optimizer adam or sgd
   * @param learningRate learning rate
   * @param momentum SGD momentum
   * @param batchSize mini-batch size
   * @param epochs epochs
   * @param folds cross-validation folds (0 = none)
   * @param testFraction fraction of participants held out for testing
   * @param grid optional hyper-parameter grid: keys batchSize, learningRate, epochs, hidden; each a non-empty
   *     list; every combination is cross-validated (fewer seeds: {@code gridSeeds})
   * @param gridSeeds seeds per grid point
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MlpSection(
      Integer seeds,
      List<Integer> hidden,
      String activation,
      String optimizer,
      Double learningRate,
      Double momentum,
      Integer batchSize,
      Integer epochs,
      Integer folds,
      Double testFraction,
      Map<String, List<Object>> grid,
      Integer gridSeeds) {
    /** Applies the paper's defaults and validates. */
    public MlpSection {
      if (seeds == null) seeds = 10;
      if (hidden == null) hidden = List.of(30);
      if (activation == null) activation = "sigmoid";
      if (optimizer == null) optimizer = "adam";
      if (learningRate == null) learningRate = 0.01;
      if (momentum == null) momentum = 0.9;
      if (batchSize == null) batchSize = 32;
      if (epochs == null) epochs = 1500;
      if (folds == null) folds = 10;
      if (testFraction == null) testFraction = 0.2;
      if (gridSeeds == null) gridSeeds = 3;
      if (seeds < 1) throw new BadInputException("mlp.seeds must be at least 1, got " + seeds);
      if (gridSeeds < 1) throw new BadInputException("mlp.gridSeeds must be at least 1, got " + gridSeeds);
      if (hidden.isEmpty()) throw new BadInputException("mlp.hidden: at least one hidden layer is needed for pruning");
      for (Integer h : hidden) if (h == null || h < 2) throw new BadInputException("mlp.hidden: sizes must be at least 2, got " + hidden);
      try {
        Activation a = Activation.parse(activation);
        if (a == Activation.IDENTITY) throw new IllegalArgumentException("identity is not a hidden activation");
      } catch (IllegalArgumentException e) {
        throw new BadInputException("mlp.activation: " + e.getMessage());
      }
      if (!optimizer.equalsIgnoreCase("adam") && !optimizer.equalsIgnoreCase("sgd"))
        throw new BadInputException("mlp.optimizer: expected adam or sgd, got '" + optimizer + "'");
      if (!(learningRate > 0)) throw new BadInputException("mlp.learningRate must be positive, got " + learningRate);
      if (batchSize < 1) throw new BadInputException("mlp.batchSize must be at least 1, got " + batchSize);
      if (epochs < 1) throw new BadInputException("mlp.epochs must be at least 1, got " + epochs);
      if (folds != 0 && folds < 2) throw new BadInputException("mlp.folds must be 0 (none) or at least 2, got " + folds);
      if (!(testFraction > 0 && testFraction < 1)) throw new BadInputException("mlp.testFraction must be in (0, 1), got " + testFraction);
      if (grid != null) Grid.validate("mlp.grid", grid);
    }
  }

  /**
   * Pruning settings.
   *
   * @param step units removed per step
   * @param untilUnits stop when this many hidden units remain
   * @param similar similarity threshold in degrees
   * @param complementary complementarity threshold in degrees
   * @param patterns pattern set for the angles: train, test or all
   * @param criteria the methods compared step by step: distinctiveness, distinctiveness-regress, random,
   *     magnitude-in, magnitude-out, variance, taylor
   * @param meanCorrection correct a plain merge for the difference in means (off reproduces the paper)
   * @param force continue beyond the thresholds with the closest pair, marking those rows
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PruningSection(
      Integer step,
      Integer untilUnits,
      Double similar,
      Double complementary,
      String patterns,
      List<String> criteria,
      Boolean meanCorrection,
      Boolean force) {
    /** All criteria the study knows. */
    public static final List<String> KNOWN =
        List.of("distinctiveness", "distinctiveness-regress", "random", "magnitude-in", "magnitude-out", "variance", "taylor");

    /** Applies defaults and validates. */
    public PruningSection {
      if (step == null) step = 2;
      if (untilUnits == null) untilUnits = 2;
      if (similar == null) similar = 15.0;
      if (complementary == null) complementary = 165.0;
      if (patterns == null) patterns = "train";
      if (criteria == null) criteria = KNOWN;
      if (meanCorrection == null) meanCorrection = true;
      if (force == null) force = true;
      if (step < 1) throw new BadInputException("pruning.step must be at least 1, got " + step);
      if (untilUnits < 1) throw new BadInputException("pruning.untilUnits must be at least 1, got " + untilUnits);
      if (!(similar >= 0 && similar < complementary && complementary <= 180))
        throw new BadInputException("pruning: need 0 <= similar < complementary <= 180, got " + similar + " and " + complementary);
      if (!List.of("train", "test", "all").contains(patterns))
        throw new BadInputException("pruning.patterns: expected train, test or all, got '" + patterns + "'");
      if (criteria.isEmpty()) throw new BadInputException("pruning.criteria: the list is empty");
      for (String c : criteria)
        if (!KNOWN.contains(c)) throw new BadInputException("pruning.criteria: unknown criterion '" + c + "' (known: " + String.join(", ", KNOWN) + ")");
    }
  }

  /**
   * The RNN part.
   *
   * @param seeds number of repeated runs
   * @param hidden hidden units
   * @param learningRate Adam learning rate
   * @param batchSize sequences per mini-batch
   * @param epochs epochs
   * @param folds cross-validation folds (0 = none)
   * @param split test split: song (the paper's 25 % of each song) or grouped (whole participants)
   * @param window median filter window (odd)
   * @param scaling per-sequence or global min–max scaling
   * @param downsample keep every block mean of this many samples (1 = none)
   * @param pruneSteps pruning steps per mode
   * @param modes pruning modes compared: structural, mask
   * @param clipNorm gradient-norm clipping (0 = off); on by default because unclipped Elman training on these
   *     long series can explode and collapse to chance (the paper does not say whether it clipped)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RnnSection(
      Integer seeds,
      Integer hidden,
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
      Double clipNorm) {
    /** Applies defaults and validates. */
    public RnnSection {
      if (seeds == null) seeds = 3;
      if (hidden == null) hidden = 50;
      if (learningRate == null) learningRate = 0.003;
      if (batchSize == null) batchSize = 32;
      if (epochs == null) epochs = 200;
      if (folds == null) folds = 5;
      if (split == null) split = "song";
      if (window == null) window = 5;
      if (scaling == null) scaling = "per-sequence";
      if (downsample == null) downsample = 4;
      if (pruneSteps == null) pruneSteps = 3;
      if (modes == null) modes = List.of("structural", "mask");
      if (clipNorm == null) clipNorm = 1.0;
      if (!(clipNorm >= 0)) throw new BadInputException("rnn.clipNorm must be >= 0 (0 = off), got " + clipNorm);
      if (seeds < 1) throw new BadInputException("rnn.seeds must be at least 1, got " + seeds);
      if (hidden < 2) throw new BadInputException("rnn.hidden must be at least 2, got " + hidden);
      if (!(learningRate > 0)) throw new BadInputException("rnn.learningRate must be positive, got " + learningRate);
      if (batchSize < 1) throw new BadInputException("rnn.batchSize must be at least 1, got " + batchSize);
      if (epochs < 1) throw new BadInputException("rnn.epochs must be at least 1, got " + epochs);
      if (folds != 0 && folds < 2) throw new BadInputException("rnn.folds must be 0 (none) or at least 2, got " + folds);
      if (!split.equals("song") && !split.equals("grouped")) throw new BadInputException("rnn.split: expected song or grouped, got '" + split + "'");
      if (window < 1 || window % 2 == 0) throw new BadInputException("rnn.window must be odd and positive, got " + window);
      if (!scaling.equals("per-sequence") && !scaling.equals("global"))
        throw new BadInputException("rnn.scaling: expected per-sequence or global, got '" + scaling + "'");
      if (downsample < 1) throw new BadInputException("rnn.downsample must be at least 1, got " + downsample);
      if (pruneSteps < 0) throw new BadInputException("rnn.pruneSteps must be >= 0, got " + pruneSteps);
      if (modes.isEmpty()) throw new BadInputException("rnn.modes: the list is empty");
      for (String m : modes)
        if (!m.equals("structural") && !m.equals("mask")) throw new BadInputException("rnn.modes: unknown mode '" + m + "' (structural, mask)");
    }
  }

  /** Hyper-parameter grids. */
  public static final class Grid {
    private static final List<String> KEYS = List.of("batchSize", "learningRate", "epochs", "hidden");

    private Grid() {}

    static void validate(String where, Map<String, List<Object>> grid) {
      for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
        if (!KEYS.contains(e.getKey()))
          throw new BadInputException(where + ": unknown key '" + e.getKey() + "' (known: " + String.join(", ", KEYS) + ")");
        if (e.getValue() == null || e.getValue().isEmpty()) throw new BadInputException(where + "." + e.getKey() + ": the list is empty");
        for (Object v : e.getValue())
          if (!(v instanceof Number n) || !(n.doubleValue() > 0))
            throw new BadInputException(where + "." + e.getKey() + ": values must be positive numbers, got " + v);
      }
    }
  }
}
