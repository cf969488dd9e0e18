package org.distinct.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.distinct.BadInputException;
import org.distinct.study.StudyConfig;
import org.distinct.study.StudyContext;
import org.distinct.study.StudyExecutor;
import org.distinct.study.StudyFile;
import org.distinct.study.StudyProgress;
import org.distinct.study.UnitCache;
import org.distinct.study.UnitJson;
import org.distinct.study.WorkUnit;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs a study's work units on Spark: the units not already in the driver's cache go out as one RDD of JSON strings,
 * one unit per partition and so per task ({@code parallelize(units, units.size())}); each task runs on an executor
 * ({@link UnitTask}); as each task finishes, the driver reads its result, checks that it was computed with the
 * driver's kernels, caches it and reports progress. The results are returned in unit order, whatever order Spark
 * finished them in, so {@code StudyRunner} combines them exactly as it combines those of the local thread pool.
 * A task that fails is retried by Spark; only a successful attempt's result reaches the driver.
 */
public final class SparkExecutor implements StudyExecutor {
  private final JavaSparkContext spark;
  private final String kernels = Kernels.signature();
  private StudyConfig sentConfig;
  private Broadcast<String> sent;
  private long ranOnSpark;
  private long fromCache;

  /** @param spark the driver's Spark context (its owner stops it) */
  public SparkExecutor(JavaSparkContext spark) {
    this.spark = spark;
  }

  @Override
  public List<Object> run(List<WorkUnit<?>> units, StudyContext ctx, UnitCache cache, StudyProgress progress) {
    Object[] out = new Object[units.size()];
    List<Integer> todo = new ArrayList<>();
    List<String> json = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      Object c = cache.cached(units.get(i));
      if (c != null) {
        out[i] = c;
        fromCache++;
        progress.done(units.get(i).label());
      } else {
        todo.add(i);
        json.add(UnitJson.unitToJson(units.get(i)));
      }
    }
    if (todo.isEmpty()) return List.of(out);
    JavaRDD<String> rdd = spark.parallelize(json, json.size());
    Collector collector = new Collector(units, todo, out, cache, progress);
    try {
      spark.sc().runJob(rdd.rdd(), new UnitTask(study(ctx.config())), collector, STRING);
    } catch (RuntimeException e) {
      throw SparkErrors.unwrap(e);
    }
    ranOnSpark += todo.size();
    synchronized (out) {
      return List.of(out);
    }
  }

  /** @return units this executor ran on Spark so far */
  public long ranOnSpark() {
    return ranOnSpark;
  }

  /** @return units it took from the cache so far */
  public long fromCache() {
    return fromCache;
  }

  private static final ClassTag<String> STRING = ClassTag$.MODULE$.apply(String.class);

  /** The study as executors load it (data paths absolute), broadcast once per study. */
  private Broadcast<String> study(StudyConfig config) {
    if (sent == null || !config.equals(sentConfig)) {
      sent = spark.broadcast(StudyFile.write(DataPaths.forExecutors(config)));
      sentConfig = config;
    }
    return sent;
  }

  /** Receives each task's result on the driver as the task finishes (Spark calls it from its scheduler thread). */
  private final class Collector extends AbstractFunction2<Object, String, BoxedUnit> {
    private final List<WorkUnit<?>> units;
    private final List<Integer> todo;
    private final Object[] out;
    private final UnitCache cache;
    private final StudyProgress progress;

    Collector(List<WorkUnit<?>> units, List<Integer> todo, Object[] out, UnitCache cache, StudyProgress progress) {
      this.units = units;
      this.todo = todo;
      this.out = out;
      this.cache = cache;
      this.progress = progress;
    }

    @Override
    public BoxedUnit apply(Object partition, String encoded) {
      int i = todo.get((Integer) partition);
      put(units.get(i), TaskResult.decode(encoded), i);
      return BoxedUnit.UNIT;
    }

    private <R> void put(WorkUnit<R> unit, TaskResult r, int i) {
      if (!r.ok()) throw new BadInputException(r.payload());
      if (!r.kernels().equals(kernels))
        throw new BadInputException(r.executor() + " computed " + unit.label() + " with " + r.kernels() + ", the driver has " + kernels
            + ": the numbers would not be those of `distinct study` here; run executors on the same Java with --add-modules "
            + "jdk.incubator.vector (spark.executor.extraJavaOptions) on the driver's kind of processor, or the driver like them");
      R value = UnitJson.resultFromJson(unit, r.payload());
      cache.put(unit, value);
      synchronized (out) {
        out[i] = value;
      }
      progress.done(unit.label());
    }
  }
}
