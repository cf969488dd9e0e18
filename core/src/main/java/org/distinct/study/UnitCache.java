package org.distinct.study;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.distinct.BadInputException;
import org.distinct.util.AtomicFiles;
import org.distinct.util.FaultHook;

/**
 * The cache of finished work units in a report folder ({@value #DIR}/), for {@code distinct study --resume}: one file
 * per unit, written atomically ({@link AtomicFiles}: a temporary file in the same folder, flushed, renamed), in the
 * envelope of {@link CacheEntry} (the study hash, the code version, the unit id and the SHA-256 of the payload), and a
 * stamp with the hash of the study it belongs to.
 *
 * <p>Every entry is verified before it is used: a torn (cut short, changed) or stale (another study, build or unit, an
 * older format) entry is reported in one line through the warning channel ({@code cache entry FILE is torn (…):
 * recomputed}), deleted and recomputed; it is never used.
 */
public final class UnitCache {
  /** Name of the cache folder inside the report folder. */
  public static final String DIR = ".runs";

  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final Path dir;
  private final String studyHash;
  private final String version;
  private final Consumer<String> warnings;

  private UnitCache(Path dir, String studyHash, Consumer<String> warnings) {
    this.dir = dir;
    this.studyHash = studyHash;
    this.version = CodeVersion.current();
    this.warnings = warnings;
  }

  /**
   * Opens the cache of a report folder, with warnings on standard error.
   *
   * @param out the report folder
   * @param studyHash checksum of the study file and data
   * @param resume reuse finished units
   * @return the cache
   * @throws BadInputException with {@code resume} when the cache belongs to another study
   */
  public static UnitCache open(Path out, String studyHash, boolean resume) {
    return open(out, studyHash, resume, line -> System.err.println("distinct: warning: " + line));
  }

  /**
   * Opens the cache of a report folder: with {@code resume}, keeps the entries of the same study (refusing those of
   * another) and deletes the temporary files of writes that were cut short; otherwise empties it.
   *
   * @param out the report folder
   * @param studyHash checksum of the study file and data
   * @param resume reuse finished units
   * @param warnings receives one line per entry that was torn or stale (from any thread)
   * @return the cache
   * @throws BadInputException with {@code resume} when the cache belongs to another study
   */
  public static UnitCache open(Path out, String studyHash, boolean resume, Consumer<String> warnings) {
    Path cache = out.resolve(DIR);
    try {
      Path stamp = cache.resolve("study.sha256");
      if (resume && Files.isRegularFile(stamp)) {
        String old = Files.readString(stamp).trim();
        if (!old.equals(studyHash))
          throw new BadInputException(out + ": --resume: the cached runs belong to a different study (or data); run without --resume");
        deleteTemporaries(cache);
        FaultHook.at("start");
        return new UnitCache(cache, studyHash, warnings);
      }
      if (Files.isDirectory(cache))
        try (var s = Files.list(cache)) {
          for (Path f : s.toList()) Files.deleteIfExists(f);
        }
      Files.createDirectories(cache);
      AtomicFiles.writeString(stamp, studyHash + "\n");
      FaultHook.at("start");
      return new UnitCache(cache, studyHash, warnings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTemporaries(Path cache) throws IOException {
    try (var s = Files.list(cache)) {
      for (Path f : s.toList()) {
        String n = f.getFileName().toString();
        if (n.startsWith(".") && n.endsWith(".tmp")) Files.deleteIfExists(f);
      }
    }
  }

  /**
   * The cached result of a unit, or the computed one (then cached). An entry that is torn, stale or cannot be read is
   * reported, deleted and recomputed.
   *
   * @param <R> result type
   * @param unit the unit
   * @param work computes it
   * @return the result
   * @throws Exception what {@code work} throws
   * @throws UncheckedIOException if the entry cannot be written (e.g. the disk is full; the error names the file)
   */
  public <R> R computeIfAbsent(WorkUnit<R> unit, Callable<R> work) throws Exception {
    Path f = dir.resolve(unit.id() + ".json");
    R cached = read(unit, f);
    if (cached != null) return cached;
    R v = work.call();
    write(unit, f, v);
    FaultHook.at("unit");
    return v;
  }

  /**
   * The cached result of a unit, for executors that decide themselves what to compute (the Spark runner). An entry
   * that fails its checks is reported through the warnings channel, removed and treated as absent.
   *
   * @param <R> result type
   * @param unit the unit
   * @return its verified cached result, or null when there is none
   */
  public <R> R cached(WorkUnit<R> unit) {
    return read(unit, dir.resolve(unit.id() + ".json"));
  }

  /**
   * Caches a unit's result in its checksummed envelope, atomically: the entry is either complete or absent.
   *
   * @param <R> result type
   * @param unit the unit
   * @param result its result
   * @throws UncheckedIOException if the entry cannot be written (the error names the file)
   */
  public <R> void put(WorkUnit<R> unit, R result) {
    write(unit, dir.resolve(unit.id() + ".json"), result);
  }

  private <R> R read(WorkUnit<R> unit, Path f) {
    if (!Files.isRegularFile(f)) return null;
    String problem;
    try {
      CacheEntry.Verdict v = CacheEntry.check(Files.readAllBytes(f), studyHash, version, unit.id());
      if (v.ok()) {
        try {
          return JSON.readValue(v.payload(), unit.resultType());
        } catch (IOException e) {
          problem = "stale (its result does not read as " + unit.resultType().getSimpleName() + ")";
        }
      } else {
        problem = v.problem().name().toLowerCase(Locale.ROOT) + " (" + v.detail() + ")";
      }
    } catch (IOException e) {
      problem = "unreadable (" + e.getMessage() + ")";
    }
    warnings.accept("cache entry " + f + " is " + problem + ": recomputed");
    try {
      Files.deleteIfExists(f);
    } catch (IOException e) {
      // overwritten atomically when the unit is cached again
    }
    return null;
  }

  private <R> void write(WorkUnit<R> unit, Path f, R v) {
    try {
      byte[] bytes = new CacheEntry(studyHash, version, unit.id(), JSON.writeValueAsBytes(v)).encode();
      AtomicFiles.write(f, out -> {
        int half = bytes.length / 2;
        out.write(bytes, 0, half);
        if (FaultHook.enabled()) {
          out.flush();
          FaultHook.at("cache-write");
        }
        out.write(bytes, half, bytes.length - half);
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
