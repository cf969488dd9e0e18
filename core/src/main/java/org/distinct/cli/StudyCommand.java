package org.distinct.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.distinct.BadInputException;
import org.distinct.family.Families;
import org.distinct.report.FamilyRuns;
import org.distinct.report.StudyReport;
import org.distinct.study.Rerun;
import org.distinct.study.Run;
import org.distinct.study.Statistics;
import org.distinct.study.StepRow;
import org.distinct.study.StudyConfig;
import org.distinct.study.StudyFile;
import org.distinct.study.StudyProgress;
import org.distinct.study.StudyResult;
import org.distinct.study.StudyRunner;
import org.distinct.util.FaultHook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code distinct study}: the main job — run a whole study and write its report folder. */
@Command(
    name = "study",
    mixinStandardHelpOptions = true,
    description = {
      "Run a study (by default the built-in 'paper' study on the demo data): baseline MLP and RNN over many seeds, "
          + "pruning by distinctiveness and baseline criteria step by step, the leakage check, and a report folder with "
          + "tables (HTML, CSV, Markdown, JSON), figures (PNG, SVG) and provenance.",
      "--seed, when given, replaces the study file's seed (run i uses seed + i)."
    },
    footer = {
      "",
      "Examples:",
      "  distinct study                                    the paper's study on the built-in demo data",
      "  distinct study --data music-eeg-features.xlsx --series S/   the same on the real files",
      "  distinct study --print-default > my-study.yaml    start your own study file",
      "  distinct study paper-full --data music-eeg-features.xlsx --series S/   the paper's full protocol, 10 seeds",
      "  distinct study my-study.yaml --out my-report --threads 2",
      "  distinct study --resume                           continue an interrupted study",
      "  distinct study --rerun distinct-report/provenance.json   regenerate and compare the numbers",
      "",
      "Reliability: the report folder is locked while a study runs (a second one is refused); every unit's result is cached",
      "with a checksum in DIR/.runs, so after a crash, a kill or a full disk --resume continues; the previous report stays",
      "as it was until the new one is complete. Memory: 40 bytes per table cell, 32 per series value, plus the recurrent",
      "training buffers (README, 'Memory')."
    })
public final class StudyCommand implements Callable<Integer> {
  /** Marker file that identifies a distinct report folder. */
  public static final String MARKER = StudyReport.MARKER;

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(index = "0", arity = "0..1", paramLabel = "STUDY",
      description = "Study file (.yaml) or the name of a built-in study: paper (the default: the paper's study, shortened to run in "
          + "minutes on the demo data), paper-full (the paper's full protocol with 10 seeds per model).")
  String studyFile;

  @Option(names = {"-d", "--data"}, paramLabel = "FILE", description = "Feature table replacing the study's data.features.")
  Path data;

  @Option(names = "--series", paramLabel = "DIR", description = "Folder of per-song workbooks replacing the study's data.series.")
  Path series;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "distinct-report", description = "Report folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--force", description = "Overwrite a folder that is not a distinct report.")
  boolean force;

  @Option(names = "--resume", description = "Reuse the runs an interrupted run of the same study completed.")
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
    StudyConfig config;
    int threads = common.threadCount();
    Rerun.Recorded recorded = null;
    if (rerun != null) {
      recorded = Rerun.read(rerun);
      config = recorded.config();
      if (common.threads == null) threads = recorded.threads();
      if (!spec.commandLine().getParseResult().hasMatchedOption("--out")) out = Path.of(rerun.toAbsolutePath().getParent() + "-rerun");
    } else {
      config = studyFile == null ? StudyFile.defaults() : StudyFile.load(studyFile);
      config = StudyRunner.withData(config, data, series);
      if (spec.commandLine().getParseResult().hasMatchedOption("--seed")) {
        if (common.seed <= 0) throw new BadInputException("--seed: a study needs a positive seed, got " + common.seed);
        config = config.withSeed(common.seed);
      }
    }
    StudyResult result;
    long t0 = System.nanoTime();
    ProgressPrinter progress = new ProgressPrinter(common.quiet);
    try (OutputLock lock = ReportFolder.prepare(out, force, "distinct study", spec.commandLine().getErr())) {
      Thread hook = new Thread(() -> ReportFolder.cleanUpInterrupted(out, "distinct study"));
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        result = StudyRunner.run(config, new StudyRunner.Options(out, resume, threads), progress);
        progress.close();
        FaultHook.at("report");
        StudyReport.write(result, out, !resume);
      } finally {
        progress.close();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
          // already shutting down
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (common.json) {
      o.println(Json.write(result));
    } else {
      printSummary(o, result, seconds);
    }
    o.flush();
    if (recorded != null) return Rerun.compare(recorded, result, o) ? 0 : 1;
    return 0;
  }

  private static String ci(Statistics.Summary s, boolean pct) {
    double k = pct ? 100 : 1;
    if (s.n() == 0) return "n/a";
    if (!Double.isFinite(s.low())) return String.format(Locale.ROOT, pct ? "%.2f %%" : "%.4f", s.mean() * k);
    return String.format(Locale.ROOT, pct ? "%.2f %% [%.2f, %.2f]" : "%.4f [%.4f, %.4f]", s.mean() * k, s.low() * k, s.high() * k);
  }

  private static double[] col(List<double[]> perSeed, ToDoubleFunction<double[]> f) {
    return perSeed.stream().mapToDouble(f).toArray();
  }

  private static double meanFinite(double[] v) {
    return Statistics.summarize(v).mean();
  }

  private void printSummary(PrintWriter o, StudyResult r, double seconds) {
    o.printf(Locale.ROOT, "Study '%s' finished in %.0f s (%d threads). Report: %s%n%n", r.config().name(), seconds,
        r.provenance().threads(), out.resolve("index.html"));
    List<List<String>> t1 = new ArrayList<>();
    for (String kind : r.config().models().keySet()) {
      List<Run> runs = r.runs(kind);
      if (!runs.isEmpty()) addRows(t1, FamilyRuns.displayName(r.config(), kind), runs.stream().map(StudyCommand::perSeed).toList());
    }
    o.println("Table 1: baselines (mean [95% CI] over seeds)");
    o.print(Fmt.table(List.of("model", "", "loss", "accuracy", "execution time"), t1));
    for (FamilyRuns f : FamilyRuns.of(r)) {
      List<Run> runs = f.runs();
      if (!runs.isEmpty() && runs.get(0).pruning().containsKey("distinctiveness")) printPruning(o, f.name(), runs);
      printLeakage(o, f);
    }
    long diverged = 0;
    for (List<Run> runs : r.runs().values()) diverged += runs.stream().filter(Run::diverged).count();
    if (diverged > 0) o.println("Diverged runs (excluded from means): " + diverged + " - see the report.");
  }

  private static double[] perSeed(Run m) {
    StepRow b = m.baseline();
    return new double[] {meanFinite(m.foldTrainLoss()), meanFinite(m.foldTrainAccuracy()), meanFinite(m.foldValidationLoss()),
        meanFinite(m.foldValidationAccuracy()), m.finalTrainLoss(), m.finalTrainAccuracy(), b == null ? Double.NaN : b.loss(),
        b == null ? Double.NaN : b.accuracy(), b == null ? Double.NaN : b.timeMedianMs()};
  }

  private static void printPruning(PrintWriter o, String name, List<Run> runs) {
    o.println();
    o.println("Table 2: " + name + " pruning by distinctiveness (mean over " + runs.size() + " seeds; paired test against the unpruned model)");
    List<List<String>> t2 = new ArrayList<>();
    List<Run> ok = runs.stream().filter(m -> !m.diverged()).toList();
    int steps = ok.stream().mapToInt(m -> m.pruning().get("distinctiveness").size()).min().orElse(0);
    for (int s = 0; s < steps; s++) {
      final int st = s;
      List<StepRow> rows = ok.stream().map(m -> m.pruning().get("distinctiveness").get(st)).toList();
      List<StepRow> base = ok.stream().map(m -> m.pruning().get("distinctiveness").get(0)).toList();
      double[] acc = rows.stream().mapToDouble(StepRow::accuracy).toArray();
      double[] f1 = rows.stream().mapToDouble(StepRow::f1).toArray();
      double[] acc0 = base.stream().mapToDouble(StepRow::accuracy).toArray();
      Statistics.Paired p = Statistics.paired(acc, acc0);
      t2.add(List.of(String.valueOf(rows.get(0).unitsRemoved()), rows.get(0).pairs(), ci(Statistics.summarize(acc), true),
          ci(Statistics.summarize(f1), false),
          String.format(Locale.ROOT, "%.4f", Statistics.summarize(rows.stream().mapToDouble(StepRow::timeMedianMs).toArray()).mean()),
          String.format(Locale.ROOT, "%.1f", Statistics.summarize(rows.stream().mapToDouble(StepRow::minAngle).toArray()).mean()),
          s == 0 ? "" : p.verdict()));
    }
    o.print(Fmt.table(List.of("pruned", "pairs (seed " + runs.get(0).seed() + ")", "accuracy", "F1", "time (ms)", "min angle", "vs unpruned"), t2));
  }

  private static void printLeakage(PrintWriter o, FamilyRuns f) {
    FamilyRuns.Leakage lk = f.leakage();
    if (lk == null || Statistics.summarize(lk.leaky()).n() == 0) return;
    Statistics.Paired p = Statistics.paired(lk.leaky(), lk.grouped());
    o.println();
    o.println("Leakage check (" + f.name() + "): " + lk.leakyName() + " " + ci(Statistics.summarize(lk.leaky()), true)
        + " vs participant-grouped " + ci(Statistics.summarize(lk.grouped()), true) + " test accuracy; " + difference(p));
  }

  /**
   * @param p the paired accuracy difference, leaky split − grouped split
   * @return its line's end: the difference in points, its interval, both tests' p-values and the verdict, with the
   *     rule when the interval excludes 0 but the tests do not both call a change (the two methods can disagree)
   */
  static String difference(Statistics.Paired p) {
    String interval = Double.isNaN(p.low()) ? "" : String.format(Locale.ROOT, " [%.2f, %.2f]", 100 * p.low(), 100 * p.high());
    String tests = Double.isNaN(p.tTestP()) ? "" : ", paired t-test p " + pValue(p.tTestP()) + ", Wilcoxon p " + pValue(p.wilcoxonP());
    String verdict = p.verdict().equals("higher") ? "the leaky split overstates accuracy" : p.verdict();
    boolean disagree = p.verdict().equals("no significant change") && (p.low() > 0 || p.high() < 0);
    return String.format(Locale.ROOT, "difference %+.2f points%s%s: %s", 100 * p.meanDifference(), interval, tests, verdict)
        + (disagree ? " (a change is called only when both tests are below " + Statistics.ALPHA + ")" : "");
  }

  private static String pValue(double p) {
    return p < 0.001 ? "< 0.001" : "= " + String.format(Locale.ROOT, "%.2g", p);
  }

  private static void addRows(List<List<String>> t, String model, List<double[]> perSeed) {
    t.add(List.of(model, "k-fold training", ci(Statistics.summarize(col(perSeed, v -> v[0])), false), ci(Statistics.summarize(col(perSeed, v -> v[1])), true), ""));
    t.add(List.of("", "k-fold validation", ci(Statistics.summarize(col(perSeed, v -> v[2])), false), ci(Statistics.summarize(col(perSeed, v -> v[3])), true), ""));
    t.add(List.of("", "final model training", ci(Statistics.summarize(col(perSeed, v -> v[4])), false), ci(Statistics.summarize(col(perSeed, v -> v[5])), true), ""));
    t.add(List.of("", "final model test", ci(Statistics.summarize(col(perSeed, v -> v[6])), false), ci(Statistics.summarize(col(perSeed, v -> v[7])), true),
        String.format(Locale.ROOT, "%.3f ms", Statistics.summarize(col(perSeed, v -> v[8])).mean())));
  }

  /** One progress bar for the whole study, opened when the runner knows how much work there is. */
  private static final class ProgressPrinter implements StudyProgress {
    private final boolean quiet;
    private ProgressBar bar;

    ProgressPrinter(boolean quiet) {
      this.quiet = quiet;
    }

    @Override
    public synchronized void start(long totalUnits) {
      bar = new ProgressBar("study", totalUnits, quiet);
    }

    @Override
    public synchronized void done(String what) {
      if (bar != null) bar.step(what);
    }

    @Override
    public synchronized void warning(String line) {
      if (bar != null && !quiet && System.console() != null) System.err.print("\r\u001b[K");
      System.err.println("distinct: warning: " + line);
      System.err.flush();
    }

    synchronized void close() {
      if (bar != null) bar.close();
      bar = null;
    }
  }
}
