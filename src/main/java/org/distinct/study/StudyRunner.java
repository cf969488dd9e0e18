package org.distinct.study;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distinct.BadInputException;
import org.distinct.Version;
import org.distinct.util.AtomicFiles;
import org.distinct.data.Dataset;
import org.distinct.data.DemoData;
import org.distinct.data.FeatureTableLoader;
import org.distinct.data.FeatureTableOptions;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SeriesLoader;
import org.distinct.data.SeriesOptions;
import org.distinct.data.SongMapping;
import org.distinct.tensor.RnnKernelsProvider;
import org.distinct.train.MlpCrossValidator;
import org.distinct.train.MlpTrainConfig;
import org.distinct.train.MlpTrainer;
import org.distinct.train.OptimizerConfig;
import org.distinct.util.OrderedParallel;
import org.distinct.data.split.GroupKFold;

/**
 * Runs a study: loads the data, runs every configuration over its seeds (in parallel over seeds, each run
 * single-threaded so results do not depend on the thread count), caches each completed run for
 * {@code --resume}, and returns all numbers. Writing the report is {@code report.StudyReport}'s job.
 */
public final class StudyRunner {
  /** Name of the cache folder inside the report folder. */
  public static final String CACHE_DIR = ".runs";

  /** Receives progress: one call per completed unit of work. */
  public interface Progress {
    /** No progress output. */
    Progress NONE = new Progress() {
      @Override
      public void start(long totalUnits) {}

      @Override
      public void done(String what) {}
    };

    /** @param totalUnits units of work in the whole study */
    void start(long totalUnits);

    /** @param what the unit just completed, e.g. "MLP seed 3" */
    void done(String what);
  }

  /**
   * How to run.
   *
   * @param out report folder (holds the run cache)
   * @param resume reuse completed runs cached in {@code out} by an earlier run of the same study
   * @param threads worker threads
   */
  public record Options(Path out, boolean resume, int threads) {
    /** Validates. */
    public Options {
      if (out == null) throw new IllegalArgumentException("out is required");
      if (threads < 1) throw new BadInputException("--threads must be at least 1, got " + threads);
    }
  }

  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

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
    StudyConfig.DataSection nd = new StudyConfig.DataSection(
        features == null ? d.features() : features.toString(), series == null ? d.series() : series.toString(), d.demoSeed(),
        d.participantColumn(), d.labelColumn(), d.classNames(), d.dropFlagged(), d.songMapping());
    return new StudyConfig(config.name(), config.seed(), nd, config.mlp(), config.pruning(), config.leakage(), config.rnn());
  }

  /**
   * Loads the feature table a study names.
   *
   * @param d the data section
   * @return the dataset
   */
  public static Dataset loadFeatures(StudyConfig.DataSection d) {
    FeatureTableOptions o = new FeatureTableOptions(d.participantColumn(), d.labelColumn(), d.classNames(), List.of(), d.dropFlagged());
    if (d.features().equals("demo")) return FeatureTableLoader.load(DemoData.featureTable(DemoData.FeatureSpec.defaults(), d.demoSeed()), o);
    return FeatureTableLoader.load(Path.of(d.features()), o);
  }

  /**
   * Loads the series a study names.
   *
   * @param d the data section
   * @param minLength shortest acceptable series (the median window)
   * @return the sequences
   */
  public static SequenceDataset loadSeries(StudyConfig.DataSection d, int minLength) {
    SeriesOptions o = SeriesOptions.defaults().withMinLength(minLength);
    if (d.songMapping() != null) o = o.withMapping(SongMapping.parse(Path.of(d.songMapping())));
    if (d.series().equals("demo")) return DemoData.series(DemoData.SeriesSpec.defaults(), d.demoSeed(), o);
    return SeriesLoader.load(Path.of(d.series()), o);
  }

  /**
   * Runs the study.
   *
   * @param config the study (with any data overrides applied)
   * @param options how to run
   * @param progress progress receiver
   * @return all numbers
   */
  public static StudyResult run(StudyConfig config, Options options, Progress progress) {
    String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String yaml = StudyFile.write(config);
    String studyHash = sha256(yaml.getBytes(StandardCharsets.UTF_8));
    Path cache = options.out().resolve(CACHE_DIR);
    prepareCache(cache, studyHash, options.resume());

    Dataset features = config.mlp() == null ? null : loadFeatures(config.data());
    SequenceDataset series = config.rnn() == null ? null : loadSeries(config.data(), config.rnn().window());

    List<StudyResult.GridPoint> grid = new ArrayList<>();
    List<Map<String, Object>> gridPoints = config.mlp() == null || config.mlp().grid() == null ? List.of() : gridPoints(config.mlp().grid());
    int mlpSeeds = config.mlp() == null ? 0 : config.mlp().seeds();
    int rnnSeeds = config.rnn() == null ? 0 : config.rnn().seeds();
    int rnnUnits = config.rnn() == null ? 0 : config.rnn().folds() + 1 + config.rnn().modes().size();
    long units = (long) mlpSeeds * 4 + (long) gridPoints.size() * (config.mlp() == null ? 0 : config.mlp().gridSeeds())
        + (long) rnnSeeds * rnnUnits;
    progress.start(units);

    Map<String, Double> seconds = new LinkedHashMap<>();
    List<Long> seeds = new ArrayList<>();
    List<MlpRun> mlp = new ArrayList<>();
    if (config.mlp() != null) {
      long t0 = System.nanoTime();
      List<Callable<MlpRun>> tasks = new ArrayList<>();
      for (int i = 0; i < mlpSeeds; i++) {
        long seed = config.seed() + i;
        seeds.add(seed);
        tasks.add(() -> {
          MlpRun r = cached(cache, "mlp-seed-" + seed, MlpRun.class, () -> MlpRun.run(features, config, seed));
          progress.done("MLP seed " + seed);
          progress.done(null);
          progress.done(null);
          progress.done(null);
          return r;
        });
      }
      mlp = OrderedParallel.run(tasks, options.threads());
      seconds.put("mlp", (System.nanoTime() - t0) / 1e9);
      if (!gridPoints.isEmpty()) {
        long g0 = System.nanoTime();
        grid = runGrid(features, config, gridPoints, cache, options.threads(), progress);
        seconds.put("grid", (System.nanoTime() - g0) / 1e9);
      }
    }
    List<RnnRun> rnn = new ArrayList<>();
    if (config.rnn() != null) {
      long t0 = System.nanoTime();
      for (int i = 0; i < rnnSeeds; i++) {
        long seed = config.seed() + 1000 + i;
        seeds.add(seed);
        // The RNN trainer splits every batch over the threads itself (bit-identical for any thread count).
        int[] reported = {0};
        Callable<RnnRun> task = () -> cached(cache, "rnn-seed-" + seed, RnnRun.class,
            () -> RnnStudy.run(series, config, seed, options.threads(), what -> {
              reported[0]++;
              progress.done(what);
            }));
        rnn.add(OrderedParallel.run(List.of(task), 1).get(0));
        for (int u = reported[0]; u < rnnUnits; u++) progress.done(u == reported[0] ? "RNN seed " + seed + " (cached)" : null);
      }
      seconds.put("rnn", (System.nanoTime() - t0) / 1e9);
    }
    Provenance prov = new Provenance("distinct " + Version.VERSION,
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        System.getProperty("os.name") + " " + System.getProperty("os.arch"), options.threads(), date, yaml, seeds,
        inputs(config), RnnKernelsProvider.get().getClass().getSimpleName().startsWith("Vector"));
    return new StudyResult(config, prov, describe(features), describe(series), mlp, rnn, grid, seconds);
  }

  private static List<Map<String, Object>> gridPoints(Map<String, List<Object>> grid) {
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> p : points)
        for (Object v : e.getValue()) {
          Map<String, Object> q = new LinkedHashMap<>(p);
          q.put(e.getKey(), v);
          next.add(q);
        }
      points = next;
    }
    return points;
  }

  private static List<StudyResult.GridPoint> runGrid(Dataset data, StudyConfig config, List<Map<String, Object>> points, Path cache,
      int threads, Progress progress) {
    StudyConfig.MlpSection s = config.mlp();
    List<Callable<StudyResult.GridPoint>> tasks = new ArrayList<>();
    for (int g = 0; g < points.size(); g++) {
      Map<String, Object> p = points.get(g);
      int gi = g;
      tasks.add(() -> cached(cache, "grid-" + gi, StudyResult.GridPoint.class, () -> {
        MlpTrainConfig base = MlpRun.trainConfig(s);
        int batch = p.containsKey("batchSize") ? ((Number) p.get("batchSize")).intValue() : base.batchSize();
        int epochs = p.containsKey("epochs") ? ((Number) p.get("epochs")).intValue() : base.epochs();
        double lr = p.containsKey("learningRate") ? ((Number) p.get("learningRate")).doubleValue() : base.optimizer().learningRate();
        int[] hidden = p.containsKey("hidden") ? new int[] {((Number) p.get("hidden")).intValue()} : base.hidden();
        OptimizerConfig opt = base.optimizer().withLearningRate(lr);
        MlpTrainConfig cfg = new MlpTrainConfig(hidden, base.activation(), opt, batch, epochs, true, 0, true);
        int folds = s.folds() == 0 ? 10 : s.folds();
        double[] acc = new double[s.gridSeeds()];
        double[] loss = new double[s.gridSeeds()];
        for (int i = 0; i < s.gridSeeds(); i++) {
          MlpCrossValidator.Result r = new MlpCrossValidator(new MlpTrainer(cfg), new GroupKFold(folds)).run(data, config.seed() + i, 1, null);
          acc[i] = r.finiteFolds().stream().mapToDouble(f -> f.validation().accuracy()).average().orElse(Double.NaN);
          loss[i] = r.finiteFolds().stream().mapToDouble(f -> f.validation().loss()).average().orElse(Double.NaN);
          progress.done("grid " + p);
        }
        return new StudyResult.GridPoint(p, acc, loss);
      }));
    }
    return OrderedParallel.run(tasks, threads);
  }

  private static Map<String, Object> describe(Dataset d) {
    if (d == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", d.source());
    m.put("rows", d.rows());
    m.put("features", d.cols());
    m.put("participants", java.util.Arrays.stream(d.groups()).distinct().count());
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
    m.put("songs", d.songs().stream().distinct().count());
    m.put("participants", java.util.Arrays.stream(d.groups()).distinct().count());
    m.put("minLength", min);
    m.put("maxLength", max);
    m.put("classes", d.classNames());
    return m;
  }

  private static List<Provenance.Input> inputs(StudyConfig config) {
    List<Provenance.Input> in = new ArrayList<>();
    StudyConfig.DataSection d = config.data();
    if (config.mlp() != null) in.add(input("features", d.features(), d.demoSeed()));
    if (config.rnn() != null) in.add(input("series", d.series(), d.demoSeed()));
    if (d.songMapping() != null) in.add(input("song mapping", d.songMapping(), d.demoSeed()));
    return in;
  }

  private static Provenance.Input input(String role, String path, long demoSeed) {
    try {
      if (path.equals("demo")) {
        // The checksum of the demo is that of its CSV rendering: any change to the generator shows.
        StringBuilder text = new StringBuilder();
        if (role.equals("features")) appendCells(text, DemoData.featureTable(DemoData.FeatureSpec.defaults(), demoSeed));
        else for (org.distinct.data.Table t : DemoData.seriesTables(DemoData.SeriesSpec.defaults(), demoSeed)) appendCells(text, t);
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
  private static void appendCells(StringBuilder sb, org.distinct.data.Table t) {
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

  private static void prepareCache(Path cache, String studyHash, boolean resume) {
    try {
      Path stamp = cache.resolve("study.sha256");
      if (resume && Files.isRegularFile(stamp)) {
        String old = Files.readString(stamp).trim();
        if (!old.equals(studyHash))
          throw new BadInputException(cache.getParent() + ": --resume: the cached runs belong to a different study (or data); run without --resume");
        return;
      }
      if (Files.isDirectory(cache))
        try (var s = Files.list(cache)) {
          for (Path f : s.toList()) Files.deleteIfExists(f);
        }
      Files.createDirectories(cache);
      AtomicFiles.writeString(stamp, studyHash + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Supplies a value that may throw. */
  interface Work<T> {
    T get() throws Exception;
  }

  private static <T> T cached(Path cache, String name, Class<T> type, Work<T> work) throws Exception {
    Path f = cache.resolve(name + ".json");
    if (Files.isRegularFile(f)) {
      try {
        return JSON.readValue(f.toFile(), type);
      } catch (IOException e) {
        Files.deleteIfExists(f); // a cache entry that cannot be read is recomputed
      }
    }
    T v = work.get();
    AtomicFiles.writeString(f, JSON.writeValueAsString(v));
    return v;
  }
}
