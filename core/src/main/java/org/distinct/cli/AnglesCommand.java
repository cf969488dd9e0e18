package org.distinct.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distinct.BadInputException;
import org.distinct.data.LabelledData;
import org.distinct.data.Table;
import org.distinct.data.TableReadOptions;
import org.distinct.data.TableReader;
import org.distinct.family.Families;
import org.distinct.family.ModelFamily;
import org.distinct.family.TargetSpec;
import org.distinct.model.Network;
import org.distinct.model.SavedModel;
import org.distinct.onnx.Models;
import org.distinct.prune.ActivationAngles;
import org.distinct.prune.AngleConfig;
import org.distinct.prune.AngleResult;
import org.distinct.prune.Centring;
import org.distinct.prune.PatternSet;
import org.distinct.prune.PruningTarget;
import org.distinct.prune.RnnTarget;
import org.distinct.prune.UnitPair;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distinct angles}: the pairwise angles between hidden units' activation vectors, the similar,
 * complementary and near-constant units (distinctiveness spec), computed by {@link ActivationAngles}, the same
 * code the pruner uses.
 *
 * <p>Two sources: a patterns × units matrix from a file ({@code --activations}; header = unit names, every
 * cell a finite number), or hidden layer {@code --layer} of a saved MLP over the rows of {@code --data}
 * (scaled with the model's scaler; pattern sets as described in {@link ModelData}).
 *
 * <p>Centring: {@code --center} is a number (subtracted from every activation), {@code none}, {@code midrange}
 * (per unit, the midpoint of its observed range) or {@code natural} (the activation's own centre: 0.5 for
 * sigmoid, 0 for tanh, the range midpoint for ReLU). Default: {@code natural} for a model; for a file, whose
 * activation function is unknown, 0.5 (the paper's sigmoid units), with a warning when values fall outside
 * [0, 1].
 */
@Command(
    name = "angles",
    mixinStandardHelpOptions = true,
    description = {
      "Angles between hidden units' activation vectors; similar, complementary, near-constant units.",
      "Prints the full angle matrix in degrees and the lists of similar (angle < --similar), complementary (angle > --complementary) and near-constant units. Reads a patterns x units matrix (one column per unit, e.g. exported from another framework) or a saved model's hidden layer."
    },
    footer = {
      "",
      "Examples:",
      "  distinct angles --activations hidden.csv        sigmoid units (centre 0.5)",
      "  distinct angles --activations tanh.csv --center 0 --similar 10",
      "  distinct angles --activations relu.csv --center midrange --json",
      "  distinct angles --model mlp.json --data music-eeg-features.xlsx",
      "  distinct angles --model mlp.json --data test.csv --train-data train.csv",
      "  distinct angles --model rnn.json --series S/ --last-step"
    })
public final class AnglesCommand implements Callable<Integer> {
  /** Angle-matrix columns printed per block. */
  static final int BLOCK = 16;

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin ModelInput input;

  /** Where the activations come from: a matrix file or a saved model (exactly one). */
  static final class Source {
    @Option(names = {"-a", "--activations"}, required = true, paramLabel = "FILE",
        description = "Activation matrix (.csv/.xlsx): one row per pattern, one column per unit, header = unit names.")
    Path activations;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE",
        description = "Saved model (JSON model file or .onnx): the angles of one of its hidden layers over its data (--data or --series).")
    Path model;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--last-step", description = "Sequence models: only the last hidden state of each sequence (default: every time step).")
  boolean lastStep;

  @Option(names = "--center", paramLabel = "C", converter = CentringOption.class,
      description = "Centring: a number (e.g. 0.5 or 0), none, midrange or natural (default: natural for --model, 0.5 for --activations).")
  Centring center;

  @Mixin ThresholdOptions thresholds;

  @Option(names = "--layer", defaultValue = "0", paramLabel = "L", description = "With --model: hidden layer, from 0 (default: ${DEFAULT-VALUE}).")
  int layer;

  @Option(names = "--patterns", defaultValue = "train", paramLabel = "SET", converter = Words.PatternsConverter.class,
      completionCandidates = Words.PatternsWords.class,
      description = "With --model: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; see 'train' under --train-data).")
  PatternSet patterns;

  /** An analysis and what it was computed from. */
  private record Analysis(AngleResult result, List<String> units, String source, List<String> warnings) {}

  @Override
  public Integer call() {
    Centring centring = center != null ? center : source.activations != null ? Centring.fixed(0.5) : Centring.natural();
    AngleConfig cfg = new AngleConfig(thresholds.similar, thresholds.complementary, thresholds.epsilon, centring);
    Analysis a;
    if (source.activations != null) {
      a = fromFile(cfg);
    } else {
      SavedModel m = Models.load(source.model);
      a = fromModel(Families.of(m), m, cfg);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (common.json) out.println(Json.write(toJson(a.result(), a.units(), a.source(), a.warnings())));
    else print(out, a.result(), a.units(), a.source(), a.warnings());
    out.flush();
    return 0;
  }

  private Analysis fromFile(AngleConfig cfg) {
    Path file = source.activations;
    Table t = TableReader.read(file, TableReadOptions.defaults());
    int n = t.rows();
    int h = t.cols();
    if (n < 2) throw BadInputException.at(file.toString(), 0, null, "has " + n + " pattern row(s); angles need at least 2 patterns");
    double[] a = new double[n * h];
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int p = 0; p < n; p++)
      for (int u = 0; u < h; u++) {
        double v = t.number(p, u); // throws naming row and column
        a[p * h + u] = v;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    List<String> warnings = new ArrayList<>();
    if (center == null && (lo < 0 || hi > 1))
      warnings.add(String.format(Locale.ROOT,
          "activations range over [%s, %s], outside [0, 1]: the default centre 0.5 assumes sigmoid units; use --center 0 for tanh or --center midrange for ReLU",
          Fmt.g(lo), Fmt.g(hi)));
    AngleResult r = ActivationAngles.compute(a, n, h, null, cfg);
    return new Analysis(r, t.columnNames(), file + " (" + n + " patterns x " + h + " units)", warnings);
  }

  private <M extends Network<D>, R extends LabelledData<R>, D extends LabelledData<D>> Analysis fromModel(ModelFamily<M, R, D, ?> f,
      SavedModel loaded, AngleConfig cfg) {
    SavedModel saved = input.bind(f, loaded);
    M model = f.network(saved);
    PruningTarget<M, D> target = ModelTargets.of(f, model, new TargetSpec(layer, RnnTarget.Mode.STRUCTURAL, lastStep), source.model);
    D eval = input.evaluation(f, saved);
    D pat = input.patterns(f, saved, patterns, eval);
    double[] acts = target.activations(model, pat);
    int n = acts.length / target.units(model);
    if (n < 2) throw BadInputException.at(pat.source(), 0, null, "has " + n + " pattern(s); angles need at least 2 patterns");
    AngleResult r = ActivationAngles.forTarget(target, model, pat, cfg);
    List<String> units = new ArrayList<>();
    for (int u = 0; u < r.units(); u++) units.add("h" + u);
    String what = source.model + ", " + target.describe(model) + " of " + f.describe(model) + ", patterns "
        + input.describePatterns(f, patterns) + " (" + n + " patterns)";
    return new Analysis(r, units, what, input.describeSetup() == null ? List.of() : List.of(input.describeSetup()));
  }

  private static String deg(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String pair(List<String> units, UnitPair p) {
    return units.get(p.i()) + " & " + units.get(p.j()) + String.format(Locale.ROOT, ": %.2f°", p.angleDeg());
  }

  private void print(PrintWriter out, AngleResult r, List<String> units, String source, List<String> warnings) {
    AngleConfig c = r.config();
    out.println("angles of " + source);
    out.println("centring: " + r.centringNote() + "; similar < " + Fmt.g(c.similarDeg()) + "°, complementary > "
        + Fmt.g(c.complementaryDeg()) + "°, near-constant if |centred| < " + Fmt.g(c.epsilon()) + "·√N");
    for (String w : warnings) out.println(w.startsWith("setup (") ? w : "warning: " + w);
    out.println();
    out.println("Angle matrix (degrees; '-' = undefined, near-constant unit):");
    int h = r.units();
    for (int start = 0; start < h; start += BLOCK) {
      int end = Math.min(h, start + BLOCK);
      List<String> header = new ArrayList<>();
      header.add("");
      for (int j = start; j < end; j++) header.add(units.get(j));
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < h; i++) {
        List<String> row = new ArrayList<>();
        row.add(units.get(i));
        for (int j = start; j < end; j++) row.add(deg(r.angle(i, j)));
        rows.add(row);
      }
      if (start > 0) out.println();
      out.print(Fmt.table(header, rows));
    }
    out.println();
    out.println("Similar pairs (" + r.similar().size() + "):" + (r.similar().isEmpty() ? " none" : ""));
    for (UnitPair p : r.similar()) out.println("  " + pair(units, p));
    out.println("Complementary pairs (" + r.complementary().size() + "):" + (r.complementary().isEmpty() ? " none" : ""));
    for (UnitPair p : r.complementary()) out.println("  " + pair(units, p));
    int[] k = r.constantUnits();
    out.println("Near-constant units (" + k.length + "):" + (k.length == 0 ? " none" : ""));
    for (int u : k)
      out.println("  " + units.get(u) + ": mean " + Fmt.g(r.means()[u]) + ", centred length " + Fmt.g(r.centredNorms()[u]));
    out.println("Minimum angle: " + (Double.isNaN(r.minAngleDeg()) ? "undefined (fewer than two non-constant units)"
        : String.format(Locale.ROOT, "%.4f°", r.minAngleDeg())));
  }

  private static Map<String, Object> toJson(AngleResult r, List<String> units, String source, List<String> warnings) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", source);
    m.put("patterns", r.patterns());
    m.put("units", units);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("kind", r.centringUsed().kind().name().toLowerCase(Locale.ROOT));
    c.put("value", Double.isNaN(r.centringUsed().value()) ? null : r.centringUsed().value());
    c.put("note", r.centringNote());
    c.put("centres", r.centres());
    m.put("centring", c);
    m.put("similarDeg", r.config().similarDeg());
    m.put("complementaryDeg", r.config().complementaryDeg());
    m.put("epsilon", r.config().epsilon());
    List<List<Double>> rows = new ArrayList<>();
    for (int i = 0; i < r.units(); i++) {
      List<Double> row = new ArrayList<>();
      for (int j = 0; j < r.units(); j++) row.add(Double.isNaN(r.angle(i, j)) ? null : r.angle(i, j));
      rows.add(row);
    }
    m.put("anglesDeg", rows);
    m.put("similar", pairs(r.similar(), units));
    m.put("complementary", pairs(r.complementary(), units));
    List<Map<String, Object>> cons = new ArrayList<>();
    for (int u : r.constantUnits()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("unit", units.get(u));
      e.put("index", u);
      e.put("mean", r.means()[u]);
      e.put("centredLength", r.centredNorms()[u]);
      cons.add(e);
    }
    m.put("nearConstant", cons);
    m.put("minAngleDeg", Double.isNaN(r.minAngleDeg()) ? null : r.minAngleDeg());
    m.put("warnings", warnings);
    return m;
  }

  private static List<Map<String, Object>> pairs(List<UnitPair> ps, List<String> units) {
    List<Map<String, Object>> l = new ArrayList<>();
    for (UnitPair p : ps) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("i", units.get(p.i()));
      e.put("j", units.get(p.j()));
      e.put("iIndex", p.i());
      e.put("jIndex", p.j());
      e.put("angleDeg", p.angleDeg());
      l.add(e);
    }
    return l;
  }
}
