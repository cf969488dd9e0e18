package org.distinct.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Test data as people ship them, generated from a seed: feature tables without a group column, with text columns and
 * missing cells, with any number of classes; labelled sequences in the long and UCR layouts. Every table is
 * learnable (classes are separated blobs), so a short training reaches above-chance accuracy.
 */
public final class GeneratedTables {
  private GeneratedTables() {}

  /**
   * What a generated feature table holds.
   *
   * @param rowsPerClass rows per class
   * @param classes number of classes (labels {@code c0}, {@code c1}, … unless {@code numericLabels})
   * @param numeric numeric feature columns {@code x1 …}
   * @param colorColumn add a text column {@code color} (red, green, blue; its level tells the class apart a little)
   * @param missingEvery make every n-th cell of {@code x1} missing, written as {@code NA}, {@code ?}, empty or
   *     {@code NaN} in turn (0 = none)
   * @param groups add a {@code subject no.} column with this many groups (0 = no group column)
   * @param numericLabels labels written as numbers 1, 2, … instead of texts
   */
  public record Spec(int rowsPerClass, int classes, int numeric, boolean colorColumn, int missingEvery, int groups, boolean numericLabels) {
    /** @return 3 classes of 20 rows, 4 numeric columns, nothing else: an iris-like table */
    public static Spec plain() {
      return new Spec(20, 3, 4, false, 0, 0, false);
    }

    /** @return a copy with another class count */
    public Spec withClasses(int k) {
      return new Spec(rowsPerClass, k, numeric, colorColumn, missingEvery, groups, numericLabels);
    }

    /** @return a copy with a text column and missing cells */
    public Spec withColorAndMissing(int every) {
      return new Spec(rowsPerClass, classes, numeric, true, every, groups, numericLabels);
    }

    /** @return a copy with a group column of {@code g} groups */
    public Spec withGroups(int g) {
      return new Spec(rowsPerClass, classes, numeric, colorColumn, missingEvery, g, numericLabels);
    }
  }

  /**
   * @param spec what to generate
   * @param seed the seed
   * @return the csv text: header, then one row per pattern (classes interleaved)
   */
  public static String csv(Spec spec, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] centres = new double[spec.classes()][spec.numeric()];
    for (double[] c : centres) for (int j = 0; j < c.length; j++) c[j] = rng.nextDouble(-3, 3);
    List<String> header = new ArrayList<>();
    if (spec.groups() > 0) header.add("subject no.");
    for (int j = 1; j <= spec.numeric(); j++) header.add("x" + j);
    if (spec.colorColumn()) header.add("color");
    header.add("label");
    StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
    String[] colors = {"red", "green", "blue"};
    String[] missing = {"NA", "?", "", "NaN"};
    int row = 0;
    for (int i = 0; i < spec.rowsPerClass(); i++)
      for (int k = 0; k < spec.classes(); k++, row++) {
        List<String> f = new ArrayList<>();
        if (spec.groups() > 0) f.add(Integer.toString(1 + row % spec.groups()));
        for (int j = 0; j < spec.numeric(); j++) {
          double v = centres[k][j] + rng.nextGaussian() * 0.6;
          boolean gap = j == 0 && spec.missingEvery() > 0 && row % spec.missingEvery() == spec.missingEvery() - 1;
          f.add(gap ? missing[(row / spec.missingEvery()) % missing.length] : String.format(Locale.ROOT, "%.4f", v));
        }
        if (spec.colorColumn()) f.add(colors[rng.nextInt(4) == 0 ? rng.nextInt(3) : k % 3]);
        f.add(spec.numericLabels() ? Integer.toString(k + 1) : "c" + k);
        sb.append(String.join(",", f)).append('\n');
      }
    return sb.toString();
  }

  /**
   * @param dir a folder
   * @param name the file name
   * @param spec what to generate
   * @param seed the seed
   * @return the csv file written
   * @throws IOException if it cannot be written
   */
  public static Path writeCsv(Path dir, String name, Spec spec, long seed) throws IOException {
    return Files.writeString(dir.resolve(name), csv(spec, seed));
  }

  /**
   * Learnable labelled sequences: class {@code k} oscillates at its own frequency on every channel; lengths 12–27;
   * groups 1–4.
   *
   * @param n sequences
   * @param channels values per time step
   * @param seed the seed
   * @return the sequences (labels a, b, c; ids seq0 …)
   */
  public static SequenceDataset sequences(int n, int channels, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<double[]> s = new ArrayList<>();
    int[] y = new int[n];
    int[] g = new int[n];
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      int len = 12 + rng.nextInt(16);
      double[] v = new double[len * channels];
      for (int t = 0; t < len; t++)
        for (int c = 0; c < channels; c++)
          v[t * channels + c] = Math.round((Math.sin((y[i] + 1) * 0.7 * t + c) + rng.nextGaussian() * 0.2) * 1e4) / 1e4;
      s.add(v);
      g[i] = 1 + i % 4;
      ids.add("seq" + i);
    }
    return new SequenceDataset("generated", s, channels, y, g, ids, List.of("a", "b", "c"), SeriesOptions.Layout.LONG, true);
  }

  /**
   * Writes sequences as a long csv: {@code sequence,label,group,time,ch0,…}, one row per time step in order.
   *
   * @param d the sequences
   * @param file the file
   * @param withGroup write the group column
   * @return the file
   * @throws IOException if it cannot be written
   */
  public static Path writeLong(SequenceDataset d, Path file, boolean withGroup) throws IOException {
    int c = d.inputSize();
    StringBuilder sb = new StringBuilder("sequence,label" + (withGroup ? ",group" : "") + ",time");
    for (int ch = 0; ch < c; ch++) sb.append(",ch").append(ch);
    sb.append('\n');
    for (int i = 0; i < d.size(); i++)
      for (int t = 0; t < d.length(i); t++) {
        sb.append(d.songs().get(i)).append(',').append(d.classNames().get(d.labels()[i]));
        if (withGroup) sb.append(',').append(d.groups()[i]);
        sb.append(',').append(t);
        for (int ch = 0; ch < c; ch++) sb.append(',').append(d.series().get(i)[t * c + ch]);
        sb.append('\n');
      }
    return Files.writeString(file, sb.toString());
  }

  /**
   * Writes single-channel sequences in the UCR layout: tab separated, the label first, shorter rows padded with NaN.
   *
   * @param d the sequences (input size 1)
   * @param file the file
   * @return the file
   * @throws IOException if it cannot be written
   */
  public static Path writeUcr(SequenceDataset d, Path file) throws IOException {
    if (d.inputSize() != 1) throw new IllegalArgumentException("UCR files hold one channel");
    int width = 0;
    for (int i = 0; i < d.size(); i++) width = Math.max(width, d.length(i));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < d.size(); i++) {
      sb.append(d.labels()[i] + 1);
      for (int t = 0; t < width; t++) sb.append('\t').append(t < d.length(i) ? Double.toString(d.series().get(i)[t]) : "NaN");
      sb.append('\n');
    }
    return Files.writeString(file, sb.toString());
  }
}
