package org.distinct.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.distinct.BadInputException;
import org.distinct.data.LabelledData;
import org.distinct.data.split.Fold;
import org.distinct.data.split.GroupHoldout;
import org.distinct.eval.ExecutionTimer;
import org.distinct.family.DataKind;
import org.distinct.family.Families;
import org.distinct.family.ModelFamily;
import org.distinct.family.TargetSpec;
import org.distinct.family.TrainSettings;
import org.distinct.model.ModelFile;
import org.distinct.model.Network;
import org.distinct.model.SavedModel;
import org.distinct.onnx.Models;
import org.distinct.onnx.OnnxExporter;
import org.distinct.prune.Centring;
import org.distinct.prune.Criteria;
import org.distinct.prune.Finetuner;
import org.distinct.prune.MergeRule;
import org.distinct.prune.PairOrder;
import org.distinct.prune.PatternSet;
import org.distinct.prune.PrunerConfig;
import org.distinct.prune.PruningMethod;
import org.distinct.prune.PruningSchedule;
import org.distinct.prune.PruningTarget;
import org.distinct.prune.RnnTarget;
import org.distinct.prune.ScheduleConfig;
import org.distinct.prune.ScheduleResult;
import org.distinct.prune.ScheduleStep;
import org.distinct.util.AtomicFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distinct prune --model M --data D}: progressive pruning of one hidden layer of a saved MLP by
 * distinctiveness (or a baseline criterion) with {@link PruningSchedule}, printed in the layout of the paper's
 * Table 2 and written to an output folder as CSV and JSON together with the pruned model(s).
 *
 * <p>Data: the evaluation rows are the rows of {@code --data} (matched by name, scaled with the model's saved
 * scaler, see {@link ModelData}); with {@code --validation-fraction F} whole participants holding about F of
 * them are set aside as validation rows for {@code --max-loss-increase} and the rest are evaluated. The
 * pattern set (activation vectors, statistics, fine-tuning rows) is chosen by {@code --patterns}; a model file
 * does not record its training rows, so {@code train} means {@code --train-data} when given and otherwise the
 * evaluation rows.
 *
 * <p>Output folder (default {@code distinct-prune}): refused if it exists, is not empty and is not a previous
 * prune output (marker file {@value #MARKER}) unless {@code --overwrite}. Everything is validated and computed
 * before anything is written; a new folder is written as a hidden temporary folder and renamed into place,
 * and every file is written atomically. The folder is locked from the start ({@link OutputLock}): a second prune into
 * it is refused at once.
 */
@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    description = {
      "Prune a hidden layer of a saved model step by step: an MLP (the paper's Table 2) or a recurrent network (Table 3).",
      "Units are removed by distinctiveness (Gedeon & Harris 1991) or a baseline criterion. After every step the smaller model is evaluated: the paper's Table 2 (pruned units, pairs (kept->removed), loss, accuracy, precision, recall, F1, specificity, execution time, minimum angle, parameters). Writes table2.csv, table2.json and the pruned model(s) to the output folder."
    },
    footer = {
      "",
      "Rows marked * were forced beyond the thresholds (--force).",
      "",
      "Examples:",
      "  distinct train --save mlp.json && distinct prune --model mlp.json",
      "  distinct prune --model mlp.json --data music-eeg-features.xlsx --out p/",
      "  distinct prune -m mlp.json -d test.csv --train-data train.csv",
      "  distinct prune -m mlp.json --merge regress --order smallest-angle",
      "  distinct prune -m mlp.json --step 1 --until-units 10 --save-every-step",
      "  distinct prune -m mlp.json --criterion magnitude-out --remove 20",
      "  distinct prune -m mlp.json --validation-fraction 0.25 --max-loss-increase 0.05",
      "  distinct prune -m mlp.json --force --until-units 5   pairs past the thresholds",
      "  distinct train --model rnn --save rnn.json && distinct prune -m rnn.json --mode mask --order fewest-partners",
      "  distinct prune -m model.onnx -d table.csv --fit-scaler train   writes pruned.onnx too",
      "  distinct prune -m rnn.json --no-timing     the same pruning without the per-step execution times"
    })
public final class PruneCommand implements Callable<Integer> {
  /** Marker file that identifies a prune output folder. */
  public static final String MARKER = ".distinct-prune";

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin ModelInput input;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "Saved model: a model file (JSON, from 'distinct train --save') or an ONNX file (.onnx; then the pruned models are also written as .onnx).")
  Path model;

  @Option(names = "--mode", defaultValue = "structural", converter = Words.ModeConverter.class, completionCandidates = Words.ModeWords.class,
      description = "Recurrent models: structural (units deleted, a smaller network) or mask (the paper's variant: incoming weights zeroed, "
          + "dimensions unchanged) (default: ${DEFAULT-VALUE}).")
  RnnTarget.Mode mode;

  @Option(names = "--last-step", description = "Sequence models: activation vectors from the last time step only (default: every step).")
  boolean lastStep;

  @Option(names = "--criterion", defaultValue = "distinctiveness", completionCandidates = CriterionWords.class,
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  String criterion;

  @Option(names = "--merge", defaultValue = "add", converter = Words.MergeConverter.class, completionCandidates = Words.MergeWords.class,
      description = "Similar pairs: add (the paper's rule) or regress (default: ${DEFAULT-VALUE}).")
  MergeRule merge;

  @Option(names = "--no-mean-correction",
      description = "With --merge add, do not fold W_out[:,r]*(mean(a_r)-mean(a_k)) into the bias (the paper's exact rule).")
  boolean noMeanCorrection;

  @Option(names = "--order", defaultValue = "paper", converter = Words.OrderConverter.class, completionCandidates = Words.OrderWords.class,
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  PairOrder order;

  @Option(names = "--step", defaultValue = "2", paramLabel = "N", description = "Units removed per step (default: ${DEFAULT-VALUE}).")
  int step;

  @Option(names = "--timing", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Time the classification of the evaluation data at every step in the steady state (default; the table's "
          + "execution-time column). --no-timing skips it (the column then says n/a): for a recurrent model each timing takes "
          + "a good part of a step. The pruning, the models and the metrics are the same either way.")
  boolean timing;

  /** How far to prune: a size to reach or a number of units to remove (at most one). */
  static final class Extent {
    @Option(names = "--until-units", paramLabel = "N", description = "Stop when the layer has N units left (default: 1).")
    Integer untilUnits;

    @Option(names = "--remove", paramLabel = "N", description = "Remove at most N units in all (instead of --until-units).")
    Integer remove;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Extent extent = new Extent();

  /** Validation patterns set aside for the loss limit. */
  static final class Validation {
    @Option(names = "--validation-fraction", required = true, paramLabel = "F",
        description = "Set aside whole participants holding about F of the patterns as validation patterns.")
    double fraction;

    @Option(names = "--max-loss-increase", paramLabel = "X",
        description = "Stop before a step raises the validation loss by more than X (needs --validation-fraction).")
    Double maxLossIncrease;
  }

  @ArgGroup(exclusive = false, multiplicity = "0..1")
  Validation validation;

  @Option(names = "--force", description = "When no pair passes the thresholds, take the closest pair anyway (row marked *).")
  boolean force;

  @Mixin ThresholdOptions thresholds;

  @Option(names = "--center", defaultValue = "natural", paramLabel = "C", converter = CentringOption.class,
      description = "Centring: natural (0.5 sigmoid, 0 tanh, range midpoint ReLU), a number, none or midrange (default: ${DEFAULT-VALUE}).")
  Centring center;

  @Option(names = "--patterns", defaultValue = "train", paramLabel = "SET", converter = Words.PatternsConverter.class,
      completionCandidates = Words.PatternsWords.class,
      description = "Activation vectors over ${COMPLETION-CANDIDATES} patterns (default: ${DEFAULT-VALUE}; see --train-data).")
  PatternSet patterns;

  @Option(names = "--layer", defaultValue = "0", paramLabel = "L", description = "Hidden layer to prune, from 0 (default: ${DEFAULT-VALUE}).")
  int layer;

  @Option(names = "--finetune-epochs", defaultValue = "0", paramLabel = "N",
      description = "Fine-tune on the pattern set for N epochs after every step, 0 = off as in the paper (default: ${DEFAULT-VALUE}).")
  int finetuneEpochs;

  @Option(names = "--finetune-lr", defaultValue = "0.001", paramLabel = "LR", description = "Adam learning rate of fine-tuning (default: ${DEFAULT-VALUE}).")
  double finetuneLr;

  @Option(names = {"-o", "--out"}, defaultValue = "distinct-prune", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--overwrite", description = "Write into a non-empty folder that is not a previous prune output.")
  boolean overwrite;

  @Option(names = "--save-every-step",
      description = "Save the model of every step (pruned-step-N.json, and .onnx for an ONNX model), not only the last (pruned.json).")
  boolean saveEveryStep;

  /** The criteria {@code --criterion} accepts. */
  static final class CriterionWords implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> w = new ArrayList<>();
      w.add("distinctiveness");
      w.addAll(Criteria.NAMES);
      return w.iterator();
    }
  }

  @Override
  public Integer call() throws IOException {
    // 1. options (no file is read or written before they are valid)
    PrunerConfig pc = prunerConfig();
    PruningMethod method = parse("--criterion", () -> Criteria.method(criterion, pc));
    if (extent.remove != null && extent.remove < 1) throw new BadInputException("--remove " + extent.remove + ": must be at least 1 unit");
    if (validation != null && !(validation.fraction > 0 && validation.fraction < 1))
      throw new BadInputException("--validation-fraction " + validation.fraction + ": must lie strictly between 0 and 1");
    if (finetuneLr <= 0 || !Double.isFinite(finetuneLr)) throw new BadInputException("--finetune-lr " + finetuneLr + ": must be > 0");
    if (finetuneEpochs > 0 && mode == RnnTarget.Mode.MASK)
      throw new BadInputException("--finetune-epochs with --mode mask: fine-tuning would revive the masked units (use structural mode to fine-tune)");
    Double maxLoss = validation == null ? null : validation.maxLossIncrease;
    ScheduleConfig sc0 = new ScheduleConfig(step, extent.untilUnits == null ? 1 : extent.untilUnits,
        maxLoss == null ? Double.POSITIVE_INFINITY : maxLoss, force, finetuneEpochs, ExecutionTimer.Config.steady());
    checkOutFolder();
    try (OutputLock lock = lockOut()) {
      // 2. model and data, then run
      SavedModel saved = Models.load(model);
      return run(Families.of(saved), saved, pc, method, sc0);
    }
  }

  /** Locks the output folder for the whole run (a second prune into it is refused at once). */
  private OutputLock lockOut() throws IOException {
    try {
      return OutputLock.hold(out, "distinct prune", spec.commandLine().getErr());
    } catch (BadInputException e) {
      throw e;
    } catch (IOException e) {
      throw BadInputException.at(out.toString(), 0, null, "cannot write to the output folder (" + IoErrors.describe(e) + ")");
    }
  }

  private <M extends Network<D>, R extends LabelledData<R>, D extends LabelledData<D>, C> Integer run(ModelFamily<M, R, D, C> f,
      SavedModel loaded, PrunerConfig pc,
      PruningMethod method, ScheduleConfig sc0) throws IOException {
    SavedModel saved = input.bind(f, loaded);
    M net = f.network(saved);
    PruningTarget<M, D> target = ModelTargets.of(f, net, new TargetSpec(layer, mode, lastStep), model);
    ScheduleConfig sc = unitLimits(sc0.withTiming(timing ? f.timing() : null), target.units(net), model.toString(), layerName(f, target, net));
    D all = input.evaluation(f, saved);
    D evaluation = all;
    D valid = null;
    if (validation != null) {
      Fold fold;
      try {
        fold = new GroupHoldout(validation.fraction).split(all.size(), all.labels(), all.groups(), common.seed).get(0);
      } catch (IllegalArgumentException e) {
        throw BadInputException.at(all.source(), 0, null, "cannot set aside validation patterns: " + e.getMessage());
      }
      valid = all.subset(fold.test());
      evaluation = all.subset(fold.train());
    }
    D pat = input.patterns(f, saved, pc.patterns(), evaluation);
    if (pat.size() < 2)
      throw BadInputException.at(pat.source(), 0, null, "the pattern set has " + pat.size() + " pattern(s); angles need at least 2 patterns");
    Finetuner<M> finetuner = null;
    if (finetuneEpochs > 0) {
      C cfg = f.configure(new TrainSettings(null, null, "adam", finetuneLr, null, null, null, null, null, null, common.threadCount()));
      finetuner = Finetuner.of(f.trainer(cfg), pat, null);
    }
    // 3. run; one untimed round of the timer first, so that step 0 is not timed while the JIT is still compiling
    D timed = evaluation;
    if (sc.timing() != null) new ExecutionTimer(sc.timing()).time(() -> net.predict(timed));
    ScheduleResult<M> result = new PruningSchedule(sc).run(target, method, net, pat, evaluation, valid, finetuner, common.seed);
    String what = f.describe(net) + ", " + net.parameterCount() + " parameters" + (f.modes().size() > 1 ? "; mode " + mode.label() : "");
    String prep = f.describePreparation(saved);
    String source = input.describeData(f) + (prep.isEmpty() ? "" : " (" + prep + ")");
    String evaluated = source + ", " + evaluation.size() + (f.dataKind() == DataKind.TABLE ? " rows" : " sequences")
        + (valid == null ? "" : " (" + valid.size() + " patterns of whole participants set aside for validation)");
    String table = f.dataKind() == DataKind.TABLE ? "Table 2" : "Table 3";
    return finish(saved, result, pc, sc, input.describePatterns(f, pc.patterns()), what, evaluated, evaluation.size(),
        valid == null ? 0 : valid.size(), table);
  }

  private static <M> String layerName(ModelFamily<?, ?, ?, ?> f, PruningTarget<M, ?> target, M net) {
    return f.dataKind() == DataKind.TABLE ? "hidden layer " + target.layerIndex() : "the hidden layer";
  }

  /** Checks --remove / --until-units against the layer size and returns the schedule with the unit limit. */
  private ScheduleConfig unitLimits(ScheduleConfig sc0, int units, String modelName, String layerName) {
    if (extent.remove != null && extent.remove >= units)
      throw BadInputException.at(modelName, 0, null,
          "cannot remove " + extent.remove + " units: " + layerName + " has only " + units + " (a layer keeps at least one)");
    if (extent.untilUnits != null && extent.untilUnits >= units)
      throw BadInputException.at(modelName, 0, null,
          "--until-units " + extent.untilUnits + ": " + layerName + " has only " + units + " units, nothing to remove");
    return extent.remove != null ? sc0.withUntilUnits(units - extent.remove) : sc0;
  }

  private <M extends Network<?>> Integer finish(SavedModel saved, ScheduleResult<M> result, PrunerConfig pc, ScheduleConfig sc,
      String patternText, String what, String evaluated, int evaluationRows, int validationRows, String table) throws IOException {
    // 4. write
    List<String> files = write(saved, result, pc, sc, patternText, what, evaluationRows, validationRows,
        table.replace(" ", "").toLowerCase(Locale.ROOT));

    // 5. print
    PrintWriter pw = spec.commandLine().getOut();
    if (common.json) pw.println(Json.write(toJson(saved, result, pc, sc, patternText, what, evaluationRows, validationRows, files)));
    else print(pw, result, patternText, what, evaluated, files, table);
    pw.flush();
    return 0;
  }

  private PrunerConfig prunerConfig() {
    if (layer < 0) throw new BadInputException("--layer " + layer + ": must be >= 0");
    return new PrunerConfig(thresholds.similar, thresholds.complementary, thresholds.epsilon, center, merge, !noMeanCorrection, order, true,
        patterns, layer);
  }

  private static <T> T parse(String option, Supplier<T> s) {
    try {
      return s.get();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(option + ": " + e.getMessage());
    }
  }

  // ------------------------------------------------------------------ output folder

  private void checkOutFolder() throws IOException {
    if (Files.exists(out) && !Files.isDirectory(out)) throw BadInputException.at(out.toString(), 0, null, "exists and is not a folder (--out)");
    if (Files.isDirectory(out) && !OutputFolder.isEmpty(out) && !Files.exists(out.resolve(MARKER)) && !overwrite)
      throw BadInputException.at(out.toString(), 0, null,
          "the folder is not empty and is not a prune output; choose another --out or add --overwrite");
  }

  private <M extends Network<?>> List<String> write(SavedModel saved, ScheduleResult<M> r, PrunerConfig pc,
      ScheduleConfig sc, String patternText, String what, int evaluationRows, int validationRows, String tableFile) throws IOException {
    Map<String, byte[]> content = new LinkedHashMap<>();
    List<ScheduleStep<M>> steps = r.steps();
    List<String> modelFiles = new ArrayList<>();
    Map<String, SavedModel> models = new LinkedHashMap<>();
    if (saveEveryStep) {
      for (ScheduleStep<M> s : steps)
        if (s.step() > 0) {
          String name = "pruned-step-" + s.step() + ".json";
          models.put(name, prunedModel(saved, s, r, pc));
          modelFiles.add(name);
        }
    }
    if (!saveEveryStep || steps.size() == 1) {
      models.put("pruned.json", prunedModel(saved, r.last(), r, pc));
      modelFiles.add("pruned.json");
    }
    content.put(tableFile + ".csv", csv(r).getBytes(StandardCharsets.UTF_8));
    content.put(tableFile + ".json", (Json.write(toJson(saved, r, pc, sc, patternText, what, evaluationRows, validationRows, modelFiles)) + "\n")
        .getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, SavedModel> e : models.entrySet())
      content.put(e.getKey(), ModelFile.toJson(e.getValue()).getBytes(StandardCharsets.UTF_8));
    if (Models.isOnnx(model)) // an ONNX model in, ONNX models out (besides the model files)
      for (Map.Entry<String, SavedModel> e : models.entrySet())
        content.put(e.getKey().replace(".json", ".onnx"), OnnxExporter.toBytes(e.getValue()));
    content.put(MARKER, "distinct prune output folder\n".getBytes(StandardCharsets.UTF_8));

    boolean fresh = !Files.exists(out) || OutputFolder.isEmpty(out);
    Path abs = out.toAbsolutePath().normalize();
    if (fresh) {
      OutputFolder.create(out, tmp -> {
        for (Map.Entry<String, byte[]> e : content.entrySet()) Files.write(tmp.resolve(e.getKey()), e.getValue());
      });
    } else {
      for (Map.Entry<String, byte[]> e : content.entrySet()) AtomicFiles.writeBytes(abs.resolve(e.getKey()), e.getValue());
    }
    List<String> written = new ArrayList<>();
    for (String k : content.keySet()) if (!k.equals(MARKER)) written.add(out.resolve(k).toString());
    return written;
  }

  private <M extends Network<?>> SavedModel prunedModel(SavedModel saved, ScheduleStep<M> s, ScheduleResult<M> r,
      PrunerConfig pc) {
    Map<String, Object> cfg = new LinkedHashMap<>(saved.trainingConfig());
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("from", model.toString());
    p.put("method", r.method());
    p.put("layer", layer);
    p.put("step", s.step());
    p.put("unitsRemoved", s.unitsRemoved());
    p.put("survivors", Arrays.stream(s.survivors()).boxed().toList());
    p.put("similarDeg", pc.similarDeg());
    p.put("complementaryDeg", pc.complementaryDeg());
    p.put("merge", pc.merge().name().toLowerCase(Locale.ROOT));
    p.put("meanCorrection", pc.meanCorrection());
    p.put("order", pc.order().name().toLowerCase(Locale.ROOT));
    p.put("seed", common.seed);
    cfg.put("pruning", p);
    return SavedModel.of(s.model(), saved.featureNames(), saved.classNames(), saved.scaler(), cfg, saved.seed());
  }

  // ------------------------------------------------------------------ Table 2

  static final List<String> HEADER = List.of("pruned units", "pairs", "hidden", "loss", "accuracy", "precision", "recall", "F1",
      "specificity", "time (median ms)", "min angle", "parameters", "beyond threshold");

  private static String hidden(int[] h) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < h.length; i++) s.append(i == 0 ? "" : "-").append(h[i]);
    return s.toString();
  }

  private static String ms(ScheduleStep<?> s) {
    return s.timing() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", s.timing().medianMillis());
  }

  private static String angle(double a) {
    return Double.isNaN(a) ? "n/a" : String.format(Locale.ROOT, "%.2f", a);
  }

  private static String csv(ScheduleResult<?> r) throws IOException {
    StringWriter sw = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(sw, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
      List<String> h = new ArrayList<>(List.of("step", "pruned units", "pairs", "hidden", "loss", "accuracy", "precision", "recall",
          "F1", "specificity", "time median ms", "time min ms", "time max ms", "min angle", "parameters", "beyond threshold",
          "validation loss"));
      p.printRecord(h);
      for (ScheduleStep<?> s : r.steps()) {
        var m = s.metrics();
        p.printRecord(s.step(), s.unitsRemoved(), s.pairsText(), hidden(s.hiddenSizes()), m.loss(), m.accuracy(), m.macroPrecision(),
            m.macroRecall(), m.macroF1(), m.macroSpecificity(),
            s.timing() == null ? "" : s.timing().medianMillis(), s.timing() == null ? "" : s.timing().minMillis(),
            s.timing() == null ? "" : s.timing().maxMillis(), Double.isNaN(s.minAngleDeg()) ? "" : s.minAngleDeg(),
            s.parameterCount(), s.beyondThreshold(), Double.isNaN(s.validationLoss()) ? "" : s.validationLoss());
      }
    }
    return sw.toString();
  }

  private void print(PrintWriter pw, ScheduleResult<?> r, String patternText, String what, String evaluated, List<String> files,
      String table) {
    pw.println("model: " + model + " (" + what + ")");
    if (input.describeSetup() != null) pw.println(input.describeSetup());
    pw.println("method: " + r.method() + " on " + r.target() + "; patterns " + patternText);
    pw.println("evaluated on: " + evaluated);
    pw.println("initial angles: " + r.initialAngles().centringNote());
    pw.println();
    pw.println(table + " (" + r.method() + ")");
    List<List<String>> rows = new ArrayList<>();
    for (ScheduleStep<?> s : r.steps()) {
      var m = s.metrics();
      rows.add(List.of(String.valueOf(s.unitsRemoved()), s.step() == 0 ? "unpruned" : s.pairsText(), hidden(s.hiddenSizes()),
          Fmt.num(m.loss(), 4), Fmt.pct(m.accuracy()), Fmt.num(m.macroPrecision(), 3), Fmt.num(m.macroRecall(), 3),
          Fmt.num(m.macroF1(), 3), Fmt.num(m.macroSpecificity(), 3), ms(s), angle(s.minAngleDeg()), String.valueOf(s.parameterCount()),
          s.beyondThreshold() ? "*" : ""));
    }
    List<String> header = new ArrayList<>(HEADER);
    header.set(header.size() - 1, "");
    pw.print(Fmt.table(header, rows));
    pw.println();
    pw.println("stopped: " + r.stopMessage());
    pw.println("wrote: " + String.join(", ", files));
  }

  private Map<String, Object> toJson(SavedModel saved, ScheduleResult<?> r, PrunerConfig pc, ScheduleConfig sc, String patternText,
      String what, int evaluationRows, int validationRows, List<String> files) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("model", model.toString());
    j.put("architecture", what);
    if (input.describeSetup() != null) j.put("setup", input.imported.parts());
    j.put("data", input.describeData(Families.of(saved)));
    j.put("evaluationRows", evaluationRows);
    j.put("validationRows", validationRows);
    j.put("patterns", patternText);
    j.put("method", r.method());
    j.put("target", r.target());
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("similarDeg", pc.similarDeg());
    c.put("complementaryDeg", pc.complementaryDeg());
    c.put("epsilon", pc.epsilon());
    c.put("centring", r.initialAngles().centringNote());
    c.put("merge", pc.merge().name().toLowerCase(Locale.ROOT));
    c.put("meanCorrection", pc.meanCorrection());
    c.put("order", pc.order().name().toLowerCase(Locale.ROOT));
    c.put("layer", pc.layer());
    c.put("step", sc.step());
    c.put("untilUnits", sc.untilUnits());
    c.put("maxLossIncrease", Double.isInfinite(sc.maxLossIncrease()) ? null : sc.maxLossIncrease());
    c.put("force", sc.force());
    c.put("finetuneEpochs", sc.finetuneEpochs());
    c.put("seed", common.seed);
    j.put("config", c);
    j.put("stop", r.stop().name().toLowerCase(Locale.ROOT));
    j.put("stopMessage", r.stopMessage());
    List<Map<String, Object>> steps = new ArrayList<>();
    for (ScheduleStep<?> s : r.steps()) {
      var m = s.metrics();
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("step", s.step());
      e.put("unitsRemoved", s.unitsRemoved());
      e.put("pairs", s.pairs());
      e.put("hiddenSizes", s.hiddenSizes());
      e.put("survivors", s.survivors());
      e.put("loss", m.loss());
      e.put("accuracy", m.accuracy());
      e.put("precision", m.macroPrecision());
      e.put("recall", m.macroRecall());
      e.put("f1", m.macroF1());
      e.put("specificity", m.macroSpecificity());
      e.put("executionTime", s.timing());
      e.put("minAngleDeg", Double.isNaN(s.minAngleDeg()) ? null : s.minAngleDeg());
      e.put("parameters", s.parameterCount());
      e.put("beyondThreshold", s.beyondThreshold());
      e.put("validationLoss", Double.isNaN(s.validationLoss()) ? null : s.validationLoss());
      e.put("metrics", m);
      e.put("actions", s.actions());
      steps.add(e);
    }
    j.put("steps", steps);
    j.put("files", files);
    return j;
  }
}
