package org.distinct.study;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.distinct.BadInputException;
import org.distinct.util.AtomicFiles;

/**
 * The cache of finished work units in a report folder ({@value #DIR}/), for {@code distinct study --resume}: one JSON
 * file per unit, written atomically, and a stamp with the checksum of the study it belongs to.
 */
public final class UnitCache {
  /** Name of the cache folder inside the report folder. */
  public static final String DIR = ".runs";

  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final Path dir;

  private UnitCache(Path dir) {
    this.dir = dir;
  }

  /**
   * Opens the cache of a report folder: with {@code resume}, keeps the entries of the same study (refusing those of
   * another); otherwise empties it.
   *
   * @param out the report folder
   * @param studyHash checksum of the study file and data
   * @param resume reuse finished units
   * @return the cache
   * @throws BadInputException with {@code resume} when the cache belongs to another study
   */
  public static UnitCache open(Path out, String studyHash, boolean resume) {
    Path cache = out.resolve(DIR);
    try {
      Path stamp = cache.resolve("study.sha256");
      if (resume && Files.isRegularFile(stamp)) {
        String old = Files.readString(stamp).trim();
        if (!old.equals(studyHash))
          throw new BadInputException(out + ": --resume: the cached runs belong to a different study (or data); run without --resume");
        return new UnitCache(cache);
      }
      if (Files.isDirectory(cache))
        try (var s = Files.list(cache)) {
          for (Path f : s.toList()) Files.deleteIfExists(f);
        }
      Files.createDirectories(cache);
      AtomicFiles.writeString(stamp, studyHash + "\n");
      return new UnitCache(cache);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The cached result of a unit, or the computed one (then cached). An entry that cannot be read is recomputed.
   *
   * @param <R> result type
   * @param unit the unit
   * @param work computes it
   * @return the result
   * @throws Exception what {@code work} throws
   */
  public <R> R computeIfAbsent(WorkUnit<R> unit, Callable<R> work) throws Exception {
    R cached = cached(unit);
    if (cached != null) return cached;
    R v = work.call();
    put(unit, v);
    return v;
  }

  /**
   * The cached result of a unit (for executors that decide themselves what to compute). An entry that cannot be read
   * is removed.
   *
   * @param <R> result type
   * @param unit the unit
   * @return its cached result, or null when there is none
   */
  public <R> R cached(WorkUnit<R> unit) {
    Path f = dir.resolve(unit.id() + ".json");
    if (!Files.isRegularFile(f)) return null;
    try {
      return JSON.readValue(f.toFile(), unit.resultType());
    } catch (IOException e) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException gone) {
        throw new UncheckedIOException(gone);
      }
      return null;
    }
  }

  /**
   * Caches a unit's result (atomically: the entry is either complete or absent).
   *
   * @param <R> result type
   * @param unit the unit
   * @param result its result
   */
  public <R> void put(WorkUnit<R> unit, R result) {
    try {
      AtomicFiles.writeString(dir.resolve(unit.id() + ".json"), JSON.writeValueAsString(result));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
