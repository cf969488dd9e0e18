package org.distinct.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.distinct.BadInputException;
import org.distinct.study.StudyConfig;
import org.distinct.tensor.RnnKernelsProvider;

/**
 * The driver's Spark: configured for distinct (UI off; in local mode the driver bound to 127.0.0.1; executors started
 * with the Vector API module when the driver has it), checked before any report folder is made (the master answers,
 * an executor takes a task within the timeout, every input can be read there), and stopped when closed.
 */
public final class SparkRuntime implements AutoCloseable {
  private static final String EXECUTOR_OPTIONS = "spark.executor.extraJavaOptions";
  private final JavaSparkContext spark;
  private final String master;
  private final int timeoutSeconds;

  /**
   * How to start.
   *
   * @param master the master URL, or null for the one spark-submit set ({@code spark.master}), else {@code local[*]}
   * @param conf further Spark settings (they win over distinct's defaults)
   * @param timeoutSeconds how long to wait for the master to answer and for an executor to take the first task
   */
  public record Settings(String master, Map<String, String> conf, int timeoutSeconds) {
    /** Validates. */
    public Settings {
      conf = Map.copyOf(conf);
      if (timeoutSeconds < 1) throw new BadInputException("--connect-timeout must be at least 1 s, got " + timeoutSeconds);
    }
  }

  private SparkRuntime(JavaSparkContext spark, String master, int timeoutSeconds) {
    this.spark = spark;
    this.master = master;
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Starts Spark.
   *
   * @param s how
   * @return the running driver
   * @throws BadInputException naming the master when it cannot be reached or Spark does not start with it
   */
  public static SparkRuntime start(Settings s) {
    SparkConf conf = new SparkConf(); // with the spark.* system properties spark-submit sets
    String master = s.master() != null ? s.master() : conf.get("spark.master", "local[*]");
    MasterUrl.requireReachable(master, Math.min(s.timeoutSeconds(), 10) * 1000);
    conf.setMaster(master);
    conf.setIfMissing("spark.app.name", "distinct study");
    for (Map.Entry<String, String> e : s.conf().entrySet()) conf.set(e.getKey(), e.getValue());
    conf.setIfMissing("spark.ui.enabled", "false");
    if (MasterUrl.isLocal(master)) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    if (RnnKernelsProvider.vectorModulePresent() && !conf.get(EXECUTOR_OPTIONS, "").contains("jdk.incubator.vector"))
      conf.set(EXECUTOR_OPTIONS, (conf.get(EXECUTOR_OPTIONS, "") + " --add-modules=jdk.incubator.vector").strip());
    try {
      return new SparkRuntime(new JavaSparkContext(conf), master, s.timeoutSeconds());
    } catch (Exception e) {
      throw new BadInputException("--master " + master + ": Spark cannot start: " + SparkErrors.firstLine(e), e);
    }
  }

  /** @return the Spark context */
  public JavaSparkContext context() {
    return spark;
  }

  /** @return e.g. {@code Apache Spark 4.0.4, master local[2]} */
  public String describe() {
    return "Apache Spark " + spark.version() + ", master " + master;
  }

  /** @return the cores Spark schedules tasks on (its default parallelism) */
  public int cores() {
    return spark.defaultParallelism();
  }

  /**
   * Checks, before anything is written, that executors run tasks and can read every input of the study, then that the
   * driver can (it reads them too, for the splits and checksums).
   *
   * @param study the study
   * @throws BadInputException naming the first input that cannot be read and where, or the master when no executor
   *     took a task in time
   */
  public void requireInputs(StudyConfig study) {
    List<DataPaths.Input> inputs = DataPaths.inputs(study);
    int n = Math.max(1, spark.defaultParallelism());
    List<Integer> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) tasks.add(i);
    JavaFutureAction<List<String>> probe = spark.parallelize(tasks, n).map(new PathProbe(inputs)).collectAsync();
    List<String> answers;
    try {
      answers = probe.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      probe.cancel(true);
      throw new BadInputException("--master " + master + ": no executor ran a task within " + timeoutSeconds
          + " s (no worker with free cores and memory?); --connect-timeout sets the wait", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking the executors", e);
    } catch (ExecutionException e) {
      throw SparkErrors.unwrap(e.getCause());
    }
    for (String a : answers) if (!a.isEmpty()) throw new BadInputException(a);
    for (DataPaths.Input in : inputs) {
      String why = PathProbe.problem(Path.of(in.path()));
      if (why != null) throw new BadInputException(in.field() + " " + in.path() + ": the driver cannot read it (" + why + ")");
    }
  }

  @Override
  public void close() {
    spark.stop();
  }
}
