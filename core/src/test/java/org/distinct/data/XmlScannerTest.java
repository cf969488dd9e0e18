package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.distinct.BadInputException;
import org.junit.jupiter.api.Test;

class XmlScannerTest {
  private static final byte[] A = "a".getBytes(StandardCharsets.US_ASCII), X = "x".getBytes(StandardCharsets.US_ASCII),
      Y = "y".getBytes(StandardCharsets.US_ASCII), ID = "id".getBytes(StandardCharsets.US_ASCII);

  /** An input stream that hands out at most {@code chunk} bytes per read, to exercise every buffer boundary. */
  private static InputStream trickle(String s, int chunk) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }

  /** @return the events as text: S:name[attrs], E, T:text */
  private static List<String> events(String xml, int chunk) throws IOException {
    XmlScanner x = new XmlScanner(trickle(xml, chunk), "f.xlsx", "part.xml");
    List<String> out = new ArrayList<>();
    for (int ev; (ev = x.next()) != XmlScanner.EOF; ) {
      if (ev == XmlScanner.START) out.add("S:" + (x.is(A) ? "a" : "?") + "[" + x.attr(X) + "," + x.attr(Y) + "," + x.attr(ID, true) + "]");
      else if (ev == XmlScanner.END) out.add("E");
      else if (!x.isWhitespace()) out.add("T:" + x.text());
    }
    return out;
  }

  @Test
  void handlesQuotedGreaterThanPrefixesEntitiesCdataAndCommentsAtAnyBufferBoundary() throws IOException {
    String xml = "<?xml version=\"1.0\"?><!-- a > comment --><p:a x=\"1>2\" y='it&apos;s' r:id=\"r7\"><a/>t&amp;u&#x41;&#66;"
        + "<![CDATA[<raw>&amp;]]></p:a>";
    List<String> want = List.of("S:a[1>2,it's,r7]", "S:a[null,null,null]", "E", "T:t&uAB", "T:<raw>&amp;", "E");
    for (int chunk : new int[] {1, 2, 3, 7, 64, 1 << 16}) assertThat(events(xml, chunk)).as("chunk " + chunk).isEqualTo(want);
  }

  @Test
  void refusesMalformedInputInOneLine() {
    for (String bad : List.of("<a x=\"1>", "<a x=1/>", "<a>&bogus;</a>", "<a>&#0;</a>", "<!DOCTYPE a><a/>", "<a x=\"\u0000\"/>")) {
      assertThatThrownBy(() -> events(bad, 3)).as(bad).isInstanceOf(BadInputException.class)
          .hasMessageStartingWith("f.xlsx: not a readable xlsx workbook (part.xml: ")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }
}
