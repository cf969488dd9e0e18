package org.distinct.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.distinct.BadInputException;
import org.distinct.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code distinct} command: train small networks and prune them by distinctiveness.
 *
 * <p>Exit codes: 0 success, 1 internal error, 2 bad input (file, value or option), an output folder in use, a full
 * disk or another I/O error, or not enough memory; 130 interrupted. Every error is one line on standard error
 * ({@code --verbose} adds the stack trace); running out of memory too ({@link #outOfMemory()}), as a last resort
 * behind the estimates that refuse too large an input before reading it.
 */
@Command(
    name = "distinct",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Train small neural networks and prune them by distinctiveness (Gedeon & Harris, 1991).",
    subcommands = {
      StudyCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      PruneCommand.class,
      AnglesCommand.class,
      ConvertCommand.class,
      InspectCommand.class,
      GenerateCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  distinct study                      the paper's study on the built-in demo",
      "  distinct generate --out demo        write the demo data files",
      "  distinct inspect music-eeg-features.xlsx",
      "  distinct train --data music-eeg-features.xlsx --save mlp.json",
      "  distinct evaluate --model mlp.json --data music-eeg-features.xlsx",
      "  distinct prune --model mlp.json --data music-eeg-features.xlsx",
      "  distinct angles --activations hidden.csv",
      "  distinct convert mlp.json mlp.onnx      (and back: ONNX from PyTorch to a model file)",
      "  distinct <command> --help           help on one command",
      "",
      "Memory: about 40 bytes per table cell and 32 per series value, plus a recurrent model's training buffers (README,",
      "'Memory'); an input too large for the Java heap is refused before it is read. More heap: DISTINCT_JAVA_OPTS=-Xmx8g ./distinct ..."
    })
public final class Main implements Runnable {
  /** Exit code for bad input. */
  public static final int EXIT_BAD_INPUT = 2;

  /** Exit code for an internal error. */
  public static final int EXIT_INTERNAL = 1;

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
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      // a worker thread outside the executors (they hand their errors to the command): one line, not a stack trace
      System.err.println(e instanceof OutOfMemoryError ? "distinct: error: " + outOfMemory()
          : "distinct: internal error in thread " + t.getName() + ": " + e);
      System.err.flush();
    });
    System.exit(execute(args));
  }

  /**
   * @return the one-line message for running out of memory: the heap's size and how to raise it
   */
  static String outOfMemory() {
    long mb = Runtime.getRuntime().maxMemory() >> 20;
    return "out of memory: the Java heap (" + String.format(Locale.ROOT, "%,d", mb) + " MB) is too small for this input; "
        + "give Java more (e.g. DISTINCT_JAVA_OPTS=-Xmx" + Math.max(2, 2 * ((mb + 1023) >> 10)) + "g ./distinct ..., or java -Xmx"
        + Math.max(2, 2 * ((mb + 1023) >> 10)) + "g -jar distinct.jar ...) or use less data (see the README, 'Memory')";
  }

  /**
   * Runs the command line and returns the exit code (used by tests).
   *
   * @param args command-line arguments
   * @return the exit code
   */
  public static int execute(String... args) {
    CommandLine cl = newCommandLine();
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      cl.getErr().println("distinct: error: " + outOfMemory());
      cl.getErr().flush();
      return EXIT_BAD_INPUT;
    }
  }

  /** @return the configured picocli command line with distinct's error handling */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpAutoWidth(true);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          boolean verbose = parseResult.hasMatchedOption("--verbose")
              || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
          PrintWriter err = commandLine.getErr();
          Throwable root = ex;
          if (root instanceof java.io.UncheckedIOException && root.getCause() != null) root = root.getCause();
          if (root instanceof BadInputException || root instanceof java.nio.file.NoSuchFileException) {
            String msg = root instanceof BadInputException ? root.getMessage()
                : root.getMessage() + ": no such file";
            err.println("distinct: error: " + msg);
            if (verbose) ex.printStackTrace(err);
            err.flush();
            return EXIT_BAD_INPUT;
          }
          if (root instanceof java.io.IOException io) {
            err.println("distinct: error: " + IoErrors.describe(io));
            if (verbose) ex.printStackTrace(err);
            err.flush();
            return EXIT_BAD_INPUT;
          }
          err.println("distinct: internal error: " + ex + (verbose ? "" : " (run with --verbose for details)"));
          if (verbose) ex.printStackTrace(err);
          err.flush();
          return EXIT_INTERNAL;
        });
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("distinct: error: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
          c.getErr().flush();
          return EXIT_BAD_INPUT;
        });
    return cl;
  }

  /** Supplies the version shown by {@code --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"distinct " + Version.VERSION + " (Java " + System.getProperty("java.version") + ")"};
    }
  }
}
