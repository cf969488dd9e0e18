package org.distinct.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The envelope of a cached unit: every cut and every changed byte is caught, and entries of another study, build or unit. */
class CacheEntryTest {
  private static final String STUDY = StudyRunner.sha256("study".getBytes(StandardCharsets.UTF_8));
  private static final String VERSION = "0.1.0+abcdef012345";

  /** A payload of random numbers as JSON, as a unit result would be. */
  private static byte[] payload(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("{\n  \"trainCurve\" : [ ");
    for (int i = 0; i < 20; i++) sb.append(i == 0 ? "" : ", ").append(r.nextDouble());
    return sb.append(" ],\n  \"diverged\" : false\n}").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anEntryReadsBackAsItsPayload() {
    byte[] p = payload(1);
    CacheEntry.Verdict v = CacheEntry.check(new CacheEntry(STUDY, VERSION, "mlp-seed-1-fold-0", p).encode(), STUDY, VERSION, "mlp-seed-1-fold-0");
    assertThat(v.ok()).isTrue();
    assertThat(v.payload()).isEqualTo(p);
  }

  @Test
  void everyTruncationIsTorn() {
    byte[] e = new CacheEntry(STUDY, VERSION, "u", payload(2)).encode();
    for (int len = 0; len < e.length; len++) {
      CacheEntry.Verdict v = CacheEntry.check(Arrays.copyOf(e, len), STUDY, VERSION, "u");
      assertThat(v.problem()).as("cut to %d of %d bytes", len, e.length).isEqualTo(CacheEntry.Problem.TORN);
    }
  }

  @Test
  void everyChangedByteIsCaught() {
    byte[] e = new CacheEntry(STUDY, VERSION, "u", payload(2)).encode();
    int header = new String(e, StandardCharsets.UTF_8).indexOf("\n\n") + 2;
    for (int i = 0; i < e.length; i++) {
      byte[] bad = e.clone();
      bad[i] ^= 0x04; // '0'..'9' stay printable, so the change looks plausible
      CacheEntry.Verdict v = CacheEntry.check(bad, STUDY, VERSION, "u");
      assertThat(v.ok()).as("byte %d changed", i).isFalse();
      if (i >= header) assertThat(v.problem()).as("payload byte %d changed", i).isEqualTo(CacheEntry.Problem.TORN);
    }
  }

  @Test
  void entriesOfAnotherStudyBuildUnitOrFormatAreStale() {
    byte[] e = new CacheEntry(STUDY, VERSION, "u", payload(4)).encode();
    assertThat(CacheEntry.check(e, StudyRunner.sha256(new byte[1]), VERSION, "u").problem()).isEqualTo(CacheEntry.Problem.STALE);
    CacheEntry.Verdict build = CacheEntry.check(e, STUDY, "0.1.0+000000000000", "u");
    assertThat(build.problem()).isEqualTo(CacheEntry.Problem.STALE);
    assertThat(build.detail()).contains("another build", VERSION);
    assertThat(CacheEntry.check(e, STUDY, VERSION, "v").problem()).isEqualTo(CacheEntry.Problem.STALE);
    // what distinct wrote before the envelope existed: the bare JSON of the result
    assertThat(CacheEntry.check(payload(4), STUDY, VERSION, "u").problem()).isEqualTo(CacheEntry.Problem.STALE);
  }

  /**
   * Edits the payload of a stored entry and seals it again with a correct envelope, as distinct would have written it
   * (for tests that must tell a used cache entry from a recomputed one).
   *
   * @param file the entry
   * @param edit changes the payload's text
   */
  static void reseal(Path file, UnaryOperator<String> edit) throws IOException {
    String all = Files.readString(file);
    int end = all.indexOf("\n\n");
    String study = field(all, "study");
    String version = field(all, "version");
    String unit = field(all, "unit");
    String payload = edit.apply(all.substring(end + 2));
    assertThat(payload).as("the edit changes the payload").isNotEqualTo(all.substring(end + 2));
    Files.write(file, new CacheEntry(study, version, unit, payload.getBytes(StandardCharsets.UTF_8)).encode());
  }

  private static String field(String entry, String key) {
    for (String line : entry.substring(0, entry.indexOf("\n\n")).split("\n"))
      if (line.startsWith(key + " ")) return line.substring(key.length() + 1);
    throw new AssertionError("no " + key + " in the entry");
  }
}
