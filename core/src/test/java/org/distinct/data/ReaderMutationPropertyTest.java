package org.distinct.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.distinct.BadInputException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Property (seeded random tries, plain JUnit): whatever bytes a valid csv or xlsx file is mutated into (bytes flipped, inserted, deleted, duplicated,
 * truncated, special characters such as quotes, line breaks, NUL and invalid UTF-8 put in), reading it ends, within
 * seconds, in a result or a {@link BadInputException} of one line; never in another exception or a hang.
 */
class ReaderMutationPropertyTest {
  /** One edit of a byte array: kind 0 flip, 1 insert, 2 delete, 3 duplicate, 4 truncate, 5 special byte. */
  record Mutation(int kind, int pos, int len, byte value) {}

  private static final byte[] SPECIAL = {'"', '\n', '\r', ',', ';', '\t', 0, (byte) 0xFF, (byte) 0xC3, '<', '>', '&', '-', 'e', '.'};

  private static final byte[] CSV;
  private static final byte[] XLSX;
  private static final byte[] SHEET_XML;
  private static final Map<String, byte[]> PARTS;
  private static final byte[] LONG;
  private static final byte[] UCR;

  static {
    try {
      Path dir = Files.createTempDirectory("mut");
      Table t = DemoData.featureTable(new DemoData.FeatureSpec(3, 4, 32, 1, 1, 1.0), 3);
      TableWriter.writeCsv(t, dir.resolve("f.csv"));
      TableWriter.writeXlsx(t.selectColumns(new int[] {0, 1, 2, 9, 26}), dir.resolve("f.xlsx"), "features");
      CSV = Files.readAllBytes(dir.resolve("f.csv"));
      XLSX = Files.readAllBytes(dir.resolve("f.xlsx"));
      PARTS = parts(dir.resolve("f.xlsx"));
      SHEET_XML = PARTS.get("xl/worksheets/sheet1.xml");
      StringBuilder lng = new StringBuilder("sequence,label,group,time,a,b\n");
      StringBuilder ucr = new StringBuilder();
      for (int s = 0; s < 6; s++) {
        ucr.append(s % 2);
        for (int k = 0; k < 8; k++) {
          lng.append("s").append(s).append(',').append(s % 2).append(',').append(s / 2).append(',').append(k).append(',')
              .append(0.25 * k - s).append(',').append(k * s).append('\n');
          ucr.append('\t').append(k < 7 || s % 3 != 0 ? Double.toString(0.5 * k + s) : "NaN");
        }
        ucr.append('\n');
      }
      LONG = lng.toString().getBytes(StandardCharsets.UTF_8);
      UCR = ucr.toString().getBytes(StandardCharsets.UTF_8);
      Files.delete(dir.resolve("f.csv"));
      Files.delete(dir.resolve("f.xlsx"));
      Files.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, byte[]> parts(Path xlsx) throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(xlsx.toFile())) {
      for (ZipEntry e : Collections.list(z.entries()))
        try (InputStream in = z.getInputStream(e)) {
          m.put(e.getName(), in.readAllBytes());
        }
    }
    return m;
  }

  /** @return the workbook with its sheet XML replaced */
  private static byte[] withSheet(byte[] sheet) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (var e : PARTS.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getKey().equals("xl/worksheets/sheet1.xml") ? sheet : e.getValue());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Random edits drawn from a seed (a failing case is reproduced by its seed, which the assertion message names).
   *
   * @param rng the stream of one try (Modified: advanced)
   * @param max the most edits
   * @return 0..max edits
   */
  static List<Mutation> mutations(SplittableRandom rng, int max) {
    List<Mutation> ms = new ArrayList<>();
    int n = rng.nextInt(max + 1);
    for (int i = 0; i < n; i++) ms.add(new Mutation(rng.nextInt(6), rng.nextInt(1 << 20), 1 + rng.nextInt(64), (byte) rng.nextInt(256)));
    return ms;
  }

  /** Runs a property over {@code tries} seeded tries, naming the seed and edits of a failing one. */
  private static void forAll(long seed, int tries, int max, Try t) throws IOException {
    SplittableRandom root = new SplittableRandom(seed);
    for (int i = 0; i < tries; i++) {
      long s = root.nextLong();
      List<Mutation> ms = mutations(new SplittableRandom(s), max);
      try {
        t.run(ms);
      } catch (AssertionError e) {
        throw new AssertionError("try " + i + " (seed " + s + ", edits " + ms + "): " + e.getMessage(), e);
      }
    }
  }

  /** One try of a property. */
  @FunctionalInterface
  private interface Try {
    void run(List<Mutation> ms) throws IOException;
  }

  static byte[] mutate(byte[] base, List<Mutation> ms) {
    byte[] b = base.clone();
    for (Mutation m : ms) {
      int n = b.length;
      int p = n == 0 ? 0 : m.pos() % n;
      int len = Math.min(m.len(), n - p);
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      switch (m.kind()) {
        case 0 -> {
          if (n > 0) b[p] ^= (byte) (m.value() | 1);
          continue;
        }
        case 1 -> {
          o.write(b, 0, p);
          for (int i = 0; i < m.len() % 8 + 1; i++) o.write(m.value() + i);
          o.write(b, p, n - p);
        }
        case 2 -> {
          o.write(b, 0, p);
          o.write(b, p + len, n - p - len);
        }
        case 3 -> {
          o.write(b, 0, p + len);
          o.write(b, p, n - p);
        }
        case 4 -> o.write(b, 0, p);
        default -> {
          if (n > 0) b[p] = SPECIAL[Math.floorMod(m.value(), SPECIAL.length)];
          continue;
        }
      }
      b = o.toByteArray();
    }
    return b;
  }

  /** Writes the bytes, reads them with {@code reader}, and checks the outcome. */
  private static void endsInResultOrBadInput(byte[] content, String name, Function<Path, Object> reader) throws IOException {
    Path dir = Files.createTempDirectory("mut");
    Path f = dir.resolve(name);
    Files.write(f, content);
    try {
      Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
        try {
          assertThat(reader.apply(f)).isNotNull();
        } catch (BadInputException e) {
          assertThat(e.getMessage()).startsWith(f.toString()).doesNotContain("\n");
        }
      });
    } finally {
      Files.deleteIfExists(f);
      Files.delete(dir);
    }
  }

  private static Object readAndLoad(Path f) {
    Table t = TableReader.read(f);
    try {
      return FeatureTableLoader.loadFrame(t, FeatureTableOptions.defaults());
    } catch (BadInputException e) {
      return t; // the table was read; refusing it as features is fine too
    }
  }

  @Test
  void mutatedCsvEndsInATableOrBadInput() throws IOException {
    forAll(11, 400, 6, ms -> endsInResultOrBadInput(mutate(CSV, ms), "f.csv", ReaderMutationPropertyTest::readAndLoad));
  }

  @Test
  void mutatedXlsxBytesEndInATableOrBadInput() throws IOException {
    forAll(12, 200, 4, ms -> endsInResultOrBadInput(mutate(XLSX, ms), "f.xlsx", ReaderMutationPropertyTest::readAndLoad));
  }

  @Test
  void mutatedSheetXmlEndsInATableOrBadInput() throws IOException {
    forAll(13, 300, 6, ms -> endsInResultOrBadInput(withSheet(mutate(SHEET_XML, ms)), "f.xlsx", ReaderMutationPropertyTest::readAndLoad));
  }

  @Test
  void mutatedLongAndUcrSeriesEndInSequencesOrBadInput() throws IOException {
    SeriesOptions o = SeriesOptions.defaults().withMinLength(1);
    forAll(14, 200, 6, ms -> {
      endsInResultOrBadInput(mutate(LONG, ms), "long.csv", f -> SeriesLoader.load(f, o));
      endsInResultOrBadInput(mutate(UCR, ms), "train.tsv", f -> SeriesLoader.load(f, o));
    });
  }
}
