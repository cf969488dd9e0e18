package org.distinct.study;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One cached unit result as stored in {@code .runs/<unit>.json}: a small envelope of text lines, a blank line, and
 * the payload (the unit's result as JSON):
 *
 * <pre>
 * distinct-unit-cache 1
 * study   &lt;SHA-256 of the resolved study file and its input data&gt;
 * version &lt;release+code fingerprint, {@link CodeVersion}&gt;
 * unit    &lt;unit id&gt;
 * length  &lt;payload bytes&gt;
 * sha256  &lt;SHA-256 of the payload&gt;
 *
 * {...payload...}
 * </pre>
 *
 * <p>{@link #check} verifies all of it: an entry cut short or changed ({@link Problem#TORN}) or one of another
 * study, build or unit, or of an older format ({@link Problem#STALE}, which includes every entry written before this
 * envelope existed) is never used.
 *
 * @param study the study hash
 * @param version the code version
 * @param unit the unit id
 * @param payload the result as JSON bytes (Not modified; not copied)
 */
public record CacheEntry(String study, String version, String unit, byte[] payload) {
  /** First line of every entry: the format and its version. */
  public static final String FORMAT = "distinct-unit-cache 1";

  /** What is wrong with an entry. */
  public enum Problem {
    /** Cut short or changed after it was written (length or checksum wrong, envelope incomplete). */
    TORN,
    /** Complete, but of another study, build or unit, or of an older cache format. */
    STALE
  }

  /**
   * The verdict on a stored entry.
   *
   * @param problem what is wrong, or null when the entry is good
   * @param detail why, for the message (e.g. {@code "120 of 4,311 payload bytes"})
   * @param payload the payload of a good entry (else null)
   */
  public record Verdict(Problem problem, String detail, byte[] payload) {
    /** @return whether the entry may be used */
    public boolean ok() {
      return problem == null;
    }
  }

  /** @return the bytes to store */
  public byte[] encode() {
    String head = FORMAT + "\n"
        + "study " + study + "\n"
        + "version " + version + "\n"
        + "unit " + unit + "\n"
        + "length " + payload.length + "\n"
        + "sha256 " + StudyRunner.sha256(payload) + "\n\n";
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(h, h.length + payload.length);
    System.arraycopy(payload, 0, all, h.length, payload.length);
    return all;
  }

  /**
   * Verifies a stored entry against what it must be.
   *
   * @param bytes the file's content (Not modified)
   * @param study the current study hash
   * @param version the current code version
   * @param unit the unit id the file is named after
   * @return the verdict (with the payload when good)
   */
  public static Verdict check(byte[] bytes, String study, String version, String unit) {
    int end = headerEnd(bytes);
    String start = new String(bytes, 0, Math.min(bytes.length, FORMAT.length()), StandardCharsets.UTF_8);
    if (bytes.length == 0) return torn("the file is empty");
    if (!FORMAT.startsWith(start)) return stale("not in the current cache format (written by an older distinct?)");
    if (end < 0) return torn("the envelope is cut short (" + bytes.length + " bytes)");
    Map<String, String> h = header(new String(bytes, 0, end, StandardCharsets.UTF_8));
    if (h == null || !h.containsKey("length") || !h.containsKey("sha256")) return torn("the envelope is incomplete");
    long length;
    try {
      length = Long.parseLong(h.get("length"));
    } catch (NumberFormatException e) {
      return torn("the envelope's length is not a number");
    }
    byte[] payload = Arrays.copyOfRange(bytes, end + 2, bytes.length);
    if (payload.length != length)
      return torn(String.format(Locale.ROOT, "%,d of %,d payload bytes", payload.length, length));
    if (!StudyRunner.sha256(payload).equals(h.get("sha256"))) return torn("the payload's SHA-256 does not match");
    if (!study.equals(h.get("study"))) return stale("of another study or data");
    if (!version.equals(h.get("version"))) return stale("written by another build of distinct (" + h.get("version") + ", now " + version + ")");
    if (!unit.equals(h.get("unit"))) return stale("of another unit (" + h.get("unit") + ")");
    return new Verdict(null, "", payload);
  }

  private static Verdict torn(String why) {
    return new Verdict(Problem.TORN, why, null);
  }

  private static Verdict stale(String why) {
    return new Verdict(Problem.STALE, why, null);
  }

  /** @return the index of the first byte of the blank line ("\n\n") that ends the envelope, or -1 */
  private static int headerEnd(byte[] b) {
    int max = Math.min(b.length - 1, 4096);
    for (int i = 0; i < max; i++) if (b[i] == '\n' && b[i + 1] == '\n') return i;
    return -1;
  }

  /** @return the key–value lines after the format line, or null if one is malformed */
  private static Map<String, String> header(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    String[] lines = text.split("\n");
    if (!lines[0].equals(FORMAT)) return null;
    for (int i = 1; i < lines.length; i++) {
      int sp = lines[i].indexOf(' ');
      if (sp < 0) return null;
      m.put(lines[i].substring(0, sp), lines[i].substring(sp + 1));
    }
    return m;
  }
}
