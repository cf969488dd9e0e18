package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.distinct.BadInputException;
import org.distinct.data.TableEncoder.EncoderOptions;
import org.distinct.data.TableEncoder.Impute;
import org.distinct.data.TableEncoder.UnknownCategories;
import org.junit.jupiter.api.Test;

class TableEncoderTest {
  static final FeatureTableOptions DEF = FeatureTableOptions.defaults();

  @Test
  void allNumericDataEncodeToExactlyTheNumericDataset() {
    Table t = DemoData.featureTable(new DemoData.FeatureSpec(6, 8, 64, 2, 3, 1.0), 9);
    Dataset want = FeatureTableLoader.load(t, DEF);
    FeatureFrame f = FeatureTableLoader.loadFrame(t, DEF);
    for (Impute imp : Impute.values()) {
      Dataset got = TableEncoder.fit(f, new EncoderOptions(imp, null)).apply(f);
      assertThat(got.x()).isEqualTo(want.x());
      assertThat(got.featureNames()).isEqualTo(want.featureNames());
      assertThat(got.labels()).isEqualTo(want.labels());
      assertThat(got.groups()).isEqualTo(want.groups());
      assertThat(got.classNames()).isEqualTo(want.classNames());
    }
  }

  /** Rows: x numeric, colour categorical; train = first 6 rows. */
  private static FeatureFrame frame(String[] x, String[] colour) {
    List<String[]> rows = new ArrayList<>();
    for (int r = 0; r < x.length; r++) rows.add(new String[] {x[r], colour[r], Integer.toString(r % 2)});
    return FeatureTableLoader.loadFrame(FeatureFrameTest.table(List.of("x", "colour", "label"), rows), DEF);
  }

  @Test
  void oneHotUsesTrainingLevelsSortedAndRefusesOrIgnoresUnseenOnes() {
    FeatureFrame f = frame(new String[] {"1", "2", "3", "4", "5", "6", "7", "8"},
        new String[] {"red", "green", "red", "green", "red", "green", "blue", "red"});
    FeatureFrame train = f.subset(new int[] {0, 1, 2, 3, 4, 5});
    FeatureFrame test = f.subset(new int[] {6, 7});
    TableEncoder e = TableEncoder.fit(train, EncoderOptions.defaults());
    assertThat(e.featureNames()).containsExactly("x", "colour=green", "colour=red");
    Dataset d = e.apply(train);
    for (int r = 0; r < 6; r++) {
      String c = train.column("colour").level(r);
      assertThat(new double[] {d.get(r, 0), d.get(r, 1), d.get(r, 2)})
          .containsExactly(r + 1, c.equals("green") ? 1 : 0, c.equals("red") ? 1 : 0);
    }
    assertThatThrownBy(() -> e.apply(test))
        .isInstanceOf(BadInputException.class)
        .hasMessage("t.csv: row 8, column 'colour': category 'blue' does not occur in the training rows; use --unknown-categories ignore to encode unseen categories as zeros");
    Dataset ig = TableEncoder.fit(train, new EncoderOptions(null, UnknownCategories.IGNORE)).apply(test);
    assertThat(ig.x()).containsExactly(7, 0, 0, 8, 0, 1);
  }

  @Test
  void imputationIsFittedOnTrainingRowsOnly() {
    // train x: 1, 2, 2, 10, missing, 4 -> mean 19/5, median 2, most frequent 2; test rows differ wildly
    FeatureFrame f = frame(new String[] {"1", "2", "2", "10", "", "4", "", "1000"},
        new String[] {"a", "b", "b", "", "a", "b", "?", "a"});
    FeatureFrame train = f.subset(new int[] {0, 1, 2, 3, 4, 5});
    FeatureFrame test = f.subset(new int[] {6, 7});
    double[] want = {19.0 / 5, 2, 2};
    Impute[] modes = {Impute.MEAN, Impute.MEDIAN, Impute.MOST_FREQUENT};
    for (int k = 0; k < 3; k++) {
      TableEncoder e = TableEncoder.fit(train, new EncoderOptions(modes[k], null));
      Dataset tr = e.apply(train);
      assertThat(tr.get(4, 0)).isEqualTo(want[k]);
      assertThat(new double[] {tr.get(3, 1), tr.get(3, 2)}).containsExactly(0, 1); // missing colour -> most frequent 'b'
      Dataset te = e.apply(test);
      assertThat(te.get(0, 0)).isEqualTo(want[k]);
      assertThat(te.get(1, 0)).isEqualTo(1000);
    }
    // Hand-worked ties: median of 1,1,3,3 is 2; the most frequent of a tie is the smallest.
    FeatureFrame ties = frame(new String[] {"3", "1", "3", "1", ""}, new String[] {"a", "a", "a", "a", "a"});
    assertThat(TableEncoder.fit(ties, new EncoderOptions(Impute.MEDIAN, null)).columns().get(0).fill()).isEqualTo(2.0);
    assertThat(TableEncoder.fit(ties, new EncoderOptions(Impute.MOST_FREQUENT, null)).columns().get(0).fill()).isEqualTo(1.0);
    assertThatThrownBy(() -> TableEncoder.fit(train, EncoderOptions.defaults()))
        .hasMessage("t.csv: row 6, column 'x': missing value: missing values are refused; impute them with --impute mean|median|most-frequent");
  }

  @Test
  void imputedMeanMatchesAnIndependentComputationOnRandomData() {
    SplittableRandom rng = new SplittableRandom(4);
    int n = 200;
    String[] x = new String[n], c = new String[n];
    for (int r = 0; r < n; r++) {
      x[r] = rng.nextInt(5) == 0 ? "" : Double.toString(rng.nextGaussian() * 3);
      c[r] = "L" + rng.nextInt(4);
    }
    FeatureFrame f = frame(x, c);
    int[] trainIdx = IntStream.range(0, n).filter(i -> i % 3 != 0).toArray();
    double[] vals = Arrays.stream(trainIdx).filter(i -> !x[i].isEmpty()).mapToDouble(i -> Double.parseDouble(x[i])).toArray();
    double sum = 0;
    for (double v : vals) sum += v;
    double[] sorted = vals.clone();
    Arrays.sort(sorted);
    int m = sorted.length;
    double median = m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
    FeatureFrame train = f.subset(trainIdx);
    assertThat(TableEncoder.fit(train, new EncoderOptions(Impute.MEAN, null)).columns().get(0).fill()).isEqualTo(sum / m);
    assertThat(TableEncoder.fit(train, new EncoderOptions(Impute.MEDIAN, null)).columns().get(0).fill()).isEqualTo(median);
  }

  @Test
  void roundTripsThroughJsonAndRefusesMalformedRecords() throws Exception {
    FeatureFrame f = frame(new String[] {"1.25", "", "3", "0.1", "5", "6"}, new String[] {"x", "y", "x", "z", "", "y"});
    TableEncoder e = TableEncoder.fit(f, new EncoderOptions(Impute.MEDIAN, UnknownCategories.IGNORE));
    ObjectMapper om = new ObjectMapper();
    Map<?, ?> back = om.readValue(om.writeValueAsString(e.toMap()), Map.class);
    TableEncoder e2 = TableEncoder.fromMap(back, "m.json");
    assertThat(e2).isEqualTo(e);
    assertThat(e2.apply(f).x()).isEqualTo(e.apply(f).x());
    Map<String, Object> bad = new LinkedHashMap<>(e.toMap());
    bad.put("impute", "avg");
    assertThatThrownBy(() -> TableEncoder.fromMap(bad, "m.json")).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("m.json: column 'encoder.impute': expected one of [none, mean, median, most-frequent], got avg");
    bad.put("impute", "mean");
    bad.put("columns", List.of(Map.of("name", "x", "kind", "categorical", "levels", List.of("a", "a"))));
    assertThatThrownBy(() -> TableEncoder.fromMap(bad, "m.json")).hasMessageContaining("encoder.columns[0].levels");
  }

  @Test
  void idLikeTextColumnsAndColumnsWithoutValuesAreRefused() {
    String[] x = new String[25], id = new String[25];
    for (int r = 0; r < 25; r++) {
      x[r] = "";
      id[r] = "name" + r;
    }
    FeatureFrame f = frame(x, id);
    assertThatThrownBy(() -> TableEncoder.fit(f, new EncoderOptions(Impute.MEAN, null)))
        .hasMessageContainingAll("column 'x'", "no value in the training rows");
    FeatureFrame g = f.subset(IntStream.range(0, 25).toArray());
    assertThatThrownBy(() -> TableEncoder.fit(new FeatureFrame(g.source(), List.of(g.columns().get(1)), g.labels(), g.groups(),
        g.classNames(), null, g.rowNumbers()), EncoderOptions.defaults()))
        .hasMessageContainingAll("column 'colour'", "25 different values in 25 training rows", "--drop-columns");
  }
}
