package org.distinct.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distinct.BadInputException;

/**
 * {@code distinct study --rerun provenance.json}: reads what a report recorded, and after the rerun compares
 * every number except wall-clock measurements (execution times, durations, dates), which no rerun can repeat.
 */
public final class Rerun {
  /** Fields that hold wall-clock measurements, excluded from the comparison. */
  static final Set<String> CLOCK_FIELDS = Set.of("timeMedianMs", "timeMinMs", "timeMaxMs", "seconds", "provenance");

  private Rerun() {}

  /**
   * What a report recorded.
   *
   * @param provenanceFile the provenance file read
   * @param config the study that was run
   * @param threads the thread count it ran with
   * @param results the recorded results (JSON tree), or null if the report has none
   * @param inputs the recorded inputs with their checksums (JSON array), or null
   */
  public record Recorded(Path provenanceFile, StudyConfig config, int threads, JsonNode results, JsonNode inputs) {}

  /**
   * Reads a report's provenance (and its results.json beside it).
   *
   * @param provenance path of {@code provenance.json}
   * @return what was recorded
   */
  public static Recorded read(Path provenance) {
    try {
      JsonNode p = UnitCache.JSON.readTree(provenance.toFile());
      if (p == null || !p.hasNonNull("studyYaml"))
        throw new BadInputException(provenance + ": not a distinct provenance file (no 'studyYaml')");
      StudyConfig config = StudyFile.parse(p.get("studyYaml").asText(), provenance + " (studyYaml)");
      int threads = p.path("threads").asInt(1);
      Path results = provenance.toAbsolutePath().getParent().resolve("results.json");
      JsonNode r = Files.isRegularFile(results) ? UnitCache.JSON.readTree(results.toFile()) : null;
      return new Recorded(provenance, config, Math.max(1, threads), r, p.get("inputs"));
    } catch (NoSuchFileException | FileNotFoundException e) {
      throw new BadInputException(provenance + ": no such file");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BadInputException(provenance + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new BadInputException(provenance + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Compares a rerun's numbers with the recorded ones and prints the verdict.
   *
   * @param recorded what the report recorded
   * @param rerun the new result
   * @param out where to print
   * @return true if every number (except clock measurements) is bit-identical
   */
  public static boolean compare(Recorded recorded, StudyResult rerun, PrintWriter out) {
    if (recorded.results() == null) {
      out.println("rerun: " + recorded.provenanceFile() + " has no results.json beside it; nothing to compare");
      return false;
    }
    if (recorded.inputs() != null && recorded.inputs().isArray()) {
      JsonNode nowInputs = UnitCache.JSON.valueToTree(rerun.provenance().inputs());
      for (int i = 0; i < recorded.inputs().size(); i++) {
        JsonNode was = recorded.inputs().get(i);
        JsonNode is = i < nowInputs.size() ? nowInputs.get(i) : null;
        if (is == null || !was.path("sha256").asText().equals(is.path("sha256").asText())) {
          out.println("rerun: input '" + was.path("path").asText() + "' (" + was.path("role").asText()
              + ") is not the one the report was made from: SHA-256 " + was.path("sha256").asText() + " recorded, "
              + (is == null ? "none" : is.path("sha256").asText()) + " now");
          return false;
        }
      }
    }
    JsonNode now;
    JsonNode recordedResults = upgrade(recorded.results().deepCopy());
    try {
      // Through text, exactly as results.json was written, so numbers compare in the same representation.
      now = UnitCache.JSON.readTree(UnitCache.JSON.writeValueAsString(rerun));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    List<String> diffs = new ArrayList<>();
    int[] count = {0};
    diff("", strip(recordedResults), strip(now), diffs, count);
    if (diffs.isEmpty()) {
      out.println("rerun: all " + count[0] + " recorded numbers reproduced bit for bit (execution times excluded)");
      return true;
    }
    out.println("rerun: " + diffs.size() + " of " + count[0] + " numbers differ, e.g.:");
    for (String d : diffs.subList(0, Math.min(10, diffs.size()))) out.println("  " + d);
    return false;
  }

  /**
   * Brings a recorded {@code results.json} to the current layout (format version 2): version 1 (no {@code format}
   * field) held one array per model at the top level, {@code "mlp"} and {@code "rnn"}, and named the RNN's part sizes
   * {@code trainSequences} and {@code testSequences}, the MLP's leakage check {@code randomSplitTestAccuracy} and
   * {@code randomSplitTestLoss}; now the runs of every section are under {@code runs.<kind>}, each a {@link Run} with
   * {@code trainRows}, {@code testRows}, {@code leakageTestAccuracy} and {@code leakageTestLoss}.
   *
   * <p>Every version before this one named the data's group column {@code data.participantColumn}; it is now
   * {@code data.groupColumn} (the same setting).
   *
   * @param results a recorded results tree (Modified)
   * @return the tree in the current layout
   */
  static JsonNode upgrade(JsonNode results) {
    if (results.path("config").path("data") instanceof ObjectNode d) rename(d, "participantColumn", "groupColumn");
    if (!(results instanceof ObjectNode o) || o.has("format")) return results;
    ObjectNode runs = o.objectNode();
    for (String kind : new String[] {"mlp", "rnn"}) {
      JsonNode a = o.remove(kind);
      if (a == null || !a.isArray() || a.isEmpty()) continue;
      for (JsonNode run : a)
        if (run instanceof ObjectNode r) {
          rename(r, "trainSequences", "trainRows");
          rename(r, "testSequences", "testRows");
          rename(r, "randomSplitTestAccuracy", "leakageTestAccuracy");
          rename(r, "randomSplitTestLoss", "leakageTestLoss");
        }
      runs.set(kind, a);
    }
    o.set("runs", runs);
    return o;
  }

  private static void rename(ObjectNode o, String from, String to) {
    JsonNode v = o.remove(from);
    if (v != null) o.set(to, v);
  }

  private static JsonNode strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      o.remove(CLOCK_FIELDS);
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) strip(it.next().getValue());
    } else if (n != null && n.isArray()) {
      for (JsonNode c : n) strip(c);
    }
    return n;
  }

  private static void diff(String path, JsonNode a, JsonNode b, List<String> out, int[] count) {
    if (a == null || b == null) {
      if (a != b) out.add(path + ": present in only one");
      return;
    }
    if (a.isObject()) {
      Iterator<String> names = a.fieldNames();
      while (names.hasNext()) {
        String k = names.next();
        diff(path + "." + k, a.get(k), b.get(k), out, count);
      }
      return;
    }
    if (a.isArray()) {
      if (a.size() != b.size()) {
        out.add(path + ": " + a.size() + " vs " + b.size() + " entries");
        return;
      }
      for (int i = 0; i < a.size(); i++) diff(path + "[" + i + "]", a.get(i), b.get(i), out, count);
      return;
    }
    count[0]++;
    if (!a.equals(b)) out.add(path + ": recorded " + a + ", now " + b);
  }
}
