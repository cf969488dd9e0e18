package org.distinct.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.distinct.BadInputException;
import org.distinct.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code distinct-spark} command (the main class of the module's jars; with spark-submit,
 * {@code --class org.distinct.spark.SparkMain}).
 *
 * <p>Exit codes as {@code distinct}: 0 success, 1 internal error (or numbers that differ on {@code --rerun}), 2 bad
 * input (a file, value or option; a master that cannot be reached; data an executor cannot read).
 */
@Command(
    name = "distinct-spark",
    mixinStandardHelpOptions = true,
    versionProvider = SparkMain.VersionProvider.class,
    description = "Run distinct's studies on Apache Spark, with the numbers of one machine.",
    subcommands = {SparkStudyCommand.class, CommandLine.HelpCommand.class})
public final class SparkMain implements Runnable {
  /** Log settings used unless the JVM was given others (spark-submit has its own): warnings only. */
  static final String LOG_CONFIG = "org/distinct/spark/log4j2.properties";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Entry point.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the command line and returns the exit code (used by tests).
   *
   * @param args command-line arguments
   * @return the exit code
   */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /**
   * Runs the command line with the given output and error writers and returns the exit code (used by tests).
   *
   * @param out standard output
   * @param err standard error
   * @param args command-line arguments
   * @return the exit code
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null)
      System.setProperty("log4j2.configurationFile", LOG_CONFIG); // before Spark first logs
    CommandLine cl = new CommandLine(new SparkMain());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpAutoWidth(true);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean verbose = parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
      PrintWriter errors = commandLine.getErr();
      Throwable root = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
      int code = root instanceof BadInputException || root instanceof IOException ? 2 : 1;
      errors.println(code == 2 ? "distinct-spark: error: " + root.getMessage()
          : "distinct-spark: internal error: " + ex + (verbose ? "" : " (run with --verbose for details)"));
      if (verbose) ex.printStackTrace(errors);
      errors.flush();
      return code;
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("distinct-spark: error: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
      c.getErr().flush();
      return 2;
    });
    return cl.execute(args);
  }

  /** Supplies the version shown by {@code --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties p = new Properties();
      try (InputStream in = SparkMain.class.getClassLoader().getResourceAsStream("spark-version-info.properties")) {
        if (in != null) p.load(in);
      } catch (IOException e) {
        // the version stays unknown
      }
      return new String[] {"distinct-spark " + Version.VERSION + " (Apache Spark " + p.getProperty("version", "not on the classpath") + ")"};
    }
  }
}
