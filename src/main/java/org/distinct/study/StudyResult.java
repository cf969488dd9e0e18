package org.distinct.study;

import java.util.List;
import java.util.Map;

/**
 * All numbers a study produced: what the report is made from, and what {@code --rerun} compares.
 *
 * @param config the study as run
 * @param provenance where and how the numbers were made
 * @param features description of the feature table (rows, features, participants, classes)
 * @param series description of the series (sequences, lengths), or null without an RNN part
 * @param mlp one run per MLP seed, in seed order (empty without an MLP part)
 * @param rnn one run per RNN seed, in seed order (empty without an RNN part)
 * @param grid cross-validation results of every grid point (empty without a grid)
 * @param seconds wall-clock seconds per phase
 */
public record StudyResult(
    StudyConfig config,
    Provenance provenance,
    Map<String, Object> features,
    Map<String, Object> series,
    List<MlpRun> mlp,
    List<RnnRun> rnn,
    List<GridPoint> grid,
    Map<String, Double> seconds) {

  /**
   * One grid point: a hyper-parameter combination cross-validated over a few seeds.
   *
   * @param values the combination, e.g. {@code {batchSize=16, learningRate=0.01}}
   * @param validationAccuracy mean fold validation accuracy per seed
   * @param validationLoss mean fold validation loss per seed
   */
  public record GridPoint(Map<String, Object> values, double[] validationAccuracy, double[] validationLoss) {}
}
