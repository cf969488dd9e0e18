package org.distinct.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distinct.data.SequenceDataset;
import org.distinct.model.ElmanRnn;

/** Small random sequence builders for RNN tests (seeded, no literals). */
public final class RnnTestData {
  private RnnTestData() {}

  /**
   * @param lengths steps per sequence
   * @param in values per step
   * @param seed seed
   * @return sequences with values uniform in [-1, 1]
   */
  public static List<double[]> sequences(int[] lengths, int in, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<double[]> out = new ArrayList<>();
    for (int len : lengths) {
      double[] x = new double[len * in];
      for (int i = 0; i < x.length; i++) x[i] = r.nextDouble(-1, 1);
      out.add(x);
    }
    return out;
  }

  /**
   * @param n count
   * @param classes number of classes
   * @param seed seed
   * @return random labels
   */
  public static int[] labels(int n, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = r.nextInt(classes);
    return y;
  }

  /**
   * A dataset whose class is visible in the series: class c shifts the level of a noisy sine by 0.4·(c − 1).
   *
   * @param n sequences
   * @param minLen shortest length
   * @param maxLen longest length
   * @param classes classes
   * @param seed seed
   * @return the dataset (input size 1)
   */
  public static SequenceDataset learnable(int n, int minLen, int maxLen, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<double[]> s = new ArrayList<>();
    int[] y = new int[n];
    int[] g = new int[n];
    List<String> songs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) names.add("c" + c);
    for (int i = 0; i < n; i++) {
      y[i] = i % classes;
      g[i] = i;
      songs.add("S" + (i % 12 + 1));
      int len = minLen + r.nextInt(maxLen - minLen + 1);
      double[] x = new double[len];
      double phase = r.nextDouble(0, 2 * Math.PI);
      for (int t = 0; t < len; t++) x[t] = 0.4 * (y[i] - 1) + 0.5 * Math.sin(phase + 0.3 * t) + 0.3 * r.nextDouble(-1, 1);
      s.add(x);
    }
    return new SequenceDataset("test", s, 1, y, g, songs, names);
  }

  /**
   * A recurrent training configuration with Adam.
   *
   * @param hidden hidden units (one layer)
   * @param lr learning rate
   * @param batch batch size
   * @param epochs epochs
   * @param clip gradient-norm clipping (0 = off)
   * @param threads threads per batch
   * @return the configuration (full BPTT, shuffled)
   */
  public static SequenceTrainConfig config(int hidden, double lr, int batch, int epochs, double clip, int threads) {
    return new SequenceTrainConfig(new int[] {hidden}, OptimizerConfig.adam(lr), batch, epochs, 0, clip, true, threads);
  }

  /**
   * @param cfg settings
   * @return an Elman RNN trainer on the default kernels
   */
  public static SequenceTrainer<ElmanRnn> trainer(SequenceTrainConfig cfg) {
    return new SequenceTrainer<>(cfg, new ElmanArchitecture());
  }
}
