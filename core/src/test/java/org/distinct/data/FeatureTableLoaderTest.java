package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.distinct.BadInputException;
import org.junit.jupiter.api.Test;

class FeatureTableLoaderTest {

  /** A table from CSV-like lines (first line = header on row 1). */
  private static Table table(String... lines) {
    List<String> header = List.of(lines[0].split(",", -1));
    int n = lines.length - 1;
    String[] cells = new String[n * header.size()];
    int[] rows = new int[n];
    for (int r = 0; r < n; r++) {
      String[] f = lines[r + 1].split(",", -1);
      System.arraycopy(f, 0, cells, r * header.size(), header.size());
      rows[r] = r + 2;
    }
    return new Table("t.csv", header, 1, rows, cells, false);
  }

  private static final FeatureTableOptions DEF = FeatureTableOptions.defaults();

  @Test
  void numericLabelsSortNumericallyAndKeepNames() {
    Table t = table("Subject No. ,a,b, LABEL", "1,0.5,1,10", "1,0.6,2,2", "2,0.7,3,1.0", "2,0.8,4,2.0", "3,1,5,10", "3,2,6,1");
    Dataset d = FeatureTableLoader.load(t, DEF);
    assertThat(d.classNames()).containsExactly("1", "2", "10");
    assertThat(d.labels()).containsExactly(2, 1, 0, 1, 2, 0);
    assertThat(d.groups()).containsExactly(1, 1, 2, 2, 3, 3);
    assertThat(d.featureNames()).containsExactly("a", "b");
    assertThat(d.cols()).isEqualTo(2);
    assertThat(d.get(3, 0)).isEqualTo(0.8);
    assertThat(d.get(5, 1)).isEqualTo(6.0);
  }

  @Test
  void stringLabelsSortAndClassNamesRename() {
    Table t = table("subject no.,x,label", "1,1,pop", "1,2,classical", "2,3,instrumental", "2,4,pop", "3,5,classical", "3,6,instrumental");
    Dataset d = FeatureTableLoader.load(t, DEF);
    assertThat(d.classNames()).containsExactly("classical", "instrumental", "pop");
    assertThat(d.labels()).containsExactly(2, 0, 1, 2, 0, 1);
    Dataset r = FeatureTableLoader.load(t, DEF.withClassNames(List.of("C", "I", "P")));
    assertThat(r.classNames()).containsExactly("C", "I", "P");
    assertThat(r.labels()).containsExactly(2, 0, 1, 2, 0, 1);
  }

  @Test
  void textParticipantsAreNumberedInSortedOrder() {
    Table t = table("subject no.,x,label", "P02,1,a", "P01,2,b", "P02,3,a", "P01,4,b");
    assertThat(FeatureTableLoader.load(t, DEF).groups()).containsExactly(2, 1, 2, 1);
  }

  @Test
  void classNameCountMustMatch() {
    Table t = table("subject no.,x,label", "1,1,1", "1,2,2", "2,3,3", "2,4,1", "3,5,2", "3,6,3");
    assertThatThrownBy(() -> FeatureTableLoader.load(t, DEF.withClassNames(List.of("a", "b"))))
        .isInstanceOf(BadInputException.class)
        .hasMessageContainingAll("t.csv", "column 'label'", "2 names", "3 classes", "1, 2, 3");
  }

  @Test
  void missingParticipantColumnListsColumns() {
    Table t = table("subject,x,label", "1,1,1", "2,2,2");
    assertThatThrownBy(() -> FeatureTableLoader.load(t, DEF.withGroupColumn("subject no.")))
        .isInstanceOf(BadInputException.class)
        .hasMessage("t.csv: participant column 'subject no.' not found; columns are: subject, x, label");
  }

  @Test
  void missingLabelColumnIsRefused() {
    Table t = table("subject no.,x,class", "1,1,1", "2,2,2");
    assertThatThrownBy(() -> FeatureTableLoader.load(t, DEF))
        .isInstanceOf(BadInputException.class)
        .hasMessageContainingAll("t.csv", "label column 'label' not found", "subject no., x, class");
  }

  @Test
  void oneClassIsRefused() {
    Table t = table("subject no.,x,label", "1,1,2", "2,2,2.0", "3,3,2");
    assertThatThrownBy(() -> FeatureTableLoader.load(t, DEF))
        .isInstanceOf(BadInputException.class)
        .hasMessageContainingAll("column 'label'", "only one class ('2')");
  }

  @Test
  void moreClassesThanRowsIsRefused() {
    Table t = table("subject no.,x,label", "1,1,a", "2,2,b", "3,3,c");
    assertThatThrownBy(() -> FeatureTableLoader.load(t, DEF))
        .isInstanceOf(BadInputException.class)
        .hasMessageContainingAll("column 'label'", "more classes than rows allow", "3 distinct labels in 3 rows");
    Table t2 = table("subject no.,x,label", "1,1,a", "2,2,b");
    assertThatThrownBy(() -> FeatureTableLoader.load(t2, DEF.withClassNames(List.of("p", "q", "r"))))
        .isInstanceOf(BadInputException.class)
        .hasMessageContainingAll("more classes (3 class names) than rows (2)");
  }

  @Test
  void badFeatureCellsAndEmptyLabelsAreNamed() {
    Table t = table("subject no.,x,label", "1,1,a", "2,oops,b", "3,3,a", "4,4,b");
    assertThatThrownBy(() -> FeatureTableLoader.load(t, DEF))
        .hasMessage("t.csv: row 3, column 'x': not a number: 'oops'");
    Table t2 = table("subject no.,x,label", "1,1,a", "2,2,", "3,3,a", "4,4,b");
    assertThatThrownBy(() -> FeatureTableLoader.load(t2, DEF)).hasMessage("t.csv: row 3, column 'label': empty label");
    Table t3 = table("subject no.,x,label", "1,1,a", "2,Inf,b", "3,3,a", "4,4,b");
    assertThatThrownBy(() -> FeatureTableLoader.load(t3, DEF)).hasMessageContainingAll("row 3", "column 'x'", "not a finite number");
  }

  @Test
  void dropColumnsAndDropFlagged() {
    List<String> lines = new ArrayList<>();
    lines.add("subject no.,a,k,copy_a,flat,sent,b,label");
    for (int r = 0; r < 20; r++) {
      double a = r * 0.5 + 1;
      String sent = r == 7 ? "65535" : Double.toString(1 + (r % 9) * 4.0);
      lines.add((r / 4 + 1) + "," + a + "," + (r * r) + "," + a + ",3," + sent + "," + (r % 3) + "," + (r % 2 + 1));
    }
    Table t = table(lines.toArray(String[]::new));
    FeatureTableLoader.Loaded keep = FeatureTableLoader.loadDetailed(t, DEF);
    assertThat(keep.data().featureNames()).containsExactly("a", "k", "copy_a", "flat", "sent", "b");
    assertThat(keep.dropped()).isEmpty();
    FeatureTableOptions o = new FeatureTableOptions(" SUBJECT NO. ", "Label", null, List.of("K"), true);
    FeatureTableLoader.Loaded l = FeatureTableLoader.loadDetailed(t, o);
    assertThat(l.data().featureNames()).containsExactly("a", "sent", "b");
    assertThat(l.dropped())
        .containsExactly(
            new FeatureTableLoader.Dropped("k", "asked"),
            new FeatureTableLoader.Dropped("copy_a", "copy of a"),
            new FeatureTableLoader.Dropped("flat", "constant"));
    assertThat(l.data().get(7, 1)).isEqualTo(65535.0);
    assertThatThrownBy(() -> FeatureTableLoader.load(t, new FeatureTableOptions("subject no.", "label", null, List.of("zz"), false)))
        .hasMessageContainingAll("column to drop 'zz' not found", "columns are:");
  }

  @Test
  void optionsValidateThemselves() {
    assertThatThrownBy(() -> new FeatureTableOptions(" ", "label", null, null, false)).isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> new FeatureTableOptions("id", "ID", null, null, false)).isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> DEF.withClassNames(List.of("a", "A"))).hasMessageContaining("occurs twice");
  }
}
