package org.distinct.study;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distinct.BadInputException;
import org.distinct.data.SeriesOptions;
import org.distinct.family.Families;
import org.distinct.family.ModelFamily;

/**
 * A study file: which data, which model sections (one per model family, keyed by its kind: {@code mlp:},
 * {@code rnn:}, …, each with its seeds, training settings, protocol and pruning sweeps), the pruning settings they
 * share, and the leakage check. Every section validates itself; omitted keys take the families' defaults (the
 * paper's values), resolved when the file is read so that the recorded study names every value.
 *
 * <p>In YAML and JSON the model sections are top-level keys beside {@code name}, {@code seed}, {@code data},
 * {@code pruning} and {@code leakage}, in the order given ({@link StudyConfigJson}).
 *
 * @param name a short name of the study (used in the report title)
 * @param seed master seed: run {@code i} of the section of kind K uses the seed {@code seed + offset(K) + i}
 *     ({@link StudyPlan#seedOffset})
 * @param data where the data come from
 * @param pruning pruning settings shared by the model sections
 * @param leakage whether to compare a random row split against the participant-grouped split (feature tables)
 * @param models the model sections by kind, in file order
 */
@JsonSerialize(using = StudyConfigJson.Writer.class)
@JsonDeserialize(using = StudyConfigJson.Reader.class)
public record StudyConfig(String name, Long seed, DataSection data, PruningSection pruning, Boolean leakage, Map<String, ModelSection> models) {

  /** Applies defaults and validates. */
  public StudyConfig {
    if (name == null || name.isBlank()) name = "study";
    if (seed == null) seed = 1L;
    if (seed <= 0) throw new BadInputException("seed must be positive, got " + seed);
    if (data == null) data = DataSection.defaults();
    if (pruning == null) pruning = new PruningSection(null, null, null, null, null, null, null, null);
    if (leakage == null) leakage = Boolean.TRUE;
    models = models == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(models));
    if (models.isEmpty())
      throw new BadInputException("the study has no model section (give one of " + String.join(", ", Families.kinds()) + ")");
  }

  /**
   * @param kind a family kind
   * @return its section, or null if the study has none
   */
  public ModelSection section(String kind) {
    return models.get(kind);
  }

  /**
   * @param newData the data section
   * @return this study with another data section
   */
  public StudyConfig withData(DataSection newData) {
    return new StudyConfig(name, seed, newData, pruning, leakage, models);
  }

  /**
   * @param name a section's name
   * @return the family of the section
   * @throws IllegalArgumentException when the study has no such section
   */
  public ModelFamily<?, ?, ?, ?> family(String name) {
    ModelSection s = models.get(name);
    if (s == null) throw new IllegalArgumentException("the study has no section '" + name + "'");
    return Families.get(s.kind() == null ? name : s.kind());
  }

  /**
   * @param kind a section's kind (it must exist)
   * @param section its new content
   * @return this study with the section replaced (same order)
   */
  public StudyConfig withSection(String kind, ModelSection section) {
    if (!models.containsKey(kind)) throw new IllegalArgumentException("no section '" + kind + "'");
    Map<String, ModelSection> m = new LinkedHashMap<>(models);
    m.put(kind, section);
    return new StudyConfig(name, seed, data, pruning, leakage, m);
  }

  /**
   * @param newSeed the master seed
   * @return this study with another master seed
   */
  public StudyConfig withSeed(long newSeed) {
    return new StudyConfig(name, newSeed, data, pruning, leakage, models);
  }

  /**
   * Data sources.
   *
   * @param features feature table (xlsx/csv/tsv), or "demo" for the built-in demo data
   * @param series sequences: a folder of per-song series workbooks, a long csv, a UCR file, or "demo"
   * @param demoSeed seed of the demo data
   * @param groupColumn group (participant) column of the feature table: a name, {@code none}, or left out for
   *     {@code subject no.} when the table has it (else none); {@code participantColumn} is read as the same key
   * @param labelColumn label column of the feature table
   * @param classNames class names in label order (empty: the label texts)
   * @param dropFlagged leave out constant and copied columns
   * @param songMapping optional song→class mapping file for the series (default S1–S4, S5–S8, S9–S12)
   * @param sheet the workbook sheet of the feature table: a name or a 1-based index (left out: the first)
   * @param layout the layout of the series: auto, folder, long or ucr (left out: detected)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DataSection(
      String features,
      String series,
      Long demoSeed,
      @JsonAlias("participantColumn") String groupColumn,
      String labelColumn,
      List<String> classNames,
      Boolean dropFlagged,
      String songMapping,
      String sheet,
      String layout) {
    /** Applies defaults. */
    public DataSection {
      if (features == null || features.isBlank()) features = "demo";
      if (series == null || series.isBlank()) series = "demo";
      if (demoSeed == null) demoSeed = 42L;
      if (labelColumn == null) labelColumn = "label";
      if (classNames == null) classNames = features.equals("demo") ? List.of("classical", "instrumental", "pop") : List.of();
      if (dropFlagged == null) dropFlagged = false;
      layout(layout);
    }

    /**
     * @param layout a layout name or null
     * @return the layout ({@link SeriesOptions.Layout#AUTO} for null)
     * @throws BadInputException naming {@code data.layout} when it is not a layout
     */
    public static SeriesOptions.Layout layout(String layout) {
      if (layout == null) return SeriesOptions.Layout.AUTO;
      try {
        return SeriesOptions.Layout.valueOf(layout.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("data.layout: expected auto, folder, long or ucr, got '" + layout + "'");
      }
    }

    /** @return no data named: the demo data and series, default columns */
    public static DataSection defaults() {
      return new DataSection(null, null, null, null, null, null, null, null, null, null);
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
}
