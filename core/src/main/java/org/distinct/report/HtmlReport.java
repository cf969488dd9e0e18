package org.distinct.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.distinct.util.AtomicFiles;
import org.jfree.chart.JFreeChart;

/**
 * A self-contained HTML report: a title, sections holding paragraphs, {@link Table}s and figures, and a
 * provenance section; rendered from the Mustache template {@code org/distinct/report/index.mustache} with
 * inline CSS (no scripts, no CDN, no network), so {@code index.html} opens offline in any browser.
 *
 * <p>{@link #render(Path)} writes, each file atomically: {@code figures/<name>.png} and {@code .svg} for every
 * chart, {@code tables/<id>.csv}, {@code .md} and {@code .json} for every table (carrying the provenance), and
 * {@code index.html} last, so the page never refers to a file that is not there yet. Figures are numbered in
 * order of appearance; the PNG is shown and links to the SVG.
 *
 * <p>Not thread-safe; build the report from one thread.
 */
public final class HtmlReport {
  private final String title;
  private String subtitle;
  private final List<String> intro = new ArrayList<>();
  private final List<String> summary = new ArrayList<>();
  private final List<Section> sections = new ArrayList<>();
  private final Map<String, Object> provenance = new LinkedHashMap<>();
  private final Set<String> figureNames = new HashSet<>();
  private final Set<String> tableIds = new HashSet<>();
  private final Set<String> sectionIds = new HashSet<>();

  /** @param title the page title and main heading */
  public HtmlReport(String title) {
    this.title = Objects.requireNonNull(title, "title");
  }

  /**
   * @param subtitle a line under the title (e.g. the data set and date)
   * @return this
   */
  public HtmlReport subtitle(String subtitle) {
    this.subtitle = subtitle;
    return this;
  }

  /**
   * @param paragraph a paragraph of plain text shown highlighted at the top, before the intro (the key findings)
   * @return this
   */
  public HtmlReport summary(String paragraph) {
    summary.add(Objects.requireNonNull(paragraph));
    return this;
  }

  /**
   * @param paragraph a paragraph of plain text shown before the sections
   * @return this
   */
  public HtmlReport intro(String paragraph) {
    intro.add(Objects.requireNonNull(paragraph));
    return this;
  }

  /**
   * Adds one provenance entry (shown in the provenance section and written into every table's CSV and JSON).
   * A value whose text has several lines (e.g. a YAML file) is shown preformatted.
   *
   * @param key e.g. "seed", "data file", "sha256", "version", "java", "threads", "date"
   * @param value any value; its {@code toString()} is shown, JSON files get it as Jackson serializes it
   * @return this
   */
  public HtmlReport provenance(String key, Object value) {
    provenance.put(Objects.requireNonNull(key), value);
    return this;
  }

  /**
   * @param entries provenance entries, added in iteration order (Not modified)
   * @return this
   */
  public HtmlReport provenance(Map<String, ?> entries) {
    entries.forEach(this::provenance);
    return this;
  }

  /**
   * Appends a section.
   *
   * @param heading the section heading (also listed in the contents)
   * @return the new section, to which paragraphs, tables and figures are added in order
   */
  public Section section(String heading) {
    Section s = new Section(Objects.requireNonNull(heading), uniqueSectionId(heading));
    sections.add(s);
    return s;
  }

  private String uniqueSectionId(String heading) {
    String base = heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    if (base.isEmpty()) base = "section";
    String id = base;
    for (int i = 2; !sectionIds.add(id); i++) id = base + "-" + i;
    return id;
  }

  /** A section of the report: a heading followed by blocks (paragraphs, tables, figures) in order. */
  public final class Section {
    private final String heading;
    private final String id;
    private final List<Object> blocks = new ArrayList<>();

    private Section(String heading, String id) {
      this.heading = heading;
      this.id = id;
    }

    /** @return the anchor id of the section in the page */
    public String id() {
      return id;
    }

    /**
     * @param text a paragraph of plain text (HTML is escaped)
     * @return this
     */
    public Section paragraph(String text) {
      blocks.add(new Paragraph(Objects.requireNonNull(text)));
      return this;
    }

    /**
     * Adds a table; its CSV, Markdown and JSON files are linked under it.
     *
     * @param table the table; its id must be unique in the report
     * @return this
     */
    public Section table(Table table) {
      if (!tableIds.add(table.id())) throw new IllegalArgumentException("duplicate table id " + table.id());
      blocks.add(table);
      return this;
    }

    /**
     * Adds a chart drawn at the default size ({@link Charts#WIDTH} × {@link Charts#HEIGHT}).
     *
     * @param name file base name, unique in the report (letters, digits, '-', '_')
     * @param caption the caption (the figure number is prepended)
     * @param chart the chart
     * @return this
     */
    public Section figure(String name, String caption, JFreeChart chart) {
      return figure(name, caption, chart, Charts.WIDTH, Charts.HEIGHT);
    }

    /**
     * Adds a chart.
     *
     * @param name file base name, unique in the report (letters, digits, '-', '_')
     * @param caption the caption (the figure number is prepended)
     * @param chart the chart
     * @param width width in pixels
     * @param height height in pixels
     * @return this
     */
    public Section figure(String name, String caption, JFreeChart chart, int width, int height) {
      if (!name.matches("[A-Za-z0-9_-]+"))
        throw new IllegalArgumentException("figure name must use letters, digits, '-' and '_': '" + name + "'");
      if (!figureNames.add(name)) throw new IllegalArgumentException("duplicate figure name " + name);
      if (width < 50 || height < 50) throw new IllegalArgumentException("figure too small: " + width + "x" + height);
      blocks.add(new Figure(name, Objects.requireNonNull(caption), Objects.requireNonNull(chart), width, height));
      return this;
    }
  }

  private record Paragraph(String text) {}

  private record Figure(String name, String caption, JFreeChart chart, int width, int height) {}

  /**
   * Writes the report into {@code dir} (created if missing): figures, table files, then {@code index.html}.
   * Existing files of the same names are replaced; other files in the folder are left alone.
   *
   * @param dir the report folder
   * @return the path of {@code index.html}
   * @throws IOException if a file cannot be written (files already written stay complete)
   */
  public Path render(Path dir) throws IOException {
    Path figures = dir.resolve("figures");
    Path tables = dir.resolve("tables");
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("reportTitle", title);
    root.put("subtitle", subtitle);
    root.put("intro", intro);
    root.put("summary", summary);
    root.put("hasSummary", !summary.isEmpty());
    List<Map<String, Object>> toc = new ArrayList<>();
    List<Map<String, Object>> secs = new ArrayList<>();
    int figureNo = 0;
    for (Section s : sections) {
      toc.add(Map.of("id", s.id, "heading", s.heading));
      List<Map<String, Object>> blocks = new ArrayList<>();
      for (Object b : s.blocks) {
        if (b instanceof Paragraph p) {
          blocks.add(Map.of("paragraph", p.text()));
        } else if (b instanceof Table t) {
          t.writeFiles(tables, provenance);
          List<Map<String, String>> links =
              List.of(
                  Map.of("href", "tables/" + t.id() + ".csv", "label", "CSV"),
                  Map.of("href", "tables/" + t.id() + ".md", "label", "Markdown"),
                  Map.of("href", "tables/" + t.id() + ".json", "label", "JSON"));
          blocks.add(Map.of("table", t.htmlModel(links)));
        } else if (b instanceof Figure f) {
          figureNo++;
          Charts.save(f.chart(), figures, f.name(), f.width(), f.height());
          Map<String, Object> fm = new LinkedHashMap<>();
          fm.put("name", f.name());
          fm.put("number", figureNo);
          fm.put("caption", f.caption());
          fm.put("png", "figures/" + f.name() + ".png");
          fm.put("svg", "figures/" + f.name() + ".svg");
          fm.put("width", f.width());
          fm.put("height", f.height());
          blocks.add(Map.of("figure", fm));
        }
      }
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("id", s.id);
      sm.put("heading", s.heading);
      sm.put("blocks", blocks);
      secs.add(sm);
    }
    root.put("toc", toc);
    root.put("sections", secs);
    List<Map<String, Object>> prov = new ArrayList<>();
    provenance.forEach((k, v) -> {
      String text = String.valueOf(v);
      prov.add(Map.of("key", k, "value", text, "multiline", text.contains("\n")));
    });
    root.put("provenance", prov);
    root.put("hasProvenance", !prov.isEmpty());
    root.put("generator", "distinct " + org.distinct.Version.VERSION);
    Path index = dir.resolve("index.html");
    AtomicFiles.writeString(index, Templates.render("index.mustache", root));
    return index;
  }
}
