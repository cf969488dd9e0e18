package org.distinct.data;

import java.util.List;
import java.util.Objects;

/**
 * A labelled feature table in memory: {@code rows × cols} features (row-major), one class label and one
 * participant (group) id per row, with the names of the features and classes.
 *
 * <p>Arrays are shared, not copied: treat them as read-only. {@link #subset(int[])} returns copies.
 *
 * @param source where the rows came from (file name or description), used in messages and provenance
 * @param x features, row-major {@code [rows × cols]}
 * @param rows number of rows (patterns)
 * @param cols number of features
 * @param labels class index per row, in {@code [0, classNames.size())}
 * @param groups participant id per row (any int; rows with equal id belong to the same participant)
 * @param featureNames one name per feature column, unique
 * @param classNames the name of each class index
 */
public record Dataset(
    String source,
    double[] x,
    int rows,
    int cols,
    int[] labels,
    int[] groups,
    List<String> featureNames,
    List<String> classNames) implements LabelledData<Dataset> {

  /** Checks that all dimensions agree. */
  public Dataset {
    Objects.requireNonNull(source, "source");
    if (rows < 0 || cols < 0) throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
    if (x.length != rows * cols)
      throw new IllegalArgumentException("x has " + x.length + " values, expected " + rows + "x" + cols);
    if (labels.length != rows) throw new IllegalArgumentException("labels length " + labels.length + " != rows " + rows);
    if (groups.length != rows) throw new IllegalArgumentException("groups length " + groups.length + " != rows " + rows);
    if (featureNames.size() != cols)
      throw new IllegalArgumentException("featureNames size " + featureNames.size() + " != cols " + cols);
    featureNames = List.copyOf(featureNames);
    classNames = List.copyOf(classNames);
    for (int l : labels)
      if (l < 0 || l >= classNames.size())
        throw new IllegalArgumentException("label " + l + " outside [0," + classNames.size() + ")");
  }

  /** @return the number of classes */
  @Override
  public int numClasses() {
    return classNames.size();
  }

  /** @return the number of rows ({@link #rows()}) */
  @Override
  public int size() {
    return rows;
  }

  /**
   * Copies the given rows into a new dataset.
   *
   * @param idx row indices, in the order wanted (Not modified)
   * @return a new dataset holding copies of those rows
   */
  public Dataset subset(int[] idx) {
    double[] nx = new double[idx.length * cols];
    int[] nl = new int[idx.length];
    int[] ng = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      System.arraycopy(x, idx[i] * cols, nx, i * cols, cols);
      nl[i] = labels[idx[i]];
      ng[i] = groups[idx[i]];
    }
    return new Dataset(source, nx, idx.length, cols, nl, ng, featureNames, classNames);
  }

  /**
   * Returns the same rows with the feature matrix replaced (e.g. after scaling or column removal).
   *
   * @param newX row-major {@code [rows × newNames.size()]} (kept, not copied)
   * @param newNames the feature names of the new columns
   * @return a dataset sharing labels and groups with this one
   */
  public Dataset withFeatures(double[] newX, List<String> newNames) {
    return new Dataset(source, newX, rows, newNames.size(), labels, groups, newNames, classNames);
  }

  /**
   * Appends another dataset's rows after this one's.
   *
   * @param other rows with the same features and classes (Not modified)
   * @return a new dataset: this dataset's rows, then {@code other}'s (source "A + B")
   * @throws IllegalArgumentException if the feature counts differ
   */
  public Dataset concat(Dataset other) {
    if (other.cols != cols) throw new IllegalArgumentException("cannot append " + other.cols + " columns to " + cols);
    int n = rows + other.rows;
    double[] nx = new double[n * cols];
    int[] nl = new int[n];
    int[] ng = new int[n];
    System.arraycopy(x, 0, nx, 0, x.length);
    System.arraycopy(other.x, 0, nx, x.length, other.x.length);
    System.arraycopy(labels, 0, nl, 0, rows);
    System.arraycopy(other.labels, 0, nl, rows, other.rows);
    System.arraycopy(groups, 0, ng, 0, rows);
    System.arraycopy(other.groups, 0, ng, rows, other.rows);
    return new Dataset(source + " + " + other.source, nx, n, cols, nl, ng, featureNames, classNames);
  }

  /** @return the value at row {@code r}, column {@code c} */
  public double get(int r, int c) {
    return x[r * cols + c];
  }
}
