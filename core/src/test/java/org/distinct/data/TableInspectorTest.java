package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableInspectorTest {

  private static Table columns(List<String> names, double[][] cols) {
    int n = cols[0].length;
    String[] cells = new String[n * cols.length];
    int[] rows = new int[n];
    for (int r = 0; r < n; r++) {
      rows[r] = r + 2;
      for (int c = 0; c < cols.length; c++) cells[r * cols.length + c] = Double.toString(cols[c][r]);
    }
    return new Table("x.csv", names, 1, rows, cells, false);
  }

  @Test
  void sentinelRuleNeedsAGapOfMoreThan100() {
    double[] v = new double[40];
    for (int i = 0; i < v.length; i++) v[i] = 1 + i % 39; // 1 … 39
    assertThat(TableInspector.sentinelThreshold(v)).isNaN();
    v[5] = 65535;
    v[17] = 65535;
    assertThat(TableInspector.sentinelThreshold(v)).isEqualTo(65535.0);
    v[17] = 3900; // exactly 100 × 39: no gap (the rule is strict) for k = 1 at 3900; 65535 > 100 × 3900? no
    assertThat(TableInspector.sentinelThreshold(v)).isNaN();
    v[17] = 3901; // gap at k = 2: 3901 > 100 × 39
    assertThat(TableInspector.sentinelThreshold(v)).isEqualTo(3901.0);
    // A smooth heavy tail spanning 0.3 … 7000 has no gap.
    double[] tail = new double[100];
    for (int i = 0; i < tail.length; i++) tail[i] = 0.3 * Math.pow(7000 / 0.3, i / 99.0);
    assertThat(TableInspector.sentinelThreshold(tail)).isNaN();
    // Negative sentinel.
    double[] neg = new double[20];
    for (int i = 0; i < neg.length; i++) neg[i] = 0.5 + 0.01 * i;
    neg[3] = -999;
    assertThat(TableInspector.sentinelThreshold(neg)).isEqualTo(999.0);
    // Too few values: no decision.
    assertThat(TableInspector.sentinelThreshold(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 65535})).isNaN();
  }

  @Test
  void flagsEveryKindAndListsRows() {
    int n = 30;
    double[] a = new double[n], copy = new double[n], flat = new double[n], sent = new double[n], zero = new double[n], b = new double[n];
    for (int r = 0; r < n; r++) {
      a[r] = Math.sin(r) * 10;
      copy[r] = a[r];
      flat[r] = 4;
      sent[r] = 1 + r % 38;
      zero[r] = r % 10 == 3 ? 0 : 0.1 + r;
      b[r] = r + 1;
    }
    sent[4] = 65535;
    sent[20] = 65535;
    Table t = columns(List.of("a", "a_copy", "flat", "sent", "zero", "a"), new double[][] {a, copy, flat, sent, zero, b});
    InspectionReport rep = TableInspector.inspect(t);
    assertThat(rep.column("a").flags()).containsExactly(ColumnFlag.DUPLICATE_NAME);
    assertThat(rep.column("a#2").flags()).containsExactly(ColumnFlag.DUPLICATE_NAME);
    assertThat(rep.column("a_copy").flags()).containsExactly(ColumnFlag.COPY);
    assertThat(rep.column("a_copy").copyOf()).isEqualTo("a");
    assertThat(rep.column("flat").flags()).containsExactly(ColumnFlag.CONSTANT);
    assertThat(rep.column("sent").flags()).containsExactly(ColumnFlag.SENTINEL);
    assertThat(rep.column("sent").sentinelRows()).containsExactly(6, 22);
    assertThat(rep.column("sent").sentinelValues()).containsExactly(65535.0, 65535.0);
    assertThat(rep.column("zero").flags()).containsExactly(ColumnFlag.ZERO_ROWS);
    assertThat(rep.column("zero").zeroRows()).containsExactly(5, 15, 25);
    InspectionReport.ColumnSummary s = rep.column("a#2");
    assertThat(s.count()).isEqualTo(n);
    assertThat(s.min()).isEqualTo(1.0);
    assertThat(s.max()).isEqualTo(30.0);
    assertThat(s.mean()).isEqualTo(15.5);
    // sample sd of 1..30 = sqrt(n(n+1)/12) with n = 30 → sqrt(77.5)
    assertThat(s.sd()).isCloseTo(Math.sqrt(77.5), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(s.distinct()).isEqualTo(30);
    assertThat(rep.badCellCount()).isZero();
  }

  @Test
  void badCellsAndTextColumnsAreReported() {
    String[] cells = {"1", "x", "a", "", "y", "2", "NaN", "z", "3"};
    Table t = new Table("b.csv", List.of("n", "txt", "m"), 1, new int[] {2, 3, 5}, cells, false);
    InspectionReport rep = TableInspector.inspect(t);
    assertThat(rep.column("txt").flags()).containsExactly(ColumnFlag.TEXT);
    assertThat(rep.column("n").flags()).containsExactly(ColumnFlag.CONSTANT, ColumnFlag.BAD_CELLS); // one finite value
    assertThat(rep.column("m").flags()).containsExactly(ColumnFlag.BAD_CELLS);
    assertThat(rep.badCells())
        .containsExactly(
            new InspectionReport.BadCell(2, "m", "not a number: 'a'"),
            new InspectionReport.BadCell(3, "n", "empty cell"),
            new InspectionReport.BadCell(5, "n", "not a finite number: 'NaN' (NaN/Inf are not allowed)"));
    assertThat(rep.badCellCount()).isEqualTo(3);
  }

  @Test
  void reportsSerializeToJsonAndBack() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper om = new com.fasterxml.jackson.databind.ObjectMapper();
    InspectionReport rep = TableInspector.inspect(DemoData.featureTable(new DemoData.FeatureSpec(6, 8, 64, 2, 3, 1.0), 2));
    String json = om.writeValueAsString(rep);
    assertThat(json).contains("\"name\":\"var_F7#2\"", "\"flags\":[\"SENTINEL\"]", "\"copyOf\":\"median_F7\"");
    assertThat(om.readValue(json, InspectionReport.class)).isEqualTo(rep);
    SeriesReport sr = SeriesInspector.inspect(DemoData.seriesTables(new DemoData.SeriesSpec(3, 3, 1, 20, 20, 1), 1), List.of("S1", "S2", "S3"), "mem", "Time");
    assertThat(om.readValue(om.writeValueAsString(sr), SeriesReport.class)).isEqualTo(sr);
  }
}
