package org.distinct.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.distinct.BadInputException;
import org.distinct.data.TableEncoder;
import org.distinct.family.ModelFamily;
import org.distinct.family.PreprocessSettings;
import org.distinct.family.Protocol;
import org.distinct.family.TrainSettings;

/**
 * The study section of a family on a feature table (the MLP): keys as in the built-in study file.
 *
 * @param kind the family's kind ({@code mlp}); written only for a section named otherwise (e.g. {@code deep-mlp})
 * @param seeds number of repeated runs (seeds; default 10)
 * @param hidden hidden layer sizes
 * @param activation sigmoid, tanh or relu
 * @param optimizer adam or sgd
 * @param learningRate learning rate
 * @param momentum SGD momentum
 * @param batchSize mini-batch size
 * @param epochs epochs
 * @param folds cross-validation folds (0 = none)
 * @param testFraction fraction held out for testing (of participants when the split is grouped)
 * @param split test hold-out and folds: grouped (by participant), stratified or random; left out: grouped when the
 *     table has a group column, else stratified (resolved against the data before the study runs)
 * @param impute missing cells: none (refused), mean, median or most-frequent, fitted on each training part
 * @param unknownCategories a category unseen in the training part: error or ignore (all zeros)
 * @param criteria the criteria swept on this section's models, or left out for the study's {@code pruning.criteria}
 * @param layers the hidden layers swept in turn, 0-based (default [0]; a deep MLP may sweep every layer)
 * @param grid optional hyper-parameter grid: keys batchSize, learningRate, epochs, hidden; each a non-empty list;
 *     every combination is cross-validated (fewer seeds: {@code gridSeeds})
 * @param gridSeeds seeds per grid point (default 3)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kind", "seeds", "hidden", "activation", "optimizer", "learningRate", "momentum", "batchSize", "epochs", "folds",
    "testFraction", "split", "impute", "unknownCategories", "criteria", "layers", "grid", "gridSeeds"})
public record TableSection(
    String kind,
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
    String split,
    String impute,
    String unknownCategories,
    List<String> criteria,
    List<Integer> layers,
    Map<String, List<Object>> grid,
    Integer gridSeeds) implements ModelSection {

  /** The splits a feature-table section can use. */
  static final List<String> SPLITS = List.of("grouped", "stratified", "random");

  /** Keys of a grid. */
  static final List<String> GRID_KEYS = List.of("batchSize", "learningRate", "epochs", "hidden");

  @Override
  public TableSection resolve(String kind, ModelFamily<?, ?, ?, ?> family) {
    TrainSettings d = defaults(family);
    Protocol p = family.protocol();
    TableSection r = new TableSection(family.kind(), seeds == null ? 10 : seeds, hidden == null ? d.hidden() : hidden,
        activation == null ? d.activation() : activation, optimizer == null ? d.optimizer() : optimizer,
        learningRate == null ? d.learningRate() : learningRate, momentum == null ? d.momentum() : momentum,
        batchSize == null ? d.batchSize() : batchSize, epochs == null ? d.epochs() : epochs, folds == null ? p.folds() : folds,
        testFraction == null ? p.testFraction() : testFraction, split, impute == null ? "none" : impute,
        unknownCategories == null ? "error" : unknownCategories, criteria, layers == null ? List.of(0) : layers, grid,
        gridSeeds == null ? 3 : gridSeeds);
    r.validate(kind, family);
    return r;
  }

  private static <C> TrainSettings defaults(ModelFamily<?, ?, ?, C> f) {
    return f.settings(f.defaults());
  }

  private void validate(String k, ModelFamily<?, ?, ?, ?> family) {
    if (seeds < 1) throw new BadInputException(k + ".seeds must be at least 1, got " + seeds);
    if (gridSeeds < 1) throw new BadInputException(k + ".gridSeeds must be at least 1, got " + gridSeeds);
    if (hidden.isEmpty()) throw new BadInputException(k + ".hidden: at least one hidden layer is needed for pruning");
    for (Integer h : hidden) if (h == null || h < 2) throw new BadInputException(k + ".hidden: sizes must be at least 2, got " + hidden);
    if (!(learningRate > 0)) throw new BadInputException(k + ".learningRate must be positive, got " + learningRate);
    if (batchSize < 1) throw new BadInputException(k + ".batchSize must be at least 1, got " + batchSize);
    if (epochs < 1) throw new BadInputException(k + ".epochs must be at least 1, got " + epochs);
    if (folds != 0 && folds < 2) throw new BadInputException(k + ".folds must be 0 (none) or at least 2, got " + folds);
    if (!(testFraction > 0 && testFraction < 1)) throw new BadInputException(k + ".testFraction must be in (0, 1), got " + testFraction);
    if (split != null && !SPLITS.contains(split))
      throw new BadInputException(k + ".split: expected " + String.join(", ", SPLITS) + ", got '" + split + "'");
    Sections.checkCriteria(k, criteria);
    Sections.checkLayers(k, layers, hidden.size());
    Sections.parseEnum(TableEncoder.Impute.class, impute, k + ".impute");
    Sections.parseEnum(TableEncoder.UnknownCategories.class, unknownCategories, k + ".unknownCategories");
    if (!optimizer.equalsIgnoreCase("adam") && !optimizer.equalsIgnoreCase("sgd"))
      throw new BadInputException(k + ".optimizer: expected adam or sgd, got '" + optimizer + "'");
    Sections.checkConfigures(k, family, trainSettings());
    if (grid != null) validateGrid(k + ".grid");
  }

  private void validateGrid(String where) {
    for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
      if (!GRID_KEYS.contains(e.getKey()))
        throw new BadInputException(where + ": unknown key '" + e.getKey() + "' (known: " + String.join(", ", GRID_KEYS) + ")");
      if (e.getValue() == null || e.getValue().isEmpty()) throw new BadInputException(where + "." + e.getKey() + ": the list is empty");
      for (Object v : e.getValue())
        if (!(v instanceof Number n) || !(n.doubleValue() > 0))
          throw new BadInputException(where + "." + e.getKey() + ": values must be positive numbers, got " + v);
    }
  }

  /** The optimizer's momentum is only given to SGD. */
  @Override
  public TrainSettings trainSettings() {
    boolean sgd = optimizer.equalsIgnoreCase("sgd");
    return new TrainSettings(hidden, activation, optimizer, learningRate, sgd ? momentum : null, batchSize, epochs, null, null, null, 1);
  }

  /** @return folds, test fraction and the split (grouped while it is not resolved) */
  @Override
  public Protocol protocol() {
    return new Protocol(folds, testFraction, split == null ? Protocol.Split.GROUPED : Protocol.Split.parse(split));
  }

  @Override
  public TableSection withSplit(Protocol.Split s) {
    return new TableSection(kind, seeds, hidden, activation, optimizer, learningRate, momentum, batchSize, epochs, folds, testFraction,
        s.label(), impute, unknownCategories, criteria, layers, grid, gridSeeds);
  }

  /** @return the default sequence settings (unused) and this section's imputation and unseen-category handling */
  @Override
  public PreprocessSettings preprocessing() {
    return PreprocessSettings.defaults().withTable(new TableEncoder.EncoderOptions(
        Sections.parseEnum(TableEncoder.Impute.class, impute, "impute"),
        Sections.parseEnum(TableEncoder.UnknownCategories.class, unknownCategories, "unknownCategories")));
  }
}
