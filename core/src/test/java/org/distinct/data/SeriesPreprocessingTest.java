package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeriesPreprocessingTest {

  private static SequenceDataset seqs(double[]... s) {
    int n = s.length;
    int[] zeros = new int[n];
    String[] songs = new String[n];
    Arrays.fill(songs, "S1");
    return new SequenceDataset("t", List.of(s), 1, zeros, zeros, List.of(songs), List.of("a"));
  }

  @Test
  void medianFilterHandWorked() {
    double[] x = {5, 1, 4, 2, 8, 7, 3};
    assertThat(MedianFilter.apply(x, 1)).containsExactly(x);
    assertThat(MedianFilter.apply(x, 3)).containsExactly(5, 4, 2, 4, 7, 7, 3);
    assertThat(MedianFilter.apply(x, 5)).containsExactly(5, 4, 4, 4, 4, 7, 3);
    assertThat(MedianFilter.apply(x, 7)).containsExactly(5, 4, 4, 4, 4, 7, 3);
    assertThat(MedianFilter.apply(new double[] {9}, 5)).containsExactly(9);
    assertThat(MedianFilter.apply(new double[] {9, 1}, 5)).containsExactly(9, 1);
    assertThat(x).containsExactly(5, 1, 4, 2, 8, 7, 3); // not modified
    assertThatThrownBy(() -> MedianFilter.apply(x, 4)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void medianFilterMatchesBruteForceOnEveryChannel() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 50, c = 2, w = 7;
    double[] x = new double[n * c];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextInt(10); // ties included
    SequenceDataset d = new SequenceDataset("t", List.of(x), c, new int[1], new int[1], List.of("S1"), List.of("a"));
    double[] y = MedianFilter.apply(d, w).series().get(0);
    for (int ch = 0; ch < c; ch++)
      for (int t = 0; t < n; t++) {
        int k = Math.min(w / 2, Math.min(t, n - 1 - t));
        double[] win = new double[2 * k + 1];
        for (int i = 0; i < win.length; i++) win[i] = x[(t - k + i) * c + ch];
        Arrays.sort(win);
        assertThat(y[t * c + ch]).isEqualTo(win[k]);
      }
  }

  /** The rule as first written: a stable insertion sort of every window (which decides between 0 and -0 and with NaN). */
  private static double[] insertionSortMedians(double[] x, int n, int c, int ch, int w) {
    double[] y = new double[n * c];
    double[] buf = new double[w];
    for (int t = 0; t < n; t++) {
      int k = Math.min(w / 2, Math.min(t, n - 1 - t));
      for (int i = 0; i < 2 * k + 1; i++) {
        double v = x[(t - k + i) * c + ch];
        int j = i - 1;
        while (j >= 0 && buf[j] > v) {
          buf[j + 1] = buf[j];
          j--;
        }
        buf[j + 1] = v;
      }
      y[t * c + ch] = buf[k];
    }
    return y;
  }

  @Test
  void medianFilterGivesTheBitsOfTheInsertionSortRule() {
    SplittableRandom rng = new SplittableRandom(9);
    double[] pool = {0.0, -0.0, 1, -1, 2, 2.5, Double.MIN_VALUE, -Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300};
    int checked = 0;
    for (int k = 0; k < 20_000; k++) {
      int n = 1 + rng.nextInt(k % 10 == 0 ? 300 : 12), c = 1 + rng.nextInt(2), w = k % 3 == 0 ? 1 + 2 * rng.nextInt(5) : 5;
      double[] x = new double[n * c];
      for (int i = 0; i < x.length; i++)
        x[i] = switch (rng.nextInt(k % 4 == 0 ? 4 : 3)) {
          case 0 -> pool[rng.nextInt(pool.length)];
          case 1 -> rng.nextInt(5) - 2; // ties
          case 2 -> rng.nextDouble() * 2 - 1;
          default -> rng.nextInt(50) == 0 ? Double.NaN : rng.nextInt(3) - 1;
        };
      double[] y = new double[n * c];
      for (int ch = 0; ch < c; ch++) {
        MedianFilter.apply(x, y, n, c, ch, w, new double[w]);
        double[] want = insertionSortMedians(x, n, c, ch, w);
        for (int t = 0; t < n; t++) {
          long got = Double.doubleToRawLongBits(y[t * c + ch]), exp = Double.doubleToRawLongBits(want[t * c + ch]);
          if (got != exp) throw new AssertionError("n " + n + " w " + w + " t " + t + ": " + Arrays.toString(x) + " gives " + y[t * c + ch] + ", not " + want[t * c + ch]);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(100_000);
    assertThat(MedianFilter.median5(3, 1, 2, 5, 4)).isEqualTo(3);
    assertThat(MedianFilter.median5(1, 1, 1, 0, 2)).isEqualTo(1);
  }

  @Test
  void downsamplingAveragesBlocks() {
    assertThat(Downsampling.apply(new double[] {1, 2, 3, 4, 5}, 1, 2)).containsExactly(1.5, 3.5, 5);
    assertThat(Downsampling.apply(new double[] {1, 10, 3, 30, 5, 50}, 2, 3)).containsExactly(3, 30);
    assertThat(Downsampling.apply(new double[] {1, 2}, 1, 1)).containsExactly(1, 2);
  }

  @Test
  void scalingPerSequenceAndGlobal() {
    SequenceDataset train = seqs(new double[] {2, 4, 6}, new double[] {0, 10});
    SequenceDataset per = SequenceScaling.applyPerSequence(train);
    assertThat(per.series().get(0)).containsExactly(0, 0.5, 1);
    assertThat(per.series().get(1)).containsExactly(0, 1);
    assertThat(SequenceScaling.applyPerSequence(seqs(new double[] {3, 3})).series().get(0)).containsExactly(0, 0);
    MinMaxScaler g = SequenceScaling.fitGlobal(train);
    assertThat(g.min()).containsExactly(0);
    assertThat(g.max()).containsExactly(10);
    SequenceDataset other = SequenceScaling.applyGlobal(seqs(new double[] {-5, 5, 20}), g);
    assertThat(other.series().get(0)).containsExactly(-0.5, 0.5, 2.0);
  }

  @Test
  void preprocessingChainFitsOnTrainAndAppliesToOther() {
    SequenceDataset train = seqs(new double[] {1, 9, 2, 8, 3, 7}, new double[] {4, 4, 40, 4, 4});
    SequenceDataset test = seqs(new double[] {0, 100, 0, 0});
    SeriesPreprocessing p = new SeriesPreprocessing(3, SequenceScaling.Mode.GLOBAL, 2);
    SeriesPreprocessing.Fitted f = p.fit(train);
    // train after median 3: [1,2,8,3,7,7] and [4,4,4,4,4]; downsample 2: [1.5,5.5,7] and [4,4,4] → min 1.5, max 7
    assertThat(f.globalMin()).containsExactly(1.5);
    assertThat(f.globalMax()).containsExactly(7);
    // test after median 3: [0,0,0,0]; downsample: [0,0] → (0-1.5)/5.5
    assertThat(f.apply(test).series().get(0)).containsExactly(-1.5 / 5.5, -1.5 / 5.5);
    SeriesPreprocessing.Fitted d = SeriesPreprocessing.defaults().fit(train);
    assertThat(d.globalMin()).isNull();
    // defaults: median 5 of [1,9,2,8,3,7] = [1,2,3,7,7,7], per-sequence min 1, max 7
    assertThat(d.apply(train).series().get(0)).containsExactly(0, 1 / 6.0, 2 / 6.0, 1, 1, 1);
    SeriesPreprocessing none = new SeriesPreprocessing(1, SequenceScaling.Mode.NONE, 1);
    SequenceDataset same = none.fit(train).apply(train);
    assertThat(same.series().get(0)).containsExactly(train.series().get(0)).isNotSameAs(train.series().get(0));
    assertThat(SeriesPreprocessing.defaults()).isEqualTo(new SeriesPreprocessing(5, SequenceScaling.Mode.PER_SEQUENCE, 1));
    assertThatThrownBy(() -> new SeriesPreprocessing(4, SequenceScaling.Mode.NONE, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SeriesPreprocessing(3, SequenceScaling.Mode.NONE, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
