package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
  /** The count as it was first written: non-overlapping occurrences of both tags in the sample as a string. */
  private static long reference(byte[] b) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    long n = 0;
    for (String what : new String[] {"<c ", "<c>"})
      for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) n++;
    return n;
  }

  @Test
  void cellTagsCountsLikeSubstringSearchOnRandomSamples() {
    byte[] alphabet = "<c >x/".getBytes(StandardCharsets.US_ASCII);
    Random r = new Random(7);
    long total = 0;
    for (int k = 0; k < 2_000; k++) {
      byte[] b = new byte[r.nextInt(60)];
      for (int i = 0; i < b.length; i++) b[i] = alphabet[r.nextInt(alphabet.length)];
      assertThat(MemoryBudget.cellTags(b)).as(new String(b, StandardCharsets.ISO_8859_1)).isEqualTo(reference(b));
      total += reference(b);
    }
    assertThat(total).isGreaterThan(200); // the samples do hold tags
  }

  @Test
  void cellTagsCountsCellsNotOtherElements() {
    byte[] xml = "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c>x</c><col min=\"1\"/><cols/><c\tr=\"B1\"/><c r=\"C1\"/>"
        .getBytes(StandardCharsets.US_ASCII);
    assertThat(MemoryBudget.cellTags(xml)).isEqualTo(3);
    assertThat(MemoryBudget.cellTags("<c".getBytes(StandardCharsets.US_ASCII))).isZero();
    assertThat(MemoryBudget.cellTags("<c>".getBytes(StandardCharsets.US_ASCII))).isEqualTo(1);
  }
}
