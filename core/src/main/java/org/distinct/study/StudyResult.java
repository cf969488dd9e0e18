package org.distinct.study;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * All numbers a study produced: what the report is made from, and what {@code --rerun} compares. Written as
 * {@code results.json} (format {@value #FORMAT}, version {@value #FORMAT_VERSION}: runs keyed by family kind; version
 * 1, with {@code mlp} and {@code rnn} arrays at the top level, is read by {@link Rerun}).
 *
 * @param config the study as run
 * @param provenance where and how the numbers were made
 * @param features description of the feature table (rows, features, participants, classes), or null if not read
 * @param series description of the series (sequences, lengths), or null if not read
 * @param runs one list of runs per model section (keyed by kind, in section order), each in seed order
 * @param grid cross-validation results of every grid point (empty without a grid)
 * @param seconds wall-clock seconds per phase (one per section kind, and {@code grid})
 */
@JsonPropertyOrder({"format", "formatVersion", "config", "provenance", "features", "series", "runs", "grid", "seconds"})
@JsonIgnoreProperties(value = {"format", "formatVersion"}, allowGetters = true)
public record StudyResult(
    StudyConfig config,
    Provenance provenance,
    Map<String, Object> features,
    Map<String, Object> series,
    Map<String, List<Run>> runs,
    List<GridPoint> grid,
    Map<String, Double> seconds) {

  /** The format name of {@code results.json}. */
  public static final String FORMAT = "distinct-results";
  /** The format version this build writes. */
  public static final int FORMAT_VERSION = 2;

  /** @return {@value #FORMAT} */
  @JsonProperty("format")
  public String format() {
    return FORMAT;
  }

  /** @return {@value #FORMAT_VERSION} */
  @JsonProperty("formatVersion")
  public int formatVersion() {
    return FORMAT_VERSION;
  }

  /**
   * @param kind a family kind
   * @return the runs of its section, in seed order (empty if the study has none)
   */
  public List<Run> runs(String kind) {
    List<Run> r = runs.get(kind);
    return r == null ? List.of() : r;
  }

  /**
   * One grid point: a hyper-parameter combination cross-validated over a few seeds.
   *
   * @param values the combination, e.g. {@code {batchSize=16, learningRate=0.01}}
   * @param validationAccuracy mean fold validation accuracy per seed
   * @param validationLoss mean fold validation loss per seed
   */
  public record GridPoint(Map<String, Object> values, double[] validationAccuracy, double[] validationLoss) {}
}
