package org.distinct.cli;

import java.io.PrintWriter;
import org.distinct.BadInputException;
import org.distinct.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code distinct} command: train small networks and prune them by distinctiveness.
 *
 * <p>Exit codes: 0 success, 1 internal error, 2 bad input (file, value or option), 130 interrupted.
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
      "  distinct <command> --help           help on one command"
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
    System.exit(execute(args));
  }

  /**
   * Runs the command line and returns the exit code (used by tests).
   *
   * @param args command-line arguments
   * @return the exit code
   */
  public static int execute(String... args) {
    return newCommandLine().execute(args);
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
          if (root instanceof java.io.IOException) {
            err.println("distinct: error: " + root.getMessage());
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
