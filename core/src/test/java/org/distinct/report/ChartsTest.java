package org.distinct.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

  static JFreeChart bars(double shift) {
    return Charts.groupedBars(
        "Metrics per pruning step",
        "Hidden units pruned",
        "Value",
        List.of("0", "2", "4", "6"),
        List.of("Accuracy", "Precision", "Recall", "F1"),
        new double[][] {
          {0.40 + shift, 0.44, 0.41, 0.39}, {0.30, 0.33, 0.34, 0.35}, {0.35, 0.36, 0.33, 0.34}, {0.304, 0.33, 0.333, 0.338}
        },
        new double[][] {{0.02, 0.03, 0.02, 0.01}, {0.01, 0.01, 0.02, 0.02}, {0.03, 0.02, 0.02, 0.02}, {0.02, 0.02, 0.02, 0.02}});
  }

  static JFreeChart lines() {
    double[] x = {0, 2, 4, 6, 8};
    return Charts.lines(
        "Accuracy vs units removed",
        "Hidden units removed",
        "Test accuracy",
        List.of(
            Charts.Series.withBand("distinctiveness", x, new double[] {.5, .52, .5, .47, .44},
                new double[] {.46, .48, .47, .43, .40}, new double[] {.54, .56, .53, .51, .48}),
            Charts.Series.of("random", x, new double[] {.5, .47, .44, .40, .36})));
  }

  static JFreeChart dual() {
    double[] x = {0, 2, 4, 6};
    return Charts.dualAxis(
        "Minimum angle vs loss and accuracy", "Hidden units pruned", "Minimum angle (degrees)",
        List.of(Charts.Series.of("min angle", x, new double[] {12, 18, 25, 31})),
        "Loss / accuracy",
        List.of(Charts.Series.of("loss", x, new double[] {1.14, 1.10, 1.12, 1.13}),
            Charts.Series.of("accuracy", x, new double[] {0.40, 0.44, 0.41, 0.39})));
  }

  static JFreeChart heat() {
    int n = 12;
    double[] m = new double[n * n];
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++) m[i * n + j] = i == j ? Double.NaN : r.nextDouble(0, 180);
    return Charts.heatMap("Angle matrix", m, n, n, null, null, "Unit", "Unit", "Angle (degrees)", 0, 180);
  }

  static JFreeChart confusion() {
    return Charts.confusionMatrix(
        "Confusion matrix (test)", new long[][] {{20, 12, 8}, {9, 18, 13}, {10, 11, 19}},
        List.of("classical", "instrumental", "pop"));
  }

  @Test
  void sameInputGivesSameSvgBytes() {
    List<Supplier<JFreeChart>> charts =
        List.of(() -> bars(0), ChartsTest::lines, ChartsTest::dual, ChartsTest::heat, ChartsTest::confusion);
    for (Supplier<JFreeChart> c : charts) {
      String a = Charts.toSvg(c.get(), 800, 450);
      String b = Charts.toSvg(c.get(), 800, 450);
      assertThat(a).startsWith("<?xml").contains("<svg").isEqualTo(b);
    }
    // and a different input changes the bytes
    assertThat(Charts.toSvg(bars(0.05), 800, 450)).isNotEqualTo(Charts.toSvg(bars(0), 800, 450));
  }

  @Test
  void svgContainsTextsAndPngHasTheSize(@TempDir Path dir) throws Exception {
    String svg = Charts.toSvg(confusion(), 600, 500);
    assertThat(svg).contains("instrumental").contains(">18<").contains("Predicted class");
    Charts.ChartFiles f = Charts.save(bars(0), dir, "fig4", 900, 500);
    BufferedImage img = ImageIO.read(f.png().toFile());
    assertThat(img.getWidth()).isEqualTo(900);
    assertThat(img.getHeight()).isEqualTo(500);
    assertThat(Files.readString(f.svg())).contains("Hidden units pruned");
  }

  @Test
  void colourScaleEndsAndNaN() {
    Charts.ColourScale s = Charts.ColourScale.viridis(0, 180);
    assertThat(s.getPaint(0)).isEqualTo(new java.awt.Color(0x440154));
    assertThat(s.getPaint(180)).isEqualTo(new java.awt.Color(0xFDE725));
    assertThat(s.getPaint(1e9)).isEqualTo(new java.awt.Color(0xFDE725));
    assertThat(s.getPaint(Double.NaN)).isEqualTo(new java.awt.Color(0xEEEEEE));
  }

  @Test
  void rejectsInconsistentInput() {
    assertThatThrownBy(() -> Charts.Series.of("a", new double[2], new double[3]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Charts.groupedBars("t", "x", "y", List.of("a"), List.of("s", "s"), new double[2][1], null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Charts.heatMap("t", new double[3], 2, 2, null, null, "x", "y", "z", 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
