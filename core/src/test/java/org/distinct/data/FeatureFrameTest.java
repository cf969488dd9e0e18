package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.distinct.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureFrameTest {
  static final FeatureTableOptions DEF = FeatureTableOptions.defaults();

  /** A table from a header and rows of cells (header on row 1, data from row 2). */
  static Table table(List<String> header, List<String[]> rows) {
    int m = header.size();
    String[] cells = new String[rows.size() * m];
    int[] nums = new int[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, cells, r * m, m);
      nums[r] = r + 2;
    }
    return new Table("t.csv", header, 1, nums, cells, false);
  }

  /** An iris-like table: 4 numeric features, a colour category, a label of k classes, no group column. */
  static Table irisLike(int rows, int classes, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    String[] colours = {"red", "green", "blue"};
    List<String[]> out = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      int y = r % classes;
      out.add(new String[] {Double.toString(y + rng.nextDouble()), Double.toString(rng.nextGaussian()),
          Double.toString(rng.nextInt(50) / 4.0), Double.toString(rng.nextDouble() * 1e-3), colours[rng.nextInt(3)], "class" + y});
    }
    return table(List.of("a", "b", "c", "d", "colour", "label"), out);
  }

  @Test
  void tableWithoutGroupColumnLoadsWithEveryRowItsOwnGroup() {
    Table t = irisLike(30, 3, 1).selectColumns(new int[] {0, 1, 2, 3, 5});
    FeatureTableLoader.Loaded l = FeatureTableLoader.loadDetailed(t, DEF);
    assertThat(l.groupColumn()).isNull();
    assertThat(l.data().groups()).containsExactly(IntStream.range(0, 30).toArray());
    FeatureFrame f = FeatureTableLoader.loadFrame(t, DEF);
    assertThat(f.groupNote()).isEqualTo("groups: none (every row is its own group)");
    assertThat(f.isPlainNumeric()).isTrue();
  }

  @Test
  void groupColumnAutoExplicitAndNone() {
    List<String[]> rows = new ArrayList<>();
    for (int r = 0; r < 8; r++) rows.add(new String[] {"P" + (r / 2), Integer.toString(r), "x" + (r % 2), Integer.toString(r % 4)});
    Table t = table(List.of("subject no.", "v", "label", "who"), rows);
    FeatureFrame auto = FeatureTableLoader.loadFrame(t, DEF);
    assertThat(auto.groupColumn()).isEqualTo("subject no.");
    assertThat(auto.groups()).containsExactly(1, 1, 2, 2, 3, 3, 4, 4);
    assertThat(auto.groupNote()).isEqualTo("groups: column 'subject no.' (4 groups)");
    assertThat(auto.columns()).extracting(FeatureFrame.Column::name).containsExactly("v", "who");
    FeatureFrame who = FeatureTableLoader.loadFrame(t, DEF.withGroupColumn("WHO"));
    assertThat(who.groups()).containsExactly(0, 1, 2, 3, 0, 1, 2, 3);
    assertThat(who.columns()).extracting(FeatureFrame.Column::name).containsExactly("subject no.", "v");
    FeatureFrame none = FeatureTableLoader.loadFrame(t, DEF.withGroupColumn(FeatureTableOptions.NO_GROUPS));
    assertThat(none.groupColumn()).isNull();
    assertThat(none.columns()).hasSize(3);
    assertThatThrownBy(() -> FeatureTableLoader.loadFrame(t, DEF.withGroupColumn("person")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("participant column 'person' not found");
  }

  @Test
  void singleGroupIsRefusedInOneLine() {
    List<String[]> rows = new ArrayList<>();
    for (int r = 0; r < 6; r++) rows.add(new String[] {"7", Integer.toString(r), Integer.toString(r % 2)});
    Table t = table(List.of("subject no.", "v", "label"), rows);
    assertThatThrownBy(() -> FeatureTableLoader.load(t, DEF))
        .isInstanceOf(BadInputException.class)
        .hasMessage("t.csv: column 'subject no.': only one group ('7'): splits by group need at least two; use --group-column none to make every row its own group");
    assertThat(FeatureTableLoader.load(t, DEF.withGroupColumn("none")).rows()).isEqualTo(6);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 10})
  void binaryAndManyClassLabels(int k) {
    Table t = irisLike(5 * k, k, k);
    FeatureFrame f = FeatureTableLoader.loadFrame(t, DEF);
    assertThat(f.numClasses()).isEqualTo(k);
    List<String> sorted = new ArrayList<>();
    for (int y = 0; y < k; y++) sorted.add("class" + y);
    Collections.sort(sorted);
    assertThat(f.classNames()).isEqualTo(sorted);
    for (int r = 0; r < f.size(); r++) assertThat(f.classNames().get(f.labels()[r])).isEqualTo(t.text(r, 5));
    Dataset d = TableEncoder.fit(f, TableEncoder.EncoderOptions.defaults()).apply(f);
    assertThat(d.numClasses()).isEqualTo(k);
    assertThat(d.labels()).isEqualTo(f.labels());
  }

  @Test
  void columnsAreClassifiedAndMissingMarkersRecognized() {
    List<String[]> rows = new ArrayList<>();
    String[] num = {"1.5", "", "NA", "2", "nan", "?", "3", "4"};
    String[] cat = {"b", "a", "?", "b", "c", "", "a", "NA"};
    for (int r = 0; r < 8; r++) rows.add(new String[] {num[r], cat[r], Integer.toString(r % 2)});
    FeatureFrame f = FeatureTableLoader.loadFrame(table(List.of("n", "c", "label"), rows), DEF);
    FeatureFrame.Column n = f.column("n"), c = f.column("c");
    assertThat(n.kind()).isEqualTo(FeatureFrame.Kind.NUMERIC);
    assertThat(n.values()).containsExactly(1.5, Double.NaN, Double.NaN, 2, Double.NaN, Double.NaN, 3, 4);
    assertThat(c.kind()).isEqualTo(FeatureFrame.Kind.CATEGORICAL);
    assertThat(c.levels()).containsExactly("a", "b", "c");
    assertThat(c.codes()).containsExactly(1, 0, -1, 1, 2, -1, 0, -1);
    assertThat(f.isPlainNumeric()).isFalse();
    assertThat(n.missing()).isEqualTo(4);
  }

  @Test
  void numericLoadRefusesTextColumnsAndMissingCellsPointingAtTheOptions() {
    Table t = irisLike(12, 2, 3);
    assertThatThrownBy(() -> FeatureTableLoader.load(t, DEF))
        .isInstanceOf(BadInputException.class)
        .hasMessageContainingAll("t.csv: column 'colour'", "text (categorical) column", "3 categories", "loadFrame", "TableEncoder");
    List<String[]> rows = new ArrayList<>();
    for (int r = 0; r < 6; r++) rows.add(new String[] {r == 4 ? "NA" : Integer.toString(r), Integer.toString(r % 2)});
    assertThatThrownBy(() -> FeatureTableLoader.load(table(List.of("x", "label"), rows), DEF))
        .hasMessage("t.csv: row 6, column 'x': missing value 'NA': missing values are refused; impute them with --impute mean|median|most-frequent");
  }

  @Test
  void mixedNumberAndTextColumnIsRefusedAtTheFirstText() {
    List<String[]> rows = new ArrayList<>();
    for (int r = 0; r < 6; r++) rows.add(new String[] {r == 3 ? "abc" : Integer.toString(r), Integer.toString(r % 2)});
    assertThatThrownBy(() -> FeatureTableLoader.loadFrame(table(List.of("x", "label"), rows), DEF))
        .hasMessage("t.csv: row 5, column 'x': not a number: 'abc'");
  }

  @Test
  void subsetAndConcatKeepRowsAndMergeLevels() {
    FeatureFrame f = FeatureTableLoader.loadFrame(irisLike(20, 2, 5), DEF);
    int[] a = {0, 3, 5}, b = {7, 1};
    FeatureFrame s = f.subset(a).concat(f.subset(b));
    assertThat(s.size()).isEqualTo(5);
    assertThat(s.rowNumbers()).containsExactly(2, 5, 7, 9, 3);
    int[] all = {0, 3, 5, 7, 1};
    for (int i = 0; i < 5; i++) {
      assertThat(s.column("colour").level(i)).isEqualTo(f.column("colour").level(all[i]));
      assertThat(s.column("a").values()[i]).isEqualTo(f.column("a").values()[all[i]]);
      assertThat(s.labels()[i]).isEqualTo(f.labels()[all[i]]);
    }
  }
}
