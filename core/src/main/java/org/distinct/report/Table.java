package org.distinct.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.distinct.util.AtomicFiles;

/**
 * A result table for reports: title, caption, columns, rows of {@link Cell}s and notes, written as CSV,
 * Markdown, JSON and an HTML fragment. CSV and JSON carry raw numbers; Markdown and HTML show them with the
 * cell's or column's {@link Format}.
 *
 * @param id file-safe identifier (letters, digits, '-', '_'), used as file base name and HTML anchor
 * @param title short title, e.g. "Table 2: MLP pruning"
 * @param caption one or more sentences explaining the table (may be empty)
 * @param columns the columns, in order
 * @param rows the rows; each has exactly {@code columns.size()} cells
 * @param notes footnotes (may be empty)
 */
public record Table(
    String id, String title, String caption, List<Column> columns, List<List<Cell>> rows, List<String> notes) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Text cells longer than this may wrap in HTML; shorter cells stay on one line. */
  static final int WRAP_AT = 40;

  /** Checks the id, the unique column keys and the row lengths; copies the lists. */
  public Table {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    caption = caption == null ? "" : caption;
    if (!id.matches("[A-Za-z0-9_-]+"))
      throw new IllegalArgumentException("table id must use letters, digits, '-' and '_': '" + id + "'");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) throw new IllegalArgumentException("table " + id + " has no columns");
    Set<String> keys = new HashSet<>();
    for (Column c : columns)
      if (!keys.add(c.key())) throw new IllegalArgumentException("table " + id + ": duplicate column key " + c.key());
    List<List<Cell>> copy = new ArrayList<>(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      List<Cell> row = rows.get(r);
      if (row.size() != columns.size())
        throw new IllegalArgumentException(
            "table " + id + ": row " + r + " has " + row.size() + " cells, expected " + columns.size());
      copy.add(List.copyOf(row));
    }
    rows = List.copyOf(copy);
    notes = List.copyOf(notes);
  }

  /**
   * Starts a table.
   *
   * @param id file-safe identifier
   * @param title short title
   * @return a builder
   */
  public static Builder builder(String id, String title) {
    return new Builder(id, title);
  }

  /** Collects columns, rows and notes of a {@link Table}. */
  public static final class Builder {
    private final String id;
    private final String title;
    private String caption = "";
    private final List<Column> columns = new ArrayList<>();
    private final List<List<Cell>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private Builder(String id, String title) {
      this.id = id;
      this.title = title;
    }

    /**
     * @param caption sentences explaining the table
     * @return this
     */
    public Builder caption(String caption) {
      this.caption = caption;
      return this;
    }

    /**
     * Adds a column with the default format (3 decimals).
     *
     * @param key JSON key
     * @param label header
     * @return this
     */
    public Builder column(String key, String label) {
      return column(key, label, Format.defaults());
    }

    /**
     * @param key JSON key
     * @param label header
     * @param format format of the column's floating-point cells
     * @return this
     */
    public Builder column(String key, String label, Format format) {
      columns.add(new Column(key, label, format));
      return this;
    }

    /**
     * Adds a row; each value is converted by {@link Cell#from(Object)}.
     *
     * @param values one value per column
     * @return this
     */
    public Builder row(Object... values) {
      List<Cell> r = new ArrayList<>(values.length);
      for (Object v : values) r.add(Cell.from(v));
      rows.add(r);
      return this;
    }

    /**
     * @param note a footnote
     * @return this
     */
    public Builder note(String note) {
      notes.add(Objects.requireNonNull(note));
      return this;
    }

    /** @return the table (validated) */
    public Table build() {
      return new Table(id, title, caption, columns, rows, notes);
    }
  }

  /**
   * @param c column index
   * @return true if the column has at least one number and no text cells (right-aligned in Markdown/HTML)
   */
  public boolean isNumeric(int c) {
    boolean any = false;
    for (List<Cell> r : rows) {
      Cell cell = r.get(c);
      if (cell.value() instanceof String) return false;
      if (cell.isNumber()) any = true;
    }
    return any;
  }

  /**
   * @param row row index
   * @param col column index
   * @return the human-readable text of that cell
   */
  public String display(int row, int col) {
    return rows.get(row).get(col).display(columns.get(col).format());
  }

  /** @return the table as CSV without provenance (see {@link #toCsv(Map)}) */
  public String toCsv() {
    return toCsv(Map.of());
  }

  /**
   * Writes RFC 4180 CSV: optional {@code # key: value} comment lines with the provenance, then the header row
   * of column labels, then one record per row with raw values (numbers in Java's shortest round-trip form,
   * empty cells as empty fields). A column holding {@link Cell.Estimate}s becomes three fields: the mean and
   * the interval's ends (headers {@code "<label> 95% CI low"} and {@code "... high"}). Notes are not written (they are in the JSON and Markdown).
   *
   * @param provenance entries written as leading comment lines, in iteration order (Not modified)
   * @return the CSV text, lines ending with CRLF
   */
  public String toCsv(Map<String, ?> provenance) {
    StringWriter w = new StringWriter();
    boolean[] est = new boolean[columns.size()];
    List<String> header = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      for (List<Cell> r : rows) est[c] |= r.get(c).isEstimate();
      header.add(columns.get(c).label());
      if (est[c]) {
        header.add(columns.get(c).label() + " 95% CI low");
        header.add(columns.get(c).label() + " 95% CI high");
      }
    }
    CSVFormat fmt = CSVFormat.RFC4180.builder().setCommentMarker('#').get();
    try (CSVPrinter p = new CSVPrinter(w, fmt)) {
      for (var e : provenance.entrySet()) p.printComment(e.getKey() + ": " + e.getValue());
      p.printRecord(header);
      for (List<Cell> r : rows) {
        List<String> rec = new ArrayList<>(header.size());
        for (int c = 0; c < r.size(); c++) {
          Cell cell = r.get(c);
          rec.add(cell.raw());
          if (est[c]) {
            rec.add(cell.rawLow());
            rec.add(cell.rawHigh());
          }
        }
        p.printRecord(rec);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /**
   * Writes a Markdown section: {@code ### title}, the caption, a pipe table (numeric columns right-aligned,
   * '|' escaped), and the notes as a list.
   *
   * @return the Markdown text
   */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("### ").append(md(title)).append("\n\n");
    if (!caption.isEmpty()) sb.append(md(caption)).append("\n\n");
    sb.append('|');
    for (Column c : columns) sb.append(' ').append(md(c.label())).append(" |");
    sb.append("\n|");
    for (int c = 0; c < columns.size(); c++) sb.append(isNumeric(c) ? " ---: |" : " --- |");
    sb.append('\n');
    for (int r = 0; r < rows.size(); r++) {
      sb.append('|');
      for (int c = 0; c < columns.size(); c++) sb.append(' ').append(md(display(r, c))).append(" |");
      sb.append('\n');
    }
    if (!notes.isEmpty()) {
      sb.append('\n');
      for (String n : notes) sb.append("- ").append(md(n)).append('\n');
    }
    return sb.toString();
  }

  /**
   * Writes the Markdown section of {@link #toMarkdown()} followed by a "Provenance" paragraph: one list item per
   * single-line entry, and each multi-line entry (e.g. a YAML file) as a fenced code block.
   *
   * @param provenance entries, in iteration order (Not modified); empty gives exactly {@link #toMarkdown()}
   * @return the Markdown text
   */
  public String toMarkdown(Map<String, ?> provenance) {
    if (provenance.isEmpty()) return toMarkdown();
    StringBuilder sb = new StringBuilder(toMarkdown());
    sb.append("\n**Provenance**\n\n");
    List<Map.Entry<String, ?>> blocks = new ArrayList<>();
    boolean list = false;
    for (Map.Entry<String, ?> e : provenance.entrySet()) {
      String v = String.valueOf(e.getValue());
      if (v.contains("\n")) {
        blocks.add(e);
      } else {
        sb.append("- ").append(md(e.getKey())).append(": `").append(v.replace('`', '\'')).append("`\n");
        list = true;
      }
    }
    for (Map.Entry<String, ?> e : blocks) {
      String v = String.valueOf(e.getValue());
      if (list) sb.append('\n'); // a blank line after the list or the previous block
      list = true;
      sb.append(md(e.getKey())).append(":\n\n```\n").append(v);
      if (!v.endsWith("\n")) sb.append('\n');
      sb.append("```\n");
    }
    return sb.toString();
  }

  private static String md(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }

  /** @return the table as JSON without provenance (see {@link #toJson(Map)}) */
  public String toJson() {
    return toJson(Map.of());
  }

  /**
   * Writes JSON: {@code {"id", "title", "caption", "columns": [{"key","label"}], "rows": [{key: value}],
   * "notes": [...], "provenance": {...}}} (provenance only when non-empty). Numbers are raw values, estimates
   * objects {@code {"mean", "low", "high"}}; NaN and
   * infinities are written as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; empty cells
   * as {@code null}.
   *
   * @param provenance extra entries (any Jackson-serializable values) (Not modified)
   * @return indented JSON
   */
  public String toJson(Map<String, ?> provenance) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", id);
    root.put("title", title);
    root.put("caption", caption);
    ArrayNode cols = root.putArray("columns");
    for (Column c : columns) cols.addObject().put("key", c.key()).put("label", c.label());
    ArrayNode rs = root.putArray("rows");
    for (List<Cell> r : rows) {
      ObjectNode o = rs.addObject();
      for (int c = 0; c < columns.size(); c++) {
        String k = columns.get(c).key();
        Object v = r.get(c).value();
        if (v == null) o.putNull(k);
        else if (v instanceof String s) o.put(k, s);
        else if (v instanceof Long l) o.put(k, l);
        else if (v instanceof Cell.Estimate e) {
          ObjectNode eo = o.putObject(k);
          putDouble(eo, "mean", e.mean());
          putDouble(eo, "low", e.low());
          putDouble(eo, "high", e.high());
        } else {
          double d = (Double) v;
          if (Double.isFinite(d)) o.put(k, d);
          else o.put(k, Double.toString(d));
        }
      }
    }
    ArrayNode ns = root.putArray("notes");
    notes.forEach(ns::add);
    if (!provenance.isEmpty()) root.set("provenance", JSON.valueToTree(new LinkedHashMap<>(provenance)));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("provenance is not serializable to JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static void putDouble(ObjectNode o, String k, double d) {
    if (Double.isFinite(d)) o.put(k, d);
    else o.put(k, Double.toString(d));
  }

  /** @return an HTML fragment (a {@code <figure>} holding the table) without download links */
  public String toHtml() {
    return Templates.render("table.mustache", htmlModel(List.of()));
  }

  /**
   * The view model of {@code table.mustache} (package-private: used by {@link HtmlReport}).
   *
   * @param downloads links shown under the table, each a map with {@code href} and {@code label}
   */
  Map<String, Object> htmlModel(List<Map<String, String>> downloads) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("title", title);
    m.put("caption", caption.isEmpty() ? null : caption);
    List<Map<String, Object>> hs = new ArrayList<>();
    boolean[] numeric = new boolean[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      numeric[c] = isNumeric(c);
      hs.add(Map.of("label", columns.get(c).label(), "numeric", numeric[c]));
    }
    m.put("headers", hs);
    List<Map<String, Object>> rs = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      List<Map<String, Object>> cells = new ArrayList<>();
      for (int c = 0; c < columns.size(); c++) {
        String text = display(r, c);
        // long texts may wrap; everything else stays on one line
        cells.add(Map.of("text", text, "numeric", numeric[c], "wrap", !numeric[c] && text.length() > WRAP_AT));
      }
      rs.add(Map.of("cells", cells));
    }
    m.put("rows", rs);
    m.put("notes", notes);
    m.put("hasNotes", !notes.isEmpty());
    m.put("downloads", downloads);
    m.put("hasDownloads", !downloads.isEmpty());
    return m;
  }

  /**
   * Writes {@code <id>.csv}, {@code <id>.md} and {@code <id>.json} atomically into {@code dir}, each carrying
   * the provenance.
   *
   * @param dir the folder (created if missing)
   * @param provenance entries added to the CSV comments and the JSON (Not modified)
   * @return the three paths, in that order
   * @throws IOException if a file cannot be written (files already written stay complete)
   */
  public List<Path> writeFiles(Path dir, Map<String, ?> provenance) throws IOException {
    Path csv = dir.resolve(id + ".csv");
    Path md = dir.resolve(id + ".md");
    Path json = dir.resolve(id + ".json");
    AtomicFiles.writeString(csv, toCsv(provenance));
    AtomicFiles.writeString(md, toMarkdown(provenance));
    AtomicFiles.writeString(json, toJson(provenance));
    return List.of(csv, md, json);
  }
}
