package org.distinct.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.distinct.BadInputException;

/**
 * A minimal pull scanner for the XML parts of an xlsx workbook, working on UTF-8 bytes without building strings
 * for names or number texts. Namespaces are ignored (names compare by their local part), comments and processing
 * instructions are skipped, CDATA sections are text, the five predefined entities and character references are
 * decoded; a document type declaration is refused (no entity expansion, no external entities).
 *
 * <p>Events: {@link #START} (element name and attributes available; a self-closing element is followed by its
 * {@link #END}), {@link #END}, {@link #TEXT} (character data between tags) and {@link #EOF}. Names, attributes and
 * text of an event are valid until the next call of {@link #next()}.
 */
final class XmlScanner {
  static final int EOF = -1;
  static final int START = 1;
  static final int END = 2;
  static final int TEXT = 3;
  private static final int MAX_TOKEN = 64 << 20;
  private static final int MAX_ATTRS = 64;

  private final InputStream in;
  private final String src;
  private final String part;
  private byte[] buf;
  private int pos, lim;
  private boolean eof;

  private int nameStart, nameEnd;
  private int textStart, textEnd;
  private boolean textAmp, textCdata;
  private boolean pendingEnd;
  private int attrCount;
  private final int[] attrs = new int[MAX_ATTRS * 5]; // name start, name end, value start, value end, colon or -1
  private final boolean[] attrAmp = new boolean[MAX_ATTRS];

  /**
   * @param in the part's bytes (closed by the caller)
   * @param src file name for messages
   * @param part zip entry name for messages
   */
  XmlScanner(InputStream in, String src, String part) {
    this(in, src, part, 64 << 10);
  }

  /**
   * @param in the part's bytes (closed by the caller)
   * @param src file name for messages
   * @param part zip entry name for messages
   * @param sizeHint the part's expected size (the buffer starts at most 64 KB, at least 1 KB)
   */
  XmlScanner(InputStream in, String src, String part, long sizeHint) {
    this.buf = new byte[(int) Math.max(1 << 10, Math.min(64 << 10, sizeHint + 16))];
    this.in = in;
    this.src = src;
    this.part = part;
  }

  BadInputException error(String what) {
    String w = what.replaceAll("[\\p{Cntrl}\\s]+", " ");
    return BadInputException.at(src, 0, null, "not a readable xlsx workbook (" + part + ": " + w + ")");
  }

  /**
   * Makes sure {@code buf[i]} is loaded if the input has it, compacting the buffer from {@code keep} first.
   *
   * @return the shift applied to all indices (subtract it from {@code i}); afterwards {@code i - shift < lim}
   *     unless the input ended
   */
  private int load(int i, int keep) throws IOException {
    if (i < lim) return 0;
    int shift = 0;
    if (keep > 0) {
      System.arraycopy(buf, keep, buf, 0, lim - keep);
      lim -= keep;
      pos -= keep;
      shift = keep;
    }
    while (i - shift >= lim && !eof) {
      if (lim == buf.length) {
        if (buf.length >= MAX_TOKEN) throw error("an XML token longer than " + (MAX_TOKEN >> 20) + " MB");
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      int n = in.read(buf, lim, buf.length - lim);
      if (n < 0) eof = true;
      else lim += n;
    }
    return shift;
  }

  /** @return the next event */
  int next() throws IOException {
    if (pendingEnd) {
      pendingEnd = false;
      attrCount = 0;
      return END;
    }
    while (true) {
      load(pos, pos);
      if (pos >= lim) return EOF;
      if (buf[pos] != '<') return scanText();
      int i = pos + 1;
      i -= load(i, pos);
      if (i >= lim) throw error("unexpected end");
      byte c = buf[i];
      if (c == '?') {
        skipPast(new byte[] {'?', '>'});
        continue;
      }
      if (c == '!') {
        if (startsWith(1, "!--")) {
          skipPast(new byte[] {'-', '-', '>'});
          continue;
        }
        if (startsWith(1, "![CDATA[")) return cdata();
        throw error("document type declarations are not allowed");
      }
      if (c == '/') return endTag();
      return startTag();
    }
  }

  /** @return whether the input at {@code pos + off} starts with {@code s} (indices relative to pos survive compaction) */
  private boolean startsWith(int off, String s) throws IOException {
    for (int k = 0; k < s.length(); k++) {
      load(pos + off + k, pos);
      if (pos + off + k >= lim) return false;
      if (buf[pos + off + k] != s.charAt(k)) return false;
    }
    return true;
  }

  private void skipPast(byte[] end) throws IOException {
    int i = pos + 1;
    int matched = 0;
    while (true) {
      i -= load(i, pos);
      if (i >= lim) throw error("unexpected end");
      matched = buf[i] == end[matched] ? matched + 1 : buf[i] == end[0] ? 1 : 0;
      i++;
      if (matched == end.length) {
        pos = i;
        return;
      }
      if (i - pos > 1024) pos = i - end.length; // comments may be long: keep only a tail
    }
  }

  private int cdata() throws IOException {
    int i = pos + 9;
    while (true) {
      i -= load(i + 2, pos);
      if (i + 2 >= lim) throw error("unexpected end in CDATA");
      if (buf[i] == ']' && buf[i + 1] == ']' && buf[i + 2] == '>') break;
      i++;
    }
    textStart = pos + 9;
    textEnd = i;
    textAmp = false;
    textCdata = true;
    pos = i + 3;
    return TEXT;
  }

  private int scanText() throws IOException {
    int i = pos;
    boolean amp = false;
    while (true) {
      if (i >= lim) {
        i -= load(i, pos);
        if (i >= lim) break;
      }
      byte c = buf[i];
      if (c == '<') break;
      if (c == '&') amp = true;
      else if (c == 0) throw error("a NUL byte (not allowed in XML)");
      i++;
    }
    textStart = pos;
    textEnd = i;
    textAmp = amp;
    textCdata = false;
    pos = i;
    return TEXT;
  }

  private int endTag() throws IOException {
    int i = pos + 2;
    while (true) {
      if (i >= lim) {
        i -= load(i, pos);
        if (i >= lim) throw error("unexpected end in a tag");
      }
      if (buf[i] == '>') break;
      i++;
    }
    nameStart = pos + 2;
    nameEnd = i;
    while (nameEnd > nameStart && buf[nameEnd - 1] <= ' ') nameEnd--;
    attrCount = 0;
    pos = i + 1;
    return END;
  }

  private int startTag() throws IOException {
    int end = fastTagEnd();
    if (!parseTag(end)) {
      end = quotedTagEnd(); // a quoted attribute value holds a '>'
      if (!parseTag(end)) throw error("an attribute value without its closing quote");
    }
    pos = end + 1;
    pendingEnd = buf[end - 1] == '/';
    return START;
  }

  /** @return the index of the first {@code >} after the tag start (loading as needed) */
  private int fastTagEnd() throws IOException {
    int i = pos + 1;
    while (true) {
      if (i >= lim) {
        i -= load(i, pos);
        if (i >= lim) throw error("unexpected end in a tag");
      }
      if (buf[i] == '>') return i;
      i++;
    }
  }

  /** @return the index of the {@code >} that ends the tag, skipping quoted attribute values */
  private int quotedTagEnd() throws IOException {
    int i = pos + 1;
    byte quote = 0;
    while (true) {
      if (i >= lim) {
        i -= load(i, pos);
        if (i >= lim) throw error("unexpected end in a tag");
      }
      byte c = buf[i];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') quote = c;
      else if (c == '>') return i;
      i++;
    }
  }

  /**
   * Parses the name and attributes of the tag {@code buf[pos..end]}.
   *
   * @return false if an attribute value is not closed before {@code end} (the {@code >} was inside it)
   */
  private boolean parseTag(int end) {
    int j = pos + 1;
    nameStart = j;
    while (j < end && buf[j] > ' ' && buf[j] != '/') j++;
    nameEnd = j;
    if (nameEnd == nameStart) throw error("an element without a name");
    attrCount = 0;
    while (true) {
      while (j < end && (buf[j] <= ' ' || buf[j] == '/')) j++;
      if (j >= end) return true;
      int an = j, colon = -1;
      while (j < end && buf[j] != '=' && buf[j] > ' ') {
        if (buf[j] == ':') colon = j;
        j++;
      }
      int ae = j;
      while (j < end && buf[j] <= ' ') j++;
      if (j >= end || buf[j] != '=') throw error("an attribute without a value");
      j++;
      while (j < end && buf[j] <= ' ') j++;
      if (j >= end || (buf[j] != '"' && buf[j] != '\'')) throw error("an attribute value without quotes");
      byte q = buf[j++];
      int vs = j;
      boolean amp = false;
      while (j < end && buf[j] != q) {
        byte c = buf[j];
        if (c == '&') amp = true;
        else if (c == 0) throw error("a NUL byte (not allowed in XML)");
        j++;
      }
      if (j >= end) return false;
      if (attrCount < MAX_ATTRS) {
        int k = attrCount * 5;
        attrs[k] = an;
        attrs[k + 1] = ae;
        attrs[k + 2] = vs;
        attrs[k + 3] = j;
        attrs[k + 4] = colon;
        attrAmp[attrCount] = amp;
        attrCount++;
      }
      j++;
    }
  }

  // ---------------------------------------------------------------- number cells in the usual form

  private int cellColumn;
  private long cellStyle;
  private double cellNumber;

  /**
   * Reads one number cell written in the form spreadsheet writers use, {@code <c r="B7"><v>2.5</v></c>}, optionally
   * with {@code t="n"} and a style {@code s="3"} (in either order, one space before each), if it lies wholly in the
   * bytes already loaded. This is the same cell that {@link #next()} would give as events (start, start of
   * {@code v}, text, two ends); a cell in any other form, with a text that is empty, not a finite number or holds an
   * entity, or reaching past the loaded bytes is left untouched (return false), for {@link #next()} to read it as
   * before, so errors, limits and the input's reading stay exactly as they were. In a fresh JVM this one small loop
   * compiles early and does not deoptimize, where the events of a cell take some ten methods.
   *
   * @return whether a cell was read (then {@link #cellColumn()}, {@link #cellStyle()} and {@link #cellNumber()} give it)
   */
  boolean numberCell() {
    if (pendingEnd) return false;
    int v = cellHead(pos);
    if (v < 0) return false;
    int end = cellValue(v);
    if (end < 0) return false;
    pos = end;
    attrCount = 0;
    return true;
  }

  /** @return the 0-based column of the cell {@link #numberCell()} read (from the letters of its {@code r}) */
  int cellColumn() {
    return cellColumn;
  }

  /** @return the style index of the cell {@link #numberCell()} read ({@code s}, 0 if absent) */
  long cellStyle() {
    return cellStyle;
  }

  /** @return the value of the cell {@link #numberCell()} read */
  double cellNumber() {
    return cellNumber;
  }

  /**
   * Reads a row's start tag in the usual form, {@code <row r="17">} (a row number from 1 to 999,999,999, no other
   * attribute), if it lies wholly in the loaded bytes; any other form is left for {@link #next()}, as in
   * {@link #numberCell()}.
   *
   * @return the row number, or -1 if nothing was read
   */
  int rowStart() {
    byte[] b = buf;
    int p = pos, l = lim;
    if (pendingEnd || p + 9 >= l || b[p] != '<' || b[p + 1] != 'r' || b[p + 2] != 'o' || b[p + 3] != 'w' || b[p + 4] != ' '
        || b[p + 5] != 'r' || b[p + 6] != '=' || b[p + 7] != '"') return -1;
    int i = p + 8, row = 0;
    while (i < l && i < p + 17 && b[i] >= '0' && b[i] <= '9') row = row * 10 + (b[i++] - '0');
    if (row == 0 || i + 1 >= l || b[i] != '"' || b[i + 1] != '>') return -1;
    pos = i + 2;
    attrCount = 0;
    return row;
  }

  /** @return whether a {@code </row>} was read (wholly in the loaded bytes; else left for {@link #next()}) */
  boolean rowEnd() {
    byte[] b = buf;
    int p = pos;
    if (pendingEnd || p + 6 > lim || b[p] != '<' || b[p + 1] != '/' || b[p + 2] != 'r' || b[p + 3] != 'o' || b[p + 4] != 'w'
        || b[p + 5] != '>') return false;
    pos = p + 6;
    attrCount = 0;
    return true;
  }

  /** @return the index after the {@code >} of a {@code <c r="A1"[ t="n"][ s="7"]>} tag at {@code p}, or -1 */
  private int cellHead(int p) {
    byte[] b = buf;
    int l = lim;
    if (p + 8 >= l || b[p] != '<' || b[p + 1] != 'c' || b[p + 2] != ' ' || b[p + 3] != 'r' || b[p + 4] != '=' || b[p + 5] != '"') return -1;
    int i = p + 6, col = 0;
    while (i < l && i < p + 9 && b[i] >= 'A' && b[i] <= 'Z') col = col * 26 + (b[i++] - 'A' + 1);
    if (col == 0) return -1;
    while (i < l && b[i] >= '0' && b[i] <= '9') i++;
    if (i >= l || b[i] != '"') return -1;
    i++;
    boolean t = false;
    long style = 0;
    for (int k = 0; k < 2 && i + 5 < l && b[i] == ' ' && b[i + 2] == '=' && b[i + 3] == '"'; k++) {
      if (b[i + 1] == 't' && !t && b[i + 4] == 'n' && b[i + 5] == '"') {
        t = true;
        i += 6;
      } else if (b[i + 1] == 's' && k == (t ? 1 : 0)) {
        int j = i + 4;
        style = 0;
        while (j < l && j < i + 13 && b[j] >= '0' && b[j] <= '9') style = style * 10 + (b[j++] - '0');
        if (j == i + 4 || j >= l || b[j] != '"') return -1;
        i = j + 1;
      } else return -1;
    }
    if (i >= l || b[i] != '>') return -1;
    cellColumn = col - 1;
    cellStyle = style;
    return i + 1;
  }

  /** @return the index after {@code </v></c>} of a {@code <v>number</v></c>} at {@code p} (value in cellNumber), or -1 */
  private int cellValue(int p) {
    byte[] b = buf;
    int l = lim;
    if (p + 3 >= l || b[p] != '<' || b[p + 1] != 'v' || b[p + 2] != '>') return -1;
    int s = p + 3, j = s;
    while (j < l && b[j] != '<') {
      if (b[j] == '&' || b[j] == 0) return -1;
      j++;
    }
    if (j + 8 > l || b[j + 1] != '/' || b[j + 2] != 'v' || b[j + 3] != '>' || b[j + 4] != '<' || b[j + 5] != '/' || b[j + 6] != 'c'
        || b[j + 7] != '>') return -1;
    int e = j;
    while (s < e && b[s] <= ' ') s++;
    while (e > s && b[e - 1] <= ' ') e--;
    double v = NumberParser.parse(b, s, e, false);
    if (Double.isNaN(v)) return -1;
    cellNumber = v;
    return j + 8;
  }

  /** @return whether the current element's local name (after any prefix) is {@code local} */
  boolean is(byte[] local) {
    return localEquals(nameStart, nameEnd, local);
  }

  private boolean localEquals(int s, int e, byte[] local) {
    int from = e - local.length;
    if (from < s || (from > s && buf[from - 1] != ':')) return false;
    for (int k = 0; k < local.length; k++) if (buf[from + k] != local[k]) return false;
    return true;
  }

  private int attrIndex(byte[] local, boolean prefixed) {
    outer:
    for (int a = 0; a < attrCount; a++) {
      int colon = attrs[a * 5 + 4];
      if ((colon >= 0) != prefixed) continue;
      int s = colon >= 0 ? colon + 1 : attrs[a * 5], e = attrs[a * 5 + 1];
      if (e - s != local.length) continue;
      for (int k = 0; k < local.length; k++) if (buf[s + k] != local[k]) continue outer;
      return a;
    }
    return -1;
  }

  /**
   * @param local an unprefixed attribute name
   * @param values candidate values (Not modified)
   * @return the index of the candidate the attribute's raw value equals, -1 if the attribute is absent, or -2 if it
   *     has another value
   */
  int attrChoice(byte[] local, byte[][] values) {
    int a = attrIndex(local, false);
    if (a < 0) return -1;
    int s = attrs[a * 5 + 2], e = attrs[a * 5 + 3];
    outer:
    for (int v = 0; v < values.length; v++) {
      byte[] want = values[v];
      if (want.length != e - s) continue;
      for (int k = 0; k < want.length; k++) if (buf[s + k] != want[k]) continue outer;
      return v;
    }
    return -2;
  }

  /**
   * @param local attribute name without prefix
   * @param prefixed whether the attribute carries a namespace prefix ({@code r:id})
   * @return the decoded value, or null if there is no such attribute
   */
  String attr(byte[] local, boolean prefixed) {
    int a = attrIndex(local, prefixed);
    if (a < 0) return null;
    return decode(attrs[a * 5 + 2], attrs[a * 5 + 3], attrAmp[a]);
  }

  /** @return the unprefixed attribute's value, or null */
  String attr(byte[] local) {
    return attr(local, false);
  }

  /** @return the unprefixed attribute's value as a non-negative integer, or {@code dflt} if absent or not one */
  long attrLong(byte[] local, long dflt) {
    int a = attrIndex(local, false);
    if (a < 0) return dflt;
    int s = attrs[a * 5 + 2], e = attrs[a * 5 + 3];
    if (s == e || e - s > 18) return dflt;
    long v = 0;
    for (int k = s; k < e; k++) {
      if (buf[k] < '0' || buf[k] > '9') return dflt;
      v = v * 10 + (buf[k] - '0');
    }
    return v;
  }

  /**
   * @param local attribute name
   * @return the 0-based column of a cell reference such as {@code AB12} in that attribute, -1 if absent or
   *     malformed, or {@code Integer.MAX_VALUE} if beyond any sheet
   */
  int attrColumn(byte[] local) {
    int a = attrIndex(local, false);
    if (a < 0) return -1;
    int s = attrs[a * 5 + 2], e = attrs[a * 5 + 3];
    long col = 0;
    int k = s;
    while (k < e && buf[k] >= 'A' && buf[k] <= 'Z') {
      col = col * 26 + (buf[k] - 'A' + 1);
      if (col > Integer.MAX_VALUE / 32) return Integer.MAX_VALUE;
      k++;
    }
    return k == s ? -1 : (int) (col - 1);
  }

  /** @return the decoded text of the current {@link #TEXT} event */
  String text() {
    return textCdata ? new String(buf, textStart, textEnd - textStart, StandardCharsets.UTF_8) : decode(textStart, textEnd, textAmp);
  }

  /** @return whether the current text is only XML white space */
  boolean isWhitespace() {
    for (int k = textStart; k < textEnd; k++) if (buf[k] > ' ') return false;
    return true;
  }

  /** @return the current text parsed as a number (trimmed), or NaN if it is not one */
  double textNumber() {
    if (textAmp) return Table.parse(text().strip(), false);
    int s = textStart, e = textEnd;
    while (s < e && buf[s] <= ' ') s++;
    while (e > s && buf[e - 1] <= ' ') e--;
    return NumberParser.parse(buf, s, e, false);
  }

  private String decode(int s, int e, boolean amp) {
    if (!amp) return new String(buf, s, e - s, StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(e - s);
    int k = s;
    while (k < e) {
      int a = k;
      while (k < e && buf[k] != '&') k++;
      sb.append(new String(buf, a, k - a, StandardCharsets.UTF_8));
      if (k >= e) break;
      int semi = k + 1;
      while (semi < e && semi - k < 12 && buf[semi] != ';') semi++;
      if (semi >= e || buf[semi] != ';') throw error("a malformed entity reference");
      String ent = new String(buf, k + 1, semi - k - 1, StandardCharsets.ISO_8859_1);
      sb.appendCodePoint(entity(ent));
      k = semi + 1;
    }
    return sb.toString();
  }

  private int entity(String ent) {
    switch (ent) {
      case "amp": return '&';
      case "lt": return '<';
      case "gt": return '>';
      case "quot": return '"';
      case "apos": return '\'';
      default:
    }
    int cp;
    try {
      if (ent.startsWith("#x") || ent.startsWith("#X")) cp = Integer.parseInt(ent.substring(2), 16);
      else if (ent.startsWith("#")) cp = Integer.parseInt(ent.substring(1));
      else throw error("an undefined entity '&" + ent + ";'");
    } catch (NumberFormatException ex) {
      throw error("a malformed character reference '&" + ent + ";'");
    }
    if (cp == 0) throw error("a NUL character reference (not allowed in XML)");
    if (cp < 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) throw error("an invalid character reference '&" + ent + ";'");
    return cp;
  }
}
