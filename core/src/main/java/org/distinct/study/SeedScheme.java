package org.distinct.study;

import java.util.SplittableRandom;
import org.distinct.data.LabelledData;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.family.DataKind;
import org.distinct.model.Network;
import org.distinct.train.SoftmaxCrossEntropy;
import org.distinct.util.Rows;

/**
 * How a run's master seed splits into the seeds of its parts, and how a fold's loss is computed. The MLP and RNN
 * parts of the first studies (format version 1) did both differently; each data kind keeps its scheme so that every
 * recorded study reruns bit for bit (new families on sequences use the sequence scheme).
 *
 * <ul>
 *   <li>{@link #TABLE}: {@code m = SplittableRandom(master)}: hold-out seed, cross-validation seed, final seed (three
 *       {@code m.split().nextLong()}); the cross-validation seed is again split into the fold-assignment seed and one
 *       seed per fold. Fold loss: {@link ClassificationMetrics#fromLogits} ({@code (max − z_y) + log Σ}).
 *   <li>{@link #SERIES}: {@code m = SplittableRandom(master)}: hold-out seed, fold-assignment seed, one seed per fold,
 *       then the final seed. Fold loss: {@link SoftmaxCrossEntropy#meanLoss} ({@code max + log Σ − z_y}).
 * </ul>
 */
public enum SeedScheme {
  /** The MLP's scheme. */
  TABLE,
  /** The Elman RNN's scheme. */
  SERIES;

  /**
   * The seeds of one run of the protocol.
   *
   * @param holdout seed of the test hold-out
   * @param foldAssignment seed of the assignment of training patterns to folds
   * @param folds seed of each fold's training
   * @param fin seed of the final model's training
   */
  public record Seeds(long holdout, long foldAssignment, long[] folds, long fin) {}

  /**
   * @param kind a data kind
   * @return its scheme
   */
  public static SeedScheme of(DataKind kind) {
    return kind == DataKind.TABLE ? TABLE : SERIES;
  }

  /**
   * @param master the run's master seed
   * @param folds number of cross-validation folds (0 = none)
   * @return the seeds of its parts
   */
  public Seeds seeds(long master, int folds) {
    SplittableRandom m = new SplittableRandom(master);
    long holdout = m.split().nextLong();
    long[] f = new long[folds];
    if (this == TABLE) {
      long cv = m.split().nextLong();
      long fin = m.split().nextLong();
      SplittableRandom c = new SplittableRandom(cv);
      long assign = c.split().nextLong();
      for (int i = 0; i < folds; i++) f[i] = c.split().nextLong();
      return new Seeds(holdout, assign, f, fin);
    }
    long assign = m.split().nextLong();
    for (int i = 0; i < folds; i++) f[i] = m.split().nextLong();
    return new Seeds(holdout, assign, f, m.split().nextLong());
  }

  /**
   * The seeds of a cross-validation alone (a grid point): {@code c = SplittableRandom(master)}, the fold-assignment
   * seed, then one seed per fold, each {@code c.split().nextLong()} (the inner chain of {@link #TABLE}).
   *
   * @param master the cross-validation's seed
   * @param folds number of folds
   * @return the seeds (hold-out and final seeds are 0: unused)
   */
  public Seeds crossValidationSeeds(long master, int folds) {
    SplittableRandom c = new SplittableRandom(master);
    long assign = c.split().nextLong();
    long[] f = new long[folds];
    for (int i = 0; i < folds; i++) f[i] = c.split().nextLong();
    return new Seeds(0, assign, f, 0);
  }

  /**
   * Loss and accuracy of a fold's model on one part of the fold.
   *
   * @param <D> data type
   * @param model the model
   * @param data the part (Not modified)
   * @return {@code {loss, accuracy}}
   */
  public <D extends LabelledData<D>> double[] evaluate(Network<D> model, D data) {
    double[] z = model.logits(data);
    int n = data.size();
    int c = model.numClasses();
    if (this == TABLE) {
      ClassificationMetrics m = ClassificationMetrics.fromLogits(z, data.labels(), n, c);
      return new double[] {m.loss(), m.accuracy()};
    }
    return new double[] {SoftmaxCrossEntropy.meanLoss(z, data.labels(), n, c), (double) Rows.countCorrect(z, data.labels(), n, c) / n};
  }
}
