package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectLayoutsTest {
  @TempDir Path dir;

  @Test
  void realShapedSeriesFolderWithReadmeAndPdfIsInspected() throws IOException {
    Path f = dir.resolve("S");
    DemoData.writeSeries(f, null, SeriesLayoutsTest.SMALL, 2);
    Files.writeString(f.resolve("README.txt"), "songs and genres\n");
    Files.write(f.resolve("paper.pdf"), new byte[] {'%', 'P', 'D', 'F'});
    SeriesReport r = SeriesInspector.inspect(f, "Time");
    assertThat(r.songs()).hasSize(12);
    assertThat(r.songs()).allSatisfy(s -> assertThat(s.problems()).isEmpty());
    SeriesOptions o = SeriesOptions.defaults().withMapping(SeriesLayoutsTest.SMALL.mapping());
    SeriesLayoutReport d = SeriesInspector.describe(f, o);
    SequenceDataset want = DemoData.series(SeriesLayoutsTest.SMALL, 2);
    assertThat(d.layout()).isEqualTo(SeriesOptions.Layout.FOLDER);
    assertThat(d.sequences()).isEqualTo(want.size());
    assertThat(d.ignored()).containsExactly("README.txt", "paper.pdf");
    assertThat(d.songs().sequences()).isEqualTo(want.size());
    assertThat(d.perClass().stream().mapToInt(Integer::intValue).sum()).isEqualTo(want.size());
    ObjectMapper om = new ObjectMapper();
    assertThat(om.readValue(om.writeValueAsString(d), SeriesLayoutReport.class)).isEqualTo(d);
  }

  @Test
  void longAndUcrLayoutsAreDescribed() throws IOException {
    Path l = dir.resolve("long.csv");
    Files.writeString(l, "sequence,label,group,a,b\nx,p,1,1,2\nx,p,1,3,4\ny,q,2,5,6\ny,q,2,7,8\ny,q,2,9,9\n");
    SeriesLayoutReport r = SeriesInspector.describe(l, SeriesOptions.defaults());
    assertThat(r.layout()).isEqualTo(SeriesOptions.Layout.LONG);
    assertThat(List.of(r.sequences(), r.channels(), r.minLength(), r.maxLength(), r.groups())).containsExactly(2, 2, 2, 3, 2);
    assertThat(r.classes()).containsExactly("p", "q");
    assertThat(r.songs()).isNull();
    Path u = dir.resolve("u.tsv");
    Files.writeString(u, "1\t0.1\t0.2\tNaN\n2\t0.3\t0.4\t0.5\n1\t1\t2\t3\n");
    SeriesLayoutReport ur = SeriesInspector.describe(u, SeriesOptions.defaults());
    assertThat(ur.layout()).isEqualTo(SeriesOptions.Layout.UCR);
    assertThat(List.of(ur.sequences(), ur.channels(), ur.minLength(), ur.maxLength(), ur.groups())).containsExactly(3, 1, 2, 3, 3);
    assertThat(ur.perClass()).containsExactly(2, 1);
  }

  @Test
  void tableReportDescribesGroupColumnCategoriesAndMissingCells() {
    List<String[]> rows = new ArrayList<>();
    String[] colour = {"red", "blue", "red", "", "green", "red"};
    for (int r = 0; r < 6; r++) rows.add(new String[] {Integer.toString(r / 3 + 1), r == 2 ? "NA" : Double.toString(r * 0.5), colour[r], "c" + (r % 2)});
    InspectionReport rep = TableInspector.inspect(FeatureFrameTest.table(List.of("subject no.", "x", "colour", "label"), rows));
    assertThat(rep.groupColumn()).isEqualTo("subject no.");
    assertThat(rep.categorical()).extracting(InspectionReport.Categories::column).containsExactly("colour", "label");
    InspectionReport.Categories c = rep.categorical().get(0);
    assertThat(c.levels()).isEqualTo(3);
    assertThat(c.top()).containsExactly("red", "blue", "green");
    assertThat(c.counts()).containsExactly(3, 1, 1);
    assertThat(rep.missing()).containsExactly(new InspectionReport.Missing("x", 1, List.of(4)), new InspectionReport.Missing("colour", 1, List.of(5)));
    List<String[]> plain = List.<String[]>of(new String[] {"1", "a"}, new String[] {"2", "b"});
    assertThat(TableInspector.inspect(FeatureFrameTest.table(List.of("x", "label"), plain)).groupColumn()).isNull();
  }
}
