package org.distinct.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.distinct.util.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report's charts, drawn with JFreeChart in one consistent style (white background, light grid,
 * sans-serif fonts of 11–18 pt, the colour-blind-safe Okabe–Ito palette for series, viridis for heat maps)
 * and written as PNG and SVG. The same chart and size always give the same SVG bytes.
 */
public final class Charts {
  private Charts() {}

  /** Series colours (Okabe–Ito), used in this order by every chart. */
  public static final List<Color> PALETTE =
      List.of(
          new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
          new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442));

  /** Default figure width in pixels. */
  public static final int WIDTH = 960;
  /** Default figure height in pixels. */
  public static final int HEIGHT = 540;

  private static final String FONT = "SansSerif";
  private static final Color GRID = new Color(0xDDDDDD);
  private static final Color NAN_PAINT = new Color(0xEEEEEE);
  private static final BasicStroke SOLID = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  private static final BasicStroke DASHED =
      new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f);
  private static final Ellipse2D DOT = new Ellipse2D.Double(-3.5, -3.5, 7, 7);

  /**
   * One line of a line chart: points {@code (x[i], y[i])} and an optional band {@code [lower[i], upper[i]]}
   * (e.g. a 95 % confidence interval) drawn as a shaded area around the line.
   *
   * @param name legend entry, unique within a chart
   * @param x x values {@code [m]}
   * @param y y values {@code [m]}
   * @param lower lower band edge {@code [m]}, or {@code null} for no band
   * @param upper upper band edge {@code [m]}, or {@code null} for no band
   */
  public record Series(String name, double[] x, double[] y, double[] lower, double[] upper) {

    /** Checks that all arrays have the same length and that the band is given completely or not at all. */
    public Series {
      Objects.requireNonNull(name, "name");
      if (x.length != y.length)
        throw new IllegalArgumentException("series " + name + ": x has " + x.length + " values, y " + y.length);
      if ((lower == null) != (upper == null))
        throw new IllegalArgumentException("series " + name + ": give both band edges or neither");
      if (lower != null && (lower.length != x.length || upper.length != x.length))
        throw new IllegalArgumentException("series " + name + ": band length differs from x");
    }

    /**
     * @param name legend entry
     * @param x x values (Not modified)
     * @param y y values (Not modified)
     * @return a series without band
     */
    public static Series of(String name, double[] x, double[] y) {
      return new Series(name, x, y, null, null);
    }

    /**
     * @param name legend entry
     * @param x x values (Not modified)
     * @param y y values (Not modified)
     * @param lower lower band edge (Not modified)
     * @param upper upper band edge (Not modified)
     * @return a series with a shaded band
     */
    public static Series withBand(String name, double[] x, double[] y, double[] lower, double[] upper) {
      return new Series(name, x, y, lower, upper);
    }
  }

  /**
   * The files of one saved chart.
   *
   * @param png the PNG file
   * @param svg the SVG file
   */
  public record ChartFiles(Path png, Path svg) {}

  /**
   * Grouped bar chart, e.g. the metrics of each pruning step (paper Fig. 4): one group per category, one bar
   * per series within a group.
   *
   * @param title chart title
   * @param categoryLabel axis label of the groups (e.g. "Hidden units pruned")
   * @param valueLabel axis label of the values
   * @param categories group names, unique {@code [k]}
   * @param seriesNames bar names (legend), unique {@code [s]}
   * @param values {@code [s][k]} bar heights (Not modified)
   * @param halfWidths {@code [s][k]} error bar half-widths drawn as ± (e.g. of a 95 % CI), or {@code null}
   *     (Not modified)
   * @return the chart
   */
  public static JFreeChart groupedBars(
      String title,
      String categoryLabel,
      String valueLabel,
      List<String> categories,
      List<String> seriesNames,
      double[][] values,
      double[][] halfWidths) {
    unique("category", categories);
    unique("series", seriesNames);
    if (values.length != seriesNames.size())
      throw new IllegalArgumentException("values has " + values.length + " series, expected " + seriesNames.size());
    if (halfWidths != null && halfWidths.length != values.length)
      throw new IllegalArgumentException("halfWidths has " + halfWidths.length + " series, expected " + values.length);
    BarRenderer renderer;
    CategoryPlot plot;
    CategoryAxis xAxis = new CategoryAxis(categoryLabel);
    NumberAxis yAxis = new NumberAxis(valueLabel);
    if (halfWidths == null) {
      DefaultCategoryDataset ds = new DefaultCategoryDataset();
      for (int s = 0; s < values.length; s++) {
        checkLen("values[" + s + "]", values[s], categories.size());
        for (int k = 0; k < categories.size(); k++) ds.addValue(values[s][k], seriesNames.get(s), categories.get(k));
      }
      renderer = new BarRenderer();
      plot = new CategoryPlot(ds, xAxis, yAxis, renderer);
    } else {
      DefaultStatisticalCategoryDataset ds = new DefaultStatisticalCategoryDataset();
      for (int s = 0; s < values.length; s++) {
        checkLen("values[" + s + "]", values[s], categories.size());
        checkLen("halfWidths[" + s + "]", halfWidths[s], categories.size());
        for (int k = 0; k < categories.size(); k++)
          ds.add(values[s][k], halfWidths[s][k], seriesNames.get(s), categories.get(k));
      }
      StatisticalBarRenderer r = new StatisticalBarRenderer();
      r.setErrorIndicatorPaint(Color.BLACK);
      r.setErrorIndicatorStroke(new BasicStroke(1.2f));
      renderer = r;
      plot = new CategoryPlot(ds, xAxis, yAxis, renderer);
    }
    plot.setOrientation(PlotOrientation.VERTICAL);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    theme().apply(chart);
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    renderer.setItemMargin(0.05);
    for (int s = 0; s < seriesNames.size(); s++) renderer.setSeriesPaint(s, color(s));
    if (categories.size() > 12) xAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    styleLegend(chart);
    return chart;
  }

  /**
   * Line chart with several series, each optionally with a shaded band (e.g. a 95 % confidence interval).
   *
   * @param title chart title
   * @param xLabel x axis label
   * @param yLabel y axis label
   * @param series the lines, with unique names
   * @return the chart
   */
  public static JFreeChart lines(String title, String xLabel, String yLabel, List<Series> series) {
    NumberAxis xAxis = new NumberAxis(xLabel);
    NumberAxis yAxis = new NumberAxis(yLabel);
    XYPlot plot = new XYPlot(intervals(series), xAxis, yAxis, deviationRenderer(series, 0, false));
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    theme().apply(chart);
    styleXy(plot, series);
    styleLegend(chart);
    return chart;
  }

  /**
   * One line of {@link #styledLines}: a series drawn in a palette colour, solid or dashed.
   *
   * @param series the values (and band)
   * @param colour index into {@link #PALETTE}
   * @param dashed dashed instead of solid
   */
  public record Line(Series series, int colour, boolean dashed) {}

  /**
   * Line chart whose lines choose their colour and dash, e.g. one colour per architecture, solid for one method and
   * dashed for another; each line may carry a shaded band.
   *
   * @param title chart title
   * @param xLabel x axis label
   * @param yLabel y axis label
   * @param lines the lines, with unique series names
   * @return the chart
   */
  public static JFreeChart styledLines(String title, String xLabel, String yLabel, List<Line> lines) {
    List<Series> series = lines.stream().map(Line::series).toList();
    XYPlot plot = new XYPlot(intervals(series), new NumberAxis(xLabel), new NumberAxis(yLabel), new DeviationRenderer(true, true));
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    theme().apply(chart);
    styleXy(plot, series);
    DeviationRenderer r = (DeviationRenderer) plot.getRenderer();
    r.setAlpha(0.12f);
    for (int i = 0; i < lines.size(); i++) {
      Color col = color(lines.get(i).colour());
      r.setSeriesPaint(i, col);
      r.setSeriesFillPaint(i, col);
      r.setSeriesStroke(i, lines.get(i).dashed() ? DASHED : SOLID);
    }
    styleLegend(chart);
    return chart;
  }

  /**
   * Line chart with two value axes, e.g. the minimum remaining angle (left) against loss and accuracy
   * (right) per pruning step (paper Fig. 5). Right-axis series are dashed, continue the palette and are
   * marked "(right axis)" in the legend.
   *
   * @param title chart title
   * @param xLabel x axis label
   * @param leftLabel left axis label
   * @param left series on the left axis
   * @param rightLabel right axis label
   * @param right series on the right axis
   * @return the chart
   */
  public static JFreeChart dualAxis(
      String title, String xLabel, String leftLabel, List<Series> left, String rightLabel, List<Series> right) {
    Set<String> names = new HashSet<>();
    for (Series s : left) if (!names.add(s.name())) throw new IllegalArgumentException("duplicate series " + s.name());
    for (Series s : right) if (!names.add(s.name())) throw new IllegalArgumentException("duplicate series " + s.name());
    NumberAxis xAxis = new NumberAxis(xLabel);
    NumberAxis yLeft = new NumberAxis(leftLabel);
    XYPlot plot = new XYPlot(intervals(left), xAxis, yLeft, deviationRenderer(left, 0, false));
    NumberAxis yRight = new NumberAxis(rightLabel);
    plot.setRangeAxis(1, yRight);
    List<Series> rightNamed = new ArrayList<>();
    for (Series s : right)
      rightNamed.add(new Series(s.name() + " (right axis)", s.x(), s.y(), s.lower(), s.upper()));
    plot.setDataset(1, intervals(rightNamed));
    plot.setRenderer(1, deviationRenderer(right, left.size(), true));
    plot.mapDatasetToRangeAxis(1, 1);
    plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    theme().apply(chart);
    List<Series> all = new ArrayList<>(left);
    all.addAll(right);
    styleXy(plot, all);
    yRight.setAutoRangeIncludesZero(false);
    styleLegend(chart);
    return chart;
  }

  /**
   * Heat map of a matrix (e.g. the angle matrix of the hidden units) with a colour scale legend. Row 0 is at
   * the top. NaN cells are drawn light grey.
   *
   * @param title chart title
   * @param matrix row-major {@code [rows × cols]} (Not modified)
   * @param rows number of rows
   * @param cols number of columns
   * @param rowLabels one label per row, or {@code null} to number the rows 0, 1, ...
   * @param colLabels one label per column, or {@code null} to number the columns
   * @param xLabel x (column) axis label
   * @param yLabel y (row) axis label
   * @param scaleLabel label of the colour scale (e.g. "angle (degrees)")
   * @param min value mapped to the first colour (smaller values are clamped)
   * @param max value mapped to the last colour (larger values are clamped), {@code > min}
   * @return the chart
   */
  public static JFreeChart heatMap(
      String title,
      double[] matrix,
      int rows,
      int cols,
      List<String> rowLabels,
      List<String> colLabels,
      String xLabel,
      String yLabel,
      String scaleLabel,
      double min,
      double max) {
    if (rows < 1 || cols < 1) throw new IllegalArgumentException("empty matrix " + rows + "x" + cols);
    checkLen("matrix", matrix, rows * cols);
    if (rowLabels != null && rowLabels.size() != rows) throw new IllegalArgumentException("need " + rows + " row labels");
    if (colLabels != null && colLabels.size() != cols) throw new IllegalArgumentException("need " + cols + " column labels");
    if (!(max > min)) throw new IllegalArgumentException("need max > min, got " + min + ", " + max);
    ColourScale scale = ColourScale.viridis(min, max);
    XYPlot plot = blockPlot(matrix, rows, cols, rowLabels, colLabels, xLabel, yLabel, scale);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    theme().apply(chart);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    addScaleLegend(chart, scale, scaleLabel);
    return chart;
  }

  /**
   * Confusion matrix as a heat map with the count written in every cell; rows are true classes (top to
   * bottom), columns predicted classes.
   *
   * @param title chart title
   * @param counts {@code [c][c]} indexed {@code [true][predicted]} (Not modified)
   * @param classNames one name per class {@code [c]}
   * @return the chart
   */
  public static JFreeChart confusionMatrix(String title, long[][] counts, List<String> classNames) {
    int c = classNames.size();
    if (counts.length != c) throw new IllegalArgumentException("counts has " + counts.length + " rows, expected " + c);
    double[] m = new double[c * c];
    long max = 0;
    for (int t = 0; t < c; t++) {
      if (counts[t].length != c) throw new IllegalArgumentException("counts row " + t + " has wrong length");
      for (int p = 0; p < c; p++) {
        m[t * c + p] = counts[t][p];
        max = Math.max(max, counts[t][p]);
      }
    }
    ColourScale scale = ColourScale.blues(0, Math.max(1, max));
    XYPlot plot = blockPlot(m, c, c, classNames, classNames, "Predicted class", "True class", scale);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    theme().apply(chart);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    Font f = new Font(FONT, Font.BOLD, 16);
    for (int t = 0; t < c; t++)
      for (int p = 0; p < c; p++) {
        XYTextAnnotation a = new XYTextAnnotation(Long.toString(counts[t][p]), p, t);
        a.setFont(f);
        a.setTextAnchor(TextAnchor.CENTER);
        a.setPaint(scale.fraction(counts[t][p]) > 0.55 ? Color.WHITE : Color.BLACK);
        plot.addAnnotation(a);
      }
    addScaleLegend(chart, scale, "rows");
    return chart;
  }

  /**
   * Draws the chart as an SVG document. Element ids use a fixed prefix, so the output is deterministic.
   *
   * @param chart the chart
   * @param width width in pixels
   * @param height height in pixels
   * @return the SVG document text
   */
  public static String toSvg(JFreeChart chart, int width, int height) {
    SVGGraphics2D g2 = new SVGGraphics2D(width, height);
    g2.setDefsKeyPrefix("distinct-");
    chart.draw(g2, new Rectangle(0, 0, width, height));
    return g2.getSVGDocument();
  }

  /**
   * Draws the chart as a PNG image.
   *
   * @param chart the chart
   * @param width width in pixels
   * @param height height in pixels
   * @return the PNG bytes
   */
  public static byte[] toPng(JFreeChart chart, int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes {@code <name>.png} and {@code <name>.svg} atomically into {@code dir}.
   *
   * @param chart the chart
   * @param dir the folder (created if missing)
   * @param name file base name (letters, digits, '-', '_')
   * @param width width in pixels
   * @param height height in pixels
   * @return the two files
   * @throws IOException if a file cannot be written
   */
  public static ChartFiles save(JFreeChart chart, Path dir, String name, int width, int height) throws IOException {
    if (!name.matches("[A-Za-z0-9_-]+"))
      throw new IllegalArgumentException("figure name must use letters, digits, '-' and '_': '" + name + "'");
    Path png = dir.resolve(name + ".png");
    Path svg = dir.resolve(name + ".svg");
    AtomicFiles.writeBytes(png, toPng(chart, width, height));
    AtomicFiles.writeString(svg, toSvg(chart, width, height));
    return new ChartFiles(png, svg);
  }

  // ---------------------------------------------------------------------------------------------------------

  private static Color color(int i) {
    return PALETTE.get(i % PALETTE.size());
  }

  private static StandardChartTheme theme() {
    StandardChartTheme t = new StandardChartTheme("distinct");
    t.setExtraLargeFont(new Font(FONT, Font.BOLD, 18));
    t.setLargeFont(new Font(FONT, Font.BOLD, 14));
    t.setRegularFont(new Font(FONT, Font.PLAIN, 13));
    t.setSmallFont(new Font(FONT, Font.PLAIN, 11));
    t.setChartBackgroundPaint(Color.WHITE);
    t.setPlotBackgroundPaint(Color.WHITE);
    t.setPlotOutlinePaint(Color.GRAY);
    t.setDomainGridlinePaint(GRID);
    t.setRangeGridlinePaint(GRID);
    t.setAxisLabelPaint(Color.DARK_GRAY);
    t.setTickLabelPaint(Color.DARK_GRAY);
    t.setTitlePaint(Color.BLACK);
    t.setLegendBackgroundPaint(Color.WHITE);
    t.setShadowVisible(false);
    t.setBarPainter(new StandardBarPainter());
    t.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
    Paint[] palette = PALETTE.toArray(new Paint[0]);
    t.setDrawingSupplier(
        new DefaultDrawingSupplier(
            palette,
            palette,
            DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE,
            DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE,
            DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE,
            DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
    return t;
  }

  private static void styleLegend(JFreeChart chart) {
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setFrame(BlockBorder.NONE);
      legend.setItemFont(new Font(FONT, Font.PLAIN, 13));
      legend.setPosition(RectangleEdge.BOTTOM);
    }
  }

  private static YIntervalSeriesCollection intervals(List<Series> series) {
    YIntervalSeriesCollection c = new YIntervalSeriesCollection();
    Set<String> names = new HashSet<>();
    for (Series s : series) {
      if (!names.add(s.name())) throw new IllegalArgumentException("duplicate series name " + s.name());
      YIntervalSeries ys = new YIntervalSeries(s.name(), false, true);
      for (int i = 0; i < s.x().length; i++) {
        double lo = s.lower() == null ? s.y()[i] : s.lower()[i];
        double hi = s.upper() == null ? s.y()[i] : s.upper()[i];
        ys.add(s.x()[i], s.y()[i], lo, hi);
      }
      c.addSeries(ys);
    }
    return c;
  }

  private static DeviationRenderer deviationRenderer(List<Series> series, int colourOffset, boolean dashed) {
    DeviationRenderer r = new DeviationRenderer(true, true);
    r.setAlpha(0.18f);
    for (int s = 0; s < series.size(); s++) {
      Color col = color(colourOffset + s);
      r.setSeriesPaint(s, col);
      r.setSeriesFillPaint(s, col);
      r.setSeriesStroke(s, dashed ? DASHED : SOLID);
      r.setSeriesShape(s, DOT);
    }
    return r;
  }

  private static void styleXy(XYPlot plot, List<Series> series) {
    boolean integral = true;
    for (Series s : series) for (double v : s.x()) if (v != Math.rint(v)) integral = false;
    NumberAxis x = (NumberAxis) plot.getDomainAxis();
    if (integral) x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    x.setAutoRangeIncludesZero(false);
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    // the theme resets renderer paints: set them again
    for (int d = 0; d < plot.getDatasetCount(); d++) {
      if (plot.getRenderer(d) instanceof DeviationRenderer r) {
        int offset = d == 0 ? 0 : plot.getDataset(0).getSeriesCount();
        BasicStroke stroke = d == 0 ? SOLID : DASHED;
        for (int s = 0; s < plot.getDataset(d).getSeriesCount(); s++) {
          r.setSeriesPaint(s, color(offset + s));
          r.setSeriesFillPaint(s, color(offset + s));
          r.setSeriesStroke(s, stroke);
          r.setSeriesShape(s, DOT);
        }
      }
    }
  }

  private static XYPlot blockPlot(
      double[] matrix,
      int rows,
      int cols,
      List<String> rowLabels,
      List<String> colLabels,
      String xLabel,
      String yLabel,
      ColourScale scale) {
    int n = rows * cols;
    double[] xs = new double[n];
    double[] ys = new double[n];
    double[] zs = new double[n];
    for (int r = 0; r < rows; r++)
      for (int c = 0; c < cols; c++) {
        xs[r * cols + c] = c;
        ys[r * cols + c] = r;
        zs[r * cols + c] = matrix[r * cols + c];
      }
    DefaultXYZDataset ds = new DefaultXYZDataset();
    ds.addSeries("matrix", new double[][] {xs, ys, zs});
    ValueAxis x = axis(xLabel, colLabels, cols);
    ValueAxis y = axis(yLabel, rowLabels, rows);
    y.setInverted(true);
    XYBlockRenderer r = new XYBlockRenderer();
    r.setPaintScale(scale);
    XYPlot plot = new XYPlot(ds, x, y, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    plot.setOutlinePaint(Color.GRAY);
    return plot;
  }

  private static ValueAxis axis(String label, List<String> labels, int n) {
    ValueAxis a;
    if (labels != null) {
      a = new SymbolAxis(label, labels.toArray(new String[0]));
      ((SymbolAxis) a).setGridBandsVisible(false);
    } else {
      NumberAxis na = new NumberAxis(label);
      na.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
      a = na;
    }
    a.setAutoRange(false);
    a.setRange(-0.5, n - 0.5);
    a.setLowerMargin(0);
    a.setUpperMargin(0);
    return a;
  }

  private static void addScaleLegend(JFreeChart chart, ColourScale scale, String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setRange(scale.getLowerBound(), scale.getUpperBound());
    axis.setLabelFont(new Font(FONT, Font.BOLD, 13));
    axis.setTickLabelFont(new Font(FONT, Font.PLAIN, 11));
    PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
    legend.setSubdivisionCount(64);
    legend.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
    legend.setAxisOffset(4);
    legend.setMargin(new RectangleInsets(10, 10, 10, 10));
    legend.setStripWidth(14);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(legend);
  }

  /** A sequential colour scale interpolating between fixed colour stops. */
  static final class ColourScale implements PaintScale, Serializable {
    private static final long serialVersionUID = 1L;
    private final double lower;
    private final double upper;
    private final int[] stops; // RGB

    private ColourScale(double lower, double upper, int[] stops) {
      this.lower = lower;
      this.upper = upper;
      this.stops = stops;
    }

    static ColourScale viridis(double lower, double upper) {
      return new ColourScale(
          lower,
          upper,
          new int[] {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725});
    }

    static ColourScale blues(double lower, double upper) {
      return new ColourScale(
          lower,
          upper,
          new int[] {0xF7FBFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C, 0x08306B});
    }

    @Override
    public double getLowerBound() {
      return lower;
    }

    @Override
    public double getUpperBound() {
      return upper;
    }

    double fraction(double v) {
      double f = (v - lower) / (upper - lower);
      return Math.max(0, Math.min(1, f));
    }

    @Override
    public Paint getPaint(double value) {
      if (Double.isNaN(value)) return NAN_PAINT;
      double pos = fraction(value) * (stops.length - 1);
      int i = (int) Math.min(stops.length - 2, Math.floor(pos));
      double t = pos - i;
      int a = stops[i];
      int b = stops[i + 1];
      return new Color(mix(a >> 16, b >> 16, t), mix(a >> 8, b >> 8, t), mix(a, b, t));
    }

    private static int mix(int a, int b, double t) {
      a &= 0xFF;
      b &= 0xFF;
      return (int) Math.round(a + (b - a) * t);
    }
  }

  private static void unique(String what, List<String> names) {
    if (new HashSet<>(names).size() != names.size())
      throw new IllegalArgumentException("duplicate " + what + " names: " + names);
  }

  private static void checkLen(String what, double[] a, int n) {
    if (a.length != n) throw new IllegalArgumentException(what + " has " + a.length + " values, expected " + n);
  }
}
