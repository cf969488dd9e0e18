package org.distinct.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.distinct.BadInputException;
import org.distinct.util.AtomicFiles;
import org.distinct.data.Dataset;
import org.distinct.data.split.Fold;
import org.distinct.data.split.GroupHoldout;
import org.distinct.eval.ExecutionTimer;
import org.distinct.model.ElmanRnn;
import org.distinct.model.Mlp;
import org.distinct.data.SequenceDataset;
import org.distinct.prune.RnnTarget;
import org.distinct.model.ModelFile;
import org.distinct.model.SavedModel;
import org.distinct.prune.Centring;
import org.distinct.prune.Criteria;
import org.distinct.prune.Finetuner;
import org.distinct.prune.MergeRule;
import org.distinct.prune.MlpFinetuner;
import org.distinct.prune.PairOrder;
import org.distinct.prune.PatternSet;
import org.distinct.prune.PrunerConfig;
import org.distinct.prune.PruningMethod;
import org.distinct.prune.PruningSchedule;
import org.distinct.prune.ScheduleConfig;
import org.distinct.prune.ScheduleResult;
import org.distinct.prune.ScheduleStep;
import org.distinct.train.MlpTrainConfig;
import org.distinct.train.OptimizerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.distinct.util.Rows;

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
 * and every file is written atomically.
 */
@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    description = {
      "Prune a hidden layer of a saved MLP (the paper's Table 2) or the hidden units of a saved Elman RNN (Table 3) step by step.",
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
      "  distinct train --model rnn --save rnn.json && distinct prune -m rnn.json --mode mask --order fewest-partners"
    })
public final class PruneCommand implements Callable<Integer> {
  /** Marker file that identifies a prune output folder. */
  public static final String MARKER = ".distinct-prune";

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin ModelData modelData;
  @Mixin RnnData rnnData;

  @Option(names = "--mode", defaultValue = "structural",
      description = "RNN models: structural (units deleted, a smaller RNN) or mask (the paper's variant: incoming weights zeroed, "
          + "dimensions unchanged) (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--last-step", description = "RNN models: activation vectors from the last time step only (default: every step).")
  boolean lastStep;

  @Option(names = "--criterion", defaultValue = "distinctiveness",
      description = "distinctiveness, random, magnitude-in, magnitude-out, variance or taylor (default: ${DEFAULT-VALUE}).")
  String criterion;

  @Option(names = "--merge", defaultValue = "add", description = "Similar pairs: add (the paper's rule) or regress (default: ${DEFAULT-VALUE}).")
  String merge;

  @Option(names = "--no-mean-correction",
      description = "With --merge add, do not fold W_out[:,r]*(mean(a_r)-mean(a_k)) into the bias (the paper's exact rule).")
  boolean noMeanCorrection;

  @Option(names = "--order", defaultValue = "paper", description = "paper, smallest-angle or fewest-partners (default: ${DEFAULT-VALUE}).")
  String order;

  @Option(names = "--step", defaultValue = "2", paramLabel = "N", description = "Units removed per step (default: ${DEFAULT-VALUE}).")
  int step;

  @Option(names = "--until-units", paramLabel = "N", description = "Stop when the layer has N units left (default: 1).")
  Integer untilUnits;

  @Option(names = "--remove", paramLabel = "N", description = "Remove at most N units in all (instead of --until-units).")
  Integer remove;

  @Option(names = "--max-loss-increase", paramLabel = "X",
      description = "Stop before a step raises the validation loss by more than X (needs --validation-fraction).")
  Double maxLossIncrease;

  @Option(names = "--validation-fraction", paramLabel = "F",
      description = "Set aside whole participants holding about F of the --data rows as validation rows.")
  Double validationFraction;

  @Option(names = "--force", description = "When no pair passes the thresholds, take the closest pair anyway (row marked *).")
  boolean force;

  @Mixin ThresholdOptions thresholds;

  @Option(names = "--center", defaultValue = "natural", paramLabel = "C",
      description = "Centring: natural (0.5 sigmoid, 0 tanh, range midpoint ReLU), a number, none or midrange (default: ${DEFAULT-VALUE}).")
  String center;

  @Option(names = "--patterns", defaultValue = "train", paramLabel = "SET",
      description = "Activation vectors over train, test or all rows (default: ${DEFAULT-VALUE}; see --train-data).")
  String patterns;

  @Option(names = "--layer", defaultValue = "0", paramLabel = "L", description = "Hidden layer to prune, from 0 (default: ${DEFAULT-VALUE}).")
  int layer;

  @Option(names = "--finetune-epochs", defaultValue = "0", paramLabel = "N",
      description = "Fine-tune the pattern rows for N epochs after every step, 0 = off as in the paper (default: ${DEFAULT-VALUE}).")
  int finetuneEpochs;

  @Option(names = "--finetune-lr", defaultValue = "0.001", paramLabel = "LR", description = "Adam learning rate of fine-tuning (default: ${DEFAULT-VALUE}).")
  double finetuneLr;

  @Option(names = {"-o", "--out"}, defaultValue = "distinct-prune", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--overwrite", description = "Write into a non-empty folder that is not a previous prune output.")
  boolean overwrite;

  @Option(names = "--save-every-step", description = "Save the model of every step (pruned-step-N.json), not only the last (pruned.json).")
  boolean saveEveryStep;

  @Override
  public Integer call() throws IOException {
    // 1. options (no file is read or written before they are valid)
    PrunerConfig pc = prunerConfig();
    PruningMethod method = parse("--criterion", () -> Criteria.method(criterion, pc));
    if (untilUnits != null && remove != null) throw new BadInputException("--until-units and --remove: give only one of them");
    if (remove != null && remove < 1) throw new BadInputException("--remove " + remove + ": must be at least 1 unit");
    if (validationFraction != null && !(validationFraction > 0 && validationFraction < 1))
      throw new BadInputException("--validation-fraction " + validationFraction + ": must lie strictly between 0 and 1");
    if (maxLossIncrease != null && validationFraction == null)
      throw new BadInputException("--max-loss-increase needs validation rows: add --validation-fraction F (a model file records no held-out rows)");
    if (finetuneLr <= 0 || !Double.isFinite(finetuneLr)) throw new BadInputException("--finetune-lr " + finetuneLr + ": must be > 0");
    ScheduleConfig sc0 = new ScheduleConfig(step, untilUnits == null ? 1 : untilUnits,
        maxLossIncrease == null ? Double.POSITIVE_INFINITY : maxLossIncrease, force, finetuneEpochs, ExecutionTimer.Config.steady());
    checkOutFolder();

    // 2. model and data
    SavedModel saved = modelData.loadAnyModel();
    String modelName = modelData.modelPath().toString();
    if (saved.network() instanceof ElmanRnn rnn) return pruneRnn(saved, rnn, modelName, pc, method, sc0);
    if (!(saved.network() instanceof Mlp mlp))
      throw BadInputException.at(modelName, 0, null, "is a '" + saved.kind() + "' model; distinct prune prunes MLP and RNN models");
    if (mlp.hiddenLayerCount() == 0)
      throw BadInputException.at(modelName, 0, null, "the model " + ModelData.describe(mlp) + " has no hidden layer: nothing to prune");
    if (layer < 0 || layer >= mlp.hiddenLayerCount())
      throw new BadInputException("--layer " + layer + ": the model " + ModelData.describe(mlp) + " has hidden layers 0 to "
          + (mlp.hiddenLayerCount() - 1));
    ScheduleConfig sc = unitLimits(sc0, mlp.layer(layer).out(), modelName, "hidden layer " + layer);

    Dataset all = modelData.evaluationRows(saved);
    Dataset evaluation = all;
    Dataset validation = null;
    if (validationFraction != null) {
      Fold f;
      try {
        f = new GroupHoldout(validationFraction).split(all.rows(), all.labels(), all.groups(), common.seed).get(0);
      } catch (IllegalArgumentException e) {
        throw BadInputException.at(all.source(), 0, null, "cannot set aside validation rows: " + e.getMessage());
      }
      validation = all.subset(f.test());
      evaluation = all.subset(f.train());
    }
    PatternSet set = pc.patterns();
    Dataset pat = modelData.patternRows(saved, set, evaluation);
    if (pat.rows() < 2)
      throw BadInputException.at(pat.source(), 0, null, "the pattern set has " + pat.rows() + " row(s); angles need at least 2 patterns");

    Finetuner<Mlp> finetuner = null;
    if (finetuneEpochs > 0) {
      finetuner = MlpFinetuner.of(MlpTrainConfig.defaults().withOptimizer(OptimizerConfig.adam(finetuneLr)), pat, null);
    }

    // 3. run; one untimed round of the timer first, so that step 0 is not timed while the JIT is still compiling
    Dataset timed = evaluation;
    new ExecutionTimer(sc.timing()).time(() -> Rows.argmax(mlp.logits(timed.x(), timed.rows()), timed.rows(), mlp.numClasses()));
    ScheduleResult<Mlp> result = new PruningSchedule(sc).run(method, mlp, layer, pat, evaluation, validation, finetuner, common.seed);
    String what = "MLP " + ModelData.describe(mlp) + ", " + mlp.parameterCount() + " parameters";
    String evaluated = modelData.describeData() + ", " + evaluation.rows() + " rows"
        + (validation == null ? "" : " (" + validation.rows() + " rows of whole participants set aside for validation)");
    return finish(saved, result, pc, sc, modelData.describePatterns(set), what, evaluated, evaluation.rows(),
        validation == null ? 0 : validation.rows(), "Table 2");
  }

  /** Checks --remove / --until-units against the layer size and returns the schedule with the unit limit. */
  private ScheduleConfig unitLimits(ScheduleConfig sc0, int units, String modelName, String layerName) {
    if (remove != null && remove >= units)
      throw BadInputException.at(modelName, 0, null,
          "cannot remove " + remove + " units: " + layerName + " has only " + units + " (a layer keeps at least one)");
    if (untilUnits != null && untilUnits >= units)
      throw BadInputException.at(modelName, 0, null,
          "--until-units " + untilUnits + ": " + layerName + " has only " + units + " units, nothing to remove");
    return remove != null ? sc0.withUntilUnits(units - remove) : sc0;
  }

  /**
   * Prunes the hidden units of an Elman RNN (Table 3). The pattern set and the evaluation set are the
   * preprocessed sequences of {@code --series} (a model file records no split).
   */
  private Integer pruneRnn(SavedModel saved, ElmanRnn rnn, String modelName, PrunerConfig pc, PruningMethod method, ScheduleConfig sc0)
      throws IOException {
    RnnTarget.Mode m = parse("--mode", () -> RnnTarget.Mode.parse(mode));
    if (layer != 0) throw new BadInputException("--layer " + layer + ": an Elman RNN has one hidden layer (0)");
    if (validationFraction != null || maxLossIncrease != null)
      throw new BadInputException("--validation-fraction / --max-loss-increase: not available for RNN models in this build");
    if (finetuneEpochs > 0) throw new BadInputException("--finetune-epochs: not available for RNN models in this build");
    ScheduleConfig sc = unitLimits(sc0.withTiming(ExecutionTimer.Config.fixed(3, 7)), rnn.hiddenSize(), modelName, "the hidden layer");
    SequenceDataset data = rnnData.load(saved, modelName, modelData.demoSeed);
    if (data.size() < 2)
      throw BadInputException.at(data.source(), 0, null, "the pattern set has " + data.size() + " sequence(s); angles need at least 2 patterns");
    RnnTarget target = new RnnTarget(m, lastStep);
    // one untimed round first, so that step 0 is not timed while the JIT is still compiling
    new ExecutionTimer(sc.timing()).time(() -> rnn.predict(data));
    ScheduleResult<ElmanRnn> result = new PruningSchedule(sc).run(target, method, rnn, data, data, null, null, common.seed);
    String what = "Elman RNN " + rnn.inputSize() + "-" + rnn.hiddenSize() + "-" + rnn.numClasses() + ", " + rnn.parameterCount()
        + " parameters; mode " + m.label();
    String source = rnnData.describe(modelData.demoSeed) + " (" + RnnData.describe(RnnData.preprocessing(saved, modelName).config()) + ")";
    return finish(saved, result, pc, sc, "hidden states " + (lastStep ? "at the last step" : "at every step") + " of " + source,
        what, source + ", " + data.size() + " sequences", data.size(), 0, "Table 3");
  }

  private <M extends org.distinct.model.Network<?>> Integer finish(SavedModel saved, ScheduleResult<M> result, PrunerConfig pc,
      ScheduleConfig sc, String patternText, String what, String evaluated, int evaluationRows, int validationRows, String table)
      throws IOException {
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
    Centring c = AnglesCommand.parseCentring(center, false);
    MergeRule m = parse("--merge", () -> MergeRule.parse(merge));
    PairOrder o = parse("--order", () -> PairOrder.parse(order));
    PatternSet p = AnglesCommand.parsePatterns(patterns);
    if (layer < 0) throw new BadInputException("--layer " + layer + ": must be >= 0");
    return new PrunerConfig(thresholds.similar, thresholds.complementary, thresholds.epsilon, c, m, !noMeanCorrection, o, true, p, layer);
  }

  private static <T> T parse(String option, java.util.function.Supplier<T> s) {
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

  private <M extends org.distinct.model.Network<?>> List<String> write(SavedModel saved, ScheduleResult<M> r, PrunerConfig pc,
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
    content.put(tableFile + ".csv", csv(r).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    content.put(tableFile + ".json", (Json.write(toJson(saved, r, pc, sc, patternText, what, evaluationRows, validationRows, modelFiles)) + "\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (Map.Entry<String, SavedModel> e : models.entrySet())
      content.put(e.getKey(), ModelFile.toJson(e.getValue()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    content.put(MARKER, "distinct prune output folder\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));

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

  private <M extends org.distinct.model.Network<?>> SavedModel prunedModel(SavedModel saved, ScheduleStep<M> s, ScheduleResult<M> r,
      PrunerConfig pc) {
    Map<String, Object> cfg = new LinkedHashMap<>(saved.trainingConfig());
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("from", modelData.modelPath().toString());
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
    pw.println("model: " + modelData.model + " (" + what + ")");
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
    j.put("model", modelData.modelPath().toString());
    j.put("architecture", what);
    j.put("data", modelData.describeData());
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
