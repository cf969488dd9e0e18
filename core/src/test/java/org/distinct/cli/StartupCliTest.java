package org.distinct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distinct.model.ElmanRnn;
import org.distinct.model.Mlp;
import org.distinct.tensor.KernelWarmup.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Start-up behaviour of the command line: "did you mean" in the one error line, one subcommand built, warm-up guesses. */
class StartupCliTest {

  /** Runs through {@link Main#newCommandLine(String...)} with the arguments, as {@code main} does. */
  private static Cli.Result run(String... args) {
    CommandLine cl = Main.newCommandLine(args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Cli.Result(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void aMistypedCommandGetsOneErrorLineWithTheClosestCommand() {
    Cli.Result r = run("trian");
    assertThat(r.code()).as(r.toString()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(r.errLines()).singleElement().asString().startsWith("distinct: error: ").contains("did you mean 'train'?");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aMistypedOptionGetsOneErrorLineWithTheClosestOption() {
    Cli.Result r = run("train", "--epoch", "5");
    assertThat(r.code()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(r.errLines()).singleElement().asString().contains("'--epoch'").contains("did you mean '--epochs'?")
        .contains("see 'distinct train --help'");
  }

  @Test
  void nothingCloseMeansNoSuggestion() {
    Cli.Result r = run("xqzwvk");
    assertThat(r.code()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(r.errLines()).singleElement().asString().doesNotContain("did you mean");
  }

  @Test
  void aNamedCommandIsBuiltAloneOtherwiseAllOfThem() {
    assertThat(Main.newCommandLine("train", "--epochs", "1").getSubcommands().keySet()).containsExactly("train");
    assertThat(Main.newCommandLine("evaluate").getSubcommands().keySet()).containsExactly("evaluate");
    assertThat(Main.newCommandLine().getSubcommands().keySet())
        .containsExactly("study", "train", "evaluate", "prune", "angles", "convert", "inspect", "generate", "help");
    assertThat(Main.newCommandLine("trian").getSubcommands()).hasSize(9); // for the suggestion
    assertThat(Main.newCommandLine("help", "train").getSubcommands()).hasSize(9);
    assertThat(Main.newCommandLine("--version").getSubcommands()).isEmpty();
    assertThat(Main.newCommandLine("-V").getSubcommands()).isEmpty();
    assertThat(Main.newCommandLine("--version", "train").getSubcommands()).hasSize(9);
  }

  @Test
  void theVersionAloneNeedsNoSubcommand() {
    Cli.Result r = run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("distinct ").contains("(Java ");
    assertThat(run("-V").out()).isEqualTo(r.out());
  }

  @Test
  void rootHelpExplainsTheVectorApiOnce() {
    Cli.Result r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("jdk.incubator.vector");
    assertThat(r.out().split("incubator module", -1)).hasSize(2);
  }

  @Test
  void warmUpGuessesFollowTheCommandLine(@TempDir Path dir) throws IOException {
    assertThat(Main.warmupsFor(new String[] {"study"})).containsExactly(Kind.DENSE, Kind.RNN);
    assertThat(Main.warmupsFor(new String[] {"train"})).containsExactly(Kind.DENSE); // 1500 epochs
    assertThat(Main.warmupsFor(new String[] {"train", "--epochs", "300", "--folds", "10"})).containsExactly(Kind.DENSE);
    // a short MLP training: only the inference kernels its timing measures (none without the timing); the folds
    // default to the MLP's 10, so 5 epochs are 55 in all, 6 are 66, over the limit of 64
    assertThat(Main.warmupsFor(new String[] {"train", "--epochs", "1"})).containsExactly(Kind.DENSE_INFERENCE);
    assertThat(Main.warmupsFor(new String[] {"train", "--epochs", "5"})).containsExactly(Kind.DENSE_INFERENCE);
    assertThat(Main.warmupsFor(new String[] {"train", "--epochs", "6"})).containsExactly(Kind.DENSE);
    assertThat(Main.warmupsFor(new String[] {"train", "--epochs=32", "--folds=1"})).containsExactly(Kind.DENSE_INFERENCE);
    assertThat(Main.warmupsFor(new String[] {"train", "--epochs", "33", "--folds", "1"})).containsExactly(Kind.DENSE);
    assertThat(Main.warmupsFor(new String[] {"train", "--model", "mlp", "--epochs", "1", "--no-timing"})).isEmpty();
    assertThat(Main.warmupsFor(new String[] {"train", "--epochs", "many"})).containsExactly(Kind.DENSE);
    assertThat(Main.warmupsFor(new String[] {"train", "--model", "rnn", "--epochs", "1"})).containsExactly(Kind.RNN);
    assertThat(Main.warmupsFor(new String[] {"train", "--model", "rnn"})).containsExactly(Kind.RNN);
    assertThat(Main.warmupsFor(new String[] {"train", "--model=gru"})).containsExactly(Kind.GATED);
    assertThat(Main.warmupsFor(new String[] {"train", "--model", "conv1d"})).containsExactly(Kind.CONV1D);
    assertThat(Main.warmupsFor(new String[] {"train", "--help"})).isEmpty();
    assertThat(Main.warmupsFor(new String[] {"generate", "-o", "x"})).isEmpty();
    assertThat(Main.warmupsFor(new String[0])).isEmpty();
    Path mlp = dir.resolve("mlp.json");
    Cli.Result saved = Cli.run("train", "--epochs", "1", "--folds", "0", "--save", mlp.toString());
    assertThat(saved.code()).as(saved.toString()).isZero();
    assertThat(Main.warmupsFor(new String[] {"evaluate", "--model", mlp.toString()})).containsExactly(Kind.DENSE_INFERENCE);
    assertThat(Main.warmupsFor(new String[] {"angles", "--model", mlp.toString()})).containsExactly(Kind.DENSE_INFERENCE);
    assertThat(Main.warmupsFor(new String[] {"evaluate", "--model", mlp.toString(), "--no-timing"})).isEmpty();
    assertThat(Main.warmupsFor(new String[] {"prune", "--model", mlp.toString(), "--no-timing"})).containsExactly(Kind.DENSE);
    Path rnn = dir.resolve("rnn.json");
    Files.writeString(rnn, Files.readString(mlp).replaceFirst("\"kind\"\\s*:\\s*\"" + Mlp.KIND + "\"", "\"kind\" : \"" + ElmanRnn.KIND + "\""));
    assertThat(Main.warmupsFor(new String[] {"evaluate", "--model", rnn.toString()})).containsExactly(Kind.RNN);
    assertThat(Main.warmupsFor(new String[] {"evaluate", "--model", dir.resolve("missing.json").toString()})).isEmpty();
  }
}
