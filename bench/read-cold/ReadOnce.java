import java.nio.file.Path;
import org.distinct.data.FeatureTableLoader;
import org.distinct.data.FeatureTableOptions;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SeriesLoader;
import org.distinct.data.SeriesOptions;
import org.distinct.data.SeriesPreprocessing;

/**
 * Fresh-JVM cost of reading (bench/run-read-cold.sh): {@code series DIR} reads the song workbooks of DIR as
 * {@code train --series} does, then preprocesses them with the default settings three times (about what a 2-fold
 * run with a final model does); {@code features FILE} reads a features workbook. Prints the milliseconds of each
 * step and a checksum of the values (to compare builds).
 */
public final class ReadOnce {
  private ReadOnce() {}

  /** @param args {@code series DIR} or {@code features FILE} */
  public static void main(String[] args) {
    long t0 = System.nanoTime();
    if (args[0].equals("series")) {
      SequenceDataset d = SeriesLoader.loadDetailed(Path.of(args[1]), SeriesOptions.defaults()).data();
      long t1 = System.nanoTime();
      SeriesPreprocessing.Fitted f = SeriesPreprocessing.defaults().fit(d);
      double sum = 0;
      for (int k = 0; k < 3; k++) for (double[] s : f.apply(d).series()) for (double v : s) sum += v;
      long t2 = System.nanoTime();
      double raw = 0;
      for (double[] s : d.series()) for (double v : s) raw += v;
      System.out.printf("read %.1f prep %.1f total %.1f sums %s %s%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t2 - t0) / 1e6,
          Double.toHexString(raw), Double.toHexString(sum));
    } else {
      var d = FeatureTableLoader.load(Path.of(args[1]), FeatureTableOptions.defaults());
      long t1 = System.nanoTime();
      double raw = 0;
      for (double v : d.x()) raw += v;
      System.out.printf("read %.1f sums %s%n", (t1 - t0) / 1e6, Double.toHexString(raw));
    }
  }
}
