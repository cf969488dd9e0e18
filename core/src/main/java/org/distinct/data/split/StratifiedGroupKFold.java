package org.distinct.data.split;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Participant-grouped k-fold that also tries to keep the class proportions of every test part close to those
 * of the whole data (the greedy rule of scikit-learn's {@code StratifiedGroupKFold}). Groups are shuffled
 * with the seed and stably sorted by the standard deviation of their class counts (largest first); each group
 * then goes to the fold that minimises the mean over classes of the standard deviation over folds of
 * {@code count[fold][class] / total[class]}, ties (within 1e-12) going to the fold with fewer rows, then the
 * lower index. No group is ever split; class proportions are only approximately kept.
 *
 * @param k number of folds, at least 2 and at most the number of groups
 */
public record StratifiedGroupKFold(int k) implements Splitter {

  /** Checks {@code k >= 2}. */
  public StratifiedGroupKFold {
    Splits.checkK(k);
  }

  /** {@inheritDoc} Labels (non-negative) and groups are required. */
  @Override
  public List<Fold> split(int n, int[] labels, int[] groups, long seed) {
    Splits.checkN(n);
    Splits.requireArray("labels", labels, n);
    Splits.requireArray("groups", groups, n);
    Splits.checkLabels(labels);
    int[] ids = Splits.distinct(groups);
    if (k > ids.length)
      throw new IllegalArgumentException(
          "cannot make " + k + " participant-grouped folds from " + ids.length + " participants");
    int[] gi = Splits.groupIndex(groups, ids);
    Counts counts = Counts.of(labels, gi, ids.length);
    int[] foldOfGroup = assign(spreadOrder(counts.perGroup(), seed), counts);
    int[] foldOf = new int[n];
    for (int i = 0; i < n; i++) foldOf[i] = foldOfGroup[gi[i]];
    return Splits.foldsFromAssignment(foldOf, k);
  }

  /**
   * Class counts of the groups.
   *
   * @param perGroup rows of each class in each group {@code [groups × classes]}
   * @param total rows of each class {@code [classes]}
   * @param size rows of each group {@code [groups]}
   */
  private record Counts(double[][] perGroup, double[] total, int[] size) {
    static Counts of(int[] labels, int[] gi, int g) {
      int[] classes = Splits.distinct(labels);
      int c = classes.length;
      double[][] gc = new double[g][c];
      double[] total = new double[c];
      int[] size = new int[g];
      for (int i = 0; i < labels.length; i++) {
        int ci = Arrays.binarySearch(classes, labels[i]);
        gc[gi[i]][ci]++;
        total[ci]++;
        size[gi[i]]++;
      }
      return new Counts(gc, total, size);
    }
  }

  /** @return the groups shuffled with the seed, then stably sorted by the spread of their class counts, largest first */
  private static int[] spreadOrder(double[][] gc, long seed) {
    int g = gc.length;
    double[] spread = new double[g];
    for (int v = 0; v < g; v++) spread[v] = std(gc[v]);
    int[] order = Splits.range(g);
    Splits.shuffle(order, new SplittableRandom(seed));
    for (int i = 1; i < g; i++) { // stable insertion sort, spread descending
      int v = order[i];
      int j = i - 1;
      while (j >= 0 && spread[order[j]] < spread[v]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = v;
    }
    return order;
  }

  /** @return the fold of every group, each group in {@code order} going to the fold the greedy rule picks */
  private int[] assign(int[] order, Counts counts) {
    double[][] gc = counts.perGroup();
    int c = counts.total().length;
    double[][] fc = new double[k][c];
    long[] load = new long[k];
    int[] foldOfGroup = new int[gc.length];
    double[] col = new double[k];
    for (int v : order) {
      int best = bestFold(fc, load, gc[v], counts.total(), col);
      foldOfGroup[v] = best;
      load[best] += counts.size()[v];
      for (int ci = 0; ci < c; ci++) fc[best][ci] += gc[v][ci];
    }
    return foldOfGroup;
  }

  /**
   * The fold whose class proportions, with the group added, have the smallest mean spread over folds.
   *
   * @param fc class counts of the folds so far {@code [k × classes]} (Not modified)
   * @param load rows of the folds so far {@code [k]} (Not modified)
   * @param group class counts of the group {@code [classes]} (Not modified)
   * @param total rows of each class {@code [classes]} (Not modified)
   * @param col scratch {@code [k]} (Modified)
   * @return the fold; ties (within 1e-12) to the fold with fewer rows, then the lower index
   */
  private int bestFold(double[][] fc, long[] load, double[] group, double[] total, double[] col) {
    int c = total.length;
    int best = -1;
    double bestEval = Double.POSITIVE_INFINITY;
    for (int f = 0; f < k; f++) {
      double eval = 0;
      for (int ci = 0; ci < c; ci++) {
        for (int h = 0; h < k; h++) col[h] = (fc[h][ci] + (h == f ? group[ci] : 0)) / total[ci];
        eval += std(col);
      }
      eval /= c;
      if (best < 0 || eval < bestEval - 1e-12 || (Math.abs(eval - bestEval) <= 1e-12 && load[f] < load[best])) {
        best = f;
        bestEval = eval;
      }
    }
    return best;
  }

  private static double std(double[] a) {
    double m = 0;
    for (double v : a) m += v;
    m /= a.length;
    double s = 0;
    for (double v : a) s += (v - m) * (v - m);
    return Math.sqrt(s / a.length);
  }

  @Override
  public String describe() {
    return "participant-grouped stratified " + k + "-fold";
  }
}
