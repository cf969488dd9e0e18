package org.distinct.data;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Test helper: writes xlsx files from raw XML parts, including generated zip bombs (never committed). */
final class XlsxFiles {
  private XlsxFiles() {}

  private static final int END = -1;

  static final String NS = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";

  /** One zip entry: its name, deflated bytes, CRC, expanded size, and the expanded size the headers claim. */
  record Entry(String name, byte[] deflated, long crc, long size, long declaredSize) {}

  static Entry entry(String name, String xml) {
    byte[] raw = xml.getBytes(StandardCharsets.UTF_8);
    CRC32 crc = new CRC32();
    crc.update(raw);
    return new Entry(name, deflate(raw, END), crc.getValue(), raw.length, raw.length);
  }

  private static byte[] deflate(byte[] raw, int flush) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    d.setInput(raw);
    if (flush == END) d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    while (true) {
      int n = d.deflate(buf, 0, buf.length, flush == END ? Deflater.NO_FLUSH : flush);
      out.write(buf, 0, n);
      if (flush == END ? d.finished() : n < buf.length) break;
    }
    d.end();
    return out.toByteArray();
  }

  /**
   * A sheet entry that expands to {@code mib} MiB of blanks inside {@code <sheetData>}: made of one 1 MiB block
   * deflated once and repeated (a full flush makes blocks independent), so it costs a few milliseconds to build.
   *
   * @param declared the expanded size the zip headers claim (the truth, or a lie)
   */
  static Entry bombSheet(int mib, Long declared) {
    byte[] head = ("<?xml version=\"1.0\"?><worksheet " + NS + "><sheetData>").getBytes(StandardCharsets.UTF_8);
    byte[] tail = "</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8);
    byte[] block = new byte[1 << 20];
    Arrays.fill(block, (byte) ' ');
    byte[] h = deflate(head, Deflater.FULL_FLUSH), b = deflate(block, Deflater.FULL_FLUSH), t = deflate(tail, END);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(h);
    CRC32 crc = new CRC32();
    crc.update(head);
    for (int i = 0; i < mib; i++) {
      out.writeBytes(b);
      crc.update(block);
    }
    out.writeBytes(t);
    crc.update(tail);
    long size = head.length + (long) mib * block.length + tail.length;
    return new Entry("xl/worksheets/sheet1.xml", out.toByteArray(), crc.getValue(), size, declared == null ? size : declared);
  }

  /** The parts around one sheet: content types, workbook, its relationships, optional styles. */
  static List<Entry> frame(String styles) {
    List<Entry> e = new ArrayList<>();
    e.add(entry("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"));
    e.add(entry("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook " + NS + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        + "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Other\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"));
    e.add(entry("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        + "</Relationships>"));
    if (styles != null) e.add(entry("xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet " + NS + ">" + styles + "</styleSheet>"));
    return e;
  }

  /** @return a workbook whose first sheet ("Data") has the given sheetData content and second ("Other") one row */
  static Path sheet(Path file, String sheetData, String styles) throws IOException {
    List<Entry> e = frame(styles);
    e.add(entry("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><worksheet " + NS + "><sheetData>" + sheetData + "</sheetData></worksheet>"));
    e.add(entry("xl/worksheets/sheet2.xml", "<?xml version=\"1.0\"?><worksheet " + NS + "><sheetData>"
        + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>other</t></is></c></row><row r=\"2\"><c r=\"A2\"><v>42</v></c></row></sheetData></worksheet>"));
    return write(file, e);
  }

  /** Writes a zip (method deflate) with the entries, each declaring {@code declaredSize}. */
  static Path write(Path file, List<Entry> entries) throws IOException {
    ByteArrayOutputStream cd = new ByteArrayOutputStream();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      long off = 0;
      for (Entry e : entries) {
        byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
        ByteBuffer lh = le(30 + name.length);
        lh.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putShort((short) 0).putShort((short) 0x21)
            .putInt((int) e.crc()).putInt(e.deflated().length).putInt((int) e.declaredSize()).putShort((short) name.length).putShort((short) 0).put(name);
        out.write(lh.array());
        out.write(e.deflated());
        ByteBuffer ch = le(46 + name.length);
        ch.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8).putShort((short) 0)
            .putShort((short) 0x21).putInt((int) e.crc()).putInt(e.deflated().length).putInt((int) e.declaredSize()).putShort((short) name.length)
            .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) off).put(name);
        cd.writeBytes(ch.array());
        off += 30 + name.length + e.deflated().length;
      }
      byte[] dir = cd.toByteArray();
      ByteBuffer end = le(22);
      end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size()).putShort((short) entries.size())
          .putInt(dir.length).putInt((int) off).putShort((short) 0);
      out.write(dir);
      out.write(end.array());
    }
    return file;
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }
}
