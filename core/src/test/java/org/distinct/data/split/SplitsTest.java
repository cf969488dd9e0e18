package org.distinct.data.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitsTest {

  /** A random layout: participants with random row counts and labels, rows in random order. */
  record Layout(int n, int[] labels, int[] groups, int numGroups) {}

  static Layout randomLayout(SplittableRandom rnd) {
    int g = 2 + rnd.nextInt(29);
    int c = 1 + rnd.nextInt(4);
    List<int[]> rows = new ArrayList<>();
    for (int p = 0; p < g; p++) {
      int m = 1 + rnd.nextInt(30);
      int id = 1000 - 7 * p; // arbitrary, not 0-based, not ordered
      for (int r = 0; r < m; r++) rows.add(new int[] {id, rnd.nextInt(c)});
    }
    int n = rows.size();
    int[] perm = Splits.range(n);
    Splits.shuffle(perm, rnd);
    int[] groups = new int[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      groups[i] = rows.get(perm[i])[0];
      labels[i] = rows.get(perm[i])[1];
    }
    return new Layout(n, labels, groups, g);
  }

  /** The features-table layout: 24 participants × 24 rows, each with two genres of 12 rows. */
  static Layout paperLayout() {
    int n = 576;
    int[] labels = new int[n];
    int[] groups = new int[n];
    for (int p = 0; p < 24; p++)
      for (int r = 0; r < 24; r++) {
        groups[p * 24 + r] = p + 1;
        int a = p % 3;
        labels[p * 24 + r] = r < 12 ? a : (a + 1) % 3;
      }
    return new Layout(n, labels, groups, 24);
  }

  static void assertNoSharedGroup(Fold f, int[] groups) {
    Set<Integer> train = new HashSet<>();
    for (int i : f.train()) train.add(groups[i]);
    for (int i : f.test()) assertThat(train).as("participant %d on both sides", groups[i]).doesNotContain(groups[i]);
  }

  static void assertPartition(List<Fold> folds, int n, int k) {
    assertThat(folds).hasSize(k);
    int[] seen = new int[n];
    for (Fold f : folds) {
      assertThat(f.train().length + f.test().length).isEqualTo(n); // train is the complement of test
      assertThat(f.test()).isNotEmpty();
      for (int i : f.test()) seen[i]++;
    }
    for (int i = 0; i < n; i++) assertThat(seen[i]).as("row %d in test folds", i).isEqualTo(1);
  }

  @Test
  void groupedSplitsNeverPutAParticipantOnBothSides() {
    SplittableRandom rnd = new SplittableRandom(2024);
    for (int s = 0; s < 300; s++) {
      Layout l = randomLayout(rnd);
      int k = 2 + rnd.nextInt(l.numGroups() - 1); // 2..g
      long seed = rnd.nextLong();
      List<Fold> gk = new GroupKFold(k).split(l.n(), null, l.groups(), seed);
      assertPartition(gk, l.n(), k);
      for (Fold f : gk) assertNoSharedGroup(f, l.groups());
      List<Fold> sgk = new StratifiedGroupKFold(k).split(l.n(), l.labels(), l.groups(), seed);
      assertPartition(sgk, l.n(), k);
      for (Fold f : sgk) assertNoSharedGroup(f, l.groups());
      List<Fold> gh = new GroupHoldout(0.05 + 0.9 * rnd.nextDouble()).split(l.n(), null, l.groups(), seed);
      assertThat(gh).hasSize(1);
      assertThat(gh.get(0).train()).isNotEmpty();
      assertThat(gh.get(0).test()).isNotEmpty();
      assertThat(gh.get(0).train().length + gh.get(0).test().length).isEqualTo(l.n());
      assertNoSharedGroup(gh.get(0), l.groups());
      List<Fold> sgh =
          new StratifiedGroupHoldout(0.05 + 0.9 * rnd.nextDouble()).split(l.n(), l.labels(), l.groups(), seed);
      assertThat(sgh).hasSize(1);
      assertThat(sgh.get(0).train()).isNotEmpty();
      assertThat(sgh.get(0).test()).isNotEmpty();
      assertThat(sgh.get(0).train().length + sgh.get(0).test().length).isEqualTo(l.n());
      assertNoSharedGroup(sgh.get(0), l.groups());
    }
  }

  @Test
  void stratifiedGroupHoldoutKeepsTheClassMixBetterThanGroupHoldout() {
    Layout l = paperLayout();
    double plain = 0;
    double strat = 0;
    for (long seed = 1; seed <= 30; seed++) {
      Fold a = new GroupHoldout(0.2).split(l.n(), l.labels(), l.groups(), seed).get(0);
      Fold b = new StratifiedGroupHoldout(0.2).split(l.n(), l.labels(), l.groups(), seed).get(0);
      plain += maxProportionError(List.of(a), l);
      strat += maxProportionError(List.of(b), l);
      // 0.2 × 192 = 38.4 rows per class wanted; whole participants hold 12 rows of each of two classes
      int[] cnt = new int[3];
      for (int i : b.test()) cnt[l.labels()[i]]++;
      for (int k = 0; k < 3; k++) assertThat(cnt[k]).as("seed %d class %d", seed, k).isBetween(24, 48);
    }
    assertThat(strat).isLessThan(plain);
  }

  @Test
  void plainKFoldsPartitionTheRows() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int s = 0; s < 200; s++) {
      Layout l = randomLayout(rnd);
      int k = 2 + rnd.nextInt(Math.min(l.n(), 12) - 1);
      if (l.n() < 2) continue;
      long seed = rnd.nextLong();
      List<Fold> kf = new KFold(k).split(l.n(), null, null, seed);
      assertPartition(kf, l.n(), k);
      for (Fold f : kf) assertThat(f.test().length).isBetween(l.n() / k, (l.n() + k - 1) / k);
      assertPartition(new StratifiedKFold(k).split(l.n(), l.labels(), null, seed), l.n(), k);
    }
  }

  @Test
  void stratificationKeepsClassCountsWithinOnePerFold() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int s = 0; s < 200; s++) {
      Layout l = randomLayout(rnd);
      int k = 2 + rnd.nextInt(Math.min(l.n(), 10) - 1);
      if (l.n() < 2) continue;
      List<Fold> folds = new StratifiedKFold(k).split(l.n(), l.labels(), null, rnd.nextLong());
      int[] total = new int[4];
      for (int y : l.labels()) total[y]++;
      for (Fold f : folds) {
        int[] cnt = new int[4];
        for (int i : f.test()) cnt[l.labels()[i]]++;
        for (int c = 0; c < 4; c++) {
          double expected = (double) total[c] / k;
          assertThat(Math.abs(cnt[c] - expected)).as("class %d", c).isLessThan(1.0);
          // i.e. floor(m_c / k) or ceil(m_c / k) rows of class c in every test fold
          assertThat(cnt[c]).isBetween(total[c] / k, (total[c] + k - 1) / k);
        }
      }
      assertThat(folds.stream().mapToInt(f -> f.test().length).max().getAsInt()
              - folds.stream().mapToInt(f -> f.test().length).min().getAsInt())
          .isLessThanOrEqualTo(1);
    }
  }

  @Test
  void groupKFoldBalancesEqualGroups() {
    Layout l = paperLayout();
    for (long seed = 0; seed < 20; seed++) {
      List<Fold> folds = new GroupKFold(10).split(l.n(), null, l.groups(), seed);
      for (Fold f : folds) assertThat(f.test().length).isIn(48, 72); // 2 or 3 participants of 24 rows
    }
  }

  @Test
  void stratifiedGroupKFoldKeepsProportionsBetterThanGroupKFoldOnAverage() {
    Layout l = paperLayout();
    double plain = 0;
    double strat = 0;
    for (long seed = 1; seed <= 30; seed++) {
      plain += maxProportionError(new GroupKFold(4).split(l.n(), l.labels(), l.groups(), seed), l);
      strat += maxProportionError(new StratifiedGroupKFold(4).split(l.n(), l.labels(), l.groups(), seed), l);
    }
    assertThat(strat).isLessThan(plain);
  }

  private static double maxProportionError(List<Fold> folds, Layout l) {
    double worst = 0;
    for (Fold f : folds) {
      int[] cnt = new int[3];
      for (int i : f.test()) cnt[l.labels()[i]]++;
      for (int c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(cnt[c] / (double) f.test().length - 1.0 / 3));
    }
    return worst;
  }

  @Test
  void groupHoldoutTakesWholeParticipantsNearTheFraction() {
    Layout l = paperLayout();
    Fold f = new GroupHoldout(0.2).split(l.n(), null, l.groups(), 3).get(0);
    assertThat(f.test()).hasSize(120); // target 115.2 rows: 5 participants of 24 is closest
    assertNoSharedGroup(f, l.groups());
  }

  @Test
  void randomHoldoutSizeAndLeakage() {
    Layout l = paperLayout();
    Fold f = new RandomHoldout(0.2).split(l.n(), null, null, 9).get(0);
    assertThat(f.test()).hasSize(115); // round(0.2 × 576) = round(115.2)
    assertThat(sharedGroups(f, l.groups())).isPositive();
  }

  /** The paper's RNN split: 12 songs × 16 sequences, 25 % of each song held out. */
  @Test
  void songHoldoutTakesAQuarterOfEachSongAndLeaksParticipants() {
    int n = 12 * 16;
    String[] songs = new String[n];
    int[] participant = new int[n];
    for (int s = 0; s < 12; s++)
      for (int p = 0; p < 16; p++) {
        songs[s * 16 + p] = "S" + (s + 1);
        participant[s * 16 + p] = 1 + (s * 2 + p) % 24; // each participant in 8 songs
      }
    Fold f = SongHoldout.paper().split(songs, 42);
    assertThat(f.test()).hasSize(48);
    for (int s = 0; s < 12; s++) {
      int c = 0;
      for (int i : f.test()) if (songs[i].equals("S" + (s + 1))) c++;
      assertThat(c).isEqualTo(4);
    }
    assertThat(sharedGroups(f, participant)).isPositive();
    // the grouped alternative never leaks
    for (Fold g : new GroupKFold(5).split(n, null, participant, 42)) assertThat(sharedGroups(g, participant)).isZero();
    // the Splitter adapter gives the same fold
    assertThat(SongHoldout.paper().forKeys(songs).split(n, null, null, 42).get(0)).usingRecursiveComparison().isEqualTo(f);
    // a song with a single sequence stays in training
    Fold one = SongHoldout.paper().split(new String[] {"a", "b", "b"}, 1);
    assertThat(one.train()).contains(0);
    assertThat(one.test()).hasSize(1);
  }

  private static int sharedGroups(Fold f, int[] groups) {
    Set<Integer> train = new HashSet<>();
    for (int i : f.train()) train.add(groups[i]);
    Set<Integer> shared = new HashSet<>();
    for (int i : f.test()) if (train.contains(groups[i])) shared.add(groups[i]);
    return shared.size();
  }

  @Test
  void sameSeedSameFoldsDifferentSeedDifferentFolds() {
    Layout l = paperLayout();
    List<Splitter> all =
        List.of(new KFold(5), new StratifiedKFold(5), new GroupKFold(5), new StratifiedGroupKFold(5),
            new GroupHoldout(0.2), new StratifiedGroupHoldout(0.2), new RandomHoldout(0.2));
    for (Splitter s : all) {
      List<Fold> a = s.split(l.n(), l.labels(), l.groups(), 77);
      List<Fold> b = s.split(l.n(), l.labels(), l.groups(), 77);
      assertThat(a).usingRecursiveComparison().isEqualTo(b);
      boolean differs = false;
      for (long seed = 78; seed < 83 && !differs; seed++)
        differs = !Arrays.equals(s.split(l.n(), l.labels(), l.groups(), seed).get(0).test(), a.get(0).test());
      assertThat(differs).as(s.describe()).isTrue();
    }
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> new KFold(1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
    assertThatThrownBy(() -> new GroupKFold(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KFold(5).split(4, null, null, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot make 5 folds from 4 rows");
    assertThatThrownBy(() -> new GroupKFold(3).split(4, null, new int[] {1, 1, 2, 2}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot make 3 participant-grouped folds from 2 participants");
    assertThatThrownBy(() -> new StratifiedGroupKFold(3).split(4, new int[4], new int[] {1, 1, 2, 2}, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GroupKFold(2).split(4, null, null, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("groups are required for this split");
    assertThatThrownBy(() -> new StratifiedKFold(2).split(4, new int[3], null, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("labels has 3 entries, expected 4");
    assertThatThrownBy(() -> new GroupHoldout(1.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RandomHoldout(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GroupHoldout(0.2).split(3, null, new int[] {4, 4, 4}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2 participants");
    assertThatThrownBy(() -> new Fold(new int[] {0, 2}, new int[] {2})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Fold(new int[] {2, 1}, new int[] {0})).isInstanceOf(IllegalArgumentException.class);
  }
}
