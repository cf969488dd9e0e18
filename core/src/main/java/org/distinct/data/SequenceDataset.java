package org.distinct.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Labelled sequences of different lengths (the raw per-song EEG series): sequence s has {@code lengths[s]}
 * time steps of {@code inputSize} values each, stored row-major {@code [lengths[s] × inputSize]} in
 * {@code series.get(s)}.
 *
 * <p>Arrays are shared, not copied: treat them as read-only. {@link #subset(int[])} shares the series
 * arrays (they are never modified in place by distinct).
 *
 * @param source where the sequences came from (folder or description)
 * @param series one array per sequence, row-major {@code [length × inputSize]}
 * @param inputSize values per time step (channels; 1 for the F7 series), stored interleaved per time step
 * @param labels class index per sequence
 * @param groups participant id per sequence
 * @param songs per sequence: the song name (e.g. {@code S3}) for the folder layout, used by the per-song hold-out
 *     split; the sequence id for the long layout; the 1-based row number for the UCR layout (these layouts have no
 *     songs: see {@link SeriesLoader.Loaded#layout()})
 * @param classNames the name of each class index
 * @param layout the layout the sequences were read from ({@link SeriesOptions.Layout#FOLDER} for the paper's per-song
 *     folder: only its sequences have songs for the per-song split)
 * @param grouped whether {@code groups} are real groups (participants of the folder layout, the group column of the
 *     long layout) rather than one group per sequence
 */
public record SequenceDataset(
    String source,
    List<double[]> series,
    int inputSize,
    int[] labels,
    int[] groups,
    List<String> songs,
    List<String> classNames,
    SeriesOptions.Layout layout,
    boolean grouped) implements LabelledData<SequenceDataset> {

  /** Checks that all dimensions agree. */
  public SequenceDataset {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(layout, "layout");
    if (layout == SeriesOptions.Layout.AUTO) throw new IllegalArgumentException("layout must be the one read, not AUTO");
    series = List.copyOf(series);
    songs = List.copyOf(songs);
    classNames = List.copyOf(classNames);
    int n = series.size();
    if (inputSize <= 0) throw new IllegalArgumentException("inputSize must be positive");
    if (labels.length != n || groups.length != n || songs.size() != n)
      throw new IllegalArgumentException("labels/groups/songs must have one entry per sequence (" + n + ")");
    for (int s = 0; s < n; s++) {
      if (series.get(s).length == 0 || series.get(s).length % inputSize != 0)
        throw new IllegalArgumentException("sequence " + s + " has " + series.get(s).length + " values, not a positive multiple of " + inputSize);
      if (labels[s] < 0 || labels[s] >= classNames.size())
        throw new IllegalArgumentException("label " + labels[s] + " outside [0," + classNames.size() + ")");
    }
  }

  /**
   * Sequences of the per-song folder layout: participants are the groups, songs are real.
   *
   * @param source where the sequences came from
   * @param series one array per sequence
   * @param inputSize values per time step
   * @param labels class per sequence
   * @param groups participant per sequence
   * @param songs song per sequence
   * @param classNames class names
   */
  public SequenceDataset(String source, List<double[]> series, int inputSize, int[] labels, int[] groups, List<String> songs,
      List<String> classNames) {
    this(source, series, inputSize, labels, groups, songs, classNames, SeriesOptions.Layout.FOLDER, true);
  }

  /** @return whether the sequences have songs (the folder layout), so that the per-song split applies */
  public boolean hasSongs() {
    return layout == SeriesOptions.Layout.FOLDER;
  }

  /** @return number of sequences */
  public int size() {
    return series.size();
  }

  /** @return number of time steps of sequence {@code s} */
  public int length(int s) {
    return series.get(s).length / inputSize;
  }

  /** @return number of classes */
  public int numClasses() {
    return classNames.size();
  }

  /**
   * Selects sequences.
   *
   * @param idx sequence indices, in the order wanted (Not modified)
   * @return a dataset of those sequences (series arrays shared)
   */
  public SequenceDataset subset(int[] idx) {
    double[][] s = new double[idx.length][];
    int[] l = new int[idx.length];
    int[] g = new int[idx.length];
    String[] so = new String[idx.length];
    for (int i = 0; i < idx.length; i++) {
      s[i] = series.get(idx[i]);
      l[i] = labels[idx[i]];
      g[i] = groups[idx[i]];
      so[i] = songs.get(idx[i]);
    }
    return new SequenceDataset(source, List.of(s), inputSize, l, g, List.of(so), classNames, layout, grouped);
  }

  /**
   * Appends another dataset's sequences after this one's.
   *
   * @param other sequences with the same input size and classes (Not modified; arrays shared)
   * @return a new dataset: this dataset's sequences, then {@code other}'s (source "A + B")
   * @throws IllegalArgumentException if the input sizes differ
   */
  public SequenceDataset concat(SequenceDataset other) {
    if (other.inputSize != inputSize) throw new IllegalArgumentException("cannot append input size " + other.inputSize + " to " + inputSize);
    if (other.layout != layout || other.grouped != grouped) throw new IllegalArgumentException("cannot append sequences of another layout");
    int n = size() + other.size();
    List<double[]> s = new ArrayList<>(series);
    s.addAll(other.series);
    List<String> so = new ArrayList<>(songs);
    so.addAll(other.songs);
    int[] l = new int[n];
    int[] g = new int[n];
    System.arraycopy(labels, 0, l, 0, size());
    System.arraycopy(other.labels, 0, l, size(), other.size());
    System.arraycopy(groups, 0, g, 0, size());
    System.arraycopy(other.groups, 0, g, size(), other.size());
    return new SequenceDataset(source + " + " + other.source, s, inputSize, l, g, so, classNames, layout, grouped);
  }

  /**
   * Returns the same sequences with new values (e.g. after smoothing or scaling).
   *
   * @param newSeries one array per sequence (kept, not copied)
   * @param newInputSize values per time step
   * @return a dataset sharing labels, groups and songs with this one
   */
  public SequenceDataset withSeries(List<double[]> newSeries, int newInputSize) {
    return new SequenceDataset(source, newSeries, newInputSize, labels, groups, songs, classNames, layout, grouped);
  }
}
