package org.distinct.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.distinct.BadInputException;
import org.distinct.cli.CommonOptions;
import org.distinct.cli.OutputLock;
import org.distinct.cli.ProgressBar;
import org.distinct.cli.ReportFolder;
import org.distinct.report.StudyReport;
import org.distinct.study.Provenance;
import org.distinct.study.Rerun;
import org.distinct.study.StudyConfig;
import org.distinct.study.StudyFile;
import org.distinct.study.StudyProgress;
import org.distinct.study.StudyResult;
import org.distinct.study.StudyRunner;
import org.distinct.study.UnitJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code distinct-spark study}: {@code distinct study} with every work unit a Spark task. Same options, plus
 * {@code --master}, {@code --conf} and {@code --connect-timeout}; same report folder, bit for bit the same numbers.
 * Before any folder is made, the master must answer, an executor must take a task and every executor that does must
 * read the data.
 */
@Command(
    name = "study",
    mixinStandardHelpOptions = true,
    description = {
      "Run a study on Apache Spark: every fold, final model, leakage check, pruning sweep and grid point is one Spark task; "
          + "the driver combines the results in a fixed order and writes the same report folder, with the same numbers, as "
          + "'distinct study' on one machine.",
      "Data files are read by every executor from the same path as the driver (a shared file system); relative paths are "
          + "made absolute against the driver's working folder."
    },
    footer = {
      "",
      "Examples:",
      "  distinct-spark study --master local[2]                       the paper's study, two local cores",
      "  distinct-spark study my-study.yaml --master spark://head:7077 --out /shared/report --data /shared/features.xlsx",
      "  spark-submit --master yarn --class org.distinct.spark.SparkMain distinct-spark-0.1.0-cluster.jar study my-study.yaml",
      "  distinct study --rerun report/provenance.json                 check a Spark-made report on one machine"
    })
public final class SparkStudyCommand implements Callable<Integer> {
  /** The command as its lock and its resume hint name it. */
  static final String COMMAND = "distinct-spark study";

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(index = "0", arity = "0..1", paramLabel = "STUDY",
      description = "Study file (.yaml) or the name of a built-in study (paper, paper-full, architectures); default paper.")
  String studyFile;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master: local[N] (local[N,F]: F attempts per task), spark://host:7077, yarn, k8s://https://host:port "
          + "(default: the one spark-submit set, else local[*]).")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable), e.g. spark.executor.memory=4g.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "How long to wait for the master to answer and an executor to take the first task (default: ${DEFAULT-VALUE}).")
  int connectTimeout;

  @Option(names = {"-d", "--data"}, paramLabel = "FILE", description = "Feature table replacing the study's data.features.")
  Path data;

  @Option(names = "--series", paramLabel = "DIR", description = "Series folder or file replacing the study's data.series.")
  Path series;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "distinct-report", description = "Report folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--force", description = "Overwrite a folder that is not a distinct report.")
  boolean force;

  @Option(names = "--resume", description = "Reuse the units an interrupted run of the same study completed (locally or on Spark).")
  boolean resume;

  @Option(names = "--print-default", description = "Print the built-in study file (or the named built-in study) and exit.")
  boolean printDefault;

  @Option(names = "--rerun", paramLabel = "PROVENANCE", description = "Rerun the study recorded in a report's provenance.json and compare the numbers.")
  Path rerun;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    if (printDefault) {
      o.print(studyFile == null ? StudyFile.defaultText() : StudyFile.builtInText(studyFile));
      o.flush();
      return 0;
    }
    Rerun.Recorded recorded = rerun == null ? null : Rerun.read(rerun);
    StudyConfig config = recorded != null ? recorded.config() : study();
    if (recorded != null && !spec.commandLine().getParseResult().hasMatchedOption("--out"))
      out = Path.of(rerun.toAbsolutePath().getParent() + "-rerun");
    boolean existed = Files.exists(out);
    long t0 = System.nanoTime();
    StudyResult result;
    SparkExecutor executor;
    try (SparkRuntime spark = SparkRuntime.start(new SparkRuntime.Settings(master, conf, connectTimeout))) {
      spark.requireInputs(config);
      int threads = recorded != null && common.threads == null ? recorded.threads() : common.threads != null ? common.threadCount() : spark.cores();
      executor = new SparkExecutor(spark.context());
      result = run(config, threads, spark, executor);
    } catch (BadInputException e) {
      if (!existed) deleteTree(out); // nothing of a study that could not start or run stays behind
      throw e;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (common.json) o.println(UnitJson.resultToJson(result));
    else
      o.printf(Locale.ROOT, "Study '%s' finished in %.0f s on %s (%d units on Spark, %d from the cache). Report: %s%n",
          result.config().name(), seconds, result.provenance().software().replaceFirst("^.* on ", ""), executor.ranOnSpark(),
          executor.fromCache(), out.resolve("index.html"));
    o.flush();
    if (recorded != null) return Rerun.compare(recorded, result, o) ? 0 : 1;
    return 0;
  }

  private StudyConfig study() {
    StudyConfig config = studyFile == null ? StudyFile.defaults() : StudyFile.load(studyFile);
    config = StudyRunner.withData(config, data, series);
    if (spec.commandLine().getParseResult().hasMatchedOption("--seed")) {
      if (common.seed <= 0) throw new BadInputException("--seed: a study needs a positive seed, got " + common.seed);
      config = config.withSeed(common.seed);
    }
    return config;
  }

  private StudyResult run(StudyConfig config, int threads, SparkRuntime spark, SparkExecutor executor) throws IOException {
    try (OutputLock lock = ReportFolder.prepare(out, force, COMMAND, spec.commandLine().getErr())) {
      Thread hook = new Thread(() -> ReportFolder.cleanUpInterrupted(out, COMMAND));
      Runtime.getRuntime().addShutdownHook(hook);
      Progress progress = new Progress(common.quiet);
      try {
        StudyResult r = StudyRunner.run(config, new StudyRunner.Options(out, resume, threads), progress, executor);
        progress.close();
        r = onSpark(r, spark);
        StudyReport.write(r, out, !resume);
        return r;
      } finally {
        progress.close();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
          // already shutting down
        }
      }
    }
  }

  /** The result with its provenance saying where it ran (provenance is not compared by {@code --rerun}). */
  static StudyResult onSpark(StudyResult r, SparkRuntime spark) {
    Provenance p = r.provenance();
    Provenance q = new Provenance(p.software() + " on " + spark.describe() + " (" + spark.cores() + " cores)", p.java(), p.os(),
        p.threads(), p.date(), p.studyYaml(), p.seeds(), p.inputs(), p.vectorApi());
    return new StudyResult(r.config(), q, r.features(), r.series(), r.runs(), r.grid(), r.seconds());
  }

  private static void deleteTree(Path p) {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One progress bar for the study (drawn on a terminal only). */
  private static final class Progress implements StudyProgress {
    private final boolean quiet;
    private ProgressBar bar;

    Progress(boolean quiet) {
      this.quiet = quiet;
    }

    @Override
    public synchronized void start(long totalUnits) {
      bar = new ProgressBar("study on Spark", totalUnits, quiet);
    }

    @Override
    public synchronized void done(String what) {
      if (bar != null) bar.step(what);
    }

    synchronized void close() {
      if (bar != null) bar.close();
      bar = null;
    }
  }
}
