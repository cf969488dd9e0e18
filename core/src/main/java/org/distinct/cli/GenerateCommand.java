package org.distinct.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distinct.BadInputException;
import org.distinct.data.DemoData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distinct generate --out DIR}: writes the deterministic demo data ({@link DemoData#writeAll}).
 *
 * <p>A new or empty folder is filled all at once: the files are written into a hidden temporary folder next
 * to it, which is then renamed, so an interrupted run leaves no partial demo. A non-empty folder is refused
 * unless {@code --force}, which writes every file atomically in place.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write the deterministic demo data (features table, series workbooks, song mapping).",
      "Files: the features table (music-eeg-features.xlsx and .csv, header on row 2, duplicate names, sentinels, exact zeros), the per-song series workbooks (series/S1.xlsx ..., series-csv/S1.csv ...) and the song-to-class mapping file (song-classes.csv). The same seed always gives the same files."
    },
    footer = {
      "",
      "Examples:",
      "  distinct generate --out demo              the built-in demo (seed 42)",
      "  distinct generate --out demo2 --seed 7    another draw of the same design",
      "  distinct generate --out demo --force      replace the files in a folder",
      "  distinct train --data demo/music-eeg-features.xlsx"
    })
public final class GenerateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Folder to write (created if missing).")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the demo data (default: ${DEFAULT-VALUE}, the built-in demo).")
  long seed;

  @Option(names = "--force", description = "Write into a folder that is not empty (files of the same name are replaced).")
  boolean force;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  @Option(names = "--verbose", description = "Show stack traces on errors.")
  boolean verbose;

  @Option(names = "--json", description = "Print the list of files as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (Files.exists(out) && !Files.isDirectory(out)) throw BadInputException.at(out.toString(), 0, null, "exists and is not a folder");
    boolean empty = !Files.exists(out) || OutputFolder.isEmpty(out);
    if (!empty && !force)
      throw BadInputException.at(out.toString(), 0, null, "the folder is not empty; choose another --out or add --force");
    List<Path> written;
    if (empty) {
      List<List<Path>> inTmp = new ArrayList<>();
      Path tmp = OutputFolder.create(out, t -> inTmp.add(DemoData.writeAll(t, seed)));
      written = new ArrayList<>();
      for (Path p : inTmp.get(0)) written.add(out.resolve(tmp.relativize(p)));
    } else {
      written = DemoData.writeAll(out, seed);
    }
    PrintWriter pw = spec.commandLine().getOut();
    if (json) {
      List<Map<String, Object>> files = new ArrayList<>();
      for (Path p : written) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("path", p.toString());
        f.put("bytes", Files.size(p));
        files.add(f);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("out", out.toString());
      m.put("seed", seed);
      m.put("files", files);
      pw.println(Json.write(m));
    } else if (!quiet) {
      pw.println("demo data (seed " + seed + ") written to " + out + ":");
      int series = 0;
      long seriesBytes = 0;
      for (Path p : written) {
        String rel = out.relativize(p).toString();
        if (rel.startsWith(DemoData.SERIES_DIR + p.getFileSystem().getSeparator())
            || rel.startsWith(DemoData.SERIES_CSV_DIR + p.getFileSystem().getSeparator())) {
          series++;
          seriesBytes += Files.size(p);
        } else pw.println("  " + p + "  (" + Files.size(p) + " bytes)");
      }
      pw.println("  " + out.resolve(DemoData.SERIES_DIR) + "/S*.xlsx and " + out.resolve(DemoData.SERIES_CSV_DIR) + "/S*.csv  ("
          + series + " files, " + seriesBytes + " bytes)");
      pw.println("next: distinct inspect " + out.resolve(DemoData.FEATURES_NAME + ".xlsx"));
    }
    pw.flush();
    return 0;
  }
}
