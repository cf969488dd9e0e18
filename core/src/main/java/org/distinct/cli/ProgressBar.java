package org.distinct.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on standard error with elapsed time and an estimate of the time remaining.
 *
 * <p>Drawn only when standard error is a terminal (or when forced); otherwise silent, so logs and pipes
 * stay clean. Thread-safe: workers may call {@link #step(String)} concurrently.
 */
public final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean enabled;
  private final String title;
  private final long total;
  private final long start = System.nanoTime();
  private long done;
  private long lastDraw;
  private String detail = "";

  /**
   * @param title what is being done, e.g. {@code "cross-validation"}
   * @param total number of steps (at least 1)
   * @param quiet if true, never draw
   */
  public ProgressBar(String title, long total, boolean quiet) {
    this(title, total, !quiet && System.console() != null, System.err);
  }

  /**
   * @param title what is being done
   * @param total number of steps
   * @param enabled whether to draw at all
   * @param out where to draw
   */
  public ProgressBar(String title, long total, boolean enabled, PrintStream out) {
    this.title = title;
    this.total = Math.max(1, total);
    this.enabled = enabled;
    this.out = out;
  }

  /**
   * Marks one step done.
   *
   * @param what detail shown after the bar (may be null)
   */
  public synchronized void step(String what) {
    done = Math.min(total, done + 1);
    if (what != null) detail = what;
    draw(false);
  }

  /**
   * Changes the detail text without advancing.
   *
   * @param what detail shown after the bar
   */
  public synchronized void detail(String what) {
    detail = what;
    draw(false);
  }

  private void draw(boolean force) {
    if (!enabled) return;
    long now = System.nanoTime();
    if (!force && done < total && now - lastDraw < 100_000_000L) return;
    lastDraw = now;
    double frac = (double) done / total;
    int filled = (int) Math.round(frac * WIDTH);
    double elapsed = (now - start) / 1e9;
    String eta = done == 0 ? "?" : formatSeconds(elapsed / done * (total - done));
    String line = String.format(Locale.ROOT, "\r%s [%s%s] %3.0f%% %d/%d  %s elapsed, %s left  %s",
        title, "=".repeat(filled), " ".repeat(WIDTH - filled), frac * 100, done, total,
        formatSeconds(elapsed), eta, detail);
    out.print(line.length() > 160 ? line.substring(0, 160) : line + "\u001b[K");
    out.flush();
  }

  static String formatSeconds(double s) {
    if (s < 60) return String.format(Locale.ROOT, "%.0fs", s);
    return String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
  }

  /** Finishes the line. */
  @Override
  public synchronized void close() {
    if (!enabled) return;
    draw(true);
    out.println();
    out.flush();
  }
}
