package org.distinct.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distinct.BadInputException;
import org.distinct.Version;
import org.distinct.data.DemoData;
import org.distinct.data.FeatureFrame;
import org.distinct.data.FeatureTableLoader;
import org.distinct.data.FeatureTableOptions;
import org.distinct.data.LabelledData;
import org.distinct.data.MemoryBudget;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SeriesLoader;
import org.distinct.data.SeriesOptions;
import org.distinct.data.SongMapping;
import org.distinct.data.Table;
import org.distinct.data.TableReadOptions;
import org.distinct.family.DataKind;
import org.distinct.family.Families;
import org.distinct.family.ModelFamily;
import org.distinct.tensor.RnnKernelsProvider;
import org.distinct.util.FaultHook;

/**
 * Runs a study: loads the data once, plans the work of every model section as independent units
 * ({@link StudyPlan}), runs them through a {@link StudyExecutor} (each unit single-threaded, so results do not depend
 * on the thread count), caches every finished unit for {@code --resume}, and combines the results in a fixed order.
 * Writing the report is {@code report.StudyReport}'s job.
 */
public final class StudyRunner {
  /** Name of the cache folder inside the report folder. */
  public static final String CACHE_DIR = UnitCache.DIR;

  /**
   * How to run.
   *
   * @param out report folder (holds the run cache)
   * @param resume reuse completed units cached in {@code out} by an earlier run of the same study
   * @param threads worker threads
   */
  public record Options(Path out, boolean resume, int threads) {
    /** Validates. */
    public Options {
      if (out == null) throw new IllegalArgumentException("out is required");
      if (threads < 1) throw new BadInputException("--threads must be at least 1, got " + threads);
    }
  }

  private StudyRunner() {}

  /**
   * Applies command-line data overrides to a study.
   *
   * @param config the study
   * @param features feature table or null
   * @param series series folder or null
   * @return the study with the overrides in its data section
   */
  public static StudyConfig withData(StudyConfig config, Path features, Path series) {
    StudyConfig.DataSection d = config.data();
    return config.withData(new StudyConfig.DataSection(
        features == null ? d.features() : features.toString(), series == null ? d.series() : series.toString(), d.demoSeed(),
        d.groupColumn(), d.labelColumn(), d.classNames(), d.dropFlagged(), d.songMapping(), d.sheet(), d.layout()));
  }

  /**
   * Loads the feature table a study names.
   *
   * @param d the data section
   * @return the table as read (text columns and missing cells are encoded per training part)
   */
  public static FeatureFrame loadFeatures(StudyConfig.DataSection d) {
    FeatureTableOptions o = new FeatureTableOptions(d.groupColumn(), d.labelColumn(), d.classNames(), List.of(), d.dropFlagged());
    if (d.features().equals("demo")) return FeatureTableLoader.loadFrame(DemoData.featureTable(DemoData.FeatureSpec.defaults(), d.demoSeed()), o);
    return FeatureTableLoader.loadFrame(Path.of(d.features()), new TableReadOptions(d.sheet(), null), o);
  }

  /**
   * Loads the series a study names.
   *
   * @param d the data section
   * @param minLength shortest acceptable series (the median window)
   * @return the sequences
   */
  public static SequenceDataset loadSeries(StudyConfig.DataSection d, int minLength) {
    SeriesOptions o = SeriesOptions.defaults().withMinLength(minLength).withLayout(StudyConfig.DataSection.layout(d.layout()));
    if (d.songMapping() != null) o = o.withMapping(SongMapping.parse(Path.of(d.songMapping())));
    if (d.series().equals("demo")) return DemoData.series(DemoData.SeriesSpec.defaults(), d.demoSeed(), o);
    return SeriesLoader.load(Path.of(d.series()), o);
  }

  /**
   * Loads every input the study's sections read, once, and resolves each section's split against its data (a split
   * left out becomes the family's default for them, {@link org.distinct.family.ModelFamily#defaultSplit}).
   *
   * @param config the study
   * @return the study with every split named, and its data
   * @throws BadInputException naming the section whose split the data cannot have (a grouped split without groups,
   *     the per-song split without songs)
   */
  public static StudyContext load(StudyConfig config) {
    FeatureFrame features = null;
    SequenceDataset series = null;
    int window = 1;
    for (Map.Entry<String, ModelSection> e : config.models().entrySet()) {
      DataKind k = config.family(e.getKey()).dataKind();
      if (k == DataKind.SERIES) window = Math.max(window, e.getValue().preprocessing().series().medianWindow());
    }
    if (reads(config, DataKind.TABLE)) features = loadFeatures(config.data());
    if (reads(config, DataKind.SERIES)) series = loadSeries(config.data(), window);
    StudyContext raw = new StudyContext(config, features, series);
    StudyConfig resolved = config;
    for (String name : config.models().keySet()) resolved = resolved.withSection(name, resolveSplit(raw, name, config.family(name)));
    return new StudyContext(resolved, features, series);
  }

  private static <R extends LabelledData<R>> ModelSection resolveSplit(StudyContext ctx, String kind, ModelFamily<?, R, ?, ?> f) {
    R data = ctx.data(f);
    ModelSection s = ctx.config().section(kind);
    if (s.split() == null) s = s.withSplit(f.defaultSplit(data));
    try {
      f.requireSplit(s.protocol(), data);
    } catch (BadInputException e) {
      throw new BadInputException(kind + ".split " + s.split() + ": " + e.getMessage(), e);
    }
    return s;
  }

  private static boolean reads(StudyConfig config, DataKind kind) {
    for (String k : config.models().keySet()) if (config.family(k).dataKind() == kind) return true;
    return false;
  }

  /**
   * Runs the study on the local thread pool.
   *
   * @param config the study (with any data overrides applied)
   * @param options how to run
   * @param progress progress receiver
   * @return all numbers
   */
  public static StudyResult run(StudyConfig config, Options options, StudyProgress progress) {
    return run(config, options, progress, new LocalExecutor(options.threads()));
  }

  /**
   * Runs the study.
   *
   * @param config the study (with any data overrides applied)
   * @param options how to run
   * @param progress progress receiver
   * @param executor runs the work units
   * @return all numbers
   */
  public static StudyResult run(StudyConfig config, Options options, StudyProgress progress, StudyExecutor executor) {
    String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    checkMemory(config);
    List<Provenance.Input> inputs;
    try {
      inputs = inputs(config);
    } catch (BadInputException e) {
      load(config); // a missing or unreadable file: the loader's message says more than the checksum's
      throw e;
    }
    FaultHook.at("read");
    StudyContext ctx = load(config);
    requireUnchanged(config, inputs);
    config = ctx.config();
    String yaml = StudyFile.write(config);
    UnitCache cache = UnitCache.open(options.out(), studyHash(yaml, inputs), options.resume(), progress::warning);
    progress.start(StudyPlan.size(config));
    Map<String, Double> seconds = new LinkedHashMap<>();
    Map<String, List<Run>> runs = new LinkedHashMap<>();
    List<StudyResult.GridPoint> grid = new ArrayList<>();
    List<Long> seeds = new ArrayList<>();
    for (String kind : config.models().keySet()) {
      long t0 = System.nanoTime();
      runs.put(kind, section(ctx, kind, executor, cache, progress));
      seeds.addAll(StudyPlan.seeds(config, kind));
      seconds.put(kind, (System.nanoTime() - t0) / 1e9);
      List<WorkUnit<?>> g = StudyPlan.grid(config, kind);
      if (!g.isEmpty()) {
        long g0 = System.nanoTime();
        for (Object o : executor.run(g, ctx, cache, progress)) grid.add((StudyResult.GridPoint) o);
        seconds.put("grid", (System.nanoTime() - g0) / 1e9);
      }
    }
    Provenance prov = new Provenance("distinct " + Version.VERSION,
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        System.getProperty("os.name") + " " + System.getProperty("os.arch"), options.threads(), date, yaml, seeds,
        inputs, RnnKernelsProvider.vectorChosen());
    return new StudyResult(config, prov, describe(ctx.features()), describe(ctx.series()), runs, grid, seconds);
  }

  /** Runs one section: training units, then the sweeps of the final models; combines them by seed. */
  private static List<Run> section(StudyContext ctx, String kind, StudyExecutor executor, UnitCache cache, StudyProgress progress) {
    StudyConfig config = ctx.config();
    List<WorkUnit<?>> training = StudyPlan.training(config, kind);
    List<Object> out = executor.run(training, ctx, cache, progress);
    Map<Long, List<Outcomes.Fold>> folds = new LinkedHashMap<>();
    Map<Long, Outcomes.Final> finals = new LinkedHashMap<>();
    Map<Long, Outcomes.Leakage> leakage = new LinkedHashMap<>();
    for (int i = 0; i < training.size(); i++) {
      WorkUnit<?> u = training.get(i);
      if (u instanceof WorkUnit.FoldUnit f) folds.computeIfAbsent(f.seed(), s -> new ArrayList<>()).add((Outcomes.Fold) out.get(i));
      else if (u instanceof WorkUnit.FinalUnit f) finals.put(f.seed(), (Outcomes.Final) out.get(i));
      else if (u instanceof WorkUnit.LeakageUnit l) leakage.put(l.seed(), (Outcomes.Leakage) out.get(i));
      else throw new IllegalStateException("not a training unit: " + u);
    }
    List<WorkUnit<?>> sweepUnits = StudyPlan.sweeps(kind, finals);
    List<Object> sweepOut = executor.run(sweepUnits, ctx, cache, progress);
    Map<Long, Outcomes.Sweep> sweeps = new LinkedHashMap<>();
    for (int i = 0; i < sweepUnits.size(); i++) sweeps.put(((WorkUnit.SweepUnit) sweepUnits.get(i)).seed(), (Outcomes.Sweep) sweepOut.get(i));
    for (long seed : finals.keySet()) if (!sweeps.containsKey(seed)) progress.done(kind + " seed " + seed + " (diverged: no pruning)");
    int epochs = config.section(kind).trainSettings().epochs();
    List<Run> runs = new ArrayList<>();
    for (long seed : StudyPlan.seeds(config, kind))
      runs.add(StudyPlan.combine(seed, folds.getOrDefault(seed, List.of()), finals.get(seed), leakage.get(seed), sweeps.get(seed), epochs));
    return runs;
  }

  private static Map<String, Object> describe(FeatureFrame d) {
    if (d == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", d.source());
    m.put("rows", d.size());
    m.put("features", d.columns().size());
    if (d.grouped()) m.put("participants", Arrays.stream(d.groups()).distinct().count());
    m.put("classes", d.classNames());
    return m;
  }

  private static Map<String, Object> describe(SequenceDataset d) {
    if (d == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int s = 0; s < d.size(); s++) {
      min = Math.min(min, d.length(s));
      max = Math.max(max, d.length(s));
    }
    m.put("source", d.source());
    m.put("sequences", d.size());
    m.put("channels", d.inputSize());
    m.put("songs", d.songs().stream().distinct().count());
    m.put("participants", Arrays.stream(d.groups()).distinct().count());
    m.put("minLength", min);
    m.put("maxLength", max);
    m.put("classes", d.classNames());
    return m;
  }

  /** Refuses input files too large for the heap before anything reads them (the checksums read them in full). */
  private static void checkMemory(StudyConfig config) {
    StudyConfig.DataSection d = config.data();
    if (reads(config, DataKind.TABLE) && !d.features().equals("demo") && Files.isRegularFile(Path.of(d.features())))
      MemoryBudget.checkTable(Path.of(d.features()));
    if (reads(config, DataKind.SERIES) && !d.series().equals("demo")) {
      Path p = Path.of(d.series());
      if (Files.isDirectory(p)) MemoryBudget.checkSeries(SeriesLoader.workbooksIn(p), d.series());
      else if (Files.isRegularFile(p)) MemoryBudget.checkSeries(List.of(p), d.series());
    }
  }

  /**
   * The hash a cached unit must carry: of the resolved study file and of the checksums of its input data, so that
   * changed data invalidate the cache as a changed study does.
   */
  private static String studyHash(String yaml, List<Provenance.Input> inputs) {
    StringBuilder sb = new StringBuilder(yaml);
    for (Provenance.Input i : inputs) sb.append('\n').append(i.role()).append(' ').append(i.sha256());
    return sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Takes the checksums of the input files again after reading them: a file that changed while it was read (a copy
   * still in progress, another program writing it) is refused instead of giving numbers of a mixture.
   */
  private static void requireUnchanged(StudyConfig config, List<Provenance.Input> before) {
    for (Provenance.Input b : before) {
      if (b.path().startsWith("demo (")) continue; // generated, cannot change
      Provenance.Input a = input(b.role(), b.path(), config.data().demoSeed());
      if (b.sha256().equals(a.sha256())) continue;
      throw new BadInputException(b.path() + ": changed while it was being read (SHA-256 " + b.sha256().substring(0, 12) + "… before, "
          + a.sha256().substring(0, 12) + "… after); run again once it no longer changes");
    }
  }

  private static List<Provenance.Input> inputs(StudyConfig config) {
    List<Provenance.Input> in = new ArrayList<>();
    StudyConfig.DataSection d = config.data();
    if (reads(config, DataKind.TABLE)) in.add(input("features", d.features(), d.demoSeed()));
    if (reads(config, DataKind.SERIES)) in.add(input("series", d.series(), d.demoSeed()));
    if (d.songMapping() != null) in.add(input("song mapping", d.songMapping(), d.demoSeed()));
    return in;
  }

  private static Provenance.Input input(String role, String path, long demoSeed) {
    try {
      if (path.equals("demo")) {
        // The checksum of the demo is that of its CSV rendering: any change to the generator shows.
        StringBuilder text = new StringBuilder();
        if (role.equals("features")) appendCells(text, DemoData.featureTable(DemoData.FeatureSpec.defaults(), demoSeed));
        else for (Table t : DemoData.seriesTables(DemoData.SeriesSpec.defaults(), demoSeed)) appendCells(text, t);
        return new Provenance.Input(role, "demo (generator seed " + demoSeed + ")", sha256(text.toString().getBytes(StandardCharsets.UTF_8)), List.of());
      }
      Path p = Path.of(path);
      if (Files.isDirectory(p)) {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        List<String> files = new ArrayList<>();
        for (Path f : SeriesLoader.workbooksIn(p)) {
          files.add(f.getFileName() + " " + sha256(Files.readAllBytes(f)));
          md.update(Files.readAllBytes(f));
        }
        return new Provenance.Input(role, path, HexFormat.of().formatHex(md.digest()), files);
      }
      return new Provenance.Input(role, path, sha256(Files.readAllBytes(p)), List.of(p.getFileName().toString()));
    } catch (IOException e) {
      throw new BadInputException(path + ": cannot read for its checksum: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Renders a table's header and cells as tab-separated text (the bytes the demo checksum is taken of). */
  private static void appendCells(StringBuilder sb, Table t) {
    sb.append(String.join("\t", t.columnNames())).append('\n');
    for (int r = 0; r < t.rows(); r++) {
      for (int c = 0; c < t.cols(); c++) sb.append(c == 0 ? "" : "\t").append(t.text(r, c));
      sb.append('\n');
    }
  }

  /**
   * @param bytes data
   * @return the lowercase hex SHA-256 of the data
   */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
