package org.distinct.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distinct.BadInputException;
import org.distinct.Version;
import org.distinct.family.Families;
import org.distinct.tensor.KernelWarmup;
import picocli.CommandLine.Command;
import picocli.CommandLine;

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
    description = {
      "Train small neural networks and prune them by distinctiveness (Gedeon & Harris, 1991).",
      "The kernels use the Java Vector API (jdk.incubator.vector, an incubator module in Java 17); the ./distinct "
          + "launcher hides the JVM's one-line notice about it. Without the module the plain-Java kernels give the same "
          + "results, more slowly."
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
  /**
   * The subcommands, in the order of the usage help. They are added in {@link #newCommandLine(String...)}, not in the
   * {@code @Command} annotation, so that a command line naming one of them needs only that one's model built.
   */
  private static final List<Class<?>> SUBCOMMANDS = List.of(StudyCommand.class, TrainCommand.class, EvaluateCommand.class,
      PruneCommand.class, AnglesCommand.class, ConvertCommand.class, InspectCommand.class, GenerateCommand.class,
      CommandLine.HelpCommand.class);

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
    LauncherStderr.install();
    startWarmups(args);
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
   * Starts, before the arguments are parsed, the kernel warm-ups ({@link KernelWarmup}) the command will need,
   * guessed from the arguments: {@code study} the MLP and RNN kernels, {@code train} those of {@code --model}
   * (MLP by default; of a short MLP training only the inference kernels its timing needs, none with
   * {@code --no-timing}), {@code evaluate} (unless {@code --no-timing}), {@code prune} and {@code angles} those of the
   * kind a JSON model file names (of an MLP only the inference kernels for {@code evaluate} and {@code angles}, which
   * do not train). A wrong or missing guess costs only time (the kernels start their warm-up themselves, at first use
   * or, the MLP's, after some work),
   * never a different result.
   *
   * @param args the command-line arguments (Not modified)
   */
  static void startWarmups(String[] args) {
    List<KernelWarmup.Kind> kinds = warmupsFor(args);
    if (!kinds.isEmpty()) KernelWarmup.start(kinds.toArray(KernelWarmup.Kind[]::new));
  }

  /**
   * @param args command-line arguments (Not modified)
   * @return the kernels the command will probably use, in order of use (empty for help, version and commands
   *     without kernels)
   */
  static List<KernelWarmup.Kind> warmupsFor(String[] args) {
    List<KernelWarmup.Kind> kinds = new ArrayList<>();
    if (args.length == 0) return kinds;
    for (String a : args) if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) return kinds;
    String model = optionValue(args, "--model");
    switch (args[0]) {
      case "study" -> kinds.addAll(List.of(KernelWarmup.Kind.DENSE, KernelWarmup.Kind.RNN));
      case "train" -> {
        String kind = model == null ? "mlp" : model;
        if (kind.equals("mlp") && shortTraining(args)) {
          if (!List.of(args).contains("--no-timing")) kinds.add(KernelWarmup.Kind.DENSE_INFERENCE); // the timing's
        } else addKind(kinds, kind);
      }
      case "evaluate", "prune", "angles" -> {
        boolean untimed = args[0].equals("evaluate") && List.of(args).contains("--no-timing");
        if (!untimed && model != null && model.endsWith(".json")) addKind(kinds, kindInFile(Path.of(model)));
        if (!args[0].equals("prune")) kinds.replaceAll(k -> k == KernelWarmup.Kind.DENSE ? KernelWarmup.Kind.DENSE_INFERENCE : k);
      }
      default -> { }
    }
    return kinds;
  }

  /**
   * Epochs (over all folds and the final model) up to which an MLP training is short: its training kernels are not
   * warmed up from the start (a warm-up costs more than it saves there; the kernels start it themselves if the data
   * make the work large, see {@code DenseKernelsProvider}).
   */
  static final int SHORT_TRAINING_EPOCHS = 64;

  /**
   * @param args a {@code train} command line
   * @return whether it names a number of epochs that, times the folds and the final model, is at most
   *     {@link #SHORT_TRAINING_EPOCHS} (the folds default to the MLP's)
   */
  private static boolean shortTraining(String[] args) {
    try {
      String epochs = optionValue(args, "--epochs");
      String folds = optionValue(args, "--folds");
      if (epochs == null) return false;
      long f = folds == null ? Families.get("mlp").protocol().folds() : Integer.parseInt(folds.trim());
      long e = Integer.parseInt(epochs.trim());
      return e >= 0 && f >= 0 && e * (f + 1) <= SHORT_TRAINING_EPOCHS;
    } catch (NumberFormatException ex) {
      return false; // the command reports the value
    }
  }

  private static void addKind(List<KernelWarmup.Kind> kinds, String kind) {
    switch (kind == null ? "" : kind) {
      case "mlp" -> kinds.add(KernelWarmup.Kind.DENSE);
      case "rnn" -> kinds.add(KernelWarmup.Kind.RNN);
      case "lstm", "gru" -> kinds.add(KernelWarmup.Kind.GATED);
      case "conv1d" -> kinds.add(KernelWarmup.Kind.CONV1D);
      default -> { }
    }
  }

  /** @return the value of option {@code name} ({@code --name V} or {@code --name=V}), or null */
  private static String optionValue(String[] args, String name) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(name) && i + 1 < args.length) return args[i + 1];
      if (args[i].startsWith(name + "=")) return args[i].substring(name.length() + 1);
    }
    return null;
  }

  private static final Pattern KIND = Pattern.compile("\"kind\"\\s*:\\s*\"(\\w+)\"");

  /** @return the {@code "kind"} in the first 4 KB of a model file, or null (unreadable, not found) */
  private static String kindInFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Matcher m = KIND.matcher(new String(in.readNBytes(4096), StandardCharsets.UTF_8));
      return m.find() ? m.group(1) : null;
    } catch (IOException | RuntimeException e) {
      return null; // the command itself reports the file
    }
  }

  /**
   * Runs the command line and returns the exit code (used by tests).
   *
   * @param args command-line arguments
   * @return the exit code
   */
  public static int execute(String... args) {
    CommandLine cl = newCommandLine(args);
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      cl.getErr().println("distinct: error: " + outOfMemory());
      cl.getErr().flush();
      return EXIT_BAD_INPUT;
    }
  }

  /** @return the configured picocli command line with every subcommand and distinct's error handling */
  public static CommandLine newCommandLine() {
    return newCommandLine(new String[0]);
  }

  /**
   * The configured picocli command line for the given arguments: when the first argument names a subcommand, only that
   * one is built (reading the annotations of all of them costs a good part of a short command's time), and none for
   * {@code --version} alone (building all of them took 0.2 of its 0.5 s); otherwise all of them (for the usage help,
   * {@code help} and "did you mean" suggestions).
   *
   * @param args the arguments that will be parsed (Not modified)
   * @return the command line with distinct's error handling
   */
  public static CommandLine newCommandLine(String... args) {
    CommandLine cl = new CommandLine(new Main());
    String first = args.length == 0 ? "" : args[0];
    Class<?> only = null;
    for (Class<?> c : SUBCOMMANDS) if (c != CommandLine.HelpCommand.class && nameOf(c).equals(first)) only = c;
    boolean versionOnly = args.length == 1 && (first.equals("--version") || first.equals("-V"));
    List<Class<?>> built = versionOnly ? List.of() : only == null ? SUBCOMMANDS : List.of(only);
    for (Class<?> c : built) cl.addSubcommand(c);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpAutoWidth(true);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          boolean verbose = parseResult.hasMatchedOption("--verbose")
              || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
          PrintWriter err = commandLine.getErr();
          Throwable root = ex;
          if (root instanceof UncheckedIOException && root.getCause() != null) root = root.getCause();
          if (root instanceof BadInputException || root instanceof NoSuchFileException) {
            String msg = root instanceof BadInputException ? root.getMessage()
                : root.getMessage() + ": no such file";
            err.println("distinct: error: " + msg);
            if (verbose) ex.printStackTrace(err);
            err.flush();
            return EXIT_BAD_INPUT;
          }
          if (root instanceof IOException io) {
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
        (ex, arguments) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("distinct: error: " + ex.getMessage() + suggestion(ex) + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
          c.getErr().flush();
          return EXIT_BAD_INPUT;
        });
    return cl;
  }

  private static String nameOf(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  /**
   * @param ex a parse error
   * @return {@code "; did you mean 'train'?"} (picocli's closest match) for a mistyped command or option, else empty
   */
  static String suggestion(CommandLine.ParameterException ex) {
    if (!(ex instanceof CommandLine.UnmatchedArgumentException u)) return "";
    List<String> s = u.getSuggestions();
    return s.isEmpty() ? "" : "; did you mean '" + s.get(0) + "'?";
  }

  /** Supplies the version shown by {@code --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"distinct " + Version.VERSION + " (Java " + System.getProperty("java.version") + ")"};
    }
  }
}
